package extract

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/boilerstrip/boilerstrip/extract/htmldom"
	"golang.org/x/net/html"
)

// extractHTML is the HTML path: parse once, hand the tree to readability,
// take its metadata. (Engine v0.)
func extractHTML(ctx context.Context, page string, opt Options) (*Result, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	meta := readMetadata(doc, opt.URL)
	removed := htmldom.Clean(doc, page, htmldom.Options{Keep: opt.Keeps})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var base *url.URL
	if opt.URL != "" {
		base, _ = url.Parse(opt.URL)
	}
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, base)
	if err != nil {
		return nil, fmt.Errorf("readability: %w", err)
	}
	res := &Result{Path: "readability", Removed: removed}
	a := &res.Article
	mergeMetadata(a, meta, art)
	if art.Node != nil {
		var sb strings.Builder
		if err := art.RenderText(&sb); err != nil {
			return nil, fmt.Errorf("render text: %w", err)
		}
		a.Body = normalizeParagraphs(sb.String())
		if opt.Format == FormatHTML {
			var hb strings.Builder
			if err := art.RenderHTML(&hb); err != nil {
				return nil, fmt.Errorf("render html: %w", err)
			}
			a.Content = hb.String()
		}
	}
	return res, nil
}

// normalizeParagraphs trims each line, drops empty ones and joins the rest
// with a blank line, the body's plain-text convention.
func normalizeParagraphs(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n\n")
}
