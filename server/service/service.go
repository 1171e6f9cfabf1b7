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

	cfg   Config
	log   *slog.Logger
	slots chan struct{} // one token per running extraction, cap MaxConcurrent
}

// New returns a service with the given limits; log may be nil.
func New(cfg Config, log *slog.Logger) *Service {
	cfg = cfg.withDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg, log: log, slots: make(chan struct{}, cfg.MaxConcurrent)}
}

// Config returns the effective limits.
func (s *Service) Config() Config { return s.cfg }

// Extract implements the unary rpc.
func (s *Service) Extract(ctx context.Context, req *pb.ExtractRequest) (*pb.ExtractResponse, error) {
	return s.extractOne(ctx, req, false)
}

// ExtractBatch implements the bidirectional stream: documents are read as
// they come, extracted concurrently (at most MaxConcurrent in flight for
// this stream, which also bounds memory), and answered as they finish.
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

	inflight := make(chan struct{}, s.cfg.MaxConcurrent)
	var wg sync.WaitGroup
	var recvErr error
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			recvErr = err
			break
		}
		select {
		case inflight <- struct{}{}:
		case <-ctx.Done():
			recvErr = ctx.Err()
		}
		if recvErr != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-inflight }()
			out <- s.batchItem(ctx, req)
		}()
	}
	wg.Wait()
	close(out)
	sendErr := <-sendDone
	switch {
	case recvErr != nil:
		return status.FromContextError(recvErr).Err()
	case sendErr != nil:
		return sendErr
	}
	return nil
}

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
func (s *Service) extractOne(ctx context.Context, req *pb.ExtractRequest, inStream bool) (resp *pb.ExtractResponse, err error) {
	start := time.Now()
	if err := s.validate(req, inStream); err != nil {
		return nil, err
	}
	if _, ok := ctx.Deadline(); !ok || inStream {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.cfg.DefaultTimeout)
		defer cancel()
	}
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-ctx.Done():
		return nil, status.Errorf(codes.ResourceExhausted,
			"server busy: %d extractions running and no slot freed before the deadline (%v)", s.cfg.MaxConcurrent, ctx.Err())
	}

	// A panic in the engine fails this document only.
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic in extraction", "id", req.GetId(), "panic", p, "stack", string(debug.Stack()))
			resp, err = nil, status.Errorf(codes.Internal, "internal error while extracting document %q: %v", req.GetId(), p)
		}
	}()
	in, opt := toInput(req)
	res, err := extract.Extract(ctx, in, opt)
	if err != nil {
		return nil, toStatus(err)
	}
	resp = toResponse(req.GetId(), res, contentSize(req))
	s.log.Debug("extracted", "id", req.GetId(), "bytes", contentSize(req), "path", res.Path, "duration", time.Since(start))
	return resp, nil
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
