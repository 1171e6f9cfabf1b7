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
		if rest, ok := noise.CutReadingTime(text); ok && strings.Trim(rest, " |·•-–—") == "" {
			// "2 min read" on its own line belongs to the byline block.
			labels[i] = noise.Label{Kind: noise.Byline, Rule: "reading-time"}
			continue
		}
		if d := parseDateLine(text); d != "" {
			if m.published == "" {
				m.published = d
			}
			labels[i] = noise.Label{Kind: noise.Dateline, Rule: "date-line"}
			continue
		}
		if m.byline == "" {
			if name, d := splitNameDate(text); name != "" {
				m.byline = name
				if m.published == "" {
					m.published = d
				}
				labels[i] = noise.Label{Kind: noise.Byline, Rule: "name-date-line"}
				continue
			}
		}
		if isDateish(text) && labels[i].Kind != noise.Caption {
			// A meta line the parser cannot read whole ("Posted on 28. Juli
			// 2019 by X"): take the date it contains, keep looking for the
			// headline above.
			if d := findDateIn(text); d != "" {
				if m.published == "" {
					m.published = d
				}
				labels[i] = noise.Label{Kind: noise.Dateline, Rule: "date-in-line"}
				continue
			}
		}
		// A run of short lines is no reason to skip a line here: date,
		// headline and byline are short lines in a row.
		noisy := noise.IsNoiseRule(labels[i].Rule) && labels[i].Rule != "short-line-run"
		if noisy || lines[i].Bullet != "" || labels[i].Kind == noise.Caption || isDateish(text) {
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

// isDateish spots the meta lines around a headline that the date parser
// could not read ("Posted on 28. Juli 2019 by X", "27.01.2020 Startseite"):
// a date prefix word, or a year or numeric date in a short line. This
// also passes over headlines naming a year; on the trafilatura dumps it
// still finds more headlines (281 of 845 exact) than numeric dates only
// (266).
func isDateish(s string) bool {
	if noise.TrimDatePrefix(s) != s {
		return true
	}
	return hasDateShape(s) && len(strings.Fields(s)) <= 12
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
	if date != "" {
		// "Jane Roe | Updated April 3": the separator ends the names.
		if i := strings.IndexAny(byline, "|·•"); i > 0 {
			byline = byline[:i]
		}
	}
	byline = strings.TrimRight(strings.TrimSpace(byline), " ,|·•-–—")
	return byline, date, byline != ""
}

// dateInText finds the usual written shapes of a date inside a line:
// "28. Juli 2019", "28 July 2019", "July 28, 2019", "28.07.2019",
// "2019-07-28"; one regexp, compiled once, so only the match is parsed.
var dateInText = regexp.MustCompile(`(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d|\d{1,2}\.?\s\p{L}{3,}\.?,?\s(?:19|20)\d\d|\p{L}{3,}\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s(?:19|20)\d\d)\b`)

// findDateIn returns the ISO date of the first date-shaped part of s.
func findDateIn(s string) string {
	for _, m := range dateInText.FindAllString(s, 3) {
		if d := parseDate(m); d != "" {
			return d
		}
	}
	return ""
}

// splitNameDate reads "Jane Roe February 22, 2023" or "Jane Roe | 22.02.2023":
// a short run of capitalised words followed by a date.
func splitNameDate(s string) (name, date string) {
	if !hasDateShape(s) || len(strings.Fields(s)) > 14 {
		return "", ""
	}
	starts := noise.WordStarts(s)
	for n, k := range starts {
		if n < 2 || n > 5 {
			continue
		}
		d := parseDate(s[k:])
		if d == "" {
			continue
		}
		name = strings.TrimRight(strings.TrimSpace(s[:k]), " ,|·•-–—/")
		for _, w := range strings.Fields(name) {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) {
				return "", ""
			}
		}
		if len(strings.Fields(name)) < 2 {
			return "", ""
		}
		return name, d
	}
	return "", ""
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

// numericDate is a day, month and year written with digits.
var numericDate = regexp.MustCompile(`\d{1,4}[./-]\d{1,2}[./-]\d{1,4}`)

// hasMonth reports whether s names its month, in words or as the middle
// of a numeric date; otherwise the parser would fill in the current
// month ("18, 2022").
func hasMonth(s string) bool {
	if numericDate.MatchString(s) {
		return true
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// dateConfig asks for the time of day when the text has one. The
// languages are those of our lexicons plus a few neighbours: letting the
// parser try all its 200 locales costs several milliseconds a line.
var dateConfig = &dps.Configuration{
	ReturnTimeAsPeriod: true,
	Languages:          []string{"en", "de", "fr", "es", "it", "pt", "pl", "ru", "uk", "nl"},
}

// maxDateRunes bounds what is handed to the date parser: a date with its
// time and zone fits, a caption does not.
const maxDateRunes = 48

// parseDate normalises a date string to ISO 8601: "2006-01-02", or
// "2006-01-02T15:04:05" when a time of day is given. Month- or
// year-only dates are not publication dates and give "".
func parseDate(s string) string {
	s = strings.Trim(s, " \t,.|·•-–—()[]")
	if !hasDateShape(s) || !hasMonth(s) || utf8.RuneCountInString(s) > maxDateRunes {
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
