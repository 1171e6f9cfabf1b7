package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
	"google.golang.org/grpc/codes"

	"github.com/boilerstrip/boilerstrip/client/internal/inputs"
	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// tally is what the batch did. The atomics are written by the writer and
// read by the progress display; the maps only by the writer, and by the
// summary once the writer is done.
type tally struct {
	start      time.Time
	docs       atomic.Int64 // documents written (ok + failed)
	failed     atomic.Int64
	resumed    atomic.Int64           // documents skipped by --resume (written by the reader)
	byCode     map[codes.Code]int64   // failures by status code
	bytesIn    int64                  // document bytes sent (content as read)
	bodyOut    int64                  // bytes of article body written
	removed    map[pb.NoiseKind]int64 // removed bytes by noise kind
	removedAll int64
}

func newTally() *tally {
	return &tally{start: time.Now(), byCode: map[codes.Code]int64{}, removed: map[pb.NoiseKind]int64{}}
}

// count records one written result.
func (t *tally) count(r result) {
	t.docs.Add(1)
	t.bytesIn += int64(r.job.size)
	if e := r.resp.GetError(); e != nil {
		t.failed.Add(1)
		t.byCode[codes.Code(e.GetCode())]++
		return
	}
	resp := r.resp.GetResponse()
	t.bodyOut += int64(len(resp.GetArticle().GetBody()))
	for _, s := range resp.GetRemoved() {
		n := s.GetEnd() - s.GetStart()
		if s.GetText() != "" {
			n = int64(len(s.GetText()))
		}
		if n > 0 {
			t.removed[s.GetKind()] += n
			t.removedAll += n
		}
	}
}

// progress shows how far the batch is: a bar on a terminal, a log line
// every interval otherwise.
type progress struct {
	w        io.Writer
	t        *tally
	read     *inputs.Stats
	total    int64 // input bytes, -1 when unknown
	bar      *progressbar.ProgressBar
	interval time.Duration
	stop     chan struct{}
	stopped  chan struct{}
}

// isTerminal reports whether w is a terminal, where a redrawn bar makes
// sense; anything else (a file, a CI log) gets plain lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func startProgress(w io.Writer, tty bool, t *tally, read *inputs.Stats, total int64, interval time.Duration, quiet bool) *progress {
	p := &progress{w: w, t: t, read: read, total: total, interval: interval, stop: make(chan struct{}), stopped: make(chan struct{})}
	if quiet {
		close(p.stopped)
		return p
	}
	tick := interval
	if tty {
		// The bar tracks input bytes, which is what the ETA can be
		// computed from; documents, rate and errors go in its text.
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowTotalBytes(true),
			progressbar.OptionSetPredictTime(total > 0),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionFullWidth(),
			progressbar.OptionClearOnFinish(),
		)
		tick = 200 * time.Millisecond
	}
	go p.loop(tick)
	return p
}

func (p *progress) loop(tick time.Duration) {
	defer close(p.stopped)
	tk := time.NewTicker(tick)
	defer tk.Stop()
	for {
		select {
		case <-p.stop:
			if p.bar != nil {
				_ = p.bar.Finish()
			}
			return
		case <-tk.C:
			if p.bar != nil {
				p.bar.Describe(p.status())
				_ = p.bar.Set64(p.read.BytesRead.Load())
			} else {
				p.logLine()
			}
		}
	}
}

func (p *progress) status() string {
	docs := p.t.docs.Load()
	rate := float64(docs) / time.Since(p.t.start).Seconds()
	return fmt.Sprintf("%d docs, %.0f docs/s, %d errors", docs, rate, p.t.failed.Load())
}

func (p *progress) logLine() {
	read := p.read.BytesRead.Load()
	line := fmt.Sprintf("batch: %s, %.1f MB read", p.status(), float64(read)/1e6)
	if p.total > 0 && read > 0 {
		elapsed := time.Since(p.t.start)
		frac := float64(read) / float64(p.total)
		eta := time.Duration(float64(elapsed)/frac) - elapsed
		line += fmt.Sprintf(" of %.1f MB (%.0f%%), ETA %v", float64(p.total)/1e6, 100*frac, eta.Round(time.Second))
	}
	fmt.Fprintln(p.w, line)
}

func (p *progress) finish() {
	select {
	case <-p.stopped:
	default:
		close(p.stop)
		<-p.stopped
	}
}

// printSummary writes the final report. Its first line keeps the shape
// "N documents, N ok, N failed" that scripts grep for.
func printSummary(w io.Writer, t *tally, read *inputs.Stats, retries, streamFails int64) {
	docs, failed := t.docs.Load(), t.failed.Load()
	wall := time.Since(t.start)
	fmt.Fprintf(w, "batch: %d documents, %d ok, %d failed in %v (%.0f docs/s)\n",
		docs, docs-failed, failed, wall.Round(time.Millisecond), float64(docs)/wall.Seconds())
	if len(t.byCode) > 0 {
		var parts []string
		for c, n := range t.byCode {
			parts = append(parts, fmt.Sprintf("%s %d", c, n))
		}
		sort.Strings(parts)
		fmt.Fprintf(w, "  errors by code: %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "  bytes in: %d (%.1f MB read from inputs); body out: %d bytes\n",
		t.bytesIn, float64(read.BytesRead.Load())/1e6, t.bodyOut)
	if t.removedAll > 0 {
		type kv struct {
			k pb.NoiseKind
			n int64
		}
		var kinds []kv
		for k, n := range t.removed {
			kinds = append(kinds, kv{k, n})
		}
		sort.Slice(kinds, func(i, j int) bool { return kinds[i].n > kinds[j].n })
		var parts []string
		for _, e := range kinds {
			parts = append(parts, fmt.Sprintf("%s %d", strings.ToLower(strings.TrimPrefix(e.k.String(), "NOISE_KIND_")), e.n))
		}
		fmt.Fprintf(w, "  removed bytes: %d (%s)\n", t.removedAll, strings.Join(parts, ", "))
	}
	if n := read.SkippedNotResponse.Load() + read.SkippedNotText.Load() + read.SkippedHTTPStatus.Load(); n > 0 {
		fmt.Fprintf(w, "  WARC records skipped: %d not response, %d not HTML or text, %d non-2xx HTTP status\n",
			read.SkippedNotResponse.Load(), read.SkippedNotText.Load(), read.SkippedHTTPStatus.Load())
	}
	if n := t.resumed.Load(); n > 0 {
		fmt.Fprintf(w, "  resumed: %d documents already in the output were skipped\n", n)
	}
	if retries > 0 || streamFails > 0 {
		fmt.Fprintf(w, "  retries: %d documents sent again, %d streams broke\n", retries, streamFails)
	}
}
