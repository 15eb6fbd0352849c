package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/talkfirst/talkfirst/agent/words"
)

// The linux strategies. They are built on every OS so their logic is tested
// everywhere with fakes; service_linux.go wires them to the real system.

// linuxManager installs a systemd user unit when a user manager answers and
// an XDG autostart entry otherwise; Start, Stop and Status follow what is
// installed.
type linuxManager struct {
	cfg Config
	d   deps
	log *slog.Logger
	sd  *systemdUser
	xa  *xdgAutostart
}

func newLinuxManager(cfg Config, log *slog.Logger, d deps) (*linuxManager, error) {
	switch cfg.Method {
	case "", MethodSystemdUser, MethodXDGAutostart:
	default:
		return nil, fmt.Errorf("method %q on linux: %w", cfg.Method, errors.ErrUnsupported)
	}
	configDir := filepath.Join(cfg.Home, ".config")
	if dir := d.getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		configDir = dir // systemd and autostart both look there instead
	}
	det := &detached{cfg: cfg, d: d, log: log, goos: "linux"}
	return &linuxManager{
		cfg: cfg, d: d, log: log,
		sd: &systemdUser{cfg: cfg, d: d, log: log, dir: filepath.Join(configDir, "systemd", "user")},
		xa: &xdgAutostart{cfg: cfg, d: d, log: log, path: filepath.Join(configDir, "autostart", cfg.Name+".desktop"), det: det},
	}, nil
}

// installed returns the method whose files are present.
func (m *linuxManager) installed() Method {
	switch {
	case exists(m.d.fs, m.sd.unitPath()):
		return MethodSystemdUser
	case exists(m.d.fs, m.xa.path):
		return MethodXDGAutostart
	}
	return MethodNone
}

func (m *linuxManager) Install(ctx context.Context) (Method, error) {
	method := m.cfg.Method
	if method == "" {
		method = MethodSystemdUser
		if ok, why := m.sd.reachable(ctx); !ok {
			m.log.Info("no systemd user manager; using xdg autostart", "reason", why)
			method = MethodXDGAutostart
		}
	}
	var err error
	switch method {
	case MethodSystemdUser:
		if err = m.sd.install(ctx); err == nil && exists(m.d.fs, m.xa.path) {
			// One way to start at login, never two agents.
			err = m.xa.uninstall(ctx)
		}
	case MethodXDGAutostart:
		if err = m.xa.install(ctx); err == nil && exists(m.d.fs, m.sd.unitPath()) {
			err = m.sd.uninstall(ctx)
		}
	}
	if err != nil {
		return method, fmt.Errorf("install %s: %w", method, err)
	}
	m.log.Info("agent installed", "method", method)
	return method, nil
}

func (m *linuxManager) Uninstall(ctx context.Context) error {
	var first firstErr
	first.add(m.sd.uninstall(ctx))
	first.add(m.xa.uninstall(ctx))
	if first.err == nil {
		m.log.Info("agent uninstalled")
	}
	return first.err
}

func (m *linuxManager) Start(ctx context.Context) error {
	switch m.installed() {
	case MethodSystemdUser:
		return m.sd.start(ctx)
	case MethodXDGAutostart:
		return m.xa.det.start(ctx)
	}
	return ErrNotInstalled
}

func (m *linuxManager) Stop(ctx context.Context) error {
	if m.installed() == MethodSystemdUser {
		return m.sd.stop(ctx)
	}
	// Autostarted at login, started by Start, or started by hand.
	return m.xa.det.stop(ctx)
}

func (m *linuxManager) Status(ctx context.Context) (Status, error) {
	switch m.installed() {
	case MethodSystemdUser:
		return m.sd.status(ctx)
	case MethodXDGAutostart:
		return m.xa.status(ctx)
	}
	return notInstalledStatus(m.xa.det)
}

// notInstalledStatus is the status with nothing installed, saying whether
// an agent started by hand runs all the same.
func notInstalledStatus(det *detached) (Status, error) {
	st := Status{Method: MethodNone, Start: words.New(words.StartNotInstalled)}
	pid, err := det.running()
	if pid > 0 {
		st.Running, st.PID = true, pid
	}
	return st, err
}

// systemdUser is a systemd user unit (systemd.unit(5), "user units").
type systemdUser struct {
	cfg Config
	d   deps
	log *slog.Logger
	dir string // ~/.config/systemd/user
}

func (s *systemdUser) unitName() string { return s.cfg.Name + ".service" }
func (s *systemdUser) unitPath() string { return filepath.Join(s.dir, s.unitName()) }
func (s *systemdUser) wantsPath() string {
	return filepath.Join(s.dir, "default.target.wants", s.unitName())
}

// runtimeEnv is the environment systemctl --user needs to find the user
// manager: XDG_RUNTIME_DIR, set from /run/user/<uid> when the caller has
// none (run through su or sudo -u, say).
func (s *systemdUser) runtimeEnv() (dir string, env []string) {
	if dir = s.d.getenv("XDG_RUNTIME_DIR"); dir != "" {
		return dir, nil
	}
	dir = "/run/user/" + strconv.Itoa(s.cfg.UID)
	if !exists(s.d.fs, dir) {
		return "", nil
	}
	return dir, []string{"XDG_RUNTIME_DIR=" + dir}
}

func (s *systemdUser) systemctl(ctx context.Context, args ...string) (string, error) {
	_, env := s.runtimeEnv()
	out, err := s.d.run.run(ctx, env, "systemctl", append([]string{"--user"}, args...)...)
	return strings.TrimSpace(out), err
}

// reachable reports whether a systemd user manager answers: `systemctl
// --user is-system-running` names a state (it exits non-zero for
// "degraded", which still answers), or its private socket exists. It says
// why not otherwise.
func (s *systemdUser) reachable(ctx context.Context) (bool, string) {
	out, err := s.systemctl(ctx, "is-system-running")
	if errors.Is(err, exec.ErrNotFound) {
		return false, "systemctl not found"
	}
	state, _, _ := strings.Cut(out, "\n")
	switch state {
	case "running", "degraded", "starting", "initializing", "maintenance", "stopping":
		return true, ""
	}
	if dir, _ := s.runtimeEnv(); dir != "" && exists(s.d.fs, filepath.Join(dir, "systemd", "private")) {
		return true, ""
	}
	why := "systemctl --user is-system-running said " + strconv.Quote(state)
	if err != nil {
		why += ": " + err.Error()
	}
	return false, why
}

// importEnv copies the display variables that are set into the user
// manager, so the agent sees the desktop (see SystemdUnit). Failing is not
// fatal: the agent then reports foreground time as unavailable.
func (s *systemdUser) importEnv(ctx context.Context) {
	var names []string
	for _, n := range []string{"DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"} {
		if s.d.getenv(n) != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return
	}
	if _, err := s.systemctl(ctx, append([]string{"import-environment"}, names...)...); err != nil {
		s.log.Warn("cannot pass the display to the systemd user manager", "err", err)
	}
}

func (s *systemdUser) install(ctx context.Context) error {
	s.importEnv(ctx)
	if err := writeFile(s.d.fs, s.unitPath(), []byte(SystemdUnit(s.cfg)), 0o644, 0o755); err != nil {
		return err
	}
	if _, err := s.systemctl(ctx, "daemon-reload"); err != nil {
		return err
	}
	_, err := s.systemctl(ctx, "enable", s.unitName())
	return err
}

func (s *systemdUser) uninstall(ctx context.Context) error {
	var first firstErr
	had := exists(s.d.fs, s.unitPath())
	if had {
		if _, err := s.systemctl(ctx, "disable", "--now", s.unitName()); err != nil {
			first.add(err)
		}
	}
	// enable's link, in case disable could not run.
	first.add(removeFile(s.d.fs, s.cfg.Home, s.wantsPath()))
	first.add(removeFile(s.d.fs, s.cfg.Home, s.unitPath()))
	if had {
		if _, err := s.systemctl(ctx, "daemon-reload"); err != nil {
			first.add(err)
		}
	}
	return first.err
}

func (s *systemdUser) start(ctx context.Context) error {
	s.importEnv(ctx)
	_, err := s.systemctl(ctx, "start", s.unitName())
	return err
}

func (s *systemdUser) stop(ctx context.Context) error {
	_, err := s.systemctl(ctx, "stop", s.unitName())
	return err
}

func (s *systemdUser) status(ctx context.Context) (Status, error) {
	st := Status{Installed: true, Method: MethodSystemdUser}
	out, err := s.systemctl(ctx, "show", "-p", "LoadState", "-p", "ActiveState", "-p", "SubState",
		"-p", "MainPID", "-p", "UnitFileState", s.unitName())
	if err != nil {
		st.Start = words.New(words.StartSystemdNoAnswer)
		return st, err
	}
	p := parseProperties(out)
	st.Running = p["ActiveState"] == "active" || p["ActiveState"] == "reloading"
	if pid, err := strconv.Atoi(p["MainPID"]); err == nil && pid > 0 && st.Running {
		st.PID = pid
	}
	switch p["UnitFileState"] {
	case "enabled", "enabled-runtime", "linked", "linked-runtime":
		st.Start = words.New(words.StartSystemd)
	case "":
		st.Start = words.New(words.StartSystemdInstalled)
	default:
		st.Start = words.New(words.StartSystemdOff, words.Text(p["UnitFileState"]))
	}
	if !st.Running && p["ActiveState"] == "failed" {
		st.Start = words.New(words.StartSystemdFailed, words.Text(s.unitName()))
	}
	return st, nil
}

// parseProperties parses `systemctl show` output: one Key=value per line.
func parseProperties(out string) map[string]string {
	m := map[string]string{}
	for line := range strings.Lines(out) {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			m[k] = v
		}
	}
	return m
}

// xdgAutostart is an XDG autostart entry: the desktop session starts the
// agent at login; Start and Stop are done here with a detached child.
type xdgAutostart struct {
	cfg  Config
	d    deps
	log  *slog.Logger
	path string // ~/.config/autostart/<name>.desktop
	det  *detached
}

func (x *xdgAutostart) install(ctx context.Context) error {
	return writeFile(x.d.fs, x.path, []byte(AutostartEntry(x.cfg)), 0o644, 0o755)
}

func (x *xdgAutostart) uninstall(ctx context.Context) error {
	var first firstErr
	first.add(x.det.clean(ctx))
	first.add(removeFile(x.d.fs, x.cfg.Home, x.path))
	return first.err
}

func (x *xdgAutostart) status(ctx context.Context) (Status, error) {
	st := Status{Installed: true, Method: MethodXDGAutostart}
	pid, err := x.det.running()
	st.Running, st.PID = pid > 0, pid
	st.Start = words.New(words.StartAutostart)
	if b, rerr := x.d.fs.ReadFile(x.path); rerr == nil && autostartOff(string(b)) {
		// Desktop settings switch an entry off by rewriting it.
		st.Start = words.New(words.StartAutostartOff)
	}
	return st, err
}

// autostartOff reports whether an autostart entry is switched off (Hidden
// or X-GNOME-Autostart-enabled=false).
func autostartOff(entry string) bool {
	for line := range strings.Lines(entry) {
		switch strings.ReplaceAll(strings.TrimSpace(line), " ", "") {
		case "Hidden=true", "X-GNOME-Autostart-enabled=false":
			return true
		}
	}
	return false
}
