package htmldom

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzClean feeds arbitrary markup through parse → Clean: it must not
// panic, and every located span must lie inside the source and start at
// a '<'.
func FuzzClean(f *testing.F) {
	for _, seed := range []string{
		`<div class="share">x</div><p>text</p>`,
		`<table><tr><td class=a>1<td>2</table><nav>n</nav>`,
		`<p>a<p>b<footer>c`,
		`<script>if (a < b) {}</script><aside>x</aside>`,
		`<!-- <nav> --><nav id=x a='>' b="<">y</nav>`,
		`<svg><title>t</title></svg><form><input type=email></form>`,
		`<div hidden>h</div><textarea></nav></textarea>`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			return
		}
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
