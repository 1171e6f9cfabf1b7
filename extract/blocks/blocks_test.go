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
		{"formula text kept, its TeX left out", `<p>so <math><mi>x</mi><mo>=</mo><mn>2</mn><annotation encoding="application/x-tex">x=2</annotation></math> holds</p>`, []string{"so x=2 holds"}},
		{"ruby readings left out", `<p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を読む</p>`, []string{"漢字を読む"}},
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

// writeTextByWord is the straightforward writeText: word by word.
func writeTextByWord(s *segmenter, t string) {
	start := -1
	for i := 0; i <= len(t); i++ {
		space := i == len(t) || t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r' || t[i] == '\f'
		if !space {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if s.pendingS && len(s.buf) > 0 {
				s.buf = append(s.buf, ' ')
			}
			s.buf = append(s.buf, t[start:i]...)
			s.count(i - start)
			s.pendingS = false
			start = -1
		}
		if i < len(t) {
			s.pendingS = true
		}
	}
}

var textSamples = []string{
	"", " ", "one", "one two", "  lead and trail  ", "a\n\tb\r\fc", "x  y", "v\vtab", "é à\u00a0ü", " \n",
}

// checkWriteText writes prefix then text with both versions, inside a
// link, and compares the buffers and counters.
func checkWriteText(t *testing.T, prefix, text string) {
	t.Helper()
	fast, slow := &segmenter{inLink: 1}, &segmenter{inLink: 1}
	fast.writeText(prefix)
	writeTextByWord(slow, prefix)
	fast.writeText(text)
	writeTextByWord(slow, text)
	if string(fast.buf) != string(slow.buf) || fast.text != slow.text || fast.links != slow.links || fast.pendingS != slow.pendingS {
		t.Errorf("writeText(%q after %q) = %q (text %d, links %d, pending %v), want %q (%d, %d, %v)", text, prefix,
			fast.buf, fast.text, fast.links, fast.pendingS, slow.buf, slow.text, slow.links, slow.pendingS)
	}
}

func TestWriteTextMatchesWordByWord(t *testing.T) {
	for _, p := range textSamples {
		for _, s := range textSamples {
			checkWriteText(t, p, s)
		}
	}
}

func FuzzWriteText(f *testing.F) {
	for i, s := range textSamples {
		f.Add(textSamples[(i+3)%len(textSamples)], s)
	}
	f.Fuzz(checkWriteText)
}
