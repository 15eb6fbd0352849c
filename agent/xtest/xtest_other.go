//go:build !linux

package xtest

import (
	"runtime"
	"testing"
)

// Need skips t: tests with a real X server run on Linux only.
func Need(t testing.TB, progs ...string) {
	t.Helper()
	t.Skipf("xtest: no X server test support on %s", runtime.GOOS)
}
