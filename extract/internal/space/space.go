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
	WriteWords(&b, s)
	return b.String()
}

// WriteWords writes the white-space separated words of s to b, as
// strings.Fields splits them, each after a space unless b is empty:
// Norm of several texts joined, without the joined copy. Words are copied
// whole, not rune by rune: only white space and non-ASCII bytes need a
// closer look.
func WriteWords(b *strings.Builder, s string) {
	word := -1 // start of the word being read
	for i := 0; i < len(s); {
		c, size := s[i], 1
		var isSpace bool
		if c < utf8.RuneSelf {
			isSpace = c == ' ' || asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		switch {
		case isSpace && word >= 0:
			writeWord(b, s[word:i])
			word = -1
		case !isSpace && word < 0:
			word = i
		}
		i += size
	}
	if word >= 0 {
		writeWord(b, s[word:])
	}
}

// writeWord appends w, after a space when a word came before it. The
// bytes stay as they were: invalid UTF-8 stays as is, as strings.Fields
// keeps it.
func writeWord(b *strings.Builder, w string) {
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(w)
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
