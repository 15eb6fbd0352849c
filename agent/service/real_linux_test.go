package service

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRealAutostart installs with xdg-autostart into a temp home on this
// machine, starts a real detached agent (this test binary, see TestMain),
// stops it, and uninstalls, leaving the home as it was.
func TestRealAutostart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	ctx := context.Background()
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, ".profile"), []byte("x"), 0o644)
	t.Setenv("XDG_CONFIG_HOME", "") // keep every file under home
	before := tree(t, home)

	m, err := New(Config{
		Name:        "talkfirst-agent",
		DisplayName: "TalkFirst agent",
		Executable:  exe,
		Args:        []string{"run"},
		Env:         map[string]string{fakeAgentEnv: "1"},
		Home:        home,
		Method:      MethodXDGAutostart,
	}, testLog(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Uninstall(ctx) }) // never leave an agent behind

	method, err := m.Install(ctx)
	if err != nil || method != MethodXDGAutostart {
		t.Fatalf("Install = %q, %v", method, err)
	}
	if err := m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(home, ".local", "state", "talkfirst", "talkfirst-agent.log")
	var st Status
	if !waitUntil(ctx, 10*time.Second, 20*time.Millisecond, func() bool {
		st, err = m.Status(ctx)
		b, _ := os.ReadFile(logPath)
		return err == nil && st.Running && strings.Contains(string(b), "fake agent running")
	}) {
		b, _ := os.ReadFile(logPath)
		t.Fatalf("agent not running: %+v, %v; log:\n%s", st, err, b)
	}
	if st.PID <= 0 || st.Method != MethodXDGAutostart || !st.Installed {
		t.Errorf("Status = %+v", st)
	}
	// Detached: its own session.
	if stat, err := os.ReadFile("/proc/" + strconv.Itoa(st.PID) + "/stat"); err == nil {
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) > 3 && f[3] != strconv.Itoa(st.PID) {
			t.Errorf("agent session %s, want its own (%d)", f[3], st.PID)
		}
	}
	t.Logf("running: %+v", st)

	if err := m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	st, err = m.Status(ctx)
	if err != nil || st.Running || st.PID != 0 {
		t.Errorf("Status after Stop = %+v, %v", st, err)
	}
	// SIGTERM reached fn through Run: a clean stop.
	if b, _ := os.ReadFile(logPath); !strings.Contains(string(b), "fake agent stopping") {
		t.Errorf("agent did not stop cleanly; log:\n%s", b)
	}

	if err := m.Uninstall(ctx); err != nil {
		t.Fatal(err)
	}
	equalTree(t, "home after uninstall", tree(t, home), before)
}
