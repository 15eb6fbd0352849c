//go:build !linux && !darwin

package usage

import "time"

// sleepAwareMono is not needed here: on Windows Go's monotonic clock reads
// the interrupt time, which includes sleep and hibernation.
func sleepAwareMono() (time.Duration, bool) { return 0, false }
