package extract

import (
	"strings"
	"testing"
)

// wordCount replaces len(strings.Fields(s)); it must agree on every input.
var wordSamples = []string{
	"", " ", "one", " one  two\tthree\n", "a\u00a0b\u2003c", "\u3000全角\u3000スペース",
	"mixed \u0085 next\u2028line", "trailing ", "\xff\xfe broken \xc3", "ünï cödé wörds",
}

func checkWords(t *testing.T, s string) {
	t.Helper()
	if got, want := wordCount(s), len(strings.Fields(s)); got != want {
		t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
	}
}

func TestWordsMatchFields(t *testing.T) {
	for _, s := range wordSamples {
		checkWords(t, s)
	}
}

func FuzzWordsMatchFields(f *testing.F) {
	for _, s := range wordSamples {
		f.Add(s)
	}
	f.Fuzz(checkWords)
}
