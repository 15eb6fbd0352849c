package control

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/service"
	"github.com/talkfirst/talkfirst/agent/store"
)

func TestServiceConfigResolvesLinksAndFolders(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need developer mode on Windows")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "opt", "talkfirst-agent")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "talkfirst-agent")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	cfg, err := ServiceConfig(link, "data")
	if err != nil {
		t.Fatal(err)
	}
	realResolved, _ := filepath.EvalSymlinks(real)
	dirResolved, _ := filepath.EvalSymlinks(dir)
	if cfg.Executable != realResolved {
		t.Errorf("executable %q; want the link resolved to %q", cfg.Executable, realResolved)
	}
	wantArgs := []string{"run", "--data-dir", filepath.Join(dirResolved, "data")}
	if len(cfg.Args) != 3 || cfg.Args[0] != wantArgs[0] || cfg.Args[1] != wantArgs[1] || (cfg.Args[2] != wantArgs[2] && cfg.Args[2] != filepath.Join(dir, "data")) {
		t.Errorf("args %q; want %q", cfg.Args, wantArgs)
	}
	if cfg.Name != ServiceName {
		t.Errorf("name %q", cfg.Name)
	}
	if _, err := ServiceConfig(filepath.Join(dir, "missing"), "data"); err == nil {
		t.Error("a missing agent program gave a configuration")
	}
}

// fakeManager answers Status only.
type fakeManager struct {
	service.Manager
	st  service.Status
	err error
}

func (f fakeManager) Status(context.Context) (service.Status, error) { return f.st, f.err }

func TestIsRunning(t *testing.T) {
	now := time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC)
	st, err := store.Open(t.TempDir(), nil, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	empty := st
	tests := []struct {
		name   string
		m      service.Manager
		sample time.Time
		want   bool
		how    How
	}{
		{"the service runs", fakeManager{st: service.Status{Installed: true, Running: true, PID: 42}}, time.Time{}, true, HowService},
		{"installed, stopped, no samples", fakeManager{st: service.Status{Installed: true}}, time.Time{}, false, ""},
		{"a fresh sample, but nobody holds the lease: it just stopped", fakeManager{st: service.Status{}}, now.Add(-2 * time.Second), false, ""},
		{"a stale sample", fakeManager{st: service.Status{}}, now.Add(-time.Minute), false, ""},
		{"the manager cannot say, a fresh sample, no lease", fakeManager{err: errors.New("no systemd")}, now.Add(-time.Second), false, ""},
		{"no manager, no store data", nil, time.Time{}, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := empty
			if !tc.sample.IsZero() {
				s, err = store.Open(t.TempDir(), nil, store.Options{Now: func() time.Time { return now }})
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				if err := s.WriteTick(ctx, &store.Tick{At: tc.sample, Open: []*store.Interval{{App: "discord", Kind: store.Running, Start: tc.sample, End: tc.sample}}}); err != nil {
					t.Fatal(err)
				}
			}
			got := IsRunning(ctx, tc.m, s, now)
			if got.Running != tc.want || got.How != tc.how {
				t.Errorf("IsRunning = %v by %q; want %v by %q", got.Running, got.How, tc.want, tc.how)
			}
		})
	}
}

// TestIsRunningByLease: an agent that holds the data folder's lease runs,
// though it writes no samples (it waits for the agreement, or is paused)
// and no service manager knows it (it was started by hand).
func TestIsRunningByLease(t *testing.T) {
	now := time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	st, err := store.Open(dir, nil, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if got := IsRunning(ctx, fakeManager{st: service.Status{Installed: true}}, st, now); got.Running {
		t.Fatalf("IsRunning without a lease = %v by %q; want not running", got.Running, got.How)
	}
	l, err := lease.Acquire(dir, now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	for _, tc := range []struct {
		name string
		m    service.Manager
		how  How
	}{
		{"started by hand", fakeManager{st: service.Status{Installed: true}}, HowLease},
		{"no service manager", nil, HowLease},
		{"the service runs and holds it", fakeManager{st: service.Status{Installed: true, Running: true, PID: os.Getpid()}}, HowService},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := IsRunning(ctx, tc.m, st, now)
			if !got.Running || got.How != tc.how || got.Holder.PID != os.Getpid() || !got.Holder.Since.Equal(l.Holder().Since) {
				t.Errorf("IsRunning = %v by %q, holder %+v; want running by %q, holder %+v", got.Running, got.How, got.Holder, tc.how, l.Holder())
			}
		})
	}
}
