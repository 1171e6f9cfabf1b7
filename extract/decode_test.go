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
