package noise

import (
	"reflect"
	"testing"
	"unicode"
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

// appendLowerTokensByCompare is the straightforward appendLowerTokens,
// comparing each ASCII byte with the word characters.
func appendLowerTokensByCompare(out []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		var inWord bool
		if r < utf8.RuneSelf {
			inWord = 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || (r == '\'' || r == '-') && start >= 0
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			inWord = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		if inWord {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			if w := trimJoiners(s[start:i]); w != "" {
				out = append(out, w)
			}
			start = -1
		}
		i += size
	}
	if start >= 0 {
		if w := trimJoiners(s[start:]); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func checkTokens(t *testing.T, s string) {
	t.Helper()
	lower := lowerFold(s)
	if got, want := appendLowerTokens(nil, lower), appendLowerTokensByCompare(nil, lower); !reflect.DeepEqual(got, want) {
		t.Errorf("tokens of %q = %q, want %q", s, got, want)
	}
}

var tokenSamples = append([]string{"don't-stop 42 e-mail", "--x'' 'y- z9", "l'été à 3h"}, foldSamples...)

func TestTokensMatchComparison(t *testing.T) { checkSamples(t, tokenSamples, checkTokens) }

func FuzzTokensMatchComparison(f *testing.F) { fuzzSamples(f, tokenSamples, checkTokens) }
