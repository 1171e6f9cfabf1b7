package htmldom

import (
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
)

func TestClean(t *testing.T) {
	long := strings.Repeat("Article sentence with enough words to count as prose. ", 20)
	tests := []struct {
		name     string
		body     string
		wantRule string // "" means nothing removed
		wantKind noise.Kind
	}{
		{"share bar", `<p>` + long + `</p><div class="share-buttons"><a>Share</a></div>`, "class-token/share", noise.Social},
		{"affix around token", `<p>` + long + `</p><div class="post-related-list">x</div>`, "class-token/related", noise.RelatedContent},
		{"token inside a longer name kept", `<p>` + long + `</p><div class="tab-menu--product">Details</div>`, "", 0},
		{"keep class wins", `<p>` + long + `</p><div class="entry-content paywall">Teaser text</div>`, "", 0},
		{"email form", `<p>` + long + `</p><form><input type="email"></form>`, "form-email", noise.NewsletterSignup},
		{"hidden style", `<p>` + long + `</p><div style="display: none">x</div>`, "hidden-element", noise.Other},
		{"aria hidden", `<p>` + long + `</p><span aria-hidden="true">x</span>`, "hidden-element", noise.Other},
		{"figcaption", `<p>` + long + `</p><figure><figcaption>Photo: A. Person</figcaption></figure>`, "figcaption", noise.Caption},
		{"article wrapper named share kept", `<div class="share">` + `<p>` + long + `</p></div>`, "", 0},
		{"dateline", `<p>` + long + `</p><div class="post-date">12 March 2021</div>`, "class-token/post-date", noise.Dateline},
		{"nav", `<nav><a href="/">Home</a></nav><p>` + long + `</p>`, "tag-nav", noise.Navigation},
		{"has-X names a container holding X", `<p>` + long + `</p><section class="o-section--has-ads"><p>Text beside an ad slot.</p></section>`, "", 0},
		{"is-X is a state of X", `<p>` + long + `</p><div class="is-sidebar">Popular</div>`, "class-token/sidebar", noise.Navigation},
		{"a paragraph-long figcaption stays", `<p>` + long + `</p><p>` + long + `</p><figure><figcaption>` + long[:450] + `</figcaption></figure>`, "", 0},
		{"captions that are the article stay", `<p>Intro.</p>` + strings.Repeat(`<figure><figcaption>`+long[:400]+`</figcaption></figure>`, 3), "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "<html><body>" + tc.body + "</body></html>"
			doc, err := html.Parse(strings.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			spans := Clean(doc, src, Options{})
			if tc.wantRule == "" {
				if len(spans) != 0 {
					t.Fatalf("removed %+v, want nothing", spans)
				}
				return
			}
			if len(spans) != 1 {
				t.Fatalf("got %d spans %+v, want 1", len(spans), spans)
			}
			sp := spans[0]
			if sp.Rule != tc.wantRule || sp.Kind != tc.wantKind {
				t.Errorf("got %s/%s, want %s/%s", sp.Kind, sp.Rule, tc.wantKind, tc.wantRule)
			}
			if sp.End <= sp.Start || !strings.HasPrefix(src[sp.Start:sp.End], "<") || !strings.HasSuffix(src[sp.Start:sp.End], ">") {
				t.Errorf("offsets %d:%d = %q, want the element's markup", sp.Start, sp.End, src[sp.Start:sp.End])
			}
			if strings.Contains(Text(doc), sp.Text) && sp.Text != "" {
				t.Errorf("removed text %q still in the tree", sp.Text)
			}
		})
	}
}

// A blog engine groups posts under a wrapper named after their date: the
// wrapper and the post stay, only the date line goes.
func TestCleanDateWrapper(t *testing.T) {
	post := strings.Repeat("A short blog post under its date. ", 7)
	src := `<html><body><div class="date-outer"><h2 class="date-header">Friday, 12 March 2021</h2><div class="date-posts"><p>` + post + `</p></div></div></body></html>`
	doc, _ := html.Parse(strings.NewReader(src))
	spans := Clean(doc, src, Options{})
	if len(spans) != 1 || spans[0].Text != "Friday, 12 March 2021" || spans[0].Kind != noise.Dateline {
		t.Errorf("removed %+v, want the date line alone", spans)
	}
	if !strings.Contains(Text(doc), "A short blog post") {
		t.Errorf("the post left the tree")
	}
}

func TestCleanKeep(t *testing.T) {
	src := `<html><body><p>Body text.</p><figure><figcaption>Caption</figcaption></figure></body></html>`
	doc, _ := html.Parse(strings.NewReader(src))
	spans := Clean(doc, src, Options{Keep: func(k noise.Kind) bool { return k == noise.Caption }})
	if len(spans) != 0 {
		t.Fatalf("kept kind removed: %+v", spans)
	}
}

func TestLocateImpliedElements(t *testing.T) {
	// tbody is implied by the parser: it must not steal the offsets of
	// the real elements around it.
	src := `<table><tr><td class="a">one</td></tr></table><p id="x">two</p>`
	doc, _ := html.Parse(strings.NewReader(src))
	var td, p, tbody *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "td":
				td = n
			case "p":
				p = n
			case "tbody":
				tbody = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	got := Locate(doc, src, []*html.Node{td, p, tbody})
	if s := src[got[0].Start:got[0].End]; s != `<td class="a">one</td>` {
		t.Errorf("td located as %q", s)
	}
	if s := src[got[1].Start:got[1].End]; s != `<p id="x">two</p>` {
		t.Errorf("p located as %q", s)
	}
	if got[2] != (Offsets{}) {
		t.Errorf("implied tbody located at %+v, want 0/0", got[2])
	}
}

// After Clean, the elements left in the tree are still found in the
// source, past the removed banner, and their selectors count the
// removed sibling as the page did.
func TestSourceAfterClean(t *testing.T) {
	src := `<html><body><div class="main"><p>First paragraph of the story.</p>` +
		`<div class="cookie-banner"><p>We use cookies.</p><p>Accept</p><p>Reject</p><p>Settings</p><p>More</p><p>Close</p><p>Later</p></div>` +
		`<div class="note">Second part of the story.</div><p>Last paragraph of the story.</p></div></body></html>`
	doc, _ := html.Parse(strings.NewReader(src))
	var kept []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "div") && attr(n, "class") != "main" {
			kept = append(kept, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	before := map[*html.Node]string{}
	for _, n := range kept {
		before[n] = Selector(n)
	}
	s := NewSource(src)
	defer s.Release()
	if spans := s.Clean(doc, Options{}); len(spans) != 1 || spans[0].Rule != "class-token/cookie-banner" {
		t.Fatalf("removed %+v, want the cookie banner", spans)
	}
	var left []*html.Node
	for _, n := range kept {
		if n.Parent != nil && n.Parent.Parent != nil && attr(n.Parent, "class") != "cookie-banner" {
			left = append(left, n)
		}
	}
	if len(left) != 3 {
		t.Fatalf("%d elements left, want 3", len(left))
	}
	want := []string{`<p>First paragraph of the story.</p>`, `<div class="note">Second part of the story.</div>`, `<p>Last paragraph of the story.</p>`}
	for i, o := range s.Locate(doc, left) {
		if got := src[o.Start:o.End]; got != want[i] {
			t.Errorf("element %d located as %q, want %q", i, got, want[i])
		}
		if got := s.Selectors().Of(left[i]); got != before[left[i]] {
			t.Errorf("element %d selector %q after Clean, %q before", i, got, before[left[i]])
		}
	}
}

func TestRenumbered(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`<p>One<br>two</p><p>three<br/>four</p>`, false},
		{`<div>One<br>  <br>two</div>`, true},
		{`<div>One<br><br/>two</div>`, true},
		{`<div>One<br>and<br>two</div>`, false},
		{`<p><font color="red">red</font></p>`, true},
	} {
		s := NewSource(c.src)
		if got := s.Renumbered(); got != c.want {
			t.Errorf("Renumbered(%q) = %v, want %v", c.src, got, c.want)
		}
		s.Release()
	}
}

// The parser writes SVG element names in their camel case
// (feColorMatrix); the source scan reads them lower-cased. More than the
// lookahead of them in a row must not lose the alignment.
func TestLocatePastSVG(t *testing.T) {
	src := `<body><svg><defs><filter id="f"><feColorMatrix/><feComponentTransfer><feFuncR/><feFuncG/><feFuncB/><feFuncA/></feComponentTransfer><feComposite/></filter></defs></svg><p class="x">After the icon.</p></body>`
	doc, _ := html.Parse(strings.NewReader(src))
	var p *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "p" {
			p = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	got := Locate(doc, src, []*html.Node{p})[0]
	if s := src[got.Start:got.End]; s != `<p class="x">After the icon.</p>` {
		t.Errorf("p located as %q", s)
	}
}

// DropBlanks drops the white-space text nodes next to a block boundary,
// and only those: white space between inline elements separates words,
// and white space in <pre> is text.
func TestDropBlanks(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"between blocks", "<div>\n  <p>a</p>\n  <p>b</p>\n</div>", "<div><p>a</p><p>b</p></div>"},
		{"block next to inline", "<div><a>a</a> <p>b</p></div>", "<div><a>a</a><p>b</p></div>"},
		{"edge of a block parent", "<li> <a>a</a> </li>", "<ul><li><a>a</a></li></ul>"},
		{"between inline elements", "<p><a>a</a> <b>b</b></p>", "<p><a>a</a> <b>b</b></p>"},
		{"edge of an inline parent", "<p>a<span> </span>b</p>", "<p>a<span> </span>b</p>"},
		{"inside pre", "<pre><div>a</div>\n<div>b</div></pre>", "<pre><div>a</div>\n<div>b</div></pre>"},
		{"inside a byline", `<div class="PostByline"><span>A</span> <div>B</div></div>`, `<div class="PostByline"><span>A</span> <div>B</div></div>`},
		{"inside an author link", `<div><a rel="author"><b>A</b> <div>B</div></a></div>`, `<div><a rel="author"><b>A</b> <div>B</div></a></div>`},
		{"no-break space is text", "<div>\u00a0<p>a</p></div>", "<div>\u00a0<p>a</p></div>"},
		{"text with white space kept whole", "<div> a <p>b</p></div>", "<div> a <p>b</p></div>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if strings.HasPrefix(body, "<li>") {
				body = "<ul>" + body + "</ul>"
			}
			src := "<html><head>\n<title>t</title>\n</head><body>" + body + "</body></html>"
			doc, err := html.Parse(strings.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			DropBlanks(doc)
			var b strings.Builder
			if err := html.Render(&b, doc); err != nil {
				t.Fatal(err)
			}
			want := "<html><head><title>t</title></head><body>" + tc.want + "</body></html>"
			if b.String() != want {
				t.Errorf("tree after DropBlanks\n got %q\nwant %q", b.String(), want)
			}
		})
	}
}
