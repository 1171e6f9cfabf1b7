package extract

import (
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
)

// A paragraph readability dropped between two it kept comes back into
// the body and into the rendered tree at its place; a teaser list in a
// gap keeps its blurb out.
func TestFillGaps(t *testing.T) {
	gap := "This paragraph sits between two paragraphs of the article and readability dropped it because of its wrapper's class name, yet it is prose."
	blurb := "A teaser blurb of another article, long enough to pass for prose on its own when one looks only at its length and its links."
	parse := func(src string) []blocks.Block {
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		return blocks.Segment(bodyOf(doc))
	}
	page := parse("<p>First kept paragraph.</p><div class=promo><h2>Section</h2><p>" + gap + "</p></div><p>Second kept paragraph.</p>" +
		"<p><a href=/x>Another story headline</a></p><p>" + blurb + "</p><p>Third kept paragraph.</p>")
	art, err := html.Parse(strings.NewReader("<div id=art><p>First kept paragraph.</p><p>Second kept paragraph.</p><p>Third kept paragraph.</p></div>"))
	if err != nil {
		t.Fatal(err)
	}
	root := bodyOf(art).FirstChild
	body := blocks.Segment(root)
	labels := make([]noise.Label, len(page))

	gaps := gapCandidates(body, body, page, "")
	kept, n := fillGaps(body, gaps, page, labels)
	if n != 2 || len(kept) != 5 || kept[1].Text != "Section" || kept[2].Text != gap {
		t.Fatalf("body = %q, want the gap's heading and paragraph second and no blurb", blocks.Text(kept))
	}
	var b strings.Builder
	if err := html.Render(&b, root); err != nil {
		t.Fatal(err)
	}
	if want := "<p>First kept paragraph.</p><p>Section</p><p>" + html.EscapeString(gap) + "</p><p>Second kept paragraph.</p>"; !strings.Contains(b.String(), want) {
		t.Errorf("rendered %s, want it to hold %s", b.String(), want)
	}

	// Before a list item, the paragraph goes before the list.
	art, err = html.Parse(strings.NewReader("<div><p>First kept paragraph.</p><ul><li>Second kept paragraph.</li><li>Third kept paragraph.</li></ul></div>"))
	if err != nil {
		t.Fatal(err)
	}
	root = bodyOf(art).FirstChild
	body = blocks.Segment(root)
	fillGaps(body, gapCandidates(body, body, page, ""), page, labels)
	b.Reset()
	if err := html.Render(&b, root); err != nil {
		t.Fatal(err)
	}
	if want := "<p>Section</p><p>" + html.EscapeString(gap) + "</p><ul><li>Second"; !strings.Contains(b.String(), want) {
		t.Errorf("rendered %s, want it to hold %s", b.String(), want)
	}

	labels[1] = noise.Label{Kind: noise.Advertisement, Rule: "test"}
	labels[2] = labels[1]
	if kept, n := fillGaps(body, gaps, page, labels); n != 0 || len(kept) != 3 {
		t.Errorf("a gap the page classifier calls noise came back: %q", blocks.Text(kept))
	}
}

// A page block is no gap when its text is already in the body, perhaps
// rewritten by readability; a short body line inside it does not make it
// one.
func TestGapCandidatesKnownText(t *testing.T) {
	para := "The committee met on Monday and agreed, after a long debate about the costs of the project, to build the new bridge by the end of next year."
	first, last := textBlock("First kept paragraph."), textBlock("Last kept paragraph.")
	tests := []struct {
		name string
		gap  string
		body []blocks.Block // readability's blocks besides first and last
		want bool
	}{
		{"new prose", para, nil, true},
		{"new prose holding a short body line", para, []blocks.Block{textBlock("bridge")}, true},
		{"the body's paragraph with a word dropped", para, []blocks.Block{textBlock(strings.Replace(para, "long ", "", 1))}, false},
		{"the body's paragraph split in two", para, []blocks.Block{textBlock(para[:60]), textBlock(para[60:])}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept := []blocks.Block{first, last}
			body := append([]blocks.Block{first}, append(tc.body, last)...)
			page := []blocks.Block{first, textBlock(tc.gap), last}
			if got := len(gapCandidates(kept, body, page, "")) > 0; got != tc.want {
				t.Errorf("gap = %v, want %v", got, tc.want)
			}
		})
	}
}

// A link-dense block in a gap marks a teaser list, unless it is a byline
// or a date line linking to the author or the archive.
func TestGapCandidatesLinkLines(t *testing.T) {
	para := "The committee met on Monday and agreed, after a long debate about the costs of the project, to build the new bridge by the end of next year."
	block := func(s string, links float64) blocks.Block {
		return blocks.Block{Block: noise.Block{Text: s, LinkDensity: links}}
	}
	first, last := block("First kept paragraph.", 0), block("Last kept paragraph.", 0)
	tests := []struct {
		name string
		link string
		want bool
	}{
		{"a byline link", "By Jane Doe", true},
		{"a teaser headline", "Council rejects the plan for a second bridge", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept := []blocks.Block{first, last}
			page := []blocks.Block{first, block(tc.link, 1), block(para, 0), last}
			if got := len(gapCandidates(kept, kept, page, "")) > 0; got != tc.want {
				t.Errorf("gap = %v, want %v", got, tc.want)
			}
		})
	}
}
