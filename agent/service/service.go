// Package service installs, starts, stops and removes talkfirst-agent as a
// per-user background program, and runs the agent's body under a service
// manager (github.com/kardianos/service) or from a terminal.
//
// The agent must run as the logged-in user, inside that user's desktop
// session, because it reads which window is in front. So every strategy here
// is per user and needs no administrator rights:
//
//   - linux: a systemd user unit (~/.config/systemd/user/<name>.service,
//     wanted by default.target) when a systemd user manager answers; otherwise
//     an XDG autostart entry (~/.config/autostart/<name>.desktop), with start
//     and stop done by this package (a detached child and a pid file).
//   - darwin: a LaunchAgent (~/Library/LaunchAgents/<label>.plist) in the
//     gui/<uid> domain, driven with launchctl bootstrap, bootout and print.
//   - windows: a value under HKCU\Software\Microsoft\Windows\CurrentVersion\Run,
//     which starts the agent at logon in the user's session. A Windows service
//     would run in Session 0 and never see the desktop (Microsoft, "Session 0
//     isolation"), and kardianos/service has no per-user mode on Windows.
//
// kardianos/service is used where it fits: telling a service-manager start
// from a terminal start, and the Windows service control protocol, in Run.
// Its installers are not used: on linux it writes WantedBy=multi-user.target
// for user services, which a user manager never reaches (see SystemdUnit), it
// reads the home folder from the process rather than Config.Home, and it runs
// systemctl and launchctl itself, which tests cannot replace.
//
// Every command and file operation goes through small interfaces (runner,
// fileSystem, procs, userRegistry), so each strategy's logic is tested on every OS
// with fakes; the unit texts are pure functions.
package service

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

// Config says what to install and for whom.
type Config struct {
	Name        string // "talkfirst-agent": unit, entry, Run-value and log-file name
	DisplayName string // "TalkFirst agent"
	Description string

	// Executable is the absolute path of talkfirst-agent.
	Executable string
	// Args are the agent's arguments, e.g. ["run"] (plus "--data-dir", DIR
	// when not default). The first one is also how a running agent is
	// recognised among this user's processes (xdg-autostart,
	// windows-run-key).
	Args []string
	// Env is extra environment, e.g. TALKFIRST_DATA_DIR. On windows the Run
	// key cannot carry it: pass the data folder in Args there.
	Env map[string]string

	// Home is the user's home folder; empty means os.UserHomeDir. Every file
	// this package writes is under it unless LogDir, the data folder or
	// $XDG_CONFIG_HOME (linux; honoured as systemd and desktops do) say
	// otherwise. Uninstall removes the folders it leaves empty, up to Home.
	Home string
	// UID is the user id for launchctl's gui/<uid> domain and for finding
	// this user's processes; 0 means os.Getuid().
	UID int

	// Method forces a strategy (tests, an admin's choice); empty picks one
	// for this OS and session. Only the methods of the running OS are valid.
	Method Method
	// Label is the launchd label (darwin); empty means Name.
	Label string
	// LogDir is where the agent's standard output and error go when this
	// package or launchd starts it, with the pid file (xdg-autostart,
	// windows-run-key). Empty means "logs" under the data folder when Args
	// (--data-dir) or Env (TALKFIRST_DATA_DIR) name one, else a per-user
	// folder under Home: ~/.local/state/talkfirst (linux),
	// ~/Library/Logs/TalkFirst (darwin), ~\AppData\Local\TalkFirst\logs
	// (windows).
	LogDir string
}

// Method is how the agent is started for the user.
type Method string

// Methods.
const (
	MethodSystemdUser   Method = "systemd-user"    // systemd user unit (linux)
	MethodXDGAutostart  Method = "xdg-autostart"   // ~/.config/autostart entry (linux)
	MethodLaunchAgent   Method = "launchagent"     // ~/Library/LaunchAgents plist (darwin)
	MethodWindowsRunKey Method = "windows-run-key" // HKCU ...\CurrentVersion\Run value (windows)
	MethodNone          Method = "none"            // not installed
)

// Status is what Status found.
type Status struct {
	Installed bool
	Method    Method // MethodNone when not installed
	Running   bool
	PID       int // 0 when unknown or not running
	// Start says how the agent starts at login (words.Start* codes), for
	// the status command and the desktop app to put into words.
	Start words.Fact
}

// Manager installs and controls the agent for the current user.
type Manager interface {
	// Install sets the agent up to start at login and says which method was
	// used. It does not start the agent (see Start), except that on darwin a
	// job launchd already has loaded is reloaded with the new plist.
	// Installing again rewrites the files, so a moved executable or new
	// arguments take effect; on linux it also removes the other method's
	// files, so the agent never starts twice.
	Install(ctx context.Context) (Method, error)
	// Uninstall stops the agent and removes everything Install and Start
	// wrote, for every method of this OS. It is best effort: it runs every
	// step and returns the first error. Uninstalling what is not installed
	// is not an error.
	Uninstall(ctx context.Context) error
	// Start starts the installed agent now. Starting a running agent is not
	// an error. It returns ErrNotInstalled when nothing is installed.
	Start(ctx context.Context) error
	// Stop stops the agent now (it starts again at the next login). Stopping
	// an agent that is not running is not an error.
	Stop(ctx context.Context) error
	// Status says whether the agent is installed, how, and whether it runs.
	Status(ctx context.Context) (Status, error)
}

// ErrNotInstalled is returned by Start when the agent is not installed.
var ErrNotInstalled = errors.New("agent is not installed")

// New returns the Manager for this OS and session. The linux strategy
// (systemd user unit or XDG autostart) is picked at Install, when a systemd
// user manager does or does not answer; Status, Start and Stop follow what is
// installed.
func New(cfg Config, log *slog.Logger) (Manager, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := cfg.normalize()
	if err != nil {
		return nil, err
	}
	return newManager(cfg, log.With("component", "service"), systemDeps(cfg))
}

// deps is everything a strategy touches outside the process.
type deps struct {
	run    runner
	fs     fileSystem
	procs  procs
	reg    userRegistry // windows only
	getenv func(string) string
	// stopWait bounds how long Stop waits for the agent to end after asking
	// it to, before ending it forcefully; poll is the check interval.
	stopWait time.Duration
	poll     time.Duration
}

// runner runs a command and returns its standard output. When the command
// fails the error includes its standard error, and implements
// ExitCode() int when the command ran and exited non-zero.
type runner interface {
	run(ctx context.Context, env []string, name string, args ...string) (string, error)
}

// fileSystem is the part of the file system the strategies use; paths are
// absolute.
type fileSystem interface {
	ReadFile(name string) ([]byte, error)
	WriteFile(name string, data []byte, perm fs.FileMode) error
	MkdirAll(name string, perm fs.FileMode) error
	Remove(name string) error // a folder only when empty
	Lstat(name string) (fs.FileInfo, error)
}

// spawnSpec is a program to start detached from the caller.
type spawnSpec struct {
	exe  string
	args []string
	env  []string // added to this process's environment
	dir  string   // working folder
	log  string   // standard output and error are appended here
}

// procs finds, starts and stops agent processes of this user.
type procs interface {
	// spawn starts s detached (own session, no terminal, stdin from the null
	// device) and returns its pid. It does not wait for it.
	spawn(s spawnSpec) (int, error)
	// find returns the pids of this user's live processes running exe (or a
	// program with exe's file name) with arg among their arguments ("" for
	// any). The caller's own process is never included.
	find(exe, arg string) ([]int, error)
	// alive reports whether pid is a live process running exe.
	alive(pid int, exe string) bool
	// stop asks pid to end (force false) or ends it at once (force true).
	stop(pid int, force bool) error
}

// exitCoder is implemented by runner errors for commands that exited non-zero.
type exitCoder interface{ ExitCode() int }

// exitCode returns the exit code carried by err, or -1.
func exitCode(err error) int {
	var ec exitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return -1
}

// normalize fills defaults and rejects what no strategy can write safely.
func (c Config) normalize() (Config, error) {
	if c.Name == "" {
		return c, errors.New("service config: name is empty")
	}
	if strings.ContainsAny(c.Name, `/\:*?"<>| `) || strings.HasPrefix(c.Name, ".") {
		return c, fmt.Errorf("service config: name %q is not a plain file name", c.Name)
	}
	if c.DisplayName == "" {
		c.DisplayName = c.Name
	}
	if c.Label == "" {
		c.Label = c.Name
	}
	if !isAbs(c.Executable) {
		return c, fmt.Errorf("service config: executable %q is not an absolute path", c.Executable)
	}
	if strings.Contains(c.Executable, `"`) {
		return c, fmt.Errorf("service config: executable %q contains a quote", c.Executable)
	}
	if c.Home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return c, fmt.Errorf("service config: home folder: %w", err)
		}
		c.Home = h
	}
	if !isAbs(c.Home) {
		return c, fmt.Errorf("service config: home %q is not an absolute path", c.Home)
	}
	if c.UID == 0 {
		c.UID = os.Getuid()
	}
	texts := append([]string{c.Name, c.DisplayName, c.Description, c.Executable, c.Home, c.Label, c.LogDir}, c.Args...)
	for k, v := range c.Env {
		if k == "" || strings.ContainsAny(k, "= ") {
			return c, fmt.Errorf("service config: environment name %q is not valid", k)
		}
		texts = append(texts, k, v)
	}
	for _, s := range texts {
		if strings.ContainsFunc(s, isControl) {
			return c, fmt.Errorf("service config: %q contains a control character", s)
		}
	}
	if d := dataDir(c); d != "" && !isAbs(d) {
		// The agent starts with a working folder of the manager's choosing.
		return c, fmt.Errorf("service config: data folder %q is not an absolute path", d)
	}
	if c.LogDir != "" && !isAbs(c.LogDir) {
		return c, fmt.Errorf("service config: log folder %q is not an absolute path", c.LogDir)
	}
	return c, nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// isAbs accepts both slash and Windows absolute paths, so configs for every
// OS can be checked (and their texts tested) on any OS.
func isAbs(p string) bool {
	if strings.HasPrefix(p, "/") || filepath.IsAbs(p) {
		return true
	}
	// C:\ or C:/ and \\server\share
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') || strings.HasPrefix(p, `\\`)
}

// dataEnv is the environment variable that names the agent's data folder
// (DESIGN.md, CLI contract).
const dataEnv = "TALKFIRST_DATA_DIR"

// dataDir returns the data folder named by --data-dir in Args or by
// TALKFIRST_DATA_DIR in Env, or "".
func dataDir(c Config) string {
	for i, a := range c.Args {
		for _, f := range []string{"--data-dir", "-data-dir"} {
			if a == f && i+1 < len(c.Args) {
				return c.Args[i+1]
			}
			if v, ok := strings.CutPrefix(a, f+"="); ok {
				return v
			}
		}
	}
	return c.Env[dataEnv]
}

// logDir returns where the agent's log and pid files go when the strategy
// for goos runs (see Config.LogDir). Paths use this OS's separator.
func logDir(c Config, goos string) string {
	if c.LogDir != "" {
		return c.LogDir
	}
	if d := dataDir(c); d != "" {
		return filepath.Join(d, "logs")
	}
	switch goos {
	case "windows":
		return filepath.Join(c.Home, "AppData", "Local", "TalkFirst", "logs")
	case "darwin":
		return filepath.Join(c.Home, "Library", "Logs", "TalkFirst")
	default:
		return filepath.Join(c.Home, ".local", "state", "talkfirst")
	}
}

func logFile(c Config, goos string) string { return filepath.Join(logDir(c, goos), c.Name+".log") }
func pidFile(c Config, goos string) string { return filepath.Join(logDir(c, goos), c.Name+".pid") }

// envList returns c.Env as sorted KEY=value pairs.
func envList(c Config) []string {
	var l []string
	for k, v := range c.Env {
		l = append(l, k+"="+v)
	}
	slices.Sort(l)
	return l
}

// writeFile writes data to name, creating its folder (mode dirPerm) first.
func writeFile(fsys fileSystem, name string, data []byte, perm, dirPerm fs.FileMode) error {
	if err := fsys.MkdirAll(filepath.Dir(name), dirPerm); err != nil {
		return fmt.Errorf("create folder for %s: %w", name, err)
	}
	if err := fsys.WriteFile(name, data, perm); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// exists reports whether name exists (a dangling symlink counts).
func exists(fsys fileSystem, name string) bool {
	_, err := fsys.Lstat(name)
	return err == nil
}

// removeFile removes name and then every folder between it and home that
// the removal left empty, so an uninstall leaves home as it found it. A
// missing file is not an error. Folders outside home are left alone.
//
// A folder that was already empty before install (say ~/.config/autostart)
// is removed too; nothing reads an empty one.
func removeFile(fsys fileSystem, home, name string) error {
	if err := fsys.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	pruneDirs(fsys, home, filepath.Dir(name))
	return nil
}

// pruneDirs removes dir and its parents while they are empty and strictly
// inside home.
func pruneDirs(fsys fileSystem, home, dir string) {
	home = filepath.Clean(home)
	for {
		dir = filepath.Clean(dir)
		rel, err := filepath.Rel(home, dir)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return
		}
		if fsys.Remove(dir) != nil { // not empty, gone, or not ours to remove
			if exists(fsys, dir) {
				return
			}
		}
		dir = filepath.Dir(dir)
	}
}

// firstErr collects the first of several errors (best-effort teardown).
type firstErr struct{ err error }

func (f *firstErr) add(err error) {
	if f.err == nil && err != nil {
		f.err = err
	}
}

// readPID returns the pid recorded in the pid file, or 0.
func readPID(fsys fileSystem, name string) int {
	b, err := fsys.ReadFile(name)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// waitUntil polls cond every poll until it is true or wait has passed or ctx
// ends, and reports whether cond became true.
func waitUntil(ctx context.Context, wait, poll time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(wait)
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		select {
		case <-ctx.Done():
			return cond()
		case <-t.C:
		}
	}
}

// hasArgs reports whether args hold arg: one argument, or several in order
// joined by NUL (see detached.arg). An empty arg matches anything.
func hasArgs(args []string, arg string) bool {
	if arg == "" {
		return true
	}
	return strings.Contains("\x00"+strings.Join(args, "\x00")+"\x00", "\x00"+arg+"\x00")
}

// LogFile is the log of the agent called name that records into dataDir:
// where Start points a started agent's output, and where an agent that was
// started without any output of its own (at sign-in, from the Run key) logs.
func LogFile(name, dataDir string) string {
	return logFile(Config{Name: name, Args: []string{"run", "--data-dir", dataDir}}, runtime.GOOS)
}

// BackgroundExecutable returns the program to start at sign-in for the
// agent's command line exe. On Windows that is talkfirst-agentw.exe beside
// talkfirst-agent.exe when it is there: the same agent built without a
// console (-H windowsgui), because Windows opens a console window for a
// console program started at sign-in. Elsewhere, and when there is no such
// file, it is exe itself.
func BackgroundExecutable(exe string) string {
	return backgroundExecutable(runtime.GOOS, exe, func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	})
}

func backgroundExecutable(goos, exe string, exists func(string) bool) string {
	if goos != "windows" {
		return exe
	}
	i := strings.LastIndexAny(exe, `/\`) + 1 // a Windows path, also when tested elsewhere
	dir, base := exe[:i], exe[i:]
	stem, ok := strings.CutSuffix(strings.ToLower(base), ".exe")
	if !ok || strings.HasSuffix(stem, "w") {
		return exe
	}
	w := dir + base[:len(stem)] + "w" + base[len(stem):]
	if exists(w) {
		return w
	}
	return exe
}
