package extract

import (
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// pageMetadata is what the page says about itself, read from the pristine
// tree before any stage mutates it.
type pageMetadata struct {
	Headline, Byline, Published  string
	Authors                      []string
	SiteName, Description, Image string
	Language                     string
}

// readMetadata reads the page's own metadata from the parsed tree. It must
// run before readability, which strips scripts (and so JSON-LD).
// (Engine v0: nothing yet; readability's metadata fills the article.)
func readMetadata(doc *html.Node, pageURL string) pageMetadata {
	return pageMetadata{}
}

// mergeMetadata fills the article from the page's metadata, falling back
// to what readability found.
func mergeMetadata(a *Article, m pageMetadata, art readability.Article) {
	pick := func(vals ...string) string {
		for _, v := range vals {
			if v != "" {
				return v
			}
		}
		return ""
	}
	a.Headline = pick(m.Headline, art.Title())
	a.Byline = pick(m.Byline, art.Byline())
	a.Authors = m.Authors
	if len(a.Authors) == 0 && a.Byline != "" {
		a.Authors = []string{a.Byline}
	}
	a.Published = m.Published
	if a.Published == "" {
		if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
			a.Published = t.Format(time.RFC3339)
		}
	}
	a.SiteName = pick(m.SiteName, art.SiteName())
	a.Description = pick(m.Description, art.Excerpt())
	a.Image = pick(m.Image, art.ImageURL())
	a.Language = pick(m.Language, art.Language())
}
