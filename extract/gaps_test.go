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
