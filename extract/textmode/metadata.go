package textmode

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"

	"github.com/boilerstrip/boilerstrip/extract/noise"
	"github.com/boilerstrip/boilerstrip/extract/textseg"
)

// metaWindow is how many lines above the body are searched for the
// headline, byline and date: the header block of an article page (title,
// byline, date, lead image caption, a widget or two) fits in it.
const metaWindow = 15

// metadata is what the lines above the body say about the article.
type metadata struct {
	headline, byline, published string
}

// findMetadata looks above the first body line for the byline, the date
// and the headline (the title-like line nearest the body), relabels those
// lines, and calls the unexplained lines between headline and body
// captions.
func findMetadata(lines []textseg.Line, labels []noise.Label) metadata {
	var m metadata
	first := -1
	for i, l := range labels {
		if l.Kind == noise.Unspecified && lines[i].Text != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return m
	}
	headline := -1
	for i := first - 1; i >= 0 && i >= first-metaWindow; i-- {
		text := lines[i].Text
		if m.byline == "" {
			if by, date, ok := parseByline(text); ok {
				m.byline = by
				if m.published == "" {
					m.published = date
				}
				labels[i] = noise.Label{Kind: noise.Byline, Rule: "byline-prefix"}
				continue
			}
		}
		if d := parseDateLine(text); d != "" {
			if m.published == "" {
				m.published = d
			}
			labels[i] = noise.Label{Kind: noise.Dateline, Rule: "date-line"}
			continue
		}
		if noise.IsNoiseRule(labels[i].Rule) || lines[i].Bullet != "" {
			continue
		}
		if isTitleLike(text) {
			headline = i
			break
		}
	}
	if headline < 0 {
		return m
	}
	m.headline = lines[headline].Text
	labels[headline] = noise.Label{Kind: noise.Headline, Rule: "title-line"}
	for i := headline + 1; i < first; i++ {
		if !noise.IsNoiseRule(labels[i].Rule) && labels[i].Kind != noise.Byline && labels[i].Kind != noise.Dateline {
			labels[i] = noise.Label{Kind: noise.Caption, Rule: "pre-body-caption"}
		}
	}
	// A date line often sits just above the headline.
	for i := headline - 1; m.published == "" && i >= 0 && i >= headline-3; i-- {
		if d := parseDateLine(lines[i].Text); d != "" {
			m.published = d
			labels[i] = noise.Label{Kind: noise.Dateline, Rule: "date-line"}
		}
	}
	return m
}

// isTitleLike: a headline is a handful of words without a closing full
// stop, not a sentence of a paragraph and not a one-word menu item.
func isTitleLike(s string) bool {
	words := len(strings.Fields(s))
	if words < 2 || words > 30 || utf8.RuneCountInString(s) > 250 {
		return false
	}
	// A trailing "(Photo: X)" credit is dropped first: captions end with
	// one after their full stop.
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, "("); i > 0 {
			s = strings.TrimSpace(s[:i])
		}
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, `"'”’»)`))
	if r == '.' || r == ',' || r == ':' || r == ';' || r == '|' {
		return false
	}
	if strings.Contains(s, " | ") {
		return false // "caption | Photo: credit", "Title | Site" menus
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, `"'“‘«(`))
	return unicode.IsUpper(first) || unicode.IsDigit(first)
}

// parseByline reads "By Jane Doe", also fused with a date and a reading
// time ("by The X desk February 22, 2023 12:14 PM 2 min read").
func parseByline(s string) (byline, date string, ok bool) {
	rest, ok := noise.TrimBylinePrefix(s)
	if !ok || rest == "" {
		return "", "", false
	}
	rest, _ = noise.CutReadingTime(rest)
	if len(strings.Fields(rest)) > 20 {
		return "", "", false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) {
		return "", "", false
	}
	byline = rest
	if hasDateShape(rest) {
		for _, k := range noise.WordStarts(rest)[1:] {
			if d := parseDate(rest[k:]); d != "" {
				byline, date = rest[:k], d
				break
			}
		}
	}
	byline = strings.TrimRight(strings.TrimSpace(byline), " ,|·•-–—")
	return byline, date, byline != ""
}

// parseDateLine returns the ISO date of a line that is (almost) only a
// date, after a "Published"-style prefix and a reading time are removed.
func parseDateLine(s string) string {
	if !hasDateShape(s) {
		return ""
	}
	s = noise.TrimDatePrefix(s)
	s, _ = noise.CutReadingTime(s)
	if len(strings.Fields(s)) > 8 {
		return ""
	}
	return parseDate(s)
}

// yearOrNumericDate guards the date parser: a publication date names a
// year or is written with digits ("22.02.2023", "2023-02-22"), so
// relative phrases ("today", "2 min read") never count.
var yearOrNumericDate = regexp.MustCompile(`(^|\D)(19|20)\d\d(\D|$)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}`)

func hasDateShape(s string) bool { return yearOrNumericDate.MatchString(s) }

// dateConfig asks for the time of day when the text has one.
var dateConfig = &dps.Configuration{ReturnTimeAsPeriod: true}

// parseDate normalises a date string to ISO 8601: "2006-01-02", or
// "2006-01-02T15:04:05" when a time of day is given. Month- or
// year-only dates are not publication dates and give "".
func parseDate(s string) string {
	s = strings.Trim(s, " \t,.|·•-–—()[]")
	if !hasDateShape(s) {
		return ""
	}
	d, err := dps.Parse(dateConfig, s)
	if err != nil || d.IsZero() {
		return ""
	}
	switch {
	case d.Period.IsTime():
		return d.Time.Format("2006-01-02T15:04:05")
	case d.Period != date.Day:
		return ""
	}
	return d.Time.Format("2006-01-02")
}
