package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"

	"github.com/talkfirst/talkfirst/agent/words"
)

// The windows strategy: a value under the user's Run key starts the agent at
// logon, inside the user's session. Built on every OS so it is tested
// everywhere with a fake registry; registry_windows.go is the real one.

// Keys under HKEY_CURRENT_USER.
const (
	runKeyPath = `Software\Microsoft\Windows\CurrentVersion\Run`
	// Task Manager's Startup tab and Settings > Apps > Startup switch a Run
	// value off here, by the same value name, without touching the Run key.
	startupApprovedPath = `Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run`
)

// maxRunCommand is the longest command line a Run value may hold
// (learn.microsoft.com/windows/win32/setupapi/run-and-runonce-registry-keys:
// "a command line no longer than 260 characters").
const maxRunCommand = 260

// userRegistry reads and writes values under HKEY_CURRENT_USER.
type userRegistry interface {
	// stringValue returns a string value; ok is false when it is missing.
	stringValue(key, name string) (v string, ok bool, err error)
	// binaryValue returns a binary value; ok is false when it is missing.
	binaryValue(key, name string) (v []byte, ok bool, err error)
	// setString writes a REG_SZ value, creating the key if needed.
	setString(key, name, value string) error
	// deleteValue removes a value; a missing one is not an error.
	deleteValue(key, name string) error
}

type runKey struct {
	cfg Config
	d   deps
	log *slog.Logger
	det *detached
}

func newRunKey(cfg Config, log *slog.Logger, d deps) (*runKey, error) {
	if cfg.Method != "" && cfg.Method != MethodWindowsRunKey {
		return nil, fmt.Errorf("method %q on windows: %w", cfg.Method, errors.ErrUnsupported)
	}
	if d.reg == nil {
		return nil, fmt.Errorf("user registry: %w", errors.ErrUnsupported)
	}
	return &runKey{cfg: cfg, d: d, log: log, det: &detached{cfg: cfg, d: d, log: log, goos: "windows"}}, nil
}

func (r *runKey) Install(ctx context.Context) (Method, error) {
	cmd := WindowsRunCommand(r.cfg)
	if len(cmd) > maxRunCommand {
		return MethodWindowsRunKey, fmt.Errorf("install %s: command line is %d characters, the Run key allows %d", MethodWindowsRunKey, len(cmd), maxRunCommand)
	}
	if len(r.cfg.Env) > 0 {
		// The value is a bare command line; pass the data folder in Args.
		r.log.Warn("run key cannot carry environment; it is left out at login", "count", len(r.cfg.Env),
			"names", slices.Sorted(maps.Keys(r.cfg.Env)))
	}
	if err := r.d.reg.setString(runKeyPath, r.cfg.Name, cmd); err != nil {
		return MethodWindowsRunKey, fmt.Errorf("install %s: %w", MethodWindowsRunKey, err)
	}
	r.log.Info("agent installed", "method", MethodWindowsRunKey)
	return MethodWindowsRunKey, nil
}

func (r *runKey) Uninstall(ctx context.Context) error {
	var first firstErr
	first.add(r.det.clean(ctx))
	first.add(r.d.reg.deleteValue(runKeyPath, r.cfg.Name))
	first.add(r.d.reg.deleteValue(startupApprovedPath, r.cfg.Name))
	if first.err == nil {
		r.log.Info("agent uninstalled")
	}
	return first.err
}

func (r *runKey) installed() (bool, error) {
	_, ok, err := r.d.reg.stringValue(runKeyPath, r.cfg.Name)
	return ok, err
}

func (r *runKey) Start(ctx context.Context) error {
	ok, err := r.installed()
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotInstalled
	}
	return r.det.start(ctx)
}

func (r *runKey) Stop(ctx context.Context) error { return r.det.stop(ctx) }

func (r *runKey) Status(ctx context.Context) (Status, error) {
	v, ok, err := r.d.reg.stringValue(runKeyPath, r.cfg.Name)
	if err != nil {
		return Status{Method: MethodNone, Start: words.New(words.StartRegistryUnread)}, err
	}
	if !ok {
		return notInstalledStatus(r.det)
	}
	st := Status{Installed: true, Method: MethodWindowsRunKey}
	pid, err := r.det.running()
	st.Running, st.PID = pid > 0, pid
	st.Start = words.New(words.StartRunKey)
	if b, ok, _ := r.d.reg.binaryValue(startupApprovedPath, r.cfg.Name); ok && startupDisabled(b) {
		st.Start = words.New(words.StartRunKeyOff)
	} else if v != WindowsRunCommand(r.cfg) {
		st.Start = words.New(words.StartRunKeyOther)
	}
	return st, err
}

// startupDisabled reads a StartupApproved value: 12 bytes whose first byte
// is even (02) when the entry is on and odd (03, 63 seen) when the user
// switched it off. The layout is undocumented; this is what Task Manager was
// traced writing (superuser.com question 1766797, 2023).
func startupDisabled(b []byte) bool { return len(b) > 0 && b[0]&1 == 1 }
