package extract

import (
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// Language detection settings. whatlanggo was chosen over lingua-go by
// TestLanguageDetectors (language_compare_test.go, 743 corpus texts):
// whatlanggo 0.953 accurate at 2.6 ms/text with no model to load; lingua
// low-accuracy 0.964 at 18 ms/text, 1.8 s load, +51 MB heap; lingua full
// 0.966 at 17 ms/text, 42 s load, +932 MB heap.
const (
	// detectPrefix is how much of the body the detector reads: trigram
	// statistics settle within a few paragraphs, and the cost grows with
	// the text. Measured against the page's declared language on the
	// corpus bodies that declare one (2,744, split by index): 2048 bytes
	// scored 0.975 / 0.977 on the even / odd half, 1024 bytes 0.974 /
	// 0.979 at half the detector's time (1.1 vs 2.2 ms a body), 512 bytes
	// 0.972 / 0.975.
	detectPrefix = 1024
	// detectMinLen is the shortest body worth detecting; shorter texts
	// give unreliable trigram counts.
	detectMinLen = 40
)

// detectLanguage returns the ISO 639-1 code of the body's language, or ""
// when the text is too short or the detector is unsure.
func detectLanguage(body string) string {
	if len(body) < detectMinLen {
		return ""
	}
	if len(body) > detectPrefix {
		cut := detectPrefix
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
		body = body[:cut]
	}
	info := whatlanggo.Detect(body)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}
