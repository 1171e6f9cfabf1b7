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
		{"Friday, 18 March 2022", "2022-03-18"},
		{"18/03/2022", "2022-03-18"},
		{"2022-03-18", "2022-03-18"},
		{"March 18th, 2022", "2022-03-18"},
		{"Published on Mar 18, 2022 at 5:30 pm", "2022-03-18T17:30:00"},
		{"Updated: 18 March 2022 10:30 GMT", "2022-03-18T10:30:00"},
		{"18 марта 2022 г.", "2022-03-18"},
		{"Opublikowano: 18 marca 2022", "2022-03-18"},
		{"Pubblicato il 18 marzo 2022", "2022-03-18"},
		{"Publicado el 18 de marzo de 2022", "2022-03-18"},
		{"18.03.2022 | 3 Min. Lesezeit", "2022-03-18"},
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

func TestFindDateIn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Posted on 28. Juli 2019 by Andreas", "2019-07-28"},
		{"Veröffentlicht am 10. Februar 2019 von Heiko", "2019-02-10"},
		{"27.01.2020 Soziales & Gesundheit", "2020-01-27"},
		{"Updated July 28, 2019 in News", "2019-07-28"},
		{"Olympia 2024 in Paris", ""},
	}
	for _, tc := range tests {
		if got := findDateIn(tc.in); got != tc.want {
			t.Errorf("findDateIn(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplitNameDate(t *testing.T) {
	tests := []struct{ in, name, date string }{
		{"Jane Roe February 22, 2023", "Jane Roe", "2023-02-22"},
		{"Anna Berger | 22.02.2023", "Anna Berger", "2023-02-22"},
		{"Washington, March 18, 2022", "", ""}, // one word is a place, not a name
		{"the council met on 22.02.2023", "", ""},
	}
	for _, tc := range tests {
		if name, date := splitNameDate(tc.in); name != tc.name || date != tc.date {
			t.Errorf("splitNameDate(%q) = %q, %q; want %q, %q", tc.in, name, date, tc.name, tc.date)
		}
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

// TestHeaderLayouts checks headline, byline and date over the header
// layouts pages use, with the same article text below.
func TestHeaderLayouts(t *testing.T) {
	body := "\n\nThe council approved the new budget on Tuesday after a long debate about the cost of public transport and the repair of several schools in the northern districts.\n\n" +
		"The mayor said the plan would be reviewed in the autumn, when the first figures on tax revenue for the year are expected from the finance department of the city.\n"
	tests := []struct {
		name, header, headline, byline, date string
	}{
		{"split byline block", "Council backs budget\nby The City Desk\nFebruary 22, 2023 12:14 PM\n2 min read", "Council backs budget", "The City Desk", "2023-02-22T12:14:00"},
		{"date above headline", "22.02.2023\n\nCouncil backs budget\n\nVon Anna Berger", "Council backs budget", "Anna Berger", "2023-02-22"},
		{"name and date line", "Council backs budget\nJane Roe | March 3, 2024", "Council backs budget", "Jane Roe", "2024-03-03"},
		{"caption with a date is not the date", "Council backs budget\nThe mayor at the town hall on March 16, 2022, before the vote. (Photo: City Press)\nApril 3, 2022", "Council backs budget", "", "2022-04-03"},
		{"no header", "", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Extract(tc.header+body, Options{})
			if res.Headline != tc.headline || res.Byline != tc.byline || res.Published != tc.date {
				t.Errorf("got %q / %q / %q, want %q / %q / %q", res.Headline, res.Byline, res.Published, tc.headline, tc.byline, tc.date)
			}
		})
	}
}
