package extract

import (
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
	"github.com/boilerstrip/boilerstrip/extract/noise"
)

func TestJudgeBlocks(t *testing.T) {
	text := func(n int) []blocks.Block {
		if n == 0 {
			return nil
		}
		return []blocks.Block{{Block: noise.Block{Text: strings.Repeat("x", n)}}}
	}
	tests := []struct {
		name     string
		rd, cand int // text lengths
		want     bool
	}{
		{"readability kept nothing, a short candidate wins", 0, 160, true},
		{"both empty", 0, 0, false},
		{"a stub against a long candidate", 300, 3000, true},
		{"a short body cut in half", 400, 900, true},
		{"a long body a little shorter than the candidate", 4000, 5000, false},
		{"a short body close to a short candidate", 200, 300, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := judgeBlocks(text(tc.rd), text(tc.cand), Balanced); got != tc.want {
				t.Errorf("judgeBlocks(%d, %d) = %v, want %v", tc.rd, tc.cand, got, tc.want)
			}
		})
	}
}
