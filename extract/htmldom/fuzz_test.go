package htmldom

import (
	"slices"
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"golang.org/x/net/html"
)

var cleanSeeds = []string{
	`<div class="share">x</div><p>text</p>`,
	`<table><tr><td class=a>1<td>2</table><nav>n</nav>`,
	`<p>a<p>b<footer>c`,
	`<script>if (a < b) {}</script><aside>x</aside>`,
	`<!-- <nav> --><nav id=x a='>' b="<">y</nav>`,
	`<svg><title>t</title></svg><form><input type=email></form>`,
	`<div hidden>h</div><textarea></nav></textarea>`,
	"<div>\n <p>a</p> <a>b</a> <b>c</b>\n</div><pre> <div>d</div> </pre>",
}

// FuzzClean feeds arbitrary markup through parse → Clean: it must not
// panic, and every located span must lie inside the source and start at
// a '<'. So must every element left in the tree, located afterwards past
// the removed subtrees, outside all of them. It also checks the guard's
// stepwise text count, and that the blank nodes DropBlanks drops change
// no block's text.
func FuzzClean(f *testing.F) {
	for _, seed := range cleanSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			return
		}
		checkStepwiseCount(t, doc)
		checkBlanksInvisible(t, src)
		s := NewSource(src)
		defer s.Release()
		check := func(o Offsets) {
			if o.Start == 0 && o.End == 0 {
				return
			}
			if o.Start < 0 || o.End > len(src) || o.Start >= o.End {
				t.Fatalf("range %d:%d outside source of %d bytes", o.Start, o.End, len(src))
			}
			if src[o.Start] != '<' {
				t.Fatalf("range %d:%d starts with %q", o.Start, o.End, src[o.Start])
			}
		}
		var removed []Offsets
		for _, sp := range s.Clean(doc, Options{}) {
			check(Offsets{sp.Start, sp.End})
			if sp.End > 0 {
				removed = append(removed, Offsets{sp.Start, sp.End})
			}
		}
		var left []*html.Node
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				left = append(left, n)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		for _, o := range s.Locate(doc, left) {
			check(o)
			for _, r := range removed {
				if o.End > 0 && o.Start >= r.Start && o.Start < r.End {
					t.Fatalf("element left in the tree located at %d:%d, inside removed %d:%d", o.Start, o.End, r.Start, r.End)
				}
			}
		}
	})
}

// checkStepwiseCount sums countedText over nextCounted from every element
// of doc and compares the total with textLen, as the guard relies on.
func checkStepwiseCount(t *testing.T, doc *html.Node) {
	t.Helper()
	var walk func(*html.Node)
	walk = func(root *html.Node) {
		total := 0
		for n := nextCounted(root, root); n != nil; n = nextCounted(n, root) {
			total += countedText(n)
		}
		if want := textLen(root); total != want {
			t.Fatalf("stepwise count under <%s> = %d, textLen = %d", root.Data, total, want)
		}
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func TestStepwiseCountMatchesTextLen(t *testing.T) {
	for _, src := range append(cleanSeeds, `<body> a <div> b <script>x</script><p>c <b> d </b></p></div><template>t</template> e </body>`) {
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		checkStepwiseCount(t, doc)
	}
}

// checkBlanksInvisible requires the white-space nodes DropBlanks drops
// to be invisible to segmentation: the page's blocks read the same before
// and after.
func checkBlanksInvisible(t *testing.T, src string) {
	t.Helper()
	before, err1 := html.Parse(strings.NewReader(src))
	after, err2 := html.Parse(strings.NewReader(src))
	if err1 != nil || err2 != nil {
		return
	}
	DropBlanks(after)
	texts := func(doc *html.Node) []string {
		var out []string
		if b := Body(doc); b != nil {
			for _, bl := range blocks.Segment(b) {
				out = append(out, bl.Text)
			}
		}
		return out
	}
	if b, a := texts(before), texts(after); !slices.Equal(b, a) {
		t.Fatalf("blocks changed by dropping blank nodes:\nbefore %q\nafter  %q", b, a)
	}
}
