//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || windows)

package lease

import (
	"errors"
	"fmt"
	"os"
	"runtime"
)

func tryLock(*os.File, bool) (bool, error) {
	return false, fmt.Errorf("file locks on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}

func unlock(*os.File) error {
	return fmt.Errorf("file locks on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}
