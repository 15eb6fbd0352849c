package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"
)

// fakeAgentEnv makes the test binary act as the agent (see TestMain), so
// the real start and stop tests have a real program to run.
const fakeAgentEnv = "TALKFIRST_SERVICE_FAKE_AGENT"

func TestMain(m *testing.M) {
	if os.Getenv(fakeAgentEnv) == "1" {
		os.Exit(fakeAgent())
	}
	os.Exit(m.Run())
}

// fakeAgent runs until stopped, through Run, saying so on stdout (the log
// file when started detached).
func fakeAgent() int {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	err := Run("talkfirst-agent-test", func(ctx context.Context) error {
		fmt.Println("fake agent running")
		<-ctx.Done()
		fmt.Println("fake agent stopping")
		return ctx.Err()
	}, log)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake agent:", err)
		return 1
	}
	return 0
}

// From a terminal (go test's child), Run runs fn directly and returns its
// result.
func TestRunDirect(t *testing.T) {
	boom := errors.New("boom")
	if err := Run("talkfirst-agent-test", func(context.Context) error { return boom }, testLog(t)); !errors.Is(err, boom) {
		t.Errorf("Run = %v, want boom", err)
	}
	if err := Run("talkfirst-agent-test", func(context.Context) error { return context.Canceled }, nil); err != nil {
		t.Errorf("Run = %v, want a clean stop", err)
	}
}

// The kardianos adapter: Start does not block, Stop cancels fn and returns
// its result; fn ending by itself ends the wait.
func TestProgram(t *testing.T) {
	started := make(chan struct{})
	p := &program{log: testLog(t), fn: func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}}
	if err := p.Start(nil); err != nil {
		t.Fatal(err)
	}
	<-started
	if err := p.Stop(nil); err != nil {
		t.Errorf("Stop = %v, want nil after a cancelled fn", err)
	}

	boom := errors.New("boom")
	p = &program{log: testLog(t), fn: func(ctx context.Context) error { return boom }}
	p.Start(nil)
	waited := make(chan struct{})
	go func() { p.wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("wait did not return when fn ended")
	}
	if err := p.Stop(nil); !errors.Is(err, boom) {
		t.Errorf("Stop = %v, want boom", err)
	}
}
