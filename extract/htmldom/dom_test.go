package htmldom

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// selectorByCompare is Selector as first written, one string per step.
func selectorByCompare(n *html.Node) string {
	var steps []string
	for e := n; e != nil && e.Type == html.ElementNode; e = e.Parent {
		if id := attr(e, "id"); id != "" && !strings.ContainsAny(id, " \t\n") {
			steps = append(steps, e.Data+"#"+cssIdentByCompare(id))
			break
		}
		step := e.Data
		if cls := strings.Fields(attr(e, "class")); len(cls) > 0 {
			step += "." + cssIdentByCompare(cls[0])
		}
		if idx, same := nthOfType(e); same > 1 {
			step += ":nth-of-type(" + strconv.Itoa(idx) + ")"
		}
		steps = append(steps, step)
	}
	slices.Reverse(steps)
	return strings.Join(steps, " > ")
}

// cssIdentByCompare escapes as Selector does: the escaping itself did
// not change, only how the path is assembled.
func cssIdentByCompare(s string) string {
	var b strings.Builder
	writeCSSIdent(&b, s)
	return b.String()
}

// checkSelectors compares Selector with selectorByCompare on every
// element of page.
func checkSelectors(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return
	}
	var sel Selectors
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			want := selectorByCompare(n)
			if got := Selector(n); got != want {
				t.Fatalf("Selector = %q, want %q", got, want)
			}
			if got := sel.Of(n); got != want {
				t.Fatalf("Selectors.Of = %q, want %q", got, want)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// TestSelectorByCompare runs the comparison over the golden pages.
func TestSelectorByCompare(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "html", "*", "source.html"))
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkSelectors(t, string(raw))
	}
	checkSelectors(t, `<div id="a b"><p class=" 9x  y">x</p><p class="\xff&#0;">y</p><span id=1>z</span></div>`)
}

func FuzzSelector(f *testing.F) {
	f.Add(`<div id="main"><ul class="nav x"><li>a</li><li class="3d">b</li></ul></div>`)
	f.Add(`<p class="a.b"><b id="x y"><i class="é">t</i></b></p>`)
	f.Fuzz(checkSelectors)
}
