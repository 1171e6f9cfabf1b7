package textseg

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hard-wrap detection. Text browsers and HTML-to-text converters (lynx,
// html2text, w3m with a narrow -cols) break paragraphs into lines of at
// most 70–80 columns; innerText and wide dumps do not. The numbers below
// come from looking at such dumps: a wrapped page has most of its long
// lines ending within a few columns of the wrap width.
const (
	minWrapLines  = 6   // too few lines to tell
	maxWrapWidth  = 100 // wider than any common terminal default
	wrapSlack     = 15  // a wrapped line ends at most this far before the width
	wrapShareMin  = 0.5 // share of long lines that must end near the width
	longLineRunes = 40  // lines shorter than this say nothing about wrapping
)

// WrapWidth returns the column at which text was hard-wrapped, or 0 when
// its lines were not wrapped.
func WrapWidth(text string, lines []Line) int {
	var widths []int
	for _, ln := range lines {
		w := ln.Indent + utf8.RuneCountInString(text[ln.Start:ln.End])
		if w >= longLineRunes {
			widths = append(widths, w)
		}
	}
	if len(widths) < minWrapLines {
		return 0
	}
	sort.Ints(widths)
	// The 95th percentile rather than the maximum: a stray long URL or
	// table row must not hide the wrap width.
	width := widths[len(widths)*95/100]
	if width > maxWrapWidth {
		return 0
	}
	near := 0
	for _, w := range widths {
		if w >= width-wrapSlack {
			near++
		}
	}
	if float64(near) < wrapShareMin*float64(len(widths)) {
		return 0
	}
	return width
}

// Unwrap joins the lines of hard-wrapped paragraphs back into one Line
// each, so the classifier sees paragraphs rather than fragments. A line
// continues the previous one when no blank line separates them, it has no
// list marker, and the previous line was filled up to the wrap width. The
// joined Line spans from the first line's start to the last line's end;
// its Text joins the parts with a space. Lines of unwrapped text are
// returned unchanged.
func Unwrap(text string, lines []Line) []Line {
	width := WrapWidth(text, lines)
	if width == 0 {
		return lines
	}
	out := make([]Line, 0, len(lines))
	prevWidth := 0
	for _, ln := range lines {
		w := ln.Indent + utf8.RuneCountInString(text[ln.Start:ln.End])
		if n := len(out); n > 0 && !ln.BlankBefore && ln.Bullet == "" && ln.Text != "" &&
			wrappedBefore(out[n-1].Text, ln.Text, prevWidth, width) {
			last := &out[n-1]
			last.End = ln.End
			last.Text = joinWrapped(last.Text, ln.Text)
		} else {
			out = append(out, ln)
		}
		prevWidth = w
	}
	return out
}

// wrappedBefore reports whether the break between prev (prevWidth columns
// wide) and next was made by the wrapper: prev was filled close to the
// width and next's first word would not have fitted on it. A sentence end
// followed by a capital is taken as a real line break.
func wrappedBefore(prev, next string, prevWidth, width int) bool {
	if prevWidth < width-wrapSlack {
		return false
	}
	first, _, _ := strings.Cut(next, " ")
	if prevWidth+1+utf8.RuneCountInString(first) <= width {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	r, _ := utf8.DecodeRuneInString(next)
	return !(strings.ContainsRune(".!?:", last) && unicode.IsUpper(r))
}

// joinWrapped glues two parts of a wrapped line with one space.
func joinWrapped(a, b string) string {
	return strings.TrimRight(a, " ") + " " + b
}
