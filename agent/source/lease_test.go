package source

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/lease"
)

// TestStoreSourceSeesTheAgentThatRecords: an agent started by hand holds
// the data folder's lease, even while it waits for an agreement and so
// samples nothing; the app shows it as running and does not start a second
// one inside itself.
func TestStoreSourceSeesTheAgentThatRecords(t *testing.T) {
	dir := t.TempDir()
	s := NewStoreSource(dir, nil)
	s.AgentPath = "/nonexistent/talkfirst-agent" // no service to ask
	defer s.Close()

	st, err := s.Status(t.Context())
	if err != nil || st.Running {
		t.Fatalf("Status without an agent = %+v, %v; want not running", st, err)
	}
	since := time.Now().Add(-time.Minute)
	l, err := lease.Acquire(dir, since)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	if st, err := s.Status(t.Context()); err != nil || !st.Running {
		t.Errorf("Status while an agent holds the lease = %+v, %v; want running", st, err)
	}
	err = s.RunAgentHere(t.Context())
	var held *lease.HeldError
	if !errors.As(err, &held) || held.PID != os.Getpid() || !held.Since.Equal(since) {
		t.Errorf("RunAgentHere beside a recording agent = %v; want a *lease.HeldError naming it", err)
	}
}
