package htmldom

import "testing"

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
