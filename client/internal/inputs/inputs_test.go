package inputs

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// collect reads one input and returns its documents by id, in order.
func collect(t testing.TB, r *Reader, in string) []Document {
	t.Helper()
	var docs []Document
	if err := r.Read(context.Background(), in, func(d Document) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return docs
}

func write(t testing.TB, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gz(t testing.TB, parts ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, p := range parts {
		zw := gzip.NewWriter(&buf)
		zw.Write(p)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

const jsonl = `{"id": "one", "text": "First document."}
this is not json

{"html": "<p>No id: named after its line.</p>"}
{"id": "four", "raw": "PHA+aGk8L3A+", "contentType": "text/html"}`

func TestJSONL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plain := write(t, filepath.Join(dir, "in.jsonl"), []byte(jsonl))
	zipped := write(t, filepath.Join(dir, "in.jsonl.gz"), gz(t, []byte(jsonl)))
	for _, tc := range []struct {
		name, in, label string
		stdin           []byte
	}{
		{"file", plain, plain, nil},
		{"gzip file", zipped, zipped, nil},
		{"stdin", "-", "-", []byte(jsonl)},
		{"gzip stdin", "-", "-", gz(t, []byte(jsonl))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st := &Stats{}
			docs := collect(t, &Reader{Stdin: bytes.NewReader(tc.stdin), Stats: st}, tc.in)
			if len(docs) != 4 {
				t.Fatalf("%d documents, want 4", len(docs))
			}
			if docs[0].Req.GetId() != "one" || docs[0].Req.GetText() != "First document." || docs[0].Err != nil {
				t.Errorf("doc 1 = %v", docs[0])
			}
			bad := docs[1]
			if bad.Req.GetId() != tc.label+":2" || bad.Err.GetCode() != int32(codes.InvalidArgument) || !strings.Contains(bad.Err.GetMessage(), "line 2") {
				t.Errorf("malformed line = %v, want a failure naming line 2", bad)
			}
			if docs[2].Req.GetId() != tc.label+":4" {
				t.Errorf("id of a request without one = %q, want %s:4", docs[2].Req.GetId(), tc.label)
			}
			if string(docs[3].Req.GetRaw()) != "<p>hi</p>" || docs[3].Req.GetContentType() != "text/html" {
				t.Errorf("doc 4 = %v", docs[3].Req)
			}
			if st.BytesRead.Load() == 0 {
				t.Error("bytes read not counted")
			}
		})
	}
}

func TestDecodeFastAgreesWithProtojson(t *testing.T) {
	t.Parallel()
	for _, line := range []string{
		`{"id":"a","html":"<p>x</p>","url":"https://example.org/","contentType":"text/html"}`,
		`{"id":"b","raw":"PHA+aGk8L3A+","content_type":"text/html; charset=utf-8"}`,
		`{"id":"c","text":"t\u00e9xt\n\nmore","options":{"format":"BODY_FORMAT_MARKDOWN","keepKinds":["NOISE_KIND_CAPTION"]}}`,
		`{"id":"d","text":"x","options":null}`,
		`{"id":"e","html":null,"text":"x"}`,
	} {
		var fast, ref pb.ExtractRequest
		if !decodeFast([]byte(line), &fast) {
			t.Errorf("%s: fast decoder declined a common line", line)
			continue
		}
		if err := protojson.Unmarshal([]byte(line), &ref); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if !proto.Equal(&fast, &ref) {
			t.Errorf("%s: fast %v, protojson %v", line, &fast, &ref)
		}
	}
	// Lines the fast decoder must leave to protojson.
	for _, line := range []string{
		`{"id":"a","html":"x","text":"y"}`,
		`{"id":"a","HTML":"x"}`,
		`{"id":"a","unknown":1}`,
		`{"id":"a","raw":"PHA-aGk8L3A_"}`,
		`{"id":"a","contentType":"a","content_type":"b","text":"x"}`,
		"{\"id\":\"a\xff\",\"text\":\"x\"}",
		`{"id":"a","text":"x"} {"id":"b"}`,
		`{"id":"a","text":"x"`,
	} {
		var r pb.ExtractRequest
		if decodeFast([]byte(line), &r) {
			t.Errorf("%s: fast decoder accepted it", line)
		}
	}
}

func TestJSONLTruncatedGzip(t *testing.T) {
	t.Parallel()
	var lines bytes.Buffer
	for i := range 2000 {
		fmt.Fprintf(&lines, `{"id":"x%d","text":"line %d, %x"}`+"\n", i, i*7919, i*104729)
	}
	data := gz(t, lines.Bytes())
	in := write(t, filepath.Join(t.TempDir(), "cut.jsonl.gz"), data[:len(data)/2])
	docs := collect(t, &Reader{}, in)
	last := docs[len(docs)-1]
	if len(docs) < 2 || last.Err.GetCode() != int32(codes.DataLoss) || !strings.Contains(last.Err.GetMessage(), "line") {
		t.Fatalf("%d documents, last %v; want the whole lines, then a DATA_LOSS failure", len(docs), last)
	}
	for _, d := range docs[:len(docs)-1] {
		if d.Err != nil {
			t.Fatalf("a whole line failed: %v", d)
		}
	}
}

func TestJSONLLineTooLong(t *testing.T) {
	t.Parallel()
	in := write(t, filepath.Join(t.TempDir(), "in.jsonl"),
		[]byte(`{"id":"big","text":"`+strings.Repeat("x", 100<<10)+`"}`+"\n"+`{"id":"small","text":"ok"}`+"\n"))
	docs := collect(t, &Reader{MaxBytes: 100}, in)
	if len(docs) != 2 || docs[0].Err.GetCode() != int32(codes.ResourceExhausted) || docs[1].Req.GetId() != "small" || docs[1].Err != nil {
		t.Errorf("%d documents, want a RESOURCE_EXHAUSTED failure and the small one", len(docs))
	}
}

func TestDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.html"), []byte("<p>A page.</p>"))
	write(t, filepath.Join(dir, "sub", "b.txt.gz"), gz(t, []byte("Some text.\n\nMore text.")))
	write(t, filepath.Join(dir, "sub", "c.HTM"), charmapEncode(t, "<p>Страница</p>"))
	write(t, filepath.Join(dir, "d.txt"), charmapEncode(t, "Текст"))
	write(t, filepath.Join(dir, "skip.json"), []byte("{}"))
	write(t, filepath.Join(dir, "crawl", "x.warc.gz"), gz(t, warcRecord("response", "<urn:uuid:w>", "https://example.org/", "text/html", []byte("<p>From a WARC in the tree.</p>"))))
	docs := collect(t, &Reader{}, dir)
	byID := map[string]Document{}
	for _, d := range docs {
		byID[d.Req.GetId()] = d
	}
	if len(docs) != 5 || byID["<urn:uuid:w>"].Req == nil {
		t.Fatalf("ids = %v, want a.html, d.txt, sub/b.txt.gz, sub/c.HTM and the WARC record", byID)
	}
	if got := byID["sub/b.txt.gz"].Req.GetText(); got != "Some text.\n\nMore text." {
		t.Errorf("gzipped text = %q", got)
	}
	if d := byID["sub/c.HTM"].Req; d.GetContentType() != "text/html" || len(d.GetRaw()) == 0 {
		t.Errorf("html sent as %v, want raw bytes for the server to decode", d)
	}
	if d := byID["d.txt"].Req; d.GetContentType() != "text/plain" || len(d.GetRaw()) == 0 {
		t.Errorf("non-UTF-8 text sent as %v, want raw text/plain", d)
	}
}

// A file of exactly the limit is read whole; one byte more is a failure,
// whether the size is known up front (plain) or only while reading (gzip).
func TestDirectoryFileLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const max = 1000
	page := func(n int) []byte { return []byte("<p>" + strings.Repeat("x", n-7) + "</p>") }
	write(t, filepath.Join(dir, "fits.html"), page(max))
	write(t, filepath.Join(dir, "over.html"), page(max+1))
	write(t, filepath.Join(dir, "fits-gz.html.gz"), gz(t, page(max)))
	write(t, filepath.Join(dir, "over-gz.html.gz"), gz(t, page(max+1)))
	docs := collect(t, &Reader{MaxBytes: max}, dir)
	if len(docs) != 4 {
		t.Fatalf("%d documents, want 4", len(docs))
	}
	for _, d := range docs {
		id := d.Req.GetId()
		switch {
		case strings.HasPrefix(id, "fits"):
			if d.Err != nil || !bytes.Equal(d.Req.GetRaw(), page(max)) {
				t.Errorf("%s: %d bytes, err %v; want the whole page", id, len(d.Req.GetRaw()), d.Err)
			}
		case d.Err.GetCode() != int32(codes.ResourceExhausted):
			t.Errorf("%s: err %v, want RESOURCE_EXHAUSTED", id, d.Err)
		}
	}
}

func charmapEncode(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func warcRecord(typ, id, uri, contentType string, block []byte) []byte {
	h := fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		typ, id, uri, contentType, len(block))
	return append(append([]byte(h), block...), "\r\n\r\n"...)
}

func httpResponse(status, contentType string, body []byte) []byte {
	return append([]byte("HTTP/1.1 "+status+"\r\nContent-Type: "+contentType+"\r\nServer: test\r\n\r\n"), body...)
}

func TestWARC(t *testing.T) {
	t.Parallel()
	const httpCT = "application/http; msgtype=response"
	russian := charmapEncode(t, "<html><head><title>Дождь</title></head><body><p>Дождь вернулся в долину.</p></body></html>")
	gzipped := gz(t, []byte("<p>compressed on the wire</p>"))
	records := [][]byte{
		warcRecord("warcinfo", "<urn:uuid:0>", "", "application/warc-fields", []byte("software: test\r\n")),
		warcRecord("request", "<urn:uuid:1>", "https://example.ru/", "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\nHost: example.ru\r\n\r\n")),
		warcRecord("response", "<urn:uuid:2>", "https://example.ru/", httpCT, httpResponse("200 OK", "text/html; charset=windows-1251", russian)),
		warcRecord("response", "<urn:uuid:3>", "https://example.ru/logo.png", httpCT, httpResponse("200 OK", "image/png", []byte("\x89PNG\r\n\x1a\n"))),
		warcRecord("response", "<urn:uuid:4>", "https://example.ru/old", httpCT, httpResponse("301 Moved Permanently", "text/html", []byte("<a href=/>moved</a>"))),
		warcRecord("response", "<urn:uuid:5>", "https://example.ru/notes.txt", httpCT, httpResponse("200 OK", "text/plain", []byte("Plain notes."))),
		warcRecord("response", "<urn:uuid:6>", "https://example.ru/z", httpCT,
			append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"), gzipped...)),
		warcRecord("response", "<urn:uuid:7>", "https://example.ru/bad-ct", httpCT, httpResponse("200 OK", "text/html; charset", []byte("<p>bad header</p>"))),
		warcRecord("metadata", "<urn:uuid:8>", "https://example.ru/", "application/warc-fields", []byte("via: x\r\n")),
	}
	last := warcRecord("response", "<urn:uuid:9>", "https://example.ru/cut", httpCT, httpResponse("200 OK", "text/html", []byte("<p>"+strings.Repeat("cut short ", 50)+"</p>")))
	// One gzip member per record, the last one cut off mid-block: a crawl
	// killed while writing.
	data := gz(t, append(records, last[:len(last)-100])...)
	path := write(t, filepath.Join(t.TempDir(), "crawl.warc.gz"), data)

	st := &Stats{}
	docs := collect(t, &Reader{Stats: st}, path)
	byID := map[string]Document{}
	var ids []string
	for _, d := range docs {
		byID[d.Req.GetId()] = d
		ids = append(ids, d.Req.GetId())
	}
	want := []string{"<urn:uuid:2>", "<urn:uuid:5>", "<urn:uuid:6>", "<urn:uuid:7>", "<urn:uuid:9>"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Fatalf("ids = %v, want %v", ids, want)
	}
	ru := byID["<urn:uuid:2>"].Req
	if ru.GetUrl() != "https://example.ru/" || ru.GetContentType() != "text/html; charset=windows-1251" || !bytes.Equal(ru.GetRaw(), russian) {
		t.Errorf("windows-1251 page = url %q, content type %q, %d raw bytes; want the HTTP header's charset and the bytes as stored",
			ru.GetUrl(), ru.GetContentType(), len(ru.GetRaw()))
	}
	if d := byID["<urn:uuid:5>"].Req; d.GetContentType() != "text/plain" || string(d.GetRaw()) != "Plain notes." {
		t.Errorf("text payload = %v", d)
	}
	if d := byID["<urn:uuid:6>"].Req; string(d.GetRaw()) != "<p>compressed on the wire</p>" {
		t.Errorf("gzip Content-Encoding not undone: %q", d.GetRaw())
	}
	if d := byID["<urn:uuid:7>"].Req; d.GetContentType() != "text/html" {
		t.Errorf("malformed Content-Type sent as %q, want its media type", d.GetContentType())
	}
	cut := byID["<urn:uuid:9>"]
	if cut.Err.GetCode() != int32(codes.DataLoss) || !strings.Contains(cut.Err.GetMessage(), "truncated") {
		t.Errorf("truncated final record = %v, want a DATA_LOSS failure", cut)
	}
	if st.SkippedNotResponse.Load() != 3 || st.SkippedNotText.Load() != 1 || st.SkippedHTTPStatus.Load() != 1 {
		t.Errorf("skipped: %d not response, %d not text, %d HTTP status; want 3, 1, 1",
			st.SkippedNotResponse.Load(), st.SkippedNotText.Load(), st.SkippedHTTPStatus.Load())
	}
}

func TestWARCTruncatedHeader(t *testing.T) {
	t.Parallel()
	ok := warcRecord("response", "<urn:uuid:1>", "https://example.org/", "text/html", []byte("<p>whole</p>"))
	path := write(t, filepath.Join(t.TempDir(), "x.warc"), append(ok, "WARC/1.0\r\nWARC-Type: resp"...))
	docs := collect(t, &Reader{}, path)
	if len(docs) != 2 || docs[0].Err != nil || docs[1].Err.GetCode() != int32(codes.DataLoss) {
		t.Fatalf("documents = %v, want the whole record and a DATA_LOSS failure", docs)
	}
	if docs[1].Req.GetId() != path+"#record-2" {
		t.Errorf("failure id = %q", docs[1].Req.GetId())
	}
}

func TestTotalSize(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := write(t, filepath.Join(dir, "a.jsonl"), []byte("12345"))
	b := write(t, filepath.Join(dir, "b.warc"), []byte("123"))
	if got := TotalSize([]string{a, b}); got != 8 {
		t.Errorf("TotalSize = %d, want 8", got)
	}
	if got := TotalSize([]string{a, dir}); got != -1 {
		t.Errorf("TotalSize with a directory = %d, want -1 (unknown)", got)
	}
}

// FuzzJSONLReader checks that every non-blank line yields exactly one
// document with an id, whatever the bytes.
func FuzzJSONLReader(f *testing.F) {
	f.Add([]byte(jsonl))
	f.Add([]byte("{\"id\":\"a\",\"text\":\"x\"}\r\n\n{\"id\":"))
	f.Add([]byte("\xff\xfe{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &Reader{Stdin: bytes.NewReader(data), MaxBytes: 1 << 10}
		var n int
		err := r.Read(context.Background(), "-", func(d Document) error {
			n++
			if d.Req.GetId() == "" {
				t.Fatalf("document without an id: %v", d)
			}
			return nil
		})
		if err != nil {
			return // e.g. a gzip header that is not valid gzip
		}
		if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
			return
		}
		if bytes.HasPrefix(data, []byte("WARC/")) {
			return
		}
		lines := 0
		for _, l := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				lines++
			}
			// The fast decoder must agree with protojson on every line
			// both accept.
			var fast, ref pb.ExtractRequest
			if decodeFast(l, &fast) && protojson.Unmarshal(l, &ref) == nil && !proto.Equal(&fast, &ref) {
				t.Fatalf("line %q: fast decoder gave %v, protojson %v", l, &fast, &ref)
			}
		}
		if n != lines {
			t.Fatalf("%d documents from %d non-blank lines", n, lines)
		}
	})
}
