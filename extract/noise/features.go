package noise

// Per-block features: words, sentence shape, lexicon cues, clock times.

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// analyze computes the per-block features that do not depend on the page,
// taking those of texts in seen (which may be nil) as they are.
func analyze(blocks []Block, seen map[string]*features) []blockInfo {
	infos := make([]blockInfo, len(blocks))
	var hits []hit
	// The page's text is lower-cased into one string and its tokens go
	// to one buffer: each block's tokens are a slice of it (a block's
	// slice stays valid when the buffer grows; so do the strings the
	// builder returned). Sized from the text, as a word and its space
	// take five bytes or more, so that a page costs a few allocations
	// rather than several per block.
	size := 0
	var known []bool // the block's features came from seen
	if len(seen) > 0 {
		known = make([]bool, len(blocks))
	}
	for i, b := range blocks {
		in := &infos[i]
		in.b = b
		if f, ok := seen[b.Text]; ok {
			in.features, known[i] = *f, true
			in.strong = in.lexStrong
			continue
		}
		size += len(b.Text)
	}
	var lower strings.Builder
	lower.Grow(size + size/8)
	buf := make([]string, 0, size/5+len(blocks))
	bits := make([]wordBits, 0, cap(buf)) // parallel to buf
	// The phrases each token of the current block starts, and which of
	// its tokens are numbers: the phrase match's input, reused per block.
	var first [][]int
	var num []bool
	for i, b := range blocks {
		if known != nil && known[i] {
			continue
		}
		in := &infos[i]
		start, from := len(buf), lower.Len()
		writeLowerFold(&lower, b.Text)
		buf = appendLowerTokens(buf, lower.String()[from:])
		in.toks = buf[start:len(buf):len(buf)]
		first, num = first[:0], num[:0]
		for _, t := range in.toks {
			e := lexicon.words[t]
			bits = append(bits, e.bits)
			isNum := isNumber(t)
			if isNum {
				e.first = lexicon.numberFirst
			}
			first, num = append(first, e.first), append(num, isNum)
		}
		in.bits = bits[start:len(bits):len(bits)]
		in.runes, in.words, in.titleRatio = wordShape(b.Text)
		in.terminal = EndsSentence(b.Text)
		in.timeOnly = isClockTime(b.Text)
		if len(in.toks) <= 15 {
			in.norm = strings.Join(in.toks, " ") // only short lines are checked for repeats
		}
		hits = lexicon.match(in.toks, first, num, hits[:0])
		in.cueKind, in.lexStrong, in.cuePhrase = judgeHits(hits, len(in.toks), labelTokens(hits, b.Text))
		in.strong = in.lexStrong
		for _, h := range hits {
			in.cueExact = in.cueExact || h.mode == matchExact
		}
	}
	return infos
}

// labelTokens is how many words come before a colon that follows the
// block's first words, 0 when there is none or no phrase opens the block:
// "VEA TAMBIÉN: …" gives 2.
func labelTokens(hits []hit, text string) int {
	for _, h := range hits {
		if h.mode == matchStart || h.mode == matchLabel {
			i := strings.IndexByte(text, ':')
			if i < 0 {
				return 0
			}
			return len(tokenize(text[:i]))
		}
	}
	return 0
}

// judgeHits picks the kind the lexicon suggests and whether the wording
// alone decides the block: an exact match, phrases covering a large share
// of a short block, or an opening phrase set off as a label by a colon
// ("Read more: …", "VEA TAMBIÉN: …", labelToks words long). A phrase
// inside a long paragraph is only a cue.
func judgeHits(hits []hit, ntoks, labelToks int) (kind Kind, strong, phrase bool) {
	if len(hits) == 0 || ntoks == 0 {
		return Unspecified, false, false
	}
	for _, h := range hits {
		if (h.mode == matchStart || h.mode == matchLabel) && h.ntoks == labelToks {
			return h.kind, true, h.ntoks > 1
		}
	}
	var cover, count [Other + 1]int
	var multi, start [Other + 1]bool
	best := Unspecified
	for _, h := range hits {
		if h.mode == matchLabel {
			continue // not a label here: the word is just a word
		}
		if h.mode == matchExact {
			return h.kind, true, h.ntoks > 1
		}
		cover[h.kind] += h.ntoks
		count[h.kind]++
		multi[h.kind] = multi[h.kind] || h.ntoks > 1
		start[h.kind] = start[h.kind] || h.mode == matchStart
		if best == Unspecified || cover[h.kind] > cover[best] {
			best = h.kind
		}
	}
	c := float64(cover[best]) / float64(ntoks)
	switch {
	case c >= 0.4:
		return best, true, multi[best]
	case ntoks <= 12 && cover[best] >= 2:
		return best, true, multi[best]
	case start[best] && ntoks <= 8:
		// "Support X!", "Read more: X": an imperative opening a short line.
		return best, true, multi[best]
	case count[best] >= 3 && c >= 0.1:
		return best, true, multi[best]
	}
	return best, false, multi[best]
}

// EndsSentence reports whether s ends like a sentence (in any script),
// ignoring closing quotes and brackets.
func EndsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]*`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…。！？।॥؟۔", r)
}

// wordShape counts the runes of s (as utf8.RuneCountInString does: it
// saves a pass over every block), its whitespace-separated words and the
// share of them (among those starting with a letter) that start with a
// capital.
func wordShape(s string) (runes, words int, titleRatio float64) {
	letters, caps := 0, 0
	inWord := false
	for _, r := range s {
		runes++
		if r == ' ' || r == '\t' || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if inWord {
			continue
		}
		if r == '"' || r == '\'' || r == '(' || r == '“' || r == '‘' || r == '«' {
			continue // the word starts after its opening quote
		}
		inWord = true
		words++
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				caps++
			}
		}
	}
	if letters > 0 {
		titleRatio = float64(caps) / float64(letters)
	}
	return runes, words, titleRatio
}

// metaLineWords bounds a date or byline line.
const metaLineWords = 12

// HasDateShape reports a year (1800–2099) or a numeric date (12.3.2021,
// 3/12/21) standing as its own word: the mark of a date line. Written out rather than as a regular
// expression: it runs on the short lines of every page until the first
// date line, and the expression cost 1% of an extraction.
func HasDateShape(s string) bool {
	isWord := func(i int) bool { // s[i] is an ASCII word byte, as for \b
		if i < 0 || i >= len(s) {
			return false
		}
		c := s[i]
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
	}
	digits := func(i int) int { // length of the digit run at s[i:]
		n := 0
		for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
			n++
		}
		return n
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || isWord(i-1) {
			continue
		}
		n := digits(i)
		if n == 4 && !isWord(i+4) && (s[i] == '1' && (s[i+1] == '8' || s[i+1] == '9') || s[i] == '2' && s[i+1] == '0') {
			return true
		}
		// d{1,2} [./-] d{1,2} [./-] d{2,4}
		if n >= 1 && n <= 2 && i+n < len(s) && isDateSep(s[i+n]) {
			j := i + n + 1
			if m := digits(j); m >= 1 && m <= 2 && j+m < len(s) && isDateSep(s[j+m]) {
				k := j + m + 1
				if y := digits(k); y >= 2 && y <= 4 && !isWord(k+y) {
					return true
				}
			}
		}
		i += n - 1
	}
	return false
}

func isDateSep(c byte) bool { return c == '.' || c == '/' || c == '-' }

// isMetaLine reports a short line that dates or signs an article
// ("Published 3 May 2020 by X", "Von Max Muster"): at most metaLineWords
// words opening with a byline prefix of the lexicon, or holding a date
// shape. Asked only until the page's first such line is found.
func (in *blockInfo) isMetaLine() bool {
	if in.words == 0 || in.words > metaLineWords {
		return false
	}
	for _, byLang := range lexicon.prefixes["byline_prefix"] {
		for _, p := range byLang {
			if len(p) <= len(in.toks) && slices.Equal(p, in.toks[:len(p)]) {
				return true
			}
		}
	}
	return HasDateShape(in.b.Text)
}

// isClockTime reports whether s is only a time of day ("12:06 AM",
// "18:30"), the stamp of a news-feed item.
func isClockTime(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 4 || len(s) > 12 {
		return false
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 2 || i >= len(s) || s[i] != ':' {
		return false
	}
	j := i + 1
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j-i-1 != 2 {
		return false
	}
	rest := strings.ToLower(strings.TrimSpace(s[j:]))
	switch rest {
	case "", "am", "pm", "a.m.", "p.m.", "uhr", "h":
		return true
	}
	return false
}

func isCopyright(s string) bool {
	return strings.Contains(s, "©") || strings.HasPrefix(s, "(c) ") || strings.HasPrefix(s, "(C) ") || strings.Contains(s, "Copyright ")
}

// isServerMessage spots errors or warnings the page's server software
// printed into it, one a line: "Warning: Undefined variable $x in
// /var/www/site/plugin.php on line 28". The shape is the signal, in any
// language the page is in: a script file's path, then "on line" and the
// number that ends the line (PHP writes its messages in English only).
// Every line of the block must be one, so that article text printed on
// the same block survives. Measured: on the trafilatura text dumps TP
// 2559 → 2562, FP 293 → 295 (a page whose body was its warnings now gets
// its post, and the post's comment form); on the HTML set FP 192 → 191.
func isServerMessage(s string) bool {
	n := 0
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		i := strings.LastIndex(line, " on line ")
		if i < 0 || !isNumber(line[i+len(" on line "):]) {
			return false
		}
		if head := line[:i]; !strings.Contains(head, ".php") && !strings.Contains(head, ".inc") {
			return false
		}
		n++
	}
	return n > 0
}

// isFormControl spots the input fields, checkboxes and buttons a text
// browser draws: "[          ]", "[ ]", "[X]", "( )", "(*)".
func isFormControl(s string) bool {
	for _, c := range []string{"[ ]", "[X]", "[x]", "[*]", "( )", "(*)", "[  "} {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// isLinkReference spots an entry of the numbered link list text browsers
// append to a page ("12. https://example.org/page").
func isLinkReference(s string) bool {
	num, rest, ok := strings.Cut(s, ". ")
	if !ok || !isNumber(num) || strings.ContainsAny(rest, " \t") {
		return false
	}
	for _, p := range []string{"http://", "https://", "file:", "mailto:", "ftp://"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// isBreadcrumb spots "Home > News > World" trails.
func isBreadcrumb(s string, words int) bool {
	if words > 10 {
		return false
	}
	for _, sep := range []string{" > ", " » ", " › ", " / "} {
		if strings.Contains(s, sep) {
			return true
		}
	}
	return false
}

// isInlineTeaser spots a link to another article set between paragraphs:
// a longer title-like line, Title Case or "Topic: title", with no
// sentence punctuation. Section subheadings are shorter or in sentence
// case.
func isInlineTeaser(in *blockInfo) bool {
	if in.b.Heading || in.terminal || in.words < 6 || in.words > 20 || in.runes >= th.lengthHigh {
		return false
	}
	return in.titleRatio >= 0.7 || strings.Contains(in.b.Text, ": ")
}
