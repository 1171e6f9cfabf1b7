package extract

import (
	"context"
	"strings"
)

// extractText is the plain-text path: segment into paragraphs with their
// byte offsets. (Engine v0: every paragraph is body.)
func extractText(ctx context.Context, text string, opt Options) (*Result, error) {
	res := &Result{Path: "text"}
	var paras []string
	for _, sp := range paragraphSpans(text) {
		res.BodySpans = append(res.BodySpans, sp)
		paras = append(paras, strings.TrimSpace(text[sp.Start:sp.End]))
	}
	res.Article.Body = strings.Join(paras, "\n\n")
	return res, ctx.Err()
}

// paragraphSpans splits text at blank lines and returns the trimmed span of
// each non-empty paragraph.
func paragraphSpans(text string) []Span {
	var out []Span
	start := -1 // start of the current paragraph, -1 when between paragraphs
	end := 0    // end of the last non-blank line in it
	pos := 0
	for pos <= len(text) {
		nl := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = pos + nl
		}
		line := text[pos:lineEnd]
		if trimmed := strings.TrimSpace(line); trimmed == "" {
			if start >= 0 {
				out = append(out, Span{start, end})
				start = -1
			}
		} else {
			lead := len(line) - len(strings.TrimLeft(line, " \t\r\f\v\u00a0"))
			if start < 0 {
				start = pos + lead
			}
			end = pos + len(strings.TrimRight(line, " \t\r\f\v\u00a0"))
		}
		if nl < 0 {
			break
		}
		pos = lineEnd + 1
	}
	if start >= 0 {
		out = append(out, Span{start, end})
	}
	return out
}
