// Package space normalises white space in text the engine compares or
// keeps, the way strings.Fields does.
package space

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Norm collapses runs of white space to one space and trims the ends,
// like strings.Join(strings.Fields(s), " "), which it replaces because it
// runs on every text the engine compares or keeps: most are already
// normal and come back without an allocation, the rest are rebuilt in one
// pass instead of a slice of words plus a join.
func Norm(s string) string {
	if isNorm(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false // a space is owed before the next word
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			pending = b.Len() > 0
		} else {
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			// The bytes as they were: invalid UTF-8 stays as is, as
			// strings.Fields keeps it.
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isNorm reports whether s is already what Norm makes of it:
// no white space but single ASCII spaces between words.
func isNorm(s string) bool {
	prevSpace := true // a leading space is not normal
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < utf8.RuneSelf:
			if asciiSpace[c] {
				return false
			}
			prevSpace = false
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += size - 1
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// asciiSpace marks the ASCII white space other than ' ' (unicode.IsSpace).
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true}
