package extract

import (
	"context"
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The DOM path holds the whole tree in memory and walks it several times
// (readability scores every node), so pages past these caps skip it and
// are read in text mode instead: the visible text, with block elements as
// paragraph breaks, goes through the plain-text path. The answer is still
// useful (the body and the text-mode noise labels), only the HTML-specific
// signals (classes, ids, selectors) are lost, and Result.Path says so.
const (
	// MaxHTMLElements is the largest number of start tags sent down the
	// DOM path. Real article pages have 1,000–15,000 elements; 200,000
	// keeps a tree (about 200 bytes a node with its attributes) under
	// ~50 MB and readability under a second or two on one core.
	MaxHTMLElements = 200_000

	// MaxHTMLDepth is golang.org/x/net/html's own cap on the stack of open
	// elements: its parser refuses deeper documents with an error, which
	// we turn into the text-mode fallback. Because of it no tree we walk
	// is deeper than this, so recursive walkers (ours and readability's)
	// cannot exhaust the stack.
	MaxHTMLDepth = 512
)

// Paths taken when a page is over a limit, reported in Result.Path.
const (
	PathFallbackTooManyElements = "text-fallback:too-many-elements"
	PathFallbackTooDeep         = "text-fallback:too-deep"
)

// ctxCheckEvery is how many tokens the streaming scans read between two
// checks of the context: often enough to stop within a millisecond or so,
// rarely enough to cost nothing.
const ctxCheckEvery = 4096

// extractHTMLWithinLimits runs the DOM path when the page is within the
// limits above, and the text-mode fallback otherwise.
func extractHTMLWithinLimits(ctx context.Context, page string, opt Options) (*Result, error) {
	// Every start tag begins with '<', so a page with no more '<' than the
	// cap is within it; only larger pages pay for the exact count (a
	// second tokenizer pass cost a third of html.Parse on every page).
	if strings.Count(page, "<") > MaxHTMLElements {
		n, err := countElements(ctx, page, MaxHTMLElements+1)
		if err != nil {
			return nil, err
		}
		if n > MaxHTMLElements {
			return extractVisibleText(ctx, page, opt, PathFallbackTooManyElements)
		}
	}
	res, err := extractHTML(ctx, page, opt)
	if err != nil && isTooDeep(err) {
		return extractVisibleText(ctx, page, opt, PathFallbackTooDeep)
	}
	return res, err
}

// isTooDeep recognises the parser's refusal of a document nested deeper
// than MaxHTMLDepth. x/net/html reports it only as text (it panics inside
// and recovers into a plain error), so the text is all we can match.
func isTooDeep(err error) bool {
	return err != nil && strings.Contains(err.Error(), "open stack of elements exceeds")
}

// countElements counts start tags with the streaming tokenizer, which
// keeps no tree and so costs no memory; it stops counting at stopAt.
func countElements(ctx context.Context, page string, stopAt int) (int, error) {
	z := html.NewTokenizer(strings.NewReader(page))
	n := 0
	for i := 0; ; i++ {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
		switch z.Next() {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return n, err
			}
			return n, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			if n++; n >= stopAt {
				return n, nil
			}
		}
	}
}

// extractVisibleText is the fallback: the page's visible text through the
// plain-text path. Offsets in the result would point into the derived
// text, not the HTML sent, so they are cleared.
func extractVisibleText(ctx context.Context, page string, opt Options, path string) (*Result, error) {
	text, err := visibleText(ctx, page)
	if err != nil {
		return nil, err
	}
	res, err := extractText(ctx, text, opt)
	if err != nil {
		return nil, err
	}
	res.Path = path
	res.BodySpans = nil
	for i := range res.Removed {
		res.Removed[i].Start, res.Removed[i].End = 0, 0
	}
	return res, nil
}

// visibleText streams the page and keeps what a reader would see: text
// outside script, style and similar containers, with a blank line at every
// block element so paragraphs stay paragraphs. It never builds a tree, so
// any nesting depth and any number of elements are fine.
func visibleText(ctx context.Context, page string) (string, error) {
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	hidden := 0 // depth inside invisible containers (script, style, …)
	lastBreak := true
	brk := func() {
		if !lastBreak {
			b.WriteString("\n\n")
			lastBreak = true
		}
	}
	for i := 0; ; i++ {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return "", err
			}
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return "", err
			}
			return strings.TrimSpace(b.String()), nil
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if invisible[a] && tt != html.SelfClosingTagToken {
				if tt == html.StartTagToken {
					hidden++
				} else if hidden > 0 {
					hidden--
				}
			}
			if blockElements[a] {
				brk()
			}
		case html.TextToken:
			if hidden > 0 {
				continue
			}
			words := strings.Fields(string(z.Text()))
			if len(words) == 0 {
				continue
			}
			if !lastBreak {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Join(words, " "))
			lastBreak = false
		}
	}
}

// invisible elements hold no text a reader sees.
var invisible = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Textarea: true,
}

// blockElements start a new paragraph in the visible text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Article: true, atom.Section: true, atom.Header: true, atom.Footer: true, atom.Nav: true,
	atom.Aside: true, atom.Main: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Form: true, atom.Hr: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Figure: true, atom.Figcaption: true, atom.Body: true,
	atom.Title: true, atom.Address: true, atom.Details: true, atom.Summary: true,
}
