package service

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

const articleHTML = `<!doctype html><html><head><title>Rain returns to the valley | The Daily</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Rain returns to the valley</h1>
<p>After four months without a drop, rain fell across the valley on Tuesday, filling reservoirs that had sunk to their lowest level in a decade.</p>
<p>Farmers said the storm came too late for the wheat harvest but would save the orchards, which had begun to drop their fruit early in the heat.</p>
<p>Forecasters expect more showers through the weekend, with the heaviest falls in the hills to the north of the river.</p>
</article><footer>© 2024 The Daily</footer></body></html>`

// newClient starts a service in-process for one test.
func newClient(t *testing.T, cfg Config) pb.ExtractServiceClient {
	t.Helper()
	srv := NewServer(cfg, nil)
	conn, closeFn, err := srv.InProcess()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeFn)
	return pb.NewExtractServiceClient(conn)
}

// transports are the two in-process ways to reach the service: gRPC over
// bufconn (the network's code path) and the Channel the client's batch
// uses. Tests of the service's behaviour run over both, which must agree.
func transports(t *testing.T, cfg Config) map[string]pb.ExtractServiceClient {
	t.Helper()
	return map[string]pb.ExtractServiceClient{
		"bufconn": newClient(t, cfg),
		"channel": pb.NewExtractServiceClient(NewServer(cfg, nil).Channel()),
	}
}

func TestExtractUnary(t *testing.T) {
	t.Parallel()
	for name, c := range transports(t, Config{}) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testExtractUnary(t, c)
		})
	}
}

func testExtractUnary(t *testing.T, c pb.ExtractServiceClient) {
	tests := []struct {
		name     string
		req      *pb.ExtractRequest
		wantKind pb.InputKind
		wantBody string
	}{
		{"html", &pb.ExtractRequest{Id: "a", Content: &pb.ExtractRequest_Html{Html: articleHTML}}, pb.InputKind_INPUT_KIND_HTML, "filling reservoirs"},
		{"text", &pb.ExtractRequest{Id: "b", Content: &pb.ExtractRequest_Text{Text: "First paragraph of the story.\n\nSecond paragraph of the story."}}, pb.InputKind_INPUT_KIND_TEXT, "Second paragraph"},
		{"raw sniffed html", &pb.ExtractRequest{Id: "c", Content: &pb.ExtractRequest_Raw{Raw: []byte(articleHTML)}}, pb.InputKind_INPUT_KIND_HTML, "save the orchards"},
		{"raw text/plain", &pb.ExtractRequest{Id: "d", ContentType: "text/plain; charset=utf-8", Content: &pb.ExtractRequest_Raw{Raw: []byte("<p> is literal here.\n\nAnd so on.")}}, pb.InputKind_INPUT_KIND_TEXT, "<p> is literal here."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Extract(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.GetId() != tt.req.GetId() {
				t.Errorf("id = %q, want %q", resp.GetId(), tt.req.GetId())
			}
			if got := resp.GetDiagnostics().GetInputKind(); got != tt.wantKind {
				t.Errorf("input kind = %v, want %v", got, tt.wantKind)
			}
			if !strings.Contains(resp.GetArticle().GetBody(), tt.wantBody) {
				t.Errorf("body %q does not contain %q", resp.GetArticle().GetBody(), tt.wantBody)
			}
			if resp.GetArticle().GetWordCount() == 0 {
				t.Error("word_count = 0")
			}
			if resp.GetDiagnostics().GetPath() == "" {
				t.Error("diagnostics.path is empty")
			}
		})
	}
}

func TestExtractTextBodySpans(t *testing.T) {
	t.Parallel()
	c := newClient(t, Config{})
	text := "Alpha beta gamma.\r\n\r\n  Delta epsilon.\n"
	resp, err := c.Extract(context.Background(), &pb.ExtractRequest{Content: &pb.ExtractRequest_Text{Text: text}})
	if err != nil {
		t.Fatal(err)
	}
	covered := make([]bool, len(text))
	for _, s := range resp.GetBodySpans() {
		for i := s.GetStart(); i < s.GetEnd(); i++ {
			covered[i] = true
		}
	}
	for _, s := range resp.GetRemoved() {
		for i := s.GetStart(); i < s.GetEnd(); i++ {
			covered[i] = true
		}
	}
	for i, ch := range []byte(text) {
		if !covered[i] && !strings.ContainsRune(" \t\r\n", rune(ch)) {
			t.Fatalf("byte %d (%q) is in no span", i, ch)
		}
	}
}

func TestCharsetDecoding(t *testing.T) {
	t.Parallel()
	c := newClient(t, Config{})
	page := func(charset, title, para string) string {
		return `<html><head><meta charset="` + charset + `"><title>` + title + `</title></head><body><article><h1>` + title +
			`</h1><p>` + para + `</p><p>` + para + `</p><p>` + para + `</p></article></body></html>`
	}
	ru := "Дождь вернулся в долину после четырёх месяцев засухи, и водохранилища снова наполняются водой."
	ja := "四か月ぶりに谷に雨が降り、干上がっていた貯水池に再び水がたまり始めた。農家は安堵している。"
	cp1251, err := charmap.Windows1251.NewEncoder().String(page("windows-1251", "Дождь", ru))
	if err != nil {
		t.Fatal(err)
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().String(page("shift_jis", "雨", ja))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, contentType string
		raw               []byte
		want              string
	}{
		{"windows-1251 from meta", "", []byte(cp1251), ru},
		{"windows-1251 from content type", "text/html; charset=windows-1251", []byte(cp1251), ru},
		{"shift_jis from meta", "", []byte(sjis), ja},
		{"shift_jis from content type", "text/html; charset=Shift_JIS", []byte(sjis), ja},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Extract(context.Background(), &pb.ExtractRequest{ContentType: tt.contentType, Content: &pb.ExtractRequest_Raw{Raw: tt.raw}})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(resp.GetArticle().GetBody(), tt.want) {
				t.Errorf("body %q does not contain %q", resp.GetArticle().GetBody(), tt.want)
			}
		})
	}
}

func TestExtractRejects(t *testing.T) {
	t.Parallel()
	for name, c := range transports(t, Config{MaxDocumentBytes: 1 << 10}) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testExtractRejects(t, c)
		})
	}
}

func testExtractRejects(t *testing.T, c pb.ExtractServiceClient) {
	tests := []struct {
		name      string
		req       *pb.ExtractRequest
		code      codes.Code
		violation string // field expected in BadRequest details
	}{
		{"empty request", &pb.ExtractRequest{}, codes.InvalidArgument, "content"},
		{"empty html", &pb.ExtractRequest{Content: &pb.ExtractRequest_Html{Html: ""}}, codes.InvalidArgument, "content"},
		{"contradictory content type", &pb.ExtractRequest{ContentType: "text/plain", Content: &pb.ExtractRequest_Html{Html: "<p>x</p>"}}, codes.InvalidArgument, "content_type"},
		{"bad keep kind", &pb.ExtractRequest{Content: &pb.ExtractRequest_Text{Text: "x"}, Options: &pb.ExtractOptions{KeepKinds: []pb.NoiseKind{99}}}, codes.InvalidArgument, "options.keep_kinds[0]"},
		{"oversize", &pb.ExtractRequest{Content: &pb.ExtractRequest_Text{Text: strings.Repeat("a", 2<<10)}}, codes.ResourceExhausted, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Extract(context.Background(), tt.req)
			st := status.Convert(err)
			if st.Code() != tt.code {
				t.Fatalf("code = %v (%s), want %v", st.Code(), st.Message(), tt.code)
			}
			if tt.code == codes.ResourceExhausted && !strings.Contains(st.Message(), "1024") {
				t.Errorf("message %q does not name the limit", st.Message())
			}
			if tt.violation == "" {
				return
			}
			var found bool
			for _, d := range st.Details() {
				if br, ok := d.(*errdetails.BadRequest); ok {
					for _, v := range br.GetFieldViolations() {
						found = found || v.GetField() == tt.violation
					}
				}
			}
			if !found {
				t.Errorf("no BadRequest violation for %q in %v", tt.violation, st.Details())
			}
		})
	}
}

// Over the network gRPC itself refuses strings that are not UTF-8; the
// Channel has no wire format, so the service checks them.
func TestChannelRejectsInvalidUTF8(t *testing.T) {
	t.Parallel()
	c := pb.NewExtractServiceClient(NewServer(Config{}, nil).Channel())
	for _, tt := range []struct {
		field string
		req   *pb.ExtractRequest
	}{
		{"url", &pb.ExtractRequest{Url: "https://example.org/\xff", Content: &pb.ExtractRequest_Html{Html: articleHTML}}},
		{"html", &pb.ExtractRequest{Content: &pb.ExtractRequest_Html{Html: articleHTML + "\xfe"}}},
	} {
		_, err := c.Extract(context.Background(), tt.req)
		st := status.Convert(err)
		if st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), tt.field+": not valid UTF-8") {
			t.Errorf("%s: got %v %q, want InvalidArgument about %s", tt.field, st.Code(), st.Message(), tt.field)
		}
	}
	// Raw bytes are for undecoded pages: any bytes are fine there.
	raw := &pb.ExtractRequest{Content: &pb.ExtractRequest_Raw{Raw: []byte(articleHTML + "\xfe")}}
	if _, err := c.Extract(context.Background(), raw); err != nil {
		t.Errorf("raw bytes that are not UTF-8: %v", err)
	}
}

func TestTransportLimit(t *testing.T) {
	t.Parallel()
	// A message over gRPC's receive limit is refused by the transport with
	// ResourceExhausted before it reaches the service.
	c := newClient(t, Config{MaxDocumentBytes: 1 << 10})
	_, err := c.Extract(context.Background(), &pb.ExtractRequest{Content: &pb.ExtractRequest_Text{Text: strings.Repeat("a", 3<<20)}})
	if got := status.Code(err); got != codes.ResourceExhausted {
		t.Fatalf("code = %v, want ResourceExhausted", got)
	}
}

func TestExtractBatchStream(t *testing.T) {
	t.Parallel()
	for name, c := range transports(t, Config{MaxConcurrent: 3}) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testExtractBatchStream(t, c)
		})
	}
}

func testExtractBatchStream(t *testing.T, c pb.ExtractServiceClient) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream, err := c.ExtractBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reqs := map[string]*pb.ExtractRequest{}
	for i := range 20 {
		id := "doc-" + string(rune('a'+i))
		reqs[id] = &pb.ExtractRequest{Id: id, Content: &pb.ExtractRequest_Html{Html: articleHTML}}
	}
	reqs["bad-empty"] = &pb.ExtractRequest{Id: "bad-empty"}
	reqs["bad-contradictory"] = &pb.ExtractRequest{Id: "bad-contradictory", ContentType: "text/html", Content: &pb.ExtractRequest_Text{Text: "x"}}
	reqs["text"] = &pb.ExtractRequest{Id: "text", Content: &pb.ExtractRequest_Text{Text: "One line of text."}}
	go func() {
		for _, r := range reqs {
			if err := stream.Send(&pb.ExtractBatchRequest{Request: r}); err != nil {
				t.Errorf("send: %v", err)
				return
			}
		}
		_ = stream.CloseSend()
	}()
	seen := map[string]int{}
	for {
		r, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("stream ended early: %v", err)
		}
		seen[r.GetId()]++
		switch {
		case strings.HasPrefix(r.GetId(), "bad-"):
			if got := codes.Code(r.GetError().GetCode()); got != codes.InvalidArgument {
				t.Errorf("%s: code %v, want InvalidArgument", r.GetId(), got)
			}
		case r.GetResponse() == nil:
			t.Errorf("%s: no response: %v", r.GetId(), r.GetError())
		case r.GetResponse().GetId() != r.GetId():
			t.Errorf("response id %q != %q", r.GetResponse().GetId(), r.GetId())
		}
	}
	for id := range reqs {
		if seen[id] != 1 {
			t.Errorf("%s answered %d times, want once", id, seen[id])
		}
	}
	if len(seen) != len(reqs) {
		t.Errorf("%d distinct ids answered, want %d", len(seen), len(reqs))
	}
}

func TestBatchItemWithoutID(t *testing.T) {
	t.Parallel()
	c := newClient(t, Config{})
	stream, err := c.ExtractBatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&pb.ExtractBatchRequest{Request: &pb.ExtractRequest{Content: &pb.ExtractRequest_Text{Text: "x"}}}); err != nil {
		t.Fatal(err)
	}
	_ = stream.CloseSend()
	r, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if got := codes.Code(r.GetError().GetCode()); got != codes.InvalidArgument || !strings.Contains(r.GetError().GetMessage(), "id") {
		t.Errorf("got %v %q, want InvalidArgument about the id", got, r.GetError().GetMessage())
	}
}
