package extract

import (
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
)

// pb is a page block of a test table, with the page classifier's label.
type pb struct {
	text    string
	heading bool
	links   float64
	kind    noise.Kind
	rule    string
}

// pageOf builds page blocks and their labels from a test table.
func pageOf(rows []pb) ([]blocks.Block, []noise.Label) {
	var page []blocks.Block
	var labels []noise.Label
	for _, p := range rows {
		page = append(page, blocks.Block{Block: noise.Block{Text: p.text, Heading: p.heading, LinkDensity: p.links}})
		labels = append(labels, noise.Label{Kind: p.kind, Rule: p.rule})
	}
	return page, labels
}

// sameTexts reports where got's block texts differ from want.
func sameTexts(t *testing.T, got []blocks.Block, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", blocks.Text(got), want)
	}
	for i := range got {
		if got[i].Text != want[i] {
			t.Errorf("block %d: %q, want %q", i, got[i].Text, want[i])
		}
	}
}

func TestExtendBody(t *testing.T) {
	const (
		headline   = "Council widens the harbour"
		lead       = "The council voted on Tuesday to widen the harbour so that larger ships can dock next year."
		standfirst = "Larger ships have waited outside the harbour for years; on Tuesday the council finally decided to widen it for them."
		body       = "Work starts in spring. The port authority expects the first ships in the autumn of next year."
	)
	body1 := blocks.Block{Block: noise.Block{Text: body}}
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
			page, labels := pageOf(tc.page)
			page = append(page, body1)
			labels = append(labels, noise.Label{})
			if len(tc.want) > 0 && !leadPossible([]blocks.Block{body1}, page, headline, Options{}) {
				t.Errorf("leadPossible = false, want true")
			}
			sameTexts(t, extendBody([]blocks.Block{body1}, page, labels, headline), tc.want)
		})
	}
}

func TestBodyStartEnd(t *testing.T) {
	page := []blocks.Block{
		{Block: noise.Block{Text: "Menu"}},
		{Block: noise.Block{Text: "First line of the body.\n\n Second line of the body."}},
		{Block: noise.Block{Text: "Footer"}},
	}
	tests := []struct {
		name       string
		text       string
		start, end int // bodyStart and bodyEnd of a body of that one block
	}{
		{"same text", "Menu", 0, 0},
		{"same words, other white space", "First line of the body. Second line of the body.", 1, 1},
		// readability makes a <p> of each run of a <br>-separated block:
		// the body starts with its first and ends with its last.
		{"first paragraph of a block", "First line of the body.", 1, -1},
		{"last paragraph of a block", "Second line of the body.", -1, 1},
		{"other words", "Line of the body.", -1, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept := []blocks.Block{{Block: noise.Block{Text: tc.text}}}
			if got := bodyStart(kept, page); got != tc.start {
				t.Errorf("bodyStart = %d, want %d", got, tc.start)
			}
			if got := bodyEnd(kept, page); got != tc.end {
				t.Errorf("bodyEnd = %d, want %d", got, tc.end)
			}
		})
	}
}

func TestExtendTail(t *testing.T) {
	const (
		body = "Work starts in spring. The port authority expects the first ships in the autumn of next year."
		p1   = "The new quay will be two hundred metres long and will take ships of up to ten thousand tonnes."
		p2   = "Fishermen fear that the works will close the old harbour mouth for most of the summer season."
		p3   = "The council says a temporary channel will stay open and that the ferries will keep their timetable."
		bio  = "Jane Doe has written about ports, ships and the people who work on them for twenty years now."
	)
	tests := []struct {
		name string
		page []pb // the blocks below the body, top to bottom
		want []string
	}{
		{"three paragraphs and a section heading join", []pb{{"The new quay", true, 0, 0, ""}, {p1, false, 0, 0, ""}, {p2, false, 0, 0, ""}, {p3, false, 0, 0, ""}, {"Share", false, 1, noise.Social, ""}}, []string{"The new quay", p1, p2, p3}},
		{"a heading over one paragraph stays out", []pb{{"About the author", true, 0, 0, ""}, {bio, false, 0, 0, ""}, {"Share", false, 1, noise.Social, ""}}, nil},
		{"noise after two paragraphs stops them", []pb{{p1, false, 0, 0, ""}, {p2, false, 0, 0, ""}, {"Read also: more on the harbour", false, 0, noise.RelatedContent, ""}, {p3, false, 0, 0, ""}}, nil},
		{"a link-dense block stops them", []pb{{p1, false, 0, 0, ""}, {"Harbour news", false, 1, 0, ""}, {p2, false, 0, 0, ""}, {p3, false, 0, 0, ""}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept := []blocks.Block{{Block: noise.Block{Text: body}}}
			below, belowLabels := pageOf(tc.page)
			page := append([]blocks.Block{kept[0]}, below...)
			labels := append([]noise.Label{{}}, belowLabels...)
			if len(tc.want) > 0 && !tailPossible(kept, page, "") {
				t.Errorf("tailPossible = false, want true")
			}
			sameTexts(t, extendTail(kept, page, labels, ""), tc.want)
		})
	}
}
