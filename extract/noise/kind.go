// Package noise names the kinds of boilerplate boilerstrip removes and holds
// the classifiers shared by the plain-text and HTML paths.
//
// ClassifyBlocks (classify.go) is the one block classifier of both paths.
// Its stages, one file each: features.go (per-block features and lexicon
// cues) → grade.go (jusText-style prose grade and context) → regions.go
// (repeated lines, widget regions) → span.go (where the article is) →
// kinds.go (the final kind and rule of every block). Wording lives in
// lexicon/*.txt, one file per language, and the tuned numbers in
// thresholds.txt, both embedded.
//
// It is a leaf package: the text segmenter, the HTML pipeline and the public
// extract package all depend on it, never the other way round.
package noise

// Kind says what a removed piece of text was. The numeric values match the
// NOISE_KIND_* values of boilerstrip.v1.NoiseKind so the server converts
// between them with a cast.
type Kind int32

// The kinds, in the order of the proto enum.
const (
	Unspecified      Kind = iota
	Headline              // moved out of the body into Article.Headline
	Byline                // moved out of the body into Article.Byline
	Dateline              // moved out of the body into Article.Published
	Navigation            // menus, breadcrumbs, skip links
	Social                // share/follow bars, "join our channel" promos
	DonationAppeal        // donate/support/membership appeals, payment rows
	NewsletterSignup      // e-mail sign-up widgets and their messages
	Caption               // image captions and photo credits
	RelatedContent        // related links, "read more", news feeds
	Comments              // comment sections and counters
	Advertisement         // ads and sponsored blocks
	CookieNotice          // cookie and consent banners
	MediaWidget           // audio/video players, "listen to this article"
	Footer                // legal, copyright, imprint
	Other                 // anything else that is not the article
)

var kindNames = [...]string{
	Unspecified:      "unspecified",
	Headline:         "headline",
	Byline:           "byline",
	Dateline:         "dateline",
	Navigation:       "navigation",
	Social:           "social",
	DonationAppeal:   "donation_appeal",
	NewsletterSignup: "newsletter_signup",
	Caption:          "caption",
	RelatedContent:   "related_content",
	Comments:         "comments",
	Advertisement:    "advertisement",
	CookieNotice:     "cookie_notice",
	MediaWidget:      "media_widget",
	Footer:           "footer",
	Other:            "other",
}

// String returns the lower-case name used in labels and data files,
// e.g. "donation_appeal".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unspecified"
	}
	return kindNames[k]
}

// ParseKind maps a lower-case name (as in data files) back to a Kind.
func ParseKind(name string) (Kind, bool) {
	for i, n := range kindNames {
		if n == name {
			return Kind(i), true
		}
	}
	return Unspecified, false
}

// Span is one removed piece of the input: where it was, what it was and
// which rule decided so.
type Span struct {
	Kind  Kind
	Start int // byte offset into the input as sent, inclusive
	End   int // byte offset, exclusive
	Text  string
	Rule  string // name of the heuristic that fired; grep the code for it
	// Selector is a CSS path to the removed element (HTML input only).
	Selector string
}
