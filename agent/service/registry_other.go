//go:build !windows

package service

// newRegistry returns nil: only windows has a user registry.
func newRegistry() userRegistry { return nil }
