package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
	"github.com/boilerstrip/boilerstrip/server/service"
)

// sameAsProtojson checks that the fast form of r is valid JSON that
// protojson reads back as r.
func sameAsProtojson(t *testing.T, name string, r *pb.ExtractResponse) {
	t.Helper()
	b, err := appendResponseJSON(nil, r)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var back pb.ExtractResponse
	if err := protojson.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s: protojson cannot read %s: %v", name, b, err)
	}
	if !proto.Equal(&back, r) {
		want, _ := protojson.Marshal(r)
		t.Errorf("%s: read back differs\n got: %s\nwant: %s", name, b, want)
	}
}

// Every field of ExtractResponse, at every depth, set to a value that is
// not its zero: a field added to the proto and not to the structs fails
// here.
func TestResponseJSONEveryField(t *testing.T) {
	t.Parallel()
	r := &pb.ExtractResponse{}
	fillEveryField(r.ProtoReflect(), 0)
	sameAsProtojson(t, "every field", r)

	// Messages that are set but empty are written as {}, and zero values
	// are left out, as protojson does.
	sameAsProtojson(t, "empty parts", &pb.ExtractResponse{
		Article: &pb.Article{}, Diagnostics: &pb.Diagnostics{ProcessingTime: &durationpb.Duration{}},
		Removed: []*pb.NoiseSpan{{}}, BodySpans: []*pb.Span{{}},
	})
	sameAsProtojson(t, "nothing", &pb.ExtractResponse{})
}

// fillEveryField sets every field of m: strings with characters JSON must
// escape, numbers past 2^53 (int64 travel as strings), the last value of
// each enum, two elements in each list.
func fillEveryField(m protoreflect.Message, depth int) {
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		switch {
		case fd.IsList():
			list := m.Mutable(fd).List()
			for range 2 {
				if fd.Kind() == protoreflect.MessageKind {
					fillEveryField(list.AppendMutable().Message(), depth+1)
				} else {
					list.Append(scalarValue(fd, depth))
				}
			}
		case fd.Kind() == protoreflect.MessageKind:
			if fd.Message().FullName() == "google.protobuf.Duration" {
				m.Set(fd, protoreflect.ValueOfMessage(durationpb.New(1500*time.Millisecond+7).ProtoReflect()))
				continue
			}
			fillEveryField(m.Mutable(fd).Message(), depth+1)
		default:
			m.Set(fd, scalarValue(fd, depth))
		}
	}
}

func scalarValue(fd protoreflect.FieldDescriptor, depth int) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(string(fd.Name()) + ` "q" \ <a&b> é 中 ` + "\u2028\t\n\x01")
	case protoreflect.Int64Kind:
		return protoreflect.ValueOfInt64(1<<60 + int64(depth))
	case protoreflect.Int32Kind:
		return protoreflect.ValueOfInt32(1<<30 + int32(depth))
	case protoreflect.EnumKind:
		vals := fd.Enum().Values()
		return protoreflect.ValueOfEnum(vals.Get(vals.Len() - 1).Number())
	}
	panic("scalarValue: add a value for " + fd.Kind().String())
}

// Real answers of the service: the testdata pages and small documents.
func TestResponseJSONRealAnswers(t *testing.T) {
	t.Parallel()
	c := pb.NewExtractServiceClient(service.NewServer(service.Config{}, nil).Channel())
	reqs := []*pb.ExtractRequest{
		{Id: "text", Content: &pb.ExtractRequest_Text{Text: "Share this!\n\nThe river rose by a metre overnight.\n\nSubscribe to our newsletter."}},
		{Id: "markdown", Options: &pb.ExtractOptions{Format: pb.BodyFormat_BODY_FORMAT_MARKDOWN},
			Content: &pb.ExtractRequest_Html{Html: "<article><h1>T</h1><p>A <b>bold</b> \"claim\" &amp; more.</p></article><footer>© x</footer>"}},
	}
	pages, _ := filepath.Glob("../testdata/pages/*.html")
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, &pb.ExtractRequest{Id: filepath.Base(p), Content: &pb.ExtractRequest_Raw{Raw: data}})
	}
	for _, req := range reqs {
		resp, err := c.Extract(context.Background(), req)
		if err != nil {
			t.Fatalf("%s: %v", req.GetId(), err)
		}
		sameAsProtojson(t, req.GetId(), resp)
	}
}

// What the structs cannot carry goes to protojson: an enum value without
// a name is written as its number, a string that is not UTF-8 is an error.
func TestResponseJSONFallback(t *testing.T) {
	t.Parallel()
	r := &pb.ExtractResponse{Removed: []*pb.NoiseSpan{{Kind: 99, Text: "x"}}}
	sameAsProtojson(t, "unnamed enum", r)
	if b, _ := appendResponseJSON(nil, r); !strings.Contains(string(b), `"kind":99`) {
		t.Errorf("unnamed enum written as %s, want the number", b)
	}
	if _, err := appendResponseJSON(nil, &pb.ExtractResponse{Article: &pb.Article{Body: "bad \xff byte"}}); err == nil {
		t.Error("a body that is not UTF-8 was encoded; protojson refuses it")
	}
}
