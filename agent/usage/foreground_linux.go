package usage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/screensaver"
	"github.com/jezek/xgb/xproto"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

func newForeground(log *slog.Logger) Foreground {
	display, why := x11Session(os.Getenv)
	if why != "" {
		log.Info("foreground unavailable", "why", why)
		return unavailable{why: words.New(why)}
	}
	return newX11(display, log)
}

// x11Timeout bounds one look at the X server; a server that does not answer
// is treated as gone.
const x11Timeout = 5 * time.Second

// x11 reads the active window over the X11 protocol (pure Go, jezek/xgb):
// the root window's _NET_ACTIVE_WINDOW, then that window's _NET_WM_PID and
// WM_CLASS, and the idle time from MIT-SCREEN-SAVER. It never reads
// a window's title properties: titles are content.
type x11 struct {
	log     *slog.Logger
	display string

	mu     sync.Mutex
	conn   *xgb.Conn
	root   xproto.Window
	active xproto.Atom // _NET_ACTIVE_WINDOW
	wmPID  xproto.Atom // _NET_WM_PID
	down   words.Code  // why the display cannot be used right now; "" when connected
	everUp bool
}

var xgbLogOnce sync.Once

// newX11 connects to display. A failed connection is retried on later looks.
func newX11(display string, log *slog.Logger) *x11 {
	xgbLogOnce.Do(func() {
		// xgb logs broken connections on its own global logger; send those
		// lines to ours, at debug level (they hold no window data).
		xgb.Logger = slog.NewLogLogger(log.Handler(), slog.LevelDebug)
		xgb.Logger.SetFlags(0)
		xgb.Logger.SetPrefix("xgb: ")
	})
	x := &x11{log: log, display: display}
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.connect(); err != nil {
		x.log.Warn("x11 display unreachable", "err", err)
	}
	return x
}

func (x *x11) Method() string {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.conn == nil && x.down != "" {
		return store.MeasureUnavailable
	}
	return store.MeasureX11
}

func (x *x11) Why() words.Fact {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.conn == nil && x.down != "" {
		return words.New(x.down)
	}
	return words.Fact{}
}

func (x *x11) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.conn != nil {
		x.conn.Close()
		x.conn = nil
	}
	x.down = words.MeasureClosed
	return nil
}

// connect opens the display; x.mu is held.
func (x *x11) connect() error {
	c, err := xgb.NewConnDisplay(x.display)
	if err != nil {
		x.down = words.MeasureX11Down
		return fmt.Errorf("connect to x11 display %s: %w", x.display, err)
	}
	if err := screensaver.Init(c); err != nil {
		c.Close()
		x.down = words.MeasureX11NoIdle
		return fmt.Errorf("x11 idle time: %w", err)
	}
	atoms := make([]xproto.Atom, 2)
	for i, name := range []string{"_NET_ACTIVE_WINDOW", "_NET_WM_PID"} {
		r, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil || r == nil {
			c.Close()
			x.down = words.MeasureX11Down
			return fmt.Errorf("x11 atom %s: %w", name, cmpErr(err))
		}
		atoms[i] = r.Atom
	}
	x.conn, x.root, x.active, x.wmPID, x.down = c, xproto.Setup(c).DefaultScreen(c).Root, atoms[0], atoms[1], ""
	if x.everUp {
		x.log.Info("x11 display reconnected")
	}
	x.everUp = true
	return nil
}

func cmpErr(err error) error {
	if err == nil {
		return errors.New("empty reply")
	}
	return err
}

// drop forgets a connection that failed; the next look reconnects.
func (x *x11) drop(why error) {
	if x.conn != nil {
		c := x.conn
		go c.Close() // Close can wait on a server that stopped answering
	}
	x.conn = nil
	x.down = words.MeasureX11Gone
	x.log.Warn("x11 connection lost", "err", why)
}

func (x *x11) Active(ctx context.Context) (Window, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.conn == nil {
		if err := x.connect(); err != nil {
			return Window{}, fmt.Errorf("active window: %w", err)
		}
	}
	type result struct {
		w   Window
		err error
	}
	ch := make(chan result, 1)
	c, root, active, wmPID := x.conn, x.root, x.active, x.wmPID
	go func() {
		w, err := queryX11(c, root, active, wmPID)
		ch <- result{w, err}
	}()
	ctx, cancel := context.WithTimeout(ctx, x11Timeout)
	defer cancel()
	select {
	case r := <-ch:
		var xerr xgb.Error
		if r.err != nil && !errors.Is(r.err, ErrNoWindow) && !errors.As(r.err, &xerr) {
			x.drop(r.err) // not an X protocol error: the connection broke
		}
		return r.w, r.err
	case <-ctx.Done():
		x.drop(ctx.Err())
		return Window{}, fmt.Errorf("active window: %w", ctx.Err())
	}
}

// queryX11 asks for the active window's pid and class and the idle time.
// Only _NET_ACTIVE_WINDOW, _NET_WM_PID and WM_CLASS are read.
func queryX11(c *xgb.Conn, root xproto.Window, active, wmPID xproto.Atom) (Window, error) {
	idle, err := screensaver.QueryInfo(c, xproto.Drawable(root)).Reply()
	if err != nil {
		return Window{}, fmt.Errorf("x11 idle time: %w", err)
	}
	if idle == nil {
		return Window{}, fmt.Errorf("x11 idle time: %w", cmpErr(nil))
	}
	w := Window{Idle: time.Duration(idle.MsSinceUserInput) * time.Millisecond}
	r, err := xproto.GetProperty(c, false, root, active, xproto.AtomWindow, 0, 1).Reply()
	if err != nil {
		return Window{}, fmt.Errorf("x11 active window: %w", err)
	}
	if r == nil || r.Format != 32 || len(r.Value) < 4 {
		return w, ErrNoWindow
	}
	win := xproto.Window(xgb.Get32(r.Value))
	if win == 0 {
		return w, ErrNoWindow
	}
	if r, err := xproto.GetProperty(c, false, win, wmPID, xproto.AtomCardinal, 0, 1).Reply(); err == nil && r != nil && r.Format == 32 && len(r.Value) >= 4 {
		w.PID = int32(xgb.Get32(r.Value))
	} else if err != nil {
		var bad xproto.WindowError
		if errors.As(err, &bad) {
			return w, ErrNoWindow // the window closed between the two requests
		}
		return Window{}, fmt.Errorf("x11 window pid: %w", err)
	}
	if r, err := xproto.GetProperty(c, false, win, xproto.AtomWmClass, xproto.AtomString, 0, 64).Reply(); err == nil && r != nil {
		w.Instance, w.Class = parseWMClass(r.Value)
	} else if err != nil {
		return Window{}, fmt.Errorf("x11 window class: %w", err)
	}
	return w, nil
}
