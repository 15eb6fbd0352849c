// Package control is what the command line and the app both do with the
// agent, written once: the agent's service configuration, the store a
// command opens, and whether the agent is running. agent/cli and
// agent/source (the app's data source) sit on top of it.
package control

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/talkfirst/talkfirst/agent"
	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/service"
	"github.com/talkfirst/talkfirst/agent/store"
)

// ServiceName names the agent's unit, autostart entry, Run value and log file.
const ServiceName = "talkfirst-agent"

// ServiceConfig is the per-user service that runs the agent at exe (a
// talkfirst-agent executable) on the data folder dir. Both paths are made
// absolute and exe's symbolic links are resolved, so the service keeps
// working when a link (such as /usr/bin/talkfirst-agent) moves; on Windows
// the background (no console window) build beside exe is used.
func ServiceConfig(exe, dir string) (service.Config, error) {
	exe, err := filepath.Abs(exe)
	if err != nil {
		return service.Config{}, fmt.Errorf("find talkfirst-agent: %w", err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return service.Config{}, fmt.Errorf("find talkfirst-agent: %w", err)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return service.Config{}, fmt.Errorf("data folder: %w", err)
	}
	return service.Config{
		Name:        ServiceName,
		DisplayName: "TalkFirst agent",
		Description: "Notices which chat apps are installed and how long they are used, as the family agreed. Never reads messages.",
		Executable:  service.BackgroundExecutable(exe),
		Args:        []string{"run", "--data-dir", dir},
	}, nil
}

// Manager is the service manager for the agent at exe on dir.
func Manager(exe, dir string, log *slog.Logger) (service.Manager, error) {
	cfg, err := ServiceConfig(exe, dir)
	if err != nil {
		return nil, err
	}
	return service.New(cfg, log)
}

// Self is this program's own executable (the command line is the agent).
func Self() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find talkfirst-agent: %w", err)
	}
	return exe, nil
}

// ErrNoAgent means the agent program is not next to the app.
var ErrNoAgent = errors.New("the TalkFirst agent program is not next to the app")

// Beside is the talkfirst-agent executable next to this program (the app).
func Beside() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	name := ServiceName
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	p := filepath.Join(filepath.Dir(exe), name)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w (%s)", ErrNoAgent, p)
	}
	return p, nil
}

// How says how the agent is known to run.
type How string

const (
	// HowService: the service manager says it runs.
	HowService How = "service"
	// HowLease: an agent holds the data folder's lease (agent/lease): one
	// started by hand, or inside the app, even while it waits for the
	// agreement or is paused and so writes no samples.
	HowLease How = "lease"
	// HowSampling: something records on this folder, seen by its recent
	// samples (an agent of a version before leases, or a system without
	// them).
	HowSampling How = "sampling"
)

// Running is whether an agent records on a data folder now.
type Running struct {
	Running bool
	How     How
	// Service is what the service manager said; zero when it could not say.
	Service service.Status
	// LastSample is the newest sample in the store; zero when none.
	LastSample time.Time
	// Holder is the agent that holds the data folder's lease, when one does.
	Holder lease.Holder
}

// freshFor is how recent a sample must be for an agent to count as running:
// three default intervals and a second, so a busy computer's late sample
// does not make it look stopped.
const freshFor = 3*agent.DefaultInterval + time.Second

// IsRunning answers "is the agent running" the one way both the command
// line and the app ask it: the service manager's word (m may be nil), or
// else an agent holding the lease of st's data folder (st may be nil).
// Where leases work, a free lease is the last word: an agent that died a
// second ago has fresh samples but records nothing. Only where the lease
// cannot be read is a sample newer than a few intervals at now taken as a
// sign of life.
func IsRunning(ctx context.Context, m service.Manager, st *store.Store, now time.Time) Running {
	var r Running
	if m != nil {
		if s, err := m.Status(ctx); err == nil {
			r.Service = s
			if s.Running {
				r.Running, r.How = true, HowService
			}
		}
	}
	if st == nil {
		return r
	}
	r.LastSample, _ = st.LastSample(ctx)
	h, held, err := lease.Who(filepath.Dir(st.Path()))
	switch {
	case err == nil && held:
		r.Holder = h
		if !r.Running {
			r.Running, r.How = true, HowLease
		}
	case err == nil:
		// nobody holds it: whatever the samples say, nothing records now
	case !r.Running && !r.LastSample.IsZero() && now.Sub(r.LastSample) < freshFor && !r.LastSample.After(now.Add(freshFor)):
		r.Running, r.How = true, HowSampling
	}
	return r
}
