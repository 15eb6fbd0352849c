//go:build !windows

package cli

import "io"

// hasOutput reports whether w reaches anything; outside Windows a program
// always has its standard handles (they may lead to /dev/null).
func hasOutput(w io.Writer) bool { return w != nil }
