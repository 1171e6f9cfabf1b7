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
		more, _ := filepath.Glob(filepath.Join(benchCorpusDir(dir), "*.html*"))
		if len(more) == 0 {
			// Silently measuring the testdata page alone once made a
			// corpus run report the fixed cost of a 2 KB page instead.
			b.Fatalf("BOILERSTRIP_BENCH_CORPUS=%s: no .html pages there (relative paths are taken from the module root)", dir)
		}
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

// benchCorpusDir resolves BOILERSTRIP_BENCH_CORPUS. `go test` runs the
// benchmark in the package directory (client/), but the path is written
// from the module root, where the command is typed; a relative path is
// therefore taken from the module root when it does not exist here.
func benchCorpusDir(dir string) string {
	if filepath.IsAbs(dir) {
		return dir
	}
	if _, err := os.Stat(dir); err == nil {
		return dir
	}
	return filepath.Join("..", dir)
}

// directRate extracts n pages by calling the extract library on workers
// goroutines, the ceiling the batch is measured against, in docs/s. raw
// sends the pages as bytes to be decoded, as the batch does for files.
func directRate(b *testing.B, pages []string, n, workers int, raw bool) float64 {
	b.Helper()
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				in := extract.Input{HTML: pages[i%len(pages)]}
				if raw {
					in = extract.Input{Raw: []byte(in.HTML), ContentType: "text/html"}
				}
				if _, err := extract.Extract(context.Background(), in, extract.Options{}); err != nil {
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

// BenchmarkBatch runs b.N documents through `client batch` in-process and
// over loopback gRPC, from a directory of pages and from JSONL (both
// written to JSONL), and reports its rate next to calling extract.Extract
// directly with GOMAXPROCS workers on the same pages, given to it the way
// the service gives them (raw bytes for files, strings for JSONL html):
// batch/direct is the share of the library's speed that the batch path
// keeps. The JSONL variant pays for decoding the pages out of JSON
// strings, which the library call does not.
//
//	go test ./client -run '^$' -bench BenchmarkBatch -benchtime 3000x
func BenchmarkBatch(b *testing.B) {
	pages := benchPages(b)
	workers := runtime.GOMAXPROCS(0)
	for _, mode := range []string{"inprocess", "loopback"} {
		for _, input := range []string{"dir", "jsonl"} {
			b.Run(mode+"/"+input, func(b *testing.B) {
				n := max(b.N/benchRounds, 1)
				dir := b.TempDir()
				in := writeBenchInput(b, filepath.Join(dir, "in"), input, pages, n)
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
					direct = max(direct, directRate(b, pages, n, workers, input == "dir"))
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
				// The same ratio in CPU time (user+sys of this process; for
				// loopback the server runs in it too). It moves less when
				// other jobs take cores away, so it shows the batch path's
				// own cost when the wall-clock ratio is noisy.
				b.ReportMetric(directCPU.Seconds()/batchCPU.Seconds(), "batch/direct-cpu")
			})
		}
	}
}

// writeBenchInput writes n documents cycling through pages, as a
// directory of .html files or as JSONL, and returns the input path.
func writeBenchInput(b *testing.B, path, kind string, pages []string, n int) string {
	b.Helper()
	if kind == "dir" {
		for i := range n {
			mustWrite(b, filepath.Join(path, fmt.Sprintf("%03d", i%1000), fmt.Sprintf("doc-%d.html", i)), []byte(pages[i%len(pages)]))
		}
		return path
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Like the corpus tools (Python's json.dumps), leave < > & unescaped.
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(map[string]string{"id": fmt.Sprint("doc-", i), "html": pages[i%len(pages)]}); err != nil {
			b.Fatal(err)
		}
	}
	path += ".jsonl"
	mustWrite(b, path, buf.Bytes())
	return path
}

// cpuTime is the user+system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
