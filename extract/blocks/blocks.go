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

// IsBlock reports the elements that start a new block. A switch rather
// than a set: it runs on every element of the page, twice (page and
// body), and a map lookup cost four times as much.
func IsBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote,
		atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hgroup, atom.Hr, atom.Li, atom.Main, atom.Nav,
		atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary,
		atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th,
		atom.Thead, atom.Tr, atom.Ul, atom.Body, atom.Html,
		atom.Menu, atom.Legend, atom.Option:
		return true
	}
	return false
}

// skipped reports the elements that contribute no text. Ruby annotations
// (<rt>, and the <rp> parentheses around them) are readings printed above
// the base text, not part of it: with them the text of Japanese pages
// interleaves every word with its reading (trafilatura corpus: TP +3 and
// FP +1, a note that had been scrambled and now reads as the boilerplate
// it is). A MathML formula is the article's text, as browsers give it,
// but not the TeX or markup of its <annotation>, which repeats it:
// keeping formulas raised token F1 on the readability set 0.9699 → 0.9746
// (one page of equations), the trafilatura set unchanged.
func skipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template,
		atom.Head, atom.Svg, atom.Iframe, atom.Object,
		atom.Select, atom.Textarea, atom.Button, atom.Input,
		atom.Rt, atom.Rp, atom.Annotation, atom.AnnotationXml:
		return true
	}
	return false
}

// segmenter accumulates the current block while walking the tree.
type segmenter struct {
	out []Block
	// buf is the current block's text, reused from block to block.
	buf      []byte
	links    int          // bytes of text inside links in buf
	text     int          // bytes of text in buf
	nodes    []*html.Node // the current block's nodes, reused like buf
	pendingS bool         // a space is due before the next word
	heading  int          // depth of heading ancestors
	listItem int          // depth of li ancestors
	inLink   int
	pre      int
	cell     bool // the last thing written was a table cell
	tag      atom.Atom
	// Blocks' texts and node lists are carved from shared chunks rather
	// than allocated one by one: a page has hundreds of blocks.
	texts     strings.Builder // written only at its end: earlier texts stay valid
	nodeChunk []*html.Node
}

// Chunk sizes: a few typical pages' worth of block text and nodes.
const (
	textChunk = 8 << 10
	nodeChunk = 256
)

// keepText returns b as a string held in the current text chunk.
func (s *segmenter) keepText(b []byte) string {
	if s.texts.Cap()-s.texts.Len() < len(b) {
		s.texts.Reset()
		s.texts.Grow(max(textChunk, len(b)))
	}
	from := s.texts.Len()
	s.texts.Write(b)
	return s.texts.String()[from:]
}

// keepNodes copies ns to the current node chunk. The result's capacity
// ends with it, so that an append to one block's nodes cannot overwrite
// the next block's.
func (s *segmenter) keepNodes(ns ...*html.Node) []*html.Node {
	if len(ns) == 0 {
		return nil
	}
	if cap(s.nodeChunk)-len(s.nodeChunk) < len(ns) {
		s.nodeChunk = make([]*html.Node, 0, max(nodeChunk, len(ns)))
	}
	from := len(s.nodeChunk)
	s.nodeChunk = append(s.nodeChunk, ns...)
	return s.nodeChunk[from:len(s.nodeChunk):len(s.nodeChunk)]
}

// Segment cuts root's subtree into blocks in document order. Empty
// blocks are dropped.
func Segment(root *html.Node) []Block {
	s := &segmenter{}
	if root.Type == html.ElementNode && IsBlock(root.DataAtom) {
		s.element(root, true)
	} else {
		s.node(root, true)
	}
	s.flush()
	return s.out
}

func (s *segmenter) flush() {
	if trimmed := bytes.TrimSpace(s.buf); len(trimmed) > 0 {
		b := Block{Nodes: s.keepNodes(s.nodes...), Tag: s.tag}
		b.Text = s.keepText(trimmed)
		b.Heading = s.heading > 0
		b.ListItem = s.listItem > 0
		if s.text > 0 {
			b.LinkDensity = float64(s.links) / float64(s.text)
		}
		s.out = append(s.out, b)
	}
	s.buf = s.buf[:0]
	s.links, s.text, s.nodes, s.pendingS, s.cell = 0, 0, s.nodes[:0], false, false
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
	if skipped(a) {
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
	if !IsBlock(a) {
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
		s.out[before].Nodes = s.keepNodes(n)
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
	for i := 0; i < len(t); {
		if isSpace[t[i]] {
			s.pendingS = true
			i++
			continue
		}
		// Words separated by single spaces are already collapsed: the
		// run goes in with one copy rather than one per word (this loop
		// runs over every byte of the page's text, twice).
		start, spaces := i, 0
		for {
			for i < len(t) && !isSpace[t[i]] {
				i++
			}
			if i+1 < len(t) && t[i] == ' ' && !isSpace[t[i+1]] {
				i++
				spaces++
				continue
			}
			break
		}
		if s.pendingS && len(s.buf) > 0 {
			s.buf = append(s.buf, ' ')
		}
		s.buf = append(s.buf, t[start:i]...)
		s.count(i - start - spaces)
		s.pendingS = false
	}
}

// isSpace marks the bytes writeText collapses: HTML's white space, less
// the vertical tab.
var isSpace = [256]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true}

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
