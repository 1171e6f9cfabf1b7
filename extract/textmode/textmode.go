// Package textmode finds the article in a plain-text page and accounts for
// every other line.
//
// The pipeline reads top to bottom in Extract: segment the text into lines
// and rejoin hard-wrapped paragraphs (textseg) → classify each line as body or noise (noise.ClassifyBlocks) →
// find headline, byline and date above the body (metadata.go) → render the
// body and the removed spans (render.go).
package textmode

import (
	"slices"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/noise"
	"github.com/boilerstrip/boilerstrip/extract/textseg"
)

// Options tune one extraction.
type Options struct {
	// KeepKinds are noise kinds that stay in the body and are not reported
	// as removed.
	KeepKinds []noise.Kind
	// PreferRecall keeps blocks whose only fault is weak prose (kind Other)
	// in the body; PreferPrecision drops the weak prose the body only
	// kept because it sat inside the article (rule noise.RuleWeakProse).
	PreferRecall, PreferPrecision bool
}

func (o Options) keeps(k noise.Kind) bool { return slices.Contains(o.KeepKinds, k) }

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
	lines := textseg.Unwrap(text, textseg.Segment(text))
	labels := noise.ClassifyBlocks(toBlocks(lines))
	meta := findMetadata(lines, labels)
	applyPreference(lines, labels, opt)
	res := render(text, lines, labels, opt)
	res.Headline, res.Byline, res.Published = meta.headline, meta.byline, meta.published
	res.Authors = splitAuthors(meta.byline)
	return res
}

// authorSeparators join names in a byline, in the lexicon languages.
var authorSeparators = strings.NewReplacer(
	" and ", "\x00", " & ", "\x00", ", ", "\x00", " und ", "\x00", " et ", "\x00",
	" y ", "\x00", " e ", "\x00", " i ", "\x00", " и ", "\x00", " і ", "\x00", " та ", "\x00",
)

// splitAuthors turns "Jane Roe and John Doe" into its names.
func splitAuthors(byline string) []string {
	if byline == "" {
		return nil
	}
	var out []string
	for _, name := range strings.Split(authorSeparators.Replace(byline), "\x00") {
		if name = strings.TrimSpace(name); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// toBlocks turns lines into the classifier's blocks: a line without a
// blank line before it continues the paragraph.
func toBlocks(lines []textseg.Line) []noise.Block {
	blocks := make([]noise.Block, len(lines))
	for i, ln := range lines {
		blocks[i] = noise.Block{
			Text:          ln.Text,
			ListItem:      ln.Bullet != "" || ln.Numbered,
			SameParagraph: !ln.BlankBefore,
		}
	}
	return blocks
}

// applyPreference moves doubtful blocks across the line when the caller
// asked for recall or precision.
func applyPreference(lines []textseg.Line, labels []noise.Label, opt Options) {
	for i := range labels {
		switch {
		case opt.PreferRecall && labels[i].Kind == noise.Other && lines[i].Text != "":
			labels[i] = noise.Label{Kind: noise.Unspecified, Rule: "prefer-recall"}
		case opt.PreferPrecision && labels[i].Kind == noise.Unspecified && labels[i].Rule == noise.RuleWeakProse:
			labels[i] = noise.Label{Kind: noise.Other, Rule: "prefer-precision"}
		}
	}
}
