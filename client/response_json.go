package main

import (
	"encoding/json"
	"slices"
	"unicode/utf8"

	"github.com/bytedance/sonic/encoder"
	"google.golang.org/protobuf/encoding/protojson"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// The output line of a successful document is the protojson form of its
// ExtractResponse, written here through plain structs with protojson's
// field names and value forms (int64 as strings, enums by name, zero
// values left out), encoded by bytedance/sonic's JSON encoder.
//
// Why: protojson encodes through reflection at about 100 µs a corpus
// page (a fifth of the batch path's own cost per document, and more on
// small pages); the structs and sonic take a fraction of that (segmentio's
// encoder, tried first, spent a third of its time re-validating UTF-8).
// protojson stays the reference, as for reading requests (jsonl_fast.go):
// a response these structs cannot carry exactly (an enum value without a
// name, a string that is not UTF-8) goes to protojson, and a test checks
// that both forms decode to the same message for every field.
type fastResponse struct {
	ID          string           `json:"id,omitempty"`
	Article     *fastArticle     `json:"article,omitempty"`
	Removed     []fastNoiseSpan  `json:"removed,omitempty"`
	BodySpans   []fastSpan       `json:"bodySpans,omitempty"`
	Diagnostics *fastDiagnostics `json:"diagnostics,omitempty"`
}

type fastArticle struct {
	Headline    string   `json:"headline,omitempty"`
	Byline      string   `json:"byline,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	Published   string   `json:"published,omitempty"`
	Body        string   `json:"body,omitempty"`
	Content     string   `json:"content,omitempty"`
	Language    string   `json:"language,omitempty"`
	SiteName    string   `json:"siteName,omitempty"`
	Description string   `json:"description,omitempty"`
	Image       string   `json:"image,omitempty"`
	WordCount   int32    `json:"wordCount,omitempty"`
}

type fastNoiseSpan struct {
	Kind     string `json:"kind,omitempty"`
	Start    int64  `json:"start,omitempty,string"`
	End      int64  `json:"end,omitempty,string"`
	Text     string `json:"text,omitempty"`
	Rule     string `json:"rule,omitempty"`
	Selector string `json:"selector,omitempty"`
}

type fastSpan struct {
	Start int64 `json:"start,omitempty,string"`
	End   int64 `json:"end,omitempty,string"`
}

type fastDiagnostics struct {
	InputKind string `json:"inputKind,omitempty"`
	// The Duration's own protojson form ("0.004s"), which is short.
	ProcessingTime json.RawMessage `json:"processingTime,omitempty"`
	Path           string          `json:"path,omitempty"`
	InputBytes     int64           `json:"inputBytes,omitempty,string"`
}

// appendResponseJSON appends the JSON form of r to b.
func appendResponseJSON(b []byte, r *pb.ExtractResponse) ([]byte, error) {
	f, size, ok := toFastResponse(r)
	if !ok {
		return protojson.MarshalOptions{}.MarshalAppend(b, r)
	}
	// Room for the strings, and the names and numbers around each span,
	// so that the line is not copied again and again as it grows.
	b = slices.Grow(b, size+64*(len(f.Removed)+len(f.BodySpans))+512)
	// No HTML escaping, as protojson; strings are known to be valid UTF-8
	// (toFastResponse leaves the others to protojson), so not checked again.
	err := encoder.EncodeInto(&b, &f, 0)
	return b, err
}

// toFastResponse copies r into the plain structs; size is the bytes in
// its strings; ok is false when the structs cannot carry r exactly.
func toFastResponse(r *pb.ExtractResponse) (f fastResponse, size int, ok bool) {
	valid := utf8Checker{ok: true}
	f.ID = valid.s(r.GetId())
	if a := r.GetArticle(); a != nil {
		f.Article = &fastArticle{
			Headline:    valid.s(a.GetHeadline()),
			Byline:      valid.s(a.GetByline()),
			Published:   valid.s(a.GetPublished()),
			Body:        valid.s(a.GetBody()),
			Content:     valid.s(a.GetContent()),
			Language:    valid.s(a.GetLanguage()),
			SiteName:    valid.s(a.GetSiteName()),
			Description: valid.s(a.GetDescription()),
			Image:       valid.s(a.GetImage()),
			WordCount:   a.GetWordCount(),
		}
		for _, s := range a.GetAuthors() {
			f.Article.Authors = append(f.Article.Authors, valid.s(s))
		}
	}
	if len(r.GetRemoved()) > 0 {
		f.Removed = make([]fastNoiseSpan, len(r.GetRemoved()))
		for i, s := range r.GetRemoved() {
			kind, named := enumName(pb.NoiseKind_name, int32(s.GetKind()))
			valid.ok = valid.ok && named
			f.Removed[i] = fastNoiseSpan{
				Kind: kind, Start: s.GetStart(), End: s.GetEnd(),
				Text: valid.s(s.GetText()), Rule: valid.s(s.GetRule()), Selector: valid.s(s.GetSelector()),
			}
		}
	}
	if len(r.GetBodySpans()) > 0 {
		f.BodySpans = make([]fastSpan, len(r.GetBodySpans()))
		for i, s := range r.GetBodySpans() {
			f.BodySpans[i] = fastSpan{Start: s.GetStart(), End: s.GetEnd()}
		}
	}
	if d := r.GetDiagnostics(); d != nil {
		kind, named := enumName(pb.InputKind_name, int32(d.GetInputKind()))
		valid.ok = valid.ok && named
		f.Diagnostics = &fastDiagnostics{InputKind: kind, Path: valid.s(d.GetPath()), InputBytes: d.GetInputBytes()}
		if t := d.GetProcessingTime(); t != nil {
			raw, err := protojson.Marshal(t)
			valid.ok = valid.ok && err == nil
			f.Diagnostics.ProcessingTime = raw
		}
	}
	return f, valid.size, valid.ok
}

// enumName is the protojson form of an enum value: its name, or "" for
// zero (left out); named is false for a value the enum does not list,
// which protojson writes as a number.
func enumName(names map[int32]string, v int32) (name string, named bool) {
	if v == 0 {
		return "", true
	}
	name, named = names[v]
	return name, named
}

// utf8Checker passes strings through and remembers whether all were
// UTF-8: protojson refuses those that are not, where a JSON encoder would
// quietly replace the bad bytes.
type utf8Checker struct {
	ok   bool
	size int // bytes passed through
}

func (c *utf8Checker) s(v string) string {
	c.ok = c.ok && utf8.ValidString(v)
	c.size += len(v)
	return v
}
