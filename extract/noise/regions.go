package noise

// Widget regions: repeated lines and the spread of a widget over the
// lines around its wording.

// markRepeats flags short lines that occur more than once on the page:
// widget labels and menu items repeat, sentences of an article do not.
func markRepeats(infos []blockInfo) {
	seen := map[string]int{}
	for _, in := range infos {
		if in.norm != "" && in.words <= 15 {
			seen[in.norm]++
		}
	}
	for i := range infos {
		in := &infos[i]
		// A full sentence seen twice is more often a pull quote repeating
		// the text than a widget; leave it to the other rules.
		if n := seen[in.norm]; n > 1 && in.words <= 15 && !(in.terminal && in.words >= 7) {
			in.repeated = n
			if in.cls != clsBad {
				k := in.cueKind
				if k == Unspecified {
					k = Other
				}
				in.setBad(k, "repeated-line")
			}
		}
	}
}

// regionKinds are the widget kinds whose text spans several blocks.
func regionKind(k Kind) bool {
	switch k {
	case DonationAppeal, NewsletterSignup, CookieNotice, Comments:
		return true
	}
	return false
}

// spreadRegions grows each widget found by its wording over its region:
// forward over lines that keep addressing the reader or are short widget
// lines, backward over the short lead-in lines of the same paragraph.
func spreadRegions(infos []blockInfo) {
	// When (almost) every block is its own paragraph (a double-spaced
	// dump, or HTML blocks) paragraphs say nothing: neighbours count as
	// the same paragraph.
	joined := 0
	for i := range infos {
		if infos[i].b.SameParagraph {
			joined++
		}
	}
	loose := float64(joined) < 0.05*float64(len(infos))
	same := func(in *blockInfo) bool { return in.b.SameParagraph || loose }
	for i := 0; i < len(infos); i++ {
		cue := &infos[i]
		if !cue.strong || !regionKind(cue.kind) {
			continue
		}
		k := cue.kind
		// Backward: a title line or two right above the widget in the
		// same paragraph ("Dear readers," above the appeal).
		for j := i; j > 0 && same(&infos[j]) && i-j < 3 && !cue.b.ListItem; j-- {
			p := &infos[j-1]
			if p.cls == clsBad || p.b.ListItem || p.words > th.shortWords || (p.terminal && p.words > 3) {
				break
			}
			p.setBad(k, "region-lead-in")
		}
		plain := 0 // short lines absorbed in a row without a cue of their own
		for j := i + 1; j < len(infos); j++ {
			n := &infos[j]
			if n.strong || n.timeOnly {
				break
			}
			voice := n.addr >= 2 && float64(n.addr)/float64(max(n.words, 1)) >= th.addressDensity
			sameCue := n.cueKind == k
			// A widget's buttons and labels sit in its paragraph; menu
			// items (list items) after a menu entry do not belong to it.
			shortLine := n.words <= th.shortWords && same(n) && !n.b.ListItem && !cue.b.ListItem && plain < th.maxWidgetLines
			if !(voice && (k == DonationAppeal || k == NewsletterSignup) || sameCue || shortLine) {
				break
			}
			if sameCue || voice {
				plain = 0
			} else {
				plain++
			}
			n.setBad(k, "region-"+ruleForKind(k, "voice"))
			i = j
		}
	}
}
