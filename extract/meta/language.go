package meta

import (
	"strings"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// pickLanguage is the page's declared language as an ISO 639-1 code:
// JSON-LD inLanguage, then <html lang>, og:locale, Content-Language.
func pickLanguage(s *signals, ld ldFacts) string {
	for _, v := range []string{ld.language, s.lang, s.meta["og:locale"], s.meta["content-language"], s.meta["dc.language"], s.meta["language"]} {
		if c := isoCode(v); c != "" {
			return c
		}
	}
	return ""
}

// isoCode reduces "en-US", "de_DE", "fr" to a two-letter code.
func isoCode(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if i := strings.IndexAny(v, "-_ ,;"); i >= 0 {
		v = v[:i]
	}
	if len(v) != 2 || v[0] < 'a' || v[0] > 'z' || v[1] < 'a' || v[1] > 'z' {
		return ""
	}
	return v
}

// guessDateLanguage is the language the date parser should read the page
// in when the page declares none: the detector's verdict on the page's
// first paragraphs, else on its title, description and headings. Without
// it the parser tries all of its 200 locales on every date-like text,
// which made a page without a lang attribute cost 2.5 times as much as
// the same page with one (8 ms against 3 ms on a synthetic page with
// numbers in its headline). An unsure verdict gives "": every locale, as
// before, since a wrong language would lose the date (a one-word Russian
// title reads as Serbian).
func guessDateLanguage(s *signals) string {
	// Each text on its own: mixing them can turn two clear verdicts into
	// one unsure one (a title with function words plus a list of nouns).
	if l := s.detectProseLanguage(); l != "" {
		return l
	}
	// Built only now: the prose usually decides.
	var b strings.Builder
	b.WriteString(s.title)
	for _, v := range []string{s.meta["description"], s.meta["og:description"], s.meta["og:title"]} {
		b.WriteByte(' ')
		b.WriteString(v)
	}
	for _, h := range s.h1 {
		b.WriteByte(' ')
		b.WriteString(h)
	}
	if info := whatlanggo.Detect(b.String()); info.IsReliable() {
		return info.Lang.Iso6391()
	}
	return ""
}

// detectProseLanguage is the detector's verdict on the page's first
// paragraphs, "" when unsure. It remembers the verdict in s.proseLanguage,
// which Read passes on so that the body's language need not be detected a
// second time.
func (s *signals) detectProseLanguage() string {
	text := s.prose.String()
	// The last paragraph collected can be long; the detector's cost grows
	// with the text and its verdict settles well within proseSample.
	if len(text) > proseSample {
		cut := proseSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if info := whatlanggo.Detect(text); info.IsReliable() {
		s.proseLanguage = info.Lang.Iso6391()
	}
	return s.proseLanguage
}
