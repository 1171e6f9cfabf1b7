// Package meta reads what an HTML page says about itself: headline,
// authors, publication date, site name, description, image and language.
//
// It takes the parsed, unmodified tree and returns a Metadata. Sources, in
// the order they are trusted: JSON-LD (schema.org article types, also
// inside @graph), meta tags (OpenGraph, Dublin Core, citation_*, parsely,
// sailthru, plain author/date), microdata, <time> elements, then visible
// bylines. Dates fall back to htmldate's search of the whole page.
// Word lists (byline prefixes, job titles, byline class tokens) are data
// files under data/, one entry a line, embedded at build time.
package meta

import (
	"golang.org/x/net/html"
)

// Metadata is what the page says about itself. Empty fields are unknown.
type Metadata struct {
	Title       string
	Byline      string   // the authors as the page wrote them, cleaned; several sources joined by "; "
	Authors     []string // one name each
	Published   string   // ISO 8601: 2022-03-18 or 2023-02-22T12:14:00+02:00
	SiteName    string
	Description string
	Image       string
	Language    string // ISO 639-1 from <html lang>, og:locale or inLanguage
	// H1 is the text of the page's only non-empty <h1>, "" when it has
	// none or several; the visible headline when there is one.
	H1 string
	// RawTitle is the structured title before the site name is removed.
	RawTitle string
	// ProseLanguage is the language detector's reliable verdict on the
	// page's first paragraphs when the page declares no language and the
	// date search had to guess one; "" when no detection ran.
	ProseLanguage string
	// Ingredients are a recipe's ingredient lines as its JSON-LD lists
	// them (recipeIngredient): readability often leaves the page's list
	// of them out of the body.
	Ingredients []string
	// ArticleBody is the article's text as its JSON-LD states it
	// (articleBody of an article type), white space folded: it tells
	// which part of the page the article is.
	ArticleBody string
	// MarkedBodies are the elements the page marks as its article's
	// text with microdata (itemprop="articleBody"), in document order.
	MarkedBodies []*html.Node
}

// Read reads the page's metadata from doc, which it does not modify.
// pageURL, when known, helps date extraction (dates in the path).
func Read(doc *html.Node, pageURL string) Metadata {
	if doc == nil {
		return Metadata{}
	}
	s := collect(doc)
	ld := readJSONLD(s.jsonLD)
	var m Metadata
	m.Title = pickTitle(s, ld)
	m.RawTitle = rawTitle(s, ld)
	m.H1 = onlyH1(s.h1)
	written := pickAuthors(s, ld)
	m.Byline = joinAuthors(written)
	for _, w := range written {
		m.Authors = append(m.Authors, SplitAuthors(w)...)
	}
	m.Language = pickLanguage(s, ld)
	m.Published = pickDate(doc, s, ld, pageURL, m.Language)
	m.ProseLanguage = s.proseLanguage
	m.Ingredients = ld.ingredients
	m.ArticleBody = ld.articleBody
	m.MarkedBodies = s.articleBody
	m.SiteName = firstNonEmpty(s.meta["og:site_name"], ld.publisher, s.meta["application-name"])
	m.Description = firstNonEmpty(s.meta["og:description"], s.meta["description"], s.meta["twitter:description"], ld.description, s.meta["dc.description"])
	m.Image = firstNonEmpty(s.meta["og:image"], s.meta["og:image:url"], s.meta["twitter:image"], ld.image)
	return m
}

// onlyH1 is the text of the page's one non-empty <h1>, or "".
func onlyH1(h1 []string) string {
	only := ""
	for _, h := range h1 {
		if h == "" {
			continue
		}
		if only != "" {
			return ""
		}
		only = h
	}
	return only
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
