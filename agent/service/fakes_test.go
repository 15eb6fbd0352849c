package service

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// reply is a fake command's answer.
type reply struct {
	out  string
	code int   // non-zero: the command ran and failed
	err  error // the command could not run
}

// fakeRunner records commands and answers from replies (empty success for
// anything not listed). hook, when set, runs first (side effects such as
// the link `systemctl enable` makes).
type fakeRunner struct {
	calls   []string
	envs    [][]string
	replies map[string]reply
	hook    func(line string)
}

func (f *fakeRunner) run(ctx context.Context, env []string, name string, args ...string) (string, error) {
	line := strings.Join(append([]string{name}, args...), " ")
	f.calls = append(f.calls, line)
	f.envs = append(f.envs, env)
	if f.hook != nil {
		f.hook(line)
	}
	r := f.replies[line]
	switch {
	case r.err != nil:
		return r.out, fmt.Errorf("%s: %w", line, r.err)
	case r.code != 0:
		return r.out, &commandError{cmd: line, code: r.code, err: fmt.Errorf("exit status %d", r.code)}
	}
	return r.out, nil
}

// fakeProcs is a process table: spawn adds a live pid (and creates the log
// file, as the real one does), stop ends it unless it is stubborn.
type fakeProcs struct {
	t        *testing.T
	live     map[int]bool
	next     int
	spawned  []spawnSpec
	stops    []string // "pid" or "pid!" (forced)
	stubborn map[int]bool
	deaf     bool // graceful stops fail (nobody listens)
}

func newFakeProcs(t *testing.T) *fakeProcs {
	return &fakeProcs{t: t, live: map[int]bool{}, next: 1000, stubborn: map[int]bool{}}
}

func (p *fakeProcs) spawn(s spawnSpec) (int, error) {
	if err := os.WriteFile(s.log, nil, 0o600); err != nil {
		return 0, err
	}
	p.next++
	p.live[p.next] = true
	p.spawned = append(p.spawned, s)
	return p.next, nil
}

func (p *fakeProcs) find(exe, arg string) ([]int, error) {
	return slices.Sorted(maps.Keys(p.live)), nil
}

func (p *fakeProcs) alive(pid int, exe string) bool { return p.live[pid] }

func (p *fakeProcs) stop(pid int, force bool) error {
	if force {
		p.stops = append(p.stops, fmt.Sprintf("%d!", pid))
		delete(p.live, pid)
		return nil
	}
	p.stops = append(p.stops, fmt.Sprint(pid))
	if p.deaf {
		return errors.New("nobody listens")
	}
	if !p.stubborn[pid] {
		delete(p.live, pid)
	}
	return nil
}

// faultyFS is the real file system with chosen operations failing:
// fail["write "+path] (also "mkdir", "remove").
type faultyFS struct {
	osFS
	fail map[string]error
}

func (f faultyFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	if err := f.fail["write "+name]; err != nil {
		return err
	}
	return f.osFS.WriteFile(name, data, perm)
}

func (f faultyFS) MkdirAll(name string, perm fs.FileMode) error {
	if err := f.fail["mkdir "+name]; err != nil {
		return err
	}
	return f.osFS.MkdirAll(name, perm)
}

func (f faultyFS) Remove(name string) error {
	if err := f.fail["remove "+name]; err != nil {
		return err
	}
	return f.osFS.Remove(name)
}

// fakeRegistry is HKEY_CURRENT_USER in a map keyed by `key\name`.
type fakeRegistry struct {
	strings map[string]string
	binary  map[string][]byte
	failSet error
}

func newFakeRegistry() *fakeRegistry {
	return &fakeRegistry{strings: map[string]string{}, binary: map[string][]byte{}}
}

func (r *fakeRegistry) stringValue(key, name string) (string, bool, error) {
	v, ok := r.strings[key+`\`+name]
	return v, ok, nil
}

func (r *fakeRegistry) binaryValue(key, name string) ([]byte, bool, error) {
	v, ok := r.binary[key+`\`+name]
	return v, ok, nil
}

func (r *fakeRegistry) setString(key, name, value string) error {
	if r.failSet != nil {
		return r.failSet
	}
	r.strings[key+`\`+name] = value
	return nil
}

func (r *fakeRegistry) deleteValue(key, name string) error {
	delete(r.strings, key+`\`+name)
	delete(r.binary, key+`\`+name)
	return nil
}

// fakeDeps returns deps of fakes over the real file system.
func fakeDeps(t *testing.T, env map[string]string) (deps, *fakeRunner, *fakeProcs) {
	r := &fakeRunner{replies: map[string]reply{}}
	p := newFakeProcs(t)
	return deps{
		run:      r,
		fs:       osFS{},
		procs:    p,
		reg:      newFakeRegistry(),
		getenv:   func(k string) string { return env[k] },
		stopWait: 100 * time.Millisecond,
		poll:     time.Millisecond,
	}, r, p
}

// testLog logs to the test.
func testLog(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(b []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSuffix(string(b), "\n"))
	return len(b), nil
}

// tree lists every path under root, relative and slash-separated, with "/"
// after folders and "@" after symlinks.
func tree(t *testing.T, root string) []string {
	t.Helper()
	var l []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "." {
			return nil
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			rel += "@"
		case d.IsDir():
			rel += "/"
		}
		l = append(l, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// added returns what after has and before lacks.
func added(before, after []string) []string {
	return slices.DeleteFunc(slices.Clone(after), func(s string) bool { return slices.Contains(before, s) })
}

func equalTree(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func equalCalls(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("commands:\n got %q\nwant %q", got, want)
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
