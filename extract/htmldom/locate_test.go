package htmldom

import (
	"strings"
	"testing"
)

var rawTags = []string{
	`<div class="a b" id=x>`,
	`<DIV CLASS='share' ID = "main"/>`,
	`<p id=one class=two>`,
	`<a href="?a=1&amp;b=2" class="link">`,
	`<span class="a &amp; b">`,
	`<div =id class=x>`,
	`<div / id=y class=>`,
	`<div id="x" id="y" Class=z class=w>`,
	`<div class="unterminated>`,
	`<div class=x`,
	`<img src=a.png/>`,
	"<div\tclass=\"a\r\nb\">",
	"<div class=\"x\x00\">",
	`<div class = >`,
}

// TestTagIDClassAgreesWithTokenizer checks the allocation-free reader
// against html.Tokenizer: whenever it answers, the answer is the
// tokenizer's.
func TestTagIDClassAgreesWithTokenizer(t *testing.T) {
	for _, raw := range rawTags {
		checkTagIDClass(t, raw)
	}
	// The fast path must answer plain tags, or it saves nothing.
	if id, class, ok := tagIDClass(`<div class="a b" id=x>`); !ok || id != "x" || class != "a b" {
		t.Errorf("plain tag: got %q %q %v", id, class, ok)
	}
}

func checkTagIDClass(t *testing.T, raw string) {
	t.Helper()
	id, class, ok := tagIDClass(raw)
	if !ok {
		return
	}
	wid, wclass, wok := tokenizeIDClass(raw)
	if !wok || id != wid || class != wclass {
		t.Fatalf("tagIDClass(%q) = %q %q, tokenizer %q %q %v", raw, id, class, wid, wclass, wok)
	}
}

func FuzzTagIDClass(f *testing.F) {
	for _, raw := range rawTags {
		f.Add(raw[2:])
	}
	f.Fuzz(func(t *testing.T, rest string) {
		checkTagIDClass(t, "<d"+rest)
	})
}

// readAttrsByByte is the straightforward readAttrs, comparing byte by
// byte.
func readAttrsByByte(src string, i int) (int, int, bool) {
	n := 0
	for i < len(src) {
		c := src[i]
		switch c {
		case ' ', '\t', '\n', '\r', '\f':
			i++
			continue
		case '>':
			return i + 1, n, i > 0 && src[i-1] == '/'
		case '/':
			i++
			continue
		}
		// Attribute name: up to whitespace, '/', '>' or '=' (a leading
		// '=' belongs to the name).
		n++
		i++
		for i < len(src) {
			c := src[i]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>' || c == '=' {
				break
			}
			i++
		}
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == '\f') {
			i++
		}
		if i >= len(src) || src[i] != '=' {
			continue
		}
		i++
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == '\f') {
			i++
		}
		if i < len(src) && (src[i] == '"' || src[i] == '\'') {
			q := src[i]
			k := strings.IndexByte(src[i+1:], q)
			if k < 0 {
				return len(src), n, false
			}
			i += 1 + k + 1
			continue
		}
		for i < len(src) {
			c := src[i]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '>' {
				break
			}
			i++
		}
	}
	return len(src), n, false
}

// checkReadAttrs compares readAttrs with readAttrsByByte from every
// offset of src.
func checkReadAttrs(t *testing.T, src string) {
	t.Helper()
	for i := 0; i <= len(src); i++ {
		end, n, self := readAttrs(src, i)
		wend, wn, wself := readAttrsByByte(src, i)
		if end != wend || n != wn || self != wself {
			t.Fatalf("readAttrs(%q, %d) = %d %d %v, want %d %d %v", src, i, end, n, self, wend, wn, wself)
		}
	}
}

func TestReadAttrsMatchesByteByByte(t *testing.T) {
	for _, raw := range rawTags {
		checkReadAttrs(t, raw)
	}
	checkReadAttrs(t, strings.Join(rawTags, "text\n"))
}

func FuzzReadAttrs(f *testing.F) {
	for _, raw := range rawTags {
		f.Add(raw)
	}
	f.Fuzz(checkReadAttrs)
}
