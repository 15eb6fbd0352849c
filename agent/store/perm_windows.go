package store

import "os"

// protect does nothing on Windows: a file's mode there is only its read-only
// bit, and the data folder under %LOCALAPPDATA% already inherits the user
// profile's access list (the user, SYSTEM and Administrators). Chmod on the
// -shm file SQLite holds open fails there with a sharing violation (seen
// under Wine).
func protect(string, os.FileMode) error { return nil }
