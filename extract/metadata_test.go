package extract

import (
	"strings"
	"testing"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
)

// Readability's byline wins over the page's metadata, except when
// readability read only the marked article body, where the name it
// found may be a commenter's or a photographer's.
func TestMergeMetadataByline(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><head><title>Bridge</title></head><body><div>` +
		`<p>The council met on Monday evening to decide about the new bridge over the river.</p>` +
		`<div class="byline">By Max Muster</div></div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if art.Byline() == "" {
		t.Fatal("readability found no byline: the test page needs one")
	}
	tests := []struct {
		name    string
		focused bool
		want    string
	}{
		{"whole page: readability's byline", false, "Max Muster"},
		{"marked article body: the page's metadata", true, "Jane Roe"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a Article
			mergeMetadata(&a, pageMetadata{Byline: "Jane Roe", Authors: []string{"Jane Roe"}, focused: tc.focused}, art, "")
			if a.Byline != tc.want {
				t.Errorf("byline %q, want %q", a.Byline, tc.want)
			}
		})
	}
}

// The page's one <h1> wins when the title holds it, also when the two set
// dashes, the ellipsis, spaces or letter case apart; quotes must match.
func TestPickHeadline(t *testing.T) {
	tests := []struct {
		title, h1, want string
	}{
		{"Bridge opens - Daily Courier", "Bridge opens", "Bridge opens"},
		{"Shops - Designers | Example", "Shops – Designers", "Shops – Designers"},
		{"Everything has its time...", "Everything has its time…", "Everything has its time…"},
		{"macro photos of insects", "Macro Photos of Insects", "Macro Photos of Insects"},
		{"Council\u00a0: a vote", "Council : a vote", "Council : a vote"},
		{`Fact-checker: "Any doubts?"`, "Fact-checker: “Any doubts?”", `Fact-checker: "Any doubts?"`},
		{"Bridge opens", "Another story", "Bridge opens"},
	}
	for _, tc := range tests {
		m := pageMetadata{Headline: tc.title, H1: tc.h1}
		if got := pickHeadline(m, tc.title); got != tc.want {
			t.Errorf("pickHeadline(%q, h1 %q) = %q, want %q", tc.title, tc.h1, got, tc.want)
		}
	}
}

// A byline box that Clean removed before readability could see it still
// gives the byline, cleaned as readability's would be, and its authors.
func TestBylineFromSpans(t *testing.T) {
	tests := []struct {
		name        string
		spans       []noise.Span
		byline      string
		wantAuthors []string
	}{
		{"prefix dropped", []noise.Span{{Kind: noise.Byline, Text: "von\n\tDennis Weber"}}, "Dennis Weber", []string{"Dennis Weber"}},
		{"two authors", []noise.Span{{Kind: noise.Byline, Text: "By Ann Lee and Bo Chan"}}, "Ann Lee and Bo Chan", []string{"Ann Lee", "Bo Chan"}},
		{"first that cleans to a name", []noise.Span{{Kind: noise.Byline, Text: "Posted on"}, {Kind: noise.Byline, Text: "Ann Lee"}}, "Ann Lee", []string{"Ann Lee"}},
		{"not a byline span", []noise.Span{{Kind: noise.Caption, Text: "Ann Lee"}}, "", nil},
		{"too long", []noise.Span{{Kind: noise.Byline, Text: strings.Repeat("Ann Lee ", 20)}}, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m pageMetadata
			m.bylineFromSpans(tc.spans)
			if m.Byline != tc.byline || strings.Join(m.Authors, "|") != strings.Join(tc.wantAuthors, "|") {
				t.Errorf("byline %q authors %q, want %q %q", m.Byline, m.Authors, tc.byline, tc.wantAuthors)
			}
		})
	}
}
