package meta

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/internal/space"
)

// titleSeparator splits "Headline | Site", "Headline - Site" and kin.
var titleSeparator = regexp.MustCompile(`\s+[|–—·•»«:/\\-]\s+|\s*\|\s*|\s+::\s+`)

// pickTitle is the headline: the article's own title without a site-name
// suffix or prefix. The page's structured headline (og:title, JSON-LD)
// comes first, then <title>, then the first <h1>.
func pickTitle(s *signals, ld ldFacts) string {
	site := siteNames(s, ld)
	return stripSiteName(rawTitle(s, ld), site, s.h1)
}

// rawTitle is the first structured title the page gives, as written.
func rawTitle(s *signals, ld ldFacts) string {
	cands := []string{s.meta["og:title"], s.meta["twitter:title"]}
	if ld.isArticle {
		cands = append([]string{ld.headline}, cands...)
	}
	cands = append(cands, s.meta["dc.title"], s.meta["citation_title"], s.meta["parsely-title"], s.meta["sailthru.title"], s.title)
	if len(s.h1) > 0 {
		cands = append(cands, s.h1[0])
	}
	for _, c := range cands {
		if c = space.Norm(c); c != "" {
			return c
		}
	}
	return ""
}

// siteNames lists the lower-cased names the site goes by.
func siteNames(s *signals, ld ldFacts) []string {
	var out []string
	for _, v := range []string{s.meta["og:site_name"], ld.publisher, s.meta["application-name"], s.meta["apple-mobile-web-app-title"], s.meta["twitter:site"]} {
		if v = strings.ToLower(strings.TrimPrefix(space.Norm(v), "@")); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// stripSiteName removes a separator and a site name from either end of t.
// A part counts as the site name when it matches a known site name, or
// when it is short while the other part is long and an <h1> agrees with
// the other part.
func stripSiteName(t string, site []string, h1 []string) string {
	locs := titleSeparator.FindAllStringIndex(t, -1)
	if len(locs) == 0 {
		return t
	}
	// The visible headline at either end, the rest behind a separator.
	for _, loc := range locs {
		if matchesH1(strings.TrimSpace(t[:loc[0]]), h1) || matchesH1(strings.TrimSpace(t[loc[1]:]), h1) {
			if matchesH1(strings.TrimSpace(t[:loc[0]]), h1) {
				return strings.TrimSpace(t[:loc[0]])
			}
			return strings.TrimSpace(t[loc[1]:])
		}
	}
	// Suffix: the text after the last separator.
	last := locs[len(locs)-1]
	head, tail := strings.TrimSpace(t[:last[0]]), strings.TrimSpace(t[last[1]:])
	if isSiteName(tail, site) || (matchesH1(head, h1) && !matchesH1(t, h1)) {
		return stripSiteName(head, site, h1)
	}
	// Prefix: the text before the first separator.
	first := locs[0]
	head, tail = strings.TrimSpace(t[:first[0]]), strings.TrimSpace(t[first[1]:])
	if isSiteName(head, site) || (matchesH1(tail, h1) && !matchesH1(t, h1)) {
		return stripSiteName(tail, site, h1)
	}
	return t
}

func isSiteName(part string, site []string) bool {
	p := strings.ToLower(strings.TrimSpace(part))
	if p == "" {
		return false
	}
	for _, s := range site {
		if p == s || strings.Contains(s, p) && len(p) > 3 || strings.Contains(p, s) && len(s) > 3 && len(p) < len(s)+12 {
			return true
		}
	}
	return false
}

func matchesH1(part string, h1 []string) bool {
	for _, h := range h1 {
		if h != "" && strings.EqualFold(h, part) {
			return true
		}
	}
	return false
}

// StripHostName removes a separator and the part beside it from either
// end of a title when that part names the page's host: "CDPATH
// replacements - anarcat" on anarc.at, "La voix des nuls | ARTE Radio" on
// arteradio.com. Pages often declare no site name, but the address always
// says whose site it is. A part names the host when, as letters and
// digits, it lies within the host name (without "www.") and is nearly as
// long as the host's longest label, so that a word the host merely
// contains ("Coronavirus" on coronavirus-news.com) stays.
//
// A part that is, whole, the site name the page declares (og:site_name,
// the JSON-LD publisher) goes too: "Good article title | TechCrunch"
// with og:site_name TechCrunch.
func StripHostName(t, pageURL, siteName string) string {
	key, label := hostKeys(pageURL)
	site := strings.ToLower(space.Norm(siteName))
	if key == "" && site == "" {
		return t
	}
	names := func(part string) bool {
		return (key != "" && namesHost(part, key, label)) ||
			(site != "" && strings.ToLower(space.Norm(part)) == site)
	}
	for {
		locs := titleSeparator.FindAllStringIndex(t, -1)
		if len(locs) == 0 {
			return t
		}
		last, first := locs[len(locs)-1], locs[0]
		switch {
		case names(t[last[1]:]) && strings.TrimSpace(t[:last[0]]) != "":
			t = strings.TrimSpace(t[:last[0]])
		case names(t[:first[0]]) && strings.TrimSpace(t[first[1]:]) != "":
			t = strings.TrimSpace(t[first[1]:])
		default:
			// "Headline - Site - Its tagline": a middle part naming the
			// site ends the headline.
			for i := 1; i < len(locs); i++ {
				if names(t[locs[i-1][1]:locs[i][0]]) && strings.TrimSpace(t[:locs[i-1][0]]) != "" {
					return strings.TrimSpace(t[:locs[i-1][0]])
				}
			}
			return t
		}
	}
}

// hostKeys gives the page's host as lower-case letters and digits
// ("anarc.at" → "anarcat") and its longest label but the top-level one
// ("anarc"); both are "" without a host.
func hostKeys(pageURL string) (key, label string) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return "", ""
	}
	labels := strings.Split(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), ".")
	if len(labels) < 2 {
		return "", ""
	}
	for _, l := range labels[:len(labels)-1] {
		if l = alnum(l); len(l) > len(label) {
			label = l
		}
	}
	return alnum(strings.Join(labels, "")), label
}

func namesHost(part, key, label string) bool {
	p := alnum(strings.ToLower(part))
	return len(p) >= 4 && len(p) >= len(label)-2 && strings.Contains(key, p)
}

// alnum keeps the ASCII letters and digits of a lower-case string.
func alnum(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}
