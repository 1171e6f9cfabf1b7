// Package extract turns a scraped page (HTML or a plain-text dump) into a
// clean article plus a labelled account of everything it removed.
//
// The pipeline, in order: decode the input (charset, HTML or text) → for
// HTML, parse once and run the DOM stages on that one tree; for text,
// segment into blocks → classify → pick the body → metadata → render.
// It is a plain library: no gRPC, no network, no global state beyond
// read-only data compiled once.
package extract

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Input is one document. Exactly one of HTML, Text or Raw is set.
type Input struct {
	HTML string
	Text string
	// Raw is undecoded bytes, read the way a browser reads them: BOM,
	// then ContentType's charset, then <meta charset>, then detection.
	Raw []byte
	// ContentType is the HTTP Content-Type of Raw, e.g.
	// "text/html; charset=windows-1251". Empty means sniff.
	ContentType string
}

// ErrEmptyInput is returned when the input holds no content at all.
var ErrEmptyInput = errors.New("empty input: set one of html, text or raw")

// ErrBadInput wraps errors caused by the input itself (contradictory
// fields, an unknown charset), as opposed to failures of the engine.
var ErrBadInput = errors.New("bad input")

// Extract runs the whole pipeline on one document. It honours ctx: a
// cancelled or expired context stops the work between stages (and inside
// the streaming scans of limits.go) and returns ctx.Err(). Pages over the
// DOM limits (MaxHTMLElements, MaxHTMLDepth) are read in text mode; see
// limits.go.
func Extract(ctx context.Context, in Input, opt Options) (*Result, error) {
	start := time.Now()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc, kind, err := decodeInput(in)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var res *Result
	switch kind {
	case InputText:
		res, err = extractText(ctx, doc, opt)
	default:
		res, err = extractHTMLWithinLimits(ctx, doc, opt)
	}
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", kind, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.InputKind = kind
	res.Article.WordCount = countWords(res.Article.Body)
	if res.Article.Language == "" {
		res.Article.Language = detectLanguage(res.Article.Body)
	}
	if opt.OmitRemovedText {
		for i := range res.Removed {
			res.Removed[i].Text = ""
		}
	}
	res.Duration = time.Since(start)
	return res, nil
}

// decodeInput picks the document string and says whether it is HTML or text.
func decodeInput(in Input) (string, InputKind, error) {
	set := 0
	for _, ok := range []bool{in.HTML != "", in.Text != "", len(in.Raw) > 0} {
		if ok {
			set++
		}
	}
	switch {
	case set == 0:
		return "", InputUnknown, ErrEmptyInput
	case set > 1:
		return "", InputUnknown, fmt.Errorf("%w: contradictory input: set only one of html, text or raw", ErrBadInput)
	case in.HTML != "":
		return in.HTML, InputHTML, nil
	case in.Text != "":
		return in.Text, InputText, nil
	}
	s, kind, err := Decode(in.Raw, in.ContentType)
	if err != nil {
		return "", kind, fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	return s, kind, nil
}

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
