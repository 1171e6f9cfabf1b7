package textmode

import (
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/noise"
	"github.com/boilerstrip/boilerstrip/extract/textseg"
)

// render builds the body from the body lines (lines of one paragraph
// joined by a newline, paragraphs by a blank line) and the removed spans.
// Neighbouring lines removed by the same rule become one span, so a
// widget is one span; every line lands in exactly one of the two lists.
func render(text string, lines []textseg.Line, labels []noise.Label, opt Options) Result {
	var res Result
	var body strings.Builder
	lastPara := -1
	for i, ln := range lines {
		l := labels[i]
		if l.Kind != noise.Unspecified && opt.keeps(l.Kind) {
			l.Kind = noise.Unspecified
		}
		if l.Kind == noise.Unspecified && ln.Text == "" {
			// A line of no-break spaces carries no text: account for it
			// as removed rather than as an empty body paragraph.
			l = noise.Label{Kind: noise.Other, Rule: "blank-line"}
		}
		if l.Kind == noise.Unspecified {
			switch {
			case lastPara < 0:
			case ln.Paragraph != lastPara:
				body.WriteString("\n\n")
			default:
				body.WriteString("\n")
			}
			lastPara = ln.Paragraph
			body.WriteString(ln.Text)
			res.BodySpans = append(res.BodySpans, Span{ln.Start, ln.End})
			continue
		}
		if n := len(res.Removed); n > 0 && i > 0 {
			prev := &res.Removed[n-1]
			if prev.Kind == l.Kind && prev.Rule == l.Rule && prev.End == lines[i-1].End {
				prev.End = ln.End
				prev.Text = text[prev.Start:prev.End]
				continue
			}
		}
		res.Removed = append(res.Removed, noise.Span{
			Kind:  l.Kind,
			Start: ln.Start,
			End:   ln.End,
			Text:  text[ln.Start:ln.End],
			Rule:  l.Rule,
		})
	}
	res.Body = body.String()
	return res
}
