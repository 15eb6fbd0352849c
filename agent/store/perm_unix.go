//go:build !windows

package store

import "os"

// protect gives the data folder (0700) and the store's files (0600) to the
// user alone.
func protect(path string, mode os.FileMode) error { return os.Chmod(path, mode) }
