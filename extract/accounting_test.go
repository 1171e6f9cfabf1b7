package extract

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Every piece of a fixture page is body or a removed span: nothing
// disappears. On the corpus the same count (addCoverage) is
// TestQualityCorpus's "page words in body or spans", with a floor; here,
// with no corpus needed, it must be exact.
func TestExtractHTMLAccountsForEveryBlock(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "html", "*"))
	if len(dirs) == 0 {
		t.Fatal("no HTML fixtures")
	}
	for _, dir := range dirs {
		page := readFixture(t, filepath.Base(dir))
		res, err := Extract(context.Background(), Input{HTML: page}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		if held, all := addCoverage(0, 0, doc, res); held != all {
			t.Errorf("%s: %d of the page's %d words in neither body, headline nor spans", filepath.Base(dir), all-held, all)
		}
	}
}
