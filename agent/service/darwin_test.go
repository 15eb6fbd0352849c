package service

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/talkfirst/talkfirst/agent/words"
)

func newDarwinTest(t *testing.T) (*launchAgent, Config, *fakeRunner, []string) {
	t.Helper()
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "Library", "Preferences"), 0o755)
	cfg, err := agentConfig("/Applications/TalkFirst.app/Contents/MacOS/talkfirst-agent", home, "run").normalize()
	if err != nil {
		t.Fatal(err)
	}
	d, r, _ := fakeDeps(t, nil)
	a, err := newLaunchAgent(cfg, testLog(t), d)
	if err != nil {
		t.Fatal(err)
	}
	return a, cfg, r, tree(t, home)
}

const (
	lcPrint     = "launchctl print gui/501/talkfirst-agent"
	lcBootout   = "launchctl bootout gui/501/talkfirst-agent"
	lcKickstart = "launchctl kickstart gui/501/talkfirst-agent"
)

// launchctlPrint is the shape of `launchctl print` for a running job
// (macOS 14), cut down; nested sections have deeper indentation.
const launchctlPrint = `gui/501/talkfirst-agent = {
	active count = 1
	path = /Users/sam/Library/LaunchAgents/talkfirst-agent.plist
	type = LaunchAgent
	state = running

	program = /Applications/TalkFirst.app/Contents/MacOS/talkfirst-agent
	arguments = {
		/Applications/TalkFirst.app/Contents/MacOS/talkfirst-agent
		run
	}

	event triggers = {
		state = active
	}

	runs = 1
	pid = 4242
	immediate reason = speculative
}
`

func TestLaunchAgentLifecycle(t *testing.T) {
	ctx := context.Background()
	a, cfg, r, before := newDarwinTest(t)
	notFound := reply{code: 113}
	r.replies[lcPrint] = notFound

	m, err := a.Install(ctx)
	if err != nil || m != MethodLaunchAgent {
		t.Fatalf("Install = %q, %v", m, err)
	}
	equalTree(t, "install added", added(before, tree(t, cfg.Home)), []string{
		"Library/LaunchAgents/",
		"Library/LaunchAgents/talkfirst-agent.plist",
		"Library/Logs/",
		"Library/Logs/TalkFirst/",
	})
	if got := readString(t, filepath.Join(cfg.Home, "Library", "LaunchAgents", "talkfirst-agent.plist")); got != LaunchAgentPlist(cfg) {
		t.Errorf("plist:\n%s", got)
	}
	equalCalls(t, r.calls, []string{lcPrint}) // not loaded: nothing to reload

	st, err := a.Status(ctx)
	if err != nil || !st.Installed || st.Running || st.Start.Code != words.StartLaunchAgentIdle {
		t.Errorf("Status = %+v, %v", st, err)
	}

	r.calls = nil
	if err := a.Start(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, r.calls, []string{lcPrint, "launchctl bootstrap gui/501 " + a.plistPath()})

	r.replies[lcPrint] = reply{out: launchctlPrint}
	st, err = a.Status(ctx)
	if err != nil || !st.Running || st.PID != 4242 || st.Method != MethodLaunchAgent {
		t.Errorf("Status = %+v, %v", st, err)
	}
	r.calls = nil
	if err := a.Start(ctx); err != nil { // loaded: kickstart, which leaves a running job be
		t.Fatal(err)
	}
	if err := a.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, r.calls, []string{lcPrint, lcKickstart, lcBootout})

	// Installing again over a loaded job reloads it.
	r.calls = nil
	if _, err := a.Install(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, r.calls, []string{lcPrint, lcBootout, "launchctl bootstrap gui/501 " + a.plistPath()})

	// launchd wrote the log; uninstall removes it. Bootout of a job that is
	// not loaded (exit 3) is fine.
	os.WriteFile(a.logPath(), []byte("log"), 0o600)
	r.replies[lcBootout] = reply{code: 3}
	r.calls = nil
	if err := a.Uninstall(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, r.calls, []string{lcBootout})
	equalTree(t, "after uninstall", tree(t, cfg.Home), before)

	r.replies[lcPrint] = notFound
	if err := a.Start(ctx); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("Start = %v, want ErrNotInstalled", err)
	}
	st, err = a.Status(ctx)
	if err != nil || st.Installed || st.Method != MethodNone {
		t.Errorf("Status = %+v, %v", st, err)
	}
}

func TestLaunchAgentUninstallReportsFailure(t *testing.T) {
	a, cfg, r, before := newDarwinTest(t)
	r.replies[lcPrint] = reply{code: 113}
	if _, err := a.Install(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.replies[lcBootout] = reply{code: 5}
	if err := a.Uninstall(context.Background()); err == nil {
		t.Error("Uninstall hid the bootout failure")
	}
	equalTree(t, "after uninstall", tree(t, cfg.Home), before) // files removed all the same
}

func TestParseLaunchctlPrint(t *testing.T) {
	for _, tc := range []struct {
		name    string
		out     string
		running bool
		pid     int
	}{
		{"running", launchctlPrint, true, 4242},
		{"not running", "gui/501/x = {\n\tstate = not running\n\tlast exit code = 1\n}\n", false, 0},
		{"nested state only", "gui/501/x = {\n\t\tstate = running\n\t\tpid = 9\n}\n", false, 0},
		{"empty", "", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			running, pid := parseLaunchctlPrint(tc.out)
			if running != tc.running || pid != tc.pid {
				t.Errorf("= %v, %d; want %v, %d", running, pid, tc.running, tc.pid)
			}
		})
	}
}
