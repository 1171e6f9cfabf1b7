package htmldom

import (
	"strconv"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/internal/space"
	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr and hasAttr are go-shiori/dom's (readability's own DOM helpers).
var (
	attr    = dom.GetAttribute
	hasAttr = dom.HasAttribute
)

// Body returns the document's <body> element, or nil when it has none.
func Body(doc *html.Node) *html.Node {
	if doc.Type == html.ElementNode && doc.DataAtom == atom.Body {
		return doc
	}
	for c := doc.FirstChild; c != nil; c = c.NextSibling {
		if b := Body(c); b != nil {
			return b
		}
	}
	return nil
}

// isHidden reports elements a browser would not show: the hidden
// attribute, aria-hidden="true", or an inline display:none /
// visibility:hidden style.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			if styleHides(a.Val) {
				return true
			}
		}
	}
	return false
}

func styleHides(style string) bool {
	if !strings.Contains(style, "none") && !strings.Contains(style, "hidden") {
		return false
	}
	for _, decl := range strings.Split(strings.ToLower(style), ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		v = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(v, "!important")), " ")
		if k == "display" && v == "none" || k == "visibility" && v == "hidden" {
			return true
		}
	}
	return false
}

func hasDescendant(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == a || hasDescendant(c, a)) {
			return true
		}
	}
	return false
}

func hasInputType(n *html.Node, typ string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Input && strings.EqualFold(attr(c, "type"), typ) || hasInputType(c, typ) {
			return true
		}
	}
	return false
}

// hasEmailField reports an e-mail input: type="email", or a text input
// whose name or id mentions mail.
func hasEmailField(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Input {
			typ := strings.ToLower(attr(c, "type"))
			if typ == "email" {
				return true
			}
			if typ == "" || typ == "text" {
				name := strings.ToLower(attr(c, "name") + " " + attr(c, "id"))
				if strings.Contains(name, "mail") {
					return true
				}
			}
		}
		if hasEmailField(c) {
			return true
		}
	}
	return false
}

// textLen is the number of bytes of non-whitespace-run text under n,
// counting each run of whitespace as one byte; script and style excluded.
func textLen(n *html.Node) int {
	total := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				total += len(strings.TrimSpace(c.Data))
			case html.ElementNode:
				if textless(c.DataAtom) {
					continue
				}
				walk(c)
			}
		}
	}
	walk(n)
	return total
}

// textless elements hold no text that textLen counts.
func textless(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template:
		return true
	}
	return false
}

// countedText is what n adds to textLen of an ancestor, its children
// aside.
func countedText(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	return 0
}

// nextCounted is the node after n under root in document order, among
// the nodes textLen(root) looks at; nil after the last. Summing
// countedText from nextCounted(root, root) on is textLen(root), in
// steps that can stop anywhere.
func nextCounted(n, root *html.Node) *html.Node {
	if n.FirstChild != nil && (n == root || n.Type == html.ElementNode && !textless(n.DataAtom)) {
		return n.FirstChild
	}
	for ; n != root; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// Text is the visible text of n with whitespace collapsed, block
// elements separated by a space.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				space.WriteWords(&b, c.Data)
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Noscript, atom.Template:
					continue
				}
				walk(c)
			}
		}
	}
	if n.Type == html.TextNode {
		return space.Norm(n.Data)
	}
	walk(n)
	return b.String()
}

// Selector is a CSS path to n: from the nearest ancestor with an id (or
// the root) down, each step "tag#id", or "tag.class" plus
// ":nth-of-type(i)" when siblings share the tag.
//
// It runs for every removed element: the path is written into one
// builder, where building each step as a string cost five allocations a
// step (selectorByCompare in the tests is that version).
func Selector(n *html.Node) string {
	return selector(n, nthOfType)
}

// Selectors builds the selectors of many elements of one tree. It numbers
// each parent's children once: Selector counts an element's siblings at
// every step, which is quadratic in a list or a page of many paragraphs
// (5% of the HTML path when every page block got a selector).
type Selectors struct {
	nth  map[*html.Node][2]int // element → nthOfType's (idx, same)
	tags []tagCount            // scratch for numbering one parent
}

type tagCount struct {
	tag string
	n   int
}

// Of is Selector(n), with sibling positions shared between calls. The
// tree must not change between calls.
func (c *Selectors) Of(n *html.Node) string {
	return selector(n, c.nthOfType)
}

func (c *Selectors) nthOfType(e *html.Node) (idx, same int) {
	if e.Parent == nil {
		return 0, 0
	}
	p, ok := c.nth[e]
	if !ok {
		c.number(e.Parent)
		p = c.nth[e]
	}
	return p[0], p[1]
}

// number records the positions of parent's element children.
func (c *Selectors) number(parent *html.Node) {
	if c.nth == nil {
		c.nth = make(map[*html.Node][2]int)
	}
	c.tags = c.tags[:0]
	count := func(tag string) *int {
		for i := range c.tags {
			if c.tags[i].tag == tag {
				return &c.tags[i].n
			}
		}
		c.tags = append(c.tags, tagCount{tag: tag})
		return &c.tags[len(c.tags)-1].n
	}
	for s := parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			k := count(s.Data)
			*k++
			c.nth[s] = [2]int{*k, 0}
		}
	}
	for s := parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			p := c.nth[s]
			p[1] = *count(s.Data)
			c.nth[s] = p
		}
	}
}

func selector(n *html.Node, nthOfType func(*html.Node) (int, int)) string {
	var stack [16]*html.Node
	path := stack[:0] // n and its ancestors, up to the step with an id
	size := 0
	for e := n; e != nil && e.Type == html.ElementNode; e = e.Parent {
		path = append(path, e)
		size += len(e.Data) + 8
		if id := attr(e, "id"); id != "" && !strings.ContainsAny(id, " \t\n") {
			break
		}
	}
	var b strings.Builder
	b.Grow(size)
	for i := len(path) - 1; i >= 0; i-- {
		e := path[i]
		if i < len(path)-1 {
			b.WriteString(" > ")
		}
		b.WriteString(e.Data)
		if id := attr(e, "id"); id != "" && !strings.ContainsAny(id, " \t\n") {
			b.WriteByte('#')
			writeCSSIdent(&b, id)
			continue
		}
		for cls := range strings.FieldsSeq(attr(e, "class")) {
			b.WriteByte('.')
			writeCSSIdent(&b, cls)
			break
		}
		if idx, same := nthOfType(e); same > 1 {
			b.WriteString(":nth-of-type(")
			b.WriteString(strconv.Itoa(idx))
			b.WriteByte(')')
		}
	}
	return b.String()
}

// nthOfType is e's 1-based position among its parent's children of the
// same tag, and how many there are (0, 0 without a parent).
func nthOfType(e *html.Node) (idx, same int) {
	if e.Parent == nil {
		return 0, 0
	}
	for s := e.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && s.Data == e.Data {
			same++
			if s == e {
				idx = same
			}
		}
	}
	return idx, same
}

// writeCSSIdent writes s to b escaped as a CSS identifier.
func writeCSSIdent(b *strings.Builder, s string) {
	for i, r := range s {
		switch {
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80:
			b.WriteRune(r)
		case r >= '0' && r <= '9':
			if i == 0 {
				b.WriteString("\\3")
				b.WriteRune(r)
				b.WriteByte(' ')
			} else {
				b.WriteRune(r)
			}
		default:
			b.WriteByte('\\')
			b.WriteRune(r)
		}
	}
}
