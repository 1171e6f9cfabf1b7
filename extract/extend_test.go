package extract

import (
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
)

func TestExtendBody(t *testing.T) {
	const (
		headline   = "Council widens the harbour"
		lead       = "The council voted on Tuesday to widen the harbour so that larger ships can dock next year."
		standfirst = "Larger ships have waited outside the harbour for years; on Tuesday the council finally decided to widen it for them."
		body       = "Work starts in spring. The port authority expects the first ships in the autumn of next year."
	)
	body1 := blocks.Block{Block: noise.Block{Text: body}}
	type pb struct {
		text    string
		heading bool
		links   float64
		kind    noise.Kind
		rule    string
	}
	tests := []struct {
		name string
		page []pb // the blocks above the body, top to bottom
		want []string
	}{
		{"lead right above", []pb{{headline, true, 0, 0, ""}, {lead, false, 0, 0, ""}}, []string{lead}},
		{"lead above a byline and a date", []pb{{headline, true, 0, 0, ""}, {lead, false, 0, 0, ""}, {"By Jane Doe", false, 1, noise.Navigation, ""}, {"12 March 2021", false, 0, noise.Other, ""}}, []string{lead}},
		{"three short lines are too many", []pb{{lead, false, 0, 0, ""}, {"By Jane Doe", false, 1, noise.Navigation, ""}, {"12 March 2021", false, 0, noise.Other, ""}, {"Share", false, 1, noise.Social, ""}}, nil},
		{"a long caption is stepped over", []pb{{lead, false, 0, 0, ""}, {"The harbour at dawn, seen from the lighthouse: the quay on the left is the one the council wants to widen", false, 0, noise.Caption, ""}}, []string{lead}},
		{"a long noise block stops", []pb{{lead, false, 0, 0, ""}, {"Read also: the harbour master explains in a long interview what the new quay means for the fishermen and the ferries", false, 0, noise.RelatedContent, ""}}, nil},
		{"the headline stops", []pb{{lead, false, 0, 0, ""}, {headline, true, 0, 0, ""}}, nil},
		{"a section heading right above joins", []pb{{headline, true, 0, 0, ""}, {lead, false, 0, 0, ""}, {"Background", true, 0, 0, ""}}, []string{lead, "Background"}},
		{"a short heading above a gap stops", []pb{{lead, false, 0, 0, ""}, {"Background", true, 0, 0, ""}, {"By Jane Doe", false, 1, noise.Navigation, ""}}, nil},
		{"under the headline, any number of short lines is stepped over", []pb{{headline, true, 0, 0, ""}, {lead, false, 0, 0, ""}, {"By Jane Doe", false, 1, noise.Navigation, ""}, {"12 March 2021", false, 0, noise.Other, ""}, {"Share", false, 1, noise.Social, ""}, {"Photo: the harbour", false, 0, noise.Caption, ""}}, []string{lead}},
		{"under the headline, prose the page classifier put before the text joins", []pb{{headline, true, 0, 0, ""}, {standfirst, false, 0, noise.Navigation, "before-text"}, {"By Jane Doe", false, 1, noise.Navigation, ""}}, []string{standfirst}},
		{"under the headline, a short line before the text stays out", []pb{{headline, true, 0, 0, ""}, {"Ships wait outside the harbour", false, 0, noise.Navigation, "before-text"}}, nil},
		{"above the headline, prose before the text stays out", []pb{{standfirst, false, 0, noise.Navigation, "before-text"}, {headline, true, 0, 0, ""}}, nil},
		{"a long heading is a standfirst", []pb{{headline, true, 0, 0, ""}, {"In a close vote the council decided on Tuesday to widen the harbour so that larger ships can dock there", true, 0, 0, ""}},
			[]string{"In a close vote the council decided on Tuesday to widen the harbour so that larger ships can dock there"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var page []blocks.Block
			var labels []noise.Label
			for _, p := range tc.page {
				b := blocks.Block{Block: noise.Block{Text: p.text, Heading: p.heading, LinkDensity: p.links}}
				page = append(page, b)
				labels = append(labels, noise.Label{Kind: p.kind, Rule: p.rule})
			}
			page = append(page, body1)
			labels = append(labels, noise.Label{})
			if len(tc.want) > 0 && !leadPossible([]blocks.Block{body1}, page, headline, Options{}) {
				t.Errorf("leadPossible = false, want true")
			}
			got := extendBody([]blocks.Block{body1}, page, labels, headline)
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", blocks.Text(got), tc.want)
			}
			for i := range got {
				if got[i].Text != tc.want[i] {
					t.Errorf("block %d: %q, want %q", i, got[i].Text, tc.want[i])
				}
			}
		})
	}
}

func TestBodyStart(t *testing.T) {
	page := []blocks.Block{
		{Block: noise.Block{Text: "Menu"}},
		{Block: noise.Block{Text: "First line of the body.\n\n Second line of the body."}},
		{Block: noise.Block{Text: "Footer"}},
	}
	tests := []struct {
		name  string
		first string
		want  int
	}{
		{"same text", "Menu", 0},
		{"same words, other white space", "First line of the body. Second line of the body.", 1},
		{"other words", "First line of the body.", -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept := []blocks.Block{{Block: noise.Block{Text: tc.first}}}
			if got := bodyStart(kept, page); got != tc.want {
				t.Errorf("bodyStart = %d, want %d", got, tc.want)
			}
		})
	}
}
