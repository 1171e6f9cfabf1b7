package meta

import (
	"embed"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// tokenSet is a list of class/id tokens with the parts that veto a match.
type tokenSet struct {
	match, exclude map[string]bool
	// first marks the bytes a match token starts with: tokenHit asks
	// about every class name of the page, and most start with a byte no
	// token starts with, so the map is not consulted for them. The table
	// makes the set large: pass it by pointer.
	first [256]bool
}

var (
	// bylineClassTokens name elements that hold a visible byline.
	bylineClassTokens = loadTokenSet("data/byline_classes.txt")
	// dateMetaNames are the meta names that state the publication date.
	dateMetaNames = toSet(loadLines("data/date_meta_names.txt"))
	// bylinePrefixes are the words that introduce a byline, per language
	// ("By", "Von", "Par"…), lower-cased.
	bylinePrefixes = loadLines("data/byline_prefixes.txt")
	// jobTitles are role words that follow or precede a name in a byline
	// ("Staff Writer", "Redakteur"…), lower-cased.
	jobTitles = loadLines("data/job_titles.txt")
	// bylineLabels are words around a byline that are not names.
	bylineLabels = toSet(loadLines("data/byline_labels.txt"))
	// bylineTails are the widget labels a byline box puts after the name
	// ("All articles", "View my complete profile").
	bylineTails = loadLines("data/byline_tails.txt")
	// nameConnectors split a byline into several authors ("and", "und"…).
	nameConnectors = loadLines("data/name_connectors.txt")
)

// loadLines reads one entry a line; blank lines and lines starting with
// '#' are skipped, entries are lower-cased.
func loadLines(name string) []string {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		panic("meta: missing data file " + name)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.ToLower(line))
	}
	return out
}

// loadTokenSet reads a token list; entries starting with '!' are exclusions.
func loadTokenSet(name string) tokenSet {
	s := tokenSet{match: map[string]bool{}, exclude: map[string]bool{}}
	for _, l := range loadLines(name) {
		if strings.HasPrefix(l, "!") {
			s.exclude[l[1:]] = true
		} else if l != "" {
			s.match[l] = true
			s.first[l[0]] = true
		}
	}
	return s
}

func toSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, l := range list {
		m[l] = true
	}
	return m
}
