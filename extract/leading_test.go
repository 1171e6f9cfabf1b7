package extract

import (
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
)

func TestLeadingMetadata(t *testing.T) {
	prose := "The council voted on Tuesday to widen the harbour so that larger ships can dock next year."
	tests := []struct {
		name  string
		lines []string
		want  []string // rules of the leading labels
	}{
		{"date then prose", []string{"12 March 2021", prose}, []string{"leading-date"}},
		{"byline then date", []string{"By Jane Doe", "Published 3 May 2020", prose}, []string{"leading-byline", "leading-date"}},
		{"reading time", []string{"4 min read", prose}, []string{"leading-reading-time"}},
		{"prose first", []string{prose, "12 March 2021"}, nil},
		{"a sentence with a year is prose", []string{"In 2019 the town built a new bridge over the river and a school.", prose}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var bs []blocks.Block
			for _, l := range tc.lines {
				bs = append(bs, blocks.Block{Block: noise.Block{Text: l}})
			}
			got := leadingMetadata(bs)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want rules %v", got, tc.want)
			}
			for i := range got {
				if got[i].Rule != tc.want[i] {
					t.Errorf("label %d: %s, want %s", i, got[i].Rule, tc.want[i])
				}
			}
		})
	}
}
