package noise

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// matchByPhrase is the straightforward phrase match that Lexicon.match
// replaces: numbers written as "#", then every phrase whose first token
// is the block's token, looked up by that token.
func matchByPhrase(toks []string) []hit {
	numbered := make([]string, len(toks))
	for i, t := range toks {
		numbered[i] = t
		if isNumber(t) {
			numbered[i] = "#"
		}
	}
	byFirst := map[string][]int{}
	for pi, p := range lexicon.phrases {
		byFirst[p.tokens[0]] = append(byFirst[p.tokens[0]], pi)
	}
	var out []hit
	for i, t := range numbered {
		for _, pi := range byFirst[t] {
			p := lexicon.phrases[pi]
			if len(p.tokens) > len(numbered)-i || p.mode == matchExact && (i != 0 || len(p.tokens) != len(numbered)) || (p.mode == matchStart || p.mode == matchLabel) && i != 0 {
				continue
			}
			if equalTokens(p.tokens, numbered[i:i+len(p.tokens)]) {
				out = append(out, hit{kind: p.kind, mode: p.mode, ntoks: len(p.tokens), phrase: pi})
			}
		}
	}
	return out
}

// matchAsAnalyze runs Lexicon.match with the inputs analyze gives it.
func matchAsAnalyze(toks []string) []hit {
	first := make([][]int, len(toks))
	num := make([]bool, len(toks))
	for i, t := range toks {
		first[i] = lexicon.words[t].first
		if num[i] = isNumber(t); num[i] {
			first[i] = lexicon.numberFirst
		}
	}
	return lexicon.match(toks, first, num, nil)
}

func checkMatch(t *testing.T, text string) {
	t.Helper()
	toks := tokenize(text)
	if got, want := matchAsAnalyze(toks), matchByPhrase(toks); !reflect.DeepEqual(got, want) {
		t.Errorf("match(%q) = %v, want %v", text, got, want)
	}
}

func matchSamples() []string {
	samples := []string{
		"", "12 comments", "Read more: 3 things to know", "Subscribe to our newsletter 2024",
		"24 7 support", "Share this article on Facebook", "#", "1 2 3",
	}
	// Every phrase of the lexicon, alone, with a count for its "#", and
	// inside a sentence.
	for _, p := range lexicon.phrases {
		s := strings.ReplaceAll(strings.Join(p.tokens, " "), "#", "42")
		samples = append(samples, s, "Yesterday "+s+" and 7 more", s+" "+s)
	}
	return samples
}

func TestMatchAgreesWithPhraseLookup(t *testing.T) { checkSamples(t, matchSamples(), checkMatch) }

func FuzzMatchAgreesWithPhraseLookup(f *testing.F) { fuzzSamples(f, matchSamples()[:40], checkMatch) }

// lowerFoldByRune is the straightforward lowerFold: rune by rune.
func lowerFoldByRune(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '’' {
			return '\''
		}
		return unicode.ToLower(r)
	}, s)
}

var foldSamples = []string{"", "abc", "ABC", "Don’t Stop", "ÄÖÜ straße İstanbul", "MiXeD 123 ÇA’VA", "\xff\xfeAB", "Ω", "a\u00a0B"}

func checkLowerFold(t *testing.T, s string) {
	t.Helper()
	if got, want := lowerFold(s), lowerFoldByRune(s); got != want {
		t.Errorf("lowerFold(%q) = %q, want %q", s, got, want)
	}
}

func TestLowerFoldAgreesWithRuneMapping(t *testing.T) { checkSamples(t, foldSamples, checkLowerFold) }

func FuzzLowerFoldAgreesWithRuneMapping(f *testing.F) { fuzzSamples(f, foldSamples, checkLowerFold) }

// checkSamples runs check on every sample; fuzzSamples seeds a fuzz
// target with them.
func checkSamples(t *testing.T, samples []string, check func(*testing.T, string)) {
	for _, s := range samples {
		check(t, s)
	}
}

func fuzzSamples(f *testing.F, samples []string, check func(*testing.T, string)) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(check)
}
