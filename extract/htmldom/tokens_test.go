package htmldom

import (
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/noise"
)

// referenceMatch is the token rule of tokens.txt written the plain way
// (split, join, look up); match must agree with it on every input.
func referenceMatch(ts tokenSet, class, id string) (noise.Kind, string, bool) {
	if class == "" && id == "" {
		return 0, "", false
	}
	names := strings.Fields(class)
	if id != "" {
		names = append(names, id)
	}
	split := func(name string) []string {
		return strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
		})
	}
	find := func(words []string, set func(string) bool) (string, bool) {
		for i := range words {
			for j := i; j < len(words) && j < i+3; j++ {
				key := strings.Join(words[i:j+1], "-")
				if !set(key) {
					continue
				}
				ok := true
				for k, w := range words {
					prefix := k == 0 && i == 1 && ts.kinds[key] == noise.Byline
					if (k < i || k > j) && !prefix && !ts.affixe[w] {
						ok = false
					}
				}
				if ok {
					return key, true
				}
			}
		}
		return "", false
	}
	for _, name := range names {
		if _, ok := find(split(name), func(s string) bool { return ts.keep[s] }); ok {
			return 0, "", false
		}
	}
	for _, name := range names {
		if tok, ok := find(split(name), func(s string) bool { _, ok := ts.kinds[s]; return ok }); ok {
			return ts.kinds[tok], tok, true
		}
	}
	return 0, "", false
}

var tokenCases = [][2]string{
	{"share-buttons", ""},
	{"post-related-list", ""},
	{"tab-menu--product", ""},
	{"entry-content paywall", ""},
	{"", "comments"},
	{"Related_Posts  SIDEBAR", "main"},
	{"article\u00a0share", "x"},
	{"ÜBER-share", ""},
	{"post-share-buttons-widget-extra-very-long-class-name-with-many-words-to-overflow-the-buffers-of-the-matcher", ""},
	{"\xffshare", "related posts"},
	{"a b c", "  "},
	{"acme-author-box-wrap", ""},
	{"StoryCard__AuthorBox", ""},
	{"x-acme-author-box", ""},
	{"acme-related-posts", ""},
}

// TestNamespacedAuthorBox: a byline token takes one namespace word in
// front of it; other kinds do not, and neither do two words.
func TestNamespacedAuthorBox(t *testing.T) {
	for _, c := range []struct {
		class string
		want  bool
	}{
		{"acme-author-box-wrap", true},
		{"StoryCard__AuthorBox", true},
		{"theme-bio", true},
		{"x-acme-author-box", false},
		{"acme-related-posts", false},
		{"acme-share", false},
	} {
		_, _, ok := tokenList.match(c.class, "", &nameScratch{})
		if ok != c.want {
			t.Errorf("match(%q) = %v, want %v", c.class, ok, c.want)
		}
	}
}

func TestTokenMatchAgreesWithReference(t *testing.T) {
	for _, c := range tokenCases {
		gk, gt, gok := tokenList.match(c[0], c[1], &nameScratch{})
		wk, wt, wok := referenceMatch(tokenList, c[0], c[1])
		if gk != wk || gt != wt || gok != wok {
			t.Errorf("match(%q, %q) = %v %q %v, want %v %q %v", c[0], c[1], gk, gt, gok, wk, wt, wok)
		}
	}
}

func FuzzTokenMatch(f *testing.F) {
	for _, c := range tokenCases {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, class, id string) {
		gk, gt, gok := tokenList.match(class, id, &nameScratch{})
		wk, wt, wok := referenceMatch(tokenList, class, id)
		if gk != wk || gt != wt || gok != wok {
			t.Fatalf("match(%q, %q) = %v %q %v, want %v %q %v", class, id, gk, gt, gok, wk, wt, wok)
		}
	})
}

func BenchmarkTokenMatch(b *testing.B) {
	b.ReportAllocs()
	var sc nameScratch
	for b.Loop() {
		for _, c := range tokenCases {
			tokenList.match(c[0], c[1], &sc)
		}
	}
}
