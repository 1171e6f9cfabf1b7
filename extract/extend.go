package extract

import (
	"slices"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/internal/space"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html/atom"
)

// maxExtend is how many prose blocks the body may grow by (section
// headings between them are not counted). Readability often starts its
// body at the last section of a page whose sections each sit in their own
// container, so the lead can be several paragraphs. Measured on the
// trafilatura corpus with section headings joining: 3 → 5 gained 3
// "with" snippets and no "without"; 5 → 8 gained 2 for 1 (halves
// 0.9232 → 0.9236 and 0.9434 → 0.9434); more changed nothing.
const maxExtend = 8

// extendMaxLinkDensity keeps link lists (teasers, tag rows) out.
const extendMaxLinkDensity = 0.3

// A lead often sits above a short metadata line readability also left
// out: the byline, the date, an author link, a caption, "Anzeige", a share
// button. Up to maxLeadGap such blocks of at most leadGapWords words are
// stepped over (and stay out); a caption of any length too (the page
// classifier's Caption kind; leadPossible, which runs before it, knows a
// caption by its figcaption/figure element): a photo sits between lead
// and body, and its caption is often a full sentence. Long captions
// stepped over gained 2 "with" snippets for 1 "without" on the
// trafilatura corpus (even half unchanged, odd 0.9434 → 0.9438; the
// readability set unchanged). A heading of leadHeadingWords or more words
// is a standfirst set as a heading, and counts as a lead. Measured on the
// trafilatura corpus: recall 0.931 → 0.937 (16 lead paragraphs more, one
// "without" snippet), F1 0.924 → 0.927 (halves 0.913 → 0.916 and
// 0.936 → 0.939); token F1 on the readability set 0.9712 → 0.9705, as
// its expected bodies leave standfirsts to the excerpt (5 pages).
//
// Between the headline and the body (at most maxHeaderBlocks blocks
// apart) the gap is not counted: everything there is the article's
// header, and a lead may sit above a byline, a date, an author link, a
// share bar and a photo together. There, prose of at least
// headerLeadWords words the page classifier put "before-text" (its main
// span started lower) is a lead too. Measured on the trafilatura corpus:
// TP 2784 → 2791, FP unchanged (halves 0.9240 → 0.9260 and
// 0.9438 → 0.9445; 5 of the 7 from the uncounted gap); a header of 8
// blocks gained one snippet less, of 30 two more for two "without".
// Token F1 on the readability set 0.9701 → 0.9699: three standfirsts its
// expected bodies leave out.
const (
	maxHeaderBlocks  = 16
	headerLeadWords  = 15
	maxLeadGap       = 2
	leadGapWords     = 12
	leadHeadingWords = 15
)

// extendBody finds the prose blocks that sit on the page right before
// readability's body and that the shared classifier, judging the whole
// page, calls body text: readability often leaves the lead paragraph in
// the article header. A section heading (not an h1) the classifier calls
// body text joins when it sits right above the body or above a block that
// joined; extension stops at the headline, any other short heading, a
// noise or link-dense block that is not a short metadata line, or after
// maxExtend prose blocks. Section headings joining gained 4 "with"
// snippets and no "without" on the trafilatura corpus (both halves up,
// readability set unchanged): readability had cut the article at a
// subheading.
//
// Measured on the trafilatura corpus: extending before the body raised
// snippet F1 0.902 → 0.906 (recall 0.914 → 0.921, readability set
// unchanged); extending after it the same way added recall but lost as
// much precision (bylines, dates, teasers): extendTail takes only runs of
// several paragraphs.
func extendBody(kept, page []blocks.Block, labels []noise.Label, headline string) (before []blocks.Block) {
	first := bodyStart(kept, page)
	if first < 0 {
		return nil
	}
	gap, prose := 0, 0
	adjacent := true // the block below this one is the body's or joined it
	top := headerTop(page, first, headline)
	for i := first - 1; i >= 0 && prose < maxExtend; i-- {
		b := page[i]
		if b.Text == headline {
			break
		}
		_, meta := metadataLine(b)
		inHeader := i > top && top >= 0
		body := labels[i].Kind == noise.Unspecified || inHeader && labels[i].Rule == "before-text" && wordCount(b.Text) >= headerLeadWords
		if body && !meta && mayBeLead(b, headline) {
			before = append(before, b)
			prose++
			adjacent = true
			continue
		}
		if adjacent && b.Heading && b.Tag != atom.H1 && labels[i].Kind == noise.Unspecified {
			before = append(before, b)
			adjacent = false
			continue
		}
		adjacent = false
		if inHeader {
			// Under the headline every block is the article's header:
			// the lead, or the metadata, share and photo lines around it.
			continue
		}
		if gap == maxLeadGap || wordCount(b.Text) > leadGapWords && labels[i].Kind != noise.Caption || b.Heading && labels[i].Kind == noise.Unspecified {
			break
		}
		gap++
	}
	slices.Reverse(before)
	return before
}

// headerTop is the index of the headline's block when it sits at most
// maxHeaderBlocks blocks above the body's first block, else -1.
func headerTop(page []blocks.Block, first int, headline string) int {
	if headline == "" {
		return -1
	}
	for i := first - 1; i >= 0 && i >= first-maxHeaderBlocks; i-- {
		if page[i].Text == headline {
			return i
		}
	}
	return -1
}

// bodyStart is the index in page of the body's first block, or -1.
func bodyStart(kept, page []blocks.Block) int {
	if len(kept) == 0 {
		return -1
	}
	return blockIndex(page, kept[0].Text, false)
}

// bodyEnd is the index in page of the body's last block, or -1.
func bodyEnd(kept, page []blocks.Block) int {
	if len(kept) == 0 {
		return -1
	}
	return blockIndex(page, kept[len(kept)-1].Text, true)
}

// blockIndex is the index of the first (or, fromEnd, the last) page block
// with text, or -1. Readability rewrites some blocks, so when no page
// block has the very same text, one with the same words in the same order
// is taken, and then one that starts (fromEnd: ends) with those words or,
// for a text of splitCheckBytes or more, holds them: readability makes a
// paragraph of each run of a <br>-separated page block.
func blockIndex(page []blocks.Block, text string, fromEnd bool) int {
	find := func(match func(string) bool) int {
		for k := range page {
			i := k
			if fromEnd {
				i = len(page) - 1 - k
			}
			if match(page[i].Text) {
				return i
			}
		}
		return -1
	}
	if i := find(func(t string) bool { return t == text }); i >= 0 {
		return i
	}
	want := space.Norm(text)
	if i := find(func(t string) bool { return len(t) >= len(want) && space.Norm(t) == want }); i >= 0 || want == "" {
		return i
	}
	return find(func(t string) bool {
		if len(t) <= len(want) {
			return false
		}
		t = space.Norm(t)
		if fromEnd {
			return strings.HasSuffix(t, want) || len(want) >= splitCheckBytes && strings.Contains(t, want)
		}
		return strings.HasPrefix(t, want) || len(want) >= splitCheckBytes && strings.Contains(t, want)
	})
}

// mayBeLead says whether a page block could be a lead by its shape: not
// the headline, not link-dense, not a short heading.
func mayBeLead(b blocks.Block, headline string) bool {
	return b.Text != headline && b.LinkDensity < extendMaxLinkDensity && (!b.Heading || wordCount(b.Text) >= leadHeadingWords)
}

// A continuation is the article going on after readability's body: the
// rest of a page whose sections sit in separate containers, cut at a
// table, a list or a widget between them. It joins only when it holds at
// least tailMinProse blocks of tailProseWords or more words, all called
// body text by the page classifier, none link-dense. A lone block or a
// heading over one paragraph after an article is most often an author
// bio, a site blurb or an appeal. Measured on the trafilatura corpus:
// taking any such run gained 3 "with" snippets for 10 "without"; with the
// three-block floor TP 2801 → 2804, FP unchanged (halves 0.9274 →
// 0.9282, 0.9466 → 0.9469), on 6 pages; the readability set unchanged.
// Two blocks of 20 or 30 words, or three of 8, scored the same.
const (
	tailMinProse   = 3
	tailProseWords = 10
)

// extendTail finds a continuation: the page blocks right after the
// body's last one, up to the first block the page classifier calls noise,
// a link-dense block, a metadata line or a second heading in a row, after
// at most maxExtend prose blocks. A heading joins with the block below it.
func extendTail(kept, page []blocks.Block, labels []noise.Label, headline string) (after []blocks.Block) {
	last := bodyEnd(kept, page)
	if last < 0 {
		return nil
	}
	var heading *blocks.Block // a heading waiting for its first block
	prose := 0
	for i := last + 1; i < len(page) && prose < maxExtend; i++ {
		b := page[i]
		if b.Text == headline || labels[i].Kind != noise.Unspecified || b.LinkDensity >= extendMaxLinkDensity {
			break
		}
		if _, meta := metadataLine(b); meta {
			break
		}
		if b.Heading {
			if heading != nil {
				break
			}
			heading = &page[i]
			continue
		}
		if heading != nil {
			after = append(after, *heading)
			heading = nil
		}
		after = append(after, b)
		if wordCount(b.Text) >= tailProseWords {
			prose++
		}
	}
	if prose < tailMinProse {
		return nil
	}
	return after
}

// tailPossible says by shape alone whether extendTail could add
// anything, so that the page is classified only then.
func tailPossible(kept, page []blocks.Block, headline string) bool {
	last := bodyEnd(kept, page)
	if last < 0 {
		return false
	}
	prose := 0
	for _, b := range page[last+1:] {
		if b.Text == headline || b.LinkDensity >= extendMaxLinkDensity {
			break
		}
		if wordCount(b.Text) >= tailProseWords {
			if prose++; prose == tailMinProse {
				return true
			}
		}
	}
	return false
}
