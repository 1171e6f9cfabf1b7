package noise

import (
	"bufio"
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexiconFS holds one phrase file per language; see lexicon/en.txt for
// the format.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// matchMode says where in a block a phrase may match.
type matchMode uint8

const (
	matchAnywhere matchMode = iota // on word boundaries anywhere
	matchStart                     // "^phrase": at the start of the block
	matchExact                     // "=phrase": the block is the phrase
	matchLabel                     // "^phrase:": opens the block as a label, a colon after it
)

// phrase is one lexicon entry.
type phrase struct {
	kind   Kind
	mode   matchMode
	tokens []string
	lang   string
}

// Lexicon is the compiled set of phrase lists of all languages. It is
// built once from the embedded files and read-only afterwards.
type Lexicon struct {
	phrases []phrase
	// wordSets are per-language word lists ("stopwords", "address") and
	// phrase lists that are not kinds ("byline_prefix", "date_prefix",
	// "reading_time"), keyed by section then language.
	wordSets map[string]map[string]map[string]bool
	prefixes map[string]map[string][][]string // section → lang → phrases
	langs    []string
	// words holds what a block's token needs from the lexicon: the
	// languages that list it as a stop word or an address word, and the
	// phrases it starts. One lookup per token serves the stop-word count
	// and the phrase match (two maps cost half of analyze's time).
	words map[string]wordEntry
	// numberFirst are the phrases that start with a number ("#").
	numberFirst []int
}

// wordEntry is what the lexicon knows about one word.
type wordEntry struct {
	bits  wordBits
	first []int // indexes into phrases of the phrases starting with the word
}

// wordBits says in which languages a word is a stop word or an address
// word.
type wordBits struct{ stop, addr uint32 }

// langBit returns the bit of lang in wordBits, or 0 when unknown.
func (lx *Lexicon) langBit(lang string) uint32 {
	for i, l := range lx.langs {
		if l == lang {
			return 1 << i
		}
	}
	return 0
}

// lexicon is the package's compiled lexicon.
var lexicon = mustLoadLexicon()

func mustLoadLexicon() *Lexicon {
	lx, err := loadLexicon()
	if err != nil {
		panic(err) // embedded data is part of the build; a bad file is a programming error
	}
	return lx
}

// wordListSections are sections whose lines are space-separated words.
var wordListSections = map[string]bool{"stopwords": true, "address": true}

func loadLexicon() (*Lexicon, error) {
	lx := &Lexicon{
		words:    map[string]wordEntry{},
		wordSets: map[string]map[string]map[string]bool{},
		prefixes: map[string]map[string][][]string{},
	}
	files, err := lexiconFS.ReadDir("lexicon")
	if err != nil {
		return nil, fmt.Errorf("read lexicon dir: %w", err)
	}
	for _, f := range files {
		name := f.Name()
		lang := strings.TrimSuffix(name, ".txt")
		data, err := lexiconFS.ReadFile(path.Join("lexicon", name))
		if err != nil {
			return nil, fmt.Errorf("read lexicon %s: %w", name, err)
		}
		if err := lx.parse(lang, string(data)); err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", name, err)
		}
		lx.langs = append(lx.langs, lang)
	}
	sort.Strings(lx.langs)
	for i, lang := range lx.langs {
		for w := range lx.wordSets["stopwords"][lang] {
			e := lx.words[w]
			e.bits.stop |= 1 << i
			lx.words[w] = e
		}
		for w := range lx.wordSets["address"][lang] {
			e := lx.words[w]
			e.bits.addr |= 1 << i
			lx.words[w] = e
		}
	}
	lx.numberFirst = lx.words["#"].first
	return lx, nil
}

func (lx *Lexicon) parse(lang, data string) error {
	section := ""
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		if section == "" {
			return fmt.Errorf("line %d: phrase outside a [section]", n)
		}
		if wordListSections[section] {
			set := lx.wordSet(section, lang)
			for _, w := range tokenize(line) {
				set[w] = true
			}
			continue
		}
		mode := matchAnywhere
		switch line[0] {
		case '=':
			mode, line = matchExact, line[1:]
		case '^':
			mode, line = matchStart, line[1:]
			if strings.HasSuffix(line, ":") {
				mode, line = matchLabel, strings.TrimSuffix(line, ":")
			}
		}
		toks := tokenize(strings.ReplaceAll(line, "#", "0"))
		for i, t := range toks {
			if t == "0" {
				toks[i] = "#" // "#" in a phrase stands for any number
			}
		}
		if len(toks) == 0 {
			continue // e.g. "photo :" in a language where the phrase is only punctuation after tokenizing
		}
		kind, ok := ParseKind(section)
		if !ok {
			if lx.prefixes[section] == nil {
				lx.prefixes[section] = map[string][][]string{}
			}
			lx.prefixes[section][lang] = append(lx.prefixes[section][lang], toks)
			continue
		}
		e := lx.words[toks[0]]
		e.first = append(e.first, len(lx.phrases))
		lx.words[toks[0]] = e
		lx.phrases = append(lx.phrases, phrase{kind: kind, mode: mode, tokens: toks, lang: lang})
	}
	return sc.Err()
}

func (lx *Lexicon) wordSet(section, lang string) map[string]bool {
	if lx.wordSets[section] == nil {
		lx.wordSets[section] = map[string]map[string]bool{}
	}
	if lx.wordSets[section][lang] == nil {
		lx.wordSets[section][lang] = map[string]bool{}
	}
	return lx.wordSets[section][lang]
}

// hit is one phrase found in a block.
type hit struct {
	kind   Kind
	mode   matchMode
	ntoks  int // tokens of the phrase
	phrase int // index into Lexicon.phrases
}

// match returns every phrase of any language found in the tokens. first
// holds the phrases each token starts (wordEntry.first, numberFirst for
// numbers), num says which tokens are numbers: a phrase's "#" matches
// any number and nothing else.
func (lx *Lexicon) match(toks []string, first [][]int, num []bool, out []hit) []hit {
	for i := range toks {
		for _, pi := range first[i] {
			p := &lx.phrases[pi]
			if len(p.tokens) > len(toks)-i {
				continue
			}
			switch p.mode {
			case matchExact:
				if i != 0 || len(p.tokens) != len(toks) {
					continue
				}
			case matchStart, matchLabel:
				if i != 0 {
					continue
				}
			}
			ok := true
			for k := 1; k < len(p.tokens); k++ {
				if num[i+k] && p.tokens[k] != "#" || !num[i+k] && toks[i+k] != p.tokens[k] {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, hit{kind: p.kind, mode: p.mode, ntoks: len(p.tokens), phrase: pi})
			}
		}
	}
	return out
}

// hasPrefix reports whether toks start with one of the section's phrases
// in lang or English, and returns the phrase length in tokens.
func (lx *Lexicon) hasPrefix(section, lang string, toks []string) int {
	best := 0
	for _, l := range []string{lang, "en"} {
		for _, p := range lx.prefixes[section][l] {
			if len(p) <= len(toks) && len(p) > best && equalTokens(p, toks[:len(p)]) {
				best = len(p)
			}
		}
		if l == "en" {
			break
		}
	}
	return best
}

// containsPhrase reports whether the section has a phrase (any language)
// occurring in toks, and where it starts.
func (lx *Lexicon) containsPhrase(section string, toks []string) (int, int, bool) {
	for _, l := range lx.langs {
		for _, p := range lx.prefixes[section][l] {
			for i := 0; i+len(p) <= len(toks); i++ {
				if equalTokens(p, toks[i:i+len(p)]) {
					return i, len(p), true
				}
			}
		}
	}
	return 0, 0, false
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// tokenize lower-cases s and splits it into words: runs of letters and
// digits, keeping inner apostrophes and hyphens ("you're", "e-mail").
func tokenize(s string) []string {
	return appendTokens(nil, s)
}

func appendTokens(out []string, s string) []string {
	return appendLowerTokens(out, lowerFold(s))
}

// appendLowerTokens is appendTokens on text already passed through
// lowerFold.
func appendLowerTokens(out []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		var inWord bool
		if r < utf8.RuneSelf {
			k := asciiWord[r]
			inWord = k == wordChar || k == wordJoiner && start >= 0
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

// Classes of ASCII bytes in lower-cased text, by table: the tokenizer
// runs over every byte of every block.
const (
	wordChar   = 1 // a letter or digit
	wordJoiner = 2 // an apostrophe or hyphen, inside a word
)

var asciiWord = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = wordChar
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = wordChar
	}
	t['\''], t['-'] = wordJoiner, wordJoiner
	return t
}()

// trimJoiners drops apostrophes and hyphens at the end of a word (a word
// never starts with one).
func trimJoiners(w string) string {
	for len(w) > 0 && (w[len(w)-1] == '\'' || w[len(w)-1] == '-') {
		w = w[:len(w)-1]
	}
	return w
}

// lowerFold lower-cases s and folds the typographic apostrophe in one
// pass, without allocating when s is already lower-case ASCII.
func lowerFold(s string) string {
	i := 0
	for i < len(s) {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			break
		}
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	writeLowerFold(&b, s)
	return b.String()
}

// writeLowerFold writes s to b, lower-cased and with the typographic
// apostrophe folded.
func writeLowerFold(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		// Most text is lower-case ASCII between capitals: such a run is
		// copied at once rather than byte by byte.
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf && (s[j] < 'A' || s[j] > 'Z') {
			j++
		}
		b.WriteString(s[i:j])
		if i = j; i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '’' {
			r = '\''
		} else {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
		i += size
	}
}
