package htmldom

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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
// that is not a letter or digit, and returns their bounds in the
// lower-cased name (every byte of a non-ASCII rune counts as a letter).
// buf and words are reused between calls, so that the common all-ASCII
// name costs no allocation: classify runs on every element of the page.
func splitWords(name string, buf []byte, words [][2]int) ([]byte, [][2]int) {
	buf, words = buf[:0], words[:0]
	ascii := true
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(name); i++ {
			c := name[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
	} else {
		buf = append(buf, strings.ToLower(name)...)
	}
	start := -1
	for i, c := range buf {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, [2]int{start, len(buf)})
	}
	return buf, words
}

// nameScratch holds the buffers matchName reuses; one per Clean call.
type nameScratch struct {
	lower []byte   // the lower-cased name
	words [][2]int // word bounds in lower
	key   []byte   // the run of words being looked up
}

// matchName matches one class name (or id) against set: a run of up to
// three of its words, joined by "-", that is in set, with every other word
// an affix. It returns the matched run as a key into set.
func (ts tokenSet) matchName(name string, sc *nameScratch, set func([]byte) bool) (string, bool) {
	sc.lower, sc.words = splitWords(name, sc.lower, sc.words)
	lower, words := sc.lower, sc.words
	for i := range words {
		key := sc.key[:0]
		for j := i; j < len(words) && j < i+3; j++ {
			if j > i {
				key = append(key, '-')
			}
			key = append(key, lower[words[j][0]:words[j][1]]...)
			if !set(key) {
				continue
			}
			ok := true
			for k, w := range words {
				if (k < i || k > j) && !ts.affixe[string(lower[w[0]:w[1]])] {
					ok = false
					break
				}
			}
			if ok {
				sc.key = key
				return string(key), true
			}
		}
		sc.key = key
	}
	return "", false
}

// match looks an element's class and id up: no match when any class
// names the article body; otherwise the first name that matches a token.
// sc holds buffers reused across calls.
func (ts tokenSet) match(class, id string, sc *nameScratch) (noise.Kind, string, bool) {
	if class == "" && id == "" {
		return 0, "", false
	}
	isKeep := func(k []byte) bool { return ts.keep[string(k)] }
	isNoise := func(k []byte) bool { _, ok := ts.kinds[string(k)]; return ok }
	for pass := range 2 {
		set := isKeep
		if pass == 1 {
			set = isNoise
		}
		rest, idDone := class, id == ""
		for {
			var name string
			name, rest = nextField(rest)
			if name == "" {
				if idDone {
					break
				}
				name, idDone = id, true
			}
			tok, ok := ts.matchName(name, sc, set)
			switch {
			case ok && pass == 0:
				return 0, "", false
			case ok:
				return ts.kinds[tok], tok, true
			}
		}
	}
	return 0, "", false
}

// nextField returns the first whitespace-separated field of s, as
// strings.Fields splits, and what follows it; "" when s holds none.
func nextField(s string) (field, rest string) {
	i := strings.IndexFunc(s, isNotSpace)
	if i < 0 {
		return "", ""
	}
	s = s[i:]
	j := strings.IndexFunc(s, unicode.IsSpace)
	if j < 0 {
		return s, ""
	}
	return s[:j], s[j:]
}

func isNotSpace(r rune) bool { return !unicode.IsSpace(r) }
