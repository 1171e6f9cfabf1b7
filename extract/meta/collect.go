package meta

import (
	"slices"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/internal/space"
	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// signals is everything one walk over the tree gathers for the pickers.
type signals struct {
	lang   string            // <html lang>
	title  string            // <title>
	meta   map[string]string // lower-cased name/property/itemprop → first content
	multi  map[string][]string
	jsonLD []string // text of application/ld+json scripts
	h1     []string // text of <h1> elements, in order
	// prose is the text of the first paragraphs, up to proseSample
	// bytes: enough for the language detector when the page declares no
	// language (see guessDateLanguage).
	prose strings.Builder
	// proseLanguage is the detector's reliable verdict on prose, set only
	// when the date search needed a language (see detectProseLanguage).
	proseLanguage string
	// metaDates are the contents of publication-date meta tags, in
	// document order.
	metaDates []string

	// microdata and visible markers
	itemAuthors []string     // itemprop=author (or its itemprop=name)
	itemDates   []string     // itemprop=datePublished content/datetime/text
	relAuthors  []string     // <a rel=author> text
	classByline []string     // text of elements whose class/id names a byline
	articleBody []*html.Node // elements marked itemprop=articleBody
}

// multiKeys are meta names whose every occurrence matters (several authors).
var multiKeys = map[string]bool{
	"author": true, "article:author": true, "citation_author": true,
	"dc.creator": true, "dc.contributor": true, "parsely-author": true,
	"sailthru.author": true, "og:article:author": true, "dcterms.creator": true,
}

// proseSample bounds the paragraph text collected for language detection:
// the detector reads at most this much (extract.detectPrefix uses the same
// order of magnitude for the body).
const proseSample = 1024

func collect(doc *html.Node) *signals {
	s := &signals{meta: map[string]string{}, multi: map[string][]string{}}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			if !s.visitElement(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return s
}

// visitElement records n's signals and says whether to descend into it.
func (s *signals) visitElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html:
		if s.lang == "" {
			s.lang = attr(n, "lang")
			if s.lang == "" {
				s.lang = attr(n, "xml:lang")
			}
		}
	case atom.Title:
		if s.title == "" && !inSVG(n) {
			s.title = space.Norm(textOf(n))
		}
		return false
	case atom.Meta:
		s.visitMeta(n)
		return false
	case atom.Script:
		if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
			// Not textOf, which skips scripts in the body, where many
			// pages put their JSON-LD.
			s.jsonLD = append(s.jsonLD, dom.TextContent(n))
		}
		return false
	case atom.Style, atom.Noscript, atom.Template:
		return false
	case atom.H1:
		if len(s.h1) < 8 {
			s.h1 = append(s.h1, space.Norm(textOf(n)))
		}
	case atom.P:
		if s.prose.Len() < proseSample {
			s.prose.WriteString(space.Norm(textOf(n)))
			s.prose.WriteByte(' ')
		}
	case atom.A:
		if strings.EqualFold(attr(n, "rel"), "author") {
			if t := space.Norm(textOf(n)); t != "" {
				s.relAuthors = append(s.relAuthors, t)
			}
		}
	}
	class, id, itemprop := classIDItemprop(n)
	if ip := strings.ToLower(itemprop); ip != "" {
		switch {
		case ip == "author" || ip == "creator":
			name := ""
			if nn := findItemprop(n, "name"); nn != nil {
				name = propValue(nn)
			} else {
				name = propValue(n)
			}
			if name = space.Norm(name); name != "" {
				s.itemAuthors = append(s.itemAuthors, name)
			}
			return false
		case ip == "datepublished" || ip == "datecreated":
			if v := propValue(n); v != "" {
				s.itemDates = append(s.itemDates, space.Norm(v))
			}
		case slices.Contains(strings.Fields(ip), "articlebody"):
			s.articleBody = append(s.articleBody, n)
		}
	}
	if len(s.classByline) == 0 && (tokenHit(class, &bylineClassTokens) || tokenHit(id, &bylineClassTokens)) {
		if t := space.Norm(textOf(n)); t != "" && len(t) < 200 {
			s.classByline = append(s.classByline, t)
			return false
		}
	}
	return true
}

// classIDItemprop reads the three attributes the walk asks every element
// about in one pass over its attributes; each is its first occurrence,
// as attr would return it.
func classIDItemprop(n *html.Node) (class, id, itemprop string) {
	var haveClass, haveID, haveItemprop bool
	for i := range n.Attr {
		a := &n.Attr[i]
		switch {
		case !haveClass && a.Key == "class":
			class, haveClass = a.Val, true
		case !haveID && a.Key == "id":
			id, haveID = a.Val, true
		case !haveItemprop && a.Key == "itemprop":
			itemprop, haveItemprop = a.Val, true
		}
	}
	return class, id, itemprop
}

func (s *signals) visitMeta(n *html.Node) {
	content := attr(n, "content")
	if content == "" {
		content = attr(n, "value")
	}
	content = space.Norm(content)
	if content == "" {
		return
	}
	for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
		key := strings.ToLower(strings.TrimSpace(attr(n, k)))
		if key == "" {
			continue
		}
		for _, key := range strings.Fields(key) {
			if _, ok := s.meta[key]; !ok {
				s.meta[key] = content
			}
			if multiKeys[key] {
				s.multi[key] = append(s.multi[key], content)
			}
			if dateMetaNames[key] && len(s.metaDates) < 16 {
				s.metaDates = append(s.metaDates, content)
			}
		}
	}
}

// attr is go-shiori/dom's (readability's own DOM helpers).
var attr = dom.GetAttribute

func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

// textOf is the concatenated text below n, skipping scripts and styles.
func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Script:
				if n.Parent != nil && n.Parent.DataAtom != atom.Head {
					return
				}
			case atom.Br, atom.P, atom.Div, atom.Li:
				sb.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

// findItemprop finds the first descendant of n with itemprop=prop.
func findItemprop(n *html.Node, prop string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if strings.EqualFold(attr(c, "itemprop"), prop) {
				return c
			}
			if f := findItemprop(c, prop); f != nil {
				return f
			}
		}
	}
	return nil
}

// propValue is a microdata property's value: content, datetime, or text.
func propValue(n *html.Node) string {
	for _, k := range []string{"content", "datetime"} {
		if v := attr(n, k); v != "" {
			return v
		}
	}
	if n.DataAtom == atom.Meta || n.DataAtom == atom.Link {
		return ""
	}
	return textOf(n)
}

// tokenHit reports whether a class/id value names one of the tokens:
// a class name, or one of its dash/underscore-separated parts, is in the
// set, and none of its parts is in the set's exclusions.
func tokenHit(val string, set *tokenSet) bool {
	if val == "" {
		return false
	}
	// Called twice for every element of the page: nothing here
	// allocates, parts are cut by hand rather than by an iterator, and
	// the exclusions are looked up only for a class name that matches,
	// which few do (tokenHitByCompare in the tests is the rule as first
	// written).
	for cls := range strings.FieldsSeq(strings.ToLower(val)) {
		hit := set.has(cls)
		for rest := cls; !hit && rest != ""; {
			var p string
			p, rest = cutTokenPart(rest)
			hit = set.has(p)
		}
		if hit && !set.excludes(cls) {
			return true
		}
	}
	return false
}

// cutTokenPart cuts s at its first '-' or '_' (ASCII, so never inside a
// multi-byte rune): the part before, possibly empty, and the rest.
func cutTokenPart(s string) (part, rest string) {
	// A plain loop: IndexAny set up its byte set on every call, which
	// cost more than the lookups it served.
	for i := 0; i < len(s); i++ {
		if s[i] == '-' || s[i] == '_' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// has reports whether tok is a match token.
func (set *tokenSet) has(tok string) bool {
	return tok != "" && set.first[tok[0]] && set.match[tok]
}

// excludes reports whether a part of the class name cls is an exclusion.
func (set *tokenSet) excludes(cls string) bool {
	for rest := cls; rest != ""; {
		var p string
		p, rest = cutTokenPart(rest)
		if p != "" && set.exclude[p] {
			return true
		}
	}
	return false
}
