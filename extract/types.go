package extract

import (
	"slices"
	"time"

	"github.com/boilerstrip/boilerstrip/extract/noise"
)

// NoiseKind is the kind of a removed span; see package noise.
type NoiseKind = noise.Kind

// Removed is one piece of the input that is not part of the article body.
type Removed = noise.Span

// Format is the format of Article.Content.
type Format int

// Body formats.
const (
	FormatText     Format = iota // plain text only; Content stays empty
	FormatMarkdown               // Content holds Markdown
	FormatHTML                   // Content holds simplified HTML
)

// Preference trades precision against recall when a block is in doubt.
type Preference int

// Preferences.
const (
	Balanced Preference = iota
	PreferPrecision
	PreferRecall
)

// InputKind says how the input was read.
type InputKind int

// Input kinds.
const (
	InputUnknown InputKind = iota
	InputHTML
	InputText
)

func (k InputKind) String() string {
	switch k {
	case InputHTML:
		return "html"
	case InputText:
		return "text"
	}
	return "unknown"
}

// Options tune one extraction. The zero value is the default: plain text
// body, removed spans with their text, balanced preference.
type Options struct {
	Format Format
	// OmitRemovedText leaves Removed[i].Text empty, for callers that only
	// need offsets and kinds.
	OmitRemovedText bool
	Preference      Preference
	// KeepKinds are noise kinds the caller wants kept in the body (for
	// example captions). Blocks of these kinds go to the body and are not
	// reported in Removed.
	KeepKinds []NoiseKind
	// URL is the page's address, used only to resolve relative links and
	// as a metadata hint. It is never fetched.
	URL string
}

// Keeps reports whether the caller asked to keep kind k in the body.
func (o Options) Keeps(k NoiseKind) bool { return slices.Contains(o.KeepKinds, k) }

// Span is a half-open byte range [Start, End) of the input.
type Span struct {
	Start, End int
}

// Article is the extracted article.
type Article struct {
	Headline    string
	Byline      string
	Authors     []string
	Published   string // ISO 8601: 2022-03-18 or 2023-02-22T12:14:00+02:00
	Body        string // plain text, paragraphs separated by a blank line
	Content     string // Body in Options.Format when that is not plain text
	Language    string // ISO 639-1 code
	SiteName    string
	Description string
	Image       string
	WordCount   int
}

// Result is everything one extraction produced.
type Result struct {
	Article Article
	Removed []Removed
	// BodySpans are the byte ranges of the body's pieces in the input
	// (always filled for text input; for HTML where they can be located).
	BodySpans []Span
	InputKind InputKind
	// Path names the extraction path that produced the body, e.g.
	// "text", "readability", "readability+lead", "blocks+recipe" (see
	// Diagnostics.path in the proto for every path).
	Path     string
	Duration time.Duration
}
