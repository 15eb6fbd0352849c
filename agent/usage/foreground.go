package usage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Window is the window in front and how long the person has been idle. It
// never holds a window title: titles are content and are never read.
type Window struct {
	// PID is the process that owns the window; 0 when the OS did not say.
	// On Linux it is _NET_WM_PID, which a flatpak app reports in its own
	// PID namespace, so it may not name a host process.
	PID int32
	// Class is the X11 WM_CLASS class on Linux, the bundle id on macOS and
	// the Store package family on Windows; empty when there is none.
	Class string
	// Instance is the X11 WM_CLASS instance (Linux only).
	Instance string
	// Idle is the time since the person last used the keyboard or mouse.
	Idle time.Duration
}

// Foreground tells which window is in front and how long the person has been
// idle.
type Foreground interface {
	// Method is store.MeasureX11, MeasureWindows, MeasureMacOS or
	// MeasureUnavailable. It describes the current state: an X11 Foreground
	// whose display went away says unavailable until it is back.
	Method() string
	// Why says why the method is unavailable, as a words.Measure* fact
	// (zero otherwise).
	Why() words.Fact
	// Active returns the window in front; ErrNoWindow when nothing is
	// focused. Any other error means this look failed and the foreground is
	// unknown for this sample.
	Active(ctx context.Context) (Window, error)
	Close() error
}

// ErrNoWindow is returned by Active when no window is focused.
var ErrNoWindow = errors.New("no active window")

// NewForeground picks the way to see the active window in this session: X11,
// Windows, macOS, or unavailable with a reason (Wayland, no display, a
// Windows service in session 0, another OS).
func NewForeground(log *slog.Logger) Foreground {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return newForeground(log.With("component", "foreground"))
}

// Unavailable returns a Foreground that cannot see the active window, for the
// given reason (a words.Measure* fact). The agent uses it when foreground
// measurement is off.
func Unavailable(why words.Fact) Foreground { return unavailable{why: why} }

// unavailable is a Foreground that cannot see the active window.
type unavailable struct {
	why words.Fact
	err error // wrapped by Active; errors.ErrUnsupported when nil
}

func (u unavailable) Method() string  { return store.MeasureUnavailable }
func (u unavailable) Why() words.Fact { return u.why }
func (u unavailable) Close() error    { return nil }

func (u unavailable) Active(context.Context) (Window, error) {
	err := u.err
	if err == nil {
		err = errors.ErrUnsupported
	}
	return Window{}, fmt.Errorf("active window: %s: %w", u.why.Code, err)
}

// x11Session decides from the environment whether the active window can be
// read over X11. It returns the display to use, or the words.Measure* code
// that says why not. XWayland sets DISPLAY too, but it only sees X11
// windows, so a Wayland session is unavailable even with DISPLAY set.
func x11Session(getenv func(string) string) (display string, why words.Code) {
	wayland := getenv("WAYLAND_DISPLAY") != "" || strings.EqualFold(getenv("XDG_SESSION_TYPE"), "wayland")
	if wayland {
		desk := strings.ToUpper(getenv("XDG_CURRENT_DESKTOP") + ":" + getenv("DESKTOP_SESSION"))
		switch {
		case strings.Contains(desk, "GNOME"):
			return "", words.MeasureGnomeWayland
		case strings.Contains(desk, "KDE") || strings.Contains(desk, "PLASMA"):
			return "", words.MeasureKDEWayland
		default:
			return "", words.MeasureWayland
		}
	}
	if d := getenv("DISPLAY"); d != "" {
		return d, ""
	}
	return "", words.MeasureNoDesktop
}

// parseWMClass splits a WM_CLASS property value: the instance and the class,
// each ending in a NUL.
func parseWMClass(b []byte) (instance, class string) {
	s := strings.TrimRight(string(b), "\x00")
	instance, class, _ = strings.Cut(s, "\x00")
	return instance, strings.TrimRight(class, "\x00")
}

// idleFromTicks is the time since the last input on Windows: now and last
// are 32-bit millisecond tick counts (GetTickCount and LASTINPUTINFO.dwTime)
// that wrap every 49.7 days; unsigned subtraction handles the wrap. Input
// injected with its own time stamp can put last slightly after now; that is
// input just now, not 49 days ago.
func idleFromTicks(now, last uint32) time.Duration {
	d := now - last
	if d > 1<<31 {
		return 0
	}
	return time.Duration(d) * time.Millisecond
}

// parseLsappinfoFront reads `lsappinfo front`: the front application's ASN,
// e.g. "ASN:0x0-0x1d01d:". No front application gives ErrNoWindow.
func parseLsappinfoFront(out string) (string, error) {
	s := strings.TrimSpace(out)
	if s == "" || strings.Contains(s, "NULL") {
		return "", ErrNoWindow
	}
	if !strings.HasPrefix(s, "ASN:") || strings.ContainsAny(s, " \t\n\"") {
		return "", fmt.Errorf("parse lsappinfo front: unexpected output")
	}
	return s, nil
}

var (
	lsBundleRe = regexp.MustCompile(`"CFBundleIdentifier"\s*=\s*"([^"]*)"`)
	lsPIDRe    = regexp.MustCompile(`"pid"\s*=\s*([0-9]+)`)
	hidIdleRe  = regexp.MustCompile(`"HIDIdleTime"\s*=\s*([0-9]+)`)
)

// parseLsappinfoInfo reads `lsappinfo info -only bundleid -only pid <ASN>`:
// lines such as "CFBundleIdentifier"="com.hnc.Discord" and "pid"=123. The
// format is not documented, so it is read leniently; either may be missing.
func parseLsappinfoInfo(out string) (bundleID string, pid int32, err error) {
	if m := lsBundleRe.FindStringSubmatch(out); m != nil {
		bundleID = m[1]
	}
	if m := lsPIDRe.FindStringSubmatch(out); m != nil {
		if n, err := strconv.ParseInt(m[1], 10, 32); err == nil {
			pid = int32(n)
		}
	}
	if bundleID == "" && pid == 0 {
		return "", 0, fmt.Errorf("parse lsappinfo info: no bundle id or pid")
	}
	return bundleID, pid, nil
}

// parseHIDIdle reads HIDIdleTime (nanoseconds) from `ioreg -c IOHIDSystem`.
func parseHIDIdle(out string) (time.Duration, error) {
	m := hidIdleRe.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("parse ioreg: no HIDIdleTime")
	}
	n, err := strconv.ParseUint(m[1], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parse ioreg: %w", err)
	}
	if n > uint64(1<<63-1) {
		n = 1<<63 - 1
	}
	return time.Duration(n), nil
}
