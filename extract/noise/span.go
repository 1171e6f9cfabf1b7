package noise

// The article search: the heaviest run of prose, extra runs, and its
// edges.

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
	return -max(in.runes/3, 10) // weak noise: 1/3 beat 1/2 and 1/1 on the trafilatura dumps
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

// maxExtraSpans bounds the search for extra text runs, so a page of
// thousands of alternating paragraphs and widgets stays linear; real
// articles have a handful.
const maxExtraSpans = 32

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
	if i := articleOpening(infos); i >= 0 {
		scores[i] += th.openingBonus
	}
	inside := make([]bool, len(infos))
	s, e, best := maxSpan(scores, 0, len(infos))
	if best <= 0 {
		return inside, 0, 0
	}
	first, last := s, e
	extra := 0
	var grow func(lo, hi int)
	grow = func(lo, hi int) {
		if hi-lo <= 0 || extra >= maxExtraSpans {
			return
		}
		extra++
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

// articleOpening is the prose block that follows the page's first date or
// byline line (at most one short line between them), or -1: an article
// opens under its headline and its dateline, and the bonus it gets lets a
// short post win over a longer sidebar text. Only the first line counts:
// each comment below an article opens with its author and date too.
func articleOpening(infos []blockInfo) int {
	for i := range infos {
		if !infos[i].isMetaLine() {
			continue
		}
		for j := i + 1; j < len(infos) && j <= i+2; j++ {
			if infos[j].cls == clsGood || infos[j].grade == clsNearGood {
				return j
			}
			if infos[j].grade != clsShort {
				break
			}
		}
		return -1
	}
	return -1
}
