package extract

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// benchPages loads a fixed set of corpus pages (the first 40 metadata
// files in name order), decoded, or skips when the corpus is absent.
func benchPages(b *testing.B) []string {
	root := corpusDir()
	if root == "" {
		b.Skip("corpus not found at ../shared/corpus")
	}
	files, _ := filepath.Glob(filepath.Join(root, "metadata", "html", "*.html.gz"))
	sort.Strings(files)
	if len(files) > 40 {
		files = files[:40]
	}
	var pages []string
	for _, f := range files {
		raw, err := readGzip(f)
		if err != nil {
			b.Fatal(err)
		}
		s, _, err := Decode(raw, "")
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, s)
	}
	return pages
}

// BenchmarkMetadata reports, per page and in one run, html.Parse alone,
// readMetadata on the parsed tree, detectLanguage (on the page text, an
// upper bound for a body) and the whole Extract, so the ratios to parse
// are visible together:
//
//	go test ./extract -run '^$' -bench Metadata -benchmem
func BenchmarkMetadata(b *testing.B) {
	pages := benchPages(b)
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := html.Parse(strings.NewReader(pages[i%len(pages)])); err != nil {
				b.Fatal(err)
			}
		}
	})
	docs := make([]*html.Node, len(pages))
	for i, p := range pages {
		docs[i], _ = html.Parse(strings.NewReader(p))
	}
	b.Run("readMetadata", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			readMetadata(docs[i%len(docs)], "")
		}
	})
	b.Run("detectLanguage", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			detectLanguage(pages[i%len(pages)])
		}
	})
	b.Run("Extract", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := Extract(context.Background(), Input{HTML: pages[i%len(pages)]}, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
