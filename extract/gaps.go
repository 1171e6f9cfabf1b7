package extract

import (
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/internal/space"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A gap block is prose readability dropped from the middle of its own
// body: a paragraph wrapped in a div whose class or score it disliked,
// between two paragraphs it kept. Only blocks of at least gapMinWords
// words, under gapMaxLinkDensity link text, not headings (but see
// below), and called body text by the shared classifier judging the
// whole page come back.
// Measured on the trafilatura corpus (halves: even/odd pages): with
// gapMinWords 20, 2 "with" snippets more and no "without" (F1 0.9317 →
// 0.9320, halves 0.922 → 0.922 and 0.941 → 0.942); 10 words gave 3 more
// and 1 "without", 4 words the same. A gap that also holds a link-dense
// block is a teaser list set between paragraphs (the teaser blurbs are
// prose too): without that guard, 2 "with" and 2 "without" more and
// readability-set token F1 0.970 → 0.965; a byline or date line linking
// to its author or archive is no teaser (1 "with" snippet more, no
// "without": odd half 0.9445 → 0.9449). A section heading (not an h1)
// right above a gap block comes back with it: 1 "with" snippet more, no
// "without".
const (
	gapMinWords       = 20
	gapMaxLinkDensity = 0.3
)

// gapFill is one page block put back into the body, and the kept block
// it goes before.
type gapFill struct {
	block  blocks.Block
	before blocks.Block
}

// gapCandidates lists the page blocks that sit, in document order,
// between two blocks of readability's body and are not in it (neither
// kept nor removed as noise), judged by shape only: the caller classifies
// the page only when there is one. kept are the body's kept blocks, body
// all its blocks.
func gapCandidates(kept, body, page []blocks.Block, headline string) []gapFill {
	if len(kept) < 2 {
		return nil
	}
	inBody := make(map[string]bool, len(body))
	for _, b := range body {
		inBody[b.Text] = true
	}
	anchor := make(map[string]blocks.Block, len(kept))
	for _, b := range kept {
		if _, dup := anchor[b.Text]; !dup {
			anchor[b.Text] = b
		}
	}
	var out []gapFill
	seen := false // a kept block came before on the page
	var pending []blocks.Block
	var heading *blocks.Block // a section heading right above the next gap block
	teasers := false          // the current gap holds a link-dense block
	for i, b := range page {
		if k, ok := anchor[b.Text]; ok {
			if seen && !teasers {
				for _, g := range pending {
					out = append(out, gapFill{block: g, before: k})
				}
			}
			pending, seen, teasers, heading = pending[:0], true, false, nil
			continue
		}
		if !seen || inBody[b.Text] {
			heading = nil
			continue
		}
		if b.LinkDensity >= linkLineDensity {
			if _, meta := metadataLine(b); !meta {
				teasers = true
			}
		}
		if b.Heading && b.Tag != atom.H1 && b.Text != headline && b.LinkDensity < gapMaxLinkDensity {
			heading = &page[i]
			continue
		}
		if b.Heading || b.Text == headline || b.LinkDensity >= gapMaxLinkDensity || wordCount(b.Text) < gapMinWords {
			heading = nil
			continue
		}
		if heading != nil {
			pending = append(pending, *heading)
			heading = nil
		}
		pending = append(pending, b)
	}
	if len(out) == 0 {
		return nil
	}
	// Readability rewrites its tree (a div of <br>-separated lines becomes
	// paragraphs, a pronunciation or a footnote mark goes), so a page
	// block may differ from the body's blocks and yet hold the same text:
	// a block whose word triples are mostly in the body is no gap.
	bodyText := space.Norm(blocks.Text(body))
	inBodyText := make(map[string]bool)
	for _, sh := range wordTriples(bodyText) {
		inBodyText[sh] = true
	}
	fills := out[:0]
	for _, g := range out {
		t := space.Norm(g.block.Text)
		if strings.Contains(bodyText, t) {
			continue
		}
		triples := wordTriples(t)
		known := 0
		for _, sh := range triples {
			if inBodyText[sh] {
				known++
			}
		}
		if len(triples) > 0 && float64(known) >= gapKnownShare*float64(len(triples)) {
			continue
		}
		fills = append(fills, g)
	}
	return fills
}

// gapKnownShare is the share of a page block's word triples found in the
// body above which the block is the body's own text, rewritten. It
// replaced a test for any body block inside the gap block, which a
// one-word body line ("News", a date) passed: on the trafilatura corpus
// TP 2791 → 2793 with FP unchanged (even half 0.9260 → 0.9267, odd
// unchanged), and 22 pages no longer repeat paragraphs readability kept
// with a footnote mark or a pronunciation cut out; the readability set
// unchanged (a looser test that only ignored short body lines cost it
// 0.0001 token F1 in such repeats).
const gapKnownShare = 0.5

// wordTriples lists the runs of three words of s, whose words are
// separated by single spaces (space.Norm), as substrings of s.
func wordTriples(s string) []string {
	var starts []int // start of each word
	for i := 0; i < len(s); i++ {
		if i == 0 || s[i-1] == ' ' {
			starts = append(starts, i)
		}
	}
	if len(starts) < 3 {
		return nil
	}
	out := make([]string, 0, len(starts)-2)
	for i := 0; i+2 < len(starts); i++ {
		end := len(s)
		if i+3 < len(starts) {
			end = starts[i+3] - 1
		}
		out = append(out, s[starts[i]:end])
	}
	return out
}

// fillGaps puts the gap blocks the page-level classifier labels body text
// back into kept, each before the kept block it preceded on the page, and
// into readability's tree as a plain paragraph, so that rendered formats
// hold the same text as the plain body. It returns the new body and how
// many blocks came back.
func fillGaps(kept []blocks.Block, gaps []gapFill, page []blocks.Block, labels []noise.Label) ([]blocks.Block, int) {
	isBody := make(map[string]bool, len(page))
	for i, b := range page {
		if labels[i].Kind == noise.Unspecified {
			isBody[b.Text] = true
		}
	}
	before := make(map[string][]blocks.Block)
	added := 0
	for _, g := range gaps {
		if isBody[g.block.Text] {
			before[g.before.Text] = append(before[g.before.Text], g.block)
			added++
		}
	}
	if added == 0 {
		return kept, 0
	}
	out := make([]blocks.Block, 0, len(kept)+added)
	for _, b := range kept {
		for _, g := range before[b.Text] {
			out = append(out, g)
			insertParagraph(g.Text, b)
		}
		delete(before, b.Text) // a repeated block gets its gap once
		out = append(out, b)
	}
	return out, added
}

// insertParagraph adds a <p> holding text to readability's tree right
// before the first node of block next, or before the list or table that
// holds it, where a paragraph may not stand.
func insertParagraph(text string, next blocks.Block) {
	if len(next.Nodes) == 0 || next.Nodes[0].Parent == nil {
		return
	}
	n := next.Nodes[0]
	for n.Parent.Parent != nil && noParagraphIn[n.Parent.DataAtom] {
		n = n.Parent
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	p.AppendChild(&html.Node{Type: html.TextNode, Data: text})
	n.Parent.InsertBefore(p, n)
}

// noParagraphIn are the elements whose children are list items, terms or
// table parts.
var noParagraphIn = map[atom.Atom]bool{
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Li: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
}
