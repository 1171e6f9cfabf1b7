package extract

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets feed untrusted bytes to each entry point and check the
// invariants every caller relies on: no panic, an answer in bounded time,
// valid UTF-8 out, and for text input offsets inside the input.

func seedPages(f *testing.F) {
	f.Helper()
	if b, err := os.ReadFile("../testdata/pages/valley-rain.html"); err == nil {
		f.Add(string(b))
	}
	for _, s := range []string{
		"", "<", "<p>", "<html><body><p>Hello</p></body></html>",
		"<div><div><div>deep</div></div></div>", strings.Repeat("<div>", 600) + "x",
		"<table><tr><td><p>cell</table>", "<svg><foreignObject><p>x</svg>", "<!--", "<script>alert(1)",
		"<meta charset=\"shift_jis\"><p>\x82\xa0</p>", "\xef\xbb\xbf<p>bom</p>", "<a href=\"javascript:x\">l</a>",
		"Skip to content\n\nRain returns\n\nAfter four months.", "\x00\x00\x00", "line\r\nline\r\n\r\n",
	} {
		f.Add(s)
	}
}

func fuzzContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func FuzzExtractHTML(f *testing.F) {
	seedPages(f)
	f.Fuzz(func(t *testing.T, page string) {
		if page == "" {
			return
		}
		res, err := Extract(fuzzContext(t), Input{HTML: page}, Options{Format: FormatHTML})
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		if !utf8.ValidString(res.Article.Body) && utf8.ValidString(page) {
			t.Errorf("body is not valid UTF-8: %q", res.Article.Body)
		}
		// Offsets index the page as sent and start at an element's tag.
		for _, sp := range res.Removed {
			if sp.End == 0 {
				continue
			}
			if sp.Start < 0 || sp.End > len(page) || sp.Start >= sp.End || page[sp.Start] != '<' {
				t.Errorf("span %s %s at %d:%d does not start at a tag of the %d-byte page", sp.Kind, sp.Rule, sp.Start, sp.End, len(page))
			}
		}
	})
}

func FuzzExtractText(f *testing.F) {
	seedPages(f)
	f.Fuzz(func(t *testing.T, text string) {
		if text == "" {
			return
		}
		res, err := Extract(fuzzContext(t), Input{Text: text}, Options{})
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		for _, s := range res.BodySpans {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("body span %v outside the %d-byte input", s, len(text))
			}
		}
		for _, r := range res.Removed {
			if r.Start < 0 || r.End > len(text) || r.Start > r.End {
				t.Fatalf("removed span %d-%d outside the %d-byte input", r.Start, r.End, len(text))
			}
		}
	})
}

func FuzzDecode(f *testing.F) {
	for _, ct := range []string{"", "text/html", "text/plain", "text/html; charset=windows-1251", "text/plain; charset=shift_jis", "text/html; charset=utf-16le", "application/xhtml+xml"} {
		f.Add([]byte("<meta charset=\"euc-kr\"><p>\xb0\xa1</p>"), ct)
		f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), ct)
	}
	f.Add([]byte("plain text \x80\x81"), "")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		s, kind, err := Decode(raw, contentType)
		if err != nil {
			return // a bad content type or charset is the caller's error, not a crash
		}
		if kind != InputHTML && kind != InputText {
			t.Fatalf("kind = %v", kind)
		}
		if !utf8.ValidString(s) {
			// The decoders replace bad bytes with U+FFFD; only valid
			// UTF-8 passed through as-is may reach here unchanged.
			t.Fatalf("decoded text is not valid UTF-8: %q", s)
		}
	})
}
