package service

import (
	"context"
	"fmt"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"
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
