package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/protojson"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
	"google.golang.org/genproto/googleapis/rpc/status"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// document is one input item: a request, or the reason it could not be read
// (then it becomes a failure line in the output, so input count = output
// count).
type document struct {
	req *pb.ExtractRequest
	err *status.Status
}

// runBatch streams every document of the inputs through ExtractBatch and
// writes one output line per document.
func runBatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("batch", flag.ContinueOnError)
	var ins stringList
	fset.Var(&ins, "in", "input: JSONL of ExtractRequest, a directory of .html/.htm/.txt[.gz] files, or - for JSONL on stdin (repeatable)")
	out := fset.String("out", "", "output JSONL file of ExtractResponse, or - for stdout")
	addr := fset.String("addr", "", "server address HOST:PORT (empty: run the service in-process)")
	inflight := fset.Int("inflight", 64, "documents in flight at once")
	if err := fset.Parse(args); err != nil {
		return err
	}
	if len(ins) == 0 || *out == "" {
		return fmt.Errorf("batch: --in and --out are required")
	}
	if *inflight < 1 {
		return fmt.Errorf("batch: --inflight must be at least 1")
	}
	var w io.Writer = stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("batch: %w", err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)

	client, closeFn, err := connect(*addr)
	if err != nil {
		return err
	}
	defer closeFn()

	docs := make(chan document, *inflight)
	readErr := make(chan error, 1)
	go func() {
		defer close(docs)
		for _, in := range ins {
			if err := readInput(ctx, in, stdin, docs); err != nil {
				readErr <- err
				return
			}
		}
		readErr <- nil
	}()

	stats, err := streamBatch(ctx, client, docs, *inflight, bw)
	if ferr := bw.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("batch: write output: %w", ferr)
	}
	if rerr := <-readErr; err == nil && rerr != nil {
		err = rerr
	}
	fmt.Fprintf(stderr, "batch: %d documents, %d ok, %d failed\n", stats.total, stats.ok, stats.failed)
	return err
}

type batchStats struct{ total, ok, failed int }

// streamBatch sends docs over one ExtractBatch stream with at most inflight
// documents unanswered, and writes each answer as it arrives.
func streamBatch(ctx context.Context, client pb.ExtractServiceClient, docs <-chan document, inflight int, w io.Writer) (batchStats, error) {
	var st batchStats
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := client.ExtractBatch(ctx)
	if err != nil {
		return st, fmt.Errorf("batch: open stream: %w", err)
	}
	window := make(chan struct{}, inflight)
	failures := make(chan *pb.ExtractBatchResponse, inflight)
	sendErr := make(chan error, 1)
	go func() {
		defer close(failures)
		for d := range docs {
			if d.err != nil {
				failures <- &pb.ExtractBatchResponse{Id: d.req.GetId(), Result: &pb.ExtractBatchResponse_Error{Error: d.err}}
				continue
			}
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				sendErr <- ctx.Err()
				return
			}
			if err := stream.Send(&pb.ExtractBatchRequest{Request: d.req}); err != nil {
				sendErr <- fmt.Errorf("batch: send %s: %w", d.req.GetId(), err)
				return
			}
		}
		sendErr <- stream.CloseSend()
	}()

	write := func(r *pb.ExtractBatchResponse) error {
		st.total++
		var b []byte
		var err error
		if resp := r.GetResponse(); resp != nil {
			st.ok++
			b, err = protojson.Marshal(resp)
		} else {
			st.failed++
			b, err = protojson.Marshal(r)
		}
		if err != nil {
			return fmt.Errorf("batch: encode %s: %w", r.GetId(), err)
		}
		b = append(b, '\n')
		_, err = w.Write(b)
		return err
	}

	// Failures found while reading are written as they come; answers are
	// read until the server closes the stream.
	recvDone := make(chan error, 1)
	answers := make(chan *pb.ExtractBatchResponse, inflight)
	go func() {
		defer close(answers)
		for {
			r, err := stream.Recv()
			if err == io.EOF {
				recvDone <- nil
				return
			}
			if err != nil {
				recvDone <- fmt.Errorf("batch: receive: %w", err)
				return
			}
			<-window
			answers <- r
		}
	}()
	for failures != nil || answers != nil {
		select {
		case r, ok := <-failures:
			if !ok {
				failures = nil
				continue
			}
			if err := write(r); err != nil {
				return st, err
			}
		case r, ok := <-answers:
			if !ok {
				answers = nil
				continue
			}
			if err := write(r); err != nil {
				return st, err
			}
		}
	}
	if err := <-recvDone; err != nil {
		return st, err
	}
	if err := <-sendErr; err != nil && !errors.Is(err, io.EOF) {
		return st, err
	}
	return st, nil
}

// readInput sends the documents of one input (JSONL file, directory, or
// "-" for stdin) to docs.
func readInput(ctx context.Context, in string, stdin io.Reader, docs chan<- document) error {
	if in == "-" {
		return readJSONL(ctx, "-", stdin, docs)
	}
	info, err := os.Stat(in)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	if info.IsDir() {
		return readDir(ctx, in, docs)
	}
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(in, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("batch: %s: %w", in, err)
		}
		defer gz.Close()
		r = gz
	}
	return readJSONL(ctx, in, r, docs)
}

// readJSONL reads one protojson ExtractRequest per line. A malformed line
// becomes a failure with its line number; the batch goes on. Lines may be
// arbitrarily long (pages are inline), so no fixed-size scanner is used.
func readJSONL(ctx context.Context, name string, r io.Reader, docs chan<- document) error {
	br := bufio.NewReaderSize(r, 1<<16)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			d := document{req: &pb.ExtractRequest{}}
			if uerr := protojson.Unmarshal(b, d.req); uerr != nil {
				d = document{
					req: &pb.ExtractRequest{Id: fmt.Sprintf("%s:%d", name, line)},
					err: &status.Status{Code: int32(codes.InvalidArgument), Message: fmt.Sprintf("%s line %d: not an ExtractRequest: %v", name, line, uerr)},
				}
			} else if d.req.GetId() == "" {
				d.req.Id = fmt.Sprintf("%s:%d", name, line)
			}
			select {
			case docs <- d:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("batch: read %s: %w", name, err)
		}
	}
}

// readDir sends every .html, .htm and .txt file (optionally .gz) under
// root; the id is the path relative to root. Other files are skipped.
func readDir(ctx context.Context, root string, docs chan<- document) error {
	return filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("batch: walk %s: %w", path, err)
		}
		if e.IsDir() {
			return nil
		}
		kind := docKind(path)
		if kind == "" {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		d := document{req: &pb.ExtractRequest{Id: filepath.ToSlash(rel)}}
		data, rerr := readFile(path)
		if rerr != nil {
			d.err = &status.Status{Code: int32(codes.InvalidArgument), Message: rerr.Error()}
		} else {
			setContent(d.req, data, kind)
		}
		select {
		case docs <- d:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}

// docKind is "html" or "text" by file name, "" for files to skip.
func docKind(path string) string {
	p := strings.ToLower(strings.TrimSuffix(path, ".gz"))
	switch filepath.Ext(p) {
	case ".html", ".htm":
		return "html"
	case ".txt":
		return "text"
	}
	return ""
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, nil
}

// setContent puts data into req: text as sent when it is UTF-8 (so offsets
// are into the file's own bytes), raw bytes for the server to decode
// otherwise.
func setContent(req *pb.ExtractRequest, data []byte, kind string) {
	switch {
	case kind == "text" && utf8.Valid(data):
		req.Content = &pb.ExtractRequest_Text{Text: string(data)}
	case kind == "text":
		req.Content = &pb.ExtractRequest_Raw{Raw: data}
		req.ContentType = "text/plain"
	default:
		req.Content = &pb.ExtractRequest_Raw{Raw: data}
		req.ContentType = "text/html"
	}
}
