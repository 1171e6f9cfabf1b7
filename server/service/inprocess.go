package service

import (
	"context"
	"fmt"
	"net"

	"github.com/fullstorydev/grpchan"
	"github.com/fullstorydev/grpchan/inprocgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/test/bufconn"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// bufSize is the in-memory pipe's buffer; gRPC's flow control bounds what
// is in flight, so this only needs to hold a few frames.
const bufSize = 1 << 20

// InProcess serves s over an in-memory connection (bufconn) and returns a
// client connection to it: the same code path as the network, with
// nothing to start. close stops the server and the connection.
func (s *Server) InProcess(dialOpts ...grpc.DialOption) (conn *grpc.ClientConn, closeFn func(), err error) {
	lis := bufconn.Listen(bufSize)
	go func() { _ = s.Serve(lis) }()
	opts := append([]grpc.DialOption{
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(2*s.Service.cfg.MaxDocumentBytes+envelopeSlack),
			grpc.MaxCallSendMsgSize(s.Service.cfg.MaxDocumentBytes+envelopeSlack),
		),
	}, dialOpts...)
	conn, err = grpc.NewClient("passthrough:///bufconn", opts...)
	if err != nil {
		s.Stop()
		return nil, nil, fmt.Errorf("dial in-process server: %w", err)
	}
	return conn, func() {
		_ = conn.Close()
		s.Stop()
	}, nil
}

// Channel returns an in-process channel to s's extract and health
// services: calls go through the same interceptors (request id, metrics,
// request log, auth, recovery) and the same handlers, validation and
// limits as over the network, but messages are cloned rather than
// marshalled, framed and unmarshalled. That is what the client's
// in-process batch uses: over bufconn the copies and the HTTP/2 framing of
// every page and answer cost a fifth of the batch's CPU on small pages.
//
// The transport's own message size limit does not exist here; the
// service's MaxDocumentBytes check still applies.
func (s *Server) Channel() grpc.ClientConnInterface {
	ch := &inprocgrpc.Channel{}
	reg := grpchan.WithStreamInterceptors(grpchan.WithUnaryInterceptors(ch, s.unary...), s.stream...)
	pb.RegisterExtractServiceServer(reg, s.Service)
	healthpb.RegisterHealthServer(reg, s.Health)
	return ch
}
