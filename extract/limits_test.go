package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLimitsFallback(t *testing.T) {
	t.Parallel()
	para := "<p>After four months without a drop, rain fell across the valley on Tuesday.</p>"
	tests := []struct {
		name     string
		page     string
		wantPath string
		wantBody string
	}{
		{"deep nesting", strings.Repeat("<div>", 100_000) + para + strings.Repeat("</div>", 100_000), PathFallbackTooDeep, "rain fell across the valley"},
		{"too many elements", "<html><body><article>" + para + strings.Repeat("<span></span>", MaxHTMLElements) + "</article></body></html>", PathFallbackTooManyElements, "rain fell across the valley"},
		{"script is not visible", strings.Repeat("<div>", 1000) + "<script>var secret = 1;</script>" + para, PathFallbackTooDeep, "rain fell"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := Extract(context.Background(), Input{HTML: tt.page}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Path != tt.wantPath {
				t.Errorf("path = %q, want %q", res.Path, tt.wantPath)
			}
			if !strings.Contains(res.Article.Body, tt.wantBody) {
				t.Errorf("body %.200q does not contain %q", res.Article.Body, tt.wantBody)
			}
			if strings.Contains(res.Article.Body, "secret") {
				t.Errorf("body has script text: %.200q", res.Article.Body)
			}
		})
	}
}

func TestVisibleTextParagraphs(t *testing.T) {
	t.Parallel()
	got, err := visibleText(context.Background(), "<title>T</title><style>p{}</style><p>One  &amp;\n two</p><p>Three<br>Four</p>")
	if err != nil {
		t.Fatal(err)
	}
	if want := "T\n\nOne & two\n\nThree\n\nFour"; got != want {
		t.Errorf("visibleText = %q, want %q", got, want)
	}
}

// TestExtractHonoursDeadline checks that an expired context stops the
// engine in a streaming scan rather than after all the work.
func TestExtractHonoursDeadline(t *testing.T) {
	t.Parallel()
	page := strings.Repeat("<span>word</span>", 2_000_000) // 34 MB, over the element cap
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Extract(ctx, Input{HTML: page}, Options{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v after a 20ms deadline", d)
	}
}
