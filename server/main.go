// Command server runs the boilerstrip gRPC service.
//
// Every flag can also be set through an environment variable named
// BOILERSTRIP_ plus the flag in upper snake case (--max-request-bytes →
// BOILERSTRIP_MAX_REQUEST_BYTES); a flag given on the command line wins.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

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
	drain := fs.Duration("shutdown-timeout", 30*time.Second, "how long SIGINT/SIGTERM waits for in-flight work before stopping hard")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
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

	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *listen, err)
	}
	srv := service.NewServer(service.Config{
		MaxDocumentBytes: *maxBytes,
		DefaultTimeout:   *timeout,
		MaxConcurrent:    *maxConc,
	}, log)
	cfg := srv.Service.Config()
	log.Info("serving", "addr", lis.Addr().String(), "max_request_bytes", cfg.MaxDocumentBytes,
		"timeout", cfg.DefaultTimeout, "max_concurrent", cfg.MaxConcurrent)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(lis) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight work", "timeout", *drain)
	dctx, cancel := context.WithTimeout(context.Background(), *drain)
	defer cancel()
	srv.Shutdown(dctx)
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
