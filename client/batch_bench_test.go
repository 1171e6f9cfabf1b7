package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/boilerstrip/boilerstrip/extract"
)

// benchPages are the pages the batch benchmark cycles through: the
// repository's testdata pages, plus, when BOILERSTRIP_BENCH_CORPUS names
// a directory (e.g. ../shared/corpus/goose3/html), up to 100 of its
// .html/.html.gz pages, read in place.
func benchPages(b *testing.B) []string {
	b.Helper()
	paths, _ := filepath.Glob("../testdata/pages/*.html")
	if dir := os.Getenv("BOILERSTRIP_BENCH_CORPUS"); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "*.html*"))
		paths = append(paths, more[:min(len(more), 100)]...)
	}
	var pages []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if strings.HasSuffix(p, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				b.Fatal(err)
			}
		}
		pages = append(pages, string(data))
	}
	if len(pages) == 0 {
		b.Fatal("no benchmark pages")
	}
	return pages
}

// directRate extracts n pages by calling the extract library on workers
// goroutines, the ceiling the batch is measured against, in docs/s.
func directRate(b *testing.B, pages []string, n, workers int) float64 {
	b.Helper()
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if _, err := extract.Extract(context.Background(), extract.Input{HTML: pages[i%len(pages)]}, extract.Options{}); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return float64(n) / time.Since(start).Seconds()
}

// benchRounds: the machine is shared, so the library and the batch are
// timed in alternating rounds and each keeps its best round; a burst of
// load from elsewhere then spoils one round, not the ratio.
const benchRounds = 3

// BenchmarkBatch runs b.N documents through `client batch` (JSONL in,
// JSONL out) in-process and over loopback gRPC, and reports its rate next
// to calling extract.Extract directly with GOMAXPROCS workers on the same
// pages: batch/direct is the share of the library's speed that the batch
// path keeps.
//
//	go test ./client -run '^$' -bench BenchmarkBatch -benchtime 3000x
func BenchmarkBatch(b *testing.B) {
	pages := benchPages(b)
	workers := runtime.GOMAXPROCS(0)
	for _, mode := range []string{"inprocess", "loopback"} {
		b.Run(mode, func(b *testing.B) {
			n := max(b.N/benchRounds, 1)
			dir := b.TempDir()
			in := filepath.Join(dir, "in.jsonl")
			var buf bytes.Buffer
			for i := range n {
				line, _ := json.Marshal(map[string]string{"id": fmt.Sprint("doc-", i), "html": pages[i%len(pages)]})
				buf.Write(append(line, '\n'))
			}
			mustWrite(b, in, buf.Bytes())
			args := []string{"--in", in, "--out", filepath.Join(dir, "out.jsonl"), "--quiet"}
			if mode == "loopback" {
				_, addr := startServer(b)
				args = append(args, "--addr", addr)
			}
			var direct, rate float64
			var directCPU, batchCPU time.Duration
			b.ResetTimer()
			for range benchRounds {
				cpu0 := cpuTime()
				direct = max(direct, directRate(b, pages, n, workers))
				cpu1 := cpuTime()
				start := time.Now()
				if err := runBatch(context.Background(), args, nil, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
				rate = max(rate, float64(n)/time.Since(start).Seconds())
				directCPU += cpu1 - cpu0
				batchCPU += cpuTime() - cpu1
			}
			b.StopTimer()
			b.ReportMetric(rate, "docs/s")
			b.ReportMetric(direct, "direct-docs/s")
			b.ReportMetric(rate/direct, "batch/direct")
			// The same ratio in CPU time (user+sys of this process, which
			// for loopback excludes nothing: the server runs in it too). It
			// does not move when other jobs take cores away, so it shows
			// the batch path's own cost when the wall-clock ratio is noisy.
			b.ReportMetric(directCPU.Seconds()/batchCPU.Seconds(), "batch/direct-cpu")
		})
	}
}

// cpuTime is the user+system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
