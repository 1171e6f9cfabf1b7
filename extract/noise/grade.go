package noise

// Prose grading, after jusText: length and stop-word density, then
// the verdict of the neighbours.

// pageLanguage picks the language whose stop words are most frequent, or
// "" when none covers a tenth of the words (scripts we have no list for).
func pageLanguage(infos []blockInfo) string {
	var counts [32]int
	total := 0
	for _, in := range infos {
		total += len(in.toks)
		for _, wb := range in.bits {
			bits := wb.stop
			for i := 0; bits != 0; i, bits = i+1, bits>>1 {
				if bits&1 != 0 {
					counts[i]++
				}
			}
		}
	}
	best, n := "", 0
	for i, lang := range lexicon.langs {
		if counts[i] > n {
			best, n = lang, counts[i]
		}
	}
	if total == 0 || float64(n) < 0.1*float64(total) {
		return ""
	}
	return best
}

// gradeProse gives each block its jusText grade from length and stop-word
// density, after the rules that decide a block outright.
func gradeProse(infos []blockInfo, lang string) {
	stopBit := lexicon.langBit(lang)
	addrBits := stopBit | lexicon.langBit("en")
	for i := range infos {
		in := &infos[i]
		for _, b := range in.bits {
			if b.stop&stopBit != 0 {
				in.stop++
			}
			if b.addr&addrBits != 0 {
				in.addr++
			}
		}
		voice := in.addr >= 2 && float64(in.addr)/float64(max(in.words, 1)) >= th.addressDensity
		switch {
		case isLinkReference(in.b.Text):
			in.strong = true // a references list is the link list of the page
			in.setBad(Navigation, "link-reference")
		case in.strong:
			in.setBad(in.cueKind, ruleForKind(in.cueKind, "lexicon"))
		case in.cueKind == Caption && in.runes < th.lengthHigh:
			// "… (Photo: X)": a photo credit makes a short paragraph a
			// caption, however well it reads.
			in.setBad(Caption, "caption-cue")
		case voice && (in.cuePhrase && (in.cueKind == DonationAppeal || in.cueKind == NewsletterSignup) ||
			in.cueKind == Comments || in.cueKind == CookieNotice):
			// An appeal phrase in a paragraph that speaks to the reader
			// ("we have a small favour to ask… you…") is the appeal; so
			// are a site's words to the reader about comments or cookies.
			in.strong = true
			in.setBad(in.cueKind, ruleForKind(in.cueKind, "voice"))
		case in.timeOnly:
			in.setBad(RelatedContent, "feed-timestamp")
		case isServerMessage(in.b.Text):
			in.strong = true
			in.setBad(Other, "server-message")
		case isCopyright(in.b.Text):
			in.setBad(Footer, "copyright")
		case isBreadcrumb(in.b.Text, in.words):
			in.setBad(Navigation, "breadcrumb")
		case isFormControl(in.b.Text):
			in.setBad(Other, "form-control")
		case in.b.LinkDensity > th.maxLinkDensity:
			// Mostly link text (HTML input): a menu or a list of links.
			in.setBad(Navigation, "link-density")

		case in.runes < th.lengthLow:
			in.cls = clsShort
		default:
			in.cls = proseGrade(in, lang != "")
			if in.cls == clsBad {
				in.rule = "low-prose-density"
			}
		}
	}
}

// promoteIfNoGood handles pages whose paragraphs are all shorter than
// length_high (short news items, chat-like posts): the best they have is
// near-good, which then counts as good.
func promoteIfNoGood(infos []blockInfo) {
	for _, in := range infos {
		if in.cls == clsGood {
			return
		}
	}
	for i := range infos {
		if infos[i].cls == clsNearGood {
			infos[i].cls = clsGood
		}
	}
}

func proseGrade(in *blockInfo, haveStopwords bool) class {
	// Scripts written without spaces (Chinese, Japanese, Thai) make one
	// "word" of a whole sentence: stop words cannot be counted there.
	spaceless := in.runes >= th.spacelessRunesPerWord*max(in.words, 1)
	if !haveStopwords || spaceless {
		// No stop-word list for this script: sentence punctuation stands
		// in for function words.
		switch {
		case in.runes >= th.lengthHigh && in.terminal:
			return clsGood
		case in.terminal:
			return clsNearGood
		}
		return clsBad
	}
	density := float64(in.stop) / float64(max(in.words, 1))
	switch {
	case density >= th.stopwordsHigh && in.runes >= th.lengthHigh:
		return clsGood
	case density >= th.stopwordsLow:
		return clsNearGood
	}
	return clsBad
}

// smoothContext resolves short and near-good blocks from their neighbours,
// as jusText does: a short line between paragraphs is part of the text, a
// near-good block next to a good one is good.
func smoothContext(infos []blockInfo) {
	// Nearest graded neighbours, precomputed so that long runs of short
	// lines cost linear time: ignoring short blocks, and ignoring short
	// and near-good ones.
	prevAny, nextAny := nearest(infos, func(in *blockInfo) bool { return in.cls == clsShort })
	prevFirm, nextFirm := nearest(infos, func(in *blockInfo) bool { return in.cls == clsShort || in.cls == clsNearGood })
	// Short blocks first, from the original grades.
	newCls := make([]class, len(infos))
	for i := range infos {
		in := &infos[i]
		newCls[i] = in.cls
		if in.cls != clsShort {
			continue
		}
		prev, next := prevFirm[i], nextFirm[i]
		switch {
		case prev == clsGood && next == clsGood:
			newCls[i] = clsGood
		case prev == clsBad && next == clsBad:
			newCls[i] = clsBad
		case prev == clsBad && prevAny[i] == clsNearGood,
			next == clsBad && nextAny[i] == clsNearGood:
			newCls[i] = clsGood
		case prev == clsGood && i == len(infos)-1 && in.terminal && in.words >= 4:
			// The closing sentence of a page that ends with its article.
			newCls[i] = clsGood
		default:
			newCls[i] = clsBad
		}
	}
	for i := range infos {
		// A heading right above good text introduces it (jusText keeps
		// such headings too).
		if infos[i].cls == clsShort && infos[i].b.Heading && nextFirm[i] == clsGood {
			newCls[i] = clsGood
		}
		if infos[i].cls == clsShort {
			infos[i].cls = newCls[i]
			if newCls[i] == clsBad && infos[i].rule == "" {
				infos[i].rule = "short-line"
			}
		}
	}
	// Then near-good blocks, left to right: the block before is already
	// settled, the next firm block is looked up once. A block the wording
	// alone condemned (a "Read: …" teaser, a share line) is a widget set
	// into the text, not a neighbour: the look passes over it both ways.
	_, nextFirm = nearest(infos, func(in *blockInfo) bool { return in.cls == clsNearGood || in.strong })
	for i := range infos {
		in := &infos[i]
		if in.cls != clsNearGood {
			continue
		}
		prev := clsBad
		for j := i - 1; j >= 0; j-- {
			if !infos[j].strong {
				prev = infos[j].cls
				break
			}
		}
		if prev == clsBad && nextFirm[i] == clsBad {
			in.cls = clsBad
			in.rule = "isolated-near-prose"
		} else {
			in.cls = clsGood
		}
	}
}

// nearest returns, for each block, the class of the closest block before
// and after it that skip does not pass over; clsBad beyond the page.
func nearest(infos []blockInfo, skip func(*blockInfo) bool) (prev, next []class) {
	prev, next = make([]class, len(infos)), make([]class, len(infos))
	last := clsBad
	for i := range infos {
		prev[i] = last
		if !skip(&infos[i]) {
			last = infos[i].cls
		}
	}
	last = clsBad
	for i := len(infos) - 1; i >= 0; i-- {
		next[i] = last
		if !skip(&infos[i]) {
			last = infos[i].cls
		}
	}
	return prev, next
}
