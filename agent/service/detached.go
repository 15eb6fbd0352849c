package service

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
	"strconv"
	"strings"
)

// detached starts the agent as a child detached from the caller, records
// its pid, and stops it: the start and stop of the xdg-autostart and
// windows-run-key methods, whose login start belongs to the desktop.
type detached struct {
	cfg  Config
	d    deps
	log  *slog.Logger
	goos string // whose default log folder applies
}

func (x *detached) pidPath() string { return pidFile(x.cfg, x.goos) }
func (x *detached) logPath() string { return logFile(x.cfg, x.goos) }

// arg marks this agent's processes: its arguments in order, joined by NUL
// ("run\x00--data-dir\x00/home/sam/.local/share/talkfirst"), so an agent
// started for another data folder is never taken for this one.
func (x *detached) arg() string { return strings.Join(x.cfg.Args, "\x00") }

// pids returns the running agents of this user: the one in the pid file
// first, then any other (one started at login by the desktop has no pid
// file, nor has one started by hand).
func (x *detached) pids() ([]int, error) {
	var pids []int
	if pid := readPID(x.d.fs, x.pidPath()); pid > 0 && x.d.procs.alive(pid, x.cfg.Executable) {
		pids = append(pids, pid)
	}
	found, err := x.d.procs.find(x.cfg.Executable, x.arg())
	for _, p := range found {
		if !slices.Contains(pids, p) {
			pids = append(pids, p)
		}
	}
	if err != nil {
		err = fmt.Errorf("find agent processes: %w", err)
	}
	return pids, err
}

// running reports the first running agent's pid, or 0.
func (x *detached) running() (int, error) {
	pids, err := x.pids()
	if len(pids) > 0 {
		return pids[0], nil // what was found is enough
	}
	return 0, err
}

func (x *detached) start(ctx context.Context) error {
	if pid, err := x.running(); pid > 0 {
		x.log.Info("agent already running", "pid", pid)
		return nil
	} else if err != nil {
		x.log.Warn("cannot tell whether the agent runs", "err", err)
	}
	if err := x.d.fs.MkdirAll(logDir(x.cfg, x.goos), 0o700); err != nil {
		return fmt.Errorf("create log folder: %w", err)
	}
	pid, err := x.d.procs.spawn(spawnSpec{
		exe:  x.cfg.Executable,
		args: x.cfg.Args,
		env:  envList(x.cfg),
		dir:  x.cfg.Home,
		log:  x.logPath(),
	})
	if err != nil {
		return fmt.Errorf("start %s: %w", x.cfg.Executable, err)
	}
	if err := x.d.fs.WriteFile(x.pidPath(), []byte(strconv.Itoa(pid)+"\n"), 0o600); err != nil {
		return fmt.Errorf("write pid file: %w", err)
	}
	x.log.Info("agent started", "pid", pid)
	return nil
}

// stop asks every running agent to end, waits up to stopWait, then ends
// the ones left forcefully, and removes the pid file.
func (x *detached) stop(ctx context.Context) error {
	pids, err := x.pids()
	if len(pids) == 0 {
		if err == nil {
			x.d.fs.Remove(x.pidPath()) // a stale one; a missing one is fine
		}
		return err
	}
	var first firstErr
	asked := 0
	for _, pid := range pids {
		if err := x.d.procs.stop(pid, false); err != nil {
			x.log.Debug("cannot ask agent to stop", "pid", pid, "err", err)
			continue
		}
		asked++
	}
	alive := func() []int {
		return slices.DeleteFunc(slices.Clone(pids), func(p int) bool { return !x.d.procs.alive(p, x.cfg.Executable) })
	}
	wait := x.d.stopWait
	if asked == 0 {
		wait = 0 // nobody is listening; end them now
	}
	if !waitUntil(ctx, wait, x.d.poll, func() bool { return len(alive()) == 0 }) {
		for _, pid := range alive() {
			x.log.Warn("agent did not stop in time; ending it", "pid", pid, "dur", x.d.stopWait)
			first.add(x.d.procs.stop(pid, true))
		}
		if !waitUntil(ctx, x.d.stopWait, x.d.poll, func() bool { return len(alive()) == 0 }) {
			first.add(fmt.Errorf("agent (pid %v) did not stop", alive()))
		}
	}
	if first.err == nil {
		if err := x.d.fs.Remove(x.pidPath()); err != nil && !isNotExist(err) {
			first.add(fmt.Errorf("remove pid file: %w", err))
		}
		x.log.Info("agent stopped", "count", len(pids))
	}
	return first.err
}

// clean stops the agent and removes the pid and log files (uninstall).
func (x *detached) clean(ctx context.Context) error {
	var first firstErr
	first.add(x.stop(ctx))
	first.add(removeFile(x.d.fs, x.cfg.Home, x.pidPath()))
	first.add(removeFile(x.d.fs, x.cfg.Home, x.logPath()))
	return first.err
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
