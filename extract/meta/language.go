package meta

import "strings"

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
