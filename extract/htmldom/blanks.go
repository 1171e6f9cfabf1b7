package htmldom

import (
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DropBlanks detaches the white-space text nodes a browser does not
// render: those next to a block boundary (white space there would start
// or end a line, and collapses away), and those between the elements of
// <head>. They are two in five of a page's nodes (110k nodes, 42k blank,
// on the benchmark pages) and every later stage walks them: readability
// clones the tree, scores it and measures its link density node by node.
// Blank nodes between two inline elements separate words and stay, and
// so do the blanks inside the elements keepsBlanks names. Stages that
// read a container's text as one string, with the blanks as the only
// separators, must run before it (the metadata, for htmldate).
func DropBlanks(doc *html.Node) {
	var blanks []*html.Node
	var walk func(n *html.Node, keep bool)
	walk = func(n *html.Node, keep bool) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				if !keep && isBlank(ch) && (n.DataAtom == atom.Head || blockEdge(ch.PrevSibling, n) || blockEdge(ch.NextSibling, n)) {
					blanks = append(blanks, ch)
				}
			case html.ElementNode:
				switch ch.DataAtom {
				case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math:
					// Raw text, or markup no stage reads as the page's text.
					continue
				}
				walk(ch, keep || keepsBlanks(ch))
			}
		}
	}
	walk(doc, false)
	for _, t := range blanks {
		t.Parent.RemoveChild(t)
	}
}

// keepsBlanks reports the elements whose white space is read as text:
// <pre>, <listing> and <textarea>, where it is the text, and the
// elements readability may take its byline from, whose text it reads
// as the DOM's textContent, which has no separator but the blank nodes
// (without them "Sarah Archer</span><div>1:39 PM" reads as one word:
// readability set byline exact 0.808 → 0.792). Those are readability's
// own byline test: rel="author", an itemprop holding "author", or a
// class or id matching its byline pattern.
func keepsBlanks(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Pre, atom.Listing, atom.Textarea:
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "rel":
			if a.Val == "author" {
				return true
			}
		case "itemprop":
			if strings.Contains(a.Val, "author") {
				return true
			}
		case "class", "id":
			for _, w := range readabilityBylineWords {
				if containsFold(a.Val, w) {
					return true
				}
			}
		}
	}
	return false
}

// readabilityBylineWords is readability's byline pattern
// (byline|author|dateline|writtenby|p-author, case-insensitive), which
// this must follow, not a lexicon of ours.
var readabilityBylineWords = []string{"byline", "author", "dateline", "writtenby"}

// containsFold reports whether s contains the lower-case ASCII word w in
// any case, without allocating: it runs on the class and id of every
// element of the page.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 == w[0] && strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// isBlank reports a text node of HTML white space only (a no-break space
// is text).
func isBlank(n *html.Node) bool {
	if n.Type != html.TextNode {
		return false
	}
	// A loop: TrimLeft with a cutset builds its byte set on every call,
	// and this runs on every text node of the page.
	for i := 0; i < len(n.Data); i++ {
		switch n.Data[i] {
		case ' ', '\t', '\n', '\r', '\f':
		default:
			return false
		}
	}
	return true
}

// blockEdge reports whether sib, a neighbour of a blank text node under
// parent, is a block boundary: a block element, or the edge of a block
// parent.
func blockEdge(sib, parent *html.Node) bool {
	if sib == nil {
		return blocks.IsBlock(parent.DataAtom)
	}
	return sib.Type == html.ElementNode && blocks.IsBlock(sib.DataAtom)
}
