//go:build !linux && !darwin && !windows

package service

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"
)

func newManager(cfg Config, log *slog.Logger, d deps) (Manager, error) {
	return nil, fmt.Errorf("agent service on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}
