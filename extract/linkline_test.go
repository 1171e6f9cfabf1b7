package extract

import (
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html/atom"
)

func TestIsLinkLine(t *testing.T) {
	block := func(text string, density float64, tag atom.Atom, list, heading bool) blocks.Block {
		b := blocks.Block{Tag: tag}
		b.Text, b.LinkDensity, b.ListItem, b.Heading = text, density, list, heading
		return b
	}
	linkDensity := noise.Label{Kind: noise.Navigation, Rule: "link-density"}
	tests := []struct {
		name  string
		b     blocks.Block
		label noise.Label
		want  bool
	}{
		{"teaser paragraph the classifier calls link-dense", block("Read also: Council votes on the new bridge", 0.8, atom.P, false, false), linkDensity, true},
		{"unlabelled short link paragraph", block("More on the flood", 0.9, atom.P, false, false), noise.Label{}, true},
		{"list item of a link list stays", block("Mozilla Foundation", 1, atom.Li, true, false), linkDensity, false},
		{"table row stays", block("Model A\t370 €\tyes", 0.6, atom.Tr, false, false), linkDensity, false},
		{"heading stays", block("Related coverage", 1, atom.H2, false, true), linkDensity, false},
		{"prose with a few links stays", block("The council voted on Tuesday to fund the bridge", 0.2, atom.P, false, false), noise.Label{}, false},
		{"long link-dense paragraph stays", block("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen", 0.9, atom.P, false, false), linkDensity, false},
		{"a written-out web address stays", block("https://example.org/petition/bridge", 1, atom.P, false, false), linkDensity, false},
		{"a written-out mail address stays", block("press@example.org", 1, atom.P, false, false), linkDensity, false},
		{"other noise label is left to its own rule", block("Share this", 1, atom.P, false, false), noise.Label{Kind: noise.Social, Rule: "social-cue"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := isLinkLine(tc.b, tc.label); got != tc.want {
				t.Errorf("isLinkLine = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFilterBodyRelatedList(t *testing.T) {
	para := func(text string) blocks.Block {
		b := blocks.Block{Tag: atom.P}
		b.Text = text
		return b
	}
	link := func(text string) blocks.Block {
		b := blocks.Block{Tag: atom.Li}
		b.Text, b.LinkDensity, b.ListItem = text, 1, true
		return b
	}
	body := []blocks.Block{
		para("The council voted on Tuesday to fund the new bridge over the river, after two years of debate about its cost and about the route it should take through the old town."),
		para("Work is expected to start next spring and to last about three years, the mayor said, adding that the old ferry would keep running until the bridge opens."),
		para("Mehr zum Thema"),
		link("Ferry operators fear for their jobs as the bridge plans move ahead in the council"),
		link("Bridge costs: what the town pays and what the region adds to the budget"),
		para("The vote passed with a large majority, and the opposition said it would not challenge it."),
	}
	kept, dropped, _ := filterBody(new(noise.Classifier), body, Options{})
	want := map[string]string{
		body[2].Text: "related-lexicon",
		body[3].Text: "related-list",
		body[4].Text: "related-list",
	}
	if len(kept) != 3 {
		t.Errorf("kept %d blocks, want the 3 paragraphs: %q", len(kept), blocks.Text(kept))
	}
	for _, sp := range dropped {
		if want[sp.Text] != sp.Rule {
			t.Errorf("%q removed by %q, want %q", sp.Text, sp.Rule, want[sp.Text])
		}
		delete(want, sp.Text)
	}
	for text := range want {
		t.Errorf("%q kept", text)
	}
}

func TestTrustPostRuleCredit(t *testing.T) {
	tests := []struct {
		text string
		pref Preference
		want bool
	}{
		{"Marco Odermatt, Ski-Star aus der Schweiz. © AFP / Photographer", Balanced, true},
		{"Marco Odermatt, Ski-Star aus der Schweiz. © AFP / Photographer", PreferRecall, false},
		{"Den Buchtitel habe der Präsident selbst beigesteuert, sagte er bei der Vorstellung des Buches, dessen Rechte © beim Verlag liegen und das im Mai erscheint.", Balanced, false},
	}
	for _, tc := range tests {
		if got := trustPostRule("copyright", tc.text, tc.pref); got != tc.want {
			t.Errorf("trustPostRule(copyright, %q, %v) = %v, want %v", tc.text, tc.pref, got, tc.want)
		}
	}
}
