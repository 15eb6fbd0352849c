package usage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
	"github.com/talkfirst/talkfirst/agent/xtest"
)

// poll calls f until it reports done or the deadline passes.
func poll(t *testing.T, what string, limit time.Duration, f func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(limit)
	tk := time.NewTicker(50 * time.Millisecond)
	defer tk.Stop()
	for {
		ok, state := f()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: gave up after %v (%s)", what, limit, state)
		}
		<-tk.C
	}
}

func TestX11Foreground(t *testing.T) {
	xtest.Need(t, "Xvfb", "openbox", "xdotool", "xterm")
	const canary = "CANARY-title-7f3a9c-never-read"
	xvfb := xtest.StartXvfb(t, "")
	display := xvfb.Display
	xtest.Openbox(t, display)
	xterm := xtest.Start(t, display, "xterm", "-class", "discord", "-title", canary, "-e", "sh", "-c", "read line")

	// Wait until the window manager has focused the xterm.
	poll(t, "xterm focused", 30*time.Second, func() (bool, string) {
		ids, err := xtest.Xdotool(display, "search", "--class", "discord")
		if err != nil || ids == "" {
			return false, "no window yet"
		}
		active, err := xtest.Xdotool(display, "getactivewindow")
		if err == nil && strings.Contains("\n"+ids+"\n", "\n"+active+"\n") {
			return true, ""
		}
		// The xterm may have been mapped before openbox managed the
		// screen; ask the window manager to activate it.
		xtest.Xdotool(display, "windowactivate", strings.Fields(ids)[0])
		return false, fmt.Sprintf("active %q (%v), xterm %q", active, err, ids)
	})

	fg := newX11(display, discard())
	t.Cleanup(func() { fg.Close() })
	if fg.Method() != store.MeasureX11 || !fg.Why().IsZero() {
		t.Fatalf("method %q why %s, want x11", fg.Method(), fg.Why())
	}
	ctx := context.Background()
	w, err := fg.Active(ctx)
	if err != nil {
		t.Fatalf("Active: %v", err)
	}
	if w.PID != int32(xterm.Process.Pid) || w.Class != "discord" || w.Instance != "xterm" {
		t.Errorf("Active = %+v; want pid %d, class discord, instance xterm", w, xterm.Process.Pid)
	}
	if w.Idle < 0 || w.Idle > time.Hour {
		t.Errorf("idle %v", w.Idle)
	}
	if s := fmt.Sprintf("%#v", w); strings.Contains(s, "CANARY") {
		t.Errorf("the window title leaked into %s", s)
	}

	// The xterm is no app by its process; its class makes it Discord.
	m := testMatcher(t, catalog.Linux)
	s := NewSampler(NewProcLister(discard()), m, fg, nil, 24*time.Hour, discard())
	smp, err := s.Sample(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if smp.Foreground != "discord" || !smp.ForegroundKnown {
		t.Errorf("sample foreground %q known=%v, want discord", smp.Foreground, smp.ForegroundKnown)
	}
	// Idle past the threshold: nobody is there, so nothing is in front.
	s = NewSampler(NewProcLister(discard()), m, fg, nil, time.Nanosecond, discard())
	if smp, _ := s.Sample(ctx); smp.Foreground != "" || !smp.ForegroundKnown {
		t.Errorf("idle sample foreground %q known=%v, want none, known", smp.Foreground, smp.ForegroundKnown)
	}

	// The X server goes away: the foreground is unknown and the method says
	// so, then it comes back on the same display and is used again.
	xtest.Stop(xvfb.Cmd)
	if _, err := fg.Active(ctx); err == nil || errors.Is(err, ErrNoWindow) {
		t.Fatalf("Active with the X server gone: %v, want a failure", err)
	}
	if fg.Method() != store.MeasureUnavailable || !fg.Why().Equal(words.New(words.MeasureX11Gone)) {
		t.Errorf("after the server left: method %q why %s; want unavailable, %s", fg.Method(), fg.Why(), words.MeasureX11Gone)
	}
	if smp, _ := s.Sample(ctx); smp.ForegroundKnown {
		t.Errorf("a sample with the server gone claims a known foreground")
	}
	xtest.StartXvfb(t, display)
	poll(t, "reconnect", 30*time.Second, func() (bool, string) {
		_, err := fg.Active(ctx)
		return err == nil || errors.Is(err, ErrNoWindow), fmt.Sprint(err)
	})
	if fg.Method() != store.MeasureX11 {
		t.Errorf("after reconnecting: method %q", fg.Method())
	}
}
