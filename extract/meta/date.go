package meta

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/itlightning/dateparse"
	dps "github.com/markusmobius/go-dateparser"
	htmldate "github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// dateParserConfigs caches, per declared language, the date parser's
// configuration restricted to that language and English (nil when the
// parser does not know the language). Trying every locale was three
// quarters of htmldate's cost; on the htmldate set the restriction left
// date F1 unchanged (go test ./extract -run TestMetadataQuality).
var dateParserConfigs sync.Map // language code → *dps.Configuration

func dateParserConfig(lang string) *dps.Configuration {
	lang = strings.ToLower(lang)
	if len(lang) < 2 {
		return nil
	}
	if c, ok := dateParserConfigs.Load(lang); ok {
		return c.(*dps.Configuration)
	}
	langs := []string{"en"}
	if lang != "en" {
		langs = append(langs, lang)
	}
	// Same settings as htmldate's own default, plus the languages.
	cfg := &dps.Configuration{Languages: langs, PreferredDateSource: dps.Past, StrictParsing: true}
	if _, err := dps.Parse(cfg, "2020-01-02"); err != nil {
		cfg = nil // unknown language: let htmldate try them all
	}
	dateParserConfigs.Store(lang, cfg)
	return cfg
}

// pickDate is the original publication date in ISO 8601.
//
// The page's own structured statements (meta tags in document order,
// JSON-LD datePublished, microdata datePublished) come first: measured on
// the htmldate set they are right more often than htmldate's search,
// which lets a date in the URL, a header's "today" or a comment's date
// win over them. The chosen timestamp is then read in the publisher's
// time zone when the page tells it (see localDay). htmldate's extensive
// search, which reads the same tree without modifying it, runs only when
// the page states no date: it is most of the metadata cost.
func pickDate(doc *html.Node, s *signals, ld ldFacts, pageURL, lang string) string {
	cands := structuredDates(s, ld, lang)
	if len(cands) > 0 {
		return localDay(cands, urlDay(pageURL)).format()
	}
	if lang == "" {
		// Only here, where the search needs it: the guess costs a
		// language detection.
		lang = guessDateLanguage(s)
	}
	opts := htmldate.Options{
		UseOriginalDate:  true,
		ExtractTime:      true,
		URL:              pageURL,
		DateParserConfig: dateParserConfig(lang),
	}
	res, err := htmldate.FromDocument(doc, opts)
	if err != nil || res.IsZero() {
		return ""
	}
	return formatResult(res)
}

func formatResult(r htmldate.Result) string {
	if r.HasTime && r.HasTimezone {
		return r.DateTime.Format(time.RFC3339)
	}
	return r.DateTime.Format("2006-01-02")
}

// stamp is one stated publication date. A naive stamp (no zone) keeps its
// wall clock in t's UTC fields.
type stamp struct {
	t       time.Time
	hasTime bool
	zoned   bool // the value named its offset or zone
	dayOnly bool // only the day is meant (URL, or the time was dropped)
}

func (st stamp) format() string {
	if st.hasTime && st.zoned && !st.dayOnly {
		return st.t.Format(time.RFC3339)
	}
	return st.t.Format("2006-01-02")
}

// utc reports whether the stamp is a machine timestamp in UTC, whose day
// may not be the day the publisher's readers saw.
func (st stamp) utc() bool {
	_, off := st.t.Zone()
	return st.zoned && st.hasTime && off == 0
}

// structuredDates lists the publication dates the page states, best
// first: meta tags in document order, then JSON-LD, then microdata.
// Values that do not parse or fall outside htmldate's plausible range
// are dropped.
func structuredDates(s *signals, ld ldFacts, lang string) []stamp {
	var out []stamp
	add := func(raw string) {
		if st, ok := parseStamp(raw, lang); ok {
			out = append(out, st)
		}
	}
	for _, raw := range s.metaDates {
		add(raw)
	}
	add(ld.published)
	for _, raw := range s.itemDates {
		add(raw)
	}
	return out
}

var (
	// naiveZone marks values parsed without a zone: no real zone is one
	// second east of UTC.
	naiveZone = time.FixedZone("naive", 1)
	// compactISO is 20201123T11:02:35Z, which dateparse does not read.
	compactISO = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})T`)
	// earliestDate is htmldate's lower bound for a plausible web date.
	earliestDate = time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)
)

// parseStamp reads a machine-readable date; non-English month names go
// to the date parser configured for the page's language.
func parseStamp(raw, lang string) (stamp, bool) {
	raw = strings.TrimSpace(raw)
	if len(raw) < 6 {
		return stamp{}, false
	}
	raw = compactISO.ReplaceAllString(raw, "$1-$2-${3}T")
	st := stamp{hasTime: strings.Contains(raw, ":")}
	t, err := dateparse.ParseIn(raw, naiveZone, dateparse.PreferMonthFirst(false), dateparse.RetryAmbiguousDateWithSwap(true))
	if err != nil {
		cfg := dateParserConfig(lang)
		if cfg == nil {
			return stamp{}, false
		}
		d, err := dps.Parse(cfg, raw)
		if err != nil || d.IsZero() {
			return stamp{}, false
		}
		t, st.hasTime, st.dayOnly = d.Time, false, true
	}
	if t.Location() == naiveZone || st.dayOnly {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	} else {
		st.zoned = true
	}
	if t.Before(earliestDate) || t.After(time.Now().Add(24*time.Hour)) {
		return stamp{}, false
	}
	st.t = t
	return st, true
}

// maxWest and maxEast bound a publisher's UTC offset when a UTC timestamp
// is read as a local day; see data/date_zones.txt.
var maxWest, maxEast = zoneBounds()

func zoneBounds() (west, east time.Duration) {
	west, east = 10*time.Hour, 14*time.Hour
	for _, l := range loadLines("data/date_zones.txt") {
		f := strings.Fields(l)
		if len(f) != 2 {
			continue
		}
		h, err := strconv.Atoi(f[1])
		if err != nil {
			panic("meta: data/date_zones.txt: " + l)
		}
		switch f[0] {
		case "max_west_hours":
			west = time.Duration(h) * time.Hour
		case "max_east_hours":
			east = time.Duration(h) * time.Hour
		}
	}
	return west, east
}

// localDay is the first stated date, read on the publisher's clock. A UTC
// timestamp's day is where the publisher's midnight falls only by chance
// (a US evening story is stamped the next day in UTC), so it gives way to
// another statement of the same instant that carries the local offset or
// the local wall clock, or else to the URL's day when the URL was written
// on a day the instant falls on somewhere within a plausible offset.
func localDay(cands []stamp, urlDay time.Time) stamp {
	first := cands[0]
	if !first.utc() {
		return first
	}
	for _, c := range cands[1:] {
		if !c.hasTime || c.utc() {
			continue
		}
		if c.zoned && c.t.Equal(first.t) {
			return c
		}
		// A naive wall clock a whole number of hours from the instant is
		// the same moment written in local time.
		shift := c.t.Sub(first.t)
		if !c.zoned && shift != 0 && shift%time.Hour == 0 && shift >= -maxWest && shift <= maxEast {
			c.t = first.t.In(time.FixedZone("", int(shift/time.Second)))
			c.zoned = true
			return c
		}
	}
	if !urlDay.IsZero() {
		y, m, d := first.t.Date()
		utcDay := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if days := urlDay.Sub(utcDay); days == 24*time.Hour || days == -24*time.Hour {
			// The publisher's offset that would put the instant on urlDay.
			lo := urlDay.Sub(first.t)
			hi := lo + 24*time.Hour
			if hi > -maxWest && lo <= maxEast {
				return stamp{t: urlDay, dayOnly: true}
			}
		}
	}
	return first
}

// urlDatePath finds a full date in a URL path: /2020/07/08/, /2020-07-08-,
// /20200708/.
var urlDatePath = regexp.MustCompile(`/((?:19|20)\d{2})[/-]?(\d{2})[/-]?(\d{2})(?:[^\d]|$)`)

// urlDay is the day a URL's path names, or the zero time.
func urlDay(pageURL string) time.Time {
	if pageURL == "" {
		return time.Time{}
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		return time.Time{}
	}
	m := urlDatePath.FindStringSubmatch(u.Path)
	if m == nil {
		return time.Time{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(mo) || t.Day() != d {
		return time.Time{} // 2020/02/31 and the like
	}
	return t
}
