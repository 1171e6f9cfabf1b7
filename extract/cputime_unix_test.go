//go:build unix

package extract

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used (user + system). The
// benchmark reports ratios on it as well as on wall time, because the
// machine it runs on is shared and wall time swings with other load.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
