package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/talkfirst/talkfirst/agent/words"
)

// launchAgent is the darwin strategy: a LaunchAgent in the user's gui/<uid>
// domain, driven with launchctl's bootstrap, bootout, kickstart and print
// (launchctl(1); "load" and "unload" are the legacy forms). Built on every OS
// so it is tested everywhere with fakes.
//
// Install writes the plist, which launchd loads at the next login; Start
// bootstraps it now (RunAtLoad starts the agent); Stop boots it out, so
// KeepAlive does not bring it back before the next login or Start.
type launchAgent struct {
	cfg Config
	d   deps
	log *slog.Logger
}

func newLaunchAgent(cfg Config, log *slog.Logger, d deps) (*launchAgent, error) {
	if cfg.Method != "" && cfg.Method != MethodLaunchAgent {
		return nil, fmt.Errorf("method %q on darwin: %w", cfg.Method, errors.ErrUnsupported)
	}
	return &launchAgent{cfg: cfg, d: d, log: log}, nil
}

func (a *launchAgent) plistPath() string {
	return filepath.Join(a.cfg.Home, "Library", "LaunchAgents", a.cfg.Label+".plist")
}
func (a *launchAgent) domain() string  { return "gui/" + strconv.Itoa(a.cfg.UID) }
func (a *launchAgent) target() string  { return a.domain() + "/" + a.cfg.Label }
func (a *launchAgent) logPath() string { return logFile(a.cfg, "darwin") }

func (a *launchAgent) launchctl(ctx context.Context, args ...string) (string, error) {
	return a.d.run.run(ctx, nil, "launchctl", args...)
}

// notLoaded reports whether a launchctl error means the job is not loaded:
// exit 3 ("No such process") from bootout, 113 ("Could not find service")
// from print and from bootout on newer systems.
func notLoaded(err error) bool {
	c := exitCode(err)
	return c == 3 || c == 113
}

// print returns the job's launchctl print output; loaded is false when
// launchd does not know the job.
func (a *launchAgent) print(ctx context.Context) (out string, loaded bool, err error) {
	out, err = a.launchctl(ctx, "print", a.target())
	switch {
	case err == nil:
		return out, true, nil
	case notLoaded(err):
		return "", false, nil
	}
	return "", false, err
}

func (a *launchAgent) bootout(ctx context.Context) error {
	if _, err := a.launchctl(ctx, "bootout", a.target()); err != nil && !notLoaded(err) {
		return err
	}
	return nil
}

func (a *launchAgent) Install(ctx context.Context) (Method, error) {
	_, loaded, _ := a.print(ctx)
	if err := writeFile(a.d.fs, a.plistPath(), []byte(LaunchAgentPlist(a.cfg)), 0o644, 0o755); err != nil {
		return MethodLaunchAgent, fmt.Errorf("install %s: %w", MethodLaunchAgent, err)
	}
	// launchd opens the log file but does not create its folder.
	if err := a.d.fs.MkdirAll(logDir(a.cfg, "darwin"), 0o700); err != nil {
		return MethodLaunchAgent, fmt.Errorf("install %s: create log folder: %w", MethodLaunchAgent, err)
	}
	if loaded {
		// Reload so the new plist is what runs.
		if err := a.bootout(ctx); err != nil {
			return MethodLaunchAgent, fmt.Errorf("install %s: %w", MethodLaunchAgent, err)
		}
		if _, err := a.launchctl(ctx, "bootstrap", a.domain(), a.plistPath()); err != nil {
			return MethodLaunchAgent, fmt.Errorf("install %s: %w", MethodLaunchAgent, err)
		}
	}
	a.log.Info("agent installed", "method", MethodLaunchAgent)
	return MethodLaunchAgent, nil
}

func (a *launchAgent) Uninstall(ctx context.Context) error {
	var first firstErr
	first.add(a.bootout(ctx))
	first.add(removeFile(a.d.fs, a.cfg.Home, a.plistPath()))
	first.add(removeFile(a.d.fs, a.cfg.Home, a.logPath()))
	if first.err == nil {
		a.log.Info("agent uninstalled")
	}
	return first.err
}

func (a *launchAgent) Start(ctx context.Context) error {
	if !exists(a.d.fs, a.plistPath()) {
		return ErrNotInstalled
	}
	_, loaded, err := a.print(ctx)
	if err != nil {
		return err
	}
	if loaded {
		// Starts it unless it runs (no -k).
		_, err = a.launchctl(ctx, "kickstart", a.target())
	} else {
		_, err = a.launchctl(ctx, "bootstrap", a.domain(), a.plistPath())
	}
	return err
}

func (a *launchAgent) Stop(ctx context.Context) error { return a.bootout(ctx) }

func (a *launchAgent) Status(ctx context.Context) (Status, error) {
	st := Status{Method: MethodNone}
	if exists(a.d.fs, a.plistPath()) {
		st.Installed, st.Method = true, MethodLaunchAgent
	}
	out, loaded, err := a.print(ctx)
	if err != nil {
		st.Start = words.New(words.StartLaunchdNoAnswer)
		return st, err
	}
	st.Running, st.PID = parseLaunchctlPrint(out)
	switch {
	case st.Installed && loaded:
		st.Start = words.New(words.StartLaunchAgent)
	case st.Installed:
		st.Start = words.New(words.StartLaunchAgentIdle)
	case loaded:
		st.Start = words.New(words.StartLaunchdLeftover)
	default:
		st.Start = words.New(words.StartNotInstalled)
	}
	return st, nil
}

// parseLaunchctlPrint reads the job's own "state = running" and "pid = N"
// lines (one tab deep) from `launchctl print gui/<uid>/<label>`. The format
// is not a stable interface (launchctl(1)); anything else reads as not
// running.
func parseLaunchctlPrint(out string) (running bool, pid int) {
	for line := range strings.Lines(out) {
		line = strings.TrimRight(line, "\r\n")
		if !strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "\t\t") {
			continue
		}
		k, v, ok := strings.Cut(strings.TrimSpace(line), " = ")
		if !ok {
			continue
		}
		switch k {
		case "state":
			running = v == "running"
		case "pid":
			pid, _ = strconv.Atoi(v)
		}
	}
	if !running {
		pid = 0
	}
	return running, pid
}
