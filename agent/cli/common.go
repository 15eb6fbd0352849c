package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	words.Add(map[string][2]string{
		"cli.nodata": {"no TalkFirst data in %s yet: make the family agreement with talkfirst-agent setup",
			"nog geen TalkFirst-gegevens in %s: maak eerst de afspraak met talkfirst-agent setup"},
	})
}

// dataDirFlag adds --data-dir and returns a function giving the chosen folder.
func dataDirFlag(o *IO, fs *flag.FlagSet) func() (string, error) {
	dir := fs.String("data-dir", "", "")
	return func() (string, error) {
		if *dir != "" {
			return *dir, nil
		}
		return store.DefaultDir(o.getenv)
	}
}

// saidError is an error already put into words for the person at the
// terminal, in the command's language; err is what it says.
type saidError struct {
	msg string
	err error
}

func (e saidError) Error() string { return e.msg }
func (e saidError) Unwrap() error { return e.err }

// reason is how a command's error is said: a damaged data file in words (in
// the session's language: the agreement in it cannot be read), anything
// else as the error says it.
func reason(o *IO, err error) string {
	if errors.Is(err, store.ErrDamaged) {
		r := words.For(words.System(o.getenv), time.Now())
		return r.Fact(words.New(words.StoreDamaged)) + " (" + err.Error() + ")"
	}
	return err.Error()
}

// openStore opens the store in dir for a command.
func openStore(dir string) (*store.Store, error) { return store.Open(dir, nil, store.Options{}) }

// errDuration: a --for that is not a duration.
var errDuration = errors.New("not a duration")

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
		return 0, fmt.Errorf("%q: %w", s, errDuration)
	}
	return d, nil
}

// writeFields writes label: value lines with the values lined up.
func writeFields(w io.Writer, rows [][2]string) {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s:\t%s\n", r[0], r[1])
	}
	tw.Flush()
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
