package extract

// detectLanguage returns the ISO 639-1 code of the body's language, or ""
// when unsure. (Engine v0: not detected yet.)
func detectLanguage(body string) string {
	return ""
}
