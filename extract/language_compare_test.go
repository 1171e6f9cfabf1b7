//go:build langcompare

package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/abadojack/whatlanggo"
	"github.com/boilerstrip/boilerstrip/extract/meta"
	lingua "github.com/pemistahl/lingua-go"
	"golang.org/x/net/html"
)

// langSample is one text with its known language.
type langSample struct{ text, lang string }

// languageSamples builds the comparison set from the corpus: the expected
// article text of the readability pages (language from their metadata),
// whole and cut to 200 bytes, and the must-keep snippets of the trafilatura
// pages joined (language from the page's <html lang>).
func languageSamples(t *testing.T, root string) []langSample {
	var out []langSample
	f, err := os.Open(filepath.Join(root, "readability", "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r struct {
			ExpectedText string `json:"expected_text"`
			Metadata     struct {
				Lang *string `json:"lang"`
			} `json:"metadata"`
		}
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Metadata.Lang == nil {
			continue
		}
		lang := strings.ToLower((*r.Metadata.Lang)[:2])
		b, err := os.ReadFile(filepath.Join(root, r.ExpectedText))
		if err != nil || len(b) < 200 {
			continue
		}
		out = append(out, langSample{string(b), lang}, langSample{strings.ToValidUTF8(string(b[:200]), ""), lang})
	}
	g, err := os.Open(filepath.Join(root, "trafilatura", "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	sc = bufio.NewScanner(g)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r struct {
			HTML string   `json:"html"`
			With []string `json:"with"`
		}
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		raw, err := readGzip(filepath.Join(root, r.HTML))
		if err != nil {
			continue
		}
		page, _, err := Decode(raw, "")
		if err != nil {
			continue
		}
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			continue
		}
		lang := meta.Read(doc, "").Language
		text := strings.Join(r.With, " ")
		if lang == "" || len(text) < 100 {
			continue
		}
		out = append(out, langSample{text, lang})
	}
	return out
}

// TestLanguageDetectors compares whatlanggo and lingua-go (low-accuracy
// mode and full models) on accuracy, time per text and memory. It is slow
// (lingua loads its models) and runs only when asked:
//
//	BOILERSTRIP_LANG_COMPARE=1 go test -tags langcompare ./extract -run TestLanguageDetectors -v
//
// The build tag keeps lingua (a 120 MB module) out of ordinary builds.
func TestLanguageDetectors(t *testing.T) {
	if os.Getenv("BOILERSTRIP_LANG_COMPARE") == "" {
		t.Skip("set BOILERSTRIP_LANG_COMPARE=1 to run the detector comparison")
	}
	root := metadataCorpusDir()
	if root == "" {
		t.Skip("corpus not found at ../shared/corpus")
	}
	samples := languageSamples(t, root)
	type detector struct {
		name  string
		build func() func(string) string
	}
	detectors := []detector{
		{"whatlanggo", func() func(string) string {
			return func(s string) string {
				info := whatlanggo.Detect(s)
				if !info.IsReliable() {
					return ""
				}
				return info.Lang.Iso6391()
			}
		}},
		{"whatlanggo (unreliable too)", func() func(string) string {
			return func(s string) string { return whatlanggo.Detect(s).Lang.Iso6391() }
		}},
		{"ours (detectLanguage)", func() func(string) string { return detectLanguage }},
		{"lingua low-accuracy", func() func(string) string {
			d := lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithLowAccuracyMode().WithPreloadedLanguageModels().Build()
			return func(s string) string {
				if l, ok := d.DetectLanguageOf(s); ok {
					return strings.ToLower(l.IsoCode639_1().String())
				}
				return ""
			}
		}},
		{"lingua high-accuracy", func() func(string) string {
			d := lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithPreloadedLanguageModels().Build()
			return func(s string) string {
				if l, ok := d.DetectLanguageOf(s); ok {
					return strings.ToLower(l.IsoCode639_1().String())
				}
				return ""
			}
		}},
	}
	t.Logf("%d samples", len(samples))
	for _, d := range detectors {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		detect := d.build()
		load := time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		ok, none := 0, 0
		start = time.Now()
		for _, s := range samples {
			got := detect(s.text)
			switch {
			case got == "":
				none++
			case got == s.lang:
				ok++
			}
		}
		per := time.Since(start) / time.Duration(len(samples))
		t.Log(fmt.Sprintf("%-28s accuracy %.3f  no answer %.3f  %8v/text  load %v  heap +%d MB", d.name,
			float64(ok)/float64(len(samples)), float64(none)/float64(len(samples)), per, load.Round(time.Millisecond),
			(int64(after.HeapAlloc)-int64(before.HeapAlloc))>>20))
	}
}
