package textmode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTextCoverage checks the pipeline's invariant on arbitrary text:
// body and removed spans stay inside the input, never overlap, and
// together cover every byte that is not ASCII whitespace.
func FuzzTextCoverage(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "text", "*.txt"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{"", "\r\n", "\u00a0\n\u00a0x", "  • a\n\t* b\r\n- c", "By X 1 January 2020\nTitle\n\nText. More text."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		res := Extract(s, Options{})
		checkCoverage(t, s, res)
		if utf8.ValidString(s) && !utf8.ValidString(res.Body) {
			t.Fatalf("body is not valid UTF-8")
		}
	})
}

// TestCoverageProperty runs the invariant over generated pages mixing
// the shapes that matter (bullets, CRLF, blank runs, NBSP, widgets).
func TestCoverageProperty(t *testing.T) {
	parts := []string{
		"Home", "  • News", "\t* Sport", "- Contact", "\u00a0", "", "", "\r",
		"Subscribe to our newsletter", "12:06 AM", "Published 18 March 2022",
		"By Jane Roe", "The council met on Tuesday and agreed on a new budget for the schools of the city after a long debate.",
		"Support us today. Your contribution keeps our newsroom independent and free for all readers.",
		"© 2024 Example", "Read more", "Zum Inhalt springen", "Поделиться",
	}
	for seed := 0; seed < 300; seed++ {
		var b strings.Builder
		x := uint32(seed*2654435761 + 1)
		for i := 0; i < 40; i++ {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b.WriteString(parts[int(x%uint32(len(parts)))])
			if x%7 == 0 {
				b.WriteString("\r\n")
			} else {
				b.WriteString("\n")
			}
		}
		text := b.String()
		checkCoverage(t, text, Extract(text, Options{}))
	}
}

// BenchmarkTextMode runs the pipeline over the golden pages concatenated.
func BenchmarkTextMode(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "text", "*.txt"))
	var sb strings.Builder
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text, Options{})
	}
}
