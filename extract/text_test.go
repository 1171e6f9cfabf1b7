package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/noise"
)

func TestExtractText(t *testing.T) {
	page := "Skip to content\n\nCity council approves new budget\n\nPublished 18 March 2022\n\n" +
		"The city council approved the new budget on Tuesday after a long debate about the cost of public transport and the repair of several schools in the northern districts.\n\n" +
		"The mayor said the plan would be reviewed in the autumn, when the first figures on tax revenue for the year are expected to be published by the finance department.\n\n" +
		"Subscribe to our newsletter\n"
	tests := []struct {
		name      string
		opt       Options
		wantKept  string
		wantSpans int
	}{
		{name: "default", opt: Options{}, wantSpans: 2},
		{name: "keep newsletter", opt: Options{KeepKinds: []NoiseKind{noise.NewsletterSignup}}, wantKept: "Subscribe to our newsletter", wantSpans: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract(context.Background(), Input{Text: page}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			a := res.Article
			if a.Headline != "City council approves new budget" || a.Published != "2022-03-18" {
				t.Errorf("headline %q published %q", a.Headline, a.Published)
			}
			if !strings.HasPrefix(a.Body, "The city council approved") {
				t.Errorf("body starts %q", a.Body[:min(40, len(a.Body))])
			}
			if tc.wantKept != "" && !strings.Contains(a.Body, tc.wantKept) {
				t.Errorf("kept kind missing from body %q", a.Body)
			}
			if tc.wantKept == "" && strings.Contains(a.Body, "Subscribe") {
				t.Errorf("newsletter line left in body")
			}
			if res.Path != "text" || len(res.BodySpans) != tc.wantSpans {
				t.Errorf("path %q, %d body spans", res.Path, len(res.BodySpans))
			}
		})
	}
}
