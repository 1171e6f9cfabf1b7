package textmode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

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
		{"long-names-counts", strings.NewReplacer(
			"The Moscow Times", "The Northern Valley Evening Gazette",
			"Post with no comments.", "Post with 12 comments.",
			"AMN", "Riverside Community Network",
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

// wrapText hard-wraps every line at width columns the way a text browser
// does, keeping the line's indentation on its continuation lines.
func wrapText(s string, width int) string {
	var out strings.Builder
	for _, line := range strings.Split(s, "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		col := 0
		for i, w := range strings.Fields(line) {
			n := utf8.RuneCountInString(w)
			switch {
			case i == 0:
				out.WriteString(indent + w)
				col = len(indent) + n
			case col+1+n > width:
				out.WriteString("\n" + indent + w)
				col = len(indent) + n
			default:
				out.WriteString(" " + w)
				col += 1 + n
			}
		}
		out.WriteString("\n")
	}
	return out.String()
}

// TestSeedsWrapped reruns the golden pages hard-wrapped at 76 columns,
// as lynx or html2text would render them: the body and headline must not
// change. (A byline line that fills the width merges with the caption
// below it, so bylines are not compared.)
func TestSeedsWrapped(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "text", "*.txt"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			orig := strings.ReplaceAll(string(raw), "\r\n", "\n")
			base := Extract(orig, Options{})
			text := wrapText(orig, 76)
			res := Extract(text, Options{})
			checkCoverage(t, text, res)
			if got, want := normSpace(res.Body), normSpace(base.Body); got != want {
				t.Errorf("body differs when wrapped:\n got %.300q\nwant %.300q", got, want)
			}
			if res.Headline != base.Headline {
				t.Errorf("headline %q, unwrapped %q", res.Headline, base.Headline)
			}
		})
	}
}

// kindsByText maps each non-blank input line (trimmed) to the kind that
// covers it, for comparing layouts whose line numbers differ.
func kindsByText(text string, res Result) map[string]noise.Kind {
	kinds := lineKinds(text, res)
	out := map[string]noise.Kind{}
	for i, line := range strings.Split(text, "\n") {
		if l := strings.TrimSpace(line); l != "" {
			out[l] = kinds[i]
		}
	}
	return out
}

// TestSeedsBlankLines reruns the golden pages with every blank line
// removed, and with a blank line after every line: paragraph layout
// differs between renderers, the labels should not.
func TestSeedsBlankLines(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "text", "00*.txt"))
	layouts := []struct {
		name string
		edit func(string) string
	}{
		{"double-spaced", func(s string) string {
			var out []string
			for _, l := range strings.Split(s, "\n") {
				if strings.TrimSpace(l) != "" {
					out = append(out, l, "")
				}
			}
			return strings.Join(out, "\n")
		}},
		{"no-blank-lines", func(s string) string {
			var out []string
			for _, l := range strings.Split(s, "\n") {
				if strings.TrimSpace(l) != "" {
					out = append(out, l)
				}
			}
			return strings.Join(out, "\n")
		}},
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		orig := string(raw)
		base := Extract(orig, Options{})
		want := kindsByText(orig, base)
		for _, lay := range layouts {
			t.Run(filepath.Base(f)+"/"+lay.name, func(t *testing.T) {
				text := lay.edit(orig)
				res := Extract(text, Options{})
				checkCoverage(t, text, res)
				got := kindsByText(text, res)
				for line, k := range want {
					if got[line] != k {
						t.Errorf("%q: kind %v, want %v", line[:min(len(line), 60)], got[line], k)
					}
				}
				if res.Headline != base.Headline || res.Byline != base.Byline || res.Published != base.Published {
					t.Errorf("metadata %q/%q/%q, want %q/%q/%q", res.Headline, res.Byline, res.Published, base.Headline, base.Byline, base.Published)
				}
			})
		}
	}
}
