package textseg

import (
	"strings"
	"testing"
)

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Line
	}{
		{
			name: "crlf, indentation and bullets",
			in:   "Title\r\n\r\n  • Home\r\n\t* News\r\nBody text.",
			want: []Line{
				{Start: 0, End: 5, Text: "Title", BlankBefore: true},
				{Start: 11, End: 19, Text: "Home", Indent: 2, Bullet: "•", Paragraph: 1, BlankBefore: true},
				{Start: 22, End: 28, Text: "News", Indent: 4, Bullet: "*", Paragraph: 1},
				{Start: 30, End: 40, Text: "Body text.", Paragraph: 1},
			},
		},
		{
			name: "nbsp-only line and runs of blank lines",
			in:   "a\n\u00a0\n\n\n- b -\n",
			want: []Line{
				{Start: 0, End: 1, Text: "a", BlankBefore: true},
				{Start: 2, End: 4, Text: "", Paragraph: 0},
				{Start: 7, End: 12, Text: "b -", Bullet: "-", Paragraph: 1, BlankBefore: true},
			},
		},
		{
			name: "hyphen without space is not a bullet",
			in:   "-5 degrees",
			want: []Line{{Start: 0, End: 10, Text: "-5 degrees", BlankBefore: true}},
		},
		{name: "empty", in: "", want: nil},
		{name: "blank only", in: " \r\n\t\n", want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Segment(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d lines %+v, want %d", len(got), got, len(tc.want))
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("line %d: got %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// FuzzSegment checks that lines are ordered, inside the input, trimmed of
// ASCII whitespace, and that every non-whitespace byte is in some line.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{"a\r\nb", "  • x\n\n\ty", "\u00a0\n-", "* \n*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := Segment(s)
		covered := make([]bool, len(s))
		last := 0
		for _, ln := range lines {
			if ln.Start < last || ln.End <= ln.Start || ln.End > len(s) {
				t.Fatalf("bad span %d..%d after %d in %q", ln.Start, ln.End, last, s)
			}
			if strings.ContainsRune(s[ln.Start:ln.End], '\n') {
				t.Fatalf("span %d..%d crosses a line", ln.Start, ln.End)
			}
			for i := ln.Start; i < ln.End; i++ {
				covered[i] = true
			}
			last = ln.End
		}
		for i := 0; i < len(s); i++ {
			if !covered[i] && !isASCIISpace(s[i]) && s[i] != '\n' {
				t.Fatalf("byte %d (%q) of %q in no line", i, s[i], s)
			}
		}
	})
}
