package meta

import (
	"strings"
	"time"

	htmldate "github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// pickDate is the original publication date in ISO 8601. htmldate's
// extensive search for the original date reads the same tree (no second
// parse) and does not modify it.
func pickDate(doc *html.Node, s *signals, ld ldFacts, pageURL string) string {
	opts := htmldate.Options{
		UseOriginalDate: true,
		ExtractTime:     true,
		URL:             pageURL,
	}
	res, err := htmldate.FromDocument(doc, opts)
	if err != nil || res.IsZero() {
		return ""
	}
	return formatResult(res)
}

func formatResult(r htmldate.Result) string {
	if r.HasTime && r.HasTimezone {
		return r.DateTime.Format(time.RFC3339)
	}
	return r.DateTime.Format("2006-01-02")
}

var _ = strings.TrimSpace
