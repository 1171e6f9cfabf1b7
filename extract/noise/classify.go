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

// RuleWeakProse is the rule of body blocks kept only because they sit
// inside the article: too little prose to stand on their own.
const RuleWeakProse = "inside-text"

// Label is the verdict on one block: Kind Unspecified means body text.
// Rule names the heuristic that decided, as reported in removed spans.
type Label struct {
	Kind Kind
	Rule string
}

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
	cueExact   bool   // the block is exactly a lexicon phrase ("Read more")
	timeOnly   bool
	repeated   int
	norm       string
}

// ClassifyBlocks labels each block as body (Kind Unspecified) or one noise
// kind, with the rule that decided. It looks at the page as a whole: the
// main text is the densest run of prose, widgets are found by their
// wording and spread over their region, menus by runs of short lines.
//
// Rules by family, as they appear in Label.Rule:
//   - wording: "<kind>-lexicon" (a phrase of lexicon/*.txt defines the
//     block), "<kind>-voice" (a widget phrase in text that addresses the
//     reader), "region-lead-in" and "region-<kind>-voice" (lines of a
//     widget's region), "<kind>-cue" (a weak phrase outside the text);
//   - structure: "repeated-line", "feed-timestamp", "short-line-run",
//     "breadcrumb", "copyright", "form-control", "inline-teaser",
//     "caption-before-credit";
//   - prose grade: "short-line", "low-prose-density",
//     "isolated-near-prose"; body blocks say "prose" or RuleWeakProse;
//   - position: "before-text", "after-text", "after-text-headline",
//     "after-text-short", "after-text-region".
//
// Callers that pass only an article's own blocks (the HTML path after
// readability) will want the wording and structure rules and may ignore
// the position ones, which assume a whole page; IsNoiseRule tells them
// apart.
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
	start, end = widenSpan(infos, inside, start, end)
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
		if len(in.toks) <= 15 {
			in.norm = strings.Join(in.toks, " ") // only short lines are checked for repeats
		}
		hits = lexicon.match(numberTokens(in.toks), hits[:0])
		in.cueKind, in.strong, in.cuePhrase = judgeHits(hits, len(in.toks))
		for _, h := range hits {
			in.cueExact = in.cueExact || h.mode == matchExact
		}
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
	case start[best] && ntoks <= 8:
		// "Support X!", "Read more: X": an imperative opening a short line.
		return best, true, multi[best]
	case count[best] >= 3 && c >= 0.1:
		return best, true, multi[best]
	}
	return best, false, multi[best]
}

// numberTokens returns toks with every number written as "#", the way
// lexicon phrases write counts ("# comments").
func numberTokens(toks []string) []string {
	var out []string
	for i, t := range toks {
		if isNumber(t) {
			if out == nil {
				out = append(make([]string, 0, len(toks)), toks...)
			}
			out[i] = "#"
		}
	}
	if out == nil {
		return toks
	}
	return out
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
		voice := in.addr >= 2 && float64(in.addr)/float64(max(in.words, 1)) >= th.addressDensity
		switch {
		case isLinkReference(in.b.Text):
			in.strong = true // a references list is the link list of the page
			in.setBad(Navigation, "link-reference")
		case in.strong:
			in.setBad(in.cueKind, ruleForKind(in.cueKind, "lexicon"))
		case voice && (in.cuePhrase && (in.cueKind == DonationAppeal || in.cueKind == NewsletterSignup) ||
			in.cueKind == Comments || in.cueKind == CookieNotice):
			// An appeal phrase in a paragraph that speaks to the reader
			// ("we have a small favour to ask… you…") is the appeal; so
			// are a site's words to the reader about comments or cookies.
			in.strong = true
			in.setBad(in.cueKind, ruleForKind(in.cueKind, "voice"))
		case in.timeOnly:
			in.setBad(RelatedContent, "feed-timestamp")
		case isCopyright(in.b.Text):
			in.setBad(Footer, "copyright")
		case isBreadcrumb(in.b.Text, in.words):
			in.setBad(Navigation, "breadcrumb")
		case isFormControl(in.b.Text):
			in.setBad(Other, "form-control")
		case in.b.LinkDensity > th.maxLinkDensity:
			// Mostly link text (HTML input): a menu or a list of links.
			in.setBad(Navigation, "link-density")

		case in.runes < th.lengthLow:
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
// length_high (short news items, chat-like posts): the best they have is
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
	// Scripts written without spaces (Chinese, Japanese, Thai) make one
	// "word" of a whole sentence: stop words cannot be counted there.
	spaceless := in.runes >= th.spacelessRunesPerWord*max(in.words, 1)
	if !haveStopwords || spaceless {
		// No stop-word list for this script: sentence punctuation stands
		// in for function words.
		switch {
		case in.runes >= th.lengthHigh && in.terminal:
			return clsGood
		case in.terminal:
			return clsNearGood
		}
		return clsBad
	}
	density := float64(in.stop) / float64(max(in.words, 1))
	switch {
	case density >= th.stopwordsHigh && in.runes >= th.lengthHigh:
		return clsGood
	case density >= th.stopwordsLow:
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
		for j := i; j > 0 && infos[j].b.SameParagraph && i-j < 3 && !cue.b.ListItem; j-- {
			p := &infos[j-1]
			if p.cls == clsBad || p.b.ListItem || p.words > th.shortWords || (p.terminal && p.words > 3) {
				break
			}
			p.setBad(k, "region-lead-in")
		}
		plain := 0 // short lines absorbed in a row without a cue of their own
		for j := i + 1; j < len(infos); j++ {
			n := &infos[j]
			if n.strong || n.timeOnly {
				break
			}
			voice := n.addr >= 2 && float64(n.addr)/float64(max(n.words, 1)) >= th.addressDensity
			sameCue := n.cueKind == k
			// A widget's buttons and labels sit in its paragraph; menu
			// items (list items) after a menu entry do not belong to it.
			shortLine := n.words <= th.shortWords && n.b.SameParagraph && !n.b.ListItem && !cue.b.ListItem && plain < th.maxWidgetLines
			if !(voice && (k == DonationAppeal || k == NewsletterSignup) || sameCue || shortLine) {
				break
			}
			if sameCue || voice {
				plain = 0
			} else {
				plain++
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
		// A heading right above good text introduces it (jusText keeps
		// such headings too).
		if infos[i].cls == clsShort && infos[i].b.Heading && neighbour(i, 1, true) == clsGood {
			newCls[i] = clsGood
		}
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
	case in.strong && (regionKind(in.kind) || in.kind == Social || in.kind == RelatedContent && in.cueExact):
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

// widenSpan lets the article take in the weak prose right at its edges
// (a lead above the first full paragraph, a closing line below the last)
// that the sum left out: sentences, not menu items or widget lines.
func widenSpan(infos []blockInfo, inside []bool, start, end int) (int, int) {
	if start >= end {
		return start, end
	}
	edge := func(in *blockInfo) bool {
		if in.strong || in.cueKind != Unspecified || in.rule == "repeated-line" || in.timeOnly || in.cls == clsBad && in.kind != Unspecified {
			return false // widget wording, even weak, or a repeated line
		}
		return in.grade == clsNearGood && in.terminal || in.terminal && in.words >= th.edgeSentenceWords
	}
	for start > 0 {
		switch {
		case edge(&infos[start-1]):
			start--
		case start > 1 && skippable(&infos[start-1]) && edge(&infos[start-2]) && infos[start-2].words >= th.leadWords:
			// A lead paragraph above the byline or image line: take the
			// lead, leave the line between as it is.
			start -= 2
		default:
			return start, widenEnd(infos, inside, end, edge)
		}
		inside[start] = true
		infos[start].cls, infos[start].rule = clsGood, "text-edge"
	}
	return start, widenEnd(infos, inside, end, edge)
}

// skippable is a short line without widget wording that may sit between
// a lead and the text (a byline, an image placeholder).
func skippable(in *blockInfo) bool {
	return !in.strong && in.cueKind == Unspecified && in.words <= th.shortWords && in.grade == clsShort
}

// widenEnd extends the article over edge blocks below it.
func widenEnd(infos []blockInfo, inside []bool, end int, edge func(*blockInfo) bool) int {
	for end < len(infos) && edge(&infos[end]) {
		inside[end] = true
		infos[end].cls, infos[end].rule = clsGood, "text-edge"
		end++
	}
	return end
}

// endsArticle reports whether a block is a widget that closes articles.
func endsArticle(in *blockInfo) bool {
	// "Read also: X" inside the text does not end it; a bare "More news"
	// heading does.
	return in.timeOnly || in.strong && (regionKind(in.kind) || in.kind == RelatedContent && in.cueExact)
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

// textSpans marks the blocks of the article: the run with the largest
// sum of prose minus noise (so a lone widget inside the text does not cut
// it while a news feed after a long run of widgets stays out), plus other
// runs nearly as heavy. It returns the mark per block and the range from
// the first to the last marked block.
func textSpans(infos []blockInfo) ([]bool, int, int) {
	scores := make([]int, len(infos))
	inComments, seenProse := false, 0
	for i := range infos {
		in := &infos[i]
		scores[i] = spanScore(in)
		// Reader comments are prose too, often more of it than the post:
		// after a comment-section cue, prose counts for less.
		if inComments && scores[i] > 0 {
			scores[i] = scores[i] * th.commentProseWeight / 100
		}
		if in.cls == clsGood {
			seenProse += in.runes
		}
		// A comment counter above the article ("3 comments") opens no
		// comment section: the cue must follow some prose.
		if in.strong && in.kind == Comments && seenProse >= th.lengthHigh {
			inComments = true
		}
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
		if sum < th.extraSpanMin || float64(sum) < th.extraSpanShare*float64(best) {
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
		// A short sentence or list item between the article's paragraphs
		// is part of it (measured: +0.7 points of recall, -0.7 of
		// precision on the trafilatura dumps; bare labels stay out).
		if inside && in.grade == clsShort && in.rule == "short-line" && (in.terminal || in.b.ListItem) {
			in.cls = clsGood
			in.rule = RuleWeakProse
		}
		if inside && in.grade == clsNearGood && in.rule == "isolated-near-prose" {
			// Weak prose inside the article (recipe steps, short
			// paragraphs between lists) is the article's own.
			in.cls = clsGood
			in.rule = RuleWeakProse
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
		// Feeds and comment sections mix their labels with prose, so the
		// lines after such a cue take its kind; other widgets already
		// spread over their own region.
		if i >= end && (in.kind == RelatedContent || in.kind == Comments) {
			tailKind = in.kind
		} else if i >= end && in.kind != Unspecified && in.kind != Other && in.rule != "" {
			tailKind = Unspecified
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
	markCaptionsBeforeCredits(infos)
}

// markCaptionsBeforeCredits labels the line above a photo credit line
// ("Photo by …", "… via Getty Images") as a caption when it reads like
// one: no closing full stop, not too long.
func markCaptionsBeforeCredits(infos []blockInfo) {
	for i := 1; i < len(infos); i++ {
		in := &infos[i]
		credit := in.cls == clsBad && in.kind == Caption && in.strong
		if !credit {
			continue
		}
		p := &infos[i-1]
		if p.cls == clsGood && !p.terminal && p.words <= 40 {
			p.setBad(Caption, "caption-before-credit")
		}
	}
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
	if in.b.Heading || in.terminal || in.words < 6 || in.words > 20 || in.runes >= th.lengthHigh {
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
	return strings.ContainsRune(".!?…。！？।॥؟۔", r)
}

// wordShape counts the whitespace-separated words of s and the share of
// them (among those starting with a letter) that start with a capital.
func wordShape(s string) (words int, titleRatio float64) {
	letters, caps := 0, 0
	inWord := false
	for _, r := range s {
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
	return strings.Contains(s, "©") || strings.HasPrefix(s, "(c) ") || strings.HasPrefix(s, "(C) ") || strings.Contains(s, "Copyright ")
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
