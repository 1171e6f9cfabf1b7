package extract

import (
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
)

func TestConfirmWidgets(t *testing.T) {
	prose := textBlock("The council voted on Tuesday to widen the harbour so that larger ships can dock next year.")
	promo := textBlock("For the latest stories download our app for iOS and Android.")
	mention := textBlock("Residents can sign up for the consultation at the town hall until Friday.")
	long := textBlock("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one")
	kept := []blocks.Block{prose, promo, mention, long}
	voice := noise.Label{Kind: noise.NewsletterSignup, Rule: "newsletter-voice"}
	suspects := []suspect{{1, voice}, {2, voice}, {3, voice}}
	page := []blocks.Block{prose, promo, mention, long}
	labels := []noise.Label{
		{},
		{Kind: noise.Social, Rule: "social-cue"}, // the page agrees: a widget
		{Kind: noise.Navigation, Rule: "short-line-run"},         // noise by position only
		{Kind: noise.NewsletterSignup, Rule: "newsletter-voice"}, // agrees, but too long
	}
	got, spans := confirmWidgets(kept, suspects, page, labels)
	if len(got) != 3 || got[0].Text != prose.Text || got[1].Text != mention.Text || got[2].Text != long.Text {
		t.Errorf("kept %q", blocks.Text(got))
	}
	if len(spans) != 1 || spans[0].Text != promo.Text || spans[0].Rule != "widget-confirmed" || spans[0].Kind != noise.NewsletterSignup {
		t.Errorf("spans %+v, want the promo as widget-confirmed newsletter_signup", spans)
	}
	if got, spans := confirmWidgets(kept, suspects, page, nil); len(got) != len(kept) || spans != nil {
		t.Errorf("without page labels nothing may go")
	}
}
