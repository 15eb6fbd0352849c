package agent_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/store"
)

// The tests in this file run the real agent program, two at a time, on one
// data folder: only one of them may record it.

// startAgent starts the real agent on dir; it is killed when the test ends.
func startAgent(t *testing.T, dir, root string, stderr *syncBuffer) *exec.Cmd {
	t.Helper()
	cmd := agentCmd(dir, root)
	if stderr != nil {
		cmd.Stderr = stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

func agentCmd(dir, root string) *exec.Cmd {
	cmd := exec.Command(agentBin, "run", "--data-dir", dir, "--interval", "20ms", "--root", root, "--home", "/home/sam", "--log-level", "error")
	cmd.Env = append(os.Environ(), "DISPLAY=", "WAYLAND_DISPLAY=", "LANG=en_GB.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	return cmd
}

// waitForHolder waits until the process pid holds dir's lease.
func waitForHolder(t *testing.T, dir string, pid int) lease.Holder {
	t.Helper()
	var h lease.Holder
	waitFor(t, fmt.Sprintf("process %d to hold the lease", pid), func() bool {
		var held bool
		var err error
		h, held, err = lease.Who(dir)
		if err != nil {
			t.Fatal(err)
		}
		return held && h.PID == pid
	})
	return h
}

// runToEnd runs cmd and returns its exit code. An agent that does not end
// by itself (it records when it should have refused) fails the test
// instead of hanging it; the bound is waitFor's.
func runToEnd(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(4 * time.Minute):
		cmd.Process.Kill()
		<-done
		t.Fatal("the second agent did not end: it runs beside the first")
		return -1
	}
}

// TestSecondAgentOnOneFolderIsRefused starts an agent by hand beside one
// that records (as the service does): the second says who records the folder
// and ends, and no time is counted twice.
func TestSecondAgentOnOneFolderIsRefused(t *testing.T) {
	build(t)
	dir := t.TempDir()
	agree(t, dir, time.Now())
	startNamed(t, "Discord")
	root := emptyRoot(t)
	first := startAgent(t, dir, root, nil)
	waitFor(t, "the first agent to record", func() bool { return recorded(t, dir) > 0 })
	h := waitForHolder(t, dir, first.Process.Pid)

	second := agentCmd(dir, root)
	var stderr bytes.Buffer
	second.Stderr = &stderr
	if code := runToEnd(t, second); code != 1 {
		t.Fatalf("the second agent exited %d, want 1; stderr:\n%s", code, stderr.String())
	}
	want := fmt.Sprintf("talkfirst-agent: run: Another TalkFirst agent is already recording this folder (process %d, since ", first.Process.Pid)
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("the second agent said:\n%s\nwant a line starting %q", stderr.String(), want)
	}
	// the first still holds the lease (so it runs) and goes on recording
	if got := waitForHolder(t, dir, first.Process.Pid); !got.Since.Equal(h.Since) {
		t.Errorf("holder since %v, want %v", got.Since, h.Since)
	}
	before := recorded(t, dir)
	waitFor(t, "the first agent to go on recording", func() bool { return recorded(t, dir) > before })
	checkNoOverlap(t, dir)
}

// TestKilledAgentsLeaseIsTakenOver kills the recording agent with SIGKILL:
// it leaves its lock file behind, naming it, but the system dropped its
// lock, so the next agent takes the folder over and records.
func TestKilledAgentsLeaseIsTakenOver(t *testing.T) {
	build(t)
	dir := t.TempDir()
	agree(t, dir, time.Now())
	startNamed(t, "Discord")
	root := emptyRoot(t)
	first := startAgent(t, dir, root, nil)
	waitForHolder(t, dir, first.Process.Pid)
	waitFor(t, "the first agent to record", func() bool { return recorded(t, dir) > 0 })
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	first.Wait()

	h, held, err := lease.Who(dir)
	if err != nil || held || h.PID != first.Process.Pid {
		t.Fatalf("Who after the kill = %+v, held %v, %v; want the killed agent's stale lease", h, held, err)
	}
	before := recorded(t, dir)
	var stderr syncBuffer
	next := startAgent(t, dir, root, &stderr)
	waitForHolder(t, dir, next.Process.Pid)
	waitFor(t, "the next agent to record", func() bool { return recorded(t, dir) > before })
	if strings.Contains(stderr.String(), "already recording") {
		t.Errorf("the next agent was refused:\n%s", stderr.String())
	}
	checkNoOverlap(t, dir)
}

// TestOnlyTheAgentMovesADamagedStoreAside: a report on a damaged store
// leaves the file alone and says so; the agent, holding the lease, keeps it
// aside and starts a fresh store.
func TestOnlyTheAgentMovesADamagedStoreAside(t *testing.T) {
	build(t)
	dir := t.TempDir()
	p := filepath.Join(dir, store.FileName)
	damaged := []byte(strings.Repeat("this is not a database ", 400))
	if err := os.WriteFile(p, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(agentBin, "summary", "--data-dir", dir).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "TalkFirst's saved data is damaged") {
		t.Errorf("summary on a damaged store: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(p); err != nil || !bytes.Equal(b, damaged) {
		t.Fatalf("summary moved or changed the damaged file (%v)", err)
	}

	a := startAgent(t, dir, emptyRoot(t), nil)
	waitForHolder(t, dir, a.Process.Pid)
	var kept []string
	waitFor(t, "the agent to keep the damaged file aside", func() bool {
		kept, _ = filepath.Glob(p + ".corrupt-*")
		return len(kept) == 1
	})
	if b, err := os.ReadFile(kept[0]); err != nil || !bytes.Equal(b, damaged) {
		t.Errorf("the kept file differs from the damaged one (%v)", err)
	}
	waitFor(t, "the fresh store to say it was reset", func() bool {
		st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
		if err != nil {
			return false
		}
		defer st.Close()
		evs, err := st.Events(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour), store.EventStoreReset)
		return err == nil && len(evs) == 1
	})
}

// checkNoOverlap checks that no two intervals of one app and kind overlap:
// one recorder opens one at a time, two would count the same time twice.
func checkNoOverlap(t *testing.T, dir string) {
	t.Helper()
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ivs, err := st.Intervals(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ivs, func(a, b store.Interval) int { return a.Start.Compare(b.Start) })
	last := map[string]store.Interval{}
	for _, iv := range ivs {
		k := iv.App + "/" + string(iv.Kind)
		if prev, ok := last[k]; ok && iv.Start.Before(prev.End) {
			t.Errorf("intervals overlap: %+v and %+v", prev, iv)
		}
		last[k] = iv
	}
}
