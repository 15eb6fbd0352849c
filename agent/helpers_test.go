package agent_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// The programs the tests start: the agent itself, and a "blocker" that does
// nothing until its standard input closes, copied under the names of chat
// apps so the real process lister sees real processes with those names.
var (
	buildOnce   sync.Once
	buildDir    string
	buildErr    error
	agentBin    string
	blockerBin  string
	testPINHash = mustHash("2468")
)

func mustHash(pin string) consent.PINHash {
	h, err := consent.HashPIN(pin)
	if err != nil {
		panic(err)
	}
	return h
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

const blockerSrc = `package main

import (
	"io"
	"os"
)

// blocker ignores its arguments and waits until standard input closes.
func main() { io.Copy(io.Discard, os.Stdin) }
`

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// build builds the agent and the blocker once per test run.
func build(t *testing.T) {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "talkfirst-agent-test-"); buildErr != nil {
			return
		}
		agentBin = filepath.Join(buildDir, "talkfirst-agent")
		cmd := exec.Command(goTool(), "build", "-o", agentBin, "github.com/talkfirst/talkfirst/cmd/talkfirst-agent")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = &buildError{err, out}
			return
		}
		src := filepath.Join(buildDir, "blocker")
		if buildErr = os.MkdirAll(src, 0o755); buildErr != nil {
			return
		}
		os.WriteFile(filepath.Join(src, "main.go"), []byte(blockerSrc), 0o644)
		os.WriteFile(filepath.Join(src, "go.mod"), []byte("module blocker\n\ngo 1.22\n"), 0o644)
		blockerBin = filepath.Join(buildDir, "blocker-bin")
		cmd = exec.Command(goTool(), "build", "-o", blockerBin, ".")
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = &buildError{err, out}
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + string(e.out) }

// startNamed starts a real process whose executable is called name, with
// args; it ends when the test ends.
func startNamed(t *testing.T, name string, args ...string) *exec.Cmd {
	t.Helper()
	build(t)
	dir := t.TempDir()
	exe := filepath.Join(dir, name)
	data, err := os.ReadFile(blockerBin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

// agree writes a family agreement into the data folder.
func agree(t *testing.T, dir string, now time.Time) {
	t.Helper()
	st, err := store.Open(dir, nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := consent.New(now)
	a.Teen, a.Age, a.Country = "Sam", 14, "NL"
	a.TeenAgreed, a.ParentAgreed, a.PIN = now, now, testPINHash
	if err := consent.Save(context.Background(), st, a, now, words.New(words.AgreementMade, words.Teen())); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond until it holds. The bound only fails a test that would
// otherwise hang; it never tunes behaviour. It is long because `make test`
// builds for Windows and every other target beside the tests, and an agent
// under strace on a loaded 2-core machine once took over a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(4 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond) // polling a condition, not synchronising on time
	}
}

// summary reads the store's summary of the last day.
func summary(t *testing.T, dir string) store.Summary {
	t.Helper()
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	s, err := st.Summary(context.Background(), now.Add(-1000*24*time.Hour), now.Add(1000*24*time.Hour), store.SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func appSeconds(s store.Summary, id string) (fg, run int64) {
	for _, a := range s.Apps {
		if a.ID == id {
			return a.ForegroundSeconds, a.RunningSeconds
		}
	}
	return 0, 0
}
