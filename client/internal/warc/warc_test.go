package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"testing"
)

// record renders one WARC record the way crawlers write them.
func record(typ, id, uri, contentType, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, id, uri, contentType, len(block), block)
}

// gzipMembers compresses each part as its own gzip member, the layout of
// .warc.gz files.
func gzipMembers(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, p := range parts {
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

type got struct {
	typ, id, uri, block string
	length              int64
}

// readAll reads every record and its block; err is the error that ended it
// (nil at a clean end).
func readAll(t testing.TB, data []byte, readBlocks bool) ([]got, error) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out []got
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		g := got{typ: rec.Type(), id: rec.ID(), uri: rec.TargetURI(), length: rec.ContentLength}
		if readBlocks {
			b, err := io.ReadAll(rec.Block)
			g.block = string(b)
			if err != nil {
				return append(out, g), err
			}
		}
		out = append(out, g)
	}
}

func TestReader(t *testing.T) {
	t.Parallel()
	info := record("warcinfo", "<urn:uuid:1>", "", "application/warc-fields", "software: test\r\n")
	resp := record("response", "<urn:uuid:2>", "<https://example.org/a>", "application/http; msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hello</p>")
	// A continuation line folds into the field before it.
	folded := "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:3>\r\nWARC-Target-URI: https://example.org/\r\n long/path\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"
	plain := info + resp + folded
	tests := []struct {
		name       string
		data       []byte
		readBlocks bool
	}{
		{"plain, blocks read", []byte(plain), true},
		{"plain, blocks skipped", []byte(plain), false},
		{"gzip member per record", gzipMembers(t, info, resp, folded), true},
		{"gzip one member", gzipMembers(t, plain), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			recs, err := readAll(t, tt.data, tt.readBlocks)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 3 {
				t.Fatalf("%d records, want 3: %+v", len(recs), recs)
			}
			if recs[1].typ != "response" || recs[1].id != "<urn:uuid:2>" || recs[1].uri != "https://example.org/a" {
				t.Errorf("record 2 = %+v", recs[1])
			}
			if recs[2].uri != "https://example.org/ long/path" || recs[2].length != 3 {
				t.Errorf("record 3 = %+v", recs[2])
			}
			if tt.readBlocks && recs[2].block != "abc" {
				t.Errorf("record 3 block = %q", recs[2].block)
			}
		})
	}
}

func TestReaderTruncated(t *testing.T) {
	t.Parallel()
	good := record("response", "<urn:uuid:1>", "https://example.org/", "text/html", "<p>whole</p>")
	last := record("response", "<urn:uuid:2>", "https://example.org/b", "text/html", "<p>this one is cut short</p>")
	tests := []struct {
		name string
		data []byte
	}{
		{"in the block", []byte(good + last[:len(last)-20])},
		{"in the header", []byte(good + last[:40])},
		{"gzip, in the block", gzipMembers(t, good, last[:len(last)-20])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			recs, err := readAll(t, tt.data, true)
			if !errors.Is(err, ErrTruncated) {
				t.Fatalf("err = %v, want ErrTruncated", err)
			}
			if len(recs) < 1 || recs[0].block != "<p>whole</p>" {
				t.Errorf("records before the cut = %+v", recs)
			}
		})
	}
	// A truncated gzip member surfaces as the gzip error, not a panic.
	cut := gzipMembers(t, good, last)
	if _, err := readAll(t, cut[:len(cut)-10], true); err == nil {
		t.Error("truncated gzip read without error")
	}
}

func TestReaderMalformed(t *testing.T) {
	t.Parallel()
	for _, data := range []string{
		"HTTP/1.1 200 OK\r\n\r\n",
		"WARC/1.0\r\nContent-Length: x\r\n\r\n",
		"WARC/1.0\r\nno colon here\r\n\r\n",
		"WARC/1.0\r\nContent-Length: -1\r\n\r\n",
	} {
		if _, err := readAll(t, []byte(data), true); err == nil || errors.Is(err, ErrTruncated) {
			t.Errorf("%q: err = %v, want a format error", data, err)
		}
	}
}

// FuzzWARCReader checks that no input makes the reader panic or loop, and
// that a block never yields more than its Content-Length.
func FuzzWARCReader(f *testing.F) {
	f.Add([]byte(record("response", "<urn:uuid:1>", "https://example.org/", "application/http; msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>")))
	f.Add(gzipMembers(f, record("request", "<urn:uuid:2>", "x", "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n")))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 10\r\n\r\nabc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i := 0; i < 10000; i++ {
			rec, err := r.Next()
			if err != nil {
				return
			}
			n, err := io.Copy(io.Discard, rec.Block)
			if n > rec.ContentLength {
				t.Fatalf("block gave %d bytes, Content-Length is %d", n, rec.ContentLength)
			}
			if err == nil && n != rec.ContentLength {
				t.Fatalf("block ended cleanly after %d of %d bytes", n, rec.ContentLength)
			}
		}
		t.Fatal("more than 10000 records from a fuzz input")
	})
}
