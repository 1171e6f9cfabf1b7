package noise

import (
	"reflect"
	"regexp"
	"testing"
)

func TestClassifyBlocks(t *testing.T) {
	prose := "The ministry said on Tuesday that the new rules would take effect next year, after a long consultation with the industry and with consumer groups across the country, which had asked for clearer labels and for a longer transition period."
	prose2 := "Officials expect the change to lower prices for most households, although some analysts warned that the effect could be smaller than the government has claimed, because many suppliers had already cut their margins during the past year."
	tests := []struct {
		name   string
		blocks []Block
		want   []Kind
		rules  map[int]string
	}{
		{
			name: "menu, article, appeal",
			blocks: []Block{
				{Text: "Skip to content"},
				{Text: "Home", ListItem: true},
				{Text: prose},
				{Text: prose2},
				{Text: "Dear readers,"},
				{Text: "We need your help to keep our newsroom going. If you can, please support us with a small monthly contribution.", SameParagraph: true},
				{Text: "Remind me later.", SameParagraph: true},
			},
			want:  []Kind{Navigation, Navigation, Unspecified, Unspecified, DonationAppeal, DonationAppeal, DonationAppeal},
			rules: map[int]string{0: "navigation-lexicon"},
		},
		{
			name: "html blocks: heading kept, link list dropped",
			blocks: []Block{
				{Text: prose},
				{Text: "What the new rules change for households", Heading: true},
				{Text: prose2},
				{Text: "Budget vote · Tram line · School repairs", LinkDensity: 0.9},
			},
			want:  []Kind{Unspecified, Unspecified, Unspecified, Navigation},
			rules: map[int]string{3: "link-density"},
		},
		{
			name: "feed after article",
			blocks: []Block{
				{Text: prose},
				{Text: prose2},
				{Text: "News Feed"},
				{Text: "12:06 AM"},
				{Text: "Minister resigns after budget row."},
				{Text: prose},
			},
			want:  []Kind{Unspecified, Unspecified, RelatedContent, RelatedContent, RelatedContent, RelatedContent},
			rules: map[int]string{3: "feed-timestamp"},
		},
		{
			name: "short boilerplate lines between paragraphs, several languages",
			blocks: []Block{
				{Text: prose},
				{Text: "Zum Weiterlesen:"},
				{Text: prose2},
				{Text: "Lea también: El Congreso aprueba la nueva ley de presupuestos"},
				{Text: prose},
				{Text: "Crédits photos : Agence"},
				{Text: prose2},
				{Text: "This entry was posted in News. Bookmark the permalink."},
				{Text: "Rezept drucken Bei Pinterest speichern"},
				{Text: "War der Artikel nützlich? (12 Stimmen)"},
			},
			want: []Kind{Unspecified, RelatedContent, Unspecified, RelatedContent, Unspecified, Caption, Unspecified, Navigation, Social, Social},
			rules: map[int]string{1: "related-lexicon", 3: "related-lexicon", 5: "caption-lexicon", 7: "navigation-lexicon",
				8: "social-lexicon", 9: "social-lexicon"},
		},
		{
			name: "opening phrase set off by a colon decides a long line; a label-only word needs the colon",
			blocks: []Block{
				{Text: prose},
				{Text: "VEA TAMBIÉN: Entre lluvias y protestas, la ciudad vuelve a discutir el nuevo plan de transporte para el centro"},
				{Text: prose2},
				{Text: "Lee: el informe completo sobre el accidente en la autopista que conmocionó al país esta semana"},
				{Text: prose},
				{Text: "Lee lo que pasó"},
				{Text: prose2},
			},
			want:  []Kind{Unspecified, RelatedContent, Unspecified, RelatedContent, Unspecified, Unspecified, Unspecified},
			rules: map[int]string{1: "related-lexicon", 3: "related-lexicon"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ClassifyBlocks(tc.blocks)
			if len(got) != len(tc.blocks) {
				t.Fatalf("got %d labels for %d blocks", len(got), len(tc.blocks))
			}
			for i, l := range got {
				if l.Kind != tc.want[i] {
					t.Errorf("block %d %q: kind %v (rule %s), want %v", i, tc.blocks[i].Text, l.Kind, l.Rule, tc.want[i])
				}
				if l.Rule == "" {
					t.Errorf("block %d: empty rule", i)
				}
			}
			for i, r := range tc.rules {
				if got[i].Rule != r {
					t.Errorf("block %d: rule %q, want %q", i, got[i].Rule, r)
				}
			}
		})
	}
}

func TestLexiconLoads(t *testing.T) {
	for _, lang := range []string{"en", "de", "fr", "es", "it", "pt", "pl", "ru", "uk"} {
		if len(lexicon.wordSets["stopwords"][lang]) < 50 {
			t.Errorf("%s: %d stop words, want at least 50", lang, len(lexicon.wordSets["stopwords"][lang]))
		}
		n := 0
		for _, p := range lexicon.phrases {
			if p.lang == lang {
				n++
			}
		}
		if n < 50 {
			t.Errorf("%s: %d phrases, want at least 50", lang, n)
		}
	}
}

func TestParseThresholds(t *testing.T) {
	if _, err := parseThresholds(thresholdsFile); err != nil {
		t.Fatalf("embedded thresholds: %v", err)
	}
	for _, bad := range []string{"length_low x", "unknown_name 3", "length_low 70"} {
		if _, err := parseThresholds(bad); err == nil {
			t.Errorf("parseThresholds(%q) accepted", bad)
		}
	}
}

// A Classifier that saw some texts before labels a block list exactly as
// a fresh ClassifyBlocks does, even where a seen text comes back with
// other structure (a heading now, a link, a new paragraph).
func TestClassifierReuseMatchesFresh(t *testing.T) {
	prose := "The ministry said on Tuesday that the new rules would take effect next year, after a long consultation with the industry and with consumer groups."
	body := []Block{
		{Text: "Rain returns to the valley", Heading: true},
		{Text: prose},
		{Text: "Support our journalism: donate today"},
		{Text: "Read more", LinkDensity: 1},
		{Text: "12:30"},
	}
	page := []Block{
		{Text: "Home", ListItem: true, LinkDensity: 1},
		{Text: "Rain returns to the valley"}, // no longer a heading
		{Text: prose, SameParagraph: true},
		{Text: "Support our journalism: donate today", Heading: true},
		{Text: "Read more"},
		{Text: "Read more", LinkDensity: 1},
		{Text: "© 2024 Valley News"},
		{Text: "12:30", ListItem: true},
	}
	var c Classifier
	for _, bs := range [][]Block{body, page, body} {
		got, want := c.Classify(bs), ClassifyBlocks(bs)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Classify after earlier calls = %v, want %v", got, want)
		}
	}
}

// A short post under its dateline is the article, though a sidebar
// further down holds more prose: the page's first date or byline line
// opens the article.
func TestClassifyShortPostUnderDateline(t *testing.T) {
	t.Parallel()
	post := "The harbour committee met again tonight and agreed to widen the old pier before the summer season starts."
	sidebar := "This is the personal blog of a harbour pilot who writes about ships, tides and the town where he grew up. " +
		"Here you will find longer pieces about the history of the port, photographs of the boats that visit it every year, " +
		"and notes from the meetings of the committees that decide what happens along the waterfront."
	blocks := []Block{
		{Text: "Home", ListItem: true},
		{Text: "About", ListItem: true},
		{Text: "Pier plans approved"},
		{Text: "Published 3 May 2020 by Ann Lee"},
		{Text: post},
		{Text: "Share this:"},
		{Text: "Leave a comment"},
		{Text: "About this blog"},
		{Text: sidebar},
	}
	labels := ClassifyBlocks(blocks)
	if labels[4].Kind != Unspecified {
		t.Errorf("post labelled %s/%s, want body", labels[4].Kind, labels[4].Rule)
	}
}

func TestIsMetaLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want bool
	}{
		{"Published 3 May 2020 by Ann Lee", true},
		{"17. Januar 2014 · 02:16", true},
		{"23.10.2018", true},
		{"Von Max Muster", true},
		{"By the harbour", true}, // a byline prefix is enough; the next block must still be prose
		{"Pier plans approved", false},
		{"The committee met in 2019 and again this spring to decide about the future of the old pier.", false},
	}
	for _, tc := range tests {
		in := analyze([]Block{{Text: tc.text}}, nil)[0]
		if got := in.isMetaLine(); got != tc.want {
			t.Errorf("isMetaLine(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// HasDateShape is the hand-written form of this expression.
var rxDateShape = regexp.MustCompile(`\b(1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b`)

func TestHasDateShapeMatchesExpression(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"2019", "in 1999,", "x2019", "20190", "2019x", "2100", "1799", "12.3.2021", "3/12/21", "3/12/2", "3-12-20219",
		"17/11/201917/11/2019", "am 23. Januar 2020 von X", "123.4.2020", "1.2.3", "Tel. 0201/12 34 56", "", "a 12.03.2021b",
		"ab 2020-01-02 cd", "€2020", "24. März 2004, 19:49", "99 Luftballons",
	} {
		if got, want := HasDateShape(s), rxDateShape.MatchString(s); got != want {
			t.Errorf("HasDateShape(%q) = %v, the expression says %v", s, got, want)
		}
	}
}

func FuzzHasDateShape(f *testing.F) {
	for _, s := range []string{"2019", "12.3.2021", "a 3/12/21 b", "x2019"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := HasDateShape(s), rxDateShape.MatchString(s); got != want {
			t.Errorf("HasDateShape(%q) = %v, the expression says %v", s, got, want)
		}
	})
}

// A near-prose block between a bad block and a widget line that its
// wording condemned is resolved from the block beyond the widget: the
// widget is set into the text, not a neighbour.
func TestSmoothContextPassesOverWidgets(t *testing.T) {
	tests := []struct {
		name     string
		next     class
		strong   bool
		wantGood bool
	}{
		{"teaser, then prose", clsGood, true, true},
		{"teaser, then more boilerplate", clsBad, true, false},
		{"a bad block that is no widget isolates it", clsGood, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			infos := []blockInfo{
				{features: features{runes: 40}},
				{features: features{runes: 120}},
				{features: features{runes: 90}},
				{features: features{runes: 300}},
			}
			infos[0].cls, infos[1].cls, infos[2].cls, infos[3].cls = clsBad, clsNearGood, clsBad, tc.next
			infos[2].strong = tc.strong
			smoothContext(infos)
			if got := infos[1].cls == clsGood; got != tc.wantGood {
				t.Errorf("near-prose block good = %v (rule %q), want %v", got, infos[1].rule, tc.wantGood)
			}
		})
	}
}
