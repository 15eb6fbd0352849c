//go:build !linux && !windows && !darwin

package usage

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"

	"github.com/talkfirst/talkfirst/agent/words"
)

func newForeground(log *slog.Logger) Foreground {
	return unavailable{why: words.New(words.MeasureUnsupported, words.Text(runtime.GOOS)),
		err: fmt.Errorf("foreground on %s: %w", runtime.GOOS, errors.ErrUnsupported)}
}
