// Package textseg splits a plain-text page (innerText, a text browser's
// dump) into lines with exact byte offsets into the input as sent, and
// groups them into paragraphs at blank lines.
//
// It takes the text as it arrived, with CRLF or LF endings, tabs,
// indentation, list bullets and no-break spaces, and returns one Line per
// line that holds any visible character. Offsets always index the
// original string, so callers can report spans without re-encoding.
package textseg

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is one non-blank line of the input.
type Line struct {
	// Start and End are the byte range of the line in the input, without
	// its leading and trailing ASCII whitespace and line ending. Bytes
	// outside [Start, End) on the line are spaces, tabs or CR.
	Start, End int
	// Text is the visible content: the list marker is removed and the
	// result trimmed of all Unicode spaces (NBSP included). It is empty
	// when the line holds only such spaces.
	Text string
	// Indent is the width of the leading whitespace, a tab counting 4.
	Indent int
	// Bullet is the list marker that opened the line ("•", "*", "-", ...),
	// or "".
	Bullet string
	// Paragraph numbers the paragraphs: it grows by one after each run of
	// blank lines.
	Paragraph int
	// BlankBefore says a blank line (or the start of input) precedes it.
	BlankBefore bool
}

// bullets are the list markers text renderers put before list items; a
// marker counts only when followed by a space.
var bullets = []string{"•", "*", "-", "–", "+", "·", "▪", "◦", "○", "►", "‣", "o"}

// Segment returns the non-blank lines of text in order.
func Segment(text string) []Line {
	var out []Line
	para := 0
	blank := true
	for pos := 0; pos < len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		next := len(text)
		if nl >= 0 {
			end = pos + nl
			next = end + 1
		}
		if ln, ok := segmentLine(text, pos, end); ok {
			if blank && len(out) > 0 {
				para++
			}
			ln.Paragraph = para
			ln.BlankBefore = blank
			out = append(out, ln)
			blank = false
		} else {
			blank = true
		}
		pos = next
	}
	return out
}

// segmentLine reads the line text[pos:end]; ok is false for a line of
// ASCII whitespace only.
func segmentLine(text string, pos, end int) (Line, bool) {
	s, e := pos, end
	indent := 0
	for s < e && isASCIISpace(text[s]) {
		if text[s] == '\t' {
			indent += 4
		} else if text[s] != '\r' {
			indent++
		}
		s++
	}
	for e > s && isASCIISpace(text[e-1]) {
		e--
	}
	if s == e {
		return Line{}, false
	}
	content := text[s:e]
	ln := Line{Start: s, End: e, Indent: indent}
	for _, b := range bullets {
		if strings.HasPrefix(content, b) {
			rest := content[len(b):]
			r, _ := utf8.DecodeRuneInString(rest)
			if rest == "" || unicode.IsSpace(r) {
				ln.Bullet = b
				content = rest
			}
			break
		}
	}
	ln.Text = strings.TrimSpace(content)
	return ln, true
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}
