package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"strings"

	"google.golang.org/protobuf/encoding/protojson"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// encoded is one document's output, ready to write.
type encoded struct {
	line []byte // the JSONL line, newline included (for --out-dir: the index line)
	path string // --out-dir: the document's file, relative to the directory; "" for a failure
	body []byte // --out-dir: the file's contents
}

// sink writes the batch's output. encode may be called from many
// goroutines at once; write and close only from the writer.
type sink interface {
	encode(r *pb.ExtractBatchResponse) (encoded, error)
	write(e encoded) error
	flush() error
	close() error
}

// jsonLine is the output line for one answer: the ExtractResponse, or
// {"id", "error": {code, message}} for a failure.
func jsonLine(r *pb.ExtractBatchResponse) ([]byte, error) {
	var b []byte
	var err error
	if resp := r.GetResponse(); resp != nil {
		b, err = appendResponseJSON(nil, resp)
	} else {
		b, err = protojson.Marshal(r)
	}
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.GetId(), err)
	}
	return append(b, '\n'), nil
}

// jsonlSink writes one JSON line per document to a file or stdout.
type jsonlSink struct {
	w *bufio.Writer
	f *os.File // nil for stdout
}

func (s *jsonlSink) encode(r *pb.ExtractBatchResponse) (encoded, error) {
	line, err := jsonLine(r)
	return encoded{line: line}, err
}

func (s *jsonlSink) write(e encoded) error {
	_, err := s.w.Write(e.line)
	return err
}

func (s *jsonlSink) flush() error { return s.w.Flush() }

func (s *jsonlSink) close() error {
	err := s.w.Flush()
	if s.f != nil {
		if cerr := s.f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// dirSink writes each document's body to its own file under root, and an
// index (root/index.jsonl) with one line per document: {"id", "path"} for
// a body, or the failure line. The index is what --resume reads, and it
// keeps the rule that nothing vanishes.
type dirSink struct {
	root     string
	markdown bool
	index    *bufio.Writer
	f        *os.File
}

// indexName is the index file inside --out-dir.
const indexName = "index.jsonl"

func (s *dirSink) encode(r *pb.ExtractBatchResponse) (encoded, error) {
	resp := r.GetResponse()
	if resp == nil {
		line, err := jsonLine(r)
		return encoded{line: line}, err
	}
	ext, body := ".txt", resp.GetArticle().GetBody()
	if s.markdown {
		// Text input has no markup to keep, and content stays empty there:
		// the plain body is its Markdown.
		ext = ".md"
		if c := resp.GetArticle().GetContent(); c != "" {
			body = c
		}
	}
	path := safePath(r.GetId(), ext)
	line, err := json.Marshal(struct {
		ID   string `json:"id"`
		Path string `json:"path"`
	}{r.GetId(), path})
	if err != nil {
		return encoded{}, fmt.Errorf("encode %s: %w", r.GetId(), err)
	}
	return encoded{line: append(line, '\n'), path: path, body: []byte(body)}, nil
}

func (s *dirSink) write(e encoded) error {
	if e.path != "" {
		full := filepath.Join(s.root, filepath.FromSlash(e.path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", full, err)
		}
		if err := os.WriteFile(full, e.body, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", full, err)
		}
	}
	_, err := s.index.Write(e.line)
	return err
}

func (s *dirSink) flush() error { return s.index.Flush() }

func (s *dirSink) close() error {
	err := s.index.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// maxComponent bounds one path component, well under the 255 bytes most
// file systems allow, leaving room for the hash suffix and extension.
const maxComponent = 120

// safePath maps a document id to a relative path under the output
// directory, ending in ext: slashes in the id become directories; "..",
// ".", empty components and leading slashes are dropped, so the path can
// never leave the directory; characters outside [A-Za-z0-9._-] become
// "_". When that changed the id (or would let a directory and a file
// share a name), a hash of the whole id is appended, so that two ids
// that clean up to the same path still get different files.
func safePath(id, ext string) string {
	var parts []string
	lossy := false
	for _, c := range strings.Split(id, "/") {
		if c == "" || c == "." || c == ".." {
			lossy = true
			continue
		}
		var b strings.Builder
		for _, r := range c {
			switch {
			case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
				b.WriteRune(r)
			default:
				b.WriteByte('_')
				lossy = true
			}
		}
		s := b.String()
		if strings.HasPrefix(s, ".") {
			s = "_" + s[1:]
			lossy = true
		}
		if len(s) > maxComponent {
			s = s[:maxComponent]
			lossy = true
		}
		parts = append(parts, s)
	}
	// A directory component ending in ext could clash with a document's
	// file (id "a" → "a.txt", id "a.txt/b" → dir "a.txt").
	for _, p := range parts[:max(len(parts)-1, 0)] {
		if strings.HasSuffix(p, ext) {
			lossy = true
		}
	}
	if len(parts) == 0 {
		parts, lossy = []string{"doc"}, true
	}
	last := parts[len(parts)-1]
	if lossy {
		h := fnv.New64a()
		h.Write([]byte(id))
		last = fmt.Sprintf("%s-%016x", last, h.Sum64())
	}
	parts[len(parts)-1] = last + ext
	return strings.Join(parts, "/")
}

// doneSet holds the ids already in an output, as 64-bit hashes: 16 bytes
// a document instead of the id itself, so resuming a batch of tens of
// millions stays small. Two different ids sharing a hash (odds about
// n²/2⁶⁵: one in a million at 6 million documents) would make --resume
// skip one of them.
type doneSet struct {
	seed maphash.Seed
	ids  map[uint64]struct{}
}

func newDoneSet() *doneSet { return &doneSet{seed: maphash.MakeSeed(), ids: map[uint64]struct{}{}} }

func (s *doneSet) add(id string)      { s.ids[maphash.String(s.seed, id)] = struct{}{} }
func (s *doneSet) has(id string) bool { _, ok := s.ids[maphash.String(s.seed, id)]; return ok }
func (s *doneSet) len() int           { return len(s.ids) }

// loadDone reads the ids of an existing output (JSONL or index) for
// --resume. A last line without its newline is a write torn by a kill: the
// file is truncated to the end of the last whole line, and that document
// is done again. A missing file is an empty set.
func loadDone(path string) (*doneSet, error) {
	done := newDoneSet()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return done, nil
	}
	if err != nil {
		return nil, fmt.Errorf("resume: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	var good int64 // offset just past the last whole line
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadBytes('\n')
		if err == io.EOF {
			if len(line) > 0 {
				if terr := f.Truncate(good); terr != nil {
					return nil, fmt.Errorf("resume: truncate the torn last line of %s: %w", path, terr)
				}
			}
			return done, nil
		}
		if err != nil {
			return nil, fmt.Errorf("resume: read %s: %w", path, err)
		}
		good += int64(len(line))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var row struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(line, &row); err != nil || row.ID == "" {
			return nil, fmt.Errorf("resume: %s line %d is not an output line (%v); is this the right file?", path, lineNo, err)
		}
		done.add(row.ID)
	}
}
