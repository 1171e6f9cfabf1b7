// Command server runs the boilerstrip gRPC service.
//
// Every flag can also be set through an environment variable named
// BOILERSTRIP_ plus the flag in upper snake case (--max-request-bytes →
// BOILERSTRIP_MAX_REQUEST_BYTES); a flag given on the command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/keepalive"

	"github.com/boilerstrip/boilerstrip/server/service"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	listen := fs.String("listen", ":50051", "address to listen on")
	maxBytes := fs.Int("max-request-bytes", service.DefaultMaxDocumentBytes, "largest document accepted, in bytes")
	timeout := fs.Duration("timeout", service.DefaultTimeout, "deadline for a request that has none, and for each document of a stream")
	maxConc := fs.Int("max-concurrent", 0, "extractions running at once (0: one per core)")
	maxStreams := fs.Uint("max-streams", 256, "concurrent calls and streams per client connection")
	drain := fs.Duration("shutdown-timeout", 30*time.Second, "how long SIGINT/SIGTERM waits for in-flight work before stopping hard")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error (only debug logs page content)")
	tlsCert := fs.String("tls-cert", "", "PEM certificate chain: serve TLS (with --tls-key)")
	tlsKey := fs.String("tls-key", "", "PEM private key for --tls-cert")
	clientCA := fs.String("client-ca", "", "PEM CA bundle: require client certificates signed by it (mutual TLS; needs --tls-cert)")
	tokenFile := fs.String("auth-token-file", "", "file holding a bearer token every ExtractService call must carry (health and reflection are exempt)")
	metricsListen := fs.String("metrics-listen", "", "address for Prometheus /metrics over HTTP, e.g. :9090 (empty: off)")
	kaMinTime := fs.Duration("keepalive-min-time", 10*time.Second, "clients pinging more often than this are disconnected (keepalive enforcement)")
	maxConnAge := fs.Duration("max-connection-age", 0, "close connections after this long (GOAWAY) so clients reconnect and spread over new replicas (0: never)")
	maxConnGrace := fs.Duration("max-connection-age-grace", 0, "after --max-connection-age, how long calls in flight may still run (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := envFallback(fs); err != nil {
		return err
	}
	log, err := newLogger(*logFormat, *logLevel)
	if err != nil {
		return err
	}

	opts := []grpc.ServerOption{
		grpc.MaxConcurrentStreams(uint32(*maxStreams)),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: *kaMinTime, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionAge: *maxConnAge, MaxConnectionAgeGrace: *maxConnGrace}),
	}
	if *tlsCert != "" || *tlsKey != "" || *clientCA != "" {
		tc, err := service.TLSConfig(*tlsCert, *tlsKey, *clientCA)
		if err != nil {
			return err
		}
		opts = append(opts, grpc.Creds(credentials.NewTLS(tc)))
	}
	cfg := service.Config{MaxDocumentBytes: *maxBytes, DefaultTimeout: *timeout, MaxConcurrent: *maxConc}
	if *tokenFile != "" {
		if cfg.AuthToken, err = service.ReadTokenFile(*tokenFile); err != nil {
			return err
		}
	}

	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *listen, err)
	}
	srv := service.NewServer(cfg, log, opts...)
	eff := srv.Service.Config()
	log.Info("serving", "addr", lis.Addr().String(), "max_request_bytes", eff.MaxDocumentBytes,
		"timeout", eff.DefaultTimeout, "max_concurrent", eff.MaxConcurrent,
		"tls", *tlsCert != "", "mutual_tls", *clientCA != "", "auth", cfg.AuthToken != "")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(lis) }()
	var metricsSrv *http.Server
	if *metricsListen != "" {
		mlis, err := net.Listen("tcp", *metricsListen)
		if err != nil {
			srv.Stop()
			return fmt.Errorf("metrics: listen on %s: %w", *metricsListen, err)
		}
		mux := http.NewServeMux()
		mux.Handle("/metrics", promhttp.HandlerFor(srv.Registry, promhttp.HandlerOpts{}))
		metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := metricsSrv.Serve(mlis); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("metrics: %w", err)
			}
		}()
		log.Info("metrics", "addr", mlis.Addr().String(), "path", "/metrics")
	}
	select {
	case err := <-errc:
		srv.Stop()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: health NOT_SERVING, draining in-flight work", "timeout", *drain)
	dctx, cancel := context.WithTimeout(context.Background(), *drain)
	defer cancel()
	if !srv.Shutdown(dctx) {
		log.Warn("shutdown timeout reached: in-flight calls were cut off")
	}
	if metricsSrv != nil {
		// Metrics stay up while draining so the last scrape sees it.
		_ = metricsSrv.Shutdown(dctx)
	}
	log.Info("stopped")
	return nil
}

// envFallback sets every flag not given on the command line from its
// BOILERSTRIP_* environment variable, when that is set.
func envFallback(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		name := "BOILERSTRIP_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(name); ok {
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%s=%q: %w", name, v, e)
			}
		}
	})
	return err
}

func newLogger(format, level string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: %w", level, err)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(os.Stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(os.Stderr, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
