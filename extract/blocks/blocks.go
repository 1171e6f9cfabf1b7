// Package blocks cuts an HTML subtree into text blocks — paragraphs,
// headings, list items, table rows, preformatted text — each with its
// link density and the nodes it came from. The blocks feed the shared
// noise classifier (noise.ClassifyBlocks) and are the plain-text body:
// one block per paragraph, table cells tab-separated.
package blocks

import (
	"bytes"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Block is one block of text and where it came from.
type Block struct {
	noise.Block
	// Nodes are the top-level nodes the block's text came from: one
	// element when the block is a whole element (a <p>, an <li>, a <div>
	// holding only this text), else the run of inline nodes.
	Nodes []*html.Node
	// Tag is the innermost block element holding the text.
	Tag atom.Atom
}

// isBlock lists the elements that start a new block.
var isBlock = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true, atom.Body: true, atom.Html: true,
	atom.Menu: true, atom.Legend: true, atom.Option: true,
}

// skipped elements contribute no text. Ruby annotations (<rt>, and the
// <rp> parentheses around them) are readings printed above the base text,
// not part of it: with them the text of Japanese pages interleaves every
// word with its reading (trafilatura corpus: TP +3 and FP +1, a note that
// had been scrambled and now reads as the boilerplate it is). A MathML
// formula is the article's text, as browsers give it, but not the TeX or
// markup of its <annotation>, which repeats it: keeping formulas raised
// token F1 on the readability set 0.9699 → 0.9746 (one page of
// equations), the trafilatura set unchanged.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true, atom.Input: true,
	atom.Rt: true, atom.Rp: true, atom.Annotation: true, atom.AnnotationXml: true,
}

// segmenter accumulates the current block while walking the tree.
type segmenter struct {
	out []Block
	// buf is the current block's text, reused from block to block so
	// that a block costs one exact-size string.
	buf      []byte
	links    int // bytes of text inside links in buf
	text     int // bytes of text in buf
	nodes    []*html.Node
	pendingS bool // a space is due before the next word
	heading  int  // depth of heading ancestors
	listItem int  // depth of li ancestors
	inLink   int
	pre      int
	cell     bool // the last thing written was a table cell
	tag      atom.Atom
}

// Segment cuts root's subtree into blocks in document order. Empty
// blocks are dropped.
func Segment(root *html.Node) []Block {
	s := &segmenter{}
	if root.Type == html.ElementNode && isBlock[root.DataAtom] {
		s.element(root, true)
	} else {
		s.node(root, true)
	}
	s.flush()
	return s.out
}

func (s *segmenter) flush() {
	if trimmed := bytes.TrimSpace(s.buf); len(trimmed) > 0 {
		txt := string(trimmed)
		b := Block{Nodes: s.nodes, Tag: s.tag}
		b.Text = txt
		b.Heading = s.heading > 0
		b.ListItem = s.listItem > 0
		if s.text > 0 {
			b.LinkDensity = float64(s.links) / float64(s.text)
		}
		s.out = append(s.out, b)
	}
	s.buf = s.buf[:0]
	s.links, s.text, s.nodes, s.pendingS, s.cell = 0, 0, nil, false, false
}

// node handles any child; top says it sits directly in the block element
// being filled, so it joins the block's node list.
func (s *segmenter) node(n *html.Node, top bool) {
	switch n.Type {
	case html.TextNode:
		if top {
			s.nodes = append(s.nodes, n)
		}
		s.writeText(n.Data)
	case html.ElementNode:
		s.element(n, top)
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			s.node(c, true)
		}
	}
}

func (s *segmenter) element(n *html.Node, top bool) {
	a := n.DataAtom
	if skipped[a] {
		return
	}
	switch a {
	case atom.Br:
		s.buf = append(s.buf, '\n')
		s.pendingS = false
		return
	case atom.Td, atom.Th:
		// Cells stay on their row's line, tab-separated.
		if s.cell {
			s.buf = append(s.buf, '\t')
			s.pendingS = false
		}
		if top {
			s.nodes = append(s.nodes, n)
		}
		s.children(n, false)
		s.cell = true
		return
	}
	if !isBlock[a] {
		if top {
			s.nodes = append(s.nodes, n)
		}
		if a == atom.A {
			s.inLink++
		}
		s.children(n, false)
		if a == atom.A {
			s.inLink--
		}
		return
	}
	s.flush()
	before := len(s.out)
	prevTag := s.tag
	s.tag = a
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		s.heading++
		defer func() { s.heading-- }()
	case atom.Li, atom.Dd, atom.Dt:
		s.listItem++
		defer func() { s.listItem-- }()
	case atom.Pre:
		s.pre++
		defer func() { s.pre-- }()
	}
	s.children(n, true)
	s.flush()
	s.tag = prevTag
	if len(s.out) == before+1 {
		// The element holds exactly this block: removing the block
		// removes the element.
		s.out[before].Nodes = []*html.Node{n}
	}
}

func (s *segmenter) children(n *html.Node, top bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.node(c, top)
	}
}

// writeText appends text, collapsing whitespace outside <pre>.
func (s *segmenter) writeText(t string) {
	if s.pre > 0 {
		s.buf = append(s.buf, t...)
		s.count(len(t))
		return
	}
	start := -1
	for i := 0; i <= len(t); i++ {
		space := i == len(t) || t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r' || t[i] == '\f'
		if !space {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if s.pendingS && len(s.buf) > 0 {
				s.buf = append(s.buf, ' ')
			}
			s.buf = append(s.buf, t[start:i]...)
			s.count(i - start)
			s.pendingS = false
			start = -1
		}
		if i < len(t) {
			s.pendingS = true
		}
	}
}

func (s *segmenter) count(n int) {
	s.text += n
	if s.inLink > 0 {
		s.links += n
	}
}

// Text joins blocks as the plain-text body: paragraphs separated by a
// blank line.
func Text(bs []Block) string {
	var b strings.Builder
	n := 0
	for _, bl := range bs {
		n += len(bl.Text) + 2
	}
	b.Grow(n)
	for i, bl := range bs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}
