package main

import (
	"fmt"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
	"github.com/boilerstrip/boilerstrip/server/service"
)

// maxMessageBytes lets the client send and receive pages as large as the
// server's default limit (gRPC's own default of 4 MiB is too small).
const maxMessageBytes = 64 << 20

// roundRobin spreads calls over every address the resolver returns, one
// call (for batch: one stream) at a time, with gRPC's own balancer: it
// skips servers that are down and picks up new ones as the resolver
// reports them.
const roundRobin = `{"loadBalancingConfig": [{"round_robin": {}}]}`

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
	conn, err := dial(addr)
	if err != nil {
		return nil, nil, err
	}
	return pb.NewExtractServiceClient(conn), func() { _ = conn.Close() }, nil
}

// dial connects to addr: one HOST:PORT, a comma-separated list of them,
// or a target with a resolver scheme such as dns:///name:port (every
// address the name resolves to, re-resolved as replicas come and go).
// Calls are balanced round-robin over the addresses.
func dial(addr string) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxMessageBytes), grpc.MaxCallSendMsgSize(maxMessageBytes)),
		grpc.WithDefaultServiceConfig(roundRobin),
	}
	target := addr
	if !strings.Contains(addr, "://") {
		// A fixed list: a manual resolver hands every address to the
		// balancer at once (the default dns resolver would take the list
		// as one host name).
		var eps []resolver.Endpoint
		for _, a := range strings.Split(addr, ",") {
			if a = strings.TrimSpace(a); a != "" {
				eps = append(eps, resolver.Endpoint{Addresses: []resolver.Address{{Addr: a}}})
			}
		}
		if len(eps) == 0 {
			return nil, fmt.Errorf("connect: no address in %q", addr)
		}
		r := manual.NewBuilderWithScheme("boilerstrip")
		r.InitialState(resolver.State{Endpoints: eps})
		opts = append(opts, grpc.WithResolvers(r))
		target = r.Scheme() + ":///" + strings.ReplaceAll(addr, ",", "_")
	}
	conn, err := grpc.NewClient(target, opts...)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", addr, err)
	}
	return conn, nil
}
