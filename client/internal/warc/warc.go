// Package warc reads WARC files (ISO 28500, WARC/1.0 and WARC/1.1) record
// by record, streaming: only one record's header is held in memory, and
// the record's block is an io.Reader over the input.
//
// It is written by hand because no WARC library is available from our
// module proxy (github.com/nlnwa/gowarc and github.com/slyrz/warc answer
// 403), and batch needs only the reading half of the format: headers,
// Content-Length-framed blocks, and gzip, plain or multi-member.
package warc

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
)

// ErrTruncated means the input ended inside a record: in its header or
// before Content-Length bytes of its block were read.
var ErrTruncated = errors.New("warc: truncated record")

// maxHeaderBytes bounds one record's header, so that a corrupt or hostile
// file cannot make the reader buffer without limit. Real headers are well
// under 4 KiB; 1 MiB leaves room for long URIs and many custom fields.
const maxHeaderBytes = 1 << 20

// Record is one WARC record. Block reads the record's content block and is
// valid until the next call to Reader.Next.
type Record struct {
	Version string               // "WARC/1.0" or "WARC/1.1"
	Header  textproto.MIMEHeader // the named fields, canonical keys
	// Offset is the record's position in the (decompressed) stream, for
	// error messages.
	Offset int64
	// ContentLength is the size of the block in bytes, as declared.
	ContentLength int64
	// Block reads exactly ContentLength bytes, then io.EOF; when the input
	// ends first it returns ErrTruncated.
	Block io.Reader
}

// Type is the WARC-Type field, e.g. "response", "request", "warcinfo".
func (r *Record) Type() string { return r.Header.Get("Warc-Type") }

// ID is the WARC-Record-ID field, e.g. "<urn:uuid:...>".
func (r *Record) ID() string { return r.Header.Get("Warc-Record-Id") }

// TargetURI is the WARC-Target-URI field, without the angle brackets
// WARC/1.0 writers sometimes put around it.
func (r *Record) TargetURI() string {
	return strings.TrimSuffix(strings.TrimPrefix(r.Header.Get("Warc-Target-Uri"), "<"), ">")
}

// ContentType is the Content-Type field of the record, e.g.
// "application/http; msgtype=response".
func (r *Record) ContentType() string { return r.Header.Get("Content-Type") }

// Reader reads records one at a time.
type Reader struct {
	br     *bufio.Reader
	cur    *block // the current record's block, drained by Next
	offset int64  // bytes consumed from the decompressed stream
	err    error  // sticky: once the stream is broken, Next repeats it
}

// NewReader returns a reader for a WARC stream; gzip (one member per record
// or one for the whole file) is detected by its magic bytes and undone.
func NewReader(r io.Reader) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// gzip.Reader reads concatenated members as one stream by default,
		// which is exactly the record-per-member layout of .warc.gz.
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("warc: gzip: %w", err)
		}
		br = bufio.NewReaderSize(gz, 64<<10)
	}
	return &Reader{br: br}, nil
}

// Next returns the next record, io.EOF at the clean end of the stream, or
// an error (ErrTruncated when the stream ends inside a record). Reading
// the previous record's block is not required: Next skips what is left.
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.cur != nil {
		if _, err := io.Copy(io.Discard, r.cur); err != nil {
			r.err = err
			return nil, err
		}
		r.cur = nil
	}
	// The header is read line by line straight from br (not through a
	// textproto.Reader, which would buffer past the blank line into the
	// block).
	start := r.offset
	version, err := r.readLine(true)
	if err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		return nil, r.fail(err)
	}
	if !strings.HasPrefix(version, "WARC/") {
		return nil, r.fail(fmt.Errorf("warc: offset %d: expected a WARC/ version line, got %.40q", start, version))
	}
	hdr, err := r.readHeader()
	if err != nil {
		return nil, r.fail(fmt.Errorf("warc: offset %d: header: %w", start, err))
	}
	cl := hdr.Get("Content-Length")
	n, perr := strconv.ParseInt(strings.TrimSpace(cl), 10, 64)
	if perr != nil || n < 0 {
		return nil, r.fail(fmt.Errorf("warc: offset %d: bad Content-Length %q", start, cl))
	}
	r.cur = &block{r: r, n: n}
	return &Record{Version: version, Header: hdr, Offset: start, ContentLength: n, Block: r.cur}, nil
}

func (r *Reader) fail(err error) error {
	r.err = err
	return err
}

// readLine reads one CRLF- or LF-terminated line. skipBlank skips the
// empty lines that end the previous record (two CRLFs).
func (r *Reader) readLine(skipBlank bool) (string, error) {
	for {
		var line []byte
		for {
			frag, err := r.br.ReadSlice('\n')
			r.offset += int64(len(frag))
			line = append(line, frag...)
			if len(line) > maxHeaderBytes {
				return "", fmt.Errorf("warc: header line longer than %d bytes", maxHeaderBytes)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				if len(line) == 0 {
					return "", io.EOF
				}
				return "", ErrTruncated
			}
			if err != nil {
				return "", err
			}
			break
		}
		s := strings.TrimRight(string(line), "\r\n")
		if s == "" && skipBlank {
			continue
		}
		return s, nil
	}
}

// readHeader reads "Name: value" fields up to the blank line, joining
// continuation lines (leading space or tab) to the field before.
func (r *Reader) readHeader() (textproto.MIMEHeader, error) {
	h := textproto.MIMEHeader{}
	total := 0
	var last string
	for {
		line, err := r.readLine(false)
		if err == io.EOF {
			return nil, ErrTruncated
		}
		if err != nil {
			return nil, err
		}
		total += len(line)
		if total > maxHeaderBytes {
			return nil, fmt.Errorf("longer than %d bytes", maxHeaderBytes)
		}
		if line == "" {
			return h, nil
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			vs := h[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("malformed field %.60q", line)
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name))
		h.Add(last, strings.TrimSpace(value))
	}
}

// block reads a record's content block: n more bytes of the stream.
type block struct {
	r *Reader
	n int64 // bytes left
}

func (b *block) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	k, err := b.r.br.Read(p)
	b.n -= int64(k)
	b.r.offset += int64(k)
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		if b.n > 0 {
			b.r.err = ErrTruncated
			return k, ErrTruncated
		}
		err = nil
	}
	if err != nil {
		b.r.err = err
	}
	return k, err
}

// IsHTTPResponse reports whether the record's block is an HTTP response
// message (a "response" record of an HTTP(S) capture).
func (r *Record) IsHTTPResponse() bool {
	ct := strings.ToLower(r.ContentType())
	return strings.HasPrefix(ct, "application/http") && !strings.Contains(ct, "msgtype=request")
}
