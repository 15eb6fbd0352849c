//go:build !linux && !windows

package service

import (
	"errors"
	"fmt"
	"runtime"
)

// otherProcs is for systems whose service manager starts and stops the
// agent itself (darwin's launchd): no strategy there needs it.
type otherProcs struct{}

func newProcs(Config) procs { return otherProcs{} }

func unsupported() error {
	return fmt.Errorf("agent processes on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}

func (otherProcs) spawn(spawnSpec) (int, error)       { return 0, unsupported() }
func (otherProcs) find(string, string) ([]int, error) { return nil, unsupported() }
func (otherProcs) alive(int, string) bool             { return false }
func (otherProcs) stop(int, bool) error               { return unsupported() }
