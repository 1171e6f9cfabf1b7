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

func checkWriteWords(t *testing.T, prefix, s string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(prefix)
	WriteWords(&b, s)
	want := strings.Join(strings.Fields(prefix+" "+s), " ")
	if prefix == "" {
		want = strings.Join(strings.Fields(s), " ")
	}
	if got := b.String(); got != want {
		t.Fatalf("WriteWords(%q after %q) = %q, want %q", s, prefix, got, want)
	}
}

// TestWriteWords checks WriteWords against strings.Fields, whose split
// (Unicode spaces, invalid UTF-8 as non-space) it must reproduce.
func TestWriteWords(t *testing.T) {
	for _, s := range append(normCases, "x\u00a0y\u2003z\u3000", "\u0085a\u0085") {
		checkWriteWords(t, "", s)
		checkWriteWords(t, "p", s)
	}
}

func FuzzWriteWords(f *testing.F) {
	f.Add("p", " a  b\u00a0c ")
	f.Fuzz(func(t *testing.T, prefix, s string) {
		if strings.Join(strings.Fields(prefix), " ") != prefix {
			return // WriteWords appends to collapsed text only
		}
		checkWriteWords(t, prefix, s)
	})
}
