package usage

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// fakeClock is a hand-set Clock: wall and monotonic readings move only when
// the test says so.
type fakeClock struct {
	wall time.Time
	mono time.Duration
}

func (c *fakeClock) Now() (time.Time, time.Duration) { return c.wall, c.mono }

// tick moves both clocks by d, as time passing does.
func (c *fakeClock) tick(d time.Duration) { c.wall, c.mono = c.wall.Add(d), c.mono+d }

// setWall changes the wall clock only, as someone setting the clock does.
func (c *fakeClock) setWall(d time.Duration) { c.wall = c.wall.Add(d) }

var t0 = time.UnixMilli(1_750_000_000_000)

const interval = 2 * time.Second

func newTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), nil, store.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// iv is an interval in a test's terms: seconds after t0.
type iv struct {
	app        string
	kind       store.IntervalKind
	start, end time.Duration
}

func intervals(t *testing.T, st *store.Store) []iv {
	t.Helper()
	all, err := st.Intervals(context.Background(), t0.Add(-48*time.Hour), t0.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var out []iv
	for _, x := range all {
		if x.End.Before(x.Start) {
			t.Errorf("interval %s %s ends before it starts: %v < %v", x.App, x.Kind, x.End, x.Start)
		}
		out = append(out, iv{x.App, x.Kind, x.Start.Sub(t0), x.End.Sub(t0)})
	}
	slices.SortFunc(out, func(a, b iv) int {
		if c := strings.Compare(string(a.kind), string(b.kind)); c != 0 {
			return c
		}
		if c := strings.Compare(a.app, b.app); c != 0 {
			return c
		}
		return int(a.start - b.start)
	})
	return out
}

func gaps(t *testing.T, st *store.Store) []store.Event {
	t.Helper()
	ev, err := st.Events(context.Background(), t0.Add(-48*time.Hour), t0.Add(48*time.Hour), store.EventGap)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func total(ivs []iv, kind store.IntervalKind) time.Duration {
	var d time.Duration
	for _, x := range ivs {
		if x.kind == kind {
			d += x.end - x.start
		}
	}
	return d
}

// step is one sample in a recorder scenario.
type step struct {
	before  func(c *fakeClock) // how the clocks move before this sample; nil is one interval
	running []string
	fg      string
	unknown bool // the foreground could not be read
	flush   bool // call Flush instead of recording
}

func (s step) sample(c *fakeClock) Sample {
	w, m := c.Now()
	return Sample{Wall: w, Mono: m, Running: s.running, Foreground: s.fg, ForegroundKnown: !s.unknown}
}

func TestRecorder(t *testing.T) {
	sec := time.Second
	fg, run := store.Foreground, store.Running
	tests := []struct {
		name     string
		steps    []step
		want     []iv
		gaps     []words.Code // why, in order
		gapSpans [][2]time.Duration
	}{
		{
			name:  "one app extends one interval",
			steps: []step{{running: []string{"discord"}}, {running: []string{"discord"}}, {running: []string{"discord"}}},
			want:  []iv{{"discord", run, 0, 4 * sec}},
		},
		{
			// telegram starts at the sample that first shows it, discord ends
			// at the last sample that showed it: no time is invented.
			name: "apps appear and disappear",
			steps: []step{
				{running: []string{"discord"}},
				{running: []string{"discord", "telegram"}},
				{running: []string{"telegram"}},
				{running: nil},
				{running: []string{"discord"}},
			},
			want: []iv{{"discord", run, 0, 2 * sec}, {"discord", run, 8 * sec, 8 * sec}, {"telegram", run, 2 * sec, 4 * sec}},
		},
		{
			name: "foreground only while known",
			steps: []step{
				{running: []string{"discord"}, fg: "discord"},
				{running: []string{"discord"}, fg: "discord"},
				{running: []string{"discord"}, fg: "discord", unknown: true},
				{running: []string{"discord"}, fg: "discord"},
				{running: []string{"discord"}, fg: ""},
			},
			want: []iv{{"discord", fg, 0, 2 * sec}, {"discord", fg, 6 * sec, 6 * sec}, {"discord", run, 0, 8 * sec}},
		},
		{
			name: "foreground switches apps",
			steps: []step{
				{running: []string{"discord", "telegram"}, fg: "discord"},
				{running: []string{"discord", "telegram"}, fg: "telegram"},
				{running: []string{"discord", "telegram"}, fg: "telegram"},
			},
			want: []iv{{"discord", fg, 0, 0}, {"telegram", fg, 2 * sec, 4 * sec}, {"discord", run, 0, 4 * sec}, {"telegram", run, 0, 4 * sec}},
		},
		{
			// The computer sleeps for 2h: both clocks move (CLOCK_BOOTTIME).
			name: "suspend closes intervals and records a gap",
			steps: []step{
				{running: []string{"discord"}, fg: "discord"},
				{running: []string{"discord"}, fg: "discord"},
				{before: func(c *fakeClock) { c.tick(2*time.Hour + 13*time.Minute) }, running: []string{"discord"}, fg: "discord"},
				{running: []string{"discord"}, fg: "discord"},
			},
			want: []iv{
				{"discord", fg, 0, 2 * sec}, {"discord", fg, 2*sec + 2*time.Hour + 13*time.Minute, 4*sec + 2*time.Hour + 13*time.Minute},
				{"discord", run, 0, 2 * sec}, {"discord", run, 2*sec + 2*time.Hour + 13*time.Minute, 4*sec + 2*time.Hour + 13*time.Minute},
			},
			gaps:     []words.Code{words.GapAsleep},
			gapSpans: [][2]time.Duration{{2 * sec, 2*sec + 2*time.Hour + 13*time.Minute}},
		},
		{
			name: "a stall of exactly 3 intervals is not a gap",
			steps: []step{
				{running: []string{"discord"}},
				{before: func(c *fakeClock) { c.tick(3 * interval) }, running: []string{"discord"}},
			},
			want: []iv{{"discord", run, 0, 6 * sec}},
		},
		{
			name: "clock set forward",
			steps: []step{
				{running: []string{"discord"}},
				{running: []string{"discord"}},
				{before: func(c *fakeClock) { c.tick(interval); c.setWall(time.Hour) }, running: []string{"discord"}},
				{running: []string{"discord"}},
			},
			want:     []iv{{"discord", run, 0, 2 * sec}, {"discord", run, time.Hour + 4*sec, time.Hour + 6*sec}},
			gaps:     []words.Code{words.GapClockForward},
			gapSpans: [][2]time.Duration{{2 * sec, time.Hour + 4*sec}},
		},
		{
			// The wall clock goes back an hour while 2s pass: nothing may end
			// before it starts, and the time recorded is the time sampled.
			name: "clock set back",
			steps: []step{
				{running: []string{"discord"}, fg: "discord"},
				{running: []string{"discord"}, fg: "discord"},
				{before: func(c *fakeClock) { c.tick(interval); c.setWall(-time.Hour) }, running: []string{"discord"}, fg: "discord"},
				{running: []string{"discord"}, fg: "discord"},
			},
			want: []iv{
				{"discord", fg, -time.Hour + 4*sec, -time.Hour + 6*sec}, {"discord", fg, 0, 2 * sec},
				{"discord", run, -time.Hour + 4*sec, -time.Hour + 6*sec}, {"discord", run, 0, 2 * sec},
			},
			gaps:     []words.Code{words.GapClockSetBack},
			gapSpans: [][2]time.Duration{{2 * sec, 0}}, // an instant at the last good sample
		},
		{
			name: "a small drift is no jump",
			steps: []step{
				{running: []string{"discord"}},
				{before: func(c *fakeClock) { c.tick(interval); c.setWall(500 * time.Millisecond) }, running: []string{"discord"}},
			},
			want: []iv{{"discord", run, 0, 2500 * time.Millisecond}},
		},
		{
			// Flush ends everything at the last sample; the pause after it
			// is the caller's to record, so no gap is written for it.
			name: "flush then resume",
			steps: []step{
				{running: []string{"discord"}, fg: "discord"},
				{running: []string{"discord"}, fg: "discord"},
				{before: func(c *fakeClock) {}, flush: true},
				{before: func(c *fakeClock) { c.tick(10 * time.Minute) }, running: []string{"discord"}},
				{running: []string{"discord"}},
			},
			want: []iv{
				{"discord", fg, 0, 2 * sec},
				{"discord", run, 0, 2 * sec}, {"discord", run, 2*sec + 10*time.Minute, 4*sec + 10*time.Minute},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st := newTestStore(t)
			r := NewRecorder(st, interval, nil)
			c := &fakeClock{wall: t0, mono: time.Minute}
			for i, s := range tc.steps {
				if i > 0 {
					if s.before != nil {
						s.before(c)
					} else {
						c.tick(interval)
					}
				}
				if s.flush {
					if err := r.Flush(ctx); err != nil {
						t.Fatal(err)
					}
					continue
				}
				smp := s.sample(c)
				if err := r.Record(ctx, smp); err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if last, err := st.LastSample(ctx); err != nil || !last.Equal(smp.Wall) {
					t.Errorf("step %d: last sample %v, %v; want %v", i, last, err, smp.Wall)
				}
			}
			got := intervals(t, st)
			if !slices.Equal(got, tc.want) {
				t.Errorf("intervals:\n got %v\nwant %v", got, tc.want)
			}
			// The recorded time can never exceed the time between the
			// samples that showed the app.
			var sampled time.Duration
			for _, x := range tc.want {
				if x.kind == run {
					sampled += x.end - x.start
				}
			}
			if d := total(got, run); d != sampled {
				t.Errorf("running time %v, want %v", d, sampled)
			}
			ev := gaps(t, st)
			var reasons []words.Code
			for i, e := range ev {
				reasons = append(reasons, e.Why.Code)
				if i < len(tc.gapSpans) {
					wantStart, wantEnd := t0.Add(tc.gapSpans[i][0]), time.Time{}
					if tc.gapSpans[i][1] != 0 {
						wantEnd = t0.Add(tc.gapSpans[i][1])
					}
					if !e.Start.Equal(wantStart) || !e.End.Equal(wantEnd) {
						t.Errorf("gap %d spans %v..%v, want %v..%v", i, e.Start, e.End, wantStart, wantEnd)
					}
				}
			}
			if !slices.Equal(reasons, tc.gaps) {
				t.Errorf("gaps %q, want %q", reasons, tc.gaps)
			}
		})
	}
}

func TestRecorderFlushEmpty(t *testing.T) {
	r := NewRecorder(newTestStore(t), interval, nil)
	if err := r.Flush(context.Background()); err != nil {
		t.Fatalf("flush before any sample: %v", err)
	}
}

func TestGapReason(t *testing.T) {
	t.Parallel()
	asleep := func(d time.Duration) words.Fact { return words.New(words.GapAsleep, words.Span(d)) }
	forward := words.New(words.GapClockForward, words.Span(time.Hour))
	tests := []struct {
		name       string
		dWall      time.Duration
		dMono      time.Duration
		want       words.Fact
		wantIsAGap bool
	}{
		{"one interval", 2 * time.Second, 2 * time.Second, words.Fact{}, false},
		{"three intervals", 6 * time.Second, 6 * time.Second, words.Fact{}, false},
		{"a bit more than three", 6*time.Second + time.Millisecond, 6*time.Second + time.Millisecond, asleep(6 * time.Second), true},
		{"sleep", 2*time.Hour + 13*time.Minute + 20*time.Second, 2*time.Hour + 13*time.Minute + 20*time.Second, asleep(2*time.Hour + 13*time.Minute + 20*time.Second), true},
		{"forward", time.Hour + 2*time.Second, 2 * time.Second, forward, true},
		{"back", -time.Hour + 2*time.Second, 2 * time.Second, words.New(words.GapClockSetBack, words.Span(time.Hour)), true},
		{"both", 3 * time.Hour, time.Hour, words.New(words.GapSeveral, words.Parts(asleep(time.Hour), words.New(words.GapClockForward, words.Span(2*time.Hour)))), true},
		{"monotonic back", 2 * time.Second, -time.Second, words.New(words.GapClockBack), true},
		{"drift within an interval", 3 * time.Second, 2 * time.Second, words.Fact{}, false},
	}
	for _, tc := range tests {
		got, ok := gapReason(t0, time.Hour, t0.Add(tc.dWall), time.Hour+tc.dMono, interval)
		if !got.Equal(tc.want) || ok != tc.wantIsAGap {
			t.Errorf("%s: gapReason = %s, %v; want %s, %v", tc.name, got, ok, tc.want, tc.wantIsAGap)
		}
	}
}
