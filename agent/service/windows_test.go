package service

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talkfirst/talkfirst/agent/words"
)

func newWindowsTest(t *testing.T, args ...string) (*runKey, Config, *fakeRegistry, *fakeProcs, []string) {
	t.Helper()
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "AppData", "Roaming"), 0o755)
	cfg, err := agentConfig(`C:\Program Files\TalkFirst\talkfirst-agent.exe`, home, args...).normalize()
	if err != nil {
		t.Fatal(err)
	}
	d, _, p := fakeDeps(t, nil)
	reg := newFakeRegistry()
	d.reg = reg
	r, err := newRunKey(cfg, testLog(t), d)
	if err != nil {
		t.Fatal(err)
	}
	return r, cfg, reg, p, tree(t, home)
}

const runValue = runKeyPath + `\talkfirst-agent`

func TestRunKeyLifecycle(t *testing.T) {
	ctx := context.Background()
	r, cfg, reg, procs, before := newWindowsTest(t, "run")

	if err := r.Start(ctx); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("Start before Install = %v", err)
	}
	m, err := r.Install(ctx)
	if err != nil || m != MethodWindowsRunKey {
		t.Fatalf("Install = %q, %v", m, err)
	}
	if got := reg.strings[runValue]; got != `"C:\Program Files\TalkFirst\talkfirst-agent.exe" run` {
		t.Errorf("Run value = %s", got)
	}
	equalTree(t, "install added", added(before, tree(t, cfg.Home)), nil)

	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := r.Status(ctx)
	if err != nil || !st.Installed || !st.Running || st.PID != 1001 || st.Method != MethodWindowsRunKey {
		t.Errorf("Status = %+v, %v", st, err)
	}
	if st.Start.Code != words.StartRunKey {
		t.Errorf("Start = %s", st.Start)
	}
	logs := filepath.Join(cfg.Home, "AppData", "Local", "TalkFirst", "logs")
	if s := procs.spawned[0]; s.log != filepath.Join(logs, "talkfirst-agent.log") {
		t.Errorf("log = %s", s.log)
	}

	// Switched off in Task Manager.
	reg.binary[startupApprovedPath+`\talkfirst-agent`] = []byte{3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if st, _ := r.Status(ctx); st.Start.Code != words.StartRunKeyOff {
		t.Errorf("Start = %s", st.Start)
	}

	if err := r.Uninstall(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, procs.stops, []string{"1001"})
	if len(reg.strings)+len(reg.binary) != 0 {
		t.Errorf("registry left: %v %v", reg.strings, reg.binary)
	}
	equalTree(t, "after uninstall", tree(t, cfg.Home), before)
	if st, _ := r.Status(ctx); st.Installed || st.Method != MethodNone {
		t.Errorf("Status = %+v", st)
	}
}

func TestRunKeyStaleCommand(t *testing.T) {
	r, _, reg, _, _ := newWindowsTest(t, "run")
	reg.strings[runValue] = `"C:\old\talkfirst-agent.exe" run`
	st, err := r.Status(context.Background())
	if err != nil || !st.Installed || st.Start.Code != words.StartRunKeyOther {
		t.Errorf("Status = %+v, %v", st, err)
	}
}

func TestRunKeyTooLong(t *testing.T) {
	r, _, reg, _, _ := newWindowsTest(t, "run", "--data-dir", `C:\`+strings.Repeat("x", 250))
	if _, err := r.Install(context.Background()); err == nil || !strings.Contains(err.Error(), "260") {
		t.Errorf("Install = %v, want the 260-character limit", err)
	}
	if len(reg.strings) != 0 {
		t.Errorf("wrote %v", reg.strings)
	}
}

func TestStartupDisabled(t *testing.T) {
	for b, want := range map[byte]bool{2: false, 6: false, 3: true, 7: true} {
		if got := startupDisabled([]byte{b, 0}); got != want {
			t.Errorf("startupDisabled(%d) = %v", b, got)
		}
	}
	if startupDisabled(nil) {
		t.Error("empty value read as disabled")
	}
}
