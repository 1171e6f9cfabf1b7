package htmldom

import (
	"sort"
	"strings"
	"sync"

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
// order or not) in src, the text doc was parsed from. See Source.Locate.
func Locate(doc *html.Node, src string, nodes []*html.Node) []Offsets {
	s := NewSource(src)
	defer s.Release()
	return s.Locate(doc, nodes)
}

// Source is the text a page was parsed from, with its start tags scanned
// once for every Locate on the page. It also remembers the subtrees
// Clean took out of the tree, so that elements left in the tree can
// still be aligned with the text afterwards.
type Source struct {
	src  string
	buf  *[]startTag // from tagBuffers; nil until scanned
	tags []startTag
	// removed are the source ranges of the subtrees Clean detached and
	// located, in document order. A removal it could not locate leaves
	// its tags in the way; the lookahead absorbs a few, and past more
	// the alignment is lost and the rest of the tree stays unlocated.
	removed []Offsets
	// sel holds the positions, before Clean detached anything, of the
	// children of every parent Clean removed a child from, so that the
	// selectors of elements left in the tree still count them.
	sel Selectors
}

// Selectors builds selectors of elements left in the tree after Clean,
// numbered as in the page Clean received. The tree must not change
// otherwise in a way that moves elements among their siblings.
func (s *Source) Selectors() *Selectors { return &s.sel }

// NewSource prepares src for locating; call Release when done.
func NewSource(src string) *Source { return &Source{src: src} }

// Text is the source text.
func (s *Source) Text() string { return s.src }

// Release returns the scanned tags to the pool.
func (s *Source) Release() {
	if s.buf != nil {
		clear(s.tags) // drop the tag names of this page
		*s.buf = s.tags[:0]
		tagBuffers.Put(s.buf)
		s.buf, s.tags = nil, nil
	}
}

func (s *Source) startTags() []startTag {
	if s.buf == nil {
		s.buf = tagBuffers.Get().(*[]startTag)
		s.tags = scanStartTags(s.src, (*s.buf)[:0])
	}
	return s.tags
}

// Renumbered says whether readability's preparation of the tree changes
// the position of elements among their siblings: the page has a <font>
// (renamed <span>) or two <br> in a row with only white space between
// (replaced by a <p>).
func (s *Source) Renumbered() bool {
	tags := s.startTags()
	for q := range tags {
		switch tags[q].atom {
		case atom.Font:
			return true
		case atom.Br:
			if q+1 < len(tags) && tags[q+1].atom == atom.Br && strings.TrimSpace(s.src[tags[q].tagEnd:tags[q+1].start]) == "" {
				return true
			}
		}
	}
	return false
}

// hidden says whether the source tag at start lies in a removed subtree.
func (s *Source) hidden(start int) bool {
	if len(s.removed) == 0 {
		return false
	}
	i := sort.Search(len(s.removed), func(i int) bool { return s.removed[i].End > start })
	return i < len(s.removed) && s.removed[i].Start <= start
}

// Locate finds the byte ranges of nodes (elements of doc, in document
// order or not) in the source. The scanned start tags give raw
// positions; parsed elements are aligned with them in document order,
// matching tag name and attribute count, and a located element must also
// have the same id and class as its source tag. Tags inside subtrees
// Clean removed are passed over. Implied elements (tbody, a missing
// html/body) and anything that fails to verify get 0/0.
func (s *Source) Locate(doc *html.Node, nodes []*html.Node) []Offsets {
	out := make([]Offsets, len(nodes))
	if len(nodes) == 0 || s.src == "" {
		return out
	}
	want := make(map[*html.Node]int, len(nodes))
	for i, n := range nodes {
		want[n] = i
	}
	tags := s.startTags()
	src := s.src
	p := 0
	var walk func(*html.Node) bool
	remaining := len(nodes)
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			for q, seen := p, 0; q < len(tags) && seen < alignLookahead; q++ {
				t := &tags[q]
				if s.hidden(t.start) {
					continue
				}
				seen++
				if t.atom == c.DataAtom && (t.atom != 0 || strings.EqualFold(t.name, c.Data)) && t.nattr == len(c.Attr) {
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
	id, class, ok := tagIDClass(raw)
	if !ok {
		id, class, ok = tokenizeIDClass(raw)
	}
	return ok && id == attr(n, "id") && class == attr(n, "class")
}

// tokenizeIDClass reads the id and class of one raw start tag with
// html.Tokenizer; ok is false when raw is not a start tag.
func tokenizeIDClass(raw string) (id, class string, ok bool) {
	z := html.NewTokenizer(strings.NewReader(raw))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return "", "", false
	}
	for _, a := range z.Token().Attr {
		switch a.Key {
		case "id":
			id = a.Val
		case "class":
			class = a.Val
		}
	}
	return id, class, true
}

// tagIDClass reads the id and class of one raw start tag ("<div ...>")
// the way html.Tokenizer splits a tag into attributes, without its
// per-tag allocations (a new tokenizer per removed element was a tenth of
// the DOM noise stage). ok is false when the tag is cut short or when a
// value would need decoding (entities, NUL, carriage returns), which
// tokenizeIDClass then handles.
func tagIDClass(raw string) (id, class string, ok bool) {
	i := 1
	for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	skipSpace := func() {
		for i < len(raw) && isTagSpace(raw[i]) {
			i++
		}
	}
	var haveID, haveClass bool
	skipSpace()
	for {
		if i >= len(raw) {
			return "", "", false
		}
		if raw[i] == '>' {
			return id, class, true
		}
		// Key: a leading '=' is part of it; it ends at space, '/', '>'
		// or '='. A leading '/' makes an empty key.
		ks := i
		if raw[i] != '/' {
			i++
			for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' && raw[i] != '=' {
				i++
			}
		}
		key := raw[ks:i]
		// Value.
		vs, ve := i, i
		skipSpace()
		switch {
		case i >= len(raw):
			return "", "", false
		case raw[i] == '/':
			i++
		case raw[i] == '=':
			i++
			skipSpace()
			if i >= len(raw) {
				return "", "", false
			}
			switch q := raw[i]; q {
			case '>':
			case '"', '\'':
				k := strings.IndexByte(raw[i+1:], q)
				if k < 0 {
					return "", "", false
				}
				vs, ve = i+1, i+1+k
				i = ve + 1
			default:
				vs = i
				for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '>' {
					i++
				}
				if i >= len(raw) {
					return "", "", false
				}
				ve = i
				if raw[i] != '>' {
					i++
				}
			}
		}
		val := raw[vs:ve]
		switch {
		case !haveID && asciiEqualFold(key, "id"):
			id, haveID = val, true
		case !haveClass && asciiEqualFold(key, "class"):
			class, haveClass = val, true
		default:
			val = ""
		}
		if strings.ContainsAny(val, "&\x00\r") {
			return "", "", false
		}
		skipSpace()
	}
}

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// asciiEqualFold compares an attribute key with a lower-case name the way
// the tokenizer lower-cases keys: ASCII letters only.
func asciiEqualFold(key, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

// The element sets below are switches rather than maps: scanStartTags
// asks all three about every start tag of the page.

// autoClosing reports elements whose end tag may be omitted and that are
// closed by a following start tag of the same name.
func autoClosing(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Li, atom.Dt, atom.Dd, atom.Option, atom.Tr, atom.Td, atom.Th:
		return true
	}
	return false
}

// voidElement reports elements that have no content and no end tag.
func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed,
		atom.Hr, atom.Img, atom.Input, atom.Link, atom.Meta,
		atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// rawText reports elements whose content is not markup (the tokenizer's
// raw text and RCDATA elements).
func rawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp,
		atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext:
		return true
	}
	return false
}

// tagBuffers recycles scanStartTags' tag slices: one slice is as large
// as the page's markup, and a fresh one per page was a third of the DOM
// noise stage's allocations.
var tagBuffers = sync.Pool{New: func() any { return new([]startTag) }}

// scanStartTags scans src once and appends its start tags to tags, with
// their element ranges. It is a reduced tokenizer: it reads only tag names,
// counts attributes and skips comments, doctypes and raw text, which is
// what alignment needs, at a fraction of html.Tokenizer's cost (the full
// tokenizer made offsets 15% of the HTML path; measured with
// BenchmarkHTML). Elements are closed by a simple stack: an end tag
// closes the nearest open element of its name and everything opened
// after it.
func scanStartTags(src string, tags []startTag) []startTag {
	if want := len(src) / 64; cap(tags) < want {
		tags = make([]startTag, 0, want)
	}
	var open []int // indexes into tags
	closeTo := func(i, end int) {
		for len(open) > i {
			tags[open[len(open)-1]].end = end
			open = open[:len(open)-1]
		}
	}
	var nameBuf [24]byte
	i := 0
	for i < len(src) {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 || i+j+1 >= len(src) {
			break
		}
		i += j
		start := i
		c := src[i+1]
		switch {
		case c == '!':
			if strings.HasPrefix(src[i:], "<!--") {
				k := strings.Index(src[i+4:], "-->")
				if k < 0 {
					return finish(tags, open, closeTo, len(src))
				}
				i += 4 + k + 3
				continue
			}
			i = skipPast(src, i, '>')
		case c == '?':
			i = skipPast(src, i, '>')
		case c == '/':
			if i+2 >= len(src) || !isASCIILetter(src[i+2]) {
				i = skipPast(src, i, '>')
				continue
			}
			name, k := readName(src, i+2, nameBuf[:0])
			a := atom.Lookup(name)
			i = skipPast(src, k, '>')
			for o := len(open) - 1; o >= 0; o-- {
				t := tags[open[o]]
				if t.atom == a && (a != 0 || t.name == string(name)) {
					closeTo(o+1, start)
					tags[open[o]].end = i
					open = open[:o]
					break
				}
			}
		case isASCIILetter(c):
			name, k := readName(src, i+1, nameBuf[:0])
			a := atom.Lookup(name)
			t := startTag{atom: a, start: start}
			if a == 0 {
				t.name = string(name)
			}
			var selfClosing bool
			k, t.nattr, selfClosing = readAttrs(src, k)
			i = k
			t.tagEnd = i
			if autoClosing(a) && len(open) > 0 {
				top := tags[open[len(open)-1]].atom
				if top == a || a == atom.Td && top == atom.Th || a == atom.Th && top == atom.Td {
					closeTo(len(open)-1, start)
				}
			}
			switch {
			case selfClosing || voidElement(a):
				t.end = i
				tags = append(tags, t)
			case rawText(a):
				end := len(src)
				if a != atom.Plaintext {
					if k := indexEndTag(src, i, name); k >= 0 {
						end = skipPast(src, k, '>')
					}
				}
				t.end = end
				tags = append(tags, t)
				i = end
			default:
				tags = append(tags, t)
				open = append(open, len(tags)-1)
			}
		default:
			i++
		}
	}
	return finish(tags, open, closeTo, len(src))
}

func finish(tags []startTag, open []int, closeTo func(int, int), end int) []startTag {
	closeTo(0, end)
	return tags
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// readName reads a tag name from src[i:], lower-cased into buf.
func readName(src string, i int, buf []byte) ([]byte, int) {
	for i < len(src) {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
		i++
	}
	return buf, i
}

// readAttrs skips a start tag's attributes from src[i:] to just past its
// '>', counting them as the tokenizer does, and says whether the tag ended
// with "/>". Byte classes come from tables: the scan runs over every
// attribute of the page.
func readAttrs(src string, i int) (int, int, bool) {
	n := 0
	for i < len(src) {
		c := src[i]
		switch {
		case tagSpace[c] || c == '/':
			i++
			continue
		case c == '>':
			return i + 1, n, i > 0 && src[i-1] == '/'
		}
		// Attribute name: up to whitespace, '/', '>' or '=' (a leading
		// '=' belongs to the name).
		n++
		i++
		for i < len(src) && !attrNameEnd[src[i]] {
			i++
		}
		for i < len(src) && tagSpace[src[i]] {
			i++
		}
		if i >= len(src) || src[i] != '=' {
			continue
		}
		i++
		for i < len(src) && tagSpace[src[i]] {
			i++
		}
		if i < len(src) && (src[i] == '"' || src[i] == '\'') {
			q := src[i]
			k := strings.IndexByte(src[i+1:], q)
			if k < 0 {
				return len(src), n, false
			}
			i += 1 + k + 1
			continue
		}
		for i < len(src) && !tagSpace[src[i]] && src[i] != '>' {
			i++
		}
	}
	return len(src), n, false
}

// Byte classes of the tag scanner: the tokenizer's white space, and what
// ends an attribute name.
var (
	tagSpace    = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true}
	attrNameEnd = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '/': true, '>': true, '=': true}
)

// skipPast returns the index just past the next c at or after i.
func skipPast(src string, i int, c byte) int {
	k := strings.IndexByte(src[i:], c)
	if k < 0 {
		return len(src)
	}
	return i + k + 1
}

// indexEndTag finds "</name" (any case) at or after i, followed by a tag
// boundary.
func indexEndTag(src string, i int, name []byte) int {
	for {
		k := strings.Index(src[i:], "</")
		if k < 0 {
			return -1
		}
		p := i + k + 2
		if p+len(name) <= len(src) && strings.EqualFold(src[p:p+len(name)], string(name)) {
			if e := p + len(name); e == len(src) || strings.IndexByte(" \t\n\r\f/>", src[e]) >= 0 {
				return i + k
			}
		}
		i = p
	}
}
