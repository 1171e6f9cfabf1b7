package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"log/slog"
	"runtime/debug"
	"strings"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	middleware "github.com/grpc-ecosystem/go-grpc-middleware/v2"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/auth"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/logging"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/selector"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
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
	// Registry holds the server's Prometheus metrics: RPC counts and
	// latencies (grpc_server_*), the service's own (boilerstrip_*), Go
	// runtime and process. Serve it with promhttp.HandlerFor.
	Registry *prometheus.Registry

	// The interceptor chains, kept so that Channel runs calls through
	// the same ones as the network.
	unary  []grpc.UnaryServerInterceptor
	stream []grpc.StreamServerInterceptor
}

// NewServer assembles the gRPC server: the extract service, grpc.health.v1,
// server reflection, and the interceptors, outermost first: request id →
// metrics → request log → auth → panic recovery. extra options (TLS
// credentials, keepalive) are appended.
func NewServer(cfg Config, log *slog.Logger, extra ...grpc.ServerOption) *Server {
	reg := newRegistry()
	svc := New(cfg, log, reg)
	rpcMetrics := grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram())
	reg.MustRegister(rpcMetrics)

	logger := logging.LoggerFunc(func(ctx context.Context, lvl logging.Level, msg string, fields ...any) {
		svc.log.Log(ctx, slog.Level(lvl), msg, fields...)
	})
	recoverPanic := recovery.WithRecoveryHandlerContext(func(ctx context.Context, p any) error {
		svc.logCtx(ctx, slog.LevelError, "panic in handler", "panic", p, "stack", string(debug.Stack()))
		return status.Errorf(codes.Internal, "internal error: %v", p)
	})
	// One line per call when it ends: method, code, duration, request id,
	// and the document id and size the handler adds. Payloads are never
	// logged by the interceptor.
	logOpts := []logging.Option{logging.WithLogOnEvents(logging.FinishCall)}

	unary := []grpc.UnaryServerInterceptor{
		requestIDUnary,
		rpcMetrics.UnaryServerInterceptor(),
		logging.UnaryServerInterceptor(logger, logOpts...),
	}
	stream := []grpc.StreamServerInterceptor{
		requestIDStream,
		rpcMetrics.StreamServerInterceptor(),
		logging.StreamServerInterceptor(logger, logOpts...),
	}
	if cfg.AuthToken != "" {
		check := auth.AuthFunc(bearerToken(cfg.AuthToken))
		unary = append(unary, selector.UnaryServerInterceptor(auth.UnaryServerInterceptor(check), selector.MatchFunc(needsAuth)))
		stream = append(stream, selector.StreamServerInterceptor(auth.StreamServerInterceptor(check), selector.MatchFunc(needsAuth)))
	}
	unary = append(unary, recovery.UnaryServerInterceptor(recoverPanic))
	stream = append(stream, recovery.StreamServerInterceptor(recoverPanic))

	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(svc.cfg.MaxDocumentBytes + envelopeSlack),
		grpc.MaxSendMsgSize(2*svc.cfg.MaxDocumentBytes + envelopeSlack),
		grpc.ChainUnaryInterceptor(unary...),
		grpc.ChainStreamInterceptor(stream...),
	}
	gs := grpc.NewServer(append(opts, extra...)...)
	pb.RegisterExtractServiceServer(gs, svc)
	hs := health.NewServer()
	healthpb.RegisterHealthServer(gs, hs)
	hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	hs.SetServingStatus(pb.ExtractService_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	registerReflection(gs, svc.log)
	rpcMetrics.InitializeMetrics(gs)
	return &Server{Server: gs, Service: svc, Health: hs, Registry: reg, unary: unary, stream: stream}
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

// Shutdown marks the server NOT_SERVING, makes batch streams stop taking
// new documents, then drains in-flight calls and streams; when ctx
// expires first it stops them hard. It reports whether the drain finished
// in time.
func (s *Server) Shutdown(ctx context.Context) (graceful bool) {
	s.Health.Shutdown()
	s.Service.Drain()
	done := make(chan struct{})
	go func() {
		s.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		s.Stop()
		<-done
		return false
	}
}

// needsAuth exempts health checks (probes carry no secret) and reflection
// (it only describes the public API) from the bearer token.
func needsAuth(_ context.Context, c interceptors.CallMeta) bool {
	return c.Service != healthpb.Health_ServiceDesc.ServiceName &&
		!strings.HasPrefix(c.Service, "grpc.reflection.")
}

// bearerToken checks "authorization: Bearer <token>". Both sides are
// hashed first so that the comparison takes the same time whatever the
// length or content of the token sent.
func bearerToken(want string) auth.AuthFunc {
	wantSum := sha256.Sum256([]byte(want))
	return func(ctx context.Context) (context.Context, error) {
		got, err := auth.AuthFromMD(ctx, "bearer")
		if err != nil {
			return nil, err // Unauthenticated, with the reason
		}
		gotSum := sha256.Sum256([]byte(got))
		if subtle.ConstantTimeCompare(gotSum[:], wantSum[:]) != 1 {
			return nil, status.Error(codes.Unauthenticated, "invalid bearer token")
		}
		return ctx, nil
	}
}

// requestIDHeader carries a caller's request id, echoed back in the
// response headers; without one the server makes one up.
const requestIDHeader = "x-request-id"

// withRequestID puts the call's request id in the logging fields, so the
// request log, panic reports and debug lines of one call share it.
func withRequestID(ctx context.Context) context.Context {
	id := ""
	if v := metadata.ValueFromIncomingContext(ctx, requestIDHeader); len(v) > 0 && validRequestID(v[0]) {
		id = v[0]
	} else {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	_ = grpc.SetHeader(ctx, metadata.Pairs(requestIDHeader, id))
	return logging.InjectFields(ctx, logging.Fields{"request_id", id})
}

// validRequestID accepts short printable ids, so a caller cannot stuff
// the logs through this header.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if r < 0x21 || r > 0x7e {
			return false
		}
	}
	return true
}

func requestIDUnary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	return handler(withRequestID(ctx), req)
}

func requestIDStream(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	w := middleware.WrapServerStream(ss)
	w.WrappedContext = withRequestID(ss.Context())
	return handler(srv, w)
}
