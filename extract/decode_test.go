package extract

import (
	"strings"
	"testing"
)

func TestDecodeLateCharset(t *testing.T) {
	pad := "<!-- " + strings.Repeat("x", 1100) + " -->"
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"utf-8 meta after 1024 bytes", []byte("<html><head>" + pad + `<meta charset="utf-8"></head><body>Grüße</body></html>`), "Grüße"},
		{"no meta, valid utf-8, ascii head", []byte("<html><head>" + pad + "</head><body>naïve café</body></html>"), "naïve café"},
		{"latin-1 meta after 1024 bytes", []byte("<html><head>" + pad + "<meta charset=\"iso-8859-1\"></head><body>Gr\xfc\xdfe</body></html>"), "Grüße"},
		{"invalid utf-8, no meta: windows-1252", []byte("<html><head>" + pad + "</head><body>Gr\xfc\xdfe</body></html>"), "Grüße"},
		{"early script charset is no declaration", []byte(`<html><head><script src="a.js" charset="utf-8"></script>` + pad + `<meta charset="utf-8"></head><body>Grüße</body></html>`), "Grüße"},
		{"early meta wins over invalid utf-8", []byte("<html><head><meta charset=\"windows-1252\">" + pad + "</head><body>\xe2\x80\x93 Gr\xfc\xdfe</body></html>"), "â€“ Grüße"},
		{"valid utf-8 outranks a wrong early meta", []byte("<html><head><meta charset=\"gb2312\">" + pad + "</head><body>Grüße – 你好</body></html>"), "Grüße – 你好"},
		{"ascii bytes follow the meta", []byte("<html><head><meta charset=\"iso-2022-jp\"></head><body>\x1b$B$3$s$K$A$O\x1b(B</body></html>"), "こんにちは"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, kind, err := Decode(tc.raw, "")
			if err != nil {
				t.Fatal(err)
			}
			if kind != InputHTML {
				t.Fatalf("kind %v, want html", kind)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("decoded body does not contain %q: %q", tc.want, got[len(got)-40:])
			}
		})
	}
}

func TestSniffKind(t *testing.T) {
	css := "<style>\n" + strings.Repeat("  .a { opacity: 1; }\n", 300) + "</style>\n<div>x</div>"
	tests := []struct {
		name string
		raw  string
		want InputKind
	}{
		{"doctype", "<!DOCTYPE html><p>x", InputHTML},
		{"comment first", "<!-- generated --><p>x", InputHTML},
		{"long style block first", css, InputHTML},
		{"link first", `<link rel="stylesheet" href="a.css">`, InputHTML},
		{"self-closing br", "<br/>Text after a break", InputHTML},
		{"upper-case tag", "<SECTION class=x>text", InputHTML},
		{"div later in the head", "Some text\n<div>x</div>", InputHTML},
		{"heart", "<3 from all of us\nThanks for reading.", InputText},
		{"angle-bracket aside", "<see below> for the details\nMore text.", InputText},
		{"bare bracket", "< not a tag", InputText},
		{"plain text", "Title\n\nA paragraph of text.", InputText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffKind([]byte(tc.raw)); got != tc.want {
				t.Errorf("sniffKind(%q…) = %v, want %v", tc.raw[:min(len(tc.raw), 30)], got, tc.want)
			}
		})
	}
}
