package inputs

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"google.golang.org/grpc/codes"

	"github.com/boilerstrip/boilerstrip/client/internal/warc"
	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// readWARC sends the HTML and text pages of a WARC stream's response
// records: id = WARC-Record-ID, url = WARC-Target-URI, and the page as raw
// bytes with the HTTP Content-Type, so the server decodes its charset.
// Other records are counted in Stats and skipped. A stream that ends
// inside a record yields a failure for that record, not an error: the
// records before it are good, and the batch goes on with the next input.
func (r *Reader) readWARC(name string, src io.Reader, emit Emit) error {
	wr, err := warc.NewReader(src)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	reported := false // the last document already reported the stream's truncation
	for n := 1; ; n++ {
		rec, err := wr.Next()
		if err == io.EOF || (reported && errors.Is(err, warc.ErrTruncated)) {
			return nil
		}
		if err != nil {
			// The framing is lost: nothing after this point can be
			// trusted, so report it as one failed document and stop.
			return emit(failure(fmt.Sprintf("%s#record-%d", name, n), codes.DataLoss, "%s record %d: %v", name, n, err))
		}
		if rec.Type() != "response" {
			r.Stats.SkippedNotResponse.Add(1)
			continue
		}
		id := rec.ID()
		if id == "" {
			id = fmt.Sprintf("%s#record-%d", name, n)
		}
		d, skip := r.warcResponse(id, rec)
		if skip != nil {
			skip.Add(1)
			continue
		}
		reported = d.Err.GetCode() == int32(codes.DataLoss)
		if err := emit(d); err != nil {
			return err
		}
	}
}

// warcResponse reads one response record's payload. It returns the counter
// to bump instead of a document when the record is not a page.
func (r *Reader) warcResponse(id string, rec *warc.Record) (Document, interface{ Add(int64) int64 }) {
	var (
		body        io.Reader = rec.Block
		contentType string
	)
	if rec.IsHTTPResponse() {
		hb := bufio.NewReader(rec.Block)
		resp, err := http.ReadResponse(hb, nil)
		if err != nil {
			if errors.Is(err, warc.ErrTruncated) || errors.Is(err, io.ErrUnexpectedEOF) {
				return failure(id, codes.DataLoss, "WARC record %s (offset %d): truncated HTTP header", id, rec.Offset), nil
			}
			return failure(id, codes.InvalidArgument, "WARC record %s (offset %d): not an HTTP response: %v", id, rec.Offset, err), nil
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return Document{}, &r.Stats.SkippedHTTPStatus
		}
		contentType = resp.Header.Get("Content-Type")
		// The rest of the block is the payload. It is read from hb rather
		// than resp.Body unless it is chunked, because crawlers often store
		// the decoded payload under the original Content-Length.
		body = hb
		if len(resp.TransferEncoding) > 0 {
			body = resp.Body
		}
		switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
		case "", "identity":
		case "gzip", "x-gzip":
			gz, err := gzip.NewReader(body)
			if err != nil {
				return failure(id, codes.DataLoss, "WARC record %s: gzip payload: %v", id, err), nil
			}
			defer gz.Close()
			body = gz
		default:
			return failure(id, codes.Unimplemented, "WARC record %s: Content-Encoding %q is not supported", id, enc), nil
		}
	} else {
		// A response record may hold the payload alone (e.g. a non-HTTP
		// capture); its own Content-Type describes it.
		contentType = rec.ContentType()
	}

	data, err := readLimited(body, r.MaxBytes, 0)
	switch {
	case errors.Is(err, errTooLarge):
		return failure(id, codes.ResourceExhausted, "WARC record %s: payload larger than %d bytes", id, r.MaxBytes), nil
	case errors.Is(err, warc.ErrTruncated), errors.Is(err, io.ErrUnexpectedEOF):
		return failure(id, codes.DataLoss, "WARC record %s (offset %d): truncated: the file ends inside the record", id, rec.Offset), nil
	case err != nil:
		return failure(id, codes.DataLoss, "WARC record %s: %v", id, err), nil
	}

	kind, contentType := payloadKind(contentType, data)
	if kind == "" {
		return Document{}, &r.Stats.SkippedNotText
	}
	req := &pb.ExtractRequest{Id: id, Url: rec.TargetURI()}
	setContent(req, data, kind, contentType)
	return Document{Req: req}, nil
}

// payloadKind is "html" or "text" for pages boilerstrip can read, "" for
// anything else (images, scripts, JSON, PDFs), and the content type to send.
// Without a Content-Type the payload is sniffed; a Content-Type the server
// would reject as malformed is cut down to its media type, so that a bad
// header costs the charset hint, not the page.
func payloadKind(contentType string, data []byte) (kind, ct string) {
	if contentType == "" {
		contentType = http.DetectContentType(data)
	}
	ct = contentType
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
		ct = mt
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return "html", ct
	case "text/plain":
		return "text", ct
	}
	return "", ""
}
