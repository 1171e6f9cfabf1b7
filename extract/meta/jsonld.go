package meta

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/boilerstrip/boilerstrip/extract/internal/space"
)

// ldFacts is what the page's JSON-LD says about its main article.
type ldFacts struct {
	headline, name string
	authors        []string
	published      string
	created        string
	modified       string
	publisher      string
	image          string
	description    string
	language       string
	ingredients    []string // a Recipe's recipeIngredient, one line each
	articleBody    string   // the article's text as the publisher states it
	isArticle      bool     // facts come from an article type, not a WebPage
}

// articleTypes are the schema.org types of a page's main content, best
// first; WebPage and its kin only fill what no article type gave.
var articleTypes = map[string]int{
	"newsarticle": 3, "article": 3, "blogposting": 3, "reportagenewsarticle": 3,
	"analysisnewsarticle": 3, "opinionnewsarticle": 3, "reviewnewsarticle": 3,
	"backgroundnewsarticle": 3, "askpublicnewsarticle": 3, "socialmediaposting": 2,
	"liveblogposting": 3, "scholarlyarticle": 3, "techarticle": 3, "report": 2,
	"posting": 2, "discussionforumposting": 2, "medicalwebpage": 1, "review": 2,
	"recipe": 2, "howto": 2, "videoobject": 1, "creativework": 1,
	"webpage": 1, "itempage": 1, "aboutpage": 1, "qapage": 1, "collectionpage": 0,
}

// readJSONLD merges the page's JSON-LD blocks into one set of facts, the
// most article-like object winning each field.
func readJSONLD(blocks []string) ldFacts {
	var best ldFacts
	bestRank := map[string]int{}
	set := func(field string, rank int, val string, dst *string) {
		if val == "" {
			return
		}
		if r, ok := bestRank[field]; ok && r >= rank {
			return
		}
		bestRank[field] = rank
		*dst = val
	}
	for _, b := range blocks {
		var objs []map[string]any
		v, ok := parseLenientJSON(b)
		if ok {
			flattenLD(v, &objs, 0)
		} else {
			objs = append(objs, scrapeLD(b))
		}
		for _, o := range objs {
			rank, ok := typeRank(o)
			if !ok {
				continue
			}
			if rank >= 2 {
				best.isArticle = true
			}
			set("headline", rank, ldString(o["headline"]), &best.headline)
			set("name", rank, ldString(o["name"]), &best.name)
			if as := ldAuthors(o["author"]); len(as) > 0 {
				if r, ok := bestRank["author"]; !ok || r < rank {
					bestRank["author"] = rank
					best.authors = as
				}
			}
			set("published", rank, ldDate(o["datePublished"]), &best.published)
			set("created", rank, ldDate(o["dateCreated"]), &best.created)
			set("modified", rank, ldDate(o["dateModified"]), &best.modified)
			set("publisher", rank, ldName(o["publisher"]), &best.publisher)
			set("image", rank, ldURL(o["image"]), &best.image)
			set("description", rank, ldString(o["description"]), &best.description)
			set("language", rank, ldString(o["inLanguage"]), &best.language)
			if rank >= 2 {
				set("articleBody", rank, ldString(o["articleBody"]), &best.articleBody)
			}
			if len(best.ingredients) == 0 {
				// "ingredients" is the property's name before schema.org
				// renamed it; pages still use both.
				if best.ingredients = ldStrings(o["recipeIngredient"]); len(best.ingredients) == 0 {
					best.ingredients = ldStrings(o["ingredients"])
				}
			}
		}
	}
	if best.published == "" {
		best.published = best.created
	}
	return best
}

// typeRank is the best rank among o's @type values.
func typeRank(o map[string]any) (int, bool) {
	rank, found := -1, false
	var types []string
	switch t := o["@type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				types = append(types, s)
			}
		}
	}
	for _, t := range types {
		t = strings.ToLower(t)
		if i := strings.LastIndexAny(t, "/:"); i >= 0 {
			t = t[i+1:]
		}
		if r, ok := articleTypes[t]; ok && r > rank {
			rank, found = r, true
		}
	}
	return rank, found
}

// flattenLD lists every object in v: arrays, @graph and mainEntity nest.
func flattenLD(v any, out *[]map[string]any, depth int) {
	if depth > 6 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			flattenLD(e, out, depth+1)
		}
	case map[string]any:
		*out = append(*out, x)
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"} {
			if sub, ok := x[k]; ok {
				flattenLD(sub, out, depth+1)
			}
		}
	}
}

var (
	trailingComma = regexp.MustCompile(`,\s*([\]}])`)
	htmlComment   = regexp.MustCompile(`(?s)^\s*(<!--|/\*\s*<!\[CDATA\[\s*\*/|//\s*<!\[CDATA\[|<!\[CDATA\[)|(-->|/\*\s*\]\]>\s*\*/|//\s*\]\]>|\]\]>)\s*$`)
)

// parseLenientJSON parses a JSON-LD block, repairing what pages commonly
// break: comment or CDATA wrappers, trailing commas, raw control
// characters inside strings, and trailing junk after the value.
func parseLenientJSON(s string) (any, bool) {
	var v any
	if json.Unmarshal([]byte(s), &v) == nil {
		return v, true
	}
	s = htmlComment.ReplaceAllString(strings.TrimSpace(s), "")
	s = trailingComma.ReplaceAllString(s, "$1")
	s = escapeControlInStrings(s)
	if json.Unmarshal([]byte(s), &v) == nil {
		return v, true
	}
	// Several values back to back, or junk after the first one.
	dec := json.NewDecoder(strings.NewReader(s))
	var all []any
	for {
		var x any
		if dec.Decode(&x) != nil {
			break
		}
		all = append(all, x)
	}
	if len(all) > 0 {
		return all, true
	}
	return nil, false
}

// escapeControlInStrings escapes raw newlines and tabs inside JSON strings.
func escapeControlInStrings(s string) string {
	var sb strings.Builder
	in, esc := false, false
	for _, r := range s {
		switch {
		case esc:
			esc = false
		case r == '\\' && in:
			esc = true
		case r == '"':
			in = !in
		case in && r < 0x20:
			switch r {
			case '\n':
				sb.WriteString(`\n`)
			case '\t':
				sb.WriteString(`\t`)
			default:
				sb.WriteString(" ")
			}
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

var ldField = regexp.MustCompile(`"(@type|headline|datePublished|dateModified|inLanguage)"\s*:\s*"((?:[^"\\]|\\.)*)"`)
var ldAuthorName = regexp.MustCompile(`"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// scrapeLD pulls the main fields out of JSON-LD too broken to parse.
func scrapeLD(s string) map[string]any {
	o := map[string]any{}
	for _, m := range ldField.FindAllStringSubmatch(s, -1) {
		if _, ok := o[m[1]]; !ok {
			o[m[1]] = unescapeJSON(m[2])
		}
	}
	if m := ldAuthorName.FindStringSubmatch(s); m != nil {
		o["author"] = map[string]any{"name": unescapeJSON(m[1])}
	}
	return o
}

func unescapeJSON(s string) string {
	var out string
	if json.Unmarshal([]byte(`"`+s+`"`), &out) == nil {
		return out
	}
	return s
}

// ldString is a text value: a string, the first of a list, or @value.
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return space.Norm(x)
	case []any:
		for _, e := range x {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		return ldString(x["@value"])
	case float64:
		return ""
	}
	return ""
}

// ldDate is a date property as text. Some publishers write it as a JSON
// number, a Unix time in seconds or in milliseconds; a number above
// maxEpochSeconds (in the year 5138 as seconds) is read as milliseconds.
// The plausible-date check that every stated date passes comes later.
func ldDate(v any) string {
	f, ok := v.(float64)
	if !ok {
		return ldString(v)
	}
	if f <= 0 || f >= maxEpochSeconds*1000 {
		return ""
	}
	var t time.Time
	if f >= maxEpochSeconds {
		t = time.UnixMilli(int64(f))
	} else {
		t = time.Unix(int64(f), 0)
	}
	return t.UTC().Format(time.RFC3339)
}

const maxEpochSeconds = 1e11

// ldStrings is every non-empty string of a text or a list of texts.
func ldStrings(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if s := ldString(e); s != "" {
				out = append(out, s)
			}
		}
	default:
		if s := ldString(x); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ldName is the name of a Person/Organization value or a bare string.
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		return space.Norm(x)
	case map[string]any:
		if n := ldString(x["name"]); n != "" {
			return n
		}
		given, family := ldString(x["givenName"]), ldString(x["familyName"])
		return strings.TrimSpace(given + " " + family)
	case []any:
		for _, e := range x {
			if s := ldName(e); s != "" {
				return s
			}
		}
	}
	return ""
}

// ldAuthors lists the author names of an author value.
func ldAuthors(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			out = append(out, ldAuthors(e)...)
		}
	default:
		if n := ldName(x); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// ldURL is the URL of an image value: a string, an ImageObject, or a list.
func ldURL(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		if u := ldURL(x["url"]); u != "" {
			return u
		}
		return ldURL(x["contentUrl"])
	case []any:
		for _, e := range x {
			if u := ldURL(e); u != "" {
				return u
			}
		}
	}
	return ""
}
