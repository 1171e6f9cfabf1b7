package meta

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzRead feeds arbitrary pages (and so arbitrary JSON-LD and bylines)
// through Read; it must not panic and must leave the tree unchanged.
func FuzzRead(f *testing.F) {
	f.Add(`<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":"A"},"B"]}]}</script></head></html>`)
	f.Add(`<script type="application/ld+json">{"@type":["Article"],"headline":"x",}</script><div class="byline">By A and B, Staff</div>`)
	f.Add(`<meta name="author" content="Von  "><time pubdate datetime="2020-13-45">`)
	f.Fuzz(func(t *testing.T, page string) {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		var before strings.Builder
		if err := html.Render(&before, doc); err != nil {
			return
		}
		m := Read(doc, "")
		var after strings.Builder
		if err := html.Render(&after, doc); err != nil {
			t.Fatal(err)
		}
		if before.String() != after.String() {
			t.Fatal("Read modified the tree")
		}
		for _, a := range m.Authors {
			if strings.TrimSpace(a) == "" {
				t.Fatalf("empty author in %q", m.Authors)
			}
		}
	})
}

// FuzzCleanAuthor checks that cleaning is idempotent on its own output.
func FuzzCleanAuthor(f *testing.F) {
	for _, s := range []string{"By Jane Doe, Staff Writer", "Von Max und Erika", "Posted on 2020-01-01 by admin", "AuthorAnn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := cleanAuthor(s)
		if twice := cleanAuthor(once); once != "" && twice == "" {
			t.Fatalf("cleanAuthor(%q) = %q, which cleans to nothing", s, once)
		}
	})
}

// tokenHitByCompare is tokenHit as first written: every part of every
// class name looked up in both sets.
func tokenHitByCompare(val string, set tokenSet) bool {
	for _, cls := range strings.Fields(strings.ToLower(val)) {
		hit := set.match[cls]
		for _, p := range strings.FieldsFunc(cls, isTokenSeparator) {
			if set.exclude[p] {
				hit = false
				break
			}
			if set.match[p] {
				hit = true
			}
		}
		if hit {
			return true
		}
	}
	return false
}

func isTokenSeparator(r rune) bool { return r == '-' || r == '_' }

// FuzzTokenHit checks tokenHit, which looks exclusions up only for
// matching names, against tokenHitByCompare on the byline token list.
func FuzzTokenHit(f *testing.F) {
	for _, s := range []string{"", "byline", "post-Author", "author-bio", "comment-author", "entry-meta Byline_name", "AUTHOR avatar", "x-author-name", "publish-date", "Ä-author \u00a0byl"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, val string) {
		if got, want := tokenHit(val, &bylineClassTokens), tokenHitByCompare(val, bylineClassTokens); got != want {
			t.Fatalf("tokenHit(%q) = %v, want %v", val, got, want)
		}
	})
}

// FuzzStripHostName checks that stripping a host or site name only ever cuts a
// title down to a non-empty part of itself, and that a second pass finds
// nothing more to cut.
func FuzzStripHostName(f *testing.F) {
	for _, s := range [][3]string{
		{"CDPATH replacements - anarcat", "https://anarc.at/x", ""},
		{"ARTE Radio | La voix | ARTE Radio", "https://www.arteradio.com/", ""},
		{" - anarcat - ", "https://anarc.at/", ""},
		{"Ünïcode — Titel :: ex-ample.org", "http://ex-ample.org/", ""},
		{"Site | Title | Site", "", "site"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, title, pageURL, site string) {
		got := StripHostName(title, pageURL, site)
		if !strings.Contains(title, got) {
			t.Fatalf("StripHostName(%q) = %q, not part of the title", title, got)
		}
		if strings.TrimSpace(title) != "" && strings.TrimSpace(got) == "" {
			t.Fatalf("StripHostName(%q) left nothing", title)
		}
		if again := StripHostName(got, pageURL, site); again != got {
			t.Fatalf("second pass cut %q to %q", got, again)
		}
	})
}
