package extract

import (
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	"golang.org/x/net/html/atom"
)

func TestTrailingHeadings(t *testing.T) {
	noiseLabel := noise.Label{Kind: noise.RelatedContent, Rule: "after-text-headline"}
	prose := noise.Label{Rule: "prose"}
	type line struct {
		heading bool
		label   noise.Label
	}
	tests := []struct {
		name  string
		lines []line
		want  int
	}{
		{"no heading at the end", []line{{false, prose}, {false, prose}}, 2},
		{"one noise heading at the end", []line{{false, prose}, {true, noiseLabel}}, 1},
		{"two noise headings at the end", []line{{true, prose}, {false, prose}, {true, noiseLabel}, {true, noiseLabel}}, 2},
		{"a heading the classifier calls prose stays", []line{{false, prose}, {true, prose}}, 2},
		{"the run stops at a prose heading", []line{{false, prose}, {true, noiseLabel}, {true, prose}}, 3},
		{"headings alone are no tail", []line{{true, noiseLabel}, {true, noiseLabel}}, 2},
		{"empty body", nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body []blocks.Block
			var labels []noise.Label
			for _, l := range tc.lines {
				var b blocks.Block
				b.Text, b.Heading = "text", l.heading
				body = append(body, b)
				labels = append(labels, l.label)
			}
			if got := trailingHeadings(body, labels); got != tc.want {
				t.Errorf("trailingHeadings = %d, want %d", got, tc.want)
			}
		})
	}
}

// Two paragraphs of article prose for the body fixtures.
const (
	councilVote = "The council voted on Tuesday to fund the new bridge over the river, after two years of debate about its cost and about the route it should take through the old town."
	bridgeWork  = "Work is expected to start next spring and to last about three years, the mayor said, adding that the old ferry would keep running until the bridge opens."
)

// testBlock is a body block of one element; headings are h2.
func testBlock(text string, tag atom.Atom) blocks.Block {
	b := blocks.Block{Tag: tag}
	b.Text, b.Heading = text, tag == atom.H2
	return b
}

func TestFilterBodyTrailingHeading(t *testing.T) {
	block := testBlock
	body := func() []blocks.Block {
		return []blocks.Block{
			block(councilVote, atom.P),
			block(bridgeWork, atom.P),
			block("The vote passed with a large majority, and the opposition said it would not challenge the decision in court.", atom.P),
			block("What the bridge means for the harbour district", atom.H2),
		}
	}
	tests := []struct {
		pref     Preference
		wantKept int
	}{
		{Balanced, 3},
		{PreferPrecision, 3},
		{PreferRecall, 4},
	}
	for _, tc := range tests {
		kept, dropped, _ := filterBody(new(noise.Classifier), body(), Options{Preference: tc.pref})
		if len(kept) != tc.wantKept {
			t.Errorf("%v: kept %d blocks, want %d: %q", tc.pref, len(kept), tc.wantKept, blocks.Text(kept))
		}
		if tc.wantKept == 3 && (len(dropped) != 1 || dropped[0].Rule != "trailing-heading" || dropped[0].Kind != noise.RelatedContent) {
			t.Errorf("%v: dropped %+v, want the heading as trailing-heading", tc.pref, dropped)
		}
	}
}

func TestFilterBodyPostFooter(t *testing.T) {
	prose := []string{
		councilVote,
		bridgeWork,
	}
	tests := []struct {
		name, footer string
	}{
		{"english", "This entry was posted on Monday, May 4th, 2020 at 9:15 am and is filed under Travel, Harbour. You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response, or trackback from your own site."},
		{"german", "Dieser Eintrag wurde am Montag, 4. Mai 2020 um 9:15 Uhr veröffentlicht und abgelegt unter Reisen, Hafen. Kommentare zu diesem Eintrag im RSS 2.0 Feed. Kommentare und Pings sind derzeit nicht erlaubt."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body []blocks.Block
			for _, s := range append(prose, tc.footer) {
				b := blocks.Block{Tag: atom.P}
				b.Text = s
				body = append(body, b)
			}
			kept, dropped, _ := filterBody(new(noise.Classifier), body, Options{})
			if len(kept) != len(prose) {
				t.Errorf("kept %d blocks, want the %d paragraphs: %q", len(kept), len(prose), blocks.Text(kept))
			}
			if len(dropped) != 1 || dropped[0].Text != tc.footer || dropped[0].Rule != "footer-lexicon" {
				t.Errorf("dropped %+v, want the post footer as footer-lexicon", dropped)
			}
		})
	}
}

func TestIsTrailingNotice(t *testing.T) {
	long := "© 2024 Example News. All rights reserved. This article may not be reprinted, broadcast or redistributed, in whole or in part, without the written permission of the publisher, who can be reached at the address given on the contact page of this site."
	tests := []struct {
		name    string
		text    string
		fromEnd int
		want    bool
	}{
		{"notice that opens with the mark, last block", long, 1, true},
		{"notice one block above the end", long, 2, true},
		{"notice further up is left to the credit rule", long, 3, false},
		{"copyright and a year", "Copyright 2024 Example News. All rights reserved.", 1, true},
		{"copyright and the mark", "Copyright © Example News", 1, true},
		{"prose that opens with the word", "Copyright holders argued that the ruling would make licensing harder for small publishers.", 1, false},
		{"mark inside a closing sentence", "We never meant this as a manifesto™© and hope you share what you learn too.", 1, false},
		{"too long for a notice", "© " + strings.Repeat("word ", copyrightTailWords), 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := isTrailingNotice(tc.text, tc.fromEnd); got != tc.want {
				t.Errorf("isTrailingNotice = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFilterBodyTrailingCopyright(t *testing.T) {
	notice := "© 2024 Example News. All rights reserved. This article may not be reprinted, broadcast or redistributed, in whole or in part, without the written permission of the publisher."
	body := func() []blocks.Block {
		var bs []blocks.Block
		for _, s := range []string{
			councilVote,
			bridgeWork,
			notice,
		} {
			b := blocks.Block{Tag: atom.P}
			b.Text = s
			bs = append(bs, b)
		}
		return bs
	}
	kept, dropped, _ := filterBody(new(noise.Classifier), body(), Options{})
	if len(kept) != 2 || len(dropped) != 1 || dropped[0].Rule != "trailing-copyright" || dropped[0].Kind != noise.Footer {
		t.Errorf("balanced: kept %d, dropped %+v; want the notice dropped as trailing-copyright", len(kept), dropped)
	}
	if kept, _, _ := filterBody(new(noise.Classifier), body(), Options{Preference: PreferRecall}); len(kept) != 3 {
		t.Errorf("recall: kept %d blocks, want all 3", len(kept))
	}
}

func TestFilterBodyFigureText(t *testing.T) {
	body := func() []blocks.Block {
		return []blocks.Block{testBlock(councilVote, atom.P), testBlock("Jane Roe/Example Agency", atom.Figure), testBlock(bridgeWork, atom.P)}
	}
	kept, dropped, _ := filterBody(new(noise.Classifier), body(), Options{})
	if len(kept) != 2 || len(dropped) != 1 || dropped[0].Rule != "figure-text" || dropped[0].Kind != noise.Caption {
		t.Errorf("balanced: kept %d, dropped %+v; want the credit dropped as figure-text", len(kept), dropped)
	}
	if kept, _, _ := filterBody(new(noise.Classifier), body(), Options{KeepKinds: []NoiseKind{noise.Caption}}); len(kept) != 3 {
		t.Errorf("keeping captions: kept %d blocks, want all 3", len(kept))
	}
}

// An appeal voiced to the reader at the end of the body goes; the same
// words between paragraphs are left to the wording rules.
func TestFilterBodyTrailingAppeal(t *testing.T) {
	t.Parallel()
	appeal := "Your support keeps our reporters on the waterfront: a small donation helps us tell you what happens in the harbour every week."
	para := func(s string) blocks.Block {
		b := blocks.Block{Tag: atom.P}
		b.Text = s
		return b
	}
	tests := []struct {
		name string
		body []blocks.Block
		drop bool
		pref Preference
	}{
		{"appeal at the end", []blocks.Block{para(councilVote), para(bridgeWork), para(appeal)}, true, Balanced},
		{"appeal between paragraphs", []blocks.Block{para(appeal), para(councilVote), para(bridgeWork), para(councilVote)}, false, Balanced},
		{"recall keeps it", []blocks.Block{para(councilVote), para(bridgeWork), para(appeal)}, false, PreferRecall},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, dropped, _ := filterBody(new(noise.Classifier), tc.body, Options{Preference: tc.pref})
			got := false
			for _, sp := range dropped {
				if sp.Text == appeal {
					got = true
					if sp.Rule != "trailing-donation-voice" {
						t.Errorf("appeal dropped by %q, want trailing-donation-voice", sp.Rule)
					}
				}
			}
			if got != tc.drop {
				t.Errorf("appeal dropped = %v, want %v", got, tc.drop)
			}
		})
	}
}
