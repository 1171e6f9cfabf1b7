package service

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// TestBadInput sends the pages a crawler really finds: each gets its
// documented status or a sane answer within its deadline, and the server
// answers a normal request afterwards. The heavy cases skip under -short.
func TestBadInput(t *testing.T) {
	t.Parallel()
	srv := NewServer(Config{MaxConcurrent: 2}, nil)
	c, _ := serveTCP(t, srv)

	rng := rand.New(rand.NewPCG(1, 2))
	garbage := make([]byte, 1<<20)
	for i := range garbage {
		garbage[i] = byte(rng.Uint32())
	}
	const para = "After four months without a drop, rain fell across the valley on Tuesday."
	html := func(s string) *pb.ExtractRequest {
		return &pb.ExtractRequest{Content: &pb.ExtractRequest_Html{Html: s}}
	}
	text := func(s string) *pb.ExtractRequest {
		return &pb.ExtractRequest{Content: &pb.ExtractRequest_Text{Text: s}}
	}
	raw := func(b []byte, ct string) *pb.ExtractRequest {
		return &pb.ExtractRequest{ContentType: ct, Content: &pb.ExtractRequest_Raw{Raw: b}}
	}

	tests := []struct {
		name     string
		heavy    bool
		req      func() *pb.ExtractRequest
		want     codes.Code
		wantBody string // for OK: a piece the body must hold
		wantPath string // for OK: the extraction path, when it matters
	}{
		{name: "invalid UTF-8 in raw", req: func() *pb.ExtractRequest {
			return raw([]byte("<p>"+para+" \xff\xfe\x80 broken</p>"), "")
		}, wantBody: "rain fell across the valley"},
		{name: "invalid UTF-8 in raw text", req: func() *pb.ExtractRequest {
			return raw([]byte("Ż\xc5"), "")
		}, wantBody: "Ż"},
		{name: "NUL bytes", req: func() *pb.ExtractRequest {
			return html("<article><p>" + para + "\x00\x00 and on.</p></article>")
		}, wantBody: "rain fell"},
		{name: "NUL bytes in text", req: func() *pb.ExtractRequest { return text(para + "\x00\n\n\x00\x00") }, wantBody: "rain fell"},
		{name: "binary garbage", req: func() *pb.ExtractRequest { return raw(garbage, "") }},
		{name: "binary garbage declared html", req: func() *pb.ExtractRequest { return raw(garbage, "text/html") }},
		{name: "64 MiB request", heavy: true, req: func() *pb.ExtractRequest {
			return raw(make([]byte, 64<<20), "text/plain")
		}, want: codes.ResourceExhausted},
		{name: "just over the document limit", heavy: true, req: func() *pb.ExtractRequest {
			return text(strings.Repeat("a", DefaultMaxDocumentBytes+1))
		}, want: codes.ResourceExhausted},
		{name: "100,000-deep nested div", req: func() *pb.ExtractRequest {
			return html(strings.Repeat("<div>", 100_000) + "<p>" + para + "</p>" + strings.Repeat("</div>", 100_000))
		}, wantBody: "rain fell", wantPath: "text-fallback:too-deep"},
		{name: "1,000,000 tiny paragraphs html", heavy: true, req: func() *pb.ExtractRequest {
			return html("<html><body>" + strings.Repeat("<p>x</p>", 1_000_000) + "</body></html>")
		}, wantPath: "text-fallback:too-many-elements"},
		{name: "1,000,000 tiny paragraphs text", heavy: true, req: func() *pb.ExtractRequest {
			// One line repeated a million times is "repeated-line" noise by
			// design; the case checks time and status, not a body.
			return text(strings.Repeat("x\n\n", 1_000_000))
		}},
		{name: "10 MB single line text", heavy: true, req: func() *pb.ExtractRequest {
			return text(strings.Repeat("word ", 2_000_000))
		}, wantBody: "word word"},
		{name: "10 MB single line html", heavy: true, req: func() *pb.ExtractRequest {
			return html("<html><body><article><p>" + strings.Repeat("word ", 2_000_000) + "</p></article></body></html>")
		}, wantBody: "word word"},
		{name: "huge attribute", heavy: true, req: func() *pb.ExtractRequest {
			return html(`<html><body><div data-x="` + strings.Repeat("A", 8<<20) + `"><p>` + para + `</p><p>` + para + `</p></div></body></html>`)
		}, wantBody: "rain fell"},
		{name: "wrong declared charset", req: func() *pb.ExtractRequest {
			return raw([]byte("<html><body><article><p>Дождь вернулся в долину. "+para+"</p></article></body></html>"), "text/html; charset=shift_jis")
		}, wantBody: "four months"},
		{name: "unknown declared charset", req: func() *pb.ExtractRequest {
			return raw([]byte("<p>"+para+"</p>"), "text/html; charset=klingon-8")
		}, wantBody: "four months"},
		{name: "empty body", req: func() *pb.ExtractRequest { return html("") }, want: codes.InvalidArgument},
		{name: "whitespace only", req: func() *pb.ExtractRequest { return raw([]byte(" \n\t \n"), "") }},
		{name: "only noise", req: func() *pb.ExtractRequest {
			return html(`<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><div class="share">Share on Facebook</div><footer>© 2024 The Daily</footer></body></html>`)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.heavy && testing.Short() {
				t.Skip("heavy input")
			}
			const deadline = 30 * time.Second
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			defer cancel()
			start := time.Now()
			resp, err := c.Extract(ctx, tt.req())
			took := time.Since(start)
			st := status.Convert(err)
			if st.Code() != tt.want {
				t.Fatalf("code %v (%s), want %v", st.Code(), st.Message(), tt.want)
			}
			t.Logf("%v in %v, path %q", st.Code(), took.Round(time.Millisecond), resp.GetDiagnostics().GetPath())
			if tt.want == codes.ResourceExhausted && !strings.Contains(st.Message(), "larger than max") && !strings.Contains(st.Message(), "limit") {
				t.Errorf("message %q does not give the limit", st.Message())
			}
			if err == nil {
				body := resp.GetArticle().GetBody()
				if !utf8.ValidString(body) {
					t.Errorf("body is not valid UTF-8")
				}
				if !strings.Contains(body, tt.wantBody) {
					t.Errorf("body %.200q does not contain %q", body, tt.wantBody)
				}
				if tt.wantPath != "" && resp.GetDiagnostics().GetPath() != tt.wantPath {
					t.Errorf("path = %q, want %q", resp.GetDiagnostics().GetPath(), tt.wantPath)
				}
			}
			// The server is still up and well.
			if _, err := c.Extract(context.Background(), htmlReq("after-"+tt.name)); err != nil {
				t.Fatalf("normal request after %s: %v", tt.name, err)
			}
		})
	}
}
