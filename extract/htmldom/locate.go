package htmldom

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Offsets is the half-open byte range [Start, End) of an element in the
// source text: from its start tag to the end of its end tag (or to where
// the element is implicitly closed). Zero when it could not be located.
type Offsets struct{ Start, End int }

// alignLookahead is how many source start tags may be skipped when
// aligning a parsed element with the source: the parser drops duplicate
// <html>/<body> tags and moves a few (foster parenting), rarely more
// than a couple in a row.
const alignLookahead = 6

// startTag is one start tag of the source, found by the tokenizer.
type startTag struct {
	atom       atom.Atom
	name       string // only for tags without an atom
	nattr      int
	start, end int // element range, end filled when closed
	tagEnd     int // end of the start tag itself
}

// Locate finds the byte ranges of nodes (elements of doc, in document
// order or not) in src, the text doc was parsed from. The tokenizer gives
// raw positions of start tags; parsed elements are aligned with them in
// document order, matching tag name and attribute count, and a located
// element must also have the same id and class as its source tag. Implied
// elements (tbody, a missing html/body) and anything that fails to verify
// get 0/0.
func Locate(doc *html.Node, src string, nodes []*html.Node) []Offsets {
	out := make([]Offsets, len(nodes))
	if len(nodes) == 0 || src == "" {
		return out
	}
	want := make(map[*html.Node]int, len(nodes))
	for i, n := range nodes {
		want[n] = i
	}
	tags := scanStartTags(src)
	p := 0
	var walk func(*html.Node) bool
	remaining := len(nodes)
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			for q := p; q < len(tags) && q < p+alignLookahead; q++ {
				t := &tags[q]
				if t.atom == c.DataAtom && (t.atom != 0 || t.name == c.Data) && t.nattr == len(c.Attr) {
					if i, ok := want[c]; ok {
						if sameIDClass(c, src[t.start:t.tagEnd]) {
							out[i] = Offsets{t.start, t.end}
						}
						remaining--
					}
					p = q + 1
					break
				}
			}
			if remaining == 0 || !walk(c) {
				return false
			}
		}
		return true
	}
	walk(doc)
	return out
}

// sameIDClass re-reads one raw start tag and compares its id and class
// with the parsed element's.
func sameIDClass(n *html.Node, raw string) bool {
	z := html.NewTokenizer(strings.NewReader(raw))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return false
	}
	tok := z.Token()
	get := func(attrs []html.Attribute, k string) string {
		for _, a := range attrs {
			if a.Key == k {
				return a.Val
			}
		}
		return ""
	}
	return get(tok.Attr, "id") == attr(n, "id") && get(tok.Attr, "class") == attr(n, "class")
}

// autoClosing are elements whose end tag may be omitted and that are
// closed by a following start tag of the same name.
var autoClosing = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Option: true,
	atom.Tr: true, atom.Td: true, atom.Th: true,
}

var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// scanStartTags tokenizes src once and returns its start tags with their
// element ranges, closing elements by a simple stack: an end tag closes
// the nearest open element of its name and everything opened after it.
func scanStartTags(src string) []startTag {
	z := html.NewTokenizer(strings.NewReader(src))
	var tags []startTag
	var open []int // indexes into tags
	pos := 0
	closeTo := func(i, end int) {
		for len(open) > i {
			top := open[len(open)-1]
			tags[top].end = end
			open = open[:len(open)-1]
		}
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := pos
		pos += len(z.Raw())
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			t := startTag{atom: a, start: start, tagEnd: pos}
			if a == 0 {
				t.name = string(name)
			}
			for hasAttr {
				_, _, hasAttr = z.TagAttr()
				t.nattr++
			}
			if autoClosing[a] && len(open) > 0 {
				top := tags[open[len(open)-1]].atom
				if top == a || a == atom.Td && top == atom.Th || a == atom.Th && top == atom.Td {
					closeTo(len(open)-1, start)
				}
			}
			tags = append(tags, t)
			if tt == html.SelfClosingTagToken || voidElements[a] {
				tags[len(tags)-1].end = pos
			} else {
				open = append(open, len(tags)-1)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			for i := len(open) - 1; i >= 0; i-- {
				t := tags[open[i]]
				if t.atom == a && (a != 0 || t.name == string(name)) {
					closeTo(i+1, start)
					tags[open[i]].end = pos
					open = open[:i]
					break
				}
			}
		}
	}
	closeTo(0, len(src))
	return tags
}
