package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"body", []string{"extract", "../testdata/pages/valley-rain.html"}, "filling reservoirs"},
		{"json", []string{"extract", "--format", "json", "../testdata/pages/valley-rain.html"}, `"headline"`},
		{"html content", []string{"extract", "--format", "html", "../testdata/pages/valley-rain.html"}, "<p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := runExtract(context.Background(), tt.args[1:], nil, &out); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("output does not contain %q:\n%s", tt.want, out.String())
			}
		})
	}
}

func TestExtractStdinText(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	in := strings.NewReader("A first paragraph of plain text.\n\nA second one.")
	if err := runExtract(context.Background(), []string{"--text", "-"}, in, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "A second one.") {
		t.Errorf("body = %q", out.String())
	}
}

// readLines decodes a JSONL output file.
func readLines(t testing.TB, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("output line is not JSON: %v", err)
		}
		rows = append(rows, m)
	}
	return rows
}

func TestBatchDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page, err := os.ReadFile("../testdata/pages/valley-rain.html")
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(dir, "a.html"), page)
	mustWrite(t, filepath.Join(dir, "sub", "b.txt"), []byte("Some text.\n\nMore text."))
	mustWrite(t, filepath.Join(dir, "skip.json"), []byte("{}"))
	out := filepath.Join(t.TempDir(), "out.jsonl")
	var stderr bytes.Buffer
	if err := runBatch(context.Background(), []string{"--in", dir, "--out", out}, nil, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	rows := readLines(t, out)
	ids := map[string]bool{}
	for _, r := range rows {
		ids[r["id"].(string)] = true
		if r["article"] == nil {
			t.Errorf("%v: no article", r["id"])
		}
	}
	if len(rows) != 2 || !ids["a.html"] || !ids["sub/b.txt"] {
		t.Errorf("ids = %v, want a.html and sub/b.txt", ids)
	}
}

func TestBatchJSONLWithMalformedLine(t *testing.T) {
	t.Parallel()
	in := filepath.Join(t.TempDir(), "in.jsonl")
	mustWrite(t, in, []byte(`{"id": "one", "text": "First document."}
this is not json
{"id": "two", "html": "<p>Second document.</p>"}

{"id": "three"}
`))
	out := filepath.Join(t.TempDir(), "out.jsonl")
	var stderr bytes.Buffer
	if err := runBatch(context.Background(), []string{"--in", in, "--out", out, "--inflight", "2"}, nil, nil, &stderr); err != nil {
		t.Fatal(err)
	}
	rows := readLines(t, out)
	byID := map[string]map[string]any{}
	for _, r := range rows {
		byID[r["id"].(string)] = r
	}
	if len(rows) != 4 {
		t.Fatalf("%d output lines, want 4 (one per input document): %v", len(rows), byID)
	}
	bad := byID[in+":2"]
	if bad == nil || !strings.Contains(bad["error"].(map[string]any)["message"].(string), "line 2") {
		t.Errorf("malformed line not reported with its line number: %v", bad)
	}
	if e, _ := byID["three"]["error"].(map[string]any); e == nil {
		t.Errorf("empty document not reported as a failure: %v", byID["three"])
	}
	for _, id := range []string{"one", "two"} {
		if byID[id]["article"] == nil {
			t.Errorf("%s: no article: %v", id, byID[id])
		}
	}
	if !strings.Contains(stderr.String(), "4 documents, 2 ok, 2 failed") {
		t.Errorf("summary = %q", stderr.String())
	}
}

func mustWrite(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
