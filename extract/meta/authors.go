package meta

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/boilerstrip/boilerstrip/extract/internal/space"
)

// pickAuthors returns the authors from the most trusted source that has
// any, each entry cleaned; an entry may still hold several names when the
// page wrote them as one string (see splitAuthors).
func pickAuthors(s *signals, ld ldFacts) []string {
	sources := [][]string{
		ld.authors,
		s.multi["author"],
		metaNames(s.multi["article:author"]),
		metaNames(s.multi["og:article:author"]),
		s.multi["parsely-author"],
		s.multi["sailthru.author"],
		s.multi["dc.creator"],
		s.multi["dcterms.creator"],
		s.multi["citation_author"],
		s.itemAuthors,
		s.relAuthors,
		s.classByline,
	}
	if v := s.meta["byl"]; v != "" {
		sources = append(sources[:1], append([][]string{{v}}, sources[1:]...)...)
	}
	// A source naming only the site (the publisher filled in as author)
	// gives way to a later source that names someone else; on a personal
	// site, whose name is its author's, nothing else names anyone and the
	// site's name stands.
	sites := siteNames(s, ld)
	var fallback []string
	for _, src := range sources {
		var out []string
		for _, raw := range src {
			if a := cleanAuthor(raw); a != "" && !contains(out, a) {
				out = append(out, a)
			}
		}
		if len(out) == 0 {
			continue
		}
		if !allNameSite(out, sites) {
			return out
		}
		if fallback == nil {
			fallback = out
		}
	}
	return fallback
}

// allNameSite reports whether every author names the site (NamesSite,
// against any name the site goes by).
func allNameSite(authors, sites []string) bool {
	for _, a := range authors {
		if !NamesSite(a, "") && !slices.ContainsFunc(sites, func(n string) bool { return NamesSite(a, n) }) {
			return false
		}
	}
	return true
}

// metaNames keeps the values that are names, not profile URLs.
func metaNames(vals []string) []string {
	var out []string
	for _, v := range vals {
		if !looksLikeURL(v) {
			out = append(out, v)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// joinAuthors is the byline string: the authors joined with "; ".
func joinAuthors(authors []string) string {
	return strings.Join(authors, "; ")
}

var (
	emailRe   = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.-]+`)
	urlRe     = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+`)
	handleRe  = regexp.MustCompile(`(^|\s)@\w+`)
	dateTail  = regexp.MustCompile(`(?i)(\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}\.?\s+(jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\.\s*(januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)|\b(19|20)\d{2}\b|\b\d{1,2}:\d{2}\b)`)
	separator = regexp.MustCompile(`\s+[|–—·•]\s+|\s+-\s+|\s*\|\s*|\s*\n\s*`)
)

// CleanByline cleans a byline found by another stage (for example
// readability's) the way page metadata is cleaned; "" when nothing
// name-like is left.
func CleanByline(raw string) string {
	return cleanAuthor(raw)
}

var domainRe = regexp.MustCompile(`(?i)^[\w-]+(\.[\w-]+)*\.[a-z]{2,6}$`)

// NamesSite reports whether byline names the site rather than a person:
// it is a domain name, or the site name in any case and punctuation
// ("THE DAILY EXAMPLE", "Daily-Example"). A byline that merely mentions
// the site ("Ann Lee, Daily Example") names a person.
func NamesSite(byline, siteName string) bool {
	b := strings.TrimSpace(byline)
	if b == "" {
		return false
	}
	if domainRe.MatchString(b) {
		return true
	}
	if strings.EqualFold(b, strings.TrimSpace(siteName)) {
		return true // also for names without ASCII letters, which alnum drops
	}
	n := alnum(strings.ToLower(b))
	return n != "" && n == alnum(strings.ToLower(siteName))
}

// bylineSiteTail is the separator before a byline's last part: "Ann Lee,
// Daily Example", "Ann Lee | example.org".
var bylineSiteTail = regexp.MustCompile(`\s*,\s*|\s+[|/–—-]\s+`)

// DropSiteTail removes a last part that names the site (its declared
// name, a domain, the page's host) from a byline that names someone
// before it: "Rob Roe, CNN" on cnn.com is Rob Roe's.
func DropSiteTail(byline, siteName, pageURL string) string {
	locs := bylineSiteTail.FindAllStringIndex(byline, -1)
	if len(locs) == 0 {
		return byline
	}
	last := locs[len(locs)-1]
	head, tail := strings.TrimSpace(byline[:last[0]]), strings.TrimSpace(byline[last[1]:])
	if head == "" || tail == "" {
		return byline
	}
	key, label := hostKeys(pageURL)
	if NamesSite(tail, siteName) || key != "" && namesHost(tail, key, label) || initialsOf(tail, head) {
		return head
	}
	return byline
}

// initialsOf says whether tail is the initials of the name head, as
// writers sign their pieces: "Tina Roe, TR".
func initialsOf(tail, head string) bool {
	words := strings.Fields(head)
	if len(words) < 2 || utf8.RuneCountInString(tail) != len(words) {
		return false
	}
	i := 0
	for _, r := range tail {
		first, _ := utf8.DecodeRuneInString(words[i])
		if !unicode.IsUpper(r) || unicode.ToUpper(first) != r {
			return false
		}
		i++
	}
	return true
}

// cleanAuthor turns a raw author string into a clean one: no byline
// prefix, no dates, no job-title or publication tails, no e-mails or
// URLs. It returns "" when nothing name-like is left.
func cleanAuthor(raw string) string {
	s := space.Norm(raw)
	if s == "" || looksLikeURL(s) {
		return ""
	}
	s = emailRe.ReplaceAllString(s, " ")
	s = urlRe.ReplaceAllString(s, " ")
	s = handleRe.ReplaceAllString(s, " ")
	s = strings.Trim(space.Norm(s), " ,;:|-–—[]~•·*")
	if loc := dateTail.FindStringIndex(s); loc != nil {
		s = strings.Trim(s[:loc[0]], " ,;:|-–—(")
	}
	// "Name | Publication", "Name - Staff Writer": keep the first part
	// that is not a job title.
	parts := separator.Split(s, -1)
	s = ""
	for _, p := range parts {
		p = stripBylinePrefix(strings.TrimSpace(p))
		if p != "" && !isJobTitle(p) {
			s = p
			break
		}
	}
	s = stripBylinePrefix(s)
	s = cutBylineTail(s)
	s = stripJobTitleTail(s)
	s = trimLabels(s)
	s = strings.Trim(s, " ,;:|-–—[]~•·*")
	if strings.Count(s, "(") != strings.Count(s, ")") {
		s = strings.Trim(s, "()")
	}
	if !nameLike(s) || looksLikeURL(s) {
		return ""
	}
	return s
}

// trimLabels returns "" when s is nothing but label words ("Posted on",
// "No Author"), and drops short ones ("on", "am", "→") from its end.
func trimLabels(s string) string {
	words := strings.Fields(s)
	all := true
	for _, w := range words {
		if !bylineLabels[strings.ToLower(strings.Trim(w, ".:,"))] {
			all = false
			break
		}
	}
	if all {
		return ""
	}
	for len(words) > 1 {
		w := strings.ToLower(strings.Trim(words[len(words)-1], ".:,"))
		if !bylineLabels[w] || utf8.RuneCountInString(w) > 2 {
			break
		}
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// stripBylinePrefix removes "By", "Von", "Par"… (see data/byline_prefixes.txt).
func stripBylinePrefix(s string) string {
	for changed := true; changed; {
		changed = false
		lower := strings.ToLower(s)
		for _, p := range bylinePrefixes {
			needWords := 0
			if strings.HasSuffix(p, " ?") {
				p, needWords = strings.TrimSuffix(p, " ?"), 2
			}
			if !strings.HasPrefix(lower, p) || len(s) == len(p) {
				continue
			}
			next, _ := utf8.DecodeRuneInString(s[len(p):])
			last, _ := utf8.DecodeLastRuneInString(s[:len(p)])
			glued := unicode.IsUpper(next) && unicode.IsLower(last)
			if next != ' ' && next != ':' && next != '\u00a0' && !glued {
				continue
			}
			rest := strings.TrimLeft(s[len(p):], " :\u00a0")
			if len(strings.Fields(rest)) < needWords {
				continue
			}
			s, changed = rest, true
			break
		}
	}
	return s
}

// cutBylineTail cuts s before the first widget label that follows a name
// (see data/byline_tails.txt): "Frank Hahn Alle Artikel" → "Frank Hahn".
func cutBylineTail(s string) string {
	lower := strings.ToLower(s)
	if len(lower) != len(s) {
		return s // lower-casing moved the bytes: offsets would not carry over
	}
	cut := len(s)
	for _, t := range bylineTails {
		for from := 0; from < cut; {
			i := strings.Index(lower[from:], t)
			if i < 0 {
				break
			}
			i += from
			if i > 0 && i < cut && wordStart(lower, i) && strings.TrimSpace(s[:i]) != "" {
				cut = i
				break
			}
			from = i + 1
		}
	}
	return strings.TrimRight(s[:cut], " ,;:|-–—")
}

// wordStart says whether a word starts at byte i of s: after a space or
// a punctuation mark.
func wordStart(s string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(prev) || unicode.IsPunct(prev)
}

// isJobTitle reports whether s is only a role ("Staff Writer").
func isJobTitle(s string) bool {
	l := strings.ToLower(strings.Trim(s, " .,"))
	for _, t := range jobTitles {
		if l == t {
			return true
		}
	}
	return false
}

// stripJobTitleTail removes ", Staff Writer" and "Staff Writer" tails.
func stripJobTitleTail(s string) string {
	lower := strings.ToLower(s)
	for _, t := range jobTitles {
		if strings.HasSuffix(lower, t) && len(s) > len(t) {
			head := strings.TrimRight(s[:len(s)-len(t)], " ")
			if strings.HasSuffix(head, ",") || (strings.Contains(t, " ") && len(strings.Fields(head)) >= 2) {
				return strings.TrimRight(head, " ,")
			}
		}
	}
	return s
}

// nameLike rejects what is clearly not a person or organisation name:
// empty, too long, sentence-like, or mostly digits.
func nameLike(s string) bool {
	if s == "" || len(s) > 120 {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 12 {
		return false
	}
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	return letters >= 2 && digits*3 < letters
}

func looksLikeURL(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.") || strings.HasPrefix(l, "/")
}

// SplitAuthors splits one byline string into names: "A, B and C",
// "A & B", "A; B".
func SplitAuthors(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' })
	var out []string
	for _, f := range fields {
		words := strings.Fields(f)
		start := 0
		for i, w := range words {
			if isConnector(w) && i > start && i < len(words)-1 {
				out = append(out, strings.Join(words[start:i], " "))
				start = i + 1
			}
		}
		if start < len(words) {
			if rest := strings.Join(words[start:], " "); rest != "" {
				if isConnector(words[start]) && start == len(words)-1 {
					continue
				}
				out = append(out, strings.TrimSpace(rest))
			}
		}
	}
	var clean []string
	for _, a := range out {
		if a = strings.TrimSpace(a); a != "" && !isJobTitle(a) {
			clean = append(clean, a)
		}
	}
	return clean
}

// isConnector reports whether w joins two names. One-letter connectors
// ("a", "e", "i", "y") count only in lower case: capitals are initials.
func isConnector(w string) bool {
	l := strings.ToLower(w)
	if utf8.RuneCountInString(w) == 1 && l != w {
		return false
	}
	for _, c := range nameConnectors {
		if l == c {
			return true
		}
	}
	return false
}
