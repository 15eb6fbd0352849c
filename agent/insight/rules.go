package insight

import (
	"context"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// installs is the new-app and platform-hop rules together, because a
// platform-hop replaces the new-app prompt for the same install: a private
// chat app installed within HopWindow after time in a game with chat names
// both apps; any other catalog app installed since the agreement is a new
// app (school and work apps get a gentler guide, or nothing when the family
// turned those off). An install is the app and the moment of its latest
// install change; a hop found later than the new-app prompt for the same
// install supersedes it (see env.add).
func installs(ctx context.Context, e *env) ([]candidate, error) {
	from := later(e.ag.Created, e.now.Add(-InstallLookback))
	chs, err := e.st.Changes(ctx, from, e.now.Add(time.Millisecond))
	if err != nil {
		return nil, err
	}
	type install struct{ at, removed time.Time }
	var order []string
	last := map[string]*install{}
	for _, c := range chs {
		switch c.Change {
		case store.Installed:
			if last[c.App] == nil {
				order = append(order, c.App)
			}
			last[c.App] = &install{at: c.At}
		case store.Removed:
			if in := last[c.App]; in != nil && !c.At.Before(in.at) {
				in.removed = c.At
			}
		}
	}
	var hops, news []candidate
	for _, app := range order {
		in := last[app]
		if _, ok := e.cat.App(app); !ok {
			continue // not (or no longer) a catalog app
		}
		if e.hopTarget(app) {
			c, ok, err := hop(ctx, e, app, in.at, in.removed)
			if err != nil {
				return nil, err
			}
			if ok {
				hops = append(hops, c)
				continue
			}
		}
		if c, ok := newApp(e, app, in.at, in.removed); ok {
			news = append(news, c)
		}
	}
	return append(hops, news...), nil
}

// installedFacts are the facts of an install: when, and a removal after it
// (the zero Fact when there was none).
func installedFacts(app string, at, removed time.Time) (installed, gone words.Fact) {
	installed = words.New(words.EvInstalled, words.App(app), words.Date(at))
	if !removed.IsZero() {
		gone = words.New(words.EvRemoved, words.App(app), words.Date(removed))
	}
	return installed, gone
}

func newApp(e *env, app string, at, removed time.Time) (candidate, bool) {
	g := "new-app"
	installed, gone := installedFacts(app, at, removed)
	ev := []words.Fact{installed}
	if e.category(app) == catalog.School {
		if !e.ag.SchoolWorkPrompts {
			return candidate{}, false
		}
		g = "school-work"
		ev = append(ev, words.New(words.EvSchoolWork, words.App(app)))
	}
	if !gone.IsZero() {
		ev = append(ev, gone)
	}
	return candidate{rule: RuleNewApp, guide: g, apps: []string{app}, evidence: ev,
		key: dedupeKey(RuleNewApp, app), since: earlier(e.recent(), at), installAt: at}, true
}

// hop looks for time in games with chat in the HopWindow before a private
// chat app was installed at at.
func hop(ctx context.Context, e *env, app string, at, removed time.Time) (candidate, bool, error) {
	from := at.Add(-HopWindow)
	ivs, err := e.st.Intervals(ctx, from, at)
	if err != nil {
		return candidate{}, false, err
	}
	kind := kindFor(e.measurement, ivs, e.game)
	u := measure(ivs, kind, from, at, e.game)
	var games []appTime
	for _, g := range u.top(0) {
		if g.d >= HopMinGameTime {
			games = append(games, g)
		}
	}
	if len(games) == 0 {
		return candidate{}, false, nil
	}
	top := games[0]
	installed, gone := installedFacts(app, at, removed)
	lastUse := u.last[top.app]
	ndays := words.Count(int(HopWindow / day))
	used := words.New(words.EvGameTimeBefore, ndays, words.Teen(), words.App(top.app), words.Dur(top.d), words.Date(lastUse), measured(kind))
	if calendarDays(lastUse, at, e.loc) == 0 {
		used = words.New(words.EvGameTimeSameDay, ndays, words.Teen(), words.App(top.app), words.Dur(top.d), measured(kind))
	}
	ev := []words.Fact{installed, used}
	if len(games) > 1 {
		ev = append(ev, words.New(words.EvOtherGames, words.Teen(), appTimes(games[1:min(len(games), 3)])))
	}
	if !gone.IsZero() {
		ev = append(ev, gone)
	}
	apps := []string{app, top.app}
	return candidate{rule: RulePlatformHop, guide: "platform-hop", apps: apps, evidence: ev,
		key: dedupeKey(RulePlatformHop, apps...), since: earlier(e.recent(), at), installAt: at}, true, nil
}

// nightWindows returns the last count night windows that have ended by now,
// newest first. The night in progress is left out: it is not over yet.
func nightWindows(n store.NightHours, now time.Time, count int) []span {
	if n.Start == n.End {
		return nil
	}
	loc := now.Location()
	t := now.In(loc)
	var out []span
	for d := 0; len(out) < count && d <= count+2; d++ {
		s := time.Date(t.Year(), t.Month(), t.Day()-d, n.Start/60, n.Start%60, 0, 0, loc)
		endDay := t.Day() - d
		if n.End <= n.Start {
			endDay++
		}
		e := time.Date(t.Year(), t.Month(), endDay, n.End/60, n.End%60, 0, 0, loc)
		if e.After(now) {
			continue
		}
		out = append(out, span{s, e})
	}
	return out
}

// lateNight: time in chat apps or games inside the agreed night hours on at
// least LateNightNights of the last LateNightOf nights.
func lateNight(ctx context.Context, e *env) ([]candidate, error) {
	wins := nightWindows(e.ag.Night, e.now, LateNightOf)
	if len(wins) == 0 {
		return nil, nil
	}
	ivs, err := e.st.Intervals(ctx, wins[len(wins)-1].from, wins[0].to)
	if err != nil {
		return nil, err
	}
	kind := kindFor(e.measurement, ivs, e.chat)
	type night struct {
		w span
		u usage
	}
	var nights []night
	all := map[string]time.Duration{}
	for i := len(wins) - 1; i >= 0; i-- { // oldest first, as they are told
		u := measure(ivs, kind, wins[i].from, wins[i].to, e.chat)
		if u.total < LateNightMin {
			continue
		}
		nights = append(nights, night{wins[i], u})
		for a, d := range u.apps {
			all[a] += d
		}
	}
	if len(nights) < LateNightNights {
		return nil, nil
	}
	hours := words.Night(e.ag.Night.Start, e.ag.Night.End)
	ev := []words.Fact{words.New(words.EvLateNights, words.Teen(), hours, words.Count(len(nights)), words.Count(len(wins)), measured(kind))}
	for _, n := range nights {
		var ids []string
		for _, a := range n.u.top(3) {
			ids = append(ids, a.app)
		}
		if calendarDays(n.w.from, n.w.to, e.loc) > 0 {
			ev = append(ev, words.New(words.EvNight, words.Days(n.w.from, n.w.to), words.Dur(n.u.total), words.Apps(ids...)))
		} else {
			ev = append(ev, words.New(words.EvNightInDay, words.Date(n.w.from), hours, words.Dur(n.u.total), words.Apps(ids...)))
		}
	}
	apps := topApps(all, 3)
	return []candidate{{rule: RuleLateNight, guide: "late-night", apps: apps, evidence: ev,
		key: dedupeKey(RuleLateNight), since: e.recent()}}, nil
}

// topApps returns the ids with the most time, at most n.
func topApps(m map[string]time.Duration, n int) []string {
	out := []string{}
	for _, a := range (usage{apps: m}).top(n) {
		out = append(out, a.app)
	}
	return out
}

// spike: the last 7 days' time in chat apps and games is at least
// SpikeFactor times the weekly average of the weeks before, and at least
// SpikeMin. The weeks before are SpikeBaselineWeeks, or as many full weeks
// as the agreement has run before this one; with none, there is no spike.
func spike(ctx context.Context, e *env) ([]candidate, error) {
	thisFrom := e.now.Add(-week)
	n := min(int(thisFrom.Sub(e.ag.Created)/week), SpikeBaselineWeeks)
	if n < 1 {
		return nil, nil
	}
	baseFrom := thisFrom.Add(-time.Duration(n) * week)
	ivs, err := e.st.Intervals(ctx, baseFrom, e.now)
	if err != nil {
		return nil, err
	}
	kind := kindFor(e.measurement, ivs, e.chat)
	cur := measure(ivs, kind, thisFrom, e.now, e.chat)
	base := measure(ivs, kind, baseFrom, thisFrom, e.chat)
	if cur.total < SpikeMin || cur.total*time.Duration(n) < SpikeFactor*base.total {
		return nil, nil
	}
	ev := []words.Fact{words.New(words.EvWeekTotal, words.Teen(), words.Dur(cur.total), measured(kind))}
	if base.total == 0 {
		ev = append(ev, words.New(words.EvWeeksNone, words.Count(n)))
	} else {
		ev = append(ev, words.New(words.EvWeeksAverage, words.Count(n), words.Dur(base.total/time.Duration(n))))
	}
	top := cur.top(3)
	var apps []string
	for _, a := range top {
		apps = append(apps, a.app)
	}
	ev = append(ev, words.New(words.EvMostTime, appTimes(top)))
	return []candidate{{rule: RuleSpike, guide: "spike", apps: apps, evidence: ev,
		key: dedupeKey(RuleSpike), since: e.recent()}}, nil
}

// paused: a pause, stop or gap since the agreement, longer than
// PauseLongerThan, that ended (or is still going on) within PauseLookback and
// that no earlier paused prompt could have told about.
func paused(ctx context.Context, e *env) ([]candidate, error) {
	to := e.now.Add(time.Millisecond)
	evs, err := e.st.Events(ctx, e.ag.Created, to, store.EventPause, store.EventStop, store.EventGap)
	if err != nil {
		return nil, err
	}
	starts, err := e.st.Events(ctx, e.ag.Created, to, store.EventStart)
	if err != nil {
		return nil, err
	}
	key := dedupeKey(RulePaused)
	var ev []words.Fact
	ordinary := false // a stop or gap: say it can have an ordinary reason
	for _, v := range evs {
		if v.Start.Before(e.ag.Created) || v.Start.After(e.now) {
			continue
		}
		end, ongoing := v.End, false
		switch v.Kind {
		case store.EventPause:
			if end.IsZero() || end.After(e.now) {
				ongoing = true
			}
			if end.IsZero() {
				end = e.now
			}
		case store.EventGap:
			if end.IsZero() {
				continue
			}
		case store.EventStop:
			end = time.Time{}
			for _, s := range starts {
				if s.Start.After(v.Start) {
					end = s.Start
					break
				}
			}
			if end.IsZero() {
				end, ongoing = e.now, true
			}
		}
		lasted := earlier(end, e.now).Sub(v.Start)
		if ongoing {
			lasted = e.now.Sub(v.Start)
		}
		if lasted <= PauseLongerThan || end.Before(e.now.Add(-PauseLookback)) {
			continue
		}
		// The moment it became longer than PauseLongerThan: a paused prompt
		// made after that could already tell about it.
		told, err := e.st.PromptSince(ctx, key, v.Start.Add(PauseLongerThan))
		if err != nil {
			return nil, err
		}
		if told {
			continue
		}
		from := words.DateTime(v.Start)
		switch v.Kind {
		case store.EventPause:
			var f words.Fact
			switch {
			case v.End.IsZero(): // no planned end: say how long so far
				f = words.New(words.EvPausedSince, from, words.Span(lasted))
			case ongoing:
				f = words.New(words.EvPausedUntil, from, words.DateTime(end), words.Span(end.Sub(v.Start)))
			default:
				f = words.New(words.EvPausedFrom, from, words.DateTime(end), words.Span(end.Sub(v.Start)))
			}
			if v.Reason != "" {
				f = words.New(withReason[f.Code], append(f.Args, words.Text(v.Reason))...)
			}
			ev = append(ev, f)
		case store.EventGap:
			ordinary = true
			ev = append(ev, words.New(words.EvGap, from, words.DateTime(end), words.Span(lasted)))
		case store.EventStop:
			ordinary = true
			if ongoing {
				ev = append(ev, words.New(words.EvStoppedSince, from, words.Span(lasted)))
			} else {
				ev = append(ev, words.New(words.EvStopped, from, words.DateTime(end), words.Span(lasted)))
			}
		}
	}
	if len(ev) == 0 {
		return nil, nil
	}
	if ordinary {
		ev = append(ev, words.New(words.EvBreakOrdinary))
	}
	return []candidate{{rule: RulePaused, guide: "paused", evidence: ev, key: key, since: e.recent()}}, nil
}

// renewal: the agreement ends within RenewalWithin (or has ended).
func renewal(ctx context.Context, e *env) ([]candidate, error) {
	left := e.ag.Expires.Sub(e.now)
	if left > RenewalWithin {
		return nil, nil
	}
	made, ends := words.Date(e.ag.Created), words.Date(e.ag.Expires)
	ev := []words.Fact{
		words.New(words.EvAgreementEnded, made, ends),
		words.New(words.EvRenewNow),
	}
	if left > 0 {
		ev = []words.Fact{
			words.New(words.EvAgreementEnds, made, ends, words.Count(calendarDays(e.now, e.ag.Expires, e.loc))),
			words.New(words.EvRenewAfter),
		}
	}
	return []candidate{{rule: RuleRenewal, guide: "renewal", evidence: ev, key: dedupeKey(RuleRenewal), since: e.recent()}}, nil
}

// checkIn: no prompt for CheckInAfter, and an agreement at least that old.
// It runs after the other rules, so a prompt they just made counts.
func checkIn(ctx context.Context, e *env) ([]candidate, error) {
	if e.now.Sub(e.ag.Created) < CheckInAfter {
		return nil, nil
	}
	last, err := e.st.LastPromptCreated(ctx)
	if err != nil {
		return nil, err
	}
	if !last.IsZero() && e.now.Sub(last) < CheckInAfter {
		return nil, nil
	}
	first := words.New(words.EvNoPromptSince, words.Date(e.ag.Created))
	if !last.IsZero() {
		first = words.New(words.EvNoPromptFor, words.Count(calendarDays(last, e.now, e.loc)), words.Date(last))
	}
	ev := []words.Fact{first, words.New(words.EvNothingStoodOut)}
	return []candidate{{rule: RuleCheckIn, guide: "check-in", evidence: ev, key: dedupeKey(RuleCheckIn), since: e.recent()}}, nil
}

// withReason is, for each pause fact, the one that also gives the reason.
var withReason = map[words.Code]words.Code{
	words.EvPausedSince: words.EvPausedSinceWhy,
	words.EvPausedUntil: words.EvPausedUntilWhy,
	words.EvPausedFrom:  words.EvPausedFromWhy,
}

// measured is the part that says what the figures of kind measured.
func measured(kind store.IntervalKind) words.Arg { return words.Measured(kind == store.Running) }

// appTimes are apps with their time, most first.
func appTimes(ts []appTime) words.Arg {
	out := make([]words.AppTime, 0, len(ts))
	for _, t := range ts {
		out = append(out, words.AppTime{App: t.app, Dur: t.d})
	}
	return words.AppTimes(out...)
}

// calendarDays counts the local midnights from a to b (b's date minus a's).
func calendarDays(a, b time.Time, loc *time.Location) int {
	a, b = a.In(loc), b.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}
