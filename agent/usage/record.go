package usage

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// gapIntervals is how many sampling intervals may pass without a sample
// before the time in between counts as unseen.
const gapIntervals = 3

// Recorder turns samples into store intervals. It keeps one open interval per
// (app, kind) and extends it on every sample that shows the app. It never
// invents time:
//
//   - an app that appears opens an interval starting at this sample, never
//     earlier;
//   - an app that is gone leaves its interval ending at the last sample that
//     showed it;
//   - foreground intervals exist only while the foreground is known;
//   - when the monotonic clock moved more than 3 intervals since the last
//     sample (sleep, suspend, a stalled agent), or the wall clock moved
//     differently from the monotonic clock by more than one interval (the
//     clock was changed), every open interval ends at the last sample, a
//     store.EventGap says why in plain words, and recording starts again
//     from this sample.
//
// Every sample is one store.WriteTick transaction. A Recorder is safe for
// concurrent use.
type Recorder struct {
	st       *store.Store
	interval time.Duration
	log      *slog.Logger

	mu       sync.Mutex
	have     bool // a sample was recorded since the start or the last Flush
	lastWall time.Time
	lastMono time.Duration
	open     map[ivKey]int64
}

type ivKey struct {
	app  string
	kind store.IntervalKind
}

// NewRecorder returns a Recorder writing to st for samples taken every
// interval (2 s when interval <= 0).
func NewRecorder(st *store.Store, interval time.Duration, log *slog.Logger) *Recorder {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Recorder{st: st, interval: interval, log: log.With("component", "recorder"), open: map[ivKey]int64{}}
}

// Record writes one sample.
func (r *Recorder) Record(ctx context.Context, s Sample) error {
	r.mu.Lock()
	defer r.mu.Unlock()

	want := map[ivKey]bool{}
	for _, a := range s.Running {
		want[ivKey{a, store.Running}] = true
	}
	if s.ForegroundKnown && s.Foreground != "" {
		want[ivKey{s.Foreground, store.Foreground}] = true
		want[ivKey{s.Foreground, store.Running}] = true
	}

	tick := &store.Tick{At: s.Wall, Close: map[int64]time.Time{}}
	next := map[ivKey]int64{}
	var gap *store.Event
	if r.have {
		reason, isGap := gapReason(r.lastWall, r.lastMono, s.Wall, s.Mono, r.interval)
		for k, id := range r.open {
			if !isGap && want[k] {
				tick.Extend = append(tick.Extend, id)
				next[k] = id
				continue
			}
			tick.Close[id] = r.lastWall
		}
		if isGap {
			gap = &store.Event{Kind: store.EventGap, Start: r.lastWall, Why: reason}
			if s.Wall.After(r.lastWall) {
				gap.End = s.Wall
			}
		}
	}
	opened := map[ivKey]*store.Interval{}
	for _, k := range sortedKeys(want) {
		if _, ok := next[k]; ok {
			continue
		}
		iv := &store.Interval{App: k.app, Kind: k.kind, Start: s.Wall, End: s.Wall}
		tick.Open = append(tick.Open, iv)
		opened[k] = iv
	}
	slices.Sort(tick.Extend)
	if err := r.st.WriteTick(ctx, tick); err != nil {
		return fmt.Errorf("record sample: %w", err)
	}
	for k, iv := range opened {
		next[k] = iv.ID
		r.log.Debug("interval opened", "app", k.app, "kind", string(k.kind))
	}
	r.open, r.have, r.lastWall, r.lastMono = next, true, s.Wall, s.Mono
	if gap != nil {
		r.log.Info("gap in recording", "why", gap.Why.Code)
		if _, err := r.st.AddEvent(ctx, *gap); err != nil {
			return fmt.Errorf("record gap: %w", err)
		}
	}
	return nil
}

// Flush ends every open interval at the last sample (for a pause or a stop).
// The next Record starts afresh: the time in between is not reported as a
// gap, because the caller records why it was not sampled.
func (r *Recorder) Flush(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.have {
		return nil
	}
	tick := &store.Tick{At: r.lastWall, Close: map[int64]time.Time{}}
	for _, id := range r.open {
		tick.Close[id] = r.lastWall
	}
	if err := r.st.WriteTick(ctx, tick); err != nil {
		return fmt.Errorf("flush intervals: %w", err)
	}
	r.open, r.have = map[ivKey]int64{}, false
	return nil
}

func sortedKeys(m map[ivKey]bool) []ivKey {
	ks := make([]ivKey, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b ivKey) int {
		return cmp.Or(strings.Compare(a.app, b.app), strings.Compare(string(a.kind), string(b.kind)))
	})
	return ks
}

// gapReason decides whether the time between two samples was unseen and says
// why, as a words.Gap* fact (GapSeveral when there is more than one reason).
func gapReason(lastWall time.Time, lastMono time.Duration, wall time.Time, mono time.Duration, interval time.Duration) (words.Fact, bool) {
	dMono := mono - lastMono
	dWall := wall.Sub(lastWall)
	var why []words.Fact
	switch {
	case dMono < 0:
		why = append(why, words.New(words.GapClockBack))
	case dMono > gapIntervals*interval:
		why = append(why, words.New(words.GapAsleep, words.Span(dMono.Round(time.Second))))
	}
	if skew := dWall - dMono; dMono >= 0 && (skew > interval || skew < -interval) {
		if skew > 0 {
			why = append(why, words.New(words.GapClockForward, words.Span(skew.Round(time.Second))))
		} else {
			why = append(why, words.New(words.GapClockSetBack, words.Span((-skew).Round(time.Second))))
		}
	}
	switch len(why) {
	case 0:
		return words.Fact{}, false
	case 1:
		return why[0], true
	}
	return words.New(words.GapSeveral, words.Parts(why...)), true
}
