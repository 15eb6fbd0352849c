package agent_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/usage"
	"github.com/talkfirst/talkfirst/agent/words"
)

// The retention tests run the agent in this process on a fake clock, one
// tick at a time, and read when retention last ran (the store notes it at
// the agent's clock) and which seeded intervals are left. The default
// agreement keeps 56 days.
const keep = 56 * 24 * time.Hour

// noProcs is a process lister that sees no processes: these tests are about
// the store, not about what runs.
type noProcs struct{}

func (noProcs) List(context.Context) ([]usage.Proc, error) { return nil, nil }

// retentionAgent is a running agent whose ticks the test sends.
type retentionAgent struct {
	t     *testing.T
	dir   string
	clock *fakeClock
	ticks chan time.Time
}

// startRetentionAgent makes an agreement, lets seed write into the store,
// and starts the agent with its clock at start.
func startRetentionAgent(t *testing.T, start time.Time, seed func(ctx context.Context, st *store.Store) error) *retentionAgent {
	t.Helper()
	dir := t.TempDir()
	agree(t, dir, start.Add(-time.Minute))
	st, err := store.Open(dir, nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = seed(context.Background(), st)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := &retentionAgent{t: t, dir: dir, clock: &fakeClock{wall: start}, ticks: make(chan time.Time)}
	runAgent(t, agent.Config{DataDir: dir, Interval: 2 * time.Second, Clock: r.clock, Tick: r.ticks,
		Lister: noProcs{}, Foreground: usage.Unavailable(words.New(words.MeasureOff)), Root: emptyRoot(t), Home: "/home/sam"})
	return r
}

// tick moves the clock on by d (and the wall clock by jump more), sends a
// tick and waits until the agent has written its sample: retention, which
// runs before the sample on a tick, is then done for this one.
func (r *retentionAgent) tick(d, jump time.Duration) time.Time {
	r.t.Helper()
	r.clock.advance(d, jump)
	wall, _ := r.clock.Now()
	select {
	case r.ticks <- wall:
	case <-time.After(4 * time.Minute): // only a hung agent gets here
		r.t.Fatal("the agent took no tick")
	}
	waitFor(r.t, "the sample of the tick at "+wall.String(), func() bool {
		var last time.Time
		r.read(func(ctx context.Context, st *store.Store) (err error) {
			last, err = st.LastSample(ctx)
			return err
		})
		return last.Equal(wall)
	})
	return wall
}

func (r *retentionAgent) now() time.Time {
	w, _ := r.clock.Now()
	return w
}

func (r *retentionAgent) read(fn func(ctx context.Context, st *store.Store) error) {
	r.t.Helper()
	st, err := store.Open(r.dir, nil, store.Options{ReadOnly: true})
	if err != nil {
		r.t.Fatal(err)
	}
	defer st.Close()
	if err := fn(context.Background(), st); err != nil {
		r.t.Fatal(err)
	}
}

// check says, after a tick, when retention last ran and which seeded
// intervals (by app name) must still be there.
func (r *retentionAgent) check(when string, lastRun time.Time, left map[string]bool) {
	r.t.Helper()
	r.read(func(ctx context.Context, st *store.Store) error {
		last, err := st.LastPrune(ctx)
		if err != nil {
			return err
		}
		if !last.Equal(lastRun) {
			r.t.Errorf("%s: retention last ran at %v, want %v", when, last, lastRun)
		}
		ivs, err := st.Intervals(ctx, time.Unix(0, 0), r.now().AddDate(1, 0, 0))
		if err != nil {
			return err
		}
		got := map[string]bool{}
		for _, iv := range ivs {
			got[iv.App] = true
		}
		for app, want := range left {
			if got[app] != want {
				r.t.Errorf("%s: interval %q there = %v, want %v", when, app, got[app], want)
			}
		}
		return nil
	})
}

// ending seeds one interval per app, an hour long, ending at its time.
func ending(ends map[string]time.Time) func(ctx context.Context, st *store.Store) error {
	return func(ctx context.Context, st *store.Store) error {
		var ivs []store.Interval
		for app, end := range ends {
			ivs = append(ivs, store.Interval{App: app, Kind: store.Running, Start: end.Add(-time.Hour), End: end})
		}
		return st.AddIntervals(ctx, ivs)
	}
}

func TestRetentionRunsOnceADay(t *testing.T) {
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	first := start.Add(2 * time.Second) // the first tick
	r := startRetentionAgent(t, start, ending(map[string]time.Time{
		"old": first.Add(-keep - time.Hour), // past retention at the first tick
		// past retention from six hours after the first tick on: it goes
		// at the run a day after the first, not on a tick in between
		"edge": first.Add(-keep + 6*time.Hour),
	}))
	r.tick(2*time.Second, 0)
	r.check("first tick", first, map[string]bool{"old": false, "edge": true})
	r.tick(2*time.Second, 0)
	r.check("next tick", first, map[string]bool{"edge": true})
	r.tick(12*time.Hour, 0) // the computer slept
	r.check("12 h later", first, map[string]bool{"edge": true})
	now := r.tick(first.Add(24*time.Hour-2*time.Second).Sub(r.now()), 0)
	r.check(fmt.Sprintf("%v after the first run", now.Sub(first)), first, map[string]bool{"edge": true})
	day := r.tick(2*time.Second, 0)
	r.check("a day after the first run", day, map[string]bool{"edge": false})
	r.tick(2*time.Second, 0)
	r.check("the tick after", day, nil)
}

// TestRetentionWaitsADayAfterARestart starts the agent at the very moment
// retention last ran: the last run is not a day old, so it waits.
func TestRetentionWaitsADayAfterARestart(t *testing.T) {
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	first := start.Add(2 * time.Second)
	seed := ending(map[string]time.Time{"old": first.Add(-keep - time.Hour)})
	r := startRetentionAgent(t, start, func(ctx context.Context, st *store.Store) error {
		if err := st.Put(ctx, store.KeyLastPrune, []byte(fmt.Sprint(first.UnixMilli()))); err != nil {
			return err
		}
		return seed(ctx, st)
	})
	r.tick(2*time.Second, 0)
	r.check("first tick, at the last run", first, map[string]bool{"old": true})
	r.tick(12*time.Hour, 0)
	r.check("12 h later", first, map[string]bool{"old": true})
	day := r.tick(12*time.Hour, 0)
	r.check("a day later", day, map[string]bool{"old": false})
}

// TestRetentionAfterTheClockWasSetBack: a last run in the future means the
// clock was set back (here: it had been set ten days ahead). Retention runs
// at once rather than waiting for the clock to catch up, keeps what is
// within the agreement's weeks by the clock now (including what was
// recorded under the clock set ahead), and then runs once a day from now.
// A clock set back while the agent runs is the same.
func TestRetentionAfterTheClockWasSetBack(t *testing.T) {
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	first := start.Add(2 * time.Second)
	seed := ending(map[string]time.Time{
		"old":    first.Add(-keep - time.Hour),
		"recent": first.Add(-keep + time.Hour),  // within the weeks kept, by any of the clocks
		"ahead":  first.Add(5 * 24 * time.Hour), // recorded while the clock was ahead
	})
	r := startRetentionAgent(t, start, func(ctx context.Context, st *store.Store) error {
		if err := st.Put(ctx, store.KeyLastPrune, []byte(fmt.Sprint(start.Add(10*24*time.Hour).UnixMilli()))); err != nil {
			return err
		}
		return seed(ctx, st)
	})
	kept := map[string]bool{"old": false, "recent": true, "ahead": true}
	r.tick(2*time.Second, 0)
	r.check("first tick, the last run ten days ahead", first, kept)
	r.tick(2*time.Second, 0)
	r.check("next tick", first, kept)

	set := r.tick(2*time.Second, -3*24*time.Hour) // the wall clock is set three days back
	r.check("the clock set back three days", set, kept)
	r.tick(2*time.Second, 0)
	r.check("the tick after", set, kept)
	r.tick(12*time.Hour, 0)
	r.check("12 h later", set, kept)
	day := r.tick(set.Add(24*time.Hour).Sub(r.now()), 0)
	r.check("a day after the clock was set back", day, kept)
}
