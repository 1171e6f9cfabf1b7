package htmldom

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/noise"
)

//go:embed tokens.txt
var tokensFile string

// tokenList is tokens.txt, loaded once.
var tokenList = mustLoadTokens(tokensFile)

// tokenSet holds the parsed token file.
type tokenSet struct {
	kinds  map[string]noise.Kind // token → kind it marks
	keep   map[string]bool       // tokens naming the article body
	affixe map[string]bool       // words allowed around a token
}

func mustLoadTokens(data string) tokenSet {
	m, err := parseTokens(data)
	if err != nil {
		panic(err)
	}
	return m
}

func parseTokens(data string) (tokenSet, error) {
	ts := tokenSet{kinds: map[string]noise.Kind{}, keep: map[string]bool{}, affixe: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Fields(s)
		if len(f) != 2 {
			return ts, fmt.Errorf("tokens.txt:%d: want \"kind token\", got %q", line, s)
		}
		tok := strings.ToLower(f[1])
		switch f[0] {
		case "keep":
			ts.keep[tok] = true
		case "affix":
			ts.affixe[tok] = true
		default:
			k, ok := noise.ParseKind(f[0])
			if !ok {
				return ts, fmt.Errorf("tokens.txt:%d: unknown kind %q", line, f[0])
			}
			ts.kinds[tok] = k
		}
	}
	return ts, sc.Err()
}

// splitWords splits one class name into lower-case words at anything
// that is not a letter or digit.
func splitWords(name string) []string {
	return strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
	})
}

// matchName matches one class name (or id) against set: a run of up to
// three of its words, joined by "-", that is in set, with every other word
// an affix.
func (ts tokenSet) matchName(words []string, set func(string) bool) (string, bool) {
	for i := range words {
		key := ""
		for j := i; j < len(words) && j < i+3; j++ {
			if j > i {
				key += "-"
			}
			key += words[j]
			if !set(key) {
				continue
			}
			ok := true
			for k, w := range words {
				if (k < i || k > j) && !ts.affixe[w] {
					ok = false
					break
				}
			}
			if ok {
				return key, true
			}
		}
	}
	return "", false
}

// match looks an element's class and id up: no match when any class
// names the article body; otherwise the first name that matches a token.
func (ts tokenSet) match(class, id string) (noise.Kind, string, bool) {
	if class == "" && id == "" {
		return 0, "", false
	}
	names := strings.Fields(class)
	if id != "" {
		names = append(names, id)
	}
	words := make([][]string, len(names))
	isKeep := func(s string) bool { return ts.keep[s] }
	for i, name := range names {
		words[i] = splitWords(name)
		if _, ok := ts.matchName(words[i], isKeep); ok {
			return 0, "", false
		}
	}
	isNoise := func(s string) bool { _, ok := ts.kinds[s]; return ok }
	for _, w := range words {
		if tok, ok := ts.matchName(w, isNoise); ok {
			return ts.kinds[tok], tok, true
		}
	}
	return 0, "", false
}
