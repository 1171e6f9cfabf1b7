package noise

import (
	"strings"
)

// Block is one unit of text to classify: a line or paragraph of a text
// dump, or the text of one block element of an HTML body.
type Block struct {
	Text        string  // the block's text, trimmed
	Heading     bool    // an HTML heading (h1–h6)
	ListItem    bool    // a list item, or a text line with a bullet marker
	LinkDensity float64 // share of the text inside links, 0 when unknown
	// SameParagraph says the block continues the previous block's
	// paragraph: no blank line (text) or block boundary (HTML) between
	// them. Regions such as a widget's lines spread within a paragraph.
	SameParagraph bool
}

// RuleWeakProse is the rule of body blocks kept only because they sit
// inside the article: too little prose to stand on their own.
const RuleWeakProse = "inside-text"

// Label is the verdict on one block: Kind Unspecified means body text.
// Rule names the heuristic that decided, as reported in removed spans.
type Label struct {
	Kind Kind
	Rule string
}

// class is the prose grade of a block, as in jusText.
type class uint8

const (
	clsBad class = iota
	clsShort
	clsNearGood
	clsGood
)

// blockInfo is what the classifier knows about one block.
type blockInfo struct {
	b Block
	features
	stop     int
	addr     int
	cls      class
	grade    class  // cls before context smoothing
	kind     Kind   // noise kind when cls == clsBad
	rule     string // rule that set kind or cls
	strong   bool   // a lexicon phrase or a rule defines the block
	repeated int
}

// features are what analyze learns from a block's text alone; they are
// not changed afterwards, so that blocks of the same text can share them.
type features struct {
	toks       []string
	bits       []wordBits // stop-word and address languages of each token
	runes      int
	words      int
	terminal   bool
	titleRatio float64
	lexStrong  bool // the lexicon's phrases alone define the block
	cueKind    Kind // kind of the strongest lexicon hit, even when weak
	cuePhrase  bool // the cue includes a phrase of two or more words
	cueExact   bool // the block is exactly a lexicon phrase ("Read more")
	timeOnly   bool
	norm       string
}

// ClassifyBlocks labels each block as body (Kind Unspecified) or one noise
// kind, with the rule that decided. It looks at the page as a whole: the
// main text is the densest run of prose, widgets are found by their
// wording and spread over their region, menus by runs of short lines.
//
// Rules by family, as they appear in Label.Rule:
//   - wording: "<kind>-lexicon" (a phrase of lexicon/*.txt defines the
//     block), "<kind>-voice" (a widget phrase in text that addresses the
//     reader), "region-lead-in" and "region-<kind>-voice" (lines of a
//     widget's region), "<kind>-cue" (a weak phrase outside the text);
//   - structure: "repeated-line", "feed-timestamp", "short-line-run",
//     "breadcrumb", "copyright", "form-control", "server-message", "inline-teaser",
//     "caption-before-credit";
//   - prose grade: "short-line", "low-prose-density",
//     "isolated-near-prose"; body blocks say "prose" or RuleWeakProse;
//   - position: "before-text", "after-text", "after-text-headline",
//     "after-text-short", "after-text-region".
//
// Callers that pass only an article's own blocks (the HTML path after
// readability) will want the wording and structure rules and may ignore
// the position ones, which assume a whole page; IsNoiseRule tells them
// apart.
func ClassifyBlocks(blocks []Block) []Label {
	return new(Classifier).Classify(blocks)
}

// Classifier classifies several block lists of one page (an article's
// blocks, then the whole page's) and analyses each distinct text once:
// the HTML path classifies the body's blocks and then, on some pages, the
// page's, which hold the same paragraphs. The zero value is ready to use;
// a Classifier is not safe for concurrent use.
type Classifier struct {
	calls [][]blockInfo        // the blocks of earlier calls
	seen  map[string]*features // their texts, indexed when a later call needs them
}

// Classify labels blocks as ClassifyBlocks does, reusing the analysis of
// the texts that earlier calls saw.
func (c *Classifier) Classify(blocks []Block) []Label {
	if len(c.calls) > 0 && c.seen == nil {
		c.seen = map[string]*features{}
		for _, infos := range c.calls {
			for i := range infos {
				c.seen[infos[i].b.Text] = &infos[i].features
			}
		}
	}
	infos := analyze(blocks, c.seen)
	c.calls = append(c.calls, infos)
	c.seen = nil
	lang := pageLanguage(infos)
	gradeProse(infos, lang)
	promoteIfNoGood(infos)
	markRepeats(infos)
	spreadRegions(infos)
	for i := range infos {
		infos[i].grade = infos[i].cls
	}
	smoothContext(infos)
	inside, start, end := textSpans(infos)
	start, end = widenSpan(infos, inside, start, end)
	assignKinds(infos, inside, start, end)
	labels := make([]Label, len(infos))
	for i, in := range infos {
		if in.cls == clsGood {
			labels[i] = Label{Kind: Unspecified, Rule: in.rule}
		} else {
			labels[i] = Label{Kind: in.kind, Rule: in.rule}
		}
	}
	keepWhenNoArticle(labels)
	return labels
}

// RuleNoArticle labels blocks kept because no article stretch was found.
const RuleNoArticle = "no-article-keep"

// keepWhenNoArticle handles inputs with no stretch of article prose (a
// two-line note, one unpunctuated line): the positional rules would call
// everything "after the text". A caller who sends only text expects it
// back, so every block that no boilerplate rule claimed becomes body.
func keepWhenNoArticle(labels []Label) {
	for _, l := range labels {
		if l.Kind == Unspecified {
			return
		}
	}
	for i, l := range labels {
		if !IsNoiseRule(l.Rule) && l.Kind != Headline && l.Kind != Byline && l.Kind != Dateline {
			labels[i] = Label{Kind: Unspecified, Rule: RuleNoArticle}
		}
	}
}

func (in *blockInfo) setBad(k Kind, rule string) {
	in.cls, in.kind, in.rule = clsBad, k, rule
}

// ruleForKind names the rule of a kind-specific heuristic, e.g.
// "donation-lexicon".
func ruleForKind(k Kind, suffix string) string {
	name := k.String()
	if i := strings.IndexByte(name, '_'); i >= 0 {
		name = name[:i]
	}
	return name + "-" + suffix
}
