//go:build !windows

package inventory

import (
	"errors"
	"fmt"
	"runtime"
)

// SystemRegistry returns the running system's registry. There is none on
// this OS; a Windows disk is scanned from registry exports (see RegFile).
func SystemRegistry() (Registry, error) {
	return nil, fmt.Errorf("system registry on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}
