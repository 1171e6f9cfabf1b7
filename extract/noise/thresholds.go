package noise

import (
	"bufio"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed thresholds.txt
var thresholdsFile string

// thresholds are the classifier's tuned numbers, read from
// thresholds.txt where each one says where it comes from.
type thresholds struct {
	lengthLow, lengthHigh            int
	stopwordsLow, stopwordsHigh      float64
	addressDensity                   float64
	shortWords, edgeSentenceWords    int
	maxLinkDensity                   float64
	maxWidgetLines                   int
	spacelessRunesPerWord            int
	commentProseWeight, extraSpanMin int
	extraSpanShare                   float64
	leadWords                        int
	openingBonus                     int
}

// th is the package's thresholds, loaded once.
var th = mustLoadThresholds(thresholdsFile)

func mustLoadThresholds(data string) thresholds {
	t, err := parseThresholds(data)
	if err != nil {
		panic(err) // embedded data is part of the build
	}
	return t
}

func parseThresholds(data string) (thresholds, error) {
	var t thresholds
	ints := map[string]*int{
		"length_low": &t.lengthLow, "length_high": &t.lengthHigh,
		"short_words": &t.shortWords, "edge_sentence_words": &t.edgeSentenceWords,
		"max_widget_lines": &t.maxWidgetLines, "spaceless_runes_per_word": &t.spacelessRunesPerWord,
		"comment_prose_weight": &t.commentProseWeight, "extra_span_min": &t.extraSpanMin,
		"lead_words": &t.leadWords, "opening_bonus": &t.openingBonus,
	}
	floats := map[string]*float64{
		"stopwords_low": &t.stopwordsLow, "stopwords_high": &t.stopwordsHigh,
		"address_density": &t.addressDensity, "max_link_density": &t.maxLinkDensity,
		"extra_span_share": &t.extraSpanShare,
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			return t, fmt.Errorf("thresholds line %d: want \"name value\", got %q", n, line)
		}
		switch name, val := f[0], f[1]; {
		case ints[name] != nil:
			v, err := strconv.Atoi(val)
			if err != nil {
				return t, fmt.Errorf("thresholds line %d: %s: %w", n, name, err)
			}
			*ints[name] = v
		case floats[name] != nil:
			v, err := strconv.ParseFloat(val, 64)
			if err != nil {
				return t, fmt.Errorf("thresholds line %d: %s: %w", n, name, err)
			}
			*floats[name] = v
		default:
			return t, fmt.Errorf("thresholds line %d: unknown name %q", n, name)
		}
		seen[f[0]] = true
	}
	if len(seen) != len(ints)+len(floats) {
		return t, fmt.Errorf("thresholds: %d of %d names set", len(seen), len(ints)+len(floats))
	}
	return t, sc.Err()
}
