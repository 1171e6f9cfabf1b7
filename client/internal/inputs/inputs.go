// Package inputs turns batch inputs into a stream of documents: JSONL of
// ExtractRequest (optionally gzipped, or on stdin), directory trees of
// saved pages, and WARC files. Every input is read as a stream, one
// document at a time, so memory does not grow with the size of an input.
//
// A document that cannot be read (a malformed line, a truncated record, a
// page over the size limit) is still emitted, with Err set, so that the
// batch writes a failure line for it: input count = output count.
package inputs

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// DefaultMaxBytes is the largest document read into memory: the client's
// gRPC message limit. Larger documents become failures without being read.
const DefaultMaxBytes = 64 << 20

// Document is one input item: a request, or (Err set) the reason it could
// not be read. Req always carries the id.
type Document struct {
	Req *pb.ExtractRequest
	Err *spb.Status
}

// Stats counts what the readers saw. Fields are updated atomically while
// reading, so progress can be shown from another goroutine.
type Stats struct {
	BytesRead          atomic.Int64 // bytes read from input files, as stored (compressed when gzipped)
	SkippedNotResponse atomic.Int64 // WARC records that are not "response" (request, warcinfo, metadata, ...)
	SkippedNotText     atomic.Int64 // WARC responses whose payload is not HTML or text
	SkippedHTTPStatus  atomic.Int64 // WARC responses with a non-2xx HTTP status (redirects, errors)
}

// Reader reads inputs. The zero value is usable.
type Reader struct {
	Stdin    io.Reader // read for the input "-"
	Stats    *Stats    // may be nil
	MaxBytes int       // per-document limit; 0 means DefaultMaxBytes
}

// Emit receives each document in input order. Returning an error stops
// reading (it is returned from Read).
type Emit func(Document) error

// TotalSize is the sum of the sizes of the input files as stored, or -1
// when any input's size is not known in advance (stdin, a directory).
func TotalSize(ins []string) int64 {
	var total int64
	for _, in := range ins {
		if in == "-" {
			return -1
		}
		info, err := os.Stat(in)
		if err != nil || info.IsDir() {
			return -1
		}
		total += info.Size()
	}
	return total
}

// Read sends every document of one input to emit: "-" (stdin: JSONL or
// WARC, plain or gzipped), a directory tree, a WARC file (.warc, .warc.gz,
// or any file starting with a WARC version line) or a JSONL file.
func (r *Reader) Read(ctx context.Context, in string, emit Emit) error {
	if r.Stats == nil {
		r.Stats = &Stats{}
	}
	if r.MaxBytes <= 0 {
		r.MaxBytes = DefaultMaxBytes
	}
	emit = withContext(ctx, emit)
	if in == "-" {
		if r.Stdin == nil {
			return fmt.Errorf("read stdin: no standard input")
		}
		return r.readStream("-", r.Stdin, emit)
	}
	info, err := os.Stat(in)
	if err != nil {
		return fmt.Errorf("input: %w", err)
	}
	if info.IsDir() {
		return r.readDir(in, emit)
	}
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("input: %w", err)
	}
	defer f.Close()
	return r.readStream(in, f, emit)
}

// withContext stops reading when ctx is done, and makes every id valid
// UTF-8 (a WARC header or file name may not be): protobuf strings must be,
// or the document could be neither sent nor written.
func withContext(ctx context.Context, emit Emit) Emit {
	return func(d Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if id := d.Req.GetId(); !utf8.ValidString(id) {
			d.Req.Id = strings.ToValidUTF8(id, "\uFFFD")
		}
		return emit(d)
	}
}

// readStream reads a JSONL or WARC stream, gzipped or not, telling them
// apart by content rather than by name so that stdin works too.
func (r *Reader) readStream(name string, src io.Reader, emit Emit) error {
	br := bufio.NewReaderSize(&countingReader{r: src, n: &r.Stats.BytesRead}, 64<<10)
	var plain *bufio.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// Multi-member gzip (one member per WARC record) reads as one
		// stream: gzip.Reader's default multistream mode.
		gz, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("read %s: gzip: %w", name, err)
		}
		defer gz.Close()
		plain = bufio.NewReaderSize(gz, 64<<10)
	}
	if head, _ := plain.Peek(5); string(head) == "WARC/" {
		return r.readWARC(name, plain, emit)
	}
	return r.readJSONL(name, plain, emit)
}

// countingReader counts the bytes read from an input file, for progress
// and the ETA.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// failure builds a document that could not be read.
func failure(id string, code codes.Code, format string, args ...any) Document {
	return Document{
		Req: &pb.ExtractRequest{Id: id},
		Err: &spb.Status{Code: int32(code), Message: fmt.Sprintf(format, args...)},
	}
}

// readJSONL reads one protojson ExtractRequest per line. A malformed line
// becomes a failure with its line number and the batch goes on. Lines
// carry whole pages, so they are read without a fixed-size scanner, but a
// line over the size limit is skipped rather than buffered.
func (r *Reader) readJSONL(name string, br *bufio.Reader, emit Emit) error {
	// protojson lines carry raw bytes base64-encoded: 4/3 of the page,
	// plus the other fields.
	maxLine := r.MaxBytes/3*4 + 64<<10
	for line := 1; ; line++ {
		b, tooLong, err := readLine(br, maxLine)
		if err != nil && err != io.EOF {
			// A damaged file (typically a .gz cut short by a killed
			// writer): the lines before are good, this one is reported
			// as a failure, and the batch goes on with the next input.
			return emit(failure(fmt.Sprintf("%s:%d", name, line), codes.DataLoss, "%s line %d: %v", name, line, err))
		}
		lineID := fmt.Sprintf("%s:%d", name, line)
		switch {
		case tooLong:
			if eerr := emit(failure(lineID, codes.ResourceExhausted, "%s line %d: longer than %d bytes", name, line, maxLine)); eerr != nil {
				return eerr
			}
		case len(strings.TrimSpace(string(b))) > 0:
			d := Document{Req: &pb.ExtractRequest{}}
			if uerr := decodeRequest(b, d.Req); uerr != nil {
				d = failure(lineID, codes.InvalidArgument, "%s line %d: not an ExtractRequest: %v", name, line, uerr)
			} else if d.Req.GetId() == "" {
				// A deterministic id, so that --resume recognises it.
				d.Req.Id = lineID
			}
			if eerr := emit(d); eerr != nil {
				return eerr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine returns the next line without its newline. When the line is
// longer than max it is consumed but not returned (tooLong).
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(frag) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return line, tooLong, err
	}
}

// readDir sends every .html, .htm and .txt file (optionally .gz) under
// root, in lexical order; the id is the slash-separated path relative to
// root. WARC files (.warc, .warc.gz) in the tree are read record by
// record, so a crawl's directory can be given as one input. Other files
// are skipped.
func (r *Reader) readDir(root string, emit Emit) error {
	return filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk %s: %w", path, err)
		}
		if e.IsDir() {
			return nil
		}
		if lower := strings.ToLower(path); strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz") {
			f, err := os.Open(path)
			if err != nil {
				return fmt.Errorf("input: %w", err)
			}
			defer f.Close()
			return r.readStream(path, f, emit)
		}
		kind := docKind(path)
		if kind == "" {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return fmt.Errorf("walk %s: %w", path, err)
		}
		id := filepath.ToSlash(rel)
		data, err := r.readFile(path)
		switch {
		case errors.Is(err, errTooLarge):
			return emit(failure(id, codes.ResourceExhausted, "%s: larger than %d bytes", path, r.MaxBytes))
		case err != nil:
			return emit(failure(id, codes.DataLoss, "%v", err))
		}
		req := &pb.ExtractRequest{Id: id}
		setContent(req, data, kind, "")
		return emit(Document{Req: req})
	})
}

var errTooLarge = errors.New("document too large")

// docKind is "html" or "text" by file name, "" for files to skip.
func docKind(path string) string {
	p := strings.ToLower(strings.TrimSuffix(strings.ToLower(path), ".gz"))
	switch filepath.Ext(p) {
	case ".html", ".htm":
		return "html"
	case ".txt":
		return "text"
	}
	return ""
}

func (r *Reader) readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var src io.Reader = &countingReader{r: f, n: &r.Stats.BytesRead}
	sizeHint := 0
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(src)
		if err != nil {
			return nil, fmt.Errorf("read %s: gzip: %w", path, err)
		}
		defer gz.Close()
		src = gz
	} else if info, err := f.Stat(); err == nil {
		// Sized up front, a page is read in one call instead of a dozen
		// as a growing buffer would (each a system call, and a copy).
		sizeHint = int(min(info.Size(), int64(r.MaxBytes)+1))
	}
	return readLimited(src, r.MaxBytes, sizeHint)
}

// readLimited reads all of src, or fails with errTooLarge past max bytes
// without buffering more than max+1. sizeHint, when known, is the size
// to expect.
func readLimited(src io.Reader, max, sizeHint int) ([]byte, error) {
	var buf bytes.Buffer
	// MinRead more, so that the read that finds the end has room and
	// does not grow the buffer.
	buf.Grow(sizeHint + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(src, int64(max)+1)); err != nil {
		return nil, err
	}
	if buf.Len() > max {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

// setContent puts data into req: text as sent when it is UTF-8 (so offsets
// are into the file's own bytes), otherwise raw bytes with a content type
// for the server to decode (contentType when known, which carries the
// charset).
func setContent(req *pb.ExtractRequest, data []byte, kind, contentType string) {
	switch {
	case kind == "text" && contentType == "" && utf8.Valid(data):
		req.Content = &pb.ExtractRequest_Text{Text: string(data)}
	case contentType != "":
		req.Content = &pb.ExtractRequest_Raw{Raw: data}
		req.ContentType = contentType
	case kind == "text":
		req.Content = &pb.ExtractRequest_Raw{Raw: data}
		req.ContentType = "text/plain"
	default:
		req.Content = &pb.ExtractRequest_Raw{Raw: data}
		req.ContentType = "text/html"
	}
}
