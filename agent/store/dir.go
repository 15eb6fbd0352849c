package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultDir returns the per-user data folder: $TALKFIRST_DATA_DIR when set,
// else $XDG_DATA_HOME/talkfirst or ~/.local/share/talkfirst on Linux,
// ~/Library/Application Support/TalkFirst on macOS, and
// %LOCALAPPDATA%\TalkFirst on Windows.
func DefaultDir(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if d := getenv("TALKFIRST_DATA_DIR"); d != "" {
		return d, nil
	}
	return defaultDir(runtime.GOOS, getenv, os.UserHomeDir)
}

func defaultDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "TalkFirst"), nil
		}
		h, err := home()
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "AppData", "Local", "TalkFirst"), nil
	case "darwin":
		h, err := home()
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "Library", "Application Support", "TalkFirst"), nil
	default:
		if d := getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
			return filepath.Join(d, "talkfirst"), nil
		}
		h, err := home()
		if err != nil {
			return "", err
		}
		if h == "" {
			return "", errors.New("no home folder")
		}
		return filepath.Join(h, ".local", "share", "talkfirst"), nil
	}
}
