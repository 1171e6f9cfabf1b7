package blocks

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func segment(t *testing.T, src string) []Block {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return Segment(doc)
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"paragraphs", `<p>One  two</p><p>Three</p>`, []string{"One two", "Three"}},
		{"inline joins without space", `<p>foo<b>bar</b> baz</p>`, []string{"foobar baz"}},
		{"div text and nested block", `<div>lead <p>para</p> tail</div>`, []string{"lead", "para", "tail"}},
		{"table cells tab-separated", `<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>`, []string{"a\tb", "1\t2"}},
		{"pre keeps lines", "<pre>x := 1\n  y := 2</pre>", []string{"x := 1\n  y := 2"}},
		{"br is a line break", `<p>one<br>two</p>`, []string{"one\ntwo"}},
		{"skips scripts and controls", `<p>a<script>var x</script><button>Go</button>b</p>`, []string{"ab"}},
		{"list items", `<ul><li>x</li><li>y</li></ul>`, []string{"x", "y"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, b := range segment(t, tc.src) {
				got = append(got, b.Text)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSegmentFeatures(t *testing.T) {
	bs := segment(t, `<h2>Title</h2><ul><li><a href="/">all link</a></li></ul><p>half <a href="/">link</a></p>`)
	if len(bs) != 3 {
		t.Fatalf("got %d blocks", len(bs))
	}
	if !bs[0].Heading || bs[1].Heading {
		t.Errorf("heading flags wrong: %+v", bs)
	}
	if !bs[1].ListItem || bs[1].LinkDensity != 1 {
		t.Errorf("list item block: %+v", bs[1].Block)
	}
	if d := bs[2].LinkDensity; d < 0.4 || d > 0.6 {
		t.Errorf("link density %v, want about 0.5", d)
	}
	if len(bs[2].Nodes) != 1 || bs[2].Nodes[0].Data != "p" {
		t.Errorf("block of a whole <p> should point at it: %+v", bs[2].Nodes)
	}
	if got := Text(bs); got != "Title\n\nall link\n\nhalf link" {
		t.Errorf("Text = %q", got)
	}
}

// Blocks share chunks of text and nodes; a long page spans several
// chunks, and one block's nodes must not alias the next block's (runs of
// text split by <hr> sit side by side in a chunk).
func TestSegmentChunkedBlocksStayApart(t *testing.T) {
	var src strings.Builder
	var want []string
	src.WriteString("<div>")
	for i := range 3 * nodeChunk {
		w := strings.Repeat("word", i%3000+1)
		src.WriteString(w + "<hr>")
		want = append(want, w)
	}
	src.WriteString("</div>")
	bs := segment(t, src.String())
	if len(bs) != len(want) {
		t.Fatalf("got %d blocks, want %d", len(bs), len(want))
	}
	for i, b := range bs {
		if b.Text != want[i] {
			t.Fatalf("block %d = %q, want %q", i, b.Text, want[i])
		}
		if len(b.Nodes) != 1 || b.Nodes[0].Data != want[i] {
			t.Fatalf("block %d nodes = %v, want its text node", i, b.Nodes)
		}
	}
	second := bs[1].Nodes[0]
	_ = append(bs[0].Nodes, bs[2].Nodes[0])
	if bs[1].Nodes[0] != second {
		t.Error("appending to one block's nodes changed the next block's")
	}
}
