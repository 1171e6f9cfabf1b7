package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	spb "google.golang.org/genproto/googleapis/rpc/status"

	"github.com/boilerstrip/boilerstrip/client/internal/inputs"
	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// batchConfig is the batch command's settings.
type batchConfig struct {
	ins         []string
	out         string // JSONL output file, "-" for stdout
	outDir      string // or: one file per document under this directory
	markdown    bool   // --format markdown
	addr        string
	sec         security
	inflight    int
	streams     int
	streamDocs  int
	maxAttempts int
	giveUp      time.Duration
	resume      bool
	every       time.Duration // plain progress line interval
	quiet       bool
}

const batchUsage = `usage: client batch --in PATH [--in PATH ...] (--out FILE|- | --out-dir DIR) [flags]

Inputs: JSONL of ExtractRequest (.jsonl, optionally .gz), WARC (.warc, .warc.gz),
a directory of .html/.htm/.txt[.gz] files, or - for JSONL or WARC on stdin.
Without --addr the service runs in-process on all cores.

Flags:`

// runBatch streams every document of the inputs through ExtractBatch and
// writes one output per document.
func runBatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var c batchConfig
	var ins stringList
	fset := flag.NewFlagSet("batch", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprintln(stderr, batchUsage); fset.PrintDefaults() }
	fset.Var(&ins, "in", "input file or directory, or - for stdin (repeatable)")
	fset.StringVar(&c.out, "out", "", "output JSONL file of ExtractResponse (failures as {\"id\",\"error\"} lines), or - for stdout")
	fset.StringVar(&c.outDir, "out-dir", "", "write each document's body to its own file under this directory, plus index.jsonl")
	format := fset.String("format", "text", "body format: text or markdown (sets the requests' options.format; --out-dir writes .txt or .md)")
	c.sec.register(fset)
	fset.StringVar(&c.addr, "addr", "", "server HOST:PORT, a comma-separated list, or dns:///NAME:PORT (empty: in-process)")
	fset.IntVar(&c.inflight, "inflight", 64, "documents in flight at once (read but not yet written): bounds memory")
	fset.IntVar(&c.streams, "streams", 0, "concurrent ExtractBatch streams (0: 2 in-process, 2 per listed server, 8 for a resolver target)")
	fset.IntVar(&c.streamDocs, "stream-docs", 2000, "documents sent on one stream before it is closed and reopened, so new servers get traffic")
	fset.IntVar(&c.maxAttempts, "max-attempts", 5, "tries per document when servers are unavailable")
	fset.DurationVar(&c.giveUp, "give-up", 5*time.Minute, "stop (with --resume to go on) when no server has answered for this long")
	fset.BoolVar(&c.resume, "resume", false, "skip ids already in the output (truncating a torn last line) and append")
	fset.DurationVar(&c.every, "progress-every", 10*time.Second, "interval of the progress line when stderr is not a terminal")
	fset.BoolVar(&c.quiet, "quiet", false, "no progress display (the summary is still printed)")
	if err := fset.Parse(args); err != nil {
		return err
	}
	c.ins = ins
	if err := c.check(*format); err != nil {
		return err
	}

	// With no --addr, connect starts the service in-process, where
	// MaxConcurrent defaults to GOMAXPROCS: all cores.
	client, closeConn, err := connect(c.addr, c.sec)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	defer closeConn()
	if c.streams <= 0 {
		c.streams = defaultStreams(c.addr)
	}

	var done *doneSet
	if c.resume {
		resumeFrom := c.out
		if c.outDir != "" {
			resumeFrom = filepath.Join(c.outDir, indexName)
		}
		if done, err = loadDone(resumeFrom); err != nil {
			return err
		}
	}
	out, err := openSink(c, stdout)
	if err != nil {
		return err
	}

	// The progress display, the warnings of many streams and the summary
	// share stderr. Whether it is a terminal is asked of the real file.
	tty := isTerminal(stderr)
	stderr = &lockedWriter{w: stderr}
	t := newTally()
	st := &inputs.Stats{}
	prog := startProgress(stderr, tty, t, st, inputs.TotalSize(c.ins), c.every, c.quiet)
	warn := func(format string, args ...any) { fmt.Fprintf(stderr, "batch: "+format+"\n", args...) }
	retries, streamFails, err := runPipeline(ctx, client, c, out, stdin, done, t, st, warn)
	prog.finish()
	if cerr := out.close(); err == nil && cerr != nil {
		err = fmt.Errorf("batch: write output: %w", cerr)
	}
	printSummary(stderr, t, st, retries, streamFails)
	return err
}

func (c *batchConfig) check(format string) error {
	switch {
	case len(c.ins) == 0:
		return fmt.Errorf("batch: --in is required")
	case (c.out == "") == (c.outDir == ""):
		return fmt.Errorf("batch: give one of --out or --out-dir")
	case c.inflight < 1:
		return fmt.Errorf("batch: --inflight must be at least 1")
	case c.maxAttempts < 1:
		return fmt.Errorf("batch: --max-attempts must be at least 1")
	case c.resume && c.out == "-":
		return fmt.Errorf("batch: --resume needs an output file, not stdout")
	}
	switch format {
	case "text":
	case "markdown", "md":
		c.markdown = true
	default:
		return fmt.Errorf("batch: --format is text or markdown, not %q", format)
	}
	for _, in := range c.ins {
		if in == "-" {
			continue
		}
		if _, err := os.Stat(in); err != nil {
			return fmt.Errorf("batch: input: %w", err)
		}
	}
	if c.streamDocs < 1 {
		c.streamDocs = 1
	}
	return nil
}

// defaultStreams is enough streams to keep every server busy: each stream
// is pinned to one server, two per server so that one draining at a
// rotation leaves the other working.
func defaultStreams(addr string) int {
	switch {
	case addr == "":
		return 2
	case strings.Contains(addr, "://"):
		return 8 // the number of servers behind a name is not known up front
	}
	return 2 * len(strings.Split(addr, ","))
}

// openSink opens the output: appending when resuming, else truncating.
func openSink(c batchConfig, stdout io.Writer) (sink, error) {
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if c.resume {
		flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	if c.outDir != "" {
		if err := os.MkdirAll(c.outDir, 0o755); err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
		f, err := os.OpenFile(filepath.Join(c.outDir, indexName), flags, 0o644)
		if err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
		return &dirSink{root: c.outDir, markdown: c.markdown, index: bufio.NewWriterSize(f, 1<<16), f: f}, nil
	}
	if c.out == "-" {
		return &jsonlSink{w: bufio.NewWriterSize(stdout, 1<<16)}, nil
	}
	f, err := os.OpenFile(c.out, flags, 0o644)
	if err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	return &jsonlSink{w: bufio.NewWriterSize(f, 1<<16), f: f}, nil
}

// contentSize is the size of a request's document in bytes.
func contentSize(req *pb.ExtractRequest) int {
	return len(req.GetHtml()) + len(req.GetText()) + len(req.GetRaw())
}

// runPipeline is the batch: a reader feeds documents into a window of
// --inflight tokens, the dispatcher's streams process them, and this
// goroutine writes every result, releasing its token. A full window stops
// the reader, so memory is bounded whatever the corpus size, and a slow
// disk or slow servers slow the reader down (backpressure end to end).
func runPipeline(ctx context.Context, client pb.ExtractServiceClient, c batchConfig, out sink, stdin io.Reader,
	done *doneSet, t *tally, st *inputs.Stats, warn func(string, ...any)) (retries, streamFails int64, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tokens := make(chan struct{}, c.inflight)
	d := &dispatcher{
		client:      client,
		encode:      out.encode,
		work:        make(chan *job, c.inflight),
		results:     make(chan result, c.inflight),
		done:        make(chan struct{}),
		abort:       ctx.Done(),
		streams:     c.streams,
		streamDocs:  c.streamDocs,
		maxAttempts: c.maxAttempts,
		giveUp:      c.giveUp,
		warn:        warn,
	}
	// Every document read is outstanding until written; the batch is done
	// when the reader has finished and nothing is outstanding. Both sides
	// check, so whichever is last closes done.
	var outstanding atomic.Int64
	var readDone atomic.Bool
	var closeDone sync.Once
	finishIfDone := func() {
		if readDone.Load() && outstanding.Load() == 0 {
			closeDone.Do(func() { close(d.done) })
		}
	}
	fail := make(chan error, 2)

	go func() {
		r := &inputs.Reader{Stdin: stdin, Stats: st}
		emit := func(doc inputs.Document) error {
			if done != nil && done.has(doc.Req.GetId()) {
				t.resumed.Add(1)
				return nil
			}
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			outstanding.Add(1)
			j := &job{req: doc.Req, size: contentSize(doc.Req)}
			if doc.Err != nil {
				d.finish(j, failureResponse(doc.Req.GetId(), doc.Err))
				return nil
			}
			if c.markdown && doc.Req.GetOptions().GetFormat() == pb.BodyFormat_BODY_FORMAT_UNSPECIFIED {
				if doc.Req.Options == nil {
					doc.Req.Options = &pb.ExtractOptions{}
				}
				doc.Req.Options.Format = pb.BodyFormat_BODY_FORMAT_MARKDOWN
			}
			d.work <- j
			return nil
		}
		for _, in := range c.ins {
			if err := r.Read(ctx, in, emit); err != nil {
				if ctx.Err() == nil {
					fail <- fmt.Errorf("batch: %w", err)
				}
				return
			}
		}
		readDone.Store(true)
		finishIfDone()
	}()

	var dispErr error
	dispDone := make(chan struct{})
	go func() {
		defer close(dispDone)
		if dispErr = d.run(ctx); dispErr != nil && ctx.Err() == nil {
			fail <- dispErr
		}
	}()

	flushEvery := time.NewTicker(time.Second)
	defer flushEvery.Stop()
	var werr error
write:
	for {
		select {
		case r := <-d.results:
			t.count(r)
			if werr = out.write(r.enc); werr != nil {
				werr = fmt.Errorf("batch: write output: %w", werr)
				break write
			}
			<-tokens
			outstanding.Add(-1)
			finishIfDone()
		case <-flushEvery.C:
			// Push what is buffered to the file now and then, so that it
			// is current for readers and a kill loses little; not after
			// every document, which costs a write call each.
			if werr = out.flush(); werr != nil {
				werr = fmt.Errorf("batch: write output: %w", werr)
				break write
			}
		case <-d.done:
			break write
		case werr = <-fail:
			break write
		case <-ctx.Done():
			werr = ctx.Err()
			break write
		}
	}
	cancelled := werr != nil
	if cancelled {
		cancel()
	}
	<-dispDone
	if werr == nil && dispErr != nil && !errors.Is(dispErr, context.Canceled) {
		werr = dispErr
	}
	return d.retries.Load(), d.streamFails.Load(), werr
}

// failureResponse is the answer written for a document that failed
// before reaching a server.
func failureResponse(id string, st *spb.Status) *pb.ExtractBatchResponse {
	return &pb.ExtractBatchResponse{Id: id, Result: &pb.ExtractBatchResponse_Error{Error: st}}
}

// lockedWriter serialises writes from several goroutines.
type lockedWriter struct {
	mu sync.Mutex // protects w
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
