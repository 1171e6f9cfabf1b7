package extract

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/htmldom"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/html")

// TestGoldenHTML runs every testdata/html/<case>/source.html through the
// whole pipeline and compares the body, the Markdown content and a summary
// of the removed spans with the case's expected files. Add a case by
// adding a folder with source.html and running with -update; review the
// generated files before committing.
func TestGoldenHTML(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "html", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(filepath.Join(dir, "source.html"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Extract(context.Background(), Input{HTML: string(src)}, Options{URL: "https://example.org/news/page.html", Format: FormatMarkdown})
			if err != nil {
				t.Fatal(err)
			}
			fresh, err := html.Parse(strings.NewReader(string(src)))
			if err != nil {
				t.Fatal(err)
			}
			var removed strings.Builder
			for _, sp := range res.Removed {
				checkSpanPlace(t, string(src), fresh, sp)
				located := "unlocated"
				if sp.End > sp.Start {
					located = "located"
					if !strings.HasPrefix(string(src[sp.Start:sp.End]), "<") {
						t.Errorf("span %s %s: offsets %d:%d do not start at a tag", sp.Kind, sp.Rule, sp.Start, sp.End)
					}
				}
				fmt.Fprintf(&removed, "%s\t%s\t%s\t%s\t%q\n", sp.Kind, sp.Rule, sp.Selector, located, sp.Text)
			}
			files := map[string]string{
				"expected-body.txt":    res.Article.Body + "\n",
				"expected-content.md":  res.Article.Content + "\n",
				"expected-removed.tsv": removed.String(),
				"expected-path.txt":    res.Path + "\n",
			}
			for name, got := range files {
				path := filepath.Join(dir, name)
				if *update {
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create)", err)
				}
				if string(want) != got {
					t.Errorf("%s differs:\n--- want\n%s\n--- got\n%s", name, want, got)
				}
			}
		})
	}
}

// checkSpanPlace checks that a span's selector picks exactly one element
// of the page as parsed afresh, and that its offsets, when it has them,
// are that element's.
func checkSpanPlace(t *testing.T, src string, doc *html.Node, sp Removed) {
	t.Helper()
	if sp.Selector == "" {
		return
	}
	f, err := fitSpan(doc, src, sp)
	switch {
	case err != nil:
		t.Error(err)
	case f.picks != 1:
		t.Errorf("span %s %s: selector %q picks %d elements, want 1", sp.Kind, sp.Rule, sp.Selector, f.picks)
	case sp.End > sp.Start && f.at != (htmldom.Offsets{Start: sp.Start, End: sp.End}):
		t.Errorf("span %s %s: offsets %d:%d, but %q is at %d:%d", sp.Kind, sp.Rule, sp.Start, sp.End, sp.Selector, f.at.Start, f.at.End)
	}
}
