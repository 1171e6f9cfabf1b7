package noise

import "strings"

// field is one whitespace-separated word of a line with its byte range
// and its lexicon token ("" for punctuation only).
type field struct {
	tok        string
	start, end int
}

func fieldsOf(s string) []field {
	// The fields are counted first and each one's tokens go to a buffer
	// on the stack: the byline, date and reading-time checks split every
	// short block of the page this way, and growing the slices was most
	// of their allocations.
	n := 0
	for i := 0; i < len(s); i++ {
		if !isSpaceByte(s[i]) && (i == 0 || isSpaceByte(s[i-1])) {
			n++
		}
	}
	out := make([]field, 0, n)
	var buf [8]string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !isSpaceByte(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks := appendTokens(buf[:0], s[start:i])
			f := field{start: start, end: i}
			if len(toks) > 0 {
				f.tok = strings.Join(toks, " ")
			}
			out = append(out, f)
			start = -1
		}
	}
	return out
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// trimSectionPrefix removes a leading phrase of a lexicon section (any
// language) from s.
func trimSectionPrefix(section, s string) (string, bool) {
	fs := fieldsOf(s)
	best := -1
	for _, byLang := range lexicon.prefixes[section] {
		for _, p := range byLang {
			if len(p) > len(fs) || len(p) <= best {
				continue
			}
			ok := true
			for k, t := range p {
				if fs[k].tok != t {
					ok = false
					break
				}
			}
			if ok {
				best = len(p)
			}
		}
	}
	if best <= 0 {
		return s, false
	}
	return strings.TrimLeft(s[fs[best-1].end:], " \t:,-–—|"), true
}

// TrimBylinePrefix removes a leading "By", "Von", "Par", "Автор"… and
// reports whether there was one.
func TrimBylinePrefix(s string) (string, bool) { return trimSectionPrefix("byline_prefix", s) }

// TrimDatePrefix removes a leading "Published", "Updated", "Veröffentlicht
// am"… from a date line.
func TrimDatePrefix(s string) string {
	out, _ := trimSectionPrefix("date_prefix", s)
	return out
}

// CutReadingTime removes a reading-time note ("2 min read", "5 Minuten
// Lesezeit") and the number before it from s.
func CutReadingTime(s string) (string, bool) {
	fs := fieldsOf(s)
	for _, byLang := range lexicon.prefixes["reading_time"] {
		for _, p := range byLang {
			for i := 0; i+len(p) <= len(fs); i++ {
				ok := true
				for k, t := range p {
					if fs[i+k].tok != t {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				from := fs[i].start
				if i > 0 && isNumber(fs[i-1].tok) {
					from = fs[i-1].start
				}
				return strings.TrimSpace(s[:from] + " " + s[fs[i+len(p)-1].end:]), true
			}
		}
	}
	return s, false
}

func isNumber(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// WordStarts returns the byte offsets where the words of s begin.
func WordStarts(s string) []int {
	fs := fieldsOf(s)
	out := make([]int, len(fs))
	for i, f := range fs {
		out[i] = f.start
	}
	return out
}

// IsNoiseRule reports whether a rule decided from wording, repetition or
// widget structure, not from weak prose alone: such lines are never a
// headline.
func IsNoiseRule(rule string) bool {
	for _, s := range []string{"-lexicon", "-voice", "region-", "repeated-line", "feed-timestamp", "copyright",
		"breadcrumb", "short-line-run", "form-control", "inline-teaser", "caption-before-credit", "server-message"} {
		if strings.Contains(rule, s) {
			return true
		}
	}
	return false
}
