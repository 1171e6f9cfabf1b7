package noise

import (
	"reflect"
	"strings"
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

// fieldsOfByCompare is fieldsOf written plainly: each run of non-space
// bytes, its tokens joined, slices grown by append.
func fieldsOfByCompare(s string) []field {
	var out []field
	for i := 0; i < len(s); {
		if isSpaceByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && !isSpaceByte(s[j]) {
			j++
		}
		f := field{start: i, end: j}
		if toks := tokenize(s[i:j]); len(toks) > 0 {
			f.tok = strings.Join(toks, " ")
		}
		out = append(out, f)
		i = j
	}
	return out
}

func checkFields(t *testing.T, s string) {
	t.Helper()
	got, want := fieldsOf(s), fieldsOfByCompare(s)
	if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
		t.Errorf("fieldsOf(%q) = %v, want %v", s, got, want)
	}
}

var fieldSamples = append([]string{"By Jane Doe", " 5 Min. Lesezeit\t", "Published: 2020-01-02 | Updated", "a-b--c d'e \r\n x", "one two three four five six seven eight nine"}, tokenSamples...)

func TestFieldsMatchComparison(t *testing.T) { checkSamples(t, fieldSamples, checkFields) }

func FuzzFieldsMatchComparison(f *testing.F) { fuzzSamples(f, fieldSamples, checkFields) }

func TestIsServerMessage(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Warning: Undefined variable $x in /var/www/site/plugin.php on line 28", true},
		{"Deprecated: Assigning the return value of new by reference is deprecated in /www/wp-includes/cache.php on line 36\n" +
			"Strict Standards: Redefining already defined constructor for class wpdb in /www/wp-includes/wp-db.php on line 56", true},
		// Article text on a line of its own keeps the block.
		{"Warning: Undefined variable in /var/www/a.php on line 3\nThe council met on Monday evening.", false},
		{"The striker scored twice on line 4 of the scoresheet.", false},
		{"See the config in /etc/app.php on line ten.", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := isServerMessage(tc.text); got != tc.want {
			t.Errorf("isServerMessage(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// A server's warnings above the article stay server messages, whatever
// their position: the position rules do not relabel them.
func TestClassifyServerMessages(t *testing.T) {
	blocks := []Block{
		{Text: "Strict Standards: Redefining already defined constructor for class wpdb in /www/wp-includes/wp-db.php on line 56"},
		{Text: "The council met on Monday evening to decide about the new bridge over the river, after two years of debate and many letters."},
	}
	labels := ClassifyBlocks(blocks)
	if labels[0].Kind != Other || labels[0].Rule != "server-message" {
		t.Errorf("server message labelled %v/%s, want other/server-message", labels[0].Kind, labels[0].Rule)
	}
	if labels[1].Kind != Unspecified {
		t.Errorf("article labelled %v/%s, want body", labels[1].Kind, labels[1].Rule)
	}
}
