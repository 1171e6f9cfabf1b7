// Package service is boilerstrip's gRPC service: it validates requests,
// converts between the API and the extract engine, enforces limits and
// maps errors to gRPC status codes. No extraction logic lives here.
//
// It is importable so that the client can embed it in-process.
package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/logging"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/boilerstrip/boilerstrip/extract"
	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// Config holds the service's limits. The zero value of a field means its
// default.
type Config struct {
	// MaxDocumentBytes caps the size of one document (html, text or raw).
	// Default 32 MiB.
	MaxDocumentBytes int
	// DefaultTimeout applies to a document whose call has no deadline,
	// and to each document of a batch stream. Default 30s.
	DefaultTimeout time.Duration
	// MaxConcurrent caps extractions running at once across all calls;
	// further work waits for a slot until its deadline. Default: cores.
	MaxConcurrent int
	// AuthToken, when set, is the bearer token every ExtractService call
	// must carry ("authorization: Bearer <token>"); health and reflection
	// stay open so that probes and grpcurl discovery need no secret.
	AuthToken string
}

// Defaults for Config.
const (
	DefaultMaxDocumentBytes = 32 << 20
	DefaultTimeout          = 30 * time.Second
)

func (c Config) withDefaults() Config {
	if c.MaxDocumentBytes <= 0 {
		c.MaxDocumentBytes = DefaultMaxDocumentBytes
	}
	if c.DefaultTimeout <= 0 {
		c.DefaultTimeout = DefaultTimeout
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = runtime.GOMAXPROCS(0)
	}
	return c
}

// Service implements boilerstrip.v1.ExtractService.
type Service struct {
	pb.UnimplementedExtractServiceServer

	cfg      Config
	log      *slog.Logger
	metrics  *metrics
	slots    chan struct{} // one token per running extraction, cap MaxConcurrent
	draining chan struct{} // closed by Drain: streams stop taking documents
	drain    sync.Once     // guards close(draining)
}

// Test hooks, nil in production. Tests set them (never in parallel with
// other tests) to make a request panic at a chosen point.
var (
	// testHookHandler runs at the start of the unary handler, outside the
	// per-document recovery: a panic there reaches the recovery interceptor.
	testHookHandler func(req *pb.ExtractRequest)
	// testHookEngine runs where the engine runs: a panic there is
	// recovered for this document only.
	testHookEngine func(req *pb.ExtractRequest)
)

// New returns a service with the given limits; log may be nil. Its
// metrics are registered in reg; a nil reg keeps them private.
func New(cfg Config, log *slog.Logger, reg prometheus.Registerer) *Service {
	cfg = cfg.withDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	return &Service{
		cfg: cfg, log: log, metrics: newMetrics(reg),
		slots: make(chan struct{}, cfg.MaxConcurrent), draining: make(chan struct{}),
	}
}

// Config returns the effective limits.
func (s *Service) Config() Config { return s.cfg }

// Drain makes every open ExtractBatch stream stop reading new documents,
// answer those it already accepted, and end with UNAVAILABLE, so that a
// graceful stop does not wait for clients that keep sending. Unary calls
// are unaffected (GracefulStop lets them finish).
func (s *Service) Drain() { s.drain.Do(func() { close(s.draining) }) }

// Extract implements the unary rpc.
func (s *Service) Extract(ctx context.Context, req *pb.ExtractRequest) (*pb.ExtractResponse, error) {
	if testHookHandler != nil {
		testHookHandler(req)
	}
	// The size goes into the request log line written when the call ends.
	logging.AddFields(ctx, logging.Fields{"doc.id", req.GetId(), "doc.bytes", contentSize(req)})
	return s.extractOne(ctx, req, false)
}

// ExtractBatch implements the bidirectional stream: documents are read as
// they come, extracted concurrently (at most MaxConcurrent in flight for
// this stream, which also bounds its memory), and answered as they finish.
//
// Every document the stream accepts (reads and hands to a worker) gets
// exactly one response. When the server drains, the stream stops
// accepting, answers what it accepted, and ends with UNAVAILABLE: a
// document without a response was not processed and can be resent.
func (s *Service) ExtractBatch(stream pb.ExtractService_ExtractBatchServer) error {
	ctx := stream.Context()
	out := make(chan *pb.ExtractBatchResponse, s.cfg.MaxConcurrent)
	sendDone := make(chan error, 1)
	go func() {
		var err error
		for r := range out {
			if err == nil {
				err = stream.Send(r)
			}
			// After a send error keep draining so workers never block.
		}
		sendDone <- err
	}()

	// The reader goroutine lets the loop below also watch for draining
	// while a Recv is blocked. It exits when Recv fails, which at the
	// latest happens when this handler returns and the stream ends.
	reqs := make(chan *pb.ExtractBatchRequest)
	recvErrc := make(chan error, 1)
	handlerDone := make(chan struct{})
	defer close(handlerDone)
	go func() {
		for {
			item, err := stream.Recv()
			if err != nil {
				recvErrc <- err
				return
			}
			select {
			case reqs <- item:
			case <-handlerDone:
				return // the stream is ending; the client sees its status
			}
		}
	}()

	inflight := make(chan struct{}, s.cfg.MaxConcurrent)
	var wg sync.WaitGroup
	var endErr error
	accepted := 0
loop:
	for {
		select {
		case <-s.draining:
			endErr = errDraining
			break loop
		default:
		}
		// Take a worker slot first, so that a document is only read off
		// the stream when it can start: flow control then holds the rest
		// back in the client and memory stays bounded.
		select {
		case inflight <- struct{}{}:
		case <-ctx.Done():
			endErr = status.FromContextError(ctx.Err()).Err()
			break loop
		case <-s.draining:
			endErr = errDraining
			break loop
		}
		var item *pb.ExtractBatchRequest
		select {
		case item = <-reqs:
		case err := <-recvErrc:
			<-inflight
			if err != io.EOF {
				endErr = err
			}
			break loop
		case <-s.draining:
			<-inflight
			endErr = errDraining
			break loop
		}
		accepted++
		s.metrics.batchAccept.Inc()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-inflight }()
			out <- s.batchItem(ctx, item)
		}()
	}
	wg.Wait()
	close(out)
	sendErr := <-sendDone
	logging.AddFields(ctx, logging.Fields{"batch.accepted", accepted})
	if endErr != nil {
		return endErr
	}
	return sendErr
}

// errDraining ends a batch stream when the server shuts down.
var errDraining = status.Error(codes.Unavailable,
	"server shutting down: every document already accepted was answered; documents without a response were not processed, resend them to another replica")

// batchItem extracts one document of a stream and wraps the outcome.
func (s *Service) batchItem(ctx context.Context, item *pb.ExtractBatchRequest) *pb.ExtractBatchResponse {
	req := item.GetRequest()
	id := req.GetId()
	resp, err := s.extractOne(ctx, req, true)
	if err != nil {
		return &pb.ExtractBatchResponse{Id: id, Result: &pb.ExtractBatchResponse_Error{Error: status.Convert(err).Proto()}}
	}
	return &pb.ExtractBatchResponse{Id: id, Result: &pb.ExtractBatchResponse_Response{Response: resp}}
}

// extractOne validates, waits for a slot and runs the engine with a
// deadline. Every error it returns is a gRPC status.
func (s *Service) extractOne(ctx context.Context, req *pb.ExtractRequest, inStream bool) (*pb.ExtractResponse, error) {
	resp, err := s.runOne(ctx, req, inStream)
	if err != nil {
		s.metrics.fail(status.Code(err))
	}
	return resp, err
}

func (s *Service) runOne(ctx context.Context, req *pb.ExtractRequest, inStream bool) (*pb.ExtractResponse, error) {
	start := time.Now()
	if err := s.validate(req, inStream); err != nil {
		return nil, err
	}
	size := contentSize(req)
	s.metrics.bytesIn.Add(float64(size))
	if _, ok := ctx.Deadline(); !ok || inStream {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.cfg.DefaultTimeout)
		defer cancel()
	}
	if err := s.waitForSlot(ctx); err != nil {
		return nil, err
	}
	if s.log.Enabled(ctx, slog.LevelDebug) {
		// Page content reaches the logs only when debug logging is asked for.
		s.logCtx(ctx, slog.LevelDebug, "extracting", "doc.id", req.GetId(), "doc.bytes", size, "doc.prefix", contentPrefix(req, 200))
	}

	// The engine runs in its own goroutine so that a deadline answers the
	// caller at once even if the engine is inside a stage that does not
	// check the context. The goroutine keeps its slot until the engine
	// really returns: abandoned work still counts against MaxConcurrent,
	// so CPU and memory stay bounded however many callers give up.
	type outcome struct {
		res *extract.Result
		err error
	}
	done := make(chan outcome, 1)
	s.metrics.inFlight.Inc()
	go func() {
		defer func() {
			s.metrics.inFlight.Dec()
			<-s.slots
		}()
		// A panic in the engine fails this document only.
		defer func() {
			if p := recover(); p != nil {
				s.logCtx(ctx, slog.LevelError, "panic in extraction", "doc.id", req.GetId(), "panic", p, "stack", string(debug.Stack()))
				done <- outcome{err: status.Errorf(codes.Internal, "internal error while extracting document %q: %v", req.GetId(), p)}
			}
		}()
		if testHookEngine != nil {
			testHookEngine(req)
		}
		in, opt := toInput(req)
		res, err := extract.Extract(ctx, in, opt)
		done <- outcome{res, err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-ctx.Done():
		o.err = ctx.Err()
	}
	if o.err != nil {
		if _, ok := status.FromError(o.err); ok {
			return nil, o.err
		}
		return nil, toStatus(o.err)
	}
	s.metrics.observe(o.res)
	resp := toResponse(req.GetId(), o.res, size)
	s.logCtx(ctx, slog.LevelDebug, "extracted", "doc.id", req.GetId(), "doc.bytes", size, "path", o.res.Path, "duration", time.Since(start))
	return resp, nil
}

// waitForSlot takes an extraction slot, waiting for one at most until
// shortly before the deadline: the caller then hears ResourceExhausted
// ("busy", worth retrying elsewhere) rather than its own deadline expiring
// with no explanation.
func (s *Service) waitForSlot(ctx context.Context) error {
	select {
	case s.slots <- struct{}{}:
		return nil
	default:
	}
	wctx := ctx
	if d, ok := ctx.Deadline(); ok {
		margin := min(time.Until(d)/10, slotWaitMargin)
		var cancel context.CancelFunc
		wctx, cancel = context.WithDeadline(ctx, d.Add(-margin))
		defer cancel()
	}
	s.metrics.waiting.Inc()
	defer s.metrics.waiting.Dec()
	select {
	case s.slots <- struct{}{}:
		return nil
	case <-wctx.Done():
		if ctx.Err() == context.Canceled {
			return status.Error(codes.Canceled, "request cancelled while waiting for an extraction slot")
		}
		return status.Errorf(codes.ResourceExhausted,
			"server busy: all %d extraction slots stayed taken until the deadline; retry later or on another replica", s.cfg.MaxConcurrent)
	}
}

// slotWaitMargin is the most time left before a deadline at which a
// waiting request gives up, so that its ResourceExhausted answer can
// still reach the caller in time.
const slotWaitMargin = time.Second

// logCtx logs with the fields the interceptors put in ctx (request id,
// method, peer), so that every line of one call can be found together.
func (s *Service) logCtx(ctx context.Context, lvl slog.Level, msg string, args ...any) {
	s.log.Log(ctx, lvl, msg, append(args, logging.ExtractFields(ctx)...)...)
}

// contentPrefix is the first n bytes of the document, for debug logs.
func contentPrefix(req *pb.ExtractRequest, n int) string {
	var c string
	switch v := req.GetContent().(type) {
	case *pb.ExtractRequest_Html:
		c = v.Html
	case *pb.ExtractRequest_Text:
		c = v.Text
	case *pb.ExtractRequest_Raw:
		c = string(v.Raw[:min(len(v.Raw), n)])
	}
	if len(c) > n {
		c = c[:n]
	}
	return strings.ToValidUTF8(c, "\ufffd")
}

// validate rejects requests that cannot be processed, with field violations
// a caller can act on.
func (s *Service) validate(req *pb.ExtractRequest, inStream bool) error {
	var v []*errdetails.BadRequest_FieldViolation
	add := func(field, desc string) {
		v = append(v, &errdetails.BadRequest_FieldViolation{Field: field, Description: desc})
	}
	if req == nil {
		add("request", "missing")
		return badRequest(v)
	}
	if inStream && req.GetId() == "" {
		add("id", "required in a batch stream: it is how responses are matched to requests")
	}
	// Over the network gRPC refuses strings that are not UTF-8 before the
	// handler runs; an in-process Channel does not, and the answer (which
	// quotes id, and text of the page) could then not be encoded.
	for _, f := range []struct{ name, value string }{
		{"id", req.GetId()}, {"url", req.GetUrl()}, {"content_type", req.GetContentType()},
		{"html", req.GetHtml()}, {"text", req.GetText()},
	} {
		if !utf8.ValidString(f.value) {
			add(f.name, "not valid UTF-8 (send undecoded pages as raw bytes)")
		}
	}
	size := contentSize(req)
	if req.GetContent() == nil || size == 0 {
		add("content", "empty: set one of html, text or raw")
	}
	if ct := req.GetContentType(); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		switch {
		case err != nil:
			add("content_type", fmt.Sprintf("not a media type: %v", err))
		case req.GetHtml() != "" && mt == "text/plain":
			add("content_type", "says text/plain but the document was sent as html")
		case req.GetText() != "" && strings.Contains(mt, "html"):
			add("content_type", "says HTML but the document was sent as text")
		}
	}
	for i, k := range req.GetOptions().GetKeepKinds() {
		if _, ok := pb.NoiseKind_name[int32(k)]; !ok || k == pb.NoiseKind_NOISE_KIND_UNSPECIFIED {
			add(fmt.Sprintf("options.keep_kinds[%d]", i), fmt.Sprintf("unknown noise kind %d", k))
		}
	}
	if len(v) > 0 {
		return badRequest(v)
	}
	if size > s.cfg.MaxDocumentBytes {
		return status.Errorf(codes.ResourceExhausted,
			"document is %d bytes, over the limit of %d bytes (server flag --max-request-bytes)", size, s.cfg.MaxDocumentBytes)
	}
	return nil
}

func badRequest(v []*errdetails.BadRequest_FieldViolation) error {
	msgs := make([]string, len(v))
	for i, f := range v {
		msgs[i] = f.Field + ": " + f.Description
	}
	st := status.New(codes.InvalidArgument, "invalid request: "+strings.Join(msgs, "; "))
	if d, err := st.WithDetails(&errdetails.BadRequest{FieldViolations: v}); err == nil {
		st = d
	}
	return st.Err()
}

// toStatus maps engine errors to gRPC statuses.
func toStatus(err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return status.Errorf(codes.DeadlineExceeded, "deadline exceeded during extraction: %v", err)
	case errors.Is(err, context.Canceled):
		return status.Errorf(codes.Canceled, "request cancelled during extraction: %v", err)
	case errors.Is(err, extract.ErrEmptyInput), errors.Is(err, extract.ErrBadInput):
		return status.Error(codes.InvalidArgument, err.Error())
	}
	return status.Errorf(codes.Internal, "extraction failed: %v", err)
}
