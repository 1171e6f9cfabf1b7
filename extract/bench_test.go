package extract

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// benchCorpusPages is how many trafilatura corpus pages join the fixtures
// when the corpus is present: enough to average out page shapes, small
// enough for a benchmark run on a shared machine.
const benchCorpusPages = 60

// benchPage is one page of the benchmark set and the address a scraper
// would send with it.
type benchPage struct {
	html, url string
	base      *url.URL // url, parsed once outside the timed loops
}

// benchPages is the fixed page set: our fixtures, plus the first corpus
// pages (decoded) when the corpus exists. Corpus pages come with their
// own URL, as the quality test extracts them and as a scraper sends
// them; the fixtures, which have none, get a placeholder.
func benchPages(b *testing.B) []benchPage {
	b.Helper()
	var pages []benchPage
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "html", "*", "source.html"))
	for _, p := range dirs {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, benchPage{string(raw), benchBase.String(), benchBase})
	}
	manifest := filepath.Join(corpusDir, "trafilatura", "manifest.jsonl")
	if _, err := os.Stat(manifest); err == nil {
		t := &testing.T{}
		for i, pg := range readManifest[snippetPage](t, manifest) {
			if i >= benchCorpusPages {
				break
			}
			raw, err := readCorpusFile(filepath.Join(corpusDir, pg.HTML))
			if err != nil {
				b.Fatal(err)
			}
			doc, _, err := Decode(raw, "")
			if err != nil {
				b.Fatal(err)
			}
			base, err := url.Parse(pg.URL)
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, benchPage{doc, pg.URL, base})
		}
	}
	if len(pages) == 0 {
		b.Skip("no pages")
	}
	return pages
}

func benchParseStage(b *testing.B, page benchPage) { benchParse(b, page.html) }

func benchParse(b *testing.B, page string) *html.Node {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

var benchBase, _ = url.Parse("https://example.org/article")

func benchReadability(b *testing.B, page benchPage) {
	p := readability.NewParser()
	if _, err := p.ParseAndMutate(benchParse(b, page.html), page.base); err != nil {
		b.Fatal(err)
	}
}

func benchExtract(b *testing.B, page benchPage) {
	if _, err := Extract(context.Background(), Input{HTML: page.html}, Options{URL: page.url}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkHTML measures, over the same pages in the same run, html.Parse
// alone, readability alone (parse + ParseAndMutate) and our whole HTML
// extraction. Each sub-benchmark reports ns/page, CPU ns/page (user +
// system time of the process: steadier than wall time on a shared
// machine) and allocations; readability and extract also report their
// cost as a multiple of parse, on wall time ("x-parse") and on CPU time
// ("cpu-x-parse"), from the parse sub-benchmark that ran just before.
//
//	go test ./extract/ -run '^$' -bench BenchmarkHTML -benchmem -benchtime 10x
func BenchmarkHTML(b *testing.B) {
	pages := benchPages(b)
	var parseNs, parseCPU float64
	stages := []struct {
		name string
		run  func(*testing.B, benchPage)
	}{
		{"parse", benchParseStage},
		{"readability", benchReadability},
		{"extract", benchExtract},
	}
	for _, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := processCPU()
			for b.Loop() {
				for _, p := range pages {
					st.run(b, p)
				}
			}
			n := float64(b.N * len(pages))
			ns := float64(b.Elapsed().Nanoseconds()) / n
			cpu := float64((processCPU() - cpu0).Nanoseconds()) / n
			b.ReportMetric(ns, "ns/page")
			b.ReportMetric(cpu, "cpu-ns/page")
			if st.name == "parse" {
				parseNs, parseCPU = ns, cpu
			} else if parseNs > 0 {
				b.ReportMetric(ns/parseNs, "x-parse")
				if parseCPU > 0 {
					b.ReportMetric(cpu/parseCPU, "cpu-x-parse")
				}
			}
		})
	}
}

// BenchmarkHTMLInterleaved measures the same three stages in alternating
// rounds (parse every page, then readability, then extract, and again),
// so that a machine that speeds up or slows down during the run weighs on
// all three alike. BenchmarkHTML runs each stage's iterations back to back
// and divides by the parse figure of a run up to a minute earlier; on a
// shared virtual machine that moved its ratio by ±0.2. Each stage's
// garbage collection spills over into the next round at most once per 63
// pages. Reported: ns/page of extract and its multiple of parse, on wall
// and CPU time, and readability's.
//
//	go test ./extract/ -run '^$' -bench BenchmarkHTMLInterleaved -benchtime 10x -count 5
func BenchmarkHTMLInterleaved(b *testing.B) {
	pages := benchPages(b)
	stages := []func(*testing.B, benchPage){
		benchParseStage,
		benchReadability,
		benchExtract,
	}
	var wall, cpu [3]time.Duration
	for b.Loop() {
		for i, run := range stages {
			t0, c0 := time.Now(), processCPU()
			for _, p := range pages {
				run(b, p)
			}
			wall[i] += time.Since(t0)
			cpu[i] += processCPU() - c0
		}
	}
	n := float64(b.N * len(pages))
	b.ReportMetric(float64(wall[2].Nanoseconds())/n, "extract-ns/page")
	b.ReportMetric(float64(wall[0].Nanoseconds())/n, "parse-ns/page")
	b.ReportMetric(float64(wall[1])/float64(wall[0]), "readability-x-parse")
	b.ReportMetric(float64(wall[2])/float64(wall[0]), "x-parse")
	if cpu[0] > 0 {
		b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "readability-cpu-x-parse")
		b.ReportMetric(float64(cpu[2])/float64(cpu[0]), "cpu-x-parse")
	}
}
