package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"

	"github.com/boilerstrip/boilerstrip/client/internal/inputs"
	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
	"github.com/boilerstrip/boilerstrip/server/service"
)

// writeRequests writes n JSONL requests with ids doc-0 … doc-(n-1).
func writeRequests(t testing.TB, path string, n int) {
	t.Helper()
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"id": "doc-%d", "text": "Skip to content\n\nDocument %d of the batch, a paragraph long enough to be an article body.\n\nA second paragraph for document %d."}`+"\n", i, i, i)
	}
	mustWrite(t, path, b.Bytes())
}

// idCounts counts the ids in a JSONL output, and fails the test on a line
// without an article or an error.
func idCounts(t testing.TB, path string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, r := range readLines(t, path) {
		id, _ := r["id"].(string)
		if r["article"] == nil && r["error"] == nil {
			t.Errorf("line for %q has neither article nor error: %v", id, r)
		}
		counts[id]++
	}
	return counts
}

// exactlyOnce checks that ids doc-0 … doc-(n-1) each appear once.
func exactlyOnce(t *testing.T, counts map[string]int, n int) {
	t.Helper()
	if len(counts) != n {
		t.Errorf("%d distinct ids, want %d", len(counts), n)
	}
	for i := range n {
		if c := counts[fmt.Sprintf("doc-%d", i)]; c != 1 {
			t.Errorf("doc-%d appears %d times, want exactly once", i, c)
		}
	}
}

func TestBatchWARC(t *testing.T) {
	t.Parallel()
	page, err := charmap.Windows1251.NewEncoder().Bytes([]byte(`<html><head><title>Дождь вернулся в долину</title></head><body>
<nav><a href="/">Главная</a></nav><article><h1>Дождь вернулся в долину</h1>
<p>После четырёх месяцев без единой капли во вторник над долиной прошёл дождь, наполнив водохранилища.</p>
<p>Фермеры говорят, что гроза пришла слишком поздно для пшеницы, но спасёт сады.</p></article></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	rec := func(typ, id, block string) string {
		return fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Target-URI: https://example.ru/%s\r\nContent-Type: application/http; msgtype=%s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
			typ, id, typ, typ, len(block), block)
	}
	records := []string{
		rec("request", "<urn:uuid:req>", "GET / HTTP/1.1\r\n\r\n"),
		rec("response", "<urn:uuid:ru>", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n"+string(page)),
		rec("response", "<urn:uuid:img>", "HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\n\r\nGIF89a"),
	}
	last := rec("response", "<urn:uuid:cut>", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>"+strings.Repeat("lost ", 100)+"</p>")
	records = append(records, last[:len(last)/2])
	var gz bytes.Buffer
	for _, r := range records {
		zw := gzip.NewWriter(&gz)
		zw.Write([]byte(r))
		zw.Close()
	}
	in := filepath.Join(t.TempDir(), "crawl.warc.gz")
	mustWrite(t, in, gz.Bytes())
	out := filepath.Join(t.TempDir(), "out.jsonl")
	var stderr bytes.Buffer
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out}, nil, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, r := range readLines(t, out) {
		byID[r["id"].(string)] = r
	}
	if len(byID) != 2 {
		t.Fatalf("ids = %v, want the page and the truncated record", byID)
	}
	art, _ := byID["<urn:uuid:ru>"]["article"].(map[string]any)
	if body, _ := art["body"].(string); !strings.Contains(body, "водохранилища") {
		t.Errorf("windows-1251 page not decoded: article = %v", art)
	}
	if e, _ := byID["<urn:uuid:cut>"]["error"].(map[string]any); e == nil || !strings.Contains(e["message"].(string), "truncated") {
		t.Errorf("truncated record = %v, want an error line", byID["<urn:uuid:cut>"])
	}
	for _, want := range []string{"2 documents, 1 ok, 1 failed", "DataLoss 1", "1 not response, 1 not HTML or text"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestBatchStdinAndGzipJSONL(t *testing.T) {
	t.Parallel()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"id": "a", "text": "One paragraph of text."}` + "\n" + `{"id": "b", "html": "<p>Some HTML.</p>"}` + "\n"))
	zw.Close()
	var stdout, stderr bytes.Buffer
	if err := runBatch(context.Background(), []string{"--in", "-", "--out", "-", "--quiet"}, &gz, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(stdout.String(), "\n"); n != 2 || !strings.Contains(stdout.String(), `"id":"a"`) || !strings.Contains(stdout.String(), `"id":"b"`) {
		t.Errorf("stdout has %d lines:\n%s", n, stdout.String())
	}
}

func TestBatchResumeAfterKill(t *testing.T) {
	t.Parallel()
	const n = 300
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeRequests(t, in, n)
	out := filepath.Join(dir, "out.jsonl")
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--quiet"}, nil, nil, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	// A kill mid-write: keep the first 120 lines and half of the 121st.
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cut := 0
	for range 120 {
		cut += bytes.IndexByte(data[cut:], '\n') + 1
	}
	cut += bytes.IndexByte(data[cut:], '\n') / 2
	mustWrite(t, out, data[:cut])

	var stderr bytes.Buffer
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--resume", "--quiet"}, nil, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	exactlyOnce(t, idCounts(t, out), n)
	if !strings.Contains(stderr.String(), "resumed: 120 documents") || !strings.Contains(stderr.String(), "180 documents, 180 ok") {
		t.Errorf("summary:\n%s", stderr.String())
	}
	// Resuming a finished batch does nothing.
	stderr.Reset()
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--resume", "--quiet"}, nil, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	exactlyOnce(t, idCounts(t, out), n)
}

func TestBatchResumeAfterCancel(t *testing.T) {
	t.Parallel()
	const n = 400
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeRequests(t, in, n)
	out := filepath.Join(dir, "out.jsonl")
	// Stop the first run (as SIGINT would) once part of the output exists.
	ctx, cancel := context.WithCancel(context.Background())
	var written atomic.Int64
	go func() {
		for ctx.Err() == nil {
			if fi, err := os.Stat(out); err == nil && fi.Size() > 20_000 {
				written.Store(fi.Size())
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	err := runBatch(ctx, []string{"--in", in, "--out", out, "--quiet", "--inflight", "8"}, nil, nil, &bytes.Buffer{})
	cancel()
	if err == nil && written.Load() == 0 {
		t.Log("the first run finished before it could be stopped; resume is still checked")
	}
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--resume", "--quiet"}, nil, nil, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	exactlyOnce(t, idCounts(t, out), n)
}

// startServer serves the service on a loopback port.
func startServer(t testing.TB, opts ...grpc.ServerOption) (*service.Server, string) {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := service.NewServer(service.Config{}, nil, opts...)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return srv, lis.Addr().String()
}

// countingStream counts the documents a server receives.
type countingStream struct {
	grpc.ServerStream
	onRecv func()
}

func (s *countingStream) RecvMsg(m any) error {
	err := s.ServerStream.RecvMsg(m)
	if err == nil {
		s.onRecv()
	}
	return err
}

func TestBatchServerStoppedMidRun(t *testing.T) {
	t.Parallel()
	const n = 1500
	var gotA, gotB atomic.Int64
	var stopA sync.Once
	var srvA *service.Server
	stopped := make(chan struct{})
	interceptA := grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		return h(srv, &countingStream{ServerStream: ss, onRecv: func() {
			// Kill server A hard, streams and all, once it has taken
			// 50 documents: some answered, some in flight.
			if gotA.Add(1) == 50 {
				stopA.Do(func() { go func() { srvA.Stop(); close(stopped) }() })
			}
		}})
	})
	interceptB := grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		return h(srv, &countingStream{ServerStream: ss, onRecv: func() { gotB.Add(1) }})
	})
	var addrA, addrB string
	srvA, addrA = startServer(t, interceptA)
	_, addrB = startServer(t, interceptB)

	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeRequests(t, in, n)
	out := filepath.Join(dir, "out.jsonl")
	var stderr bytes.Buffer
	err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--addr", addrA + "," + addrB,
		"--inflight", "32", "--stream-docs", "300", "--quiet"}, nil, nil, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	select {
	case <-stopped:
	default:
		t.Fatalf("server A was never stopped (it got %d documents)", gotA.Load())
	}
	counts := idCounts(t, out)
	exactlyOnce(t, counts, n)
	if strings.Contains(stderr.String(), "failed") && !strings.Contains(stderr.String(), fmt.Sprintf("%d ok, 0 failed", n)) {
		t.Errorf("documents failed although server B was up:\n%s", stderr.String())
	}
	if gotB.Load() == 0 {
		t.Error("server B got no documents: load was not spread")
	}
	t.Logf("server A took %d documents before it stopped, B %d; %s", gotA.Load(), gotB.Load(), stderr.String())
}

func TestBatchOutDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	mustWrite(t, in, []byte(`{"id": "news/2024/rain.html", "html": "<article><h1>Rain</h1><p>Rain fell across the valley on Tuesday, filling the reservoirs.</p><ul><li>one</li><li>two</li></ul></article>"}
{"id": "../../etc/passwd", "text": "An id trying to escape the output directory."}
{"id": "/abs/path", "text": "An absolute id."}
{"id": "abs/path", "text": "A different id that cleans up to the same path."}
{"id": "empty", "text": ""}
`))
	outDir := filepath.Join(dir, "out")
	if err := runBatch(context.Background(), []string{"--in", in, "--out-dir", outDir, "--format", "markdown", "--quiet"}, nil, nil, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	rows := readLines(t, filepath.Join(outDir, indexName))
	if len(rows) != 5 {
		t.Fatalf("index has %d lines, want 5", len(rows))
	}
	paths := map[string]bool{}
	for _, r := range rows {
		if r["error"] != nil {
			if r["id"] != "empty" {
				t.Errorf("unexpected failure %v", r)
			}
			continue
		}
		p := r["path"].(string)
		if paths[p] {
			t.Errorf("two documents written to %s", p)
		}
		paths[p] = true
		if strings.Contains(p, "..") || filepath.IsAbs(p) || !strings.HasSuffix(p, ".md") {
			t.Errorf("unsafe or misnamed path %q for %v", p, r["id"])
		}
		data, err := os.ReadFile(filepath.Join(outDir, filepath.FromSlash(p)))
		if err != nil || len(data) == 0 {
			t.Errorf("%s: %v, %d bytes", p, err, len(data))
		}
	}
	md, _ := os.ReadFile(filepath.Join(outDir, "news", "2024", "rain.html.md"))
	if !strings.Contains(string(md), "filling the reservoirs") {
		t.Errorf("markdown body = %q", md)
	}
	// Nothing was written outside the output directory.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("files beside the output directory: %v", entries)
	}
}

func TestSafePath(t *testing.T) {
	t.Parallel()
	tests := []struct{ id, want string }{
		{"a/b.html", "a/b.html.txt"},
		{"plain-id_1", "plain-id_1.txt"},
		{"../x", "x-"},
		{"/etc/passwd", "etc/passwd-"},
		{"<urn:uuid:1234>", "_urn_uuid_1234_-"},
		{"", "doc-"},
		{".hidden", "_hidden-"},
		{"a.txt/b", "a.txt/b-"},
	}
	for _, tt := range tests {
		got := safePath(tt.id, ".txt")
		if !strings.HasPrefix(got, tt.want) || !strings.HasSuffix(got, ".txt") || strings.Contains(got, "..") {
			t.Errorf("safePath(%q) = %q, want %q…", tt.id, got, tt.want)
		}
	}
	if safePath("a b", ".txt") == safePath("a_b", ".txt") {
		t.Error("ids that clean up alike share a path")
	}
}

// A document that no server can take (here: a URL that is not UTF-8, from
// a WARC header: gRPC cannot send it, and the in-process service refuses
// it) fails alone; the documents sharing its stream go through.
func TestBatchUnsendableDocument(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	for i := range 20 {
		uri := fmt.Sprintf("https://example.org/%d", i)
		if i == 7 {
			uri = "https://example.org/\xff\xfe"
		}
		block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Page number " + fmt.Sprint(i) + " of the crawl, with a paragraph.</p>"
		fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
			i, uri, len(block), block)
	}
	in := filepath.Join(t.TempDir(), "x.warc")
	mustWrite(t, in, b.Bytes())
	out := filepath.Join(t.TempDir(), "out.jsonl")
	var stderr bytes.Buffer
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--quiet", "--max-attempts", "1"}, nil, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	counts := idCounts(t, out)
	if len(counts) != 20 {
		t.Errorf("%d ids in the output, want 20", len(counts))
	}
	if !strings.Contains(stderr.String(), "20 documents, 19 ok, 1 failed") {
		t.Errorf("summary:\n%s", stderr.String())
	}
}

// rewritingStream turns selected answers into per-document errors.
type rewritingStream struct {
	grpc.ServerStream
	rewrite func(*pb.ExtractBatchResponse)
}

func (s *rewritingStream) SendMsg(m any) error {
	if r, ok := m.(*pb.ExtractBatchResponse); ok {
		s.rewrite(r)
	}
	return s.ServerStream.SendMsg(m)
}

// A document answered UNAVAILABLE is sent again and its second answer is
// the one written; one answered INVALID_ARGUMENT is not retried. The
// server is reached through the dns resolver.
func TestBatchRetriesUnavailableDocument(t *testing.T) {
	t.Parallel()
	var unavailable, invalid atomic.Int64
	intercept := grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
		return h(srv, &rewritingStream{ServerStream: ss, rewrite: func(r *pb.ExtractBatchResponse) {
			switch {
			case r.GetId() == "doc-3" && unavailable.Add(1) <= 2:
				r.Result = &pb.ExtractBatchResponse_Error{Error: &spb.Status{Code: int32(codes.Unavailable), Message: "draining"}}
			case r.GetId() == "doc-5":
				invalid.Add(1)
				r.Result = &pb.ExtractBatchResponse_Error{Error: &spb.Status{Code: int32(codes.InvalidArgument), Message: "bad"}}
			}
		}})
	})
	_, addr := startServer(t, intercept)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeRequests(t, in, 10)
	out := filepath.Join(dir, "out.jsonl")
	var stderr bytes.Buffer
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--addr", "dns:///" + addr, "--quiet"}, nil, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	counts := idCounts(t, out)
	exactlyOnce(t, counts, 10)
	byID := map[string]map[string]any{}
	for _, r := range readLines(t, out) {
		byID[r["id"].(string)] = r
	}
	if byID["doc-3"]["article"] == nil {
		t.Errorf("doc-3 was not retried after UNAVAILABLE: %v", byID["doc-3"])
	}
	if byID["doc-5"]["error"] == nil || invalid.Load() != 1 {
		t.Errorf("doc-5 (INVALID_ARGUMENT) = %v after %d tries, want its error after one", byID["doc-5"], invalid.Load())
	}
	if !strings.Contains(stderr.String(), "retries: 2 documents sent again") {
		t.Errorf("summary:\n%s", stderr.String())
	}
}

// Without a terminal, progress is a plain line at an interval, with the
// ETA from the input's size.
func TestBatchProgressLines(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeRequests(t, in, 3000)
	var stderr bytes.Buffer
	if err := runBatch(context.Background(), []string{"--in", in, "--out", filepath.Join(dir, "out.jsonl"), "--progress-every", "5ms"}, nil, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "docs/s, 0 errors") || !strings.Contains(stderr.String(), "MB read of") || !strings.Contains(stderr.String(), "ETA") {
		t.Errorf("no progress line with rate and ETA:\n%s", stderr.String())
	}
}

// Two healthy servers share the work: round_robin spreads the streams.
func TestBatchSpreadsOverServers(t *testing.T) {
	t.Parallel()
	const n = 1200
	var got [2]atomic.Int64
	var addrs []string
	for i := range got {
		_, addr := startServer(t, grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
			return h(srv, &countingStream{ServerStream: ss, onRecv: func() { got[i].Add(1) }})
		}))
		addrs = append(addrs, addr)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeRequests(t, in, n)
	out := filepath.Join(dir, "out.jsonl")
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--addr", strings.Join(addrs, ","), "--stream-docs", "200", "--quiet"}, nil, nil, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	exactlyOnce(t, idCounts(t, out), n)
	a, b := got[0].Load(), got[1].Load()
	if a+b != n || a < n/6 || b < n/6 {
		t.Errorf("servers got %d and %d documents of %d: not spread", a, b, n)
	}
	t.Logf("servers got %d and %d documents", a, b)
}

func TestSummary(t *testing.T) {
	t.Parallel()
	tl := newTally()
	ok := &pb.ExtractBatchResponse{Id: "a", Result: &pb.ExtractBatchResponse_Response{Response: &pb.ExtractResponse{
		Article: &pb.Article{Body: "0123456789"},
		Removed: []*pb.NoiseSpan{
			{Kind: pb.NoiseKind_NOISE_KIND_NAVIGATION, Start: 0, End: 4, Text: "Home"},
			{Kind: pb.NoiseKind_NOISE_KIND_DONATION_APPEAL, Start: 10, End: 30},
			{Kind: pb.NoiseKind_NOISE_KIND_NAVIGATION, Text: "News"},
		},
	}}}
	bad := failureResponse("b", &spb.Status{Code: int32(codes.DataLoss), Message: "cut"})
	tl.count(result{job: &job{size: 100}, resp: ok})
	tl.count(result{job: &job{size: 50}, resp: bad})
	var w bytes.Buffer
	printSummary(&w, tl, &inputs.Stats{}, 3, 1)
	for _, want := range []string{
		"2 documents, 1 ok, 1 failed", "errors by code: DataLoss 1", "bytes in: 150", "body out: 10 bytes",
		"removed bytes: 28 (donation_appeal 20, navigation 8)", "retries: 3 documents sent again, 1 streams broke",
	} {
		if !strings.Contains(w.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, w.String())
		}
	}
}
