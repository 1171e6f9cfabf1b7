package htmldom

import (
	"strings"
	"testing"

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
}

// FuzzClean feeds arbitrary markup through parse → Clean: it must not
// panic, and every located span must lie inside the source and start at
// a '<'. It also checks the guard's stepwise text count.
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
		for _, sp := range Clean(doc, src, Options{}) {
			if sp.Start == 0 && sp.End == 0 {
				continue
			}
			if sp.Start < 0 || sp.End > len(src) || sp.Start >= sp.End {
				t.Fatalf("span %d:%d outside source of %d bytes", sp.Start, sp.End, len(src))
			}
			if src[sp.Start] != '<' {
				t.Fatalf("span %d:%d starts with %q", sp.Start, sp.End, src[sp.Start])
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
