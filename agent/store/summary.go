package store

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/words"
)

// NightHours are the agreed night, as minutes after local midnight. A night
// that wraps past midnight (22:00–06:00) has End < Start.
type NightHours struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// DefaultNight is 22:00–06:00.
var DefaultNight = NightHours{Start: 22 * 60, End: 6 * 60}

// windows returns the night windows that touch [from, to) in loc.
func (n NightHours) windows(from, to time.Time, loc *time.Location) [][2]time.Time {
	if n.Start == n.End {
		return nil
	}
	var out [][2]time.Time
	f := from.In(loc)
	day := time.Date(f.Year(), f.Month(), f.Day()-1, 0, 0, 0, 0, loc)
	for !day.After(to) {
		s := time.Date(day.Year(), day.Month(), day.Day(), n.Start/60, n.Start%60, 0, 0, loc)
		endDay := day.Day()
		if n.End <= n.Start {
			endDay++
		}
		e := time.Date(day.Year(), day.Month(), endDay, n.End/60, n.End%60, 0, 0, loc)
		if e.After(from) && s.Before(to) {
			out = append(out, [2]time.Time{s, e})
		}
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc)
	}
	return out
}

// Contains reports whether the local time t falls in the night.
func (n NightHours) Contains(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	if n.Start == n.End {
		return false
	}
	if n.Start < n.End {
		return m >= n.Start && m < n.End
	}
	return m >= n.Start || m < n.End
}

// Measurement says how foreground time is measured on this computer.
type Measurement struct {
	// Foreground is x11, windows, macos or unavailable.
	Foreground string `json:"foreground"`
	// Why says why an unavailable measurement is unavailable (a
	// words.Measure* fact).
	Why words.Fact `json:"why,omitzero"`
	// Reason is Why in words, made by Summary.Localize; it is never stored.
	Reason string `json:"reason,omitempty"`
}

// Available reports whether time in front is measured.
func (m Measurement) Available() bool {
	return m.Foreground != MeasureUnavailable && m.Foreground != ""
}

// Measurement returns how the agent last said foreground time is measured
// here: unavailable, because it has not run yet, when it never said, and
// because the record is unreadable when it cannot be read.
func (s *Store) Measurement(ctx context.Context) (Measurement, error) {
	v, ok, err := s.Get(ctx, KeyMeasurement)
	if err != nil {
		return Measurement{}, err
	}
	if !ok {
		return Measurement{Foreground: MeasureUnavailable, Why: words.New(words.MeasureNotYet)}, nil
	}
	var m Measurement
	if err := json.Unmarshal(v, &m); err != nil || m.Foreground == "" {
		return Measurement{Foreground: MeasureUnavailable, Why: words.New(words.MeasureUnreadable)}, nil
	}
	m.Reason = ""
	return m, nil
}

// SetMeasurement records how foreground time is measured here (the agent,
// at each start).
func (s *Store) SetMeasurement(ctx context.Context, m Measurement) error {
	m.Reason = ""
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return s.Put(ctx, KeyMeasurement, b)
}

// The foreground measurement methods.
const (
	MeasureX11         = "x11"
	MeasureWindows     = "windows"
	MeasureMacOS       = "macos"
	MeasureUnavailable = "unavailable"
)

// AppUsage is one app's time in a summary.
type AppUsage struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// ForegroundSeconds: the app's window was in front and the person was active.
	ForegroundSeconds int64 `json:"foreground_seconds"`
	// RunningSeconds: at least one of the app's processes was alive.
	RunningSeconds int64 `json:"running_seconds"`
	// NightSeconds: foreground time inside the agreed night hours.
	NightSeconds int64 `json:"night_seconds"`
	// NightRunningSeconds: running time inside the night hours.
	NightRunningSeconds int64 `json:"night_running_seconds"`
}

// ChangeEntry is an install or removal in a summary.
type ChangeEntry struct {
	ID     string    `json:"id"`
	Name   string    `json:"name"`
	Change string    `json:"change"`
	At     time.Time `json:"at"`
	// Found says how the agent knows (a words.Found* fact); Detail is it
	// in words, made by Localize.
	Found  words.Fact `json:"found,omitzero"`
	Detail string     `json:"detail,omitempty"`
}

// PauseEntry is a pause in a summary.
type PauseEntry struct {
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Reason string    `json:"reason"`
}

// GapEntry is time the agent did not record: stopped, crashed, asleep.
type GapEntry struct {
	Kind string    `json:"kind"`
	From time.Time `json:"from"`
	To   time.Time `json:"to,omitempty"`
	// Why says why, as a fact; Reason is it in words, made by Localize.
	Why    words.Fact `json:"why,omitzero"`
	Reason string     `json:"reason,omitempty"`
}

// HourUsage is all apps' time in one local hour, for the day-by-hour view.
type HourUsage struct {
	Day               string `json:"day"` // YYYY-MM-DD, local
	Hour              int    `json:"hour"`
	ForegroundSeconds int64  `json:"foreground_seconds"`
	RunningSeconds    int64  `json:"running_seconds"`
	Night             bool   `json:"night"`
}

// Summary is what the summary command, the insight rules and both screens
// read. The JSON field names are fixed by DESIGN.md; fields may be added.
type Summary struct {
	From        time.Time     `json:"from"`
	To          time.Time     `json:"to"`
	Measurement Measurement   `json:"measurement"`
	Apps        []AppUsage    `json:"apps"`
	Changes     []ChangeEntry `json:"changes"`
	Pauses      []PauseEntry  `json:"pauses"`
	Gaps        []GapEntry    `json:"gaps"`
	Hours       []HourUsage   `json:"hours"`
	Night       NightHours    `json:"night"`
	// NoticeFacts are things both screens must say, such as a store that
	// was reset; Notices are them in words, made by Localize.
	NoticeFacts []words.Fact `json:"notice_facts"`
	Notices     []string     `json:"notices"`
}

// Localize puts the summary's facts into words for r: the measurement's
// reason, how each install was found, why each gap happened, and the
// notices. The facts stay as they are.
func (s *Summary) Localize(r words.Renderer) {
	s.Measurement.Reason = ""
	if !s.Measurement.Why.IsZero() {
		s.Measurement.Reason = r.Fact(s.Measurement.Why)
	}
	for i := range s.Changes {
		c := &s.Changes[i]
		c.Detail = ""
		if !c.Found.IsZero() {
			c.Detail = r.Fact(c.Found)
		}
	}
	for i := range s.Gaps {
		g := &s.Gaps[i]
		g.Reason = ""
		if !g.Why.IsZero() {
			g.Reason = r.Fact(g.Why)
		}
	}
	s.Notices = r.Facts(s.NoticeFacts)
}

// SummaryOptions shape a summary.
type SummaryOptions struct {
	Night NightHours
	// Loc is the time zone for night hours and days; nil means time.Local.
	Loc *time.Location
	// Lang, with the time zone and the teen's name, is the language the
	// summary's words are made in (Localize); empty is English.
	Lang words.Lang
	Teen string
}

// Summary adds up [from, to).
func (s *Store) Summary(ctx context.Context, from, to time.Time, o SummaryOptions) (Summary, error) {
	loc := o.Loc
	if loc == nil {
		loc = time.Local
	}
	name := catalog.Name
	sum := Summary{From: from, To: to, Night: o.Night, Apps: []AppUsage{}, Changes: []ChangeEntry{}, Pauses: []PauseEntry{},
		Gaps: []GapEntry{}, Hours: []HourUsage{}, NoticeFacts: []words.Fact{}, Notices: []string{}}
	var err error
	if sum.Measurement, err = s.Measurement(ctx); err != nil {
		return sum, err
	}

	ivs, err := s.Intervals(ctx, from, to)
	if err != nil {
		return sum, err
	}
	nights := o.Night.windows(from, to, loc)
	apps := map[string]*AppUsage{}
	type hourKey struct {
		day  string
		hour int
	}
	hours := map[hourKey]*HourUsage{}
	// Time is added up exactly and turned into whole seconds once, at the
	// end: rounding each interval down would lose up to a second per
	// interval (39.9 s in 13 intervals showed as 28 s).
	type totals struct{ fg, run, night, nightRun time.Duration }
	appTime := map[*AppUsage]*totals{}
	hourTime := map[*HourUsage]*totals{}
	for _, iv := range ivs {
		a := apps[iv.App]
		if a == nil {
			a = &AppUsage{ID: iv.App, Name: name(iv.App)}
			apps[iv.App] = a
		}
		st, en := maxTime(iv.Start, from), minTime(iv.End, to)
		if !en.After(st) {
			continue
		}
		d := en.Sub(st)
		var night time.Duration
		for _, w := range nights {
			night += overlap(st, en, w[0], w[1])
		}
		at := appTime[a]
		if at == nil {
			at = &totals{}
			appTime[a] = at
		}
		if iv.Kind == Foreground {
			at.fg += d
			at.night += night
		} else {
			at.run += d
			at.nightRun += night
		}
		// spread over local hours
		for t := st; t.Before(en); {
			lt := t.In(loc)
			h0 := time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), 0, 0, 0, loc)
			h1 := h0.Add(time.Hour)
			secs := overlap(st, en, h0, h1)
			k := hourKey{lt.Format("2006-01-02"), lt.Hour()}
			hu := hours[k]
			if hu == nil {
				hu = &HourUsage{Day: k.day, Hour: k.hour, Night: o.Night.Contains(lt)}
				hours[k] = hu
			}
			ht := hourTime[hu]
			if ht == nil {
				ht = &totals{}
				hourTime[hu] = ht
			}
			if iv.Kind == Foreground {
				ht.fg += secs
			} else {
				ht.run += secs
			}
			t = h1
		}
	}
	for a, t := range appTime {
		a.ForegroundSeconds, a.RunningSeconds = wholeSeconds(t.fg), wholeSeconds(t.run)
		a.NightSeconds, a.NightRunningSeconds = wholeSeconds(t.night), wholeSeconds(t.nightRun)
	}
	for h, t := range hourTime {
		h.ForegroundSeconds, h.RunningSeconds = wholeSeconds(t.fg), wholeSeconds(t.run)
	}
	for _, a := range apps {
		sum.Apps = append(sum.Apps, *a)
	}
	slices.SortFunc(sum.Apps, func(x, y AppUsage) int {
		return cmp.Or(cmp.Compare(y.ForegroundSeconds, x.ForegroundSeconds), cmp.Compare(y.RunningSeconds, x.RunningSeconds), cmp.Compare(x.ID, y.ID))
	})
	for _, h := range hours {
		sum.Hours = append(sum.Hours, *h)
	}
	slices.SortFunc(sum.Hours, func(x, y HourUsage) int { return cmp.Or(cmp.Compare(x.Day, y.Day), cmp.Compare(x.Hour, y.Hour)) })

	chs, err := s.Changes(ctx, from, to)
	if err != nil {
		return sum, err
	}
	for _, c := range chs {
		sum.Changes = append(sum.Changes, ChangeEntry{ID: c.App, Name: name(c.App), Change: string(c.Change), At: c.At, Found: c.Found})
	}
	evs, err := s.Events(ctx, from, to)
	if err != nil {
		return sum, err
	}
	for _, e := range evs {
		switch e.Kind {
		case EventPause:
			sum.Pauses = append(sum.Pauses, PauseEntry{From: e.Start, To: e.End, Reason: e.Reason})
		case EventGap, EventStop, EventForget:
			sum.Gaps = append(sum.Gaps, GapEntry{Kind: string(e.Kind), From: e.Start, To: e.End, Why: e.Why})
		case EventStoreReset:
			sum.NoticeFacts = append(sum.NoticeFacts, e.Why)
			sum.Gaps = append(sum.Gaps, GapEntry{Kind: string(e.Kind), From: e.Start, Why: e.Why})
		}
	}
	sum.Localize(words.Renderer{Lang: o.Lang.Or(words.EN), Loc: loc, Now: s.now(), Teen: o.Teen})
	return sum, nil
}

func overlap(a, b, c, d time.Time) time.Duration {
	s, e := maxTime(a, c), minTime(b, d)
	if !e.After(s) {
		return 0
	}
	return e.Sub(s)
}

// wholeSeconds is d in whole seconds, rounded down: a figure never claims
// more than was measured.
func wholeSeconds(d time.Duration) int64 { return int64(d / time.Second) }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
