//go:build !windows

package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
)

// watchRegistry is Windows only; elsewhere there is no registry to watch.
func watchRegistry(context.Context, *slog.Logger, chan<- struct{}) error {
	return fmt.Errorf("watch registry on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}
