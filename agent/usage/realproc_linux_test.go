package usage

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// The helper program: it waits on stdin and, when told "exec <path>",
// replaces itself with that program (same pid, same start time).
const helperSrc = `package main

import (
	"bufio"
	"os"
	"strings"
	"syscall"
)

func main() {
	r := bufio.NewReader(os.Stdin)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if p, ok := strings.CutPrefix(strings.TrimSpace(line), "exec "); ok {
			syscall.Exec(p, []string{p}, os.Environ())
		}
	}
}
`

var (
	helperOnce sync.Once
	helperPath string
	helperErr  error
)

// buildHelper builds the helper program once per test run.
func buildHelper(t *testing.T) string {
	t.Helper()
	helperOnce.Do(func() {
		dir, err := os.MkdirTemp("", "talkfirst-usage-helper-")
		if err != nil {
			helperErr = err
			return
		}
		atExit = append(atExit, func() { os.RemoveAll(dir) })
		if helperErr = os.WriteFile(filepath.Join(dir, "main.go"), []byte(helperSrc), 0o600); helperErr != nil {
			return
		}
		if helperErr = os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module helper\n\ngo 1.22\n"), 0o600); helperErr != nil {
			return
		}
		helperPath = filepath.Join(dir, "helper")
		cmd := exec.Command(goTool(), "build", "-o", helperPath, ".")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=-buildvcs=false")
		if out, err := cmd.CombinedOutput(); err != nil {
			helperErr = &buildError{err, string(out)}
		}
	})
	if helperErr != nil {
		t.Skipf("cannot build the helper program: %v", helperErr)
	}
	return helperPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

// started is a running helper under some name.
type started struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// startAs copies the helper to dir/name and starts it with args.
func startAs(t *testing.T, helper, dir, name string, args ...string) *started {
	t.Helper()
	p := filepath.Join(dir, name)
	b, err := os.ReadFile(helper)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o700); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(p, args...)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	return &started{cmd: cmd, stdin: in}
}

func TestRealProcesses(t *testing.T) {
	helper := buildHelper(t)
	dir := t.TempDir()
	discord := startAs(t, helper, dir, "Discord")
	telegram := startAs(t, helper, dir, "telegram-desktop") // 16 bytes: comm keeps 15
	java := startAs(t, helper, dir, "java", "-Xmx1G", "-cp", "/tmp/libraries/x.jar:/tmp/versions/1.21/1.21.jar",
		"net.minecraft.client.main.Main", "--username", "sam", "--version", "1.21")
	if err := os.Mkdir(filepath.Join(dir, "jre"), 0o700); err != nil {
		t.Fatal(err)
	}
	plainJava := startAs(t, helper, filepath.Join(dir, "jre"), "java", "-jar", "server.jar", "nogui")
	wireshark := startAs(t, helper, dir, "wireshark")
	shifter := startAs(t, helper, dir, "shifter")

	comm, err := os.ReadFile("/proc/" + strconv.Itoa(telegram.cmd.Process.Pid) + "/comm")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(comm)); got != "telegram-deskto" {
		t.Fatalf("the kernel kept %q as comm; this test expects the 15-byte cut", got)
	}

	ctx := context.Background()
	l := NewProcLister(discard())
	m := testMatcher(t, catalog.Linux)
	procs, err := l.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byPID := map[int]Proc{}
	for _, p := range procs {
		byPID[int(p.PID)] = p
	}
	tests := []struct {
		name string
		s    *started
		want string
	}{
		{"Discord", discord, "discord"},
		{"telegram-desktop", telegram, "telegram"},
		{"java with the minecraft main class", java, "minecraft"},
		{"plain java", plainJava, ""},
		{"wireshark", wireshark, ""},
		{"shifter", shifter, ""},
	}
	for _, tc := range tests {
		p, ok := byPID[tc.s.cmd.Process.Pid]
		if !ok {
			t.Errorf("%s: pid %d not listed", tc.name, tc.s.cmd.Process.Pid)
			continue
		}
		if p.Create == 0 || p.PPID != int32(os.Getpid()) || !strings.HasPrefix(p.Exe, dir) {
			t.Errorf("%s: listed as %+v", tc.name, p)
		}
		got, _ := m.Match(p)
		if got != tc.want {
			t.Errorf("%s: matched %q, want %q (%+v)", tc.name, got, tc.want, p)
		}
	}
	if p := byPID[telegram.cmd.Process.Pid]; p.Name != "telegram-desktop" {
		t.Errorf("telegram's name %q was not extended from its command line", p.Name)
	}

	// The Sampler over the real lister sees the three apps.
	s := NewSampler(l, m, nil, nil, 0, discard())
	smp, err := s.Sample(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"discord", "telegram", "minecraft"} {
		if !slices.Contains(smp.Running, want) {
			t.Errorf("sample running %q misses %s", smp.Running, want)
		}
	}

	// exec keeps the pid and the start time; the lister must notice the
	// new program and read it again.
	target := filepath.Join(dir, "Discord")
	if _, err := io.WriteString(shifter.stdin, "exec "+target+"\n"); err != nil {
		t.Fatal(err)
	}
	before := byPID[shifter.cmd.Process.Pid]
	deadline := time.Now().Add(10 * time.Second)
	for {
		procs, err := l.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(procs, func(p Proc) bool { return int(p.PID) == shifter.cmd.Process.Pid })
		if i >= 0 && procs[i].Name == "Discord" {
			p := procs[i]
			if p.Create != before.Create || p.Exe != target {
				t.Errorf("after exec: %+v (before %+v)", p, before)
			}
			if got, _ := m.Match(p); got != "discord" {
				t.Errorf("after exec: matched %q, want discord", got)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the lister never saw the exec: %+v", procs[i])
		}
		select {
		case <-time.After(10 * time.Millisecond): // poll interval, bounded by the deadline
		case <-ctx.Done():
		}
	}
}

// A pid reused between two lists, by a process started under the same pid
// (set through ns_last_pid, which needs root), is a new process to the
// lister: it is read and matched afresh, although no list saw the pid gone.
func TestRealPidReuse(t *testing.T) {
	helper := buildHelper(t)
	dir := t.TempDir()
	ctx := context.Background()
	l := NewProcLister(discard()).(*cachedLister)
	// Every process counts as old, so only the token can tell.
	l.now = func() time.Time { return time.Now().Add(time.Hour) }
	first := startAs(t, helper, dir, "shifter")
	pid := first.cmd.Process.Pid
	if _, err := l.List(ctx); err != nil {
		t.Fatal(err)
	}
	token := l.byPID[int32(pid)].token
	first.cmd.Process.Kill()
	first.cmd.Wait()

	var second *started
	for range 20 {
		if err := os.WriteFile("/proc/sys/kernel/ns_last_pid", []byte(strconv.Itoa(pid-1)), 0); err != nil {
			t.Skipf("cannot choose the next pid: %v", err)
		}
		s := startAs(t, helper, dir, "Discord")
		if s.cmd.Process.Pid == pid {
			second = s
			break
		}
		s.cmd.Process.Kill() // another thread took the pid first; try again
		s.cmd.Wait()
	}
	if second == nil {
		t.Skip("the pid was taken by others every time")
	}
	// ns_last_pid put the kernel's pid cursor back, maybe where the first
	// list saw it, which the kernel never does by itself; have the source
	// list /proc rather than trust the unmoved cursor.
	l.src.(*linuxSource).lastPID = -1
	procs, err := l.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(procs, func(p Proc) bool { return int(p.PID) == pid })
	if i < 0 {
		t.Fatalf("pid %d not listed after reuse", pid)
	}
	if procs[i].Name != "Discord" || procs[i].Exe != filepath.Join(dir, "Discord") {
		t.Errorf("pid %d after reuse: %+v", pid, procs[i])
	}
	if l.byPID[int32(pid)].token == token {
		t.Errorf("the reused pid kept its token %d", token)
	}
}

// While /proc/loadavg's last pid stays, the source answers from its last
// listing; when it moves, or after relistEvery scans, it lists /proc again.
func TestRealScanSkipsListingWithoutNewPids(t *testing.T) {
	helper := buildHelper(t)
	dir := t.TempDir()
	ctx := context.Background()
	load := filepath.Join(dir, "loadavg")
	setLast := func(n int) {
		if err := os.WriteFile(load, []byte("0.00 0.01 0.05 1/90 "+strconv.Itoa(n)+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := newProcSource(discard()).(*linuxSource)
	s.loadPath = load
	has := func(ids []pidToken, pid int) bool {
		return slices.ContainsFunc(ids, func(id pidToken) bool { return int(id.pid) == pid })
	}
	setLast(100)
	if _, err := s.scan(ctx, nil); err != nil {
		t.Fatal(err)
	}
	p := startAs(t, helper, dir, "one").cmd.Process.Pid
	for range relistEvery - 1 {
		if ids, err := s.scan(ctx, nil); err != nil || has(ids, p) {
			t.Fatalf("scan with an unmoved last pid listed /proc (err %v)", err)
		}
	}
	if ids, _ := s.scan(ctx, nil); !has(ids, p) {
		t.Fatalf("no full listing after %d scans", relistEvery)
	}
	q := startAs(t, helper, dir, "two").cmd.Process.Pid
	setLast(101)
	if ids, _ := s.scan(ctx, nil); !has(ids, q) {
		t.Fatal("a moved last pid did not list /proc")
	}
	// An unreadable loadavg: list every time.
	s.loadPath = filepath.Join(dir, "missing")
	r := startAs(t, helper, dir, "three").cmd.Process.Pid
	if ids, _ := s.scan(ctx, nil); !has(ids, r) {
		t.Fatal("no listing without loadavg")
	}
}
