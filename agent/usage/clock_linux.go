package usage

import (
	"time"

	"golang.org/x/sys/unix"
)

// sleepAwareMono reads CLOCK_BOOTTIME, which, unlike CLOCK_MONOTONIC (Go's
// monotonic clock), goes on while the computer is suspended.
func sleepAwareMono() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
