//go:build !unix

package extract

import "time"

// processCPU is unavailable here; CPU-time metrics read 0.
func processCPU() time.Duration { return 0 }
