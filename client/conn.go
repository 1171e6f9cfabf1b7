package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"os"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
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

// security holds the flags that secure a connection to a remote server
// (servers run with --tls-cert, --client-ca, --auth-token-file).
type security struct {
	tlsCA, tlsCert, tlsKey, tokenFile string
}

// register adds the security flags to fs.
func (s *security) register(fs *flag.FlagSet) {
	fs.StringVar(&s.tlsCA, "tls-ca", "", "PEM bundle to verify the server's certificate; turns TLS on")
	fs.StringVar(&s.tlsCert, "tls-cert", "", "client certificate (PEM), for servers that require mutual TLS")
	fs.StringVar(&s.tlsKey, "tls-key", "", "client private key (PEM) for --tls-cert")
	fs.StringVar(&s.tokenFile, "auth-token-file", "", "file holding a bearer token sent with every call (needs TLS)")
}

// dialOptions turns the flags into transport and per-call credentials.
func (s security) dialOptions() ([]grpc.DialOption, error) {
	useTLS := s.tlsCA != "" || s.tlsCert != ""
	if !useTLS {
		if s.tokenFile != "" {
			return nil, fmt.Errorf("--auth-token-file needs TLS (--tls-ca): a token must not travel in clear text")
		}
		return []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}, nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.tlsCA != "" {
		pem, err := os.ReadFile(s.tlsCA)
		if err != nil {
			return nil, fmt.Errorf("--tls-ca: %w", err)
		}
		cfg.RootCAs = x509.NewCertPool()
		if !cfg.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--tls-ca %s: no PEM certificate found", s.tlsCA)
		}
	}
	if s.tlsCert != "" || s.tlsKey != "" {
		cert, err := tls.LoadX509KeyPair(s.tlsCert, s.tlsKey)
		if err != nil {
			return nil, fmt.Errorf("--tls-cert/--tls-key: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	opts := []grpc.DialOption{grpc.WithTransportCredentials(credentials.NewTLS(cfg))}
	if s.tokenFile != "" {
		b, err := os.ReadFile(s.tokenFile)
		if err != nil {
			return nil, fmt.Errorf("--auth-token-file: %w", err)
		}
		tok := strings.TrimSpace(string(b))
		if tok == "" {
			return nil, fmt.Errorf("--auth-token-file %s is empty", s.tokenFile)
		}
		opts = append(opts, grpc.WithPerRPCCredentials(bearer(tok)))
	}
	return opts, nil
}

// bearer sends "authorization: Bearer <token>" with every call.
type bearer string

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + string(b)}, nil
}

func (bearer) RequireTransportSecurity() bool { return true }

// connect returns a client for addr, or for an in-process service when
// addr is empty. close releases it.
func connect(addr string, sec security) (pb.ExtractServiceClient, func(), error) {
	if addr == "" {
		// The service's own handlers, limits and interceptors, called
		// without a transport: no page is marshalled or framed.
		srv := service.NewServer(service.Config{}, nil)
		return pb.NewExtractServiceClient(srv.Channel()), func() {}, nil
	}
	secOpts, err := sec.dialOptions()
	if err != nil {
		return nil, nil, err
	}
	conn, err := dial(addr, secOpts...)
	if err != nil {
		return nil, nil, err
	}
	return pb.NewExtractServiceClient(conn), func() { _ = conn.Close() }, nil
}

// dial connects to addr: one HOST:PORT, a comma-separated list of them,
// or a target with a resolver scheme such as dns:///name:port (every
// address the name resolves to, re-resolved as replicas come and go).
// Calls are balanced round-robin over the addresses.
func dial(addr string, secOpts ...grpc.DialOption) (*grpc.ClientConn, error) {
	if len(secOpts) == 0 {
		secOpts = []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	}
	opts := []grpc.DialOption{
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxMessageBytes), grpc.MaxCallSendMsgSize(maxMessageBytes)),
		grpc.WithDefaultServiceConfig(roundRobin),
	}
	opts = append(opts, secOpts...)
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
