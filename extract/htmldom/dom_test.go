package htmldom

import (
	"strings"
	"testing"
)

func checkWriteFields(t *testing.T, prefix, s string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(prefix)
	writeFields(&b, s)
	want := strings.Join(strings.Fields(prefix+" "+s), " ")
	if prefix == "" {
		want = strings.Join(strings.Fields(s), " ")
	}
	if got := b.String(); got != want {
		t.Fatalf("writeFields(%q after %q) = %q, want %q", s, prefix, got, want)
	}
}

// TestWriteFields checks writeFields against strings.Fields, whose split
// (Unicode spaces, invalid UTF-8 as non-space) it must reproduce.
func TestWriteFields(t *testing.T) {
	for _, s := range []string{"", "  ", "a", " a  b\tc\n", "x\u00a0y\u2003z\u3000", "\xff \xfe", "\u0085a\u0085"} {
		checkWriteFields(t, "", s)
		checkWriteFields(t, "p", s)
	}
}

func FuzzWriteFields(f *testing.F) {
	f.Add("p", " a  b\u00a0c ")
	f.Fuzz(func(t *testing.T, prefix, s string) {
		if strings.Join(strings.Fields(prefix), " ") != prefix {
			return // writeFields appends to collapsed text only
		}
		checkWriteFields(t, prefix, s)
	})
}
