// Package htmldom finds boilerplate subtrees in a parsed HTML page by
// structure and vocabulary (tags, ARIA roles, class/id tokens, form
// controls, hidden elements), detaches them, and reports each one as a
// labelled noise.Span with a CSS path and its byte range in the source.
//
// It runs on the one parsed tree of a page, before readability picks the
// body, so that readability never sees share bars, sign-up forms or
// comment threads. Guards keep it from removing the article itself.
package htmldom
