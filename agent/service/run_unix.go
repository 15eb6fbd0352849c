//go:build !windows

package service

import "log/slog"

// stopRequests returns no channel: outside windows, Stop sends SIGTERM.
func stopRequests(string, *slog.Logger) (<-chan struct{}, func()) { return nil, func() {} }

// serviceEnded does nothing: Run's wait returns when fn ends.
func serviceEnded(error) {}
