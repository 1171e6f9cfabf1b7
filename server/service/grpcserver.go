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
	reflectionv1 "google.golang.org/grpc/reflection/grpc_reflection_v1"
	reflectionv1alpha "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

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
	registerReflection(gs, svc.log)
	return &Server{Server: gs, Service: svc, Health: hs}
}

// registerReflection serves reflection from the documented descriptors so
// that `grpcurl describe` shows the API's comments; it falls back to the
// compiled-in descriptors, which have none.
func registerReflection(gs *grpc.Server, log *slog.Logger) {
	files, err := pb.DocumentedFiles()
	if err != nil {
		log.Warn("reflection without documentation", "err", err)
		reflection.Register(gs)
		return
	}
	opts := reflection.ServerOptions{Services: gs, DescriptorResolver: chainResolver{files, protoregistry.GlobalFiles}}
	reflectionv1.RegisterServerReflectionServer(gs, reflection.NewServerV1(opts))
	reflectionv1alpha.RegisterServerReflectionServer(gs, reflection.NewServer(opts))
}

// chainResolver looks a descriptor up in each resolver in turn: our
// documented files first, then everything compiled in (health, reflection).
type chainResolver []interface {
	FindFileByPath(string) (protoreflect.FileDescriptor, error)
	FindDescriptorByName(protoreflect.FullName) (protoreflect.Descriptor, error)
}

func (c chainResolver) FindFileByPath(path string) (protoreflect.FileDescriptor, error) {
	for _, r := range c {
		if fd, err := r.FindFileByPath(path); err == nil {
			return fd, nil
		}
	}
	return nil, protoregistry.NotFound
}

func (c chainResolver) FindDescriptorByName(name protoreflect.FullName) (protoreflect.Descriptor, error) {
	for _, r := range c {
		if d, err := r.FindDescriptorByName(name); err == nil {
			return d, nil
		}
	}
	return nil, protoregistry.NotFound
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
