package extract

import (
	"regexp"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
)

// Leading metadata lines: readability keeps the byline, the date and the
// reading time when they sit inside the article container. They are
// metadata (Article.Byline, Article.Published), not body. On the
// trafilatura corpus the rules removed 5 "without" snippets and no "with"
// snippet; the readability set was unchanged.
const (
	leadingMaxBlocks = 3  // only the body's first blocks are looked at
	leadingMaxWords  = 10 // a metadata line is short
)

// rxDateShape is a year or a numeric date, the mark of a date line.
var rxDateShape = regexp.MustCompile(`\b(1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b`)

// leadingMetadata labels the body's first short blocks that are a byline
// ("By …", "Von …"), a date line or a reading-time note, using the shared
// phrase lists of package noise. It stops at the first block that is none
// of these.
func leadingMetadata(body []blocks.Block) []noise.Label {
	var out []noise.Label
	for i := 0; i < len(body) && i < leadingMaxBlocks; i++ {
		t := body[i].Text
		words := len(strings.Fields(t))
		if words == 0 || words > leadingMaxWords || body[i].Heading {
			break
		}
		var l noise.Label
		switch {
		case isReadingTime(t):
			l = noise.Label{Kind: noise.Dateline, Rule: "leading-reading-time"}
		case isBylineLine(t):
			l = noise.Label{Kind: noise.Byline, Rule: "leading-byline"}
		case isDateLine(t):
			l = noise.Label{Kind: noise.Dateline, Rule: "leading-date"}
		default:
			return out
		}
		out = append(out, l)
	}
	return out
}

func isReadingTime(t string) bool {
	rest, ok := noise.CutReadingTime(t)
	return ok && len(strings.Fields(rest)) <= 2
}

func isBylineLine(t string) bool {
	name, ok := noise.TrimBylinePrefix(t)
	return ok && name != "" && len(strings.Fields(name)) <= 6
}

// isDateLine: a short line with a date shape whose words are mostly not
// prose (at most four words once the date prefix is cut).
func isDateLine(t string) bool {
	if !rxDateShape.MatchString(t) {
		return false
	}
	return len(strings.Fields(noise.TrimDatePrefix(t))) <= 5
}
