package meta

import "testing"

func TestStripHostName(t *testing.T) {
	tests := []struct {
		title, url, site, want string
	}{
		{"CDPATH replacements - anarcat", "https://anarc.at/blog/2019/cdpath/", "", "CDPATH replacements"},
		{"La voix des nuls | ARTE Radio", "https://www.arteradio.com/son/61657", "", "La voix des nuls"},
		{"Ostbelgien Direkt | Lokales: Neue Brücke", "https://ostbelgiendirekt.be/bruecke", "", "Lokales: Neue Brücke"},
		{"Kurs für Anfänger - Blog - example.org", "https://example.org/kurs", "", "Kurs für Anfänger - Blog"},
		// A word the host merely contains stays.
		{"Coronavirus | Latest figures", "https://coronavirus-news.com/x", "", "Coronavirus | Latest figures"},
		// Another site's name stays.
		{"Bridge vote - Daily Courier", "https://example.org/bridge", "", "Bridge vote - Daily Courier"},
		// Nothing is left to strip to.
		{"anarcat", "https://anarc.at/", "", "anarcat"},
		{"Title - anarcat", "", "", "Title - anarcat"},
		{"Title - anarcat", "not a url ::", "", "Title - anarcat"},
		// The site's name, then its tagline.
		{"Retirement reform - AOC media - Analysis Opinion Critique", "https://aoc.media/x", "", "Retirement reform"},
		{"Retirement reform - Analysis - AOC media", "https://aoc.media/x", "", "Retirement reform - Analysis"},
		// The declared site name goes, whatever the host.
		{"Good article title | TechCrunch", "https://example.org/a", "TechCrunch", "Good article title"},
		{"Daily Courier - Bridge vote", "", "daily  courier", "Bridge vote"},
		// Only the whole part: a longer one stays.
		{"Bridge vote | TechCrunch Disrupt", "", "TechCrunch", "Bridge vote | TechCrunch Disrupt"},
	}
	for _, tc := range tests {
		if got := StripHostName(tc.title, tc.url, tc.site); got != tc.want {
			t.Errorf("StripHostName(%q, %q) = %q, want %q", tc.title, tc.url, got, tc.want)
		}
	}
}
