package extract

import (
	"context"

	"github.com/boilerstrip/boilerstrip/extract/textmode"
)

// extractText is the plain-text path: segment into lines, classify each
// as body or noise, read headline/byline/date above the body (package
// textmode).
func extractText(ctx context.Context, text string, opt Options) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tr := textmode.Extract(text, textmode.Options{
		KeepKinds:       opt.KeepKinds,
		PreferRecall:    opt.Preference == PreferRecall,
		PreferPrecision: opt.Preference == PreferPrecision,
	})
	res := &Result{Path: "text", Removed: tr.Removed}
	a := &res.Article
	a.Headline, a.Byline, a.Authors, a.Published, a.Body = tr.Headline, tr.Byline, tr.Authors, tr.Published, tr.Body
	for _, s := range tr.BodySpans {
		res.BodySpans = append(res.BodySpans, Span{Start: s.Start, End: s.End})
	}
	return res, ctx.Err()
}
