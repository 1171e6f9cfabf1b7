// Package textmode finds the article in a plain-text page and accounts for
// every other line.
//
// The pipeline reads top to bottom in Extract: segment the text into lines
// (textseg) → classify each line as body or noise (noise.ClassifyBlocks) →
// find headline, byline and date above the body (metadata.go) → render the
// body and the removed spans (render.go).
package textmode

import (
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"github.com/boilerstrip/boilerstrip/extract/textseg"
)

// Options tune one extraction.
type Options struct {
	// KeepKinds are noise kinds that stay in the body and are not reported
	// as removed.
	KeepKinds []noise.Kind
	// PreferRecall keeps blocks whose only fault is weak prose (kind Other)
	// in the body; PreferPrecision drops body lines that are not prose
	// when they stand alone at the edges of the body.
	PreferRecall, PreferPrecision bool
}

func (o Options) keeps(k noise.Kind) bool {
	for _, kk := range o.KeepKinds {
		if kk == k {
			return true
		}
	}
	return false
}

// Span is a half-open byte range [Start, End) of the input.
type Span struct {
	Start, End int
}

// Result is the article found in the text and everything removed.
type Result struct {
	Headline  string
	Byline    string
	Authors   []string
	Published string // ISO 8601 date, or date and time without zone
	Body      string // paragraphs separated by a blank line
	BodySpans []Span
	Removed   []noise.Span
}

// Extract runs the text pipeline on one page.
func Extract(text string, opt Options) Result {
	lines := textseg.Segment(text)
	labels := noise.ClassifyBlocks(toBlocks(lines))
	meta := findMetadata(lines, labels)
	applyPreference(lines, labels, opt)
	res := render(text, lines, labels, opt)
	res.Headline, res.Byline, res.Published = meta.headline, meta.byline, meta.published
	if meta.byline != "" {
		res.Authors = []string{meta.byline}
	}
	return res
}

// toBlocks turns lines into the classifier's blocks: a line without a
// blank line before it continues the paragraph.
func toBlocks(lines []textseg.Line) []noise.Block {
	blocks := make([]noise.Block, len(lines))
	for i, ln := range lines {
		blocks[i] = noise.Block{
			Text:          ln.Text,
			ListItem:      ln.Bullet != "",
			SameParagraph: !ln.BlankBefore,
		}
	}
	return blocks
}

// applyPreference moves doubtful blocks across the line when the caller
// asked for recall or precision.
func applyPreference(lines []textseg.Line, labels []noise.Label, opt Options) {
	if !opt.PreferRecall {
		return
	}
	for i := range labels {
		if labels[i].Kind == noise.Other && lines[i].Text != "" {
			labels[i] = noise.Label{Kind: noise.Unspecified, Rule: "prefer-recall"}
		}
	}
}
