package extract

import (
	"regexp"

	"bytes"
	"fmt"
	"golang.org/x/text/encoding"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// sniffLen is how much of a document is inspected to decide HTML or text
// and to find a <meta charset>; browsers look at the first 1024 bytes for
// the charset, we look a little further for markup.
const sniffLen = 4096

// Decode turns raw bytes into a UTF-8 string the way a browser does: BOM,
// then the content type's charset, then <meta charset>, then detection
// (golang.org/x/net/html/charset). It also says whether the document is
// HTML or plain text: from the content type when given, by sniffing the
// first bytes otherwise.
func Decode(raw []byte, contentType string) (string, InputKind, error) {
	kind := InputUnknown
	if contentType != "" {
		mt, _, err := mime.ParseMediaType(contentType)
		if err != nil {
			return "", InputUnknown, fmt.Errorf("content_type %q: %w", contentType, err)
		}
		switch {
		case mt == "text/html" || mt == "application/xhtml+xml" || strings.HasSuffix(mt, "+xml") && strings.Contains(mt, "html"):
			kind = InputHTML
		case strings.HasPrefix(mt, "text/"):
			kind = InputText
		}
	}
	if kind == InputUnknown {
		kind = sniffKind(raw)
	}
	if kind == InputText {
		// No meta tags in text: BOM, declared charset, then UTF-8 when
		// valid, else the detector's guess.
		if !declaresCharset(contentType) && utf8.Valid(raw) {
			return strings.TrimPrefix(string(raw), "\ufeff"), kind, nil
		}
	}
	if kind == InputHTML {
		if !declaresCharset(contentType) && utf8Text(raw) {
			return strings.TrimPrefix(string(raw), "\ufeff"), kind, nil
		}
		if e, ok := lateHTMLEncoding(raw, contentType); ok {
			if e == nil { // UTF-8
				return strings.TrimPrefix(string(raw), "\ufeff"), kind, nil
			}
			out, err := e.NewDecoder().Bytes(raw)
			if err != nil {
				return "", kind, fmt.Errorf("decode charset: %w", err)
			}
			return string(out), kind, nil
		}
	}
	r, err := charset.NewReader(bytes.NewReader(raw), contentType)
	if err != nil {
		return "", kind, fmt.Errorf("decode charset: %w", err)
	}
	var b bytes.Buffer
	b.Grow(len(raw))
	if _, err := b.ReadFrom(r); err != nil {
		return "", kind, fmt.Errorf("decode charset: %w", err)
	}
	// When the charset is (or is guessed to be) UTF-8, the reader passes
	// the bytes through unchecked; stray invalid bytes would then reach a
	// proto string field and fail the whole response. Replace them the way
	// a browser does.
	return strings.ToValidUTF8(b.String(), "\uFFFD"), kind, nil
}

// declaresCharset reports whether the content type names a charset, which
// outranks anything the page says about itself.
func declaresCharset(contentType string) bool {
	return strings.Contains(strings.ToLower(contentType), "charset")
}

// utf8Text reports whether raw is valid UTF-8 with at least one multi-byte
// sequence. Such a page is read as UTF-8 whatever its <meta> declares: a
// scraper rarely forwards the HTTP header that made browsers read it
// right, and text in a legacy charset is almost never valid UTF-8 by
// chance. Pure ASCII is left to the declaration, since 7-bit encodings
// such as ISO-2022-JP are ASCII bytes. On the readability set this mends
// a UTF-8 page declared gb2312 (token F1 0.975 → 0.982); the trafilatura
// set is unchanged (go test ./extract -run TestQualityCorpus -v).
func utf8Text(raw []byte) bool {
	for i, b := range raw {
		if b >= utf8.RuneSelf {
			return utf8.Valid(raw[i:])
		}
	}
	return false
}

// sniffKind decides HTML or text from the leading bytes: markup near the
// start means HTML.
func sniffKind(raw []byte) InputKind {
	head := raw
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	head = bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	for _, tag := range []string{"<!doctype html", "<!--", "<?xml"} {
		if bytes.HasPrefix(head, []byte(tag)) {
			return InputHTML
		}
	}
	// A document that opens with an element HTML knows is HTML: a list of
	// the usual first tags missed a page opening with 5 KB of <style>
	// (trafilatura corpus), which was then read as text.
	if leadingElement(head) {
		return InputHTML
	}
	for _, tag := range []string{"<html", "<body", "<head", "<div", "<p>", "<br>", "<meta "} {
		if bytes.Contains(head, []byte(tag)) {
			return InputHTML
		}
	}
	return InputText
}

// leadingElement reports whether head (lower-cased) opens with the start
// tag of an element the HTML parser knows: "<style>", "<link rel=…>",
// "<br/>", but not "<3" or "<see below>".
func leadingElement(head []byte) bool {
	if len(head) < 2 || head[0] != '<' {
		return false
	}
	end := 1
	for end < len(head) && (head[end] >= 'a' && head[end] <= 'z' || end > 1 && head[end] >= '0' && head[end] <= '9') {
		end++
	}
	if end == 1 || end < len(head) && !isTagEnd(head[end]) {
		return false
	}
	return atom.Lookup(head[1:end]) != 0
}

func isTagEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// metaScanLen is how far lateHTMLEncoding looks for a <meta charset>.
// The prescan of golang.org/x/net/html/charset stops at 1024 bytes, as the
// HTML spec's prescan does; browsers then still switch to a charset
// declared later in <head> (the spec's "change the encoding" step). On the
// trafilatura corpus 98 valid UTF-8 pages declared it after byte 1024 and
// were read as windows-1252.
const metaScanLen = 64 << 10

var rxMetaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// lateHTMLEncoding decides the encoding of an HTML page that has no BOM, no
// charset in its content type and no <meta charset> in its first 1024
// bytes: a <meta charset> further into the page, else UTF-8 when the bytes
// are valid UTF-8. ok is false when the usual detection should decide; a
// nil encoding means UTF-8.
func lateHTMLEncoding(raw []byte, contentType string) (enc encoding.Encoding, ok bool) {
	if _, name, certain := charset.DetermineEncoding(raw, contentType); certain || name != "windows-1252" || bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
		return nil, false
	}
	head := raw
	// Only a <meta> declares the charset: a <script charset> in the first
	// 1024 bytes (web.archive.org's toolbar, tag managers) is no
	// declaration, and the prescan's windows-1252 must not stand on it
	// (20 valid UTF-8 trafilatura pages were read as mojibake).
	if len(head) > 1024 && rxMetaCharset.Match(head[:1024]) {
		return nil, false // declared early: the prescan result stands
	}
	if len(head) > metaScanLen {
		head = head[:metaScanLen]
	}
	if m := rxMetaCharset.FindSubmatch(head); m != nil {
		e, name := charset.Lookup(string(m[1]))
		switch {
		case e == nil:
		case name == "utf-8":
			if utf8.Valid(raw) {
				return nil, true
			}
			return e, true
		default:
			return e, true
		}
	}
	if utf8.Valid(raw) {
		return nil, true
	}
	return nil, false
}
