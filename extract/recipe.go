package extract

import (
	"strings"
	"unicode"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
)

// A recipe page states its ingredients twice: in its JSON-LD
// (schema.org Recipe, recipeIngredient) and as a list on the page, often
// in a box of its own beside the method, which readability leaves out. The
// JSON-LD lines find that list among the page's blocks, whatever its
// markup (a list, a table whose cells split amount and name, divs) and
// language: a run of consecutive short blocks whose words are the
// ingredient lines' words, holding at least half of those lines word for
// word. Up to recipeGapBlocks other short blocks in a row may sit inside
// the run ("For the dough:"), and a short heading right above it
// ("Ingredients") joins it. The run joins the body before or after it,
// wherever it sits on the page. Of the trafilatura corpus's 15 pages
// with such JSON-LD, readability's body held the list on 13; the rule
// added it to the other two (go test ./extract -run TestQualityCorpus
// -v: TP 2821 → 2825, FP unchanged; the readability set unchanged).
const (
	// recipeMinLines is the fewest ingredient lines that make a list.
	recipeMinLines = 2
	// recipeLineShare of the JSON-LD lines must be in the run.
	recipeLineShare = 0.5
	// recipeBlockWords bounds an ingredient block, and recipeWordShare
	// of its words must be ingredient words.
	recipeBlockWords = 20
	recipeWordShare  = 0.8
	// recipeGapBlocks, of at most recipeGapWords words each, may sit in a
	// row inside the run; a heading of at most recipeGapWords words above
	// the run is its title.
	recipeGapBlocks = 3
	recipeGapWords  = 8
)

// recipeBlocks is the page's ingredient list when the body lacks it:
// the blocks to put before the body or after it (at most one of the two is
// non-empty).
func recipeBlocks(kept, page []blocks.Block, ingredients []string) (before, after []blocks.Block) {
	if len(ingredients) < recipeMinLines || len(kept) == 0 {
		return nil, nil
	}
	lines := make([][]string, 0, len(ingredients))
	vocab := map[string]bool{}
	for _, in := range ingredients {
		ws := recipeWords(in)
		if len(ws) == 0 {
			continue
		}
		lines = append(lines, ws)
		for _, w := range ws {
			vocab[w] = true
		}
	}
	if len(lines) < recipeMinLines {
		return nil, nil
	}
	start, end := bestRecipeRun(page, lines, vocab)
	if start < 0 {
		return nil, nil
	}
	if start > 0 && page[start-1].Heading && wordCount(page[start-1].Text) <= recipeGapWords {
		start--
	}
	first, last := bodyStart(kept, page), bodyEnd(kept, page)
	if first < 0 || last < 0 {
		return nil, nil
	}
	inBody := make(map[string]bool, len(kept))
	for _, b := range kept {
		inBody[b.Text] = true
	}
	var run []blocks.Block
	for _, b := range page[start:end] {
		if !inBody[b.Text] {
			run = append(run, b)
		}
	}
	// Most of the list already in the body: readability kept it.
	if 2*len(run) < end-start {
		return nil, nil
	}
	switch {
	case end <= first:
		return run, nil
	case start > last:
		return nil, run
	}
	return nil, nil
}

// bestRecipeRun is the run page[start:end] holding the most ingredient
// lines, if it holds enough of them; start is -1 when none does.
func bestRecipeRun(page []blocks.Block, lines [][]string, vocab map[string]bool) (start, end int) {
	start, end = -1, -1
	best := 0
	for i := 0; i < len(page); {
		if !ingredientBlock(page[i].Text, vocab) {
			i++
			continue
		}
		// Grow the run over ingredient blocks and short gaps.
		j, lastHit, gap := i, i, 0
		for ; j < len(page); j++ {
			if ingredientBlock(page[j].Text, vocab) {
				lastHit, gap = j, 0
				continue
			}
			if gap == recipeGapBlocks || wordCount(page[j].Text) > recipeGapWords {
				break
			}
			gap++
		}
		if n := linesIn(page[i:lastHit+1], lines); n > best {
			best, start, end = n, i, lastHit+1
		}
		i = lastHit + 1
	}
	if best < recipeMinLines || float64(best) < recipeLineShare*float64(len(lines)) {
		return -1, -1
	}
	return start, end
}

// ingredientBlock says whether a block reads as an ingredient line (or a
// part of one): short, and nearly all its words are ingredient words.
func ingredientBlock(text string, vocab map[string]bool) bool {
	ws := recipeWords(text)
	if len(ws) == 0 || len(ws) > recipeBlockWords {
		return false
	}
	hits := 0
	for _, w := range ws {
		if vocab[w] {
			hits++
		}
	}
	return float64(hits) >= recipeWordShare*float64(len(ws))
}

// linesIn counts the ingredient lines whose every word is in run.
func linesIn(run []blocks.Block, lines [][]string) int {
	words := map[string]bool{}
	for _, b := range run {
		for _, w := range recipeWords(b.Text) {
			words[w] = true
		}
	}
	n := 0
	for _, ws := range lines {
		all := true
		for _, w := range ws {
			all = all && words[w]
		}
		if all {
			n++
		}
	}
	return n
}

// recipeWords are the lower-cased runs of letters and digits of s:
// "1/2 TL Salz," and "½ TL  salz" share "tl" and "salz".
func recipeWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
