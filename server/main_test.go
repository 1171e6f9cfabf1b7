package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	pb "github.com/boilerstrip/boilerstrip/proto/boilerstrip/v1"
)

// freeAddr finds a free loopback port. (run takes an address, not a
// listener, like an operator's command line.)
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestRunServesAndStopsOnSIGTERM runs the real main path: flags and env
// fallback, auth, the metrics listener, then SIGTERM → drain → nil (exit 0).
func TestRunServesAndStopsOnSIGTERM(t *testing.T) {
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("tok-123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BOILERSTRIP_METRICS_LISTEN", metricsAddr) // env fallback
	t.Setenv("BOILERSTRIP_LISTEN", "127.0.0.1:1")       // overridden by the flag
	done := make(chan error, 1)
	go func() {
		done <- run([]string{"--listen", addr, "--auth-token-file", tokenFile, "--log-level", "error", "--shutdown-timeout", "10s"})
	}()

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// Health is exempt from auth; wait until it answers SERVING.
	if _, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{}, grpc.WaitForReady(true)); err != nil {
		t.Fatalf("health: %v", err)
	}
	c := pb.NewExtractServiceClient(conn)
	req := &pb.ExtractRequest{Content: &pb.ExtractRequest_Text{Text: "One paragraph of text."}}
	if _, err := c.Extract(ctx, req); status.Code(err) != codes.Unauthenticated {
		t.Errorf("without a token: %v, want Unauthenticated", err)
	}
	if _, err := c.Extract(metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer tok-123"), req); err != nil {
		t.Errorf("with the token: %v", err)
	}

	resp, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatalf("metrics: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"grpc_server_handled_total", "boilerstrip_documents_total", "boilerstrip_extractions_in_flight", "go_goroutines"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// signal.NotifyContext in run catches this; the test process lives on.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after SIGTERM, want nil (exit 0)", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after SIGTERM")
	}
}

func TestRunRejectsBadSecurityFlags(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--listen", "127.0.0.1:0", "--client-ca", "ca.pem"},
		{"--listen", "127.0.0.1:0", "--tls-cert", "missing.pem", "--tls-key", "missing.key"},
		{"--listen", "127.0.0.1:0", "--auth-token-file", empty},
		{"--listen", "127.0.0.1:0", "--auth-token-file", "does-not-exist"},
	} {
		if err := run(args); err == nil {
			t.Errorf("run %v: no error", args)
		}
	}
}
