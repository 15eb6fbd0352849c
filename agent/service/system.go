package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"time"
)

// systemDeps returns the real command runner, file system and process
// table of this computer.
func systemDeps(cfg Config) deps {
	return deps{
		run:      execRunner{},
		fs:       osFS{},
		procs:    newProcs(cfg),
		reg:      newRegistry(),
		getenv:   os.Getenv,
		stopWait: 10 * time.Second,
		poll:     50 * time.Millisecond,
	}
}

// execRunner runs commands with os/exec.
type execRunner struct{}

// commandError is a command that ran and failed.
type commandError struct {
	cmd    string
	code   int
	stderr string
	err    error
}

func (e *commandError) Error() string {
	if e.stderr != "" {
		return fmt.Sprintf("%s: %v: %s", e.cmd, e.err, e.stderr)
	}
	return fmt.Sprintf("%s: %v", e.cmd, e.err)
}

func (e *commandError) Unwrap() error { return e.err }
func (e *commandError) ExitCode() int { return e.code }

func (execRunner) run(ctx context.Context, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	if len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err == nil {
		return stdout.String(), nil
	}
	line := strings.Join(append([]string{name}, args...), " ")
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return stdout.String(), &commandError{cmd: line, code: ee.ExitCode(), stderr: strings.TrimSpace(stderr.String()), err: err}
	}
	return stdout.String(), fmt.Errorf("%s: %w", line, err)
}

// osFS is the real file system.
type osFS struct{}

func (osFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }
func (osFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(name, data, perm)
}
func (osFS) MkdirAll(name string, perm fs.FileMode) error { return os.MkdirAll(name, perm) }
func (osFS) Remove(name string) error                     { return os.Remove(name) }
func (osFS) Lstat(name string) (fs.FileInfo, error)       { return os.Lstat(name) }
