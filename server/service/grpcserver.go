package service

import (
	"context"
	"log/slog"
	"runtime/debug"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/logging"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// envelopeSlack is room for the protobuf envelope around a document at the
// maximum size, so that the size check in validate (which names the limit)
// fires before gRPC's own transport limit.
const envelopeSlack = 1 << 20

// Server is a ready-to-serve gRPC server with the extract service, health
// and reflection registered.
type Server struct {
	*grpc.Server
	Service *Service
	Health  *health.Server
}

// NewServer assembles the gRPC server: the extract service, grpc.health.v1,
// server reflection, panic recovery and request logging. extra options
// (TLS credentials, keepalive, more interceptors) are appended.
func NewServer(cfg Config, log *slog.Logger, extra ...grpc.ServerOption) *Server {
	svc := New(cfg, log)
	logger := logging.LoggerFunc(func(ctx context.Context, lvl logging.Level, msg string, fields ...any) {
		svc.log.Log(ctx, slog.Level(lvl), msg, fields...)
	})
	recover := recovery.WithRecoveryHandlerContext(func(ctx context.Context, p any) error {
		svc.log.Error("panic in handler", "panic", p, "stack", string(debug.Stack()))
		return status.Errorf(codes.Internal, "internal error: %v", p)
	})
	logOpts := []logging.Option{logging.WithLogOnEvents(logging.FinishCall)}
	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(svc.cfg.MaxDocumentBytes + envelopeSlack),
		grpc.MaxSendMsgSize(2*svc.cfg.MaxDocumentBytes + envelopeSlack),
		grpc.ChainUnaryInterceptor(
			logging.UnaryServerInterceptor(logger, logOpts...),
			recovery.UnaryServerInterceptor(recover),
		),
		grpc.ChainStreamInterceptor(
			logging.StreamServerInterceptor(logger, logOpts...),
			recovery.StreamServerInterceptor(recover),
		),
	}
	gs := grpc.NewServer(append(opts, extra...)...)
	pb.RegisterExtractServiceServer(gs, svc)
	hs := health.NewServer()
	healthpb.RegisterHealthServer(gs, hs)
	hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	hs.SetServingStatus(pb.ExtractService_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	reflection.Register(gs)
	return &Server{Server: gs, Service: svc, Health: hs}
}

// Shutdown marks the server NOT_SERVING, then drains in-flight calls and
// streams; when ctx expires first it stops them hard.
func (s *Server) Shutdown(ctx context.Context) {
	s.Health.Shutdown()
	done := make(chan struct{})
	go func() {
		s.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		s.Stop()
		<-done
	}
}
