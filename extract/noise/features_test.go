package noise

import (
	"testing"
	"unicode/utf8"
)

// wordShape's rune count stands in for utf8.RuneCountInString.
func checkRuneCount(t *testing.T, s string) {
	t.Helper()
	if runes, _, _ := wordShape(s); runes != utf8.RuneCountInString(s) {
		t.Errorf("wordShape(%q) counts %d runes, want %d", s, runes, utf8.RuneCountInString(s))
	}
}

func TestWordShapeCountsRunes(t *testing.T) { checkSamples(t, foldSamples, checkRuneCount) }

func FuzzWordShapeCountsRunes(f *testing.F) { fuzzSamples(f, foldSamples, checkRuneCount) }
