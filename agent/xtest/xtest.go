//go:build linux

// Package xtest starts a real X server (Xvfb) with a window manager for tests
// that need a desktop: the foreground reader, the agent's canary test, and
// the app's smoke test. Tests skip where the programs are missing.
package xtest

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Need skips t unless every program is on the PATH.
func Need(t testing.TB, progs ...string) {
	t.Helper()
	for _, p := range progs {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed", p)
		}
	}
}

// Xvfb is a running X server.
type Xvfb struct {
	Cmd     *exec.Cmd
	Display string // ":N"
}

// StartXvfb starts Xvfb on display, or on a free display Xvfb picks itself
// when display is "". It is stopped when the test ends.
func StartXvfb(t testing.TB, display string) *Xvfb {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	args := []string{"-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"}
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
	t.Cleanup(func() { Stop(cmd) })
	r.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := bufio.NewReader(r).ReadString('\n')
	n, perr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || perr != nil {
		t.Fatalf("Xvfb did not say its display: %q, %v", line, err)
	}
	return &Xvfb{Cmd: cmd, Display: ":" + strconv.Itoa(n)}
}

// Stop ends a process a test started, and waits for it.
func Stop(cmd *exec.Cmd) {
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

// Env is this process's environment with DISPLAY set to display and any
// Wayland or X authority settings removed.
func Env(display string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k == "DISPLAY" || k == "WAYLAND_DISPLAY" || k == "XAUTHORITY" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "DISPLAY="+display)
}

// Start runs a program on display until the test ends.
func Start(t testing.TB, display, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = Env(display)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() { Stop(cmd) })
	return cmd
}

// Openbox starts the openbox window manager with a minimal config of its own,
// so the test does not depend on the machine's.
func Openbox(t testing.TB, display string) *exec.Cmd {
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
	// A window mapped before the window manager manages the display is not
	// focused as a new window, so a test waiting for focus would wait
	// forever. Wait until openbox has set the root window's
	// _NET_SUPPORTING_WM_CHECK (EWMH); on a loaded machine it now and then
	// never gets there, so it is started again, a few times.
	for attempt := 1; ; attempt++ {
		cmd := exec.Command("openbox", "--sm-disable", "--config-file", p)
		cmd.Env = Env(display)
		if err := cmd.Start(); err != nil {
			t.Fatalf("start openbox: %v", err)
		}
		if managed(t, display, 15*time.Second) {
			t.Cleanup(func() { Stop(cmd) })
			return cmd
		}
		Stop(cmd)
		if attempt == 4 {
			t.Fatalf("openbox did not manage %s after %d starts", display, attempt)
		}
	}
}

// managed reports whether a window manager manages display within wait,
// polling the root window's _NET_SUPPORTING_WM_CHECK.
func managed(t testing.TB, display string, wait time.Duration) bool {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		cmd := exec.Command("xprop", "-root", "_NET_SUPPORTING_WM_CHECK")
		cmd.Env = Env(display)
		out, err := cmd.Output()
		if errors.Is(err, exec.ErrNotFound) {
			t.Skip("xprop is not installed")
		}
		if err == nil && strings.Contains(string(out), "window id") {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond) // polling the X server, not synchronising on time
	}
}

// Xdotool runs xdotool on display and returns its trimmed output.
func Xdotool(display string, args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = Env(display)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}
