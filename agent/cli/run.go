package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/talkfirst/talkfirst/agent"
	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/service"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name: "run",
		args: "[--data-dir DIR] [--interval DUR] [--root DIR] [--home DIR]",
		run:  runRun,
	})
}

func runRun(o *IO, args []string) error {
	fs := newFlags(o, "run")
	dataDir := dataDirFlag(o, fs)
	interval := fs.Duration("interval", agent.DefaultInterval, "")
	idle := fs.Duration("idle", agent.DefaultIdle, "")
	root := fs.String("root", "", "")
	home := fs.String("home", "", "")
	goos := fs.String("os", "", "")
	logger := logFlagDefault(o, fs, slog.LevelInfo)
	if err := parse(o, fs, "run", args); err != nil {
		return err
	}
	if *interval < 10*time.Millisecond || *interval > time.Hour {
		return usageError{o.helpLang("run", fs, nil).T("cli.run.interval")}
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	if !hasOutput(o.Stderr) {
		// Started without a console or any output (at sign-in on Windows):
		// log where `start` would have sent the output.
		f, err := openLog(service.LogFile("talkfirst-agent", dir))
		if err != nil {
			return err
		}
		defer f.Close()
		o.Stderr = f
	}
	log := logger()
	cfg := agent.Config{DataDir: dir, Interval: *interval, Idle: *idle, Root: *root, Home: *home, OS: catalog.OS(*goos), Log: log}
	a, err := agent.New(cfg)
	if err != nil {
		return err
	}
	err = service.Run("talkfirst-agent", a.Run, log)
	var held *lease.HeldError
	if errors.As(err, &held) {
		// another agent records this folder: say which, as people read it
		return saidError{words.For(o.speak("", dir), time.Now()).Fact(words.LeaseHeldFact(held.PID, held.Since)), err}
	}
	return err
}

// openLog opens the agent's log file for appending, creating its folder.
func openLog(p string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return nil, fmt.Errorf("create log folder: %w", err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open log: %w", err)
	}
	return f, nil
}
