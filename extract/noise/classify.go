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
	grade      class  // cls before context smoothing
	kind       Kind   // noise kind when cls == clsBad
	rule       string // rule that set kind or cls
	strong     bool   // a lexicon phrase defines the block
	cueKind    Kind   // kind of the strongest lexicon hit, even when weak
	cuePhrase  bool   // the cue includes a phrase of two or more words
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
	promoteIfNoGood(infos)
	markRepeats(infos)
	spreadRegions(infos)
	for i := range infos {
		infos[i].grade = infos[i].cls
	}
	smoothContext(infos)
	inside, start, end := textSpans(infos)
	assignKinds(infos, inside, start, end)
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
		in.words, in.titleRatio = wordShape(b.Text)
		in.terminal = endsSentence(b.Text)
		in.timeOnly = isClockTime(b.Text)
		in.norm = strings.Join(in.toks, " ")
		hits = lexicon.match(in.toks, hits[:0])
		in.cueKind, in.strong, in.cuePhrase = judgeHits(hits, len(in.toks))
	}
	return infos
}

// judgeHits picks the kind the lexicon suggests and whether the wording
// alone decides the block: an exact match, or phrases covering a large
// share of a short block. A phrase inside a long paragraph is only a cue.
func judgeHits(hits []hit, ntoks int) (kind Kind, strong, phrase bool) {
	if len(hits) == 0 || ntoks == 0 {
		return Unspecified, false, false
	}
	var cover, count [Other + 1]int
	var multi, start [Other + 1]bool
	best := Unspecified
	for _, h := range hits {
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
	case start[best] && ntoks <= 6:
		// "Support X!", "Read more: X": an imperative opening a short line.
		return best, true, multi[best]
	case count[best] >= 3 && c >= 0.1:
		return best, true, multi[best]
	}
	return best, false, multi[best]
}

// pageLanguage picks the language whose stop words are most frequent, or
// "" when none covers a tenth of the words (scripts we have no list for).
func pageLanguage(infos []blockInfo) string {
	var counts [32]int
	total := 0
	for _, in := range infos {
		total += len(in.toks)
		for _, t := range in.toks {
			bits := lexicon.wordLangs[t].stop
			for i := 0; bits != 0; i, bits = i+1, bits>>1 {
				if bits&1 != 0 {
					counts[i]++
				}
			}
		}
	}
	best, n := "", 0
	for i, lang := range lexicon.langs {
		if counts[i] > n {
			best, n = lang, counts[i]
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
	stopBit := lexicon.langBit(lang)
	addrBits := stopBit | lexicon.langBit("en")
	for i := range infos {
		in := &infos[i]
		for _, t := range in.toks {
			b, ok := lexicon.wordLangs[t]
			if !ok {
				continue
			}
			if b.stop&stopBit != 0 {
				in.stop++
			}
			if b.addr&addrBits != 0 {
				in.addr++
			}
		}
		voice := in.addr >= 2 && float64(in.addr)/float64(max(in.words, 1)) >= addressDensity
		switch {
		case in.strong:
			in.setBad(in.cueKind, ruleForKind(in.cueKind, "lexicon"))
		case voice && in.cuePhrase && (in.cueKind == DonationAppeal || in.cueKind == NewsletterSignup):
			// An appeal phrase in a paragraph that speaks to the reader
			// ("we have a small favour to ask… you…") is the appeal.
			in.strong = true
			in.setBad(in.cueKind, ruleForKind(in.cueKind, "voice"))
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

// promoteIfNoGood handles pages whose paragraphs are all shorter than
// lengthHigh (short news items, chat-like posts): the best they have is
// near-good, which then counts as good.
func promoteIfNoGood(infos []blockInfo) {
	for _, in := range infos {
		if in.cls == clsGood {
			return
		}
	}
	for i := range infos {
		if infos[i].cls == clsNearGood {
			infos[i].cls = clsGood
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
	case DonationAppeal, NewsletterSignup, CookieNotice, Comments:
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
		case prev == clsGood && i == len(infos)-1 && in.terminal && in.words >= 4:
			// The closing sentence of a page that ends with its article.
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

// spanScore is a block's weight in the search for the article: prose
// length for prose, a negative weight for noise.
func spanScore(in *blockInfo) int {
	switch {
	case in.cls == clsGood:
		return in.runes
	case in.strong && (regionKind(in.kind) || in.kind == Social || in.kind == RelatedContent):
		// A widget that ends articles (appeal, sign-up, feed) weighs
		// like a short paragraph of noise: the text rarely resumes.
		return -max(in.runes, 200)
	case in.strong:
		return -max(in.runes, 60)
	case in.timeOnly:
		return -100 // a feed item's stamp: feeds come after the article
	case in.grade == clsNearGood:
		return in.runes / 2 // weak prose still pulls the span towards it
	case in.grade == clsShort:
		return -10
	}
	return -max(in.runes/2, 15)
}

// endsArticle reports whether a block is a widget that closes articles.
func endsArticle(in *blockInfo) bool {
	return in.timeOnly || in.strong && (regionKind(in.kind) || in.kind == RelatedContent)
}

// maxSpan returns the run of scores[lo:hi] with the largest sum (a
// maximum subarray) and that sum.
func maxSpan(scores []int, lo, hi int) (int, int, int) {
	bestSum, bestStart, bestEnd := 0, lo, lo
	sum, start := 0, lo
	for i := lo; i < hi; i++ {
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += scores[i]
		if sum > bestSum {
			bestSum, bestStart, bestEnd = sum, start, i+1
		}
	}
	return bestStart, bestEnd, bestSum
}

// Extra text runs are kept when they weigh at least this share of the
// main run and this many characters of net prose: an article split by a
// large gallery or ad block, not a teaser in the sidebar. Tuned on the
// trafilatura text dumps (0.15/200 gave F1 0.854; 0.3/400 0.852; only
// the main run 0.848).
const (
	extraSpanShare = 0.15
	extraSpanMin   = 200
)

// textSpans marks the blocks of the article: the run with the largest
// sum of prose minus noise (so a lone widget inside the text does not cut
// it while a news feed after a long run of widgets stays out), plus other
// runs nearly as heavy. It returns the mark per block and the range from
// the first to the last marked block.
func textSpans(infos []blockInfo) ([]bool, int, int) {
	scores := make([]int, len(infos))
	for i := range infos {
		scores[i] = spanScore(&infos[i])
	}
	inside := make([]bool, len(infos))
	s, e, best := maxSpan(scores, 0, len(infos))
	if best <= 0 {
		return inside, 0, 0
	}
	first, last := s, e
	var grow func(lo, hi int)
	grow = func(lo, hi int) {
		if hi-lo <= 0 {
			return
		}
		s, e, sum := maxSpan(scores, lo, hi)
		if sum < extraSpanMin || float64(sum) < extraSpanShare*float64(best) {
			return
		}
		for i := s; i < e; i++ {
			inside[i] = true
		}
		first, last = min(first, s), max(last, e)
		grow(lo, s)
		grow(e, hi)
	}
	for i := s; i < e; i++ {
		inside[i] = true
	}
	grow(0, s)
	// After the article, a feed, appeal or sign-up widget ends the search:
	// prose beyond it belongs to the widget (feed items, teasers).
	stop := e
	for stop < len(infos) && !endsArticle(&infos[stop]) {
		stop++
	}
	grow(e, stop)
	return inside, first, last
}

// assignKinds settles the final verdict: good blocks inside the main span
// are body, everything else gets a noise kind from its wording, its region
// or its position.
func assignKinds(infos []blockInfo, insideSpan []bool, start, end int) {
	tailKind := Unspecified // kind of the last widget seen after the text
	for i := range infos {
		in := &infos[i]
		inside := insideSpan[i]
		if inside && in.grade == clsNearGood && in.rule == "isolated-near-prose" {
			// Weak prose inside the article (recipe steps, short
			// paragraphs between lists) is the article's own.
			in.cls = clsGood
			in.rule = "inside-text"
		}
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

// wordShape counts the whitespace-separated words of s and the share of
// them (among those starting with a letter) that start with a capital.
func wordShape(s string) (words int, titleRatio float64) {
	letters, caps := 0, 0
	inWord := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if inWord {
			continue
		}
		if strings.ContainsRune(`"'“‘«(`, r) {
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
	return words, titleRatio
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
