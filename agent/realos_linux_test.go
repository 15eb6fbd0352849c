package agent_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent"
	"github.com/talkfirst/talkfirst/agent/xtest"
)

// TestAgentOpensNoInternetSocket runs the real agent under strace and fails
// on any AF_INET or AF_INET6 socket.
func TestAgentOpensNoInternetSocket(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed")
	}
	build(t)
	dir := t.TempDir()
	agree(t, dir, time.Now())
	startNamed(t, "Discord")
	trace := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command(strace, "-f", "-qq", "-e", "trace=socket,connect,bind", "-o", trace,
		agentBin, "run", "--data-dir", dir, "--interval", "20ms", "--root", emptyRoot(t), "--home", "/home/sam")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the agent to record under strace", func() bool { _, run := appSeconds(summary(t, dir), "discord"); return run >= 1 })
	// stop the agent itself (strace's child); strace ends with it
	children, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", cmd.Process.Pid, cmd.Process.Pid))
	if err != nil || len(strings.Fields(string(children))) == 0 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("cannot find the agent under strace: %v", err)
	}
	pid, _ := strconv.Atoi(strings.Fields(string(children))[0])
	syscall.Kill(pid, syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
	}
	out, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "ptrace") && !strings.Contains(string(out), "socket") && len(out) < 200 {
		t.Skipf("strace cannot trace here: %s", out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "AF_INET") {
			t.Errorf("the agent opened an internet socket: %s", line)
		}
	}
}

// TestX11ForegroundWithoutTheTitle runs the agent on a real X server with a
// window manager and a focused window of class "discord" whose title is a
// canary. Foreground time must be counted, and the canary must appear in no
// file of the data folder and in no log line, at any level.
func TestX11ForegroundWithoutTheTitle(t *testing.T) {
	xtest.Need(t, "Xvfb", "openbox", "xdotool", "xterm")
	display := xtest.StartXvfb(t, "").Display
	xtest.Openbox(t, display)
	const canary = "CANARY-7f3a-secret-message-from-a-friend"
	xtest.Start(t, display, "xterm", "-class", "discord", "-title", canary, "-e", "sh", "-c", "read x")
	waitFor(t, "the discord window to be focused", func() bool {
		ids, err := xtest.Xdotool(display, "search", "--class", "discord")
		if err != nil || ids == "" {
			return false
		}
		active, _ := xtest.Xdotool(display, "getactivewindow")
		if active != "" && strings.Contains(ids, active) {
			return true
		}
		for _, id := range strings.Fields(ids) { // the first may not be the one shown
			xtest.Xdotool(display, "windowactivate", id)
		}
		return false
	})

	dir := t.TempDir()
	agree(t, dir, time.Now())
	t.Setenv("DISPLAY", display)
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("XDG_SESSION_TYPE", "x11")
	logs := &syncBuffer{}
	runAgent(t, agent.Config{DataDir: dir, Interval: 50 * time.Millisecond, Root: emptyRoot(t), Home: "/home/sam",
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	waitFor(t, "foreground time for discord", func() bool { fg, _ := appSeconds(summary(t, dir), "discord"); return fg >= 2 })
	if m := summary(t, dir).Measurement.Foreground; m != "x11" {
		t.Errorf("measurement = %q, want x11", m)
	}
	if strings.Contains(logs.String(), canary) {
		t.Errorf("the window title reached the log")
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(canary)) || bytes.Contains(b, []byte("secret-message")) {
			t.Errorf("the window title is stored in %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
