package textmode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/noise"
)

// lineKinds maps each 1-based input line to the kind that covers it
// (Unspecified for body lines and blank lines).
func lineKinds(text string, res Result) []noise.Kind {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	kinds := make([]noise.Kind, len(starts))
	lineOf := func(off int) int {
		lo, hi := 0, len(starts)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if starts[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	for _, r := range res.Removed {
		for l := lineOf(r.Start); l <= lineOf(max(r.End-1, r.Start)); l++ {
			kinds[l] = r.Kind
		}
	}
	return kinds
}

// TestSeedVariants reruns the golden pages with the changes a renderer or
// another site brings (CRLF endings, indentation, other names, amounts
// and date formats) and expects every line to keep its kind.
func TestSeedVariants(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "text", "00*.txt"))
	if len(files) == 0 {
		t.Skip("no seed pages in testdata/text")
	}
	variants := []struct {
		name string
		edit func(string) string
	}{
		{"crlf", func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }},
		{"indent", func(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }},
		{"tab-indent-crlf", func(s string) string { return "\t" + strings.ReplaceAll(s, "\n", "\r\n\t") }},
		{"renamed", strings.NewReplacer(
			"The Moscow Times", "The Harbour Ledger", "Moscow Times", "Harbour Ledger",
			"The Kyiv Independent", "The Lakeside Herald", "AMN", "NWR",
			"Ukraine Daily", "Morning Brief", "$2", "€5", "$1", "£3",
		).Replace},
		{"dates", strings.NewReplacer(
			"April 03, 2022", "3 April 2022",
			"Published 18 March 2022", "Published: March 18, 2022",
			"February 22, 2023 12:14 PM", "22 Feb 2023 12:14",
		).Replace},
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		orig := string(raw)
		base := Extract(orig, Options{})
		want := lineKinds(orig, base)
		for _, v := range variants {
			t.Run(filepath.Base(f)+"/"+v.name, func(t *testing.T) {
				text := v.edit(orig)
				res := Extract(text, Options{})
				checkCoverage(t, text, res)
				got := lineKinds(text, res)
				if len(got) != len(want) {
					t.Fatalf("%d lines, want %d", len(got), len(want))
				}
				for i := range want {
					if got[i] != want[i] {
						t.Errorf("line %d: kind %v, want %v", i+1, got[i], want[i])
					}
				}
				if (res.Headline == "") != (base.Headline == "") || (res.Published == "") != (base.Published == "") || (res.Byline == "") != (base.Byline == "") {
					t.Errorf("metadata %q/%q/%q, original %q/%q/%q", res.Headline, res.Byline, res.Published, base.Headline, base.Byline, base.Published)
				}
				if v.name == "dates" && res.Published != base.Published {
					t.Errorf("published %q, want %q", res.Published, base.Published)
				}
			})
		}
	}
}
