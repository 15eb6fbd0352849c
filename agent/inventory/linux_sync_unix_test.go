//go:build unix

package inventory

import "syscall"

// syncDisks writes everything the benchmarks wrote out to disk.
func syncDisks() { syscall.Sync() }
