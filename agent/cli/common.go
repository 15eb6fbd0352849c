package cli

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
)

// dataDirFlag adds --data-dir and returns a function giving the chosen folder.
func dataDirFlag(o *IO, fs *flag.FlagSet) func() (string, error) {
	dir := fs.String("data-dir", "", "the data `DIR` (default the per-user data folder, or $TALKFIRST_DATA_DIR)")
	return func() (string, error) {
		if *dir != "" {
			return *dir, nil
		}
		return store.DefaultDir(o.getenv)
	}
}

// openStore opens the store in dir for a command.
func openStore(dir string) (*store.Store, error) { return store.Open(dir, nil, store.Options{}) }

// openDataStore opens the store in the folder --data-dir chose.
func openDataStore(dataDir func() (string, error)) (*store.Store, error) {
	dir, err := dataDir()
	if err != nil {
		return nil, err
	}
	return openStore(dir)
}

// formatDuration writes seconds as "2h 05m", "12m" or "0m".
func formatDuration(secs int64) string {
	d := time.Duration(secs) * time.Second
	h, m := int(d.Hours()), int(d.Minutes())%60
	if h > 0 {
		return fmt.Sprintf("%dh %02dm", h, m)
	}
	if secs > 0 && m == 0 {
		return "<1m"
	}
	return fmt.Sprintf("%dm", m)
}

// parseDuration reads Go durations plus days and weeks ("2h", "90m", "3d", "1w").
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			var v float64
			if _, err := fmt.Sscan(n, &v); err == nil && v > 0 {
				return time.Duration(v * float64(unit)), nil
			}
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as 30m, 2h or 3d", s)
	}
	return d, nil
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
