package htmldom

import (
	"sort"
	"strings"

	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Guards against removing the article itself. A subtree holding more than
// maxShare of the page's text (and at least guardMinText bytes) is kept
// whatever its class says, as is one holding an <article> or the <h1>:
// on the trafilatura corpus wrappers named "share", "paywall" or
// "sidebar" held the whole article on a few pages. maxShare swept over
// 0.25–0.9: 0.5 scored best (snippet F1 0.910; 0.25 and 0.7 gave 0.909,
// 0.9 lost 0.012 token F1 on the readability set).
//
// A date line is short: a "date" subtree with more than maxDatelineText
// bytes of text is a wrapper named after the date it groups posts under
// (blog engines' "date-outer"), so it stays and its own date line goes.
// On the trafilatura corpus: TP 2794 → 2801, FP unchanged (halves
// 0.9267 → 0.9274, 0.9449 → 0.9466); the same from 100 to 400 bytes;
// the readability set unchanged.
//
// Captions are the article when all the page's <figcaption>s together
// hold more than maxCaptionShare of its text (and guardMinText bytes):
// galleries and listicles describe each item under its picture. On the
// trafilatura corpus: TP 2819 → 2821, FP unchanged; the same for shares
// from 0.15 to 0.5; the readability set unchanged. A single
// <figcaption> of more than maxCaptionText bytes is a paragraph set under
// a picture (a standfirst, a summary), not its caption: on the
// trafilatura corpus the longest caption holding a "without" snippet has
// 325 bytes; above 400 there were four, one of them with a "with"
// snippet (TP 2825 → 2826, FP unchanged).
const (
	maxShare         = 0.5
	maxShareComments = 0.8 // comment threads can outweigh the article
	guardMinText     = 300
	maxDatelineText  = 200
	maxCaptionShare  = 0.3
	maxCaptionText   = 400
)

// Options tune the DOM noise stage.
type Options struct {
	// Keep reports kinds the caller wants left in the page.
	Keep func(noise.Kind) bool
}

// removal is one subtree chosen for removal.
type removal struct {
	node *html.Node
	kind noise.Kind
	rule string
}

// Clean finds boilerplate subtrees under doc, detaches them from the tree
// and returns one span per removed subtree, in document order. src is the
// text doc was parsed from; spans carry byte offsets into it where the
// element can be located (0/0 otherwise).
func Clean(doc *html.Node, src string, opt Options) []noise.Span {
	s := NewSource(src)
	defer s.Release()
	return s.Clean(doc, opt)
}

// Clean is Clean on the page s holds; s remembers the removed subtrees'
// ranges so that later Locate calls align what is left.
func (s *Source) Clean(doc *html.Node, opt Options) []noise.Span {
	body := Body(doc)
	if body == nil {
		return nil
	}
	c := cleaner{opt: opt, body: body, pageNext: nextCounted(body, body)}
	c.visit(body, false)
	if len(c.found) == 0 {
		return nil
	}
	nodes := make([]*html.Node, len(c.found))
	for i, r := range c.found {
		nodes[i] = r.node
	}
	offsets := s.Locate(doc, nodes)
	for _, o := range offsets {
		if o.End > 0 {
			s.removed = append(s.removed, o)
		}
	}
	// Removed subtrees are disjoint and found in document order; sorted
	// all the same, as hidden searches them.
	sort.Slice(s.removed, func(i, j int) bool { return s.removed[i].Start < s.removed[j].Start })
	spans := make([]noise.Span, len(c.found))
	for i, r := range c.found {
		spans[i] = noise.Span{
			Kind:     r.kind,
			Rule:     r.rule,
			Text:     Text(r.node),
			Selector: Selector(r.node),
			Start:    offsets[i].Start,
			End:      offsets[i].End,
		}
	}
	for _, r := range c.found {
		if p := r.node.Parent; p != nil {
			if _, done := s.sel.nth[r.node]; !done {
				s.sel.number(p)
			}
		}
	}
	for _, r := range c.found {
		if r.node.Parent != nil {
			r.node.Parent.RemoveChild(r.node)
		}
	}
	return spans
}

type cleaner struct {
	opt  Options
	body *html.Node
	// The body's text is counted only as far as a guard needs: most
	// candidates are small next to the page, and a short prefix of it
	// settles them without a walk over the whole body.
	pageText int        // text length of the body up to pageNext
	pageNext *html.Node // where counting resumes; nil once all is counted
	found    []removal
	names    nameScratch
	// captions is 0 until the first <figcaption> is met, then 1 when the
	// page's captions are boilerplate and 2 when they are its content.
	captions int8
}

// captionsAreContent says whether the page's <figcaption>s hold so much
// of its text that they are the article (a gallery or listicle whose
// items are described under each picture) rather than captions of it.
// Counted once per page, at its first caption.
func (c *cleaner) captionsAreContent() bool {
	if c.captions == 0 {
		c.captions = 1
		all, captions := captionText(c.body, false)
		if captions >= guardMinText && float64(captions) > maxCaptionShare*float64(all) {
			c.captions = 2
		}
	}
	return c.captions == 2
}

// captionText is textLen(n) and the part of it inside <figcaption>s, in
// one walk.
func captionText(n *html.Node, inCaption bool) (all, captions int) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			t := len(strings.TrimSpace(ch.Data))
			all += t
			if inCaption {
				captions += t
			}
		case html.ElementNode:
			if textless(ch.DataAtom) {
				continue
			}
			a, c := captionText(ch, inCaption || ch.DataAtom == atom.Figcaption)
			all, captions = all+a, captions+c
		}
	}
	return all, captions
}

// visit checks n's children and descends into those it keeps. inArticle
// says an <article>/<main> ancestor exists.
func (c *cleaner) visit(n *html.Node, inArticle bool) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		switch ch.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math:
			continue
		}
		if kind, rule, ok := c.classify(ch, inArticle); ok && (c.opt.Keep == nil || !c.opt.Keep(kind)) && c.guardOK(ch, kind) {
			c.found = append(c.found, removal{ch, kind, rule})
			continue
		}
		c.visit(ch, inArticle || ch.DataAtom == atom.Article || ch.DataAtom == atom.Main)
	}
}

// classify names the rule that marks n as boilerplate, if any.
func (c *cleaner) classify(n *html.Node, inArticle bool) (noise.Kind, string, bool) {
	if isHidden(n) {
		return noise.Other, "hidden-element", true
	}
	role := strings.ToLower(attr(n, "role"))
	switch role {
	case "navigation", "menubar", "menu":
		return noise.Navigation, "aria-role-navigation", true
	case "contentinfo":
		return noise.Footer, "aria-role-contentinfo", true
	case "dialog", "alertdialog":
		if k, _, ok := c.classOrIDKind(n); ok {
			return k, "aria-role-dialog", true
		}
		return noise.Other, "aria-role-dialog", true
	case "complementary":
		return noise.RelatedContent, "aria-role-complementary", true
	}
	switch n.DataAtom {
	case atom.Nav:
		return noise.Navigation, "tag-nav", true
	case atom.Footer:
		return noise.Footer, "tag-footer", true
	case atom.Aside:
		return noise.RelatedContent, "tag-aside", true
	case atom.Header:
		if !inArticle && !hasDescendant(n, atom.H1) {
			return noise.Navigation, "tag-header", true
		}
	case atom.Figcaption:
		if textLen(n) <= maxCaptionText && !c.captionsAreContent() {
			return noise.Caption, "figcaption", true
		}
	case atom.Audio, atom.Video, atom.Iframe, atom.Object, atom.Embed:
		return noise.MediaWidget, "media-element", true
	case atom.Form:
		switch {
		case hasEmailField(n):
			return noise.NewsletterSignup, "form-email", true
		case hasDescendant(n, atom.Textarea):
			return noise.Comments, "form-textarea", true
		case hasInputType(n, "search"):
			return noise.Navigation, "form-search", true
		}
	case atom.Button, atom.Select:
		return noise.Other, "form-control", true
	case atom.Body, atom.Html, atom.Article, atom.Main:
		return 0, "", false
	}
	if attr(n, "itemprop") == "articleBody" {
		return 0, "", false
	}
	if k, tok, ok := c.classOrIDKind(n); ok {
		return k, "class-token/" + tok, true
	}
	return 0, "", false
}

// guardOK keeps subtrees that look like the article: too much of the
// page's text, or holding the page's <h1> or an <article>.
func (c *cleaner) guardOK(n *html.Node, kind noise.Kind) bool {
	share := maxShare
	if kind == noise.Comments {
		share = maxShareComments
	}
	t := textLen(n)
	if kind == noise.Dateline && t > maxDatelineText {
		return false
	}
	if t < guardMinText {
		return true
	}
	// The share only falls as more of the page is counted: counting
	// stops once it is small enough, or at the end of the body.
	for c.pageNext != nil && float64(t) > share*float64(c.pageText) {
		c.pageText += countedText(c.pageNext)
		c.pageNext = nextCounted(c.pageNext, c.body)
	}
	if float64(t) > share*float64(c.pageText) {
		return false
	}
	if kind != noise.Comments && (hasDescendant(n, atom.Article) || hasDescendant(n, atom.H1)) {
		return false
	}
	return true
}

// classOrIDKind matches n's class and id against the token list.
func (c *cleaner) classOrIDKind(n *html.Node) (noise.Kind, string, bool) {
	return tokenList.match(attr(n, "class"), attr(n, "id"), &c.names)
}
