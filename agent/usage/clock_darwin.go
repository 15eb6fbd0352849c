package usage

import (
	"time"

	"golang.org/x/sys/unix"
)

// sleepAwareMono reads CLOCK_MONOTONIC, which on macOS goes on while the
// computer sleeps (Go's monotonic clock, CLOCK_UPTIME_RAW, stops).
func sleepAwareMono() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
