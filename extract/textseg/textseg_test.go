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
			name: "nbsp line separates paragraphs",
			in:   "a\n\u00a0\nb",
			want: []Line{
				{Start: 0, End: 1, Text: "a", BlankBefore: true},
				{Start: 2, End: 4, Text: ""},
				{Start: 5, End: 6, Text: "b", Paragraph: 1, BlankBefore: true},
			},
		},
		{
			name: "hyphen without space is not a bullet",
			in:   "-5 degrees",
			want: []Line{{Start: 0, End: 10, Text: "-5 degrees", BlankBefore: true}},
		},
		{
			name: "lynx link numbers",
			in:   "   * [3]Home [4]News\n[12]",
			want: []Line{
				{Start: 3, End: 20, Text: "Home News", Indent: 3, Bullet: "*", BlankBefore: true},
				{Start: 21, End: 25, Text: ""},
			},
		},
		{
			name: "numbered list as a text browser draws it; a date at the margin is no item",
			in:   " 1. Mix\n10. Bake\n1. Januar 2020",
			want: []Line{
				{Start: 1, End: 7, Text: "1. Mix", Indent: 1, Numbered: true, BlankBefore: true},
				{Start: 8, End: 16, Text: "10. Bake", Numbered: true},
				{Start: 17, End: 31, Text: "1. Januar 2020"},
			},
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

func TestUnwrap(t *testing.T) {
	para := "The council approved the new budget on Tuesday after a long debate about\n" +
		"the cost of public transport and the repair of several schools in the\n" +
		"northern districts, the mayor said in a statement on the city website.\n"
	wrapped := strings.Repeat(para+"\n", 6) + "  * Home\n  * News\n"
	lines := Unwrap(wrapped, Segment(wrapped))
	if got := WrapWidth(wrapped, Segment(wrapped)); got < 60 || got > 80 {
		t.Fatalf("wrap width %d, want about 75", got)
	}
	if len(lines) != 8 {
		t.Fatalf("got %d lines, want 6 paragraphs and 2 menu items", len(lines))
	}
	first := lines[0]
	if first.Start != 0 || first.End != len(para)-1 || !strings.HasPrefix(first.Text, "The council") || strings.Contains(first.Text, "\n") {
		t.Errorf("first paragraph %+v", first)
	}
	if lines[6].Text != "Home" || lines[6].Bullet != "*" {
		t.Errorf("menu item merged: %+v", lines[6])
	}
	// Unwrapped text (innerText with long lines) is left alone.
	long := strings.Repeat(strings.ReplaceAll(para, "\n", " ")+"\n", 20)
	if got := Unwrap(long, Segment(long)); len(got) != 20 {
		t.Errorf("unwrapped text changed: %d lines", len(got))
	}
}
