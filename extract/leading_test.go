package extract

import (
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
)

func TestMetadataLines(t *testing.T) {
	prose := "The council voted on Tuesday to widen the harbour so that larger ships can dock next year."
	tests := []struct {
		name  string
		lines []string
		want  []string // rule of each line's label, "" for body
	}{
		{"date then prose", []string{"12 March 2021", prose}, []string{"leading-date", ""}},
		{"byline then date", []string{"By Jane Doe", "Published 3 May 2020", prose}, []string{"leading-byline", "leading-date", ""}},
		{"reading time", []string{"4 min read", prose}, []string{"leading-reading-time", ""}},
		{"date below a lead paragraph", []string{prose, "12 March 2021", prose}, []string{"", "leading-date", ""}},
		{"a sentence with a year is prose", []string{"In 2019 the town built a new bridge over the river and a school.", prose}, []string{"", ""}},
		{"a web address with a year is no date", []string{"https://example.org/2013/harbour", prose}, []string{"", ""}},
		{"byline and dated update at the end", []string{prose, prose, prose, prose, "Von: Jane Doe", "Updated 3 May 2020"},
			[]string{"", "", "", "", "trailing-byline", "trailing-date"}},
		{"a bare date at the end is left alone", []string{prose, prose, prose, prose, "Deadline: 03.11.2019"}, []string{"", "", "", "", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var bs []blocks.Block
			for _, l := range tc.lines {
				bs = append(bs, blocks.Block{Block: noise.Block{Text: l}})
			}
			got := metadataLines(bs)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d labels, want %d", len(got), len(tc.want))
			}
			for i := range got {
				if got[i].Rule != tc.want[i] {
					t.Errorf("line %d %q: rule %q, want %q", i, tc.lines[i], got[i].Rule, tc.want[i])
				}
			}
		})
	}
}
