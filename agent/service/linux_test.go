package service

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talkfirst/talkfirst/agent/words"
)

// linuxTest is a linux manager over a temp home holding some unrelated
// files, with fakes for commands and processes.
type linuxTest struct {
	m      *linuxManager
	cfg    Config
	run    *fakeRunner
	procs  *fakeProcs
	before []string // the home's listing before anything ran
}

func newLinuxTest(t *testing.T, method Method, env map[string]string, edit ...func(*deps)) *linuxTest {
	t.Helper()
	home := t.TempDir()
	for _, f := range []string{".bashrc", ".config/user-dirs.dirs"} {
		p := filepath.Join(home, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := agentConfig("/usr/bin/talkfirst-agent", home, "run")
	cfg.Env = map[string]string{"TALKFIRST_LOG": "debug"}
	cfg.UID = 424242 // no /run/user/424242 on a test machine
	cfg.Method = method
	cfg, err := cfg.normalize()
	if err != nil {
		t.Fatal(err)
	}
	d, r, p := fakeDeps(t, env)
	for _, e := range edit {
		e(&d)
	}
	m, err := newLinuxManager(cfg, testLog(t), d)
	if err != nil {
		t.Fatal(err)
	}
	// `systemctl enable` links the unit into default.target.wants.
	r.hook = func(line string) {
		if line == "systemctl --user enable talkfirst-agent.service" {
			link := m.sd.wantsPath()
			os.MkdirAll(filepath.Dir(link), 0o755)
			if os.Symlink(m.sd.unitPath(), link) != nil { // no symlinks here (windows)
				os.WriteFile(link, nil, 0o644)
			}
		}
	}
	return &linuxTest{m: m, cfg: cfg, run: r, procs: p, before: tree(t, home)}
}

func (lt *linuxTest) path(rel string) string {
	return filepath.Join(lt.cfg.Home, filepath.FromSlash(rel))
}

const (
	isRunning = "systemctl --user is-system-running"
	unitRel   = ".config/systemd/user/talkfirst-agent.service"
	entryRel  = ".config/autostart/talkfirst-agent.desktop"
)

func TestLinuxInstallSystemd(t *testing.T) {
	ctx := context.Background()
	lt := newLinuxTest(t, "", map[string]string{"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"})
	lt.run.replies[isRunning] = reply{out: "running\n"}

	method, err := lt.m.Install(ctx)
	if err != nil || method != MethodSystemdUser {
		t.Fatalf("Install = %q, %v; want %q", method, err, MethodSystemdUser)
	}
	equalTree(t, "install added", added(lt.before, tree(t, lt.cfg.Home)), []string{
		".config/systemd/",
		".config/systemd/user/",
		".config/systemd/user/default.target.wants/",
		".config/systemd/user/default.target.wants/talkfirst-agent.service@",
		unitRel,
	})
	if got := readString(t, lt.path(unitRel)); got != SystemdUnit(lt.cfg) {
		t.Errorf("unit file:\n%s\nwant:\n%s", got, SystemdUnit(lt.cfg))
	}
	equalCalls(t, lt.run.calls, []string{
		isRunning,
		"systemctl --user import-environment DISPLAY XDG_SESSION_TYPE",
		"systemctl --user daemon-reload",
		"systemctl --user enable talkfirst-agent.service",
	})

	lt.run.calls = nil
	if err := lt.m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := lt.m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, lt.run.calls, []string{
		"systemctl --user import-environment DISPLAY XDG_SESSION_TYPE",
		"systemctl --user start talkfirst-agent.service",
		"systemctl --user stop talkfirst-agent.service",
	})

	lt.run.calls = nil
	if err := lt.m.Uninstall(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, lt.run.calls, []string{
		"systemctl --user disable --now talkfirst-agent.service",
		"systemctl --user daemon-reload",
	})
	equalTree(t, "after uninstall", tree(t, lt.cfg.Home), lt.before)
}

// A user manager that answers in any state is used; one that does not, or
// no systemctl at all, means autostart.
func TestLinuxChoosesMethod(t *testing.T) {
	for _, tc := range []struct {
		name   string
		reply  reply
		socket bool // $XDG_RUNTIME_DIR/systemd/private exists
		want   Method
	}{
		{"running", reply{out: "running\n"}, false, MethodSystemdUser},
		{"degraded exits 1 but answers", reply{out: "degraded\n", code: 1}, false, MethodSystemdUser},
		{"starting", reply{out: "starting\n", code: 1}, false, MethodSystemdUser},
		{"private socket", reply{code: 1}, true, MethodSystemdUser},
		{"offline", reply{out: "offline\n", code: 1}, false, MethodXDGAutostart},
		{"no bus", reply{code: 1}, false, MethodXDGAutostart},
		{"no systemctl", reply{err: exec.ErrNotFound}, true, MethodXDGAutostart},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runtime := t.TempDir()
			if tc.socket {
				os.MkdirAll(filepath.Join(runtime, "systemd"), 0o700)
				os.WriteFile(filepath.Join(runtime, "systemd", "private"), nil, 0o600)
			}
			lt := newLinuxTest(t, "", map[string]string{"XDG_RUNTIME_DIR": runtime})
			lt.run.replies[isRunning] = tc.reply
			got, err := lt.m.Install(context.Background())
			if err != nil || got != tc.want {
				t.Fatalf("Install = %q, %v; want %q", got, err, tc.want)
			}
			st, err := lt.m.Status(context.Background())
			if err != nil || st.Method != tc.want || !st.Installed {
				t.Errorf("Status = %+v, %v", st, err)
			}
			if tc.want != MethodXDGAutostart {
				return
			}
			equalTree(t, "install added", added(lt.before, tree(t, lt.cfg.Home)), []string{
				".config/autostart/", entryRel,
			})
			if got := readString(t, lt.path(entryRel)); got != AutostartEntry(lt.cfg) {
				t.Errorf("entry:\n%s\nwant:\n%s", got, AutostartEntry(lt.cfg))
			}
			equalCalls(t, lt.run.calls, []string{isRunning})
			if st.Start.Code != words.StartAutostart {
				t.Errorf("Start = %s, want autostart", st.Start)
			}
		})
	}
}

func TestLinuxAutostartStartStop(t *testing.T) {
	ctx := context.Background()
	lt := newLinuxTest(t, MethodXDGAutostart, nil)
	if _, err := lt.m.Install(ctx); err != nil {
		t.Fatal(err)
	}
	if err := lt.m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if len(lt.procs.spawned) != 1 {
		t.Fatalf("spawned %d agents, want 1", len(lt.procs.spawned))
	}
	s := lt.procs.spawned[0]
	logPath := lt.path(".local/state/talkfirst/talkfirst-agent.log")
	if s.exe != "/usr/bin/talkfirst-agent" || strings.Join(s.args, " ") != "run" || s.dir != lt.cfg.Home ||
		s.log != logPath || strings.Join(s.env, " ") != "TALKFIRST_LOG=debug" {
		t.Errorf("spawned %+v", s)
	}
	pidPath := lt.path(".local/state/talkfirst/talkfirst-agent.pid")
	if got := readString(t, pidPath); got != "1001\n" {
		t.Errorf("pid file = %q", got)
	}
	st, err := lt.m.Status(ctx)
	if err != nil || !st.Running || st.PID != 1001 || st.Method != MethodXDGAutostart {
		t.Errorf("Status = %+v, %v", st, err)
	}

	// Starting a running agent starts no second one.
	if err := lt.m.Start(ctx); err != nil || len(lt.procs.spawned) != 1 {
		t.Errorf("second Start: %v, %d spawned", err, len(lt.procs.spawned))
	}

	if err := lt.m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, lt.procs.stops, []string{"1001"})
	if _, err := os.Stat(pidPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("pid file left after Stop: %v", err)
	}
	st, err = lt.m.Status(ctx)
	if err != nil || st.Running || st.PID != 0 || !st.Installed {
		t.Errorf("Status after Stop = %+v, %v", st, err)
	}

	if err := lt.m.Uninstall(ctx); err != nil {
		t.Fatal(err)
	}
	equalTree(t, "after uninstall", tree(t, lt.cfg.Home), lt.before)
	if len(lt.run.calls) != 0 {
		t.Errorf("autostart ran commands: %q", lt.run.calls)
	}
}

// An agent started at login by the desktop has no pid file; Stop and
// Uninstall find it all the same.
func TestLinuxStopsAgentWithoutPIDFile(t *testing.T) {
	ctx := context.Background()
	lt := newLinuxTest(t, MethodXDGAutostart, nil)
	if _, err := lt.m.Install(ctx); err != nil {
		t.Fatal(err)
	}
	lt.procs.live[77] = true
	st, _ := lt.m.Status(ctx)
	if !st.Running || st.PID != 77 {
		t.Errorf("Status = %+v", st)
	}
	if err := lt.m.Uninstall(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, lt.procs.stops, []string{"77"})
	equalTree(t, "after uninstall", tree(t, lt.cfg.Home), lt.before)
}

func TestLinuxStopForces(t *testing.T) {
	for _, tc := range []struct {
		name           string
		stubborn, deaf bool
	}{
		{"ignores SIGTERM", true, false},
		{"cannot be asked", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			lt := newLinuxTest(t, MethodXDGAutostart, nil)
			lt.m.Install(ctx)
			if err := lt.m.Start(ctx); err != nil {
				t.Fatal(err)
			}
			lt.procs.stubborn[1001] = tc.stubborn
			lt.procs.deaf = tc.deaf
			if err := lt.m.Stop(ctx); err != nil {
				t.Fatal(err)
			}
			equalCalls(t, lt.procs.stops, []string{"1001", "1001!"})
		})
	}
}

// Uninstall after an install that failed half-way still removes
// everything.
func TestLinuxUninstallAfterPartialInstall(t *testing.T) {
	systemd := map[string]reply{isRunning: {out: "running\n"}}
	for _, tc := range []struct {
		name    string
		replies map[string]reply
		fail    map[string]string // faultyFS: op -> path relative to home
		calls   []string          // Uninstall's commands
	}{
		{
			name:    "enable failed",
			replies: map[string]reply{"systemctl --user enable talkfirst-agent.service": {code: 1}},
			calls:   []string{"systemctl --user disable --now talkfirst-agent.service", "systemctl --user daemon-reload"},
		},
		{
			name:    "daemon-reload failed",
			replies: map[string]reply{"systemctl --user daemon-reload": {code: 1}},
			calls:   []string{"systemctl --user disable --now talkfirst-agent.service", "systemctl --user daemon-reload"},
		},
		{
			// The folders were made; the unit was not written.
			name: "unit not written",
			fail: map[string]string{"write": unitRel},
		},
		{
			name: "autostart entry not written",
			fail: map[string]string{"write": entryRel},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			var fsys faultyFS
			method := Method("")
			if strings.Contains(tc.name, "autostart") {
				method = MethodXDGAutostart
			}
			lt := newLinuxTest(t, method, nil, func(d *deps) {
				fsys = faultyFS{fail: map[string]error{}}
				d.fs = &fsys
			})
			for op, rel := range tc.fail {
				fsys.fail[op+" "+lt.path(rel)] = errors.New("disk full")
			}
			for k, v := range systemd {
				lt.run.replies[k] = v
			}
			for k, v := range tc.replies {
				lt.run.replies[k] = v
			}
			if _, err := lt.m.Install(ctx); err == nil {
				t.Fatal("Install succeeded")
			}
			lt.run.calls, lt.run.replies = nil, nil
			if err := lt.m.Uninstall(ctx); err != nil {
				t.Fatal(err)
			}
			equalCalls(t, lt.run.calls, tc.calls)
			equalTree(t, "after uninstall", tree(t, lt.cfg.Home), lt.before)
		})
	}
}

// When systemd cannot disable the unit, Uninstall still removes the unit
// and enable's link, and reports the failure.
func TestLinuxUninstallWhenSystemdFails(t *testing.T) {
	ctx := context.Background()
	lt := newLinuxTest(t, MethodSystemdUser, nil)
	if _, err := lt.m.Install(ctx); err != nil {
		t.Fatal(err)
	}
	lt.run.replies = map[string]reply{
		"systemctl --user disable --now talkfirst-agent.service": {code: 1},
		"systemctl --user daemon-reload":                         {code: 1},
	}
	err := lt.m.Uninstall(ctx)
	if err == nil || !strings.Contains(err.Error(), "disable") {
		t.Errorf("Uninstall = %v, want the disable error first", err)
	}
	equalTree(t, "after uninstall", tree(t, lt.cfg.Home), lt.before)
}

// Installing one method removes the other, so the agent starts once.
func TestLinuxSwitchMethod(t *testing.T) {
	ctx := context.Background()
	lt := newLinuxTest(t, MethodXDGAutostart, nil)
	if _, err := lt.m.Install(ctx); err != nil {
		t.Fatal(err)
	}
	lt.m.cfg.Method = MethodSystemdUser
	if _, err := lt.m.Install(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(lt.path(entryRel)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("autostart entry left: %v", err)
	}
	lt.m.cfg.Method = MethodXDGAutostart
	lt.run.calls = nil
	if _, err := lt.m.Install(ctx); err != nil {
		t.Fatal(err)
	}
	equalCalls(t, lt.run.calls, []string{
		"systemctl --user disable --now talkfirst-agent.service",
		"systemctl --user daemon-reload",
	})
	equalTree(t, "installed", added(lt.before, tree(t, lt.cfg.Home)), []string{".config/autostart/", entryRel})
}

func TestLinuxNotInstalled(t *testing.T) {
	ctx := context.Background()
	lt := newLinuxTest(t, "", nil)
	if err := lt.m.Start(ctx); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("Start = %v, want ErrNotInstalled", err)
	}
	if err := lt.m.Uninstall(ctx); err != nil {
		t.Errorf("Uninstall = %v", err)
	}
	st, err := lt.m.Status(ctx)
	if err != nil || st.Installed || st.Running || st.Method != MethodNone {
		t.Errorf("Status = %+v, %v", st, err)
	}
	lt.procs.live[55] = true // started by hand
	st, _ = lt.m.Status(ctx)
	if st.Installed || !st.Running || st.PID != 55 || st.Start.Code != words.StartNotInstalled {
		t.Errorf("Status = %+v", st)
	}
	if len(lt.run.calls) != 0 {
		t.Errorf("commands: %q", lt.run.calls)
	}
	equalTree(t, "home", tree(t, lt.cfg.Home), lt.before)
}

func TestLinuxSystemdStatus(t *testing.T) {
	const show = "systemctl --user show -p LoadState -p ActiveState -p SubState -p MainPID -p UnitFileState talkfirst-agent.service"
	for _, tc := range []struct {
		name    string
		out     string
		running bool
		pid     int
		start   words.Fact
	}{
		{"running", "LoadState=loaded\nActiveState=active\nSubState=running\nMainPID=4321\nUnitFileState=enabled\n", true, 4321,
			words.New(words.StartSystemd)},
		{"stopped", "LoadState=loaded\nActiveState=inactive\nSubState=dead\nMainPID=0\nUnitFileState=enabled\n", false, 0,
			words.New(words.StartSystemd)},
		{"failed", "ActiveState=failed\nMainPID=0\nUnitFileState=enabled\n", false, 0,
			words.New(words.StartSystemdFailed, words.Text("talkfirst-agent.service"))},
		{"disabled by the user", "ActiveState=inactive\nMainPID=0\nUnitFileState=disabled\n", false, 0,
			words.New(words.StartSystemdOff, words.Text("disabled"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lt := newLinuxTest(t, MethodSystemdUser, nil)
			if _, err := lt.m.Install(context.Background()); err != nil {
				t.Fatal(err)
			}
			lt.run.replies[show] = reply{out: tc.out}
			st, err := lt.m.Status(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			want := Status{Installed: true, Method: MethodSystemdUser, Running: tc.running, PID: tc.pid, Start: tc.start}
			if st.Installed != want.Installed || st.Method != want.Method || st.Running != want.Running || st.PID != want.PID || !st.Start.Equal(want.Start) {
				t.Errorf("Status = %+v\nwant     %+v", st, want)
			}
		})
	}
}

func TestLinuxAutostartSwitchedOff(t *testing.T) {
	lt := newLinuxTest(t, MethodXDGAutostart, nil)
	if _, err := lt.m.Install(context.Background()); err != nil {
		t.Fatal(err)
	}
	// What GNOME Tweaks does to switch it off.
	off := strings.Replace(readString(t, lt.path(entryRel)), "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false", 1)
	os.WriteFile(lt.path(entryRel), []byte(off), 0o644)
	st, _ := lt.m.Status(context.Background())
	if !st.Installed || st.Start.Code != words.StartAutostartOff {
		t.Errorf("Status = %+v", st)
	}
}

// $XDG_CONFIG_HOME moves both the unit and the autostart folder.
func TestLinuxXDGConfigHome(t *testing.T) {
	cfgHome := t.TempDir()
	lt := newLinuxTest(t, MethodSystemdUser, map[string]string{"XDG_CONFIG_HOME": cfgHome})
	if _, err := lt.m.Install(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cfgHome, "systemd", "user", "talkfirst-agent.service")); err != nil {
		t.Error(err)
	}
	if err := lt.m.Uninstall(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Outside home only our files go; the folders stay.
	equalTree(t, "config home", tree(t, cfgHome), []string{"systemd/", "systemd/user/", "systemd/user/default.target.wants/"})
}

func TestLinuxBadMethod(t *testing.T) {
	cfg, _ := agentConfig("/usr/bin/talkfirst-agent", t.TempDir(), "run").normalize()
	cfg.Method = MethodLaunchAgent
	d, _, _ := fakeDeps(t, nil)
	if _, err := newLinuxManager(cfg, testLog(t), d); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("newLinuxManager = %v, want ErrUnsupported", err)
	}
}

func TestParseProperties(t *testing.T) {
	p := parseProperties("A=1\nB=x=y\n\nbad\n")
	if p["A"] != "1" || p["B"] != "x=y" || len(p) != 2 {
		t.Errorf("parseProperties = %v", p)
	}
}
