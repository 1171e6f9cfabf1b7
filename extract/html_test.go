package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "html", name, "source.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExtractHTMLOptions(t *testing.T) {
	page := readFixture(t, "news-share-newsletter")
	tests := []struct {
		name        string
		opt         Options
		wantInBody  []string
		wantOutBody []string
		check       func(t *testing.T, res *Result)
	}{
		{
			name:        "default removes caption and widgets",
			opt:         Options{},
			wantInBody:  []string{"Engineers from three river towns", "Upstream meadows kept free for overflow"},
			wantOutBody: []string{"Photo: Archive", "Share on Facebook", "morning briefing", "Related stories", "All rights reserved"},
		},
		{
			name:       "keep captions",
			opt:        Options{KeepKinds: []NoiseKind{noise.Caption}},
			wantInBody: []string{"Photo: Archive"},
			check: func(t *testing.T, res *Result) {
				for _, sp := range res.Removed {
					if sp.Kind == noise.Caption {
						t.Errorf("caption reported as removed: %+v", sp)
					}
				}
			},
		},
		{
			name: "markdown keeps structure and resolves links",
			opt:  Options{Format: FormatMarkdown, URL: "https://example.org/news/a.html"},
			check: func(t *testing.T, res *Result) {
				if !strings.Contains(res.Article.Content, "- Levee raised by 40 cm") {
					t.Errorf("list lost in Markdown:\n%s", res.Article.Content)
				}
			},
		},
		{
			name: "html format",
			opt:  Options{Format: FormatHTML},
			check: func(t *testing.T, res *Result) {
				if !strings.Contains(res.Article.Content, "<li>") || strings.Contains(res.Article.Content, "Share on") {
					t.Errorf("unexpected HTML content:\n%s", res.Article.Content)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := Extract(context.Background(), Input{HTML: page}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.wantInBody {
				if !strings.Contains(res.Article.Body, s) {
					t.Errorf("body lacks %q:\n%s", s, res.Article.Body)
				}
			}
			for _, s := range tc.wantOutBody {
				if strings.Contains(res.Article.Body, s) {
					t.Errorf("body keeps %q", s)
				}
			}
			if !strings.Contains(res.Article.Body, "\n\n") {
				t.Errorf("paragraphs not separated by a blank line")
			}
			if tc.check != nil {
				tc.check(t, res)
			}
		})
	}
}

func TestExtractHTMLHonoursContext(t *testing.T) {
	page := readFixture(t, "blog-comments-cookie")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, Input{HTML: page}, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestExtractHTMLEveryRemovalLabelled(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "html", "*"))
	for _, dir := range dirs {
		res, err := Extract(context.Background(), Input{HTML: readFixture(t, filepath.Base(dir))}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, sp := range res.Removed {
			if sp.Kind == noise.Unspecified || sp.Rule == "" {
				t.Errorf("%s: unlabelled span %+v", filepath.Base(dir), sp)
			}
		}
	}
}

func TestHoldsWord(t *testing.T) {
	for _, c := range []struct {
		raw, text string
		want      bool
	}{
		{`<p>Hello world</p>`, "Hello world", true},
		{`<p>Other text</p>`, "Hello world", false},
		{`<p>A <b>big</b> day</p>`, "A big day", true},    // first word of three letters or more
		{`<p>M&uuml;ller said</p>`, "Müller said", false}, // written with an entity: no offsets
		{`<li>© 2024</li>`, "© 2024", true},               // digits count
		{`<li>→</li>`, "→", true},                         // no word to check
		{`<p>東京で会議</p>`, "東京で会議", true},
	} {
		if got := holdsWord(c.raw, c.text); got != c.want {
			t.Errorf("holdsWord(%q, %q) = %v, want %v", c.raw, c.text, got, c.want)
		}
	}
}

// A page block the body holds under another shape (a no-break space
// readability turned into a space, or a block it joined with the next)
// is not reported as removed; a block the body does not hold is.
func TestOutsideSpansMatchBodyText(t *testing.T) {
	first := "The council met on Monday to decide about the bridge."
	nbsp := "Residents had asked for a vote\u00a0on the plan for two years now."
	split := "The second half of a paragraph that readability joined with the first."
	last := "Construction is to start in the spring of next year."
	half := "The first half of a paragraph, which a link split in two,"
	page := []blocks.Block{textBlock("Menu"), textBlock(first), textBlock(nbsp), textBlock(half), textBlock(split), textBlock("Advertisement for a car dealer in town"), textBlock(last), textBlock("Imprint")}
	body := []blocks.Block{textBlock(first), textBlock(strings.ReplaceAll(nbsp, "\u00a0", " ")), textBlock(half + " " + split), textBlock(last)}
	var got []string
	for _, sp := range outsideSpans(page, nil, nil, nil, "", body) {
		got = append(got, sp.Text)
	}
	want := []string{"Menu", "Advertisement for a car dealer in town", "Imprint"}
	if !slices.Equal(got, want) {
		t.Errorf("outside spans %q, want %q", got, want)
	}

	// The body's first and last blocks are joins no page block matches:
	// the body's stretch of the page is unknown, and the blocks it holds
	// are still not reported.
	body = []blocks.Block{textBlock(first + " " + strings.ReplaceAll(nbsp, "\u00a0", " ")), textBlock(half + " " + split + " " + last)}
	got = got[:0]
	for _, sp := range outsideSpans(page, nil, nil, nil, "", body) {
		got = append(got, sp.Text)
	}
	if !slices.Equal(got, want) {
		t.Errorf("body of joined blocks: outside spans %q, want %q", got, want)
	}

	// A page block of lines split by <br> that the body holds as
	// paragraphs (readability makes a <p> of each run between <br><br>).
	lines := []string{"The mayor spoke first and asked for patience.", "The vote was then put off until the summer."}
	page = []blocks.Block{textBlock("Menu"), textBlock(first), textBlock(lines[0] + "\n\n" + lines[1]), textBlock("Imprint")}
	body = []blocks.Block{textBlock(first), textBlock(lines[0]), textBlock(lines[1])}
	got = got[:0]
	for _, sp := range outsideSpans(page, nil, nil, nil, "", body) {
		got = append(got, sp.Text)
	}
	if want := []string{"Menu", "Imprint"}; !slices.Equal(got, want) {
		t.Errorf("body of <br> paragraphs: outside spans %q, want %q", got, want)
	}
}

// A block the page repeats is held once per copy the body has; every
// other copy is a span, the body's own stretch of the page claiming its
// copies first.
func TestOutsideSpansRepeatedBlocks(t *testing.T) {
	ad := "Advertisement"
	p1 := "The council met on Monday to decide about the bridge and its tolls."
	p2 := "Construction is to start in the spring of next year, the mayor said."
	teaser := "Read also: the bridge vote that split the council in two halves"
	tests := []struct {
		name       string
		page, body []blocks.Block
		kept       []blocks.Block // second body list, as readability's whole body
		want       []string
	}{
		{"label between paragraphs, body keeps one",
			[]blocks.Block{textBlock(ad), textBlock(p1), textBlock(ad), textBlock(p2), textBlock(ad)},
			[]blocks.Block{textBlock(p1), textBlock(ad), textBlock(p2)}, nil,
			[]string{ad, ad}},
		{"long teaser repeated inside the body's stretch",
			[]blocks.Block{textBlock(p1), textBlock(teaser), textBlock(p2), textBlock(teaser)},
			[]blocks.Block{textBlock(p1), textBlock(teaser), textBlock(p2)}, nil,
			[]string{teaser}},
		{"overlapping body lists count a copy once",
			[]blocks.Block{textBlock(p1), textBlock(ad), textBlock(p2), textBlock(ad)},
			[]blocks.Block{textBlock(p1), textBlock(p2)},
			[]blocks.Block{textBlock(p1), textBlock(ad), textBlock(p2)},
			[]string{ad}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lists := [][]blocks.Block{tc.body}
			if tc.kept != nil {
				lists = append(lists, tc.kept)
			}
			var got []string
			for _, sp := range outsideSpans(tc.page, nil, nil, nil, "", lists...) {
				got = append(got, sp.Text)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("outside spans %q, want %q", got, tc.want)
			}
		})
	}
}

// textBlock is a page block of text alone.
func textBlock(s string) blocks.Block { return blocks.Block{Block: noise.Block{Text: s}} }

// Paragraphs a page separates with <br><br> come back as paragraphs of
// the plain-text body: readability wraps each run in a <p> it creates
// without an atom, which the body's segmentation once read as inline.
func TestExtractHTMLBreakParagraphs(t *testing.T) {
	paras := []string{
		"The council met on Monday evening to decide about the new bridge over the river.",
		"Residents had asked for a vote on the plan for two years, and many came to listen.",
		"Construction is to start in the spring of next year and to last about eighteen months.",
	}
	page := "<html><head><title>Bridge</title></head><body><div id=\"story\">" +
		strings.Join(paras, "<br><br>") + "</div></body></html>"
	res, err := Extract(context.Background(), Input{HTML: page}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(res.Article.Body, "\n\n")
	if !slices.Equal(got, paras) {
		t.Errorf("body paragraphs %q, want %q", got, paras)
	}
}

// bridgeStory is an article of five paragraphs, over 500 bytes of text.
var bridgeStory = []string{
	"The council met on Monday evening to decide about the new bridge over the river, after two years of debate.",
	"Residents had asked for a vote on the plan for two years, and many of them came to the town hall to listen.",
	"Construction is to start in the spring of next year and to last about eighteen months, the mayor said.",
	"The bridge will carry two lanes of traffic, a cycle path and a footpath, and it will cost nine million euros.",
	"Two firms have bid for the work so far, and the council expects to pick one of them before the end of March.",
}

// A page that marks one element as its article body (schema.org
// itemprop="articleBody") gets that element's text as the body; the text
// around it is reported, with selectors of the page as sent.
func TestExtractHTMLMarkedArticleBody(t *testing.T) {
	paras := bridgeStory
	bio := "Jane Roe has reported on the town council for the paper since 2009 and lives with her family by the river."
	article := "<div itemprop=\"articleBody\"><p>" + strings.Join(paras, "</p><p>") + "</p></div>"
	page := func(marks int) string {
		body := article
		if marks > 1 {
			body += "<div itemprop=\"articleBody\"><p>" + paras[0] + "</p></div>"
		}
		return "<html><head><title>Bridge</title></head><body><div class=\"story\">" +
			"<p class=\"kicker\">Town hall news in brief today</p>" + body + "<p class=\"note\">" + bio + "</p></div></body></html>"
	}
	res := extractFocused(t, page(1), paras)
	var bioSpan *Removed
	for i := range res.Removed {
		if res.Removed[i].Text == bio {
			bioSpan = &res.Removed[i]
		}
	}
	if bioSpan == nil {
		t.Fatalf("the bio is not reported: %+v", res.Removed)
	}
	if want := "html > body > div.story > p.note:nth-of-type(2)"; bioSpan.Selector != want {
		t.Errorf("bio selector %q, want the page's %s", bioSpan.Selector, want)
	}

	// Two marked elements: no focus, readability reads the whole page.
	res, err := Extract(context.Background(), Input{HTML: page(2)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Path, "articlebody") {
		t.Errorf("two marked elements: path %q", res.Path)
	}
	// PreferRecall keeps readability's view of the whole page.
	res, err = Extract(context.Background(), Input{HTML: page(1)}, Options{Preference: PreferRecall})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Path, "articlebody") {
		t.Errorf("PreferRecall: path %q", res.Path)
	}
}

// elementOfText finds the element a page's JSON-LD articleBody was taken
// from: the deepest one whose text runs from its first words to its last.
func TestElementOfText(t *testing.T) {
	paras := bridgeStory
	page := `<html><body><div id="page"><p>Town hall news in brief</p><div id="story"><p>` +
		strings.Join(paras, "</p><p><b>Read also:</b> other news</p><p>") + `</p></div><p>About the author</p>` +
		`<p id="long">` + strings.Repeat("word ", 150) + `end</p></div></body></html>`
	body := bodyOfString(t, page)
	text := strings.Join(paras, " ")
	tests := []struct {
		name, text, want string // want: the id of the element found, "" for none
	}{
		{"the article's container", text, "story"},
		{"HTML inside the JSON-LD text", "<p>" + strings.Join(paras, "</p><p>") + "</p>", "story"},
		{"too short to trust", paras[0], ""},
		{"an excerpt one paragraph holds", strings.Repeat("word ", 120) + "end", ""},
		{"text the page does not hold", strings.Repeat("Something else entirely was written here. ", 15), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if el := elementOfText(body, tc.text); el != nil {
				got = attr(el, "id")
			}
			if got != tc.want {
				t.Errorf("element %q, want %q", got, tc.want)
			}
		})
	}
}

func bodyOfString(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return bodyOf(doc)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// A page whose JSON-LD states the article's text gets the element that
// holds it read alone, as a marked article body would be.
func TestExtractHTMLJSONLDArticleBody(t *testing.T) {
	paras := bridgeStory
	ld := `{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bridge vote","articleBody":"` + strings.Join(paras, " ") + `"}`
	page := `<html><head><title>Bridge vote</title><script type="application/ld+json">` + ld + `</script></head><body><div class="wrap">` +
		`<p class="kicker">Town hall news in brief today</p><div class="text"><p>` + strings.Join(paras, "</p><p>") + `</p></div>` +
		`<p class="note">Jane Roe has reported on the town council for the paper since 2009 and lives with her family by the river.</p></div></body></html>`
	extractFocused(t, page, paras)
}

// extractFocused extracts page and checks that readability read the
// article body alone and that the body is paras.
func extractFocused(t *testing.T, page string, paras []string) *Result {
	t.Helper()
	res, err := Extract(context.Background(), Input{HTML: page}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "readability+articlebody" {
		t.Errorf("path %q, want readability+articlebody", res.Path)
	}
	if got := strings.Split(res.Article.Body, "\n\n"); !slices.Equal(got, paras) {
		t.Errorf("body paragraphs %q, want %q", got, paras)
	}
	return res
}

// The JSON-LD text may come HTML-escaped, as escaped HTML, with stray
// punctuation between its tags: the words still find the element.
func TestElementOfTextEscaped(t *testing.T) {
	page := `<html><body><div id="page"><p>Menu</p><div id="story"><p>` + strings.Join(bridgeStory, "</p><p>") +
		`</p></div><p>About the author</p></div></body></html>`
	escaped := html.EscapeString("<p>" + strings.Join(bridgeStory, "</p><p>") + "</p><p>,</p><p> , </p>")
	if el := elementOfText(bodyOfString(t, page), escaped); el == nil || attr(el, "id") != "story" {
		t.Errorf("escaped JSON-LD text: element %v, want #story", el)
	}
}
