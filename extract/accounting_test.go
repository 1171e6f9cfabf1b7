package extract

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"golang.org/x/net/html"
)

// unaccounted is how many bytes of the page's visible text (its blocks,
// segmented from a fresh parse) are neither in the body nor in a removed
// span, and the longest such remainder. White space is ignored: the body,
// the spans and the blocks space inline text differently. A block found
// whole is accounted for; one that several pieces cover (a byline box
// whose date Clean removed on its own) loses each piece it contains,
// longest first, and what is left is unaccounted.
func unaccounted(t *testing.T, page string, res *Result) (bytes int, worst string) {
	t.Helper()
	var hay strings.Builder
	pieces := []string{}
	for _, para := range strings.Split(res.Article.Body, "\n") {
		if p := squashSpace(para); p != "" {
			pieces = append(pieces, p)
			hay.WriteString(p)
		}
	}
	for _, sp := range res.Removed {
		if p := squashSpace(sp.Text); p != "" {
			pieces = append(pieces, p)
			hay.WriteString("\x00")
			hay.WriteString(p)
		}
	}
	sort.Slice(pieces, func(i, j int) bool { return len(pieces[i]) > len(pieces[j]) })
	all := hay.String()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks.Segment(bodyOf(doc)) {
		rem := squashSpace(b.Text)
		if rem == "" || strings.Contains(all, rem) {
			continue
		}
		for _, p := range pieces {
			if len(p) >= 3 {
				rem = strings.Replace(rem, p, "", 1)
			}
		}
		if len(rem) >= 3 {
			bytes += len(rem)
			if len(rem) > len(worst) {
				worst = rem
			}
		}
	}
	return bytes, worst
}

func squashSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Every piece of a fixture page is body or a removed span: nothing
// disappears. On the corpus the same property is TestQualityCorpus's
// "page words in body or spans" (a word count, with a floor); here, with
// no corpus needed, it is exact: no block's text may go unaccounted.
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
		if n, worst := unaccounted(t, page, res); n > 0 {
			t.Errorf("%s: %d bytes of page text in neither body nor spans, e.g. %q", filepath.Base(dir), n, worst)
		}
	}
}
