package agent_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent"
	"github.com/talkfirst/talkfirst/agent/insight"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/usage"
	"github.com/talkfirst/talkfirst/agent/words"
)

// syncBuffer is a log sink the agent and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// runAgent runs an agent in this process until the test ends.
func runAgent(t *testing.T, cfg agent.Config) {
	t.Helper()
	a, err := agent.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("agent: %v", err)
		}
	})
}

func emptyRoot(t *testing.T) string {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "home/sam/.local/share/applications"), 0o755)
	return root
}

func TestNoAgreementRecordsNothing(t *testing.T) {
	dir := t.TempDir()
	startNamed(t, "Discord")
	var polls atomic.Int32
	enough := make(chan struct{})
	logs := &syncBuffer{}
	runAgent(t, agent.Config{DataDir: dir, Interval: 20 * time.Millisecond, Root: emptyRoot(t), Home: "/home/sam",
		Log: slog.New(slog.NewTextHandler(logs, nil)), Foreground: usage.Unavailable(words.New(words.MeasureOff)),
		Waiting: func() {
			if polls.Add(1) == 5 {
				close(enough)
			}
		}})
	<-enough
	s := summary(t, dir)
	if len(s.Apps) != 0 || len(s.Changes) != 0 {
		t.Fatalf("recorded without an agreement: %+v", s)
	}
	st, _ := store.Open(dir, nil, store.Options{ReadOnly: true})
	defer st.Close()
	if _, ok, _ := st.Get(context.Background(), store.KeyInstalled); ok {
		t.Error("the installed apps were stored without an agreement")
	}
	if !strings.Contains(logs.String(), "waiting for the family agreement") {
		t.Errorf("the log does not say it is waiting:\n%s", logs)
	}
}

func TestAgreementIsPickedUpWithoutRestart(t *testing.T) {
	dir := t.TempDir()
	startNamed(t, "Discord")
	var waiting atomic.Int32
	ready := make(chan struct{})
	runAgent(t, agent.Config{DataDir: dir, Interval: 20 * time.Millisecond, Root: emptyRoot(t), Home: "/home/sam",
		Foreground: usage.Unavailable(words.New(words.MeasureOff)), Waiting: func() { waiting.Add(1) }, Ready: func() { close(ready) }})
	waitFor(t, "the agent to look for an agreement", func() bool { return waiting.Load() > 0 })
	agree(t, dir, time.Now())
	<-ready
	waitFor(t, "Discord's running time", func() bool { _, run := appSeconds(summary(t, dir), "discord"); return run >= 1 })
}

func TestRealProcessesAreCountedAndDecoysAreNot(t *testing.T) {
	dir := t.TempDir()
	agree(t, dir, time.Now())
	startNamed(t, "Discord")
	startNamed(t, "telegram-desktop")
	startNamed(t, "java", "-Xmx2G", "-cp", "/x/1.21-client.jar", "net.minecraft.client.main.Main", "--username", "Sam")
	startNamed(t, "java", "-jar", "server.jar", "nogui") // a Java program that is not the Minecraft client
	startNamed(t, "wireshark")
	runAgent(t, agent.Config{DataDir: dir, Interval: 50 * time.Millisecond, Root: emptyRoot(t), Home: "/home/sam", Foreground: usage.Unavailable(words.New(words.MeasureOff))})
	waitFor(t, "running time for discord, telegram and minecraft", func() bool {
		s := summary(t, dir)
		for _, id := range []string{"discord", "telegram", "minecraft"} {
			if _, run := appSeconds(s, id); run < 2 {
				return false
			}
		}
		return true
	})
	for _, a := range summary(t, dir).Apps {
		if strings.Contains(strings.ToLower(a.ID), "wire") {
			t.Errorf("wireshark was counted as %s", a.ID)
		}
		if a.ForegroundSeconds != 0 {
			t.Errorf("%s has foreground time while foreground is unavailable", a.ID)
		}
	}
	if got := summary(t, dir).Measurement.Foreground; got != store.MeasureUnavailable {
		t.Errorf("measurement = %q, want unavailable", got)
	}
}

// fakeClock is the agent's clock in tests that run hours of agent time in a
// moment: the test moves it on by one interval before each tick it sends.
type fakeClock struct {
	mu   sync.Mutex
	wall time.Time
	mono time.Duration
}

func (c *fakeClock) Now() (time.Time, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wall, c.mono
}

// advance moves the monotonic clock on by d and the wall clock by d+jump.
func (c *fakeClock) advance(d, jump time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wall, c.mono = c.wall.Add(d+jump), c.mono+d
}

// drive sends ticks until the test ends, moving clock on by interval before
// each; jump(n) gives an extra wall-clock change before tick n.
func drive(t *testing.T, clock *fakeClock, interval time.Duration, jump func(n int) time.Duration) <-chan time.Time {
	ticks := make(chan time.Time)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		for n := 1; ; n++ {
			var j time.Duration
			if jump != nil {
				j = jump(n)
			}
			clock.advance(interval, j)
			w, _ := clock.Now()
			select {
			case ticks <- w:
			case <-stop:
				return
			}
		}
	}()
	return ticks
}

func TestClockJumpInventsNoTime(t *testing.T) {
	dir := t.TempDir()
	start := time.Now().Add(-2 * time.Hour)
	agree(t, dir, start.Add(-time.Minute))
	startNamed(t, "Discord")
	clock := &fakeClock{wall: start}
	const interval = 2 * time.Second
	var ticks atomic.Int32
	jump := func(n int) time.Duration {
		ticks.Store(int32(n))
		if n == 40 {
			return time.Hour // the wall clock is set an hour ahead
		}
		return 0
	}
	runAgent(t, agent.Config{DataDir: dir, Interval: interval, Clock: clock, Tick: drive(t, clock, interval, jump),
		Root: emptyRoot(t), Home: "/home/sam", Foreground: usage.Unavailable(words.New(words.MeasureOff))})
	waitFor(t, "a gap for the clock jump", func() bool {
		s := summary(t, dir)
		for _, g := range s.Gaps {
			if g.Kind == "gap" {
				return true
			}
		}
		return false
	})
	// the summary is read before the ticks are counted, so every sample in it
	// is among the n ticks of 2 s each: all the time that passed; the hour
	// the wall clock jumped must not be counted
	_, run := appSeconds(summary(t, dir), "discord")
	n := int64(ticks.Load())
	if run > n*2 || run >= 3600 {
		t.Errorf("running %d s after %d ticks of 2 s and a 1 h clock jump: time was invented", run, n)
	}
}

func TestPlatformHopPromptFromRealProcessAndInstall(t *testing.T) {
	dir := t.TempDir()
	root := emptyRoot(t)
	start := time.Now().Add(-3 * time.Hour)
	agree(t, dir, start.Add(-time.Minute))
	startNamed(t, "java", "-cp", "client.jar", "net.minecraft.client.main.Main")
	clock := &fakeClock{wall: start}
	const interval = 10 * time.Second // of agent time per tick
	ready := make(chan struct{})
	runAgent(t, agent.Config{DataDir: dir, Interval: interval, Clock: clock, Tick: drive(t, clock, interval, nil), Root: root, Home: "/home/sam",
		Foreground: usage.Unavailable(words.New(words.MeasureOff)), Ready: func() { close(ready) },
		Evaluate: func(ctx context.Context, st *store.Store, now time.Time) error {
			_, err := insight.Evaluate(ctx, st, now)
			return err
		}})
	<-ready
	waitFor(t, "15 minutes of Minecraft", func() bool { _, run := appSeconds(summary(t, dir), "minecraft"); return run >= 15*60 })
	entry := "[Desktop Entry]\nType=Application\nName=Telegram Desktop\nExec=telegram-desktop -- %u\nStartupWMClass=TelegramDesktop\n"
	if err := os.WriteFile(filepath.Join(root, "home/sam/.local/share/applications/org.telegram.desktop.desktop"), []byte(entry), 0o644); err != nil {
		t.Fatal(err)
	}
	var hop insight.Prompt
	waitFor(t, "a platform-hop prompt", func() bool {
		st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
		if err != nil {
			return false
		}
		defer st.Close()
		ps, err := insight.List(context.Background(), st, time.Now())
		if err != nil {
			return false
		}
		for _, p := range ps {
			if p.Rule == "platform-hop" {
				hop = p
				return true
			}
		}
		return false
	})
	if strings.Join(hop.Apps, ",") != "telegram,minecraft" {
		t.Errorf("apps = %v, want telegram and minecraft", hop.Apps)
	}
	if len(hop.Evidence) < 2 || hop.Guide == "" {
		t.Errorf("prompt lacks evidence or a guide: %+v", hop)
	}
	s := summary(t, dir)
	if len(s.Changes) != 1 || s.Changes[0].ID != "telegram" || s.Changes[0].Change != "installed" {
		t.Errorf("changes = %+v, want one Telegram install", s.Changes)
	}
}

// TestKilledAgentLosesAtMostOneInterval kills the real agent with SIGKILL 20
// times while it records. A sample is logged (at debug level, with its time)
// before it is written, so after each kill the agent's log says which
// samples it took and the store which was the last one it wrote: at most
// one, the last, may be missing (it was being written), so the kill lost at
// most the one interval before it. The time from the kill to the restart is
// not lost but unseen: the restart records it as a gap from that last
// sample. The store stays sound, and what was written is kept.
func TestKilledAgentLosesAtMostOneInterval(t *testing.T) {
	build(t)
	dir := t.TempDir()
	logs := t.TempDir()
	agree(t, dir, time.Now())
	startNamed(t, "Discord")
	root := emptyRoot(t)
	const interval = 20 * time.Millisecond
	const kills = 20
	var before time.Duration
	var lasts []time.Time // per kill, the last sample written
	for i := 0; i < kills; i++ {
		logPath := filepath.Join(logs, fmt.Sprintf("run-%d.log", i))
		logFile, err := os.Create(logPath)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(agentBin, "run", "--data-dir", dir, "--interval", interval.String(), "--root", root, "--home", "/home/sam", "--log-level", "debug")
		cmd.Env = append(os.Environ(), "DISPLAY=", "WAYLAND_DISPLAY=")
		cmd.Stderr = logFile
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// let it record a different number of samples each round, then
		// take one to three more (by its log, so the kill does not follow
		// a write the test saw), then kill it
		target := before + time.Duration(1+i%4)*interval
		waitFor(t, "the agent to record", func() bool { return recorded(t, dir) >= target })
		more := len(samplesTaken(t, logPath)) + 1 + i%3
		waitFor(t, "the agent to take more samples", func() bool { return len(samplesTaken(t, logPath)) >= more })
		cmd.Process.Kill()
		cmd.Wait()
		logFile.Close()
		after := recorded(t, dir)
		// what was recorded before the kill is kept: the total never drops
		if after < target {
			t.Fatalf("round %d: recorded time fell to %v after reaching %v", i, after, target)
		}
		before = after

		last := lastSample(t, dir)
		lasts = append(lasts, last)
		taken := samplesTaken(t, logPath)
		if !slices.ContainsFunc(taken, last.Equal) {
			t.Fatalf("round %d: the last sample written, at %v, is not among the %d the agent logged", i, last, len(taken))
		}
		var lost []time.Time
		for _, at := range taken {
			if at.After(last) {
				lost = append(lost, at)
			}
		}
		if len(lost) > 1 {
			t.Errorf("round %d: %d samples taken after the last one written (%v), want at most the one being written", i, len(lost), lost)
		} else if len(lost) == 1 {
			t.Logf("round %d: the kill lost the sample at %v, %v after the last one written", i, lost[0], lost[0].Sub(last))
		}
	}
	st, err := store.Open(dir, nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.IntegrityCheck(context.Background())
	if err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
	evs, err := st.Events(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour), store.EventGap)
	if err != nil {
		t.Fatal(err)
	}
	// each restart notes the unclean stop: a gap from the last sample written
	for i, last := range lasts[:kills-1] {
		if !slices.ContainsFunc(evs, func(e store.Event) bool { return e.Start.Equal(last) }) {
			t.Errorf("no gap from %v, the last sample before kill %d, among %d gaps", last, i, len(evs))
		}
	}
}

// lastSample is when the last sample in the store was written.
func lastSample(t *testing.T, dir string) time.Time {
	t.Helper()
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	last, err := st.LastSample(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return last
}

// sampleAt finds a sample's time in a "sample done" line of the agent's log.
var sampleAt = regexp.MustCompile(`msg="sample done" .*sample\.at=(\S+)`)

// samplesTaken reads the times of the samples an agent logged, to the
// millisecond (as the log and the store write them). The agent may be
// writing the log meanwhile.
func samplesTaken(t *testing.T, logPath string) []time.Time {
	t.Helper()
	b, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var out []time.Time
	for _, line := range lines[:len(lines)-1] { // the last is not done yet, or empty
		m := sampleAt.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		at, err := time.Parse(time.RFC3339Nano, m[1])
		if err != nil {
			t.Fatalf("a sample's time in the log: %v\n%s", err, line)
		}
		out = append(out, at)
	}
	return out
}

// recorded is the total length of all usage intervals in the store.
func recorded(t *testing.T, dir string) time.Duration {
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
	var d time.Duration
	for _, iv := range ivs {
		d += iv.End.Sub(iv.Start)
	}
	return d
}
