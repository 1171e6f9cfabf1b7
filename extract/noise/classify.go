package noise

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Block is one unit of text to classify: a line or paragraph of a text
// dump, or the text of one block element of an HTML body.
type Block struct {
	Text        string  // the block's text, trimmed
	Heading     bool    // an HTML heading (h1–h6)
	ListItem    bool    // a list item, or a text line with a bullet marker
	LinkDensity float64 // share of the text inside links, 0 when unknown
	// SameParagraph says the block continues the previous block's
	// paragraph: no blank line (text) or block boundary (HTML) between
	// them. Regions such as a widget's lines spread within a paragraph.
	SameParagraph bool
}

// Label is the verdict on one block: Kind Unspecified means body text.
// Rule names the heuristic that decided, as reported in removed spans.
type Label struct {
	Kind Kind
	Rule string
}

// Thresholds of the prose test. The length and stop-word density limits
// start from jusText's defaults (LENGTH_LOW 70, LENGTH_HIGH 200,
// STOPWORDS_LOW 0.30, STOPWORDS_HIGH 0.32); the densities are lower
// because our stop-word lists are shorter (about 120 words a language
// rather than jusText's 300+). Checked on the trafilatura text dumps.
const (
	lengthLow     = 70
	lengthHigh    = 200
	stopwordsLow  = 0.20
	stopwordsHigh = 0.25
	// addressDensity is the share of reader-addressing words ("we",
	// "your") above which a paragraph after an appeal continues it.
	addressDensity = 0.05
	// shortWords is the largest word count of a widget or menu line.
	shortWords = 8
)

// class is the prose grade of a block, as in jusText.
type class uint8

const (
	clsBad class = iota
	clsShort
	clsNearGood
	clsGood
)

// blockInfo is what the classifier knows about one block.
type blockInfo struct {
	b          Block
	toks       []string
	runes      int
	words      int
	stop       int
	addr       int
	terminal   bool
	titleRatio float64
	cls        class
	kind       Kind   // noise kind when cls == clsBad
	rule       string // rule that set kind or cls
	strong     bool   // a lexicon phrase defines the block
	cueKind    Kind   // kind of the strongest lexicon hit, even when weak
	timeOnly   bool
	repeated   int
	norm       string
}

// ClassifyBlocks labels each block as body (Kind Unspecified) or one noise
// kind, with the rule that decided. It looks at the page as a whole: the
// main text is the densest run of prose, widgets are found by their
// wording and spread over their region, menus by runs of short lines.
func ClassifyBlocks(blocks []Block) []Label {
	infos := analyze(blocks)
	lang := pageLanguage(infos)
	gradeProse(infos, lang)
	markRepeats(infos)
	spreadRegions(infos)
	smoothContext(infos)
	start, end := mainSpan(infos)
	assignKinds(infos, start, end)
	labels := make([]Label, len(infos))
	for i, in := range infos {
		if in.cls == clsGood {
			labels[i] = Label{Kind: Unspecified, Rule: in.rule}
		} else {
			labels[i] = Label{Kind: in.kind, Rule: in.rule}
		}
	}
	return labels
}

// analyze computes the per-block features that do not depend on the page.
func analyze(blocks []Block) []blockInfo {
	infos := make([]blockInfo, len(blocks))
	var hits []hit
	for i, b := range blocks {
		in := &infos[i]
		in.b = b
		in.toks = tokenize(b.Text)
		in.runes = utf8.RuneCountInString(b.Text)
		in.words = len(strings.Fields(b.Text))
		in.terminal = endsSentence(b.Text)
		in.titleRatio = titleCaseRatio(b.Text)
		in.timeOnly = isClockTime(b.Text)
		in.norm = strings.Join(in.toks, " ")
		hits = lexicon.match(in.toks, hits[:0])
		in.cueKind, in.strong = judgeHits(hits, len(in.toks))
	}
	return infos
}

// judgeHits picks the kind the lexicon suggests and whether the wording
// alone decides the block: an exact match, or phrases covering a large
// share of a short block. A phrase inside a long paragraph is only a cue.
func judgeHits(hits []hit, ntoks int) (Kind, bool) {
	if len(hits) == 0 || ntoks == 0 {
		return Unspecified, false
	}
	var cover [Other + 1]int
	var count [Other + 1]int
	best := Unspecified
	for _, h := range hits {
		if h.mode == matchExact {
			return h.kind, true
		}
		cover[h.kind] += h.ntoks
		count[h.kind]++
		if best == Unspecified || cover[h.kind] > cover[best] {
			best = h.kind
		}
	}
	c := float64(cover[best]) / float64(ntoks)
	switch {
	case c >= 0.4:
		return best, true
	case ntoks <= 12 && cover[best] >= 2:
		return best, true
	case count[best] >= 3 && c >= 0.1:
		return best, true
	}
	return best, false
}

// pageLanguage picks the language whose stop words are most frequent, or
// "" when none covers a tenth of the words (scripts we have no list for).
func pageLanguage(infos []blockInfo) string {
	counts := map[string]int{}
	total := 0
	for _, in := range infos {
		total += len(in.toks)
		for lang, set := range lexicon.wordSets["stopwords"] {
			for _, t := range in.toks {
				if set[t] {
					counts[lang]++
				}
			}
		}
	}
	best, n := "", 0
	for _, lang := range lexicon.langs {
		if counts[lang] > n {
			best, n = lang, counts[lang]
		}
	}
	if total == 0 || float64(n) < 0.1*float64(total) {
		return ""
	}
	return best
}

// gradeProse gives each block its jusText grade from length and stop-word
// density, after the rules that decide a block outright.
func gradeProse(infos []blockInfo, lang string) {
	stop := lexicon.wordSets["stopwords"][lang]
	addr := lexicon.wordSets["address"]
	for i := range infos {
		in := &infos[i]
		for _, t := range in.toks {
			if stop[t] {
				in.stop++
			}
			if addr[lang][t] || addr["en"][t] {
				in.addr++
			}
		}
		switch {
		case in.strong:
			in.setBad(in.cueKind, ruleForKind(in.cueKind, "lexicon"))
		case in.timeOnly:
			in.setBad(RelatedContent, "feed-timestamp")
		case isCopyright(in.b.Text):
			in.setBad(Footer, "copyright")
		case isBreadcrumb(in.b.Text, in.words):
			in.setBad(Navigation, "breadcrumb")
		case in.runes < lengthLow:
			in.cls = clsShort
		default:
			in.cls = proseGrade(in, lang != "")
			if in.cls == clsBad {
				in.rule = "low-prose-density"
			}
		}
	}
}

func proseGrade(in *blockInfo, haveStopwords bool) class {
	if !haveStopwords {
		// No stop-word list for this script: sentence punctuation stands
		// in for function words.
		switch {
		case in.runes >= lengthHigh && in.terminal:
			return clsGood
		case in.terminal:
			return clsNearGood
		}
		return clsBad
	}
	density := float64(in.stop) / float64(max(in.words, 1))
	switch {
	case density >= stopwordsHigh && in.runes >= lengthHigh:
		return clsGood
	case density >= stopwordsLow:
		return clsNearGood
	}
	return clsBad
}

func (in *blockInfo) setBad(k Kind, rule string) {
	in.cls, in.kind, in.rule = clsBad, k, rule
}

// ruleForKind names the rule of a kind-specific heuristic, e.g.
// "donation-lexicon".
func ruleForKind(k Kind, suffix string) string {
	name := k.String()
	if i := strings.IndexByte(name, '_'); i >= 0 {
		name = name[:i]
	}
	return name + "-" + suffix
}

// markRepeats flags short lines that occur more than once on the page:
// widget labels and menu items repeat, sentences of an article do not.
func markRepeats(infos []blockInfo) {
	seen := map[string]int{}
	for _, in := range infos {
		if in.norm != "" && in.words <= 15 {
			seen[in.norm]++
		}
	}
	for i := range infos {
		in := &infos[i]
		if n := seen[in.norm]; n > 1 && in.words <= 15 {
			in.repeated = n
			if in.cls != clsBad {
				k := in.cueKind
				if k == Unspecified {
					k = Other
				}
				in.setBad(k, "repeated-line")
			}
		}
	}
}

// regionKinds are the widget kinds whose text spans several blocks.
func regionKind(k Kind) bool {
	switch k {
	case DonationAppeal, NewsletterSignup, Social, CookieNotice, Comments:
		return true
	}
	return false
}

// spreadRegions grows each widget found by its wording over its region:
// forward over lines that keep addressing the reader or are short widget
// lines, backward over the short lead-in lines of the same paragraph.
func spreadRegions(infos []blockInfo) {
	for i := 0; i < len(infos); i++ {
		cue := &infos[i]
		if !cue.strong || !regionKind(cue.kind) {
			continue
		}
		k := cue.kind
		// Backward: a title line or two right above the widget in the
		// same paragraph ("Dear readers," above the appeal).
		for j := i; j > 0 && infos[j].b.SameParagraph && i-j < 3; j-- {
			p := &infos[j-1]
			if p.cls == clsBad || p.words > shortWords || (p.terminal && p.words > 3) {
				break
			}
			p.setBad(k, "region-lead-in")
		}
		for j := i + 1; j < len(infos); j++ {
			n := &infos[j]
			if n.strong || n.timeOnly {
				break
			}
			voice := n.addr >= 2 && float64(n.addr)/float64(max(n.words, 1)) >= addressDensity
			sameCue := n.cueKind == k
			shortLine := n.words <= shortWords && n.b.SameParagraph
			if !(voice && (k == DonationAppeal || k == NewsletterSignup) || sameCue || shortLine) {
				break
			}
			n.setBad(k, "region-"+ruleForKind(k, "voice"))
			i = j
		}
	}
}

// smoothContext resolves short and near-good blocks from their neighbours,
// as jusText does: a short line between paragraphs is part of the text, a
// near-good block next to a good one is good.
func smoothContext(infos []blockInfo) {
	neighbour := func(i, step int, ignoreNear bool) class {
		for j := i + step; j >= 0 && j < len(infos); j += step {
			c := infos[j].cls
			if c == clsShort || (ignoreNear && c == clsNearGood) {
				continue
			}
			return c
		}
		return clsBad
	}
	// Short blocks first, from the original grades.
	newCls := make([]class, len(infos))
	for i := range infos {
		in := &infos[i]
		newCls[i] = in.cls
		if in.cls != clsShort {
			continue
		}
		prev, next := neighbour(i, -1, true), neighbour(i, 1, true)
		switch {
		case prev == clsGood && next == clsGood:
			newCls[i] = clsGood
		case prev == clsBad && next == clsBad:
			newCls[i] = clsBad
		case prev == clsBad && neighbour(i, -1, false) == clsNearGood,
			next == clsBad && neighbour(i, 1, false) == clsNearGood:
			newCls[i] = clsGood
		default:
			newCls[i] = clsBad
		}
	}
	for i := range infos {
		if infos[i].cls == clsShort {
			infos[i].cls = newCls[i]
			if newCls[i] == clsBad && infos[i].rule == "" {
				infos[i].rule = "short-line"
			}
		}
	}
	for i := range infos {
		in := &infos[i]
		if in.cls != clsNearGood {
			continue
		}
		prev, next := neighbour(i, -1, true), neighbour(i, 1, true)
		if prev == clsBad && next == clsBad {
			in.cls = clsBad
			in.rule = "isolated-near-prose"
		} else {
			in.cls = clsGood
		}
	}
}

// mainSpan returns the half-open range of blocks holding the article: the
// run with the largest sum of prose length minus noise length (a maximum
// subarray), so a lone widget inside the text does not cut it while a
// news feed after a long run of widgets stays out.
func mainSpan(infos []blockInfo) (int, int) {
	bestSum, bestStart, bestEnd := 0, 0, 0
	sum, start := 0, 0
	for i, in := range infos {
		var s int
		switch {
		case in.cls == clsGood:
			s = in.runes
		case in.strong && regionKind(in.kind) || in.kind == RelatedContent:
			// A widget that ends articles (appeal, sign-up, feed) weighs
			// like a short paragraph of noise: the text rarely resumes.
			s = -max(in.runes, 200)
		case in.strong:
			s = -max(in.runes, 60)
		default:
			s = -max(in.runes/2, 15)
		}
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += s
		if sum > bestSum {
			bestSum, bestStart, bestEnd = sum, start, i+1
		}
	}
	return bestStart, bestEnd
}

// assignKinds settles the final verdict: good blocks inside the main span
// are body, everything else gets a noise kind from its wording, its region
// or its position.
func assignKinds(infos []blockInfo, start, end int) {
	tailKind := Unspecified // kind of the last widget seen after the text
	for i := range infos {
		in := &infos[i]
		inside := i >= start && i < end
		if in.cls == clsGood && inside {
			if isInlineTeaser(in) {
				in.setBad(RelatedContent, "inline-teaser")
			} else {
				if in.rule == "" {
					in.rule = "prose"
				}
				continue
			}
		}
		if in.cls == clsGood {
			in.cls = clsBad
			in.kind = Unspecified
			in.rule = ""
		}
		if i >= end && in.kind != Unspecified && in.kind != Other {
			tailKind = in.kind
		}
		if in.kind != Unspecified && in.kind != Other && in.rule != "" {
			continue
		}
		switch {
		case i < start:
			in.kind, in.rule = Navigation, "before-text"
			if in.cueKind != Unspecified {
				in.kind, in.rule = in.cueKind, ruleForKind(in.cueKind, "cue")
			}
		case i >= end && tailKind != Unspecified:
			in.kind, in.rule = tailKind, "after-text-region"
		case i >= end:
			in.kind, in.rule = tailDefault(in)
		default:
			if in.kind == Unspecified {
				in.kind = Other
			}
			if in.rule == "" {
				in.rule = "no-prose"
			}
		}
	}
	markShortRuns(infos)
}

// tailDefault names a block after the article that no widget claimed.
func tailDefault(in *blockInfo) (Kind, string) {
	switch {
	case in.cueKind != Unspecified:
		return in.cueKind, ruleForKind(in.cueKind, "cue")
	case !in.terminal && in.words >= 4 && in.words <= 20:
		return RelatedContent, "after-text-headline"
	case in.words <= 3:
		return Navigation, "after-text-short"
	}
	return Other, "after-text"
}

// markShortRuns relabels runs of three or more short lines without a kind
// of their own as navigation: menus and link lists.
func markShortRuns(infos []blockInfo) {
	for i := 0; i < len(infos); {
		j := i
		for j < len(infos) && infos[j].cls == clsBad && infos[j].words <= 4 && !infos[j].terminal {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				in := &infos[k]
				if in.kind == Other || in.rule == "before-text" || in.rule == "after-text-short" {
					in.kind, in.rule = Navigation, "short-line-run"
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

// isInlineTeaser spots a link to another article set between paragraphs:
// a longer title-like line, Title Case or "Topic: title", with no
// sentence punctuation. Section subheadings are shorter or in sentence
// case.
func isInlineTeaser(in *blockInfo) bool {
	if in.terminal || in.words < 6 || in.words > 20 || in.runes >= lengthHigh {
		return false
	}
	return in.titleRatio >= 0.7 || strings.Contains(in.b.Text, ": ")
}

// endsSentence reports whether s ends like a sentence, ignoring closing
// quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]*`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…。！？", r)
}

// titleCaseRatio is the share of words that start with a capital letter.
func titleCaseRatio(s string) float64 {
	words, caps := 0, 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, `"'“‘«(`))
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	if words == 0 {
		return 0
	}
	return float64(caps) / float64(words)
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
	return strings.Contains(s, "©") || strings.HasPrefix(strings.ToLower(s), "(c) ") || strings.Contains(s, "Copyright ")
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
