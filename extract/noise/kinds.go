package noise

// Final kinds: body inside the article, a noise kind from wording,
// region or position elsewhere.

// assignKinds settles the final verdict: good blocks inside the main span
// are body, everything else gets a noise kind from its wording, its region
// or its position.
func assignKinds(infos []blockInfo, insideSpan []bool, start, end int) {
	tailKind := Unspecified // kind of the last widget seen after the text
	for i := range infos {
		in := &infos[i]
		inside := insideSpan[i]
		// A short sentence or list item between the article's paragraphs
		// is part of it (measured: +0.7 points of recall, -0.7 of
		// precision on the trafilatura dumps; bare labels stay out).
		if inside && in.grade == clsShort && in.rule == "short-line" && (in.terminal || in.b.ListItem) {
			in.cls = clsGood
			in.rule = RuleWeakProse
		}
		if inside && in.grade == clsNearGood && in.rule == "isolated-near-prose" {
			// Weak prose inside the article (recipe steps, short
			// paragraphs between lists) is the article's own.
			in.cls = clsGood
			in.rule = RuleWeakProse
		}
		if in.cls == clsGood && inside {
			if isInlineTeaser(in) {
				in.setBad(RelatedContent, "inline-teaser")
			} else {
				if in.rule == "" {
					in.rule = "prose"
				}
				continue
			}
		}
		if in.cls == clsGood {
			in.cls = clsBad
			in.kind = Unspecified
			in.rule = ""
		}
		// Feeds and comment sections mix their labels with prose, so the
		// lines after such a cue take its kind; other widgets already
		// spread over their own region.
		if i >= end && (in.kind == RelatedContent || in.kind == Comments) {
			tailKind = in.kind
		} else if i >= end && in.kind != Unspecified && in.kind != Other && in.rule != "" {
			tailKind = Unspecified
		}
		// A kind the wording or structure decided stays; Other from a
		// weak rule gives way to the position's kind, a strong verdict
		// (a server message) does not.
		if in.kind != Unspecified && (in.kind != Other || in.strong) && in.rule != "" {
			continue
		}
		switch {
		case i < start:
			in.kind, in.rule = Navigation, "before-text"
			if in.cueKind != Unspecified {
				in.kind, in.rule = in.cueKind, ruleForKind(in.cueKind, "cue")
			}
		case i >= end && tailKind != Unspecified:
			in.kind, in.rule = tailKind, "after-text-region"
		case i >= end:
			in.kind, in.rule = tailDefault(in)
		default:
			if in.kind == Unspecified {
				in.kind = Other
			}
			if in.rule == "" {
				in.rule = "no-prose"
			}
		}
	}
	markShortRuns(infos)
	markCaptionsBeforeCredits(infos)
}

// tailDefault names a block after the article that no widget claimed.
func tailDefault(in *blockInfo) (Kind, string) {
	switch {
	case in.cueKind != Unspecified:
		return in.cueKind, ruleForKind(in.cueKind, "cue")
	case !in.terminal && in.words >= 4 && in.words <= 20:
		return RelatedContent, "after-text-headline"
	case in.words <= 3:
		return Navigation, "after-text-short"
	}
	return Other, "after-text"
}

// markShortRuns relabels runs of three or more short lines without a kind
// of their own as navigation: menus and link lists.
func markShortRuns(infos []blockInfo) {
	for i := 0; i < len(infos); {
		j := i
		for j < len(infos) && infos[j].cls == clsBad && infos[j].words <= 4 && !infos[j].terminal {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				in := &infos[k]
				if in.kind == Other || in.rule == "before-text" || in.rule == "after-text-short" {
					in.kind, in.rule = Navigation, "short-line-run"
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

// markCaptionsBeforeCredits labels the line above a photo credit line
// ("Photo by …", "… via Getty Images") as a caption when it reads like
// one: no closing full stop, not too long.
func markCaptionsBeforeCredits(infos []blockInfo) {
	for i := 1; i < len(infos); i++ {
		in := &infos[i]
		credit := in.cls == clsBad && in.kind == Caption && in.strong
		if !credit {
			continue
		}
		p := &infos[i-1]
		if p.cls == clsGood && !p.terminal && p.words <= 40 {
			p.setBad(Caption, "caption-before-credit")
		}
	}
}
