package main

import (
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
	"github.com/boilerstrip/boilerstrip/server/service"
)

// maxMessageBytes lets the client send and receive pages as large as the
// server's default limit (gRPC's own default of 4 MiB is too small).
const maxMessageBytes = 64 << 20

// connect returns a client for addr, or for an in-process service over
// bufconn when addr is empty. close releases it.
func connect(addr string) (pb.ExtractServiceClient, func(), error) {
	if addr == "" {
		srv := service.NewServer(service.Config{}, nil)
		conn, closeFn, err := srv.InProcess()
		if err != nil {
			return nil, nil, err
		}
		return pb.NewExtractServiceClient(conn), closeFn, nil
	}
	conn, err := grpc.NewClient(addr,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxMessageBytes), grpc.MaxCallSendMsgSize(maxMessageBytes)),
	)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to %s: %w", addr, err)
	}
	return pb.NewExtractServiceClient(conn), func() { _ = conn.Close() }, nil
}
