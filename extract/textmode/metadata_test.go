package textmode

import (
	"reflect"
	"testing"
)

func TestParseDateLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Published 18 March 2022", "2022-03-18"},
		{"April 03, 2022", "2022-04-03"},
		{"February 22, 2023 12:14 PM", "2023-02-22T12:14:00"},
		{"22.02.2023", "2023-02-22"},
		{"22 лютого 2023", "2023-02-22"},
		{"Veröffentlicht am 3. April 2022", "2022-04-03"},
		{"Publié le 3 avril 2022", "2022-04-03"},
		{"March 2022", ""}, // a month is not a publication date
		{"2 min read", ""}, // no year, no numeric date
		{"Edit post", ""},  // no date at all
		{"Washington believes China is willing to offer military assistance to Russia. March. 18, 2022.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := parseDateLine(tc.in); got != tc.want {
				t.Errorf("parseDateLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		in, byline, date string
		ok               bool
	}{
		{"by The Kyiv Independent news desk February 22, 2023 12:14 PM 2 min read", "The Kyiv Independent news desk", "2023-02-22T12:14:00", true},
		{"By Jane Roe and John Doe | Updated April 3, 2022 10:15 a.m.", "Jane Roe and John Doe", "2022-04-03T10:15:00", true},
		{"Von Anna Berger", "Anna Berger", "", true},
		{"Автор: Иван Петров", "Иван Петров", "", true},
		{"by the way, this is not a byline", "", "", false},
		{"Bystander footage shows the crash", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			by, date, ok := parseByline(tc.in)
			if ok != tc.ok || by != tc.byline || date != tc.date {
				t.Errorf("parseByline(%q) = %q, %q, %v; want %q, %q, %v", tc.in, by, date, ok, tc.byline, tc.date, tc.ok)
			}
		})
	}
}

func TestSplitAuthors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"The Kyiv Independent news desk", []string{"The Kyiv Independent news desk"}},
		{"Jane Roe and John Doe", []string{"Jane Roe", "John Doe"}},
		{"Anna Berger, Max Roth und Eva Lind", []string{"Anna Berger", "Max Roth", "Eva Lind"}},
	}
	for _, tc := range tests {
		if got := splitAuthors(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
