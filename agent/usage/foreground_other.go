//go:build !linux && !windows && !darwin

package usage

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"
)

func newForeground(log *slog.Logger) Foreground {
	return unavailable{reason: "TalkFirst cannot see the active window on " + runtime.GOOS,
		err: fmt.Errorf("foreground on %s: %w", runtime.GOOS, errors.ErrUnsupported)}
}
