package usage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/store"
)

// xEnv is the environment for programs on the test's own display.
func xEnv(display string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k == "DISPLAY" || k == "WAYLAND_DISPLAY" || k == "XAUTHORITY" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "DISPLAY="+display)
}

// startXvfb starts Xvfb on a free display (it picks one and writes the
// number to -displayfd) or on the given one ("" to pick).
func startXvfb(t *testing.T, display string) (*exec.Cmd, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	args := []string{"-displayfd", "3", "-screen", "0", "800x600x24", "-nolisten", "tcp"}
	if display != "" {
		args = append([]string{display}, args...)
	}
	cmd := exec.Command("Xvfb", args...)
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		t.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { stop(cmd) })
	r.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := bufio.NewReader(r).ReadString('\n')
	n, perr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || perr != nil {
		t.Fatalf("Xvfb did not say its display: %q, %v", line, err)
	}
	return cmd, ":" + strconv.Itoa(n)
}

// stop ends a process this test started, and waits for it.
func stop(cmd *exec.Cmd) {
	if cmd.ProcessState != nil {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

func startX(t *testing.T, display, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = xEnv(display)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() { stop(cmd) })
	return cmd
}

// xdotool runs xdotool on display and returns its trimmed output.
func xdotool(display string, args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = xEnv(display)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

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
	for _, prog := range []string{"Xvfb", "openbox", "xdotool", "xterm"} {
		if _, err := exec.LookPath(prog); err != nil {
			t.Skipf("%s is not installed", prog)
		}
	}
	const canary = "CANARY-title-7f3a9c-never-read"
	xvfb, display := startXvfb(t, "")
	startX(t, display, "openbox", "--sm-disable", "--config-file", writeOpenboxConfig(t))
	xterm := startX(t, display, "xterm", "-class", "discord", "-title", canary, "-e", "sh", "-c", "read line")

	// Wait until the window manager has focused the xterm.
	poll(t, "xterm focused", 30*time.Second, func() (bool, string) {
		ids, err := xdotool(display, "search", "--class", "discord")
		if err != nil || ids == "" {
			return false, "no window yet"
		}
		active, err := xdotool(display, "getactivewindow")
		if err == nil && strings.Contains("\n"+ids+"\n", "\n"+active+"\n") {
			return true, ""
		}
		// The xterm may have been mapped before openbox managed the
		// screen; ask the window manager to activate it.
		xdotool(display, "windowactivate", strings.Fields(ids)[0])
		return false, fmt.Sprintf("active %q (%v), xterm %q", active, err, ids)
	})

	fg := newX11(display, discard())
	t.Cleanup(func() { fg.Close() })
	if fg.Method() != store.MeasureX11 || fg.Reason() != "" {
		t.Fatalf("method %q reason %q, want x11", fg.Method(), fg.Reason())
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
	stop(xvfb)
	if _, err := fg.Active(ctx); err == nil || errors.Is(err, ErrNoWindow) {
		t.Fatalf("Active with the X server gone: %v, want a failure", err)
	}
	if fg.Method() != store.MeasureUnavailable || fg.Reason() == "" {
		t.Errorf("after the server left: method %q reason %q", fg.Method(), fg.Reason())
	}
	if smp, _ := s.Sample(ctx); smp.ForegroundKnown {
		t.Errorf("a sample with the server gone claims a known foreground")
	}
	startXvfb(t, display)
	poll(t, "reconnect", 30*time.Second, func() (bool, string) {
		_, err := fg.Active(ctx)
		return err == nil || errors.Is(err, ErrNoWindow), fmt.Sprint(err)
	})
	if fg.Method() != store.MeasureX11 {
		t.Errorf("after reconnecting: method %q", fg.Method())
	}
}

// writeOpenboxConfig writes a minimal openbox config so the test does not
// depend on the machine's.
func writeOpenboxConfig(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "rc.xml")
	const rc = `<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <focus><focusNew>yes</focusNew><followMouse>no</followMouse></focus>
  <placement><policy>Smart</policy></placement>
  <desktops><number>1</number></desktops>
</openbox_config>
`
	if err := os.WriteFile(p, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
