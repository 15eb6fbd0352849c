package insight

import (
	"cmp"
	"slices"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
)

// usage is the time of one kind (foreground or running) inside a window.
type usage struct {
	kind store.IntervalKind
	// total counts every moment once, however many apps were open then.
	total time.Duration
	apps  map[string]time.Duration
	last  map[string]time.Time // when each app was last used in the window
}

// appTime is one app's share of a usage.
type appTime struct {
	app string
	d   time.Duration
}

// top returns the apps by time, most first (ties by id), at most n (all when n <= 0).
func (u usage) top(n int) []appTime {
	var out []appTime
	for a, d := range u.apps {
		if d > 0 {
			out = append(out, appTime{a, d})
		}
	}
	slices.SortFunc(out, func(x, y appTime) int { return cmp.Or(cmp.Compare(y.d, x.d), cmp.Compare(x.app, y.app)) })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

type span struct{ from, to time.Time }

// measure adds up the intervals of kind that keep accepts, clipped to [from, to).
func measure(ivs []store.Interval, kind store.IntervalKind, from, to time.Time, keep func(app string) bool) usage {
	u := usage{kind: kind, apps: map[string]time.Duration{}, last: map[string]time.Time{}}
	var all []span
	per := map[string][]span{}
	for _, iv := range ivs {
		if iv.Kind != kind || !keep(iv.App) {
			continue
		}
		s, e := later(iv.Start, from), earlier(iv.End, to)
		if !e.After(s) {
			continue
		}
		all = append(all, span{s, e})
		per[iv.App] = append(per[iv.App], span{s, e})
		if e.After(u.last[iv.App]) {
			u.last[iv.App] = e
		}
	}
	u.total = union(all)
	for a, sp := range per {
		u.apps[a] = union(sp)
	}
	return u
}

// union is the length of the union of spans: overlapping running intervals
// of several apps (or several processes of one) count once.
func union(sp []span) time.Duration {
	slices.SortFunc(sp, func(a, b span) int { return a.from.Compare(b.from) })
	var total time.Duration
	var cur span
	for i, s := range sp {
		if i == 0 {
			cur = s
			continue
		}
		if s.from.After(cur.to) {
			total += cur.to.Sub(cur.from)
			cur = s
			continue
		}
		cur.to = later(cur.to, s.to)
	}
	if len(sp) > 0 {
		total += cur.to.Sub(cur.from)
	}
	return total
}

// kindFor picks what to count: foreground time when this computer measures
// it (or the window has any), else running time. The evidence says which.
func kindFor(measurement string, ivs []store.Interval, keep func(app string) bool) store.IntervalKind {
	switch measurement {
	case store.MeasureX11, store.MeasureWindows, store.MeasureMacOS:
		return store.Foreground
	}
	running := false
	for _, iv := range ivs {
		if !keep(iv.App) {
			continue
		}
		if iv.Kind == store.Foreground {
			return store.Foreground
		}
		running = true
	}
	if running {
		return store.Running
	}
	return store.Foreground
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
