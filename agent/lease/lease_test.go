package lease

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// holdEnv, when set to a data folder, makes the test binary a holder: it
// takes the lease there, says "held" on stdout and keeps the lease until its
// standard input closes (or it is killed).
const holdEnv = "TALKFIRST_LEASE_TEST_HOLD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(holdEnv); dir != "" {
		os.Exit(hold(dir))
	}
	os.Exit(m.Run())
}

func hold(dir string) int {
	l, err := Acquire(dir, time.Now())
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("held")
	io.Copy(io.Discard, os.Stdin)
	if err := l.Release(); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	return 0
}

// holder is another process holding the lease on a data folder.
type holder struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	start time.Time // just before it started
	ready time.Time // just after it said it holds the lease
}

// startHolder starts a holder on dir and waits until it holds the lease.
func startHolder(t *testing.T, dir string) *holder {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dir)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	h := &holder{cmd: cmd, stdin: stdin, start: time.Now()}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "held" {
		t.Fatalf("holder said %q, %v; want held", line, err)
	}
	h.ready = time.Now()
	return h
}

func (h *holder) pid() int { return h.cmd.Process.Pid }

// checkNames checks that h names the holder process.
func (h *holder) checkNames(t *testing.T, got Holder) {
	t.Helper()
	if got.PID != h.pid() {
		t.Errorf("holder pid = %d, want %d", got.PID, h.pid())
	}
	if got.Since.Before(h.start) || got.Since.After(h.ready) {
		t.Errorf("holder since = %v, want between %v and %v", got.Since, h.start, h.ready)
	}
}

func TestSecondProcessIsRefusedAndToldWhoHolds(t *testing.T) {
	dir := t.TempDir()
	h := startHolder(t, dir)

	l, err := Acquire(dir, time.Now())
	var held *HeldError
	if !errors.As(err, &held) {
		if l != nil {
			l.Release()
		}
		t.Fatalf("Acquire while another process holds the lease: %v, want a *HeldError", err)
	}
	h.checkNames(t, Holder{PID: held.PID, Since: held.Since})
	if !strings.Contains(err.Error(), fmt.Sprint(h.pid())) {
		t.Errorf("error %q does not name pid %d", err, h.pid())
	}

	who, on, err := Who(dir)
	if err != nil || !on {
		t.Fatalf("Who = %+v, %v, %v; want held", who, on, err)
	}
	h.checkNames(t, who)
}

func TestReleasedLeaseIsFreeForTheNextProcess(t *testing.T) {
	dir := t.TempDir()
	h := startHolder(t, dir)
	h.stdin.Close() // the holder releases and exits cleanly
	if err := h.cmd.Wait(); err != nil {
		t.Fatalf("holder: %v", err)
	}
	who, on, err := Who(dir)
	if err != nil || on {
		t.Fatalf("Who after release = %+v, %v, %v; want not held", who, on, err)
	}
	l, err := Acquire(dir, time.Now())
	if err != nil {
		t.Fatalf("Acquire after release: %v", err)
	}
	l.Release()
}

// TestKilledHolderIsTakenOver kills the holder with SIGKILL (on Windows,
// TerminateProcess): it cannot release anything, and its lock file is left
// naming it. The system drops its lock, so Who calls it stale and the next
// Acquire takes the lease over.
func TestKilledHolderIsTakenOver(t *testing.T) {
	dir := t.TempDir()
	h := startHolder(t, dir)
	if err := h.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	h.cmd.Wait()

	who, on, err := Who(dir)
	if err != nil || on {
		t.Fatalf("Who after the holder was killed = %+v, %v, %v; want not held", who, on, err)
	}
	h.checkNames(t, who) // the leftover file still names the killed process

	now := time.Now()
	l, err := Acquire(dir, now)
	if err != nil {
		t.Fatalf("Acquire after the holder was killed: %v", err)
	}
	defer l.Release()
	who, on, err = Who(dir)
	if err != nil || !on || who.PID != os.Getpid() || !who.Since.Equal(now) {
		t.Errorf("Who after the take-over = %+v, %v, %v; want this process (%d) since %v", who, on, err, os.Getpid(), now)
	}
}

func TestAcquireInOneProcessTwice(t *testing.T) {
	dir := t.TempDir()
	first := time.Date(2026, 12, 4, 19, 46, 0, 0, time.UTC)
	l, err := Acquire(dir, first)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(dir, first.Add(time.Hour))
	var held *HeldError
	if !errors.As(err, &held) || held.PID != os.Getpid() || !held.Since.Equal(first) {
		t.Fatalf("second Acquire = %v (%+v); want a *HeldError naming pid %d since %v", err, held, os.Getpid(), first)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if err := l.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	l, err = Acquire(dir, first.Add(2*time.Hour))
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l.Release()
}

func TestWhoOfAFolderWithoutALease(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not-yet")
	h, on, err := Who(dir)
	if err != nil || on || h != (Holder{}) {
		t.Fatalf("Who = %+v, %v, %v; want nothing", h, on, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Who created the folder: %v", err)
	}
}

func TestAcquireCreatesAPrivateFolderAndFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	l, err := Acquire(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	for p, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, FileName): 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != want && os.PathSeparator == '/' {
			t.Errorf("%s mode = %o, want %o", p, got, want)
		}
	}
}

// TestWhoNeverMakesAcquireFail reads the holder over and over from other
// goroutines while the lease is taken and given back: Who's moment of
// shared lock must never look like a holder to Acquire.
func TestWhoNeverMakesAcquireFail(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir, time.Now()) // create the file
	if err != nil {
		t.Fatal(err)
	}
	l.Release()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, _, err := Who(dir); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	defer func() { close(stop); wg.Wait() }()
	for i := range 300 {
		l, err := Acquire(dir, time.Now())
		if err != nil {
			t.Fatalf("Acquire %d while Who reads: %v", i, err)
		}
		l.Release()
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	since := time.Date(2026, 12, 4, 18, 46, 0, 0, time.UTC)
	rec := func(h Holder) string {
		f, err := os.CreateTemp(t.TempDir(), "rec")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := write(f, h); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(f.Name())
		return string(b)
	}
	written := rec(Holder{PID: 1234, Since: since})
	if len(written) != recordSize {
		t.Errorf("record is %d bytes, want %d", len(written), recordSize)
	}
	tests := []struct {
		name string
		in   string
		want Holder
		ok   bool
	}{
		{"as written", written, Holder{1234, since}, true},
		// a longer record from before, cut short by a crash: only the first line counts
		{"old tail after the line", written + `{"pid":99}`, Holder{1234, since}, true},
		{"no padding", `{"pid":7,"since":"2026-12-04T18:46:00Z"}`, Holder{7, since}, true},
		{"empty", "", Holder{}, false},
		{"half written", `{"pid":12`, Holder{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := parse([]byte(tc.in))
			if (err == nil) != tc.ok || got.PID != tc.want.PID || !got.Since.Equal(tc.want.Since) {
				t.Errorf("parse(%q) = %+v, %v; want %+v, ok %v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

func TestWriteShortensALongerRecord(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(strings.Repeat("x", 3*recordSize)); err != nil {
		t.Fatal(err)
	}
	if err := write(f, Holder{PID: 5}); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	if st.Size() != recordSize {
		t.Errorf("size = %d, want %d", st.Size(), recordSize)
	}
	if h, err := read(f); err != nil || h.PID != 5 {
		t.Errorf("read = %+v, %v", h, err)
	}
}
