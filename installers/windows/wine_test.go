//go:build linux

// Package windows_test runs TalkFirst's Windows build for real under Wine:
// the installer, the agent's scan and recording in a family's session, the
// registry watch, the start at sign-in, and the desktop app. Each test gets
// a fresh Wine prefix and its own X server (Xvfb with openbox), so Wine's
// windows are real X11 windows and GetForegroundWindow and GetLastInputInfo
// are real Win32 calls.
//
// The tests need the Windows build: `make wine-test` builds it and sets
// TALKFIRST_WINDOWS_BIN to the folder with talkfirst.exe,
// talkfirst-agent.exe, talkfirst-agentw.exe and TalkFirst-Setup.exe. They
// are skipped without it, or where wine, x86_64-w64-mingw32-gcc, Xvfb,
// openbox, xdotool or strace are missing; .ci/run installs them all.
package windows_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"debug/pe"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/talkfirst/talkfirst/agent/xtest"
)

// binDir is the folder with the Windows build.
var binDir = os.Getenv("TALKFIRST_WINDOWS_BIN")

// wineTimeout bounds one Wine command; waitTimeout bounds waiting for the
// agent to notice something. Both are deadlines against hangs, not
// expectations of speed.
const (
	wineTimeout = 3 * time.Minute
	waitTimeout = 2 * time.Minute
)

func need(t *testing.T) {
	t.Helper()
	if binDir == "" {
		t.Skip("TALKFIRST_WINDOWS_BIN is not set; run make wine-test")
	}
	xtest.Need(t, "wine", "wineserver", "wineboot", "x86_64-w64-mingw32-gcc", "Xvfb", "openbox", "xdotool", "strace")
	for _, f := range []string{"talkfirst.exe", "talkfirst-agent.exe", "talkfirst-agentw.exe", "TalkFirst-Setup.exe"} {
		if _, err := os.Stat(filepath.Join(binDir, f)); err != nil {
			t.Fatalf("the Windows build is incomplete: %v", err)
		}
	}
}

// prefix is a fresh Wine prefix: one Windows user's computer.
type prefix struct {
	t       *testing.T
	dir     string // WINEPREFIX
	display string
	local   string // %LOCALAPPDATA% as a Linux path
	localW  string // %LOCALAPPDATA% as Windows writes it
	tools   string // the test's own Windows programs, built with mingw
}

func newPrefix(t *testing.T) *prefix {
	t.Helper()
	x := xtest.StartXvfb(t, "")
	xtest.Openbox(t, x.Display)
	p := &prefix{t: t, dir: filepath.Join(t.TempDir(), "wine"), display: x.Display, tools: t.TempDir()}
	t.Cleanup(func() {
		p.run(context.Background(), "wineserver", "-k") // ends every process left in the prefix
	})
	p.must("wineboot", "-i")
	p.must("wineserver", "-w")
	p.buildTools()
	// Go 1.22 and later need ProcessPrng, which Wine 8 lacks (see testdata).
	sys32 := filepath.Join(p.dir, "drive_c", "windows", "system32")
	copyFile(t, filepath.Join(p.tools, "bcryptprimitives.dll"), filepath.Join(sys32, "bcryptprimitives.dll"))
	p.localW = strings.TrimSpace(p.must("wine", "cmd", "/c", "echo %LOCALAPPDATA%"))
	p.local = strings.TrimSpace(p.must("winepath", "-u", p.localW))
	if _, err := os.Stat(p.local); err != nil {
		t.Fatalf("%%LOCALAPPDATA%% is %s (%s): %v", p.localW, p.local, err)
	}
	return p
}

// buildTools builds the stand-in chat app and the ProcessPrng DLL.
func (p *prefix) buildTools() {
	p.t.Helper()
	for _, args := range [][]string{
		{"-municode", "-mwindows", "-O2", "-o", filepath.Join(p.tools, "fakeapp.exe"), "testdata/fakeapp.c"},
		{"-shared", "-O2", "-o", filepath.Join(p.tools, "bcryptprimitives.dll"),
			"testdata/bcryptprimitives.c", "testdata/bcryptprimitives.def", "-ladvapi32"},
	} {
		if out, err := exec.Command("x86_64-w64-mingw32-gcc", args...).CombinedOutput(); err != nil {
			p.t.Fatalf("mingw: %v\n%s", err, out)
		}
	}
}

// on returns p for use by t, a subtest: its failures end t, not the parent.
func (p *prefix) on(t *testing.T) *prefix {
	q := *p
	q.t = t
	return &q
}

func (p *prefix) env() []string {
	// No Mono or Gecko: nothing of TalkFirst's needs them, and Wine would
	// try to download them.
	return append(xtest.Env(p.display), "WINEPREFIX="+p.dir, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=")
}

func (p *prefix) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, name, args...)
	c.Env = p.env()
	c.WaitDelay = 10 * time.Second
	return c
}

// run runs a command in the prefix and returns its output and error.
func (p *prefix) run(ctx context.Context, name string, args ...string) (string, string, error) {
	ctx, cancel := context.WithTimeout(ctx, wineTimeout)
	defer cancel()
	c := p.command(ctx, name, args...)
	// Files, not pipes: a program this one starts (wineboot starting the
	// agent from the Run key, wineserver -p going to the background) keeps
	// its output open long after it returns.
	out, errf := p.tempFile(), p.tempFile()
	defer out.Close()
	defer errf.Close()
	c.Stdout, c.Stderr = out, errf
	err := c.Run()
	return readBack(out), readBack(errf), err
}

func (p *prefix) tempFile() *os.File {
	f, err := os.CreateTemp(p.tools, "out")
	if err != nil {
		p.t.Fatal(err)
	}
	os.Remove(f.Name()) // gone when closed
	return f
}

func readBack(f *os.File) string {
	f.Seek(0, io.SeekStart)
	b, _ := io.ReadAll(f)
	return string(b)
}

// must runs a command in the prefix and fails the test if it fails.
func (p *prefix) must(name string, args ...string) string {
	p.t.Helper()
	out, errs, err := p.run(context.Background(), name, args...)
	if err != nil {
		p.t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, errs)
	}
	return out
}

// processes returns the Linux pids of this prefix's processes whose
// command line holds name.
func (p *prefix) processes(name string) []int {
	p.t.Helper()
	var pids []int
	ents, err := os.ReadDir("/proc")
	if err != nil {
		p.t.Fatal(err)
	}
	for _, e := range ents {
		var pid int
		if _, err := fmt.Sscan(e.Name(), &pid); err != nil {
			continue
		}
		env, err1 := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		cmd, err2 := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err1 != nil || err2 != nil {
			continue // gone, or not ours to read
		}
		if slices.Contains(strings.Split(string(env), "\x00"), "WINEPREFIX="+p.dir) && strings.Contains(string(cmd), name) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// unix turns a Windows path in the prefix into a Linux path.
func (p *prefix) unix(win string) string {
	p.t.Helper()
	return strings.TrimSpace(p.must("winepath", "-u", win))
}

// regValue reads one value with reg.exe; ok is false when it is missing.
func (p *prefix) regValue(key, name string) (string, bool) {
	p.t.Helper()
	out, _, err := p.run(context.Background(), "wine", "reg", "query", key, "/v", name)
	if err != nil {
		return "", false
	}
	re := regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(name) + `\s+REG_\w+\s+(.*?)\r?$`)
	m := re.FindStringSubmatch(out)
	if m == nil {
		return "", false
	}
	return m[1], true
}

func (p *prefix) regKeyExists(key string) bool {
	_, _, err := p.run(context.Background(), "wine", "reg", "query", key)
	return err == nil
}

// install runs the real installer silently, as `TalkFirst-Setup.exe /S`.
func (p *prefix) install() string {
	p.t.Helper()
	p.must("wine", filepath.Join(binDir, "TalkFirst-Setup.exe"), "/S")
	p.must("wineserver", "-w")
	return filepath.Join(p.local, "Programs", "TalkFirst")
}

// waitFor asks check again until it is satisfied or waitTimeout passes.
// Each check runs a Wine command, which paces the loop.
func waitFor(t *testing.T, what string, check func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	last := ""
	for time.Now().Before(deadline) {
		ok, state := check()
		if ok {
			return
		}
		last = state
	}
	t.Fatalf("%s: not within %v; last seen: %s", what, waitTimeout, last)
}

const (
	uninstallKey = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall`
	runKey       = `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`
)

// TestInstallerInstallsAndRemovesEverything installs TalkFirst silently
// into a fresh prefix, checks what a family would find (the program, the
// Start-menu entry, the entry in Settings > Apps), opens the app the way the
// installer's last page does, then uninstalls silently and checks that
// nothing the installer or the agent wrote is left, and that the family's
// data is kept unless they asked for it to go.
func TestInstallerInstallsAndRemovesEverything(t *testing.T) {
	need(t)
	p := newPrefix(t)
	dir := p.install()

	for _, f := range []string{"talkfirst.exe", "talkfirst-agent.exe", "talkfirst-agentw.exe", "Uninstall.exe"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("installed files: %v", err)
		}
	}
	// The agent that starts at sign-in must not open a console window.
	for f, want := range map[string]uint16{"talkfirst-agentw.exe": pe.IMAGE_SUBSYSTEM_WINDOWS_GUI,
		"talkfirst.exe": pe.IMAGE_SUBSYSTEM_WINDOWS_GUI, "talkfirst-agent.exe": pe.IMAGE_SUBSYSTEM_WINDOWS_CUI} {
		if got := subsystem(t, filepath.Join(dir, f)); got != want {
			t.Errorf("%s: PE subsystem %d, want %d", f, got, want)
		}
	}
	startMenu := filepath.Join(filepath.Dir(p.local), "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "TalkFirst.lnk")
	if _, err := os.Stat(startMenu); err != nil {
		t.Errorf("Start-menu shortcut: %v", err)
	}
	key := uninstallKey + `\TalkFirst`
	instW := p.localW + `\Programs\TalkFirst`
	for name, want := range map[string]string{
		"DisplayName":          "TalkFirst",
		"InstallLocation":      instW,
		"UninstallString":      `"` + instW + `\Uninstall.exe"`,
		"QuietUninstallString": `"` + instW + `\Uninstall.exe" /S`,
	} {
		if got, ok := p.regValue(key, name); !ok || !strings.EqualFold(got, want) {
			t.Errorf("%s\\%s = %q (present %v), want %q", key, name, got, ok, want)
		}
	}

	t.Run("the app opens its setup wizard", func(t *testing.T) {
		p := p.on(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		app := p.command(ctx, "wine", filepath.Join(dir, "talkfirst.exe"))
		var stderr bytes.Buffer
		app.Stderr = &stderr
		if err := app.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { cancel(); app.Wait() }()
		id := waitWindow(t, p, "^TalkFirst$")
		// Shown means drawn: wait until the window holds more than a blank
		// background (fyne draws through OpenGL, which Wine hands to Mesa).
		waitFor(t, "the TalkFirst window drawn", func() (bool, string) {
			n, err := colours(p.display, id)
			return err == nil && n >= 16, fmt.Sprintf("%d colours, %v", n, err)
		})
		shot(t, p.display, "windows-wine-wizard.png")
		if strings.Contains(stderr.String(), "Fyne error") {
			t.Errorf("the app reported errors:\n%s", stderr.String())
		}
	})

	// What the app does once the family has agreed: an agreement, and the
	// agent in the Run key.
	agent := filepath.Join(dir, "talkfirst-agent.exe")
	setup(t, p, agent)
	p.must("wine", agent, "install")
	if v, ok := p.regValue(runKey, "talkfirst-agent"); !ok || !strings.Contains(strings.ToLower(v), `\talkfirst-agentw.exe"`) {
		t.Fatalf("Run key after install = %q (present %v), want the windowless talkfirst-agentw.exe", v, ok)
	}
	p.must("wine", agent, "start")
	if len(p.processes("talkfirst-agentw.exe")) == 0 {
		t.Fatal("start: no talkfirst-agentw.exe runs")
	}
	data := filepath.Join(p.local, "TalkFirst")

	uninstall := func(args ...string) {
		t.Helper()
		p.must("wine", append([]string{filepath.Join(dir, "Uninstall.exe")}, args...)...)
		p.must("wineserver", "-w") // the uninstaller copies itself to %TEMP% and goes on from there
	}
	uninstall("/S")
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("install folder after uninstall: %v", err)
	}
	if _, err := os.Stat(startMenu); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Start-menu shortcut after uninstall: %v", err)
	}
	if p.regKeyExists(key) {
		t.Errorf("%s is still there after uninstall", key)
	}
	if v, ok := p.regValue(runKey, "talkfirst-agent"); ok {
		t.Errorf("Run key still starts the agent after uninstall: %q", v)
	}
	if _, err := os.Stat(filepath.Join(data, "talkfirst.db")); err != nil {
		t.Errorf("a silent uninstall must keep the family's data: %v", err)
	}
	if pids := p.processes("talkfirst-agentw.exe"); len(pids) > 0 {
		t.Errorf("the agent still runs after uninstall: pids %v", pids)
	}

	// Asked to delete the data, it does.
	p.install()
	uninstall("/S", "/DELETEDATA")
	if _, err := os.Stat(data); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("data folder after uninstall /DELETEDATA: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("install folder after the second uninstall: %v", err)
	}
}

// TestAgentInAFamilysSession is the agent on a family's PC: it finds a chat
// app installed the Windows way and not a decoy, starts at sign-in from the
// Run key, records a running Discord.exe as running time and, while its
// window is in front and someone uses the computer, as time in front; it
// notices installs through the registry and folder watches while it runs;
// it opens no internet socket; and the title of the chat window is found
// nowhere.
func TestAgentInAFamilysSession(t *testing.T) {
	need(t)
	p := newPrefix(t)
	dir := p.install()
	agent := filepath.Join(dir, "talkfirst-agent.exe")
	agentW := filepath.Join(dir, "talkfirst-agentw.exe")

	// Discord as its installer leaves it: a per-user Squirrel install in
	// %LOCALAPPDATA%\Discord with an HKCU Uninstall key.
	discordDir := filepath.Join(p.local, "Discord")
	discordExe := filepath.Join(discordDir, "app-1.0", "Discord.exe")
	copyFile(t, filepath.Join(p.tools, "fakeapp.exe"), discordExe)
	copyFile(t, filepath.Join(p.tools, "fakeapp.exe"), filepath.Join(discordDir, "Update.exe"))
	regAdd(p, uninstallKey+`\Discord`, map[string]string{"DisplayName": "Discord",
		"InstallLocation": p.localW + `\Discord`, "UninstallString": p.localW + `\Discord\Update.exe --uninstall`})
	// Decoys: names that contain a chat app's name, or look like one.
	copyFile(t, filepath.Join(p.tools, "fakeapp.exe"), filepath.Join(p.local, "Programs", "Telegraph", "Telegraph.exe"))
	regAdd(p, uninstallKey+`\Telegraph`, map[string]string{"DisplayName": "Telegraph",
		"InstallLocation": p.localW + `\Programs\Telegraph`})
	regAdd(p, uninstallKey+`\WireGuard`, map[string]string{"DisplayName": "WireGuard"})

	t.Run("scan", func(t *testing.T) {
		p := p.on(t)
		var res struct {
			Apps []struct {
				ID       string `json:"id"`
				Evidence []struct{ Kind, Detail, Path string }
			} `json:"apps"`
		}
		if err := json.Unmarshal([]byte(p.must("wine", agent, "scan", "--json")), &res); err != nil {
			t.Fatal(err)
		}
		var ids []string
		kinds := map[string]bool{}
		for _, a := range res.Apps {
			ids = append(ids, a.ID)
			if a.ID == "discord" {
				for _, e := range a.Evidence {
					kinds[e.Kind] = true
				}
			}
		}
		if !slices.Equal(ids, []string{"discord"}) {
			t.Fatalf("scan found %v, want only discord (Telegraph and WireGuard are decoys)", ids)
		}
		if !kinds["registry"] || len(kinds) < 2 {
			t.Errorf("discord evidence kinds %v, want the Uninstall key and the install folder", kinds)
		}
	})

	setup(t, p, agent)
	dataW := p.localW + `\TalkFirst`
	data := filepath.Join(p.local, "TalkFirst")

	t.Run("starts at sign-in", func(t *testing.T) {
		p := p.on(t)
		p.must("wine", agent, "install")
		// Sign out and in again: ending the prefix's processes and booting it
		// runs the Run key, as Explorer does at sign-in.
		p.run(context.Background(), "wineserver", "-k") // fails when none runs
		p.must("wineboot")
		waitFor(t, "the agent started from the Run key", func() (bool, string) {
			out, _, _ := p.run(context.Background(), "wine", agent, "status")
			return strings.Contains(out, "Running (pid"), out
		})
		out := p.must("wine", agent, "stop")
		if st := p.must("wine", agent, "status"); !strings.Contains(st, "Not running") {
			t.Fatalf("after stop (%q), status says:\n%s", out, st)
		}
	})

	canary := "talkfirst-canary-" + randomHex(t)
	trace := filepath.Join(t.TempDir(), "strace.txt")

	t.Run("records running and in-front time, and notices installs", func(t *testing.T) {
		p := p.on(t)
		// wineserver runs outside the trace; the agent and every process it
		// starts are traced for network calls.
		p.run(context.Background(), "wineserver", "-k")
		p.must("wineserver", "-p")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		run := p.command(ctx, "strace", "-f", "-qq", "-e", "trace=%network", "-o", trace,
			"wine", agentW, "run", "--data-dir", dataW, "--log-level", "debug")
		var agentOut bytes.Buffer
		run.Stdout, run.Stderr = &agentOut, &agentOut
		if err := run.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { cancel(); run.Wait() }()
		// status cannot tell whether this agent runs: it reads the command
		// line of a process from its memory under Wine, which a process
		// traced by strace does not allow. Its samples show it.

		chat := p.command(ctx, "wine", discordExe, canary)
		if err := chat.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { chat.Process.Kill(); chat.Wait() }()
		id := waitWindow(t, p, canary)
		// Bring it to the front and use it, as a person would.
		xtest.Xdotool(p.display, "windowactivate", "--sync", id)
		if _, err := xtest.Xdotool(p.display, "mousemove", "--window", id, "120", "90", "click", "1"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "Discord counted as running and in front", func() (bool, string) {
			if _, err := xtest.Xdotool(p.display, "mousemove", "--window", id, "121", "91"); err != nil {
				return false, err.Error()
			}
			s := summary(t, p, agent)
			d := s.app("discord")
			return s.Measurement.Foreground == "windows" && d.Running > 0 && d.Foreground > 0,
				fmt.Sprintf("measurement %q, discord %+v", s.Measurement.Foreground, d)
		})

		// Telegram's installer writes its Uninstall key while the agent runs.
		regAdd(p, uninstallKey+`\{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1`,
			map[string]string{"DisplayName": "Telegram Desktop", "InstallLocation": p.localW + `\Telegram Desktop`})
		waitInstalled(t, p, agent, "telegram", "the registry watch")
		if !strings.Contains(agentOut.String(), "why=registry") {
			t.Errorf("the install was not seen through the registry watch; agent log:\n%s", agentOut.String())
		}
		// Signal unpacks into %LOCALAPPDATA%\Programs, seen through the
		// folder watch (fsnotify's ReadDirectoryChangesW).
		copyFile(t, filepath.Join(p.tools, "fakeapp.exe"), filepath.Join(p.local, "Programs", "signal-desktop", "Signal.exe"))
		waitInstalled(t, p, agent, "signal", "the folder watch")

		// End every process in the prefix at once, as a crash or a power cut
		// would (stop cannot find a traced agent, see above); what was
		// recorded stays.
		before := summary(t, p, agent).app("discord")
		p.run(ctx, "wineserver", "-k")
		run.Wait()
		if after := summary(t, p, agent).app("discord"); after.Foreground < before.Foreground || after.Running < before.Running {
			t.Errorf("after the agent was killed, discord has %+v, before %+v", after, before)
		}
		if !strings.Contains(agentOut.String(), "agent running") {
			t.Errorf("the agent's log does not show it running:\n%s", agentOut.String())
		}
		scanForCanary(t, canary, map[string][]byte{"agent output": agentOut.Bytes()}, data)
	})

	t.Run("opens no internet socket", func(t *testing.T) {
		b, err := os.ReadFile(trace)
		if err != nil {
			t.Fatal(err)
		}
		calls := 0
		for _, line := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			calls++
			if strings.Contains(line, "AF_INET") || strings.Contains(line, "AF_PACKET") {
				t.Errorf("network call: %s", line)
			}
		}
		// Wine talks to wineserver over a Unix socket, so a working trace
		// holds some calls.
		if calls == 0 {
			t.Fatal("strace recorded no network calls at all; the trace did not work")
		}
	})
}

// setup makes the family agreement with the agent's command line.
func setup(t *testing.T, p *prefix, agent string) {
	t.Helper()
	pin := filepath.Join(t.TempDir(), "pin")
	if err := os.WriteFile(pin, []byte("2468\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pinW := strings.TrimSpace(p.must("winepath", "-w", pin))
	p.must("wine", agent, "setup", "--teen", "Sam", "--age", "14", "--country", "NL", "--parent-pin-file", pinW, "--agree")
}

type summaryJSON struct {
	Measurement struct {
		Foreground string `json:"foreground"`
	} `json:"measurement"`
	Apps []struct {
		ID         string `json:"id"`
		Foreground int    `json:"foreground_seconds"`
		Running    int    `json:"running_seconds"`
	} `json:"apps"`
	Changes []struct {
		ID     string `json:"id"`
		Change string `json:"change"`
	} `json:"changes"`
}

type appTime struct{ Foreground, Running int }

func (s summaryJSON) app(id string) appTime {
	for _, a := range s.Apps {
		if a.ID == id {
			return appTime{a.Foreground, a.Running}
		}
	}
	return appTime{}
}

func summary(t *testing.T, p *prefix, agent string) summaryJSON {
	t.Helper()
	var s summaryJSON
	if err := json.Unmarshal([]byte(p.must("wine", agent, "summary", "--json")), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// waitInstalled waits until the store records app as installed, which the
// running agent learns through how.
func waitInstalled(t *testing.T, p *prefix, agent, app, how string) {
	t.Helper()
	waitFor(t, app+" installed, seen through "+how, func() (bool, string) {
		s := summary(t, p, agent)
		for _, c := range s.Changes {
			if c.ID == app && c.Change == "installed" {
				return true, ""
			}
		}
		return false, fmt.Sprintf("changes %+v", s.Changes)
	})
}

// regAdd writes string values under key with reg.exe, as an installer would.
func regAdd(p *prefix, key string, values map[string]string) {
	p.t.Helper()
	for name, v := range values {
		p.must("wine", "reg", "add", key, "/v", name, "/t", "REG_SZ", "/d", v, "/f")
	}
}

// waitWindow waits for a visible window whose title matches re and returns
// its X window id.
func waitWindow(t *testing.T, p *prefix, re string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	c := p.command(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--name", re)
	out, err := c.Output()
	ids := strings.Fields(string(out))
	if err != nil || len(ids) == 0 {
		t.Fatalf("no window titled %q: %v", re, err)
	}
	return ids[0]
}

// scanForCanary fails if canary appears, as UTF-8 or UTF-16, in any of
// extra or in any file under dir.
func scanForCanary(t *testing.T, canary string, extra map[string][]byte, dir string) {
	t.Helper()
	var u16 bytes.Buffer
	for _, r := range utf16.Encode([]rune(canary)) {
		u16.WriteByte(byte(r))
		u16.WriteByte(byte(r >> 8))
	}
	look := func(where string, b []byte) {
		if bytes.Contains(b, []byte(canary)) || bytes.Contains(b, u16.Bytes()) {
			t.Errorf("the chat window's title was found in %s", where)
		}
	}
	for where, b := range extra {
		look(where, b)
	}
	files := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		look(path, b)
		return nil
	})
	if err != nil || files == 0 {
		t.Fatalf("read the data folder %s: %v (%d files)", dir, err, files)
	}
}

func subsystem(t *testing.T, path string) uint16 {
	t.Helper()
	f, err := pe.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	switch h := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		return h.Subsystem
	case *pe.OptionalHeader32:
		return h.Subsystem
	}
	t.Fatalf("%s: no optional header", path)
	return 0
}

// colours counts the distinct colours in X window id (decimal, as xdotool
// prints it), up to 1,000.
func colours(display, id string) (int, error) {
	xgb.Logger = log.New(io.Discard, "", 0) // it complains of a missing ~/.Xauthority, which Xvfb does not need
	x, err := xgb.NewConnDisplay(display)
	if err != nil {
		return 0, err
	}
	defer x.Close()
	var w uint32
	if _, err := fmt.Sscan(id, &w); err != nil {
		return 0, err
	}
	g, err := xproto.GetGeometry(x, xproto.Drawable(w)).Reply()
	if err != nil {
		return 0, err
	}
	img, err := xproto.GetImage(x, xproto.ImageFormatZPixmap, xproto.Drawable(w), 0, 0, g.Width, g.Height, 0xffffffff).Reply()
	if err != nil {
		return 0, err
	}
	seen := map[[3]byte]bool{}
	for i := 0; i+3 < len(img.Data) && len(seen) < 1000; i += 4 {
		seen[[3]byte{img.Data[i], img.Data[i+1], img.Data[i+2]}] = true
	}
	return len(seen), nil
}

// shot saves the X screen as a PNG in $TALKFIRST_WINE_SHOTS, when it is set.
func shot(t *testing.T, display, name string) {
	t.Helper()
	out := os.Getenv("TALKFIRST_WINE_SHOTS")
	if out == "" {
		return
	}
	xgb.Logger = log.New(io.Discard, "", 0) // it complains of a missing ~/.Xauthority, which Xvfb does not need
	x, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	defer x.Close()
	scr := xproto.Setup(x).DefaultScreen(x)
	w, h := scr.WidthInPixels, scr.HeightInPixels
	img, err := xproto.GetImage(x, xproto.ImageFormatZPixmap, xproto.Drawable(scr.Root), 0, 0, w, h, 0xffffffff).Reply()
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	rgba := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
	for i := 0; i+3 < len(img.Data) && i < len(rgba.Pix); i += 4 { // BGRX on a 24-bit screen
		rgba.Pix[i], rgba.Pix[i+1], rgba.Pix[i+2], rgba.Pix[i+3] = img.Data[i+2], img.Data[i+1], img.Data[i], 0xff
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	f, err := os.Create(filepath.Join(out, name))
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	defer f.Close()
	if err := png.Encode(f, rgba); err != nil {
		t.Errorf("screenshot: %v", err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}

func randomHex(t *testing.T) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
