package meta

import (
	"strings"
	"sync"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	htmldate "github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// dateParserConfigs caches, per declared language, the date parser's
// configuration restricted to that language and English (nil when the
// parser does not know the language). Trying every locale was three
// quarters of htmldate's cost; on the htmldate set the restriction left
// date F1 unchanged (go test ./extract -run TestMetadataQuality).
var dateParserConfigs sync.Map // language code → *dps.Configuration

func dateParserConfig(lang string) *dps.Configuration {
	lang = strings.ToLower(lang)
	if len(lang) < 2 {
		return nil
	}
	if c, ok := dateParserConfigs.Load(lang); ok {
		return c.(*dps.Configuration)
	}
	langs := []string{"en"}
	if lang != "en" {
		langs = append(langs, lang)
	}
	// Same settings as htmldate's own default, plus the languages.
	cfg := &dps.Configuration{Languages: langs, PreferredDateSource: dps.Past, StrictParsing: true}
	if _, err := dps.Parse(cfg, "2020-01-02"); err != nil {
		cfg = nil // unknown language: let htmldate try them all
	}
	dateParserConfigs.Store(lang, cfg)
	return cfg
}

// pickDate is the original publication date in ISO 8601. htmldate's
// extensive search for the original date reads the same tree (no second
// parse) and does not modify it.
func pickDate(doc *html.Node, s *signals, ld ldFacts, pageURL, lang string) string {
	opts := htmldate.Options{
		UseOriginalDate:  true,
		ExtractTime:      true,
		URL:              pageURL,
		DateParserConfig: dateParserConfig(lang),
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
