package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
)

func TestJudgeProbe(t *testing.T) {
	if os.Getenv("JUDGE_PROBE") == "" {
		t.Skip()
	}
	dir := filepath.Join(corpusDir, "trafilatura")
	pages := readManifest[snippetPage](t, filepath.Join(dir, "manifest.jsonl"))
	out, _ := os.Create("/tmp/judge.jsonl")
	defer out.Close()
	enc := json.NewEncoder(out)
	old := judgePolicy
	defer func() { judgePolicy = old }()
	blen := textAndLinkDensity
	for _, pg := range pages {
		raw, _ := readCorpusFile(filepath.Join(corpusDir, pg.HTML))
		rec := map[string]any{"id": pg.ID}
		for _, mode := range []bool{false, true} {
			judgePolicy = func(rd, cand []blocks.Block, _ Preference) bool {
				rec["rd"], rec["rdld"] = blen(rd)
				rec["cand"], rec["candld"] = blen(cand)
				rec["rdn"], rec["candn"] = len(rd), len(cand)
				return mode
			}
			res := extractCorpusPage(raw, pg.URL)
			body := normSpace(res.Article.Body)
			tp, fp := 0, 0
			for _, s := range pg.With {
				if body != "" && strings.Contains(body, normSpace(s)) {
					tp++
				}
			}
			for _, s := range pg.Without {
				if body != "" && strings.Contains(body, normSpace(s)) {
					fp++
				}
			}
			k := "rd"
			if mode {
				k = "bl"
			}
			rec[k+"_tp"], rec[k+"_fp"] = tp, fp
		}
		rec["nw"], rec["nwo"] = len(pg.With), len(pg.Without)
		enc.Encode(rec)
	}
}
