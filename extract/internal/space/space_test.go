package space

import (
	"strings"
	"testing"
)

var normCases = []string{"", " ", "a", " a  b ", "a\tb\nc", "a\u00a0b", "a\u0085 b", "\xffa \xfe", "a\u3000\u2028b ", "已 经"}

// TestNorm checks Norm against the Fields-and-Join it replaces.
func TestNorm(t *testing.T) {
	for _, s := range normCases {
		if got, want := Norm(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("Norm(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzNorm checks the hand-written Norm against the Fields-and-Join it
// replaces, on arbitrary bytes.
func FuzzNorm(f *testing.F) {
	for _, s := range normCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		if got := Norm(s); got != want {
			t.Fatalf("Norm(%q) = %q, want %q", s, got, want)
		}
	})
}

// BenchmarkNorm runs Norm on a paragraph that needs rebuilding (no-break
// spaces and line breaks, as page text has) beside the Fields-and-Join it
// replaces, in the same run:
//
//	go test ./extract/internal/space -run '^$' -bench Norm
func BenchmarkNorm(b *testing.B) {
	para := strings.Repeat("Die Stadt hat am\u00a0Montag beschlossen,\n  die neue Brücke über den Fluss zu bauen. ", 40)
	b.Run("Norm", func(b *testing.B) {
		b.SetBytes(int64(len(para)))
		for b.Loop() {
			Norm(para)
		}
	})
	b.Run("FieldsJoin", func(b *testing.B) {
		b.SetBytes(int64(len(para)))
		for b.Loop() {
			_ = strings.Join(strings.Fields(para), " ")
		}
	})
}
