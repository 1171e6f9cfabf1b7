package meta

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parse(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestRead(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		page string
		want Metadata
		// only the fields named here are compared
		fields []string
	}{
		{
			name: "json-ld in @graph",
			page: `<html lang="en"><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
				{"@type":"WebSite","name":"Example Site"},
				{"@type":["NewsArticle"],"headline":"Rivers rise after storm","datePublished":"2022-03-18T09:30:00+01:00",
				 "dateModified":"2022-03-19T10:00:00+01:00","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],
				 "publisher":{"@type":"Organization","name":"Example News"}}]}</script></head><body><p>x</p></body></html>`,
			want:   Metadata{Title: "Rivers rise after storm", Authors: []string{"Ann Lee", "Bo Chen"}, Byline: "Ann Lee; Bo Chen", Published: "2022-03-18T09:30:00+01:00", SiteName: "Example News", Language: "en"},
			fields: []string{"Title", "Authors", "Byline", "Published", "SiteName", "Language"},
		},
		{
			name:   "broken json-ld with trailing comma and raw newline",
			page:   "<html><head><script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"headline\":\"Line one\nline two\",\"author\":{\"name\":\"Kim Park\"},}</script></head><body></body></html>",
			want:   Metadata{Title: "Line one line two", Authors: []string{"Kim Park"}},
			fields: []string{"Title", "Authors"},
		},
		{
			name:   "unparseable json-ld is scraped",
			page:   `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Kept anyway","author":{"@type":"Person","name":"Eva Ruiz"} "datePublished":"2021-05-04"</script></head><body></body></html>`,
			want:   Metadata{Title: "Kept anyway", Authors: []string{"Eva Ruiz"}, Published: "2021-05-04"},
			fields: []string{"Title", "Authors", "Published"},
		},
		{
			name: "opengraph with site suffix, profile URL author skipped",
			page: `<html><head><meta property="og:title" content="Budget passes | Daily Example"><meta property="og:site_name" content="Daily Example">
				<meta property="article:author" content="https://example.org/staff/jo"><meta name="author" content="By Jo Malik, Staff Writer">
				<meta property="article:published_time" content="2020-01-02"></head><body></body></html>`,
			want:   Metadata{Title: "Budget passes", Authors: []string{"Jo Malik"}, Published: "2020-01-02", SiteName: "Daily Example"},
			fields: []string{"Title", "Authors", "Published", "SiteName"},
		},
		{
			name: "publisher as json-ld author gives way to the visible byline",
			page: `<html><head><meta property="og:site_name" content="The Daily Example"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Rain","author":{"@type":"Organization","name":"THE DAILY EXAMPLE"}}</script></head>
				<body><a rel="author" href="/staff/lin">Mei Lin</a><p>x</p></body></html>`,
			want:   Metadata{Authors: []string{"Mei Lin"}},
			fields: []string{"Authors"},
		},
		{
			name:   "a personal site's name is its author's",
			page:   `<html><head><meta property="og:site_name" content="surfwriter"><meta name="author" content="surfwriter"></head><body><p>x</p></body></html>`,
			want:   Metadata{Authors: []string{"surfwriter"}},
			fields: []string{"Authors"},
		},
		{
			name: "published beats updated",
			page: `<html><head><meta property="article:modified_time" content="2023-06-01T08:00:00Z"><meta property="article:published_time" content="2023-02-22T12:14:00+02:00"></head>
				<body><p>Updated June 1, 2023</p></body></html>`,
			want:   Metadata{Published: "2023-02-22T12:14:00+02:00"},
			fields: []string{"Published"},
		},
		{
			name:   "microdata author and date",
			page:   `<html><body><article><span itemprop="author" itemscope><span itemprop="name">Lea Novak</span></span><time itemprop="datePublished" datetime="2019-11-05">5 Nov</time></article></body></html>`,
			want:   Metadata{Authors: []string{"Lea Novak"}, Published: "2019-11-05"},
			fields: []string{"Authors", "Published"},
		},
		{
			name:   "visible byline by class, German prefix",
			page:   `<html lang="de"><body><h1>Titel</h1><div class="article-byline">Von Max Muster und Erika Beispiel</div><p>Text</p></body></html>`,
			want:   Metadata{Byline: "Max Muster und Erika Beispiel", Authors: []string{"Max Muster", "Erika Beispiel"}, Language: "de", H1: "Titel"},
			fields: []string{"Byline", "Authors", "Language", "H1"},
		},
		{
			name:   "empty logo h1 does not hide the headline h1",
			page:   `<html><body><h1><img src="logo.png"></h1><h1>Real headline</h1></body></html>`,
			want:   Metadata{H1: "Real headline"},
			fields: []string{"H1"},
		},
		{
			name:   "two headline h1s give no single h1",
			page:   `<html><body><h1>One</h1><h1>Two</h1></body></html>`,
			want:   Metadata{H1: ""},
			fields: []string{"H1"},
		},
		{
			name: "recipe ingredients, also under their old name",
			page: `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Soup"},
				{"@type":"Recipe","name":"Soup","recipeIngredient":["2  carrots","1 l water",""]}]}</script>
				<script type="application/ld+json">{"@type":"Recipe","ingredients":["salt"]}</script></head><body><p>x</p></body></html>`,
			want:   Metadata{Ingredients: []string{"2 carrots", "1 l water"}},
			fields: []string{"Ingredients"},
		},
		{
			name:   "cyrillic date in text",
			page:   `<html><head><title>Новости</title></head><body><div class="date">18 марта 2022</div><p>Текст статьи.</p></body></html>`,
			want:   Metadata{Published: "2022-03-18"},
			fields: []string{"Published"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Read(parse(t, tt.page), "")
			gv, wv := reflect.ValueOf(got), reflect.ValueOf(tt.want)
			for _, f := range tt.fields {
				if g, w := gv.FieldByName(f).Interface(), wv.FieldByName(f).Interface(); !reflect.DeepEqual(g, w) {
					t.Errorf("%s = %#v, want %#v", f, g, w)
				}
			}
		})
	}
}

func TestCleanAuthor(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"By Jane Doe", "Jane Doe"},
		{"by Jane Doe | Reuters", "Jane Doe"},
		{"Jane Doe, Staff Writer", "Jane Doe"},
		{"Par Jean Dupont", "Jean Dupont"},
		{"Por María López", "María López"},
		{"Di Marco Rossi", "Marco Rossi"},
		{"Di Stefano", "Di Stefano"},
		{"Von Anna Schmidt 12.03.2021", "Anna Schmidt"},
		{"Written by Sam Roe March 25, 2015", "Sam Roe"},
		{"View all posts by Ola Berg", "Ola Berg"},
		{"Ann Lee ann.lee@example.org", "Ann Lee"},
		{"https://example.org/author/ann", ""},
		{"2021-03-04", ""},
		{"Posted on", ""},
		{"Veröffentlicht am", ""},
		{"No Author", ""},
		{"AuthorAndreas Kalt", "Andreas Kalt"},
		{"Ann Lee am", "Ann Lee"},
		{"Ann Lee →", "Ann Lee"},
		{"Dublin Core property author", "Dublin Core property author"},
		{"Ann Lee (with Bo Chen)", "Ann Lee (with Bo Chen)"},
		{"Nicole Berg22. Februar", "Nicole Berg"},
		{"Lena Ott Alle Artikel", "Lena Ott"},
		{"T. V. Rao View my complete profile", "T. V. Rao"},
		{"Lena Ott Kategorien: Mode", "Lena Ott"},
		{"Alle Artikel", "Alle Artikel"},       // a label with no name before it is left to the other checks
		{"Ann Small Posts", "Ann Small Posts"}, // only at a word start
	}
	for _, tt := range tests {
		if got := cleanAuthor(tt.in); got != tt.want {
			t.Errorf("cleanAuthor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitAuthors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"A Smith, B Jones and C Brown", []string{"A Smith", "B Jones", "C Brown"}},
		{"A Smith & B Jones", []string{"A Smith", "B Jones"}},
		{"A Smith; B Jones", []string{"A Smith", "B Jones"}},
		{"Anna Weber und Jonas Klein", []string{"Anna Weber", "Jonas Klein"}},
		{"Solo Writer", []string{"Solo Writer"}},
	}
	for _, tt := range tests {
		if got := SplitAuthors(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitAuthors(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripSiteName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		title string
		site  []string
		h1    []string
		want  string
	}{
		{"Budget passes | Daily Example", []string{"daily example"}, nil, "Budget passes"},
		{"Daily Example - Budget passes", []string{"daily example"}, nil, "Budget passes"},
		{"Budget passes - a long road", []string{"daily example"}, nil, "Budget passes - a long road"},
		{"Budget passes – Region News – Portal", nil, []string{"Budget passes"}, "Budget passes"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.title, tt.site, tt.h1); got != tt.want {
			t.Errorf("stripSiteName(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestNamesSite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		byline, site string
		want         bool
	}{
		{"Daily Example", "Daily Example", true},
		{"DAILY-EXAMPLE", "Daily Example", true},
		{"Вечерние Новости", "вечерние новости", true},
		{"Ann Lee, Daily Example", "Daily Example", false},
		{"example.org", "", true},
		{"Ann Lee", "Daily Example", false},
		{"", "Daily Example", false},
	}
	for _, tt := range tests {
		if got := NamesSite(tt.byline, tt.site); got != tt.want {
			t.Errorf("NamesSite(%q, %q) = %v, want %v", tt.byline, tt.site, got, tt.want)
		}
	}
}

// TestProseLanguage checks that the prose verdict is passed on only when
// the date search had to detect a language: a page that declares its
// language or states its date costs no detection and reports none.
func TestProseLanguage(t *testing.T) {
	t.Parallel()
	prose := `<p>Die Gemeinde hat am Abend beschlossen, die alte Brücke über den Fluss im kommenden Jahr zu erneuern, weil die Prüfer deutliche Schäden an den Pfeilern gefunden haben und der Verkehr seit Wochen nur noch einspurig fließen kann.</p>`
	tests := []struct {
		name, page, want string
	}{
		{"no language, no date", `<html><body>` + prose + `</body></html>`, "de"},
		{"declared language", `<html lang="de"><body>` + prose + `</body></html>`, ""},
		{"stated date", `<html><head><meta property="article:published_time" content="2021-05-04"></head><body>` + prose + `</body></html>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Read(parse(t, tt.page), "").ProseLanguage; got != tt.want {
				t.Errorf("ProseLanguage = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDropSiteTail(t *testing.T) {
	tests := []struct{ byline, site, url, want string }{
		{"Rob Roe, CNN", "CNN", "https://edition.cnn.com/2020/x", "Rob Roe"},
		{"Rob Roe, Anarcat", "", "https://anarc.at/blog/x", "Rob Roe"},
		{"Rob Roe | Daily Example", "Daily Example", "", "Rob Roe"},
		{"Rob Roe - example.org", "", "", "Rob Roe"},
		{"Rob Roe, Ann Lee", "Daily Example", "https://example.org/x", "Rob Roe, Ann Lee"},
		{"CNN", "", "https://edition.cnn.com/x", "CNN"}, // nothing before it: left to NamesSite
		{"Rob Roe, Daily Example Staff", "Daily Example", "", "Rob Roe, Daily Example Staff"},
		{"Tina Roe,TR", "", "", "Tina Roe"},
		{"Tina Roe, AP", "", "", "Tina Roe, AP"}, // initials of someone else: another author
		{"Tina Ann Roe, TAR", "", "", "Tina Ann Roe"},
	}
	for _, tc := range tests {
		if got := DropSiteTail(tc.byline, tc.site, tc.url); got != tc.want {
			t.Errorf("DropSiteTail(%q, %q, %q) = %q, want %q", tc.byline, tc.site, tc.url, got, tc.want)
		}
	}
}
