package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecurityFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	token := filepath.Join(dir, "token")
	if err := os.WriteFile(token, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	notPEM := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		sec     security
		wantErr string // "" means options are built
		wantN   int    // dial options returned
	}{
		{"plaintext", security{}, "", 1},
		{"token without TLS refused", security{tokenFile: token}, "needs TLS", 0},
		{"CA file without PEM", security{tlsCA: notPEM}, "no PEM certificate", 0},
		{"missing CA file", security{tlsCA: filepath.Join(dir, "absent")}, "--tls-ca", 0},
		{"client cert without key", security{tlsCA: notPEM, tlsCert: notPEM}, "no PEM", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := tt.sec.dialOptions()
			if tt.wantErr == "" {
				if err != nil || len(opts) != tt.wantN {
					t.Fatalf("got %d options, err %v; want %d options", len(opts), err, tt.wantN)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestBearerCredentials(t *testing.T) {
	t.Parallel()
	md, err := bearer("abc").GetRequestMetadata(context.Background())
	if err != nil || md["authorization"] != "Bearer abc" {
		t.Fatalf("metadata = %v, %v", md, err)
	}
	if !bearer("abc").RequireTransportSecurity() {
		t.Error("a bearer token must require transport security")
	}
}
