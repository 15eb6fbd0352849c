// Package lease makes sure that one agent at a time records a data folder.
// Two agents recording one folder (a service and a `talkfirst-agent run` by
// hand, say) would both write usage intervals, and the summary would add
// their overlapping time: time that never happened.
//
// The agent takes the lease before it opens the store and holds it until it
// stops. The lease is an operating-system lock on the file agent.lock in the
// data folder (flock on Linux and macOS, LockFileEx on Windows), and the
// file names the holder: its pid and when it took the lease. The system
// drops the lock when the holding process ends, however it ends, so the
// lease of an agent that was killed or crashed is free at once, and the
// next agent takes it over; the file it left behind names a holder that no
// longer holds anything.
//
// Who tells whether an agent holds the lease, and which one, without taking
// it: the app and the status command use it.
package lease

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// FileName is the lock file's name inside the data folder.
const FileName = "agent.lock"

// Holder is the agent that holds (or last held) a data folder's lease.
type Holder struct {
	PID   int       `json:"pid"`
	Since time.Time `json:"since"`
}

// HeldError is returned by Acquire when another agent holds the lease. PID
// is zero when the holder could not be read (it took the lease a moment ago
// and has not written its name yet).
type HeldError struct {
	PID   int
	Since time.Time
}

func (e *HeldError) Error() string {
	if e.PID == 0 {
		return "another agent is recording this data folder"
	}
	return fmt.Sprintf("another agent is recording this data folder (pid %d, since %s)", e.PID, e.Since.Format(time.RFC3339))
}

// Lease is a held lease on a data folder. Release it when recording ends.
type Lease struct {
	holder Holder
	path   string

	mu sync.Mutex
	f  *os.File
}

// recordSize is the length every holder record is padded to, so a new
// record overwrites the old one whole and no tail of a longer one is left.
const recordSize = 128

// Acquire takes the lease on the data folder dir, creating the folder and
// the lock file when missing, and writes this process's pid and now into
// the lock file. When another agent holds it, Acquire returns a *HeldError
// naming that agent. Where this system has no file locks it returns an
// error matching errors.ErrUnsupported.
func Acquire(dir string, now time.Time) (*Lease, error) {
	p := filepath.Join(dir, FileName)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("lease %s: %w", p, err)
	}
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lease %s: %w", p, err)
	}
	ok, err := lockExclusive(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lease %s: %w", p, err)
	}
	if !ok {
		h, _ := read(f)
		f.Close()
		return nil, &HeldError{PID: h.PID, Since: h.Since}
	}
	h := Holder{PID: os.Getpid(), Since: now}
	if err := write(f, h); err != nil {
		unlock(f)
		f.Close()
		return nil, fmt.Errorf("lease %s: %w", p, err)
	}
	return &Lease{holder: h, path: p, f: f}, nil
}

// Holder is who holds l: this process, since Acquire.
func (l *Lease) Holder() Holder { return l.holder }

// Release gives the lease up. The lock file stays, naming the last holder,
// so that a new agent never locks a file other than the one a running
// agent holds. Releasing twice does nothing.
func (l *Lease) Release() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if e := l.f.Close(); err == nil {
		err = e
	}
	l.f = nil
	if err != nil {
		return fmt.Errorf("release lease %s: %w", l.path, err)
	}
	return nil
}

// Who reads the holder of dir's lease without taking it. held is true when
// an agent holds the lease now; when none does, the Holder is the one the
// lock file last named (zero when there is none), whose process has ended
// or let go. A folder without a lock file is not held.
func Who(dir string) (h Holder, held bool, err error) {
	p := filepath.Join(dir, FileName)
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return Holder{}, false, nil
	}
	if err != nil {
		return Holder{}, false, fmt.Errorf("read lease %s: %w", p, err)
	}
	defer f.Close()
	// A shared lock for a moment: it is free unless an agent holds the
	// lease. Acquire tells such a moment from a holder (see lockExclusive).
	free, err := tryLock(f, false)
	if err != nil {
		return Holder{}, false, fmt.Errorf("read lease %s: %w", p, err)
	}
	if free {
		unlock(f)
	}
	h, _ = read(f)
	return h, !free, nil
}

// tries bounds how often lockExclusive tries again while only Who holds the
// lock, each time for a moment.
const tries = 100

// lockExclusive takes the exclusive lock on f. It reports false when an
// agent holds it. Who holds a shared lock for a moment; when the exclusive
// lock is refused but a shared one is granted, only such readers were in
// the way, and it tries again.
func lockExclusive(f *os.File) (bool, error) {
	for i := range tries {
		ok, err := tryLock(f, true)
		if ok || err != nil {
			return ok, err
		}
		shared, err := tryLock(f, false)
		if err != nil {
			return false, err
		}
		if !shared {
			return false, nil // an exclusive holder: an agent
		}
		if err := unlock(f); err != nil {
			return false, err
		}
		// Let the reader finish: at once the first few times, then a
		// little later, should it have been descheduled.
		if i < 10 {
			runtime.Gosched()
		} else {
			time.Sleep(time.Millisecond)
		}
	}
	return false, nil
}

// write writes h at the start of f, padded to recordSize.
func write(f *os.File, h Holder) error {
	b, err := json.Marshal(h)
	if err != nil {
		return err
	}
	if len(b) < recordSize-1 {
		b = append(b, bytes.Repeat([]byte(" "), recordSize-1-len(b))...)
	}
	b = append(b, '\n')
	if _, err := f.WriteAt(b, 0); err != nil {
		return err
	}
	if st, err := f.Stat(); err == nil && st.Size() > int64(len(b)) {
		return f.Truncate(int64(len(b)))
	}
	return nil
}

// read reads the holder record at the start of f.
func read(f *os.File) (Holder, error) {
	b := make([]byte, 4*recordSize)
	n, err := f.ReadAt(b, 0)
	if n == 0 && err != nil {
		return Holder{}, err
	}
	return parse(b[:n])
}

// parse reads a holder record: JSON on the first line, padded with spaces.
func parse(b []byte) (Holder, error) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	var h Holder
	if err := json.Unmarshal(bytes.TrimSpace(b), &h); err != nil {
		return Holder{}, fmt.Errorf("read holder: %w", err)
	}
	return h, nil
}
