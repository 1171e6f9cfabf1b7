package extract

import (
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/htmldom"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Leading and trailing metadata lines: readability keeps the byline, the
// date and the reading time when they sit inside the article container.
// They are metadata (Article.Byline, Article.Published), not body. On the
// trafilatura corpus the leading rules removed 5 "without" snippets and no
// "with" snippet; the readability set was unchanged. Looking at each of
// the first blocks rather than stopping at the first one that is not
// metadata (a lead paragraph above the date) removed 3 more "without"
// snippets; looking at the first 5 blocks instead of 3 changed nothing.
// At the end of the body ("Von: …", "Aktualisiert am …") 3 more went and
// none of the "with" ones, once a date line there needs its prefix word:
// bare dates at the end were a deadline and a phone number.
const (
	leadingMaxBlocks = 3  // only the body's first and last blocks are looked at
	leadingMaxWords  = 10 // a metadata line is short
)

// metadataLines labels the byline ("By …", "Von …"), date and
// reading-time lines among the body's first and last leadingMaxBlocks
// blocks, using the shared phrase lists of package noise; other blocks get
// the zero Label. The result is as long as body.
func metadataLines(body []blocks.Block) []noise.Label {
	out := make([]noise.Label, len(body))
	for i := 0; i < len(body) && i < leadingMaxBlocks; i++ {
		out[i], _ = metadataLine(body[i])
	}
	for i := max(len(body)-leadingMaxBlocks, leadingMaxBlocks); i < len(body); i++ {
		t := body[i].Text
		l, ok := metadataLine(body[i])
		if !ok || l.Rule == "leading-date" && noise.TrimDatePrefix(t) == t {
			continue
		}
		l.Rule = "trailing-" + strings.TrimPrefix(l.Rule, "leading-")
		out[i] = l
	}
	return out
}

// metadataLine labels a block that is a byline, a date line or a
// reading-time note, with the "leading-*" rule.
func metadataLine(b blocks.Block) (noise.Label, bool) {
	t := b.Text
	words := wordCount(t)
	if words == 0 || words > leadingMaxWords || b.Heading || isWrittenAddress(t) {
		return noise.Label{}, false
	}
	switch {
	case isReadingTime(t):
		return noise.Label{Kind: noise.Dateline, Rule: "leading-reading-time"}, true
	case isBylineLine(t):
		return noise.Label{Kind: noise.Byline, Rule: "leading-byline"}, true
	case isDateLine(t):
		return noise.Label{Kind: noise.Dateline, Rule: "leading-date"}, true
	}
	return noise.Label{}, false
}

func isReadingTime(t string) bool {
	rest, ok := noise.CutReadingTime(t)
	return ok && wordCount(rest) <= 2
}

func isBylineLine(t string) bool {
	name, ok := noise.TrimBylinePrefix(t)
	return ok && name != "" && wordCount(name) <= 6
}

// isDateLine: a short line with a date shape whose words are mostly not
// prose (at most four words once the date prefix is cut).
func isDateLine(t string) bool {
	if !noise.HasDateShape(t) {
		return false
	}
	return wordCount(noise.TrimDatePrefix(t)) <= 5
}

// dropLeadingTime detaches a <time> element that opens the body, before
// any other text: the article's date, which readability often merges with
// the first paragraph (a date line and a standfirst in one container)
// so that no block is the date alone. The element says what it is, in
// any language. On the trafilatura corpus it removed one "without"
// snippet and no "with" snippet; the readability set was unchanged (go
// test ./extract -run TestQualityCorpus -v, QUALITY_RULES=1).
func dropLeadingTime(root *html.Node) (noise.Span, bool) {
	var found *html.Node
	var walk func(n *html.Node) bool // false stops the walk
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					return false
				}
			case html.ElementNode:
				if c.DataAtom == atom.Time {
					found = c
					return false
				}
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	walk(root)
	if found == nil {
		return noise.Span{}, false
	}
	t := htmldom.Text(found)
	if w := wordCount(t); w == 0 || w > leadingMaxWords || !isDateLine(t) {
		return noise.Span{}, false
	}
	found.Parent.RemoveChild(found)
	return noise.Span{Kind: noise.Dateline, Rule: "leading-time", Text: t}, true
}

// Leading fragments: before the article's first sentence, readability
// often keeps the short lines around it in the same container: a section
// label, a menu, "By:", "Recommend", a photo credit. A body block of at
// most fragmentWords words that is not a heading and does not end like a
// sentence, above the first block of at least proseWords words (at most
// maxFragmentBlocks blocks down), is such a line; a <p>, a list item or a
// table row is the author's (a salutation, a subtitle, an ingredient).
// Measured with go test ./extract -run TestQualityCorpus -v
// (QUALITY_RULES=2): on the trafilatura corpus it removed 4 "without"
// snippets and no "with" snippet (FP 205 → 204; with <p> blocks too it
// took 3 "with" snippets); the readability set unchanged; of goose3's 51
// expected body openings, 18 start our body instead of 16.
const (
	fragmentWords     = 3
	proseWords        = 8
	maxFragmentBlocks = 8
)

// leadingFragments is the index of the body's first prose block when it
// lies within maxFragmentBlocks blocks, else 0 (no block is a fragment).
func leadingFragments(body []blocks.Block) int {
	for i := 0; i < len(body) && i <= maxFragmentBlocks; i++ {
		if wordCount(body[i].Text) >= proseWords {
			return i
		}
	}
	return 0
}

// isFragment says whether a block above the first prose block is a short
// line rather than the article's own text.
func isFragment(b blocks.Block) bool {
	if b.Heading || b.Tag == atom.P || b.Tag == atom.Tr || b.ListItem {
		return false
	}
	t := strings.TrimSpace(b.Text)
	return wordCount(t) <= fragmentWords && !noise.EndsSentence(t)
}

// Leading menus: readability keeps a site's section menu when it shares
// the article's container, as a list of one-link items above the first
// paragraph. menuItemWords bounds an item ("Politik", "Mehr Sport");
// minMenuItems spares a lone link item, which may be the article's own.
// Measured with go test ./extract -run 'TestQualityCorpus|TestOpeningQuality'
// -v (QUALITY_RULES=2): goose3 openings 22 → 23 of 46 right; on the
// trafilatura corpus it removed no snippet either way; the readability
// set unchanged.
const (
	menuItemWords = 3
	minMenuItems  = 3
	menuDensity   = 0.9
)

// leadingMenu marks the body blocks above the first prose block (before
// index end, from leadingFragments) that belong to a run of at least
// minMenuItems list items made of a short link each.
func leadingMenu(body []blocks.Block, end int) []bool {
	var menu []bool
	for i := 0; i < end; {
		j := i
		for j < end && isMenuItem(body[j]) {
			j++
		}
		if j-i >= minMenuItems {
			if menu == nil {
				menu = make([]bool, end)
			}
			for k := i; k < j; k++ {
				menu[k] = true
			}
		}
		i = j + 1
	}
	return menu
}

func isMenuItem(b blocks.Block) bool {
	return b.ListItem && b.LinkDensity >= menuDensity && wordCount(b.Text) <= menuItemWords
}
