package service

import (
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/boilerstrip/boilerstrip/extract"
	"github.com/boilerstrip/boilerstrip/extract/noise"
	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// toInput converts a request into the engine's input and options.
func toInput(req *pb.ExtractRequest) (extract.Input, extract.Options) {
	in := extract.Input{ContentType: req.GetContentType()}
	switch c := req.GetContent().(type) {
	case *pb.ExtractRequest_Html:
		in.HTML = c.Html
	case *pb.ExtractRequest_Text:
		in.Text = c.Text
	case *pb.ExtractRequest_Raw:
		in.Raw = c.Raw
	}
	o := req.GetOptions()
	opt := extract.Options{
		URL:             req.GetUrl(),
		OmitRemovedText: o.GetOmitRemovedText(),
	}
	switch o.GetFormat() {
	case pb.BodyFormat_BODY_FORMAT_MARKDOWN:
		opt.Format = extract.FormatMarkdown
	case pb.BodyFormat_BODY_FORMAT_HTML:
		opt.Format = extract.FormatHTML
	}
	switch o.GetPreference() {
	case pb.Preference_PREFERENCE_PRECISION:
		opt.Preference = extract.PreferPrecision
	case pb.Preference_PREFERENCE_RECALL:
		opt.Preference = extract.PreferRecall
	}
	for _, k := range o.GetKeepKinds() {
		opt.KeepKinds = append(opt.KeepKinds, noise.Kind(k))
	}
	return in, opt
}

// contentSize is the size of the document carried by req, in bytes.
func contentSize(req *pb.ExtractRequest) int {
	switch c := req.GetContent().(type) {
	case *pb.ExtractRequest_Html:
		return len(c.Html)
	case *pb.ExtractRequest_Text:
		return len(c.Text)
	case *pb.ExtractRequest_Raw:
		return len(c.Raw)
	}
	return 0
}

// toResponse converts the engine's result into the API response.
func toResponse(id string, res *extract.Result, inputBytes int) *pb.ExtractResponse {
	a := res.Article
	resp := &pb.ExtractResponse{
		Id: id,
		Article: &pb.Article{
			Headline:    a.Headline,
			Byline:      a.Byline,
			Authors:     a.Authors,
			Published:   a.Published,
			Body:        a.Body,
			Content:     a.Content,
			Language:    a.Language,
			SiteName:    a.SiteName,
			Description: a.Description,
			Image:       a.Image,
			WordCount:   int32(a.WordCount),
		},
		Diagnostics: &pb.Diagnostics{
			InputKind:      inputKind(res.InputKind),
			ProcessingTime: durationpb.New(res.Duration),
			Path:           res.Path,
			InputBytes:     int64(inputBytes),
		},
	}
	resp.Removed = make([]*pb.NoiseSpan, len(res.Removed))
	for i, r := range res.Removed {
		resp.Removed[i] = &pb.NoiseSpan{
			Kind:     pb.NoiseKind(r.Kind),
			Start:    int64(r.Start),
			End:      int64(r.End),
			Text:     r.Text,
			Rule:     r.Rule,
			Selector: r.Selector,
		}
	}
	resp.BodySpans = make([]*pb.Span, len(res.BodySpans))
	for i, s := range res.BodySpans {
		resp.BodySpans[i] = &pb.Span{Start: int64(s.Start), End: int64(s.End)}
	}
	return resp
}

func inputKind(k extract.InputKind) pb.InputKind {
	switch k {
	case extract.InputHTML:
		return pb.InputKind_INPUT_KIND_HTML
	case extract.InputText:
		return pb.InputKind_INPUT_KIND_TEXT
	}
	return pb.InputKind_INPUT_KIND_UNSPECIFIED
}
