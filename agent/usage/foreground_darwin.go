package usage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os/exec"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// macTimeout bounds each helper program a look runs.
const macTimeout = 3 * time.Second

func newForeground(log *slog.Logger) Foreground {
	return &macForeground{log: log}
}

// macForeground asks the system tools, without cgo and without any privacy
// permission: `ioreg -c IOHIDSystem` for the idle time (HIDIdleTime),
// `lsappinfo front` and `lsappinfo info -only bundleid -only pid` for the
// front application's bundle id and pid. Window titles are never asked for.
type macForeground struct {
	log *slog.Logger
}

func (m *macForeground) Method() string  { return store.MeasureMacOS }
func (m *macForeground) Why() words.Fact { return words.Fact{} }
func (m *macForeground) Close() error    { return nil }

func (m *macForeground) Active(ctx context.Context) (Window, error) {
	ctx, cancel := context.WithTimeout(ctx, macTimeout)
	defer cancel()
	out, err := run(ctx, "/usr/sbin/ioreg", "-c", "IOHIDSystem")
	if err != nil {
		return Window{}, fmt.Errorf("idle time: %w", err)
	}
	idle, err := parseHIDIdle(out)
	if err != nil {
		return Window{}, err
	}
	w := Window{Idle: idle}
	out, err = run(ctx, "/usr/bin/lsappinfo", "front")
	if err != nil {
		return Window{}, fmt.Errorf("front app: %w", err)
	}
	asn, err := parseLsappinfoFront(out)
	if errors.Is(err, ErrNoWindow) {
		return w, ErrNoWindow
	}
	if err != nil {
		return Window{}, err
	}
	out, err = run(ctx, "/usr/bin/lsappinfo", "info", "-only", "bundleid", "-only", "pid", asn)
	if err != nil {
		return Window{}, fmt.Errorf("front app: %w", err)
	}
	if w.Class, w.PID, err = parseLsappinfoInfo(out); err != nil {
		return Window{}, err
	}
	return w, nil
}

func run(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("run %s: %w", name, err)
	}
	return string(b), nil
}
