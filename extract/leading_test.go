package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/htmldom"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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

func TestDropLeadingTime(t *testing.T) {
	t.Parallel()
	lead := "A different season is ending, and the clubs count who came back to play."
	tests := []struct {
		name, body string
		want       string // text of the dropped date, "" for none
	}{
		{"date merged with the standfirst", `<div><p><time datetime="2020-10-07">7 October 2020</time> ` + lead + `</p></div>`, "7 October 2020"},
		{"date in its own wrapper", `<div><div class="meta"><time>2020-10-07</time></div><p>` + lead + `</p></div>`, "2020-10-07"},
		{"time after text stays", `<div><p>` + lead + ` <time>7 October 2020</time></p></div>`, ""},
		{"a time that is no date stays", `<div><p><time>Tuesday evening</time> ` + lead + `</p></div>`, ""},
		{"a long time element stays", `<div><p><time>` + lead + ` 2020</time></p></div>`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc, err := html.Parse(strings.NewReader("<html><body>" + tc.body + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			root := htmldom.Body(doc)
			sp, ok := dropLeadingTime(root)
			if ok != (tc.want != "") || sp.Text != tc.want {
				t.Fatalf("dropped %q (%v), want %q", sp.Text, ok, tc.want)
			}
			if ok {
				if sp.Kind != noise.Dateline || sp.Rule != "leading-time" {
					t.Errorf("span %s/%s, want dateline/leading-time", sp.Kind, sp.Rule)
				}
				if strings.Contains(htmldom.Text(root), tc.want) {
					t.Errorf("date still in the body: %q", htmldom.Text(root))
				}
			}
			if !strings.Contains(htmldom.Text(root), "A different season") {
				t.Errorf("the standfirst left the body")
			}
		})
	}
}

func TestFilterBodyLeadingFragments(t *testing.T) {
	t.Parallel()
	block := func(tag atom.Atom, s string) blocks.Block {
		b := blocks.Block{Tag: tag}
		b.Text = s
		return b
	}
	div := func(s string) blocks.Block { return block(atom.Div, s) }
	prose := block(atom.P, councilVote)
	tests := []struct {
		name string
		body []blocks.Block
		want []string // texts dropped as leading-fragment
	}{
		{"section label and widget lines", []blocks.Block{div("Politics"), div("Recommend"), prose, block(atom.P, bridgeWork)}, []string{"Politics", "Recommend"}},
		{"a paragraph of the author's stays", []blocks.Block{block(atom.P, "Dear visitors"), prose}, nil},
		{"a sentence stays", []blocks.Block{div("Rain at last."), prose}, nil},
		{"a heading stays", []blocks.Block{{Block: noise.Block{Text: "The vote", Heading: true}, Tag: atom.H2}, prose}, nil},
		{"short lines after the first prose stay", []blocks.Block{prose, div("Politics")}, nil},
		{"no prose, no fragments", []blocks.Block{div("Politics"), div("Recommend")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkDroppedBy(t, tc.body, "leading-fragment", tc.want)
		})
	}
}

func TestFilterBodyLeadingMenu(t *testing.T) {
	t.Parallel()
	item := func(s string, density float64) blocks.Block {
		b := blocks.Block{Tag: atom.Li}
		b.Text, b.ListItem, b.LinkDensity = s, true, density
		return b
	}
	prose := blocks.Block{Tag: atom.P}
	prose.Text = councilVote
	menu := []blocks.Block{item("News", 1), item("Business", 1), item("Culture", 1)}
	tests := []struct {
		name string
		body []blocks.Block
		want []string // texts dropped as leading-menu
	}{
		{"three link items above the text", append(slices.Clone(menu), prose), []string{"News", "Business", "Culture"}},
		{"two link items stay", []blocks.Block{menu[0], menu[1], prose}, nil},
		{"items of plain text stay", []blocks.Block{item("Flour", 0), item("Sugar", 0), item("Eggs", 0), prose}, nil},
		{"long link items stay", []blocks.Block{item("How the council voted on the bridge", 1), item("What the bridge will cost the town", 1), item("Who builds it and when", 1), prose}, nil},
		{"a menu below the first paragraph stays", append([]blocks.Block{prose}, menu...), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkDroppedBy(t, tc.body, "leading-menu", tc.want)
		})
	}
}

// checkDroppedBy runs filterBody on body and checks the texts that rule
// dropped.
func checkDroppedBy(t *testing.T, body []blocks.Block, rule string, want []string) {
	t.Helper()
	_, dropped, _ := filterBody(new(noise.Classifier), body, Options{})
	var got []string
	for _, sp := range dropped {
		if sp.Rule == rule {
			got = append(got, sp.Text)
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s dropped %q, want %q", rule, got, want)
	}
}
