package extract

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

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
			if _, err := html.Parse(strings.NewReader(pages[i%len(pages)].html)); err != nil {
				b.Fatal(err)
			}
		}
	})
	docs := make([]*html.Node, len(pages))
	for i, p := range pages {
		docs[i], _ = html.Parse(strings.NewReader(p.html))
	}
	b.Run("readMetadata", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			readMetadata(docs[i%len(docs)], pages[i%len(pages)].url)
		}
	})
	b.Run("detectLanguage", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			detectLanguage(pages[i%len(pages)].html)
		}
	})
	b.Run("Extract", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := Extract(context.Background(), Input{HTML: pages[i%len(pages)].html}, Options{URL: pages[i%len(pages)].url}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
