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
	// Text is the visible content: the list marker and lynx's "[12]" link
	// numbers are removed and the result trimmed of all Unicode spaces
	// (NBSP included). It is empty when the line holds only such spaces.
	Text string
	// Indent is the width of the leading whitespace, a tab counting 4.
	Indent int
	// Bullet is the list marker that opened the line ("•", "*", "-", ...),
	// or "".
	Bullet string
	// Numbered says the line is an item of a numbered list as text
	// browsers draw one (" 1. Step", "10. Step"); the number stays in Text.
	Numbered bool
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
			if ln.Text == "" {
				// A line of no-break spaces (innerText of <p>&nbsp;</p>)
				// separates paragraphs like a blank line, but its bytes
				// must still be accounted for.
				ln.Paragraph, ln.BlankBefore = para, blank
				out = append(out, ln)
				blank = true
				pos = next
				continue
			}
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
	ln.Numbered = ln.Bullet == "" && numberedItem(content, indent)
	ln.Text = strings.TrimSpace(stripLinkRefs(content))
	return ln, true
}

// numberedItem reports a line that opens with a list number and a space:
// text browsers indent one-digit numbers and align longer ones to the
// right, so a number at the margin must have two or three digits (a
// paragraph may open with "1. Januar"). As list items, recipe steps and
// numbered points join the text around them: on the trafilatura text
// dumps TP 2557 → 2559, FP unchanged (go test ./extract/textmode -run
// TestTrafilaturaTextCorpus -v).
func numberedItem(content string, indent int) bool {
	i := 0
	for i < len(content) && i < 4 && content[i] >= '0' && content[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 || i+2 > len(content) || content[i] != '.' && content[i] != ')' || content[i+1] != ' ' {
		return false
	}
	return indent > 0 || i > 1
}

// stripLinkRefs removes the "[12]" link numbers lynx puts before each
// link's text; they are not part of the text.
func stripLinkRefs(s string) string {
	if !strings.Contains(s, "]") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			break
		}
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j > i+1 && j < len(s) && s[j] == ']' {
			b.WriteString(s[:i])
			s = s[j+1:]
			continue
		}
		b.WriteString(s[:i+1])
		s = s[i+1:]
	}
	b.WriteString(s)
	return b.String()
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}
