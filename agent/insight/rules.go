package insight

import (
	"context"
	"fmt"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
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

// installedLines are the facts of an install: when, and a removal after it.
func installedLines(e *env, app string, at, removed time.Time) (installed, gone string) {
	installed = fmt.Sprintf(e.x.pick("%s was installed on %s.", "%s is op %s geïnstalleerd."), e.name(app), e.x.date(at))
	if !removed.IsZero() {
		gone = fmt.Sprintf(e.x.pick("%s was removed again on %s.", "%s is op %s weer verwijderd."), e.name(app), e.x.date(removed))
	}
	return installed, gone
}

func newApp(e *env, app string, at, removed time.Time) (candidate, bool) {
	g := "new-app"
	installed, gone := installedLines(e, app, at, removed)
	ev := []string{installed}
	if e.category(app) == catalog.School {
		if !e.ag.SchoolWorkPrompts {
			return candidate{}, false
		}
		g = "school-work"
		ev = append(ev, fmt.Sprintf(e.x.pick("%s is mostly used for school or work.", "%s wordt vooral voor school of werk gebruikt."), e.name(app)))
	}
	if gone != "" {
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
	x, top := e.x, games[0]
	installed, gone := installedLines(e, app, at, removed)
	lastUse := u.last[top.app]
	when := fmt.Sprintf(x.pick("most recently on %s", "voor het laatst op %s"), x.date(lastUse))
	if calendarDays(lastUse, at, e.loc) == 0 {
		when = x.pick("most recently earlier that day", "voor het laatst eerder die dag")
	}
	ndays := int(HopWindow / day)
	ev := []string{installed, fmt.Sprintf(x.pick("In the %d days before, %s used %s for %s, %s %s.",
		"In de %d dagen daarvoor gebruikte %s %s %s, %s %s."),
		ndays, e.teen(), e.name(top.app), x.dur(top.d), when, x.measured(kind))}
	if len(games) > 1 {
		var more []string
		for _, g := range games[1:min(len(games), 3)] {
			more = append(more, fmt.Sprintf("%s (%s)", e.name(g.app), x.dur(g.d)))
		}
		ev = append(ev, fmt.Sprintf(x.pick("In that time, %s also used %s.", "In die tijd gebruikte %s ook %s."), e.teen(), x.list(more)))
	}
	if gone != "" {
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
	x := e.x
	ev := []string{fmt.Sprintf(x.pick("%s used chat apps or games during the agreed night hours (%s) on %d of the last %d nights %s.",
		"%s gebruikte chatapps of games tijdens de afgesproken nachturen (%s) in %d van de laatste %d nachten %s."),
		capital(e.teen()), consent.FormatNight(e.ag.Night), len(nights), len(wins), x.measured(kind))}
	for _, n := range nights {
		var names []string
		for _, a := range n.u.top(3) {
			names = append(names, e.name(a.app))
		}
		var line string
		if calendarDays(n.w.from, n.w.to, e.loc) > 0 {
			line = fmt.Sprintf(x.pick("The night of %s: %s (%s).", "De nacht van %s: %s (%s)."),
				x.dayRange(n.w.from, n.w.to), x.dur(n.u.total), x.list(names))
		} else {
			line = fmt.Sprintf("%s, %s–%s: %s (%s).", capital(x.date(n.w.from)), n.w.from.In(e.loc).Format("15:04"),
				n.w.to.In(e.loc).Format("15:04"), x.dur(n.u.total), x.list(names))
		}
		ev = append(ev, line)
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
	x := e.x
	ev := []string{fmt.Sprintf(x.pick("In the last 7 days, %s used chat apps and games for %s %s.",
		"In de afgelopen 7 dagen gebruikte %s chatapps en games %s %s."), e.teen(), x.dur(cur.total), x.measured(kind))}
	if base.total == 0 {
		ev = append(ev, fmt.Sprintf(x.pick("In %s, no time in chat apps or games was recorded.",
			"In %s is geen tijd in chatapps of games gemeten."), x.weeksBefore(n)))
	} else {
		ev = append(ev, fmt.Sprintf(x.pick("In %s, that was %s a week on average.", "In %s was dat gemiddeld %s per week."),
			x.weeksBefore(n), x.dur(base.total/time.Duration(n))))
	}
	top := cur.top(3)
	var items []string
	var apps []string
	for _, a := range top {
		items = append(items, fmt.Sprintf("%s (%s)", e.name(a.app), x.dur(a.d)))
		apps = append(apps, a.app)
	}
	ev = append(ev, fmt.Sprintf(x.pick("The most time went to %s.", "De meeste tijd ging naar %s."), x.list(items)))
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
	x := e.x
	var ev []string
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
		switch v.Kind {
		case store.EventPause:
			var line string
			if v.End.IsZero() { // no planned end: say how long so far
				line = fmt.Sprintf(x.pick("Recording has been paused since %s (%s so far)", "Het bijhouden staat sinds %s op pauze (%s tot nu toe)"),
					x.dateTime(v.Start), x.span(lasted))
			} else if ongoing {
				line = fmt.Sprintf(x.pick("Recording is paused from %s until %s (%s)", "Het bijhouden staat op pauze van %s tot %s (%s)"),
					x.dateTime(v.Start), x.dateTime(end), x.span(end.Sub(v.Start)))
			} else {
				line = fmt.Sprintf(x.pick("Recording was paused from %s to %s (%s)", "Het bijhouden stond op pauze van %s tot %s (%s)"),
					x.dateTime(v.Start), x.dateTime(end), x.span(end.Sub(v.Start)))
			}
			if v.Reason != "" {
				line += fmt.Sprintf(x.pick(", with the reason “%s”", ", met als reden ‘%s’"), v.Reason)
			}
			ev = append(ev, line+".")
		case store.EventGap:
			ordinary = true
			ev = append(ev, fmt.Sprintf(x.pick("TalkFirst did not record from %s to %s (%s).", "TalkFirst heeft van %s tot %s niets bijgehouden (%s)."),
				x.dateTime(v.Start), x.dateTime(end), x.span(lasted)))
		case store.EventStop:
			ordinary = true
			if ongoing {
				ev = append(ev, fmt.Sprintf(x.pick("TalkFirst was stopped on %s and has not run since (%s so far).",
					"TalkFirst is op %s gestopt en draait sindsdien niet (%s tot nu toe)."), x.dateTime(v.Start), x.span(lasted)))
			} else {
				ev = append(ev, fmt.Sprintf(x.pick("TalkFirst was stopped on %s and started again on %s (%s).",
					"TalkFirst is op %s gestopt en op %s weer gestart (%s)."), x.dateTime(v.Start), x.dateTime(end), x.span(lasted)))
			}
		}
	}
	if len(ev) == 0 {
		return nil, nil
	}
	if ordinary {
		ev = append(ev, x.pick("TalkFirst also stops when the computer is switched off, asleep or without power, so a break can have an ordinary reason.",
			"TalkFirst stopt ook als de computer uit staat, slaapt of zonder stroom zit, dus een onderbreking kan een gewone reden hebben."))
	}
	return []candidate{{rule: RulePaused, guide: "paused", evidence: ev, key: key, since: e.recent()}}, nil
}

// renewal: the agreement ends within RenewalWithin (or has ended).
func renewal(ctx context.Context, e *env) ([]candidate, error) {
	left := e.ag.Expires.Sub(e.now)
	if left > RenewalWithin {
		return nil, nil
	}
	x := e.x
	var ev []string
	if left > 0 {
		ev = []string{
			fmt.Sprintf(x.pick("The agreement you made together on %s ends on %s, %s.", "De afspraak die jullie op %s samen maakten, loopt af op %s, %s."),
				x.date(e.ag.Created), x.date(e.ag.Expires), x.inDays(calendarDays(e.now, e.ag.Expires, e.loc))),
			x.pick("After that, TalkFirst stops recording until you renew it together.",
				"Daarna houdt TalkFirst niets meer bij, tot jullie de afspraak samen vernieuwen."),
		}
	} else {
		ev = []string{
			fmt.Sprintf(x.pick("The agreement you made together on %s ended on %s.", "De afspraak die jullie op %s samen maakten, is op %s afgelopen."),
				x.date(e.ag.Created), x.date(e.ag.Expires)),
			x.pick("TalkFirst is not recording until you renew it together.",
				"TalkFirst houdt niets bij tot jullie de afspraak samen vernieuwen."),
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
	x := e.x
	var first string
	if last.IsZero() {
		first = fmt.Sprintf(x.pick("There has been no conversation prompt since you made the agreement together on %s.",
			"Sinds jullie op %s samen de afspraak maakten, is er nog geen melding geweest."), x.date(e.ag.Created))
	} else {
		first = fmt.Sprintf(x.pick("There has been no conversation prompt for %d days; the last one was on %s.",
			"Er is al %d dagen geen melding geweest; de laatste was op %s."), calendarDays(last, e.now, e.loc), x.date(last))
	}
	ev := []string{first, x.pick("Nothing in particular stood out to TalkFirst in that time.", "In die tijd is TalkFirst niets bijzonders opgevallen.")}
	return []candidate{{rule: RuleCheckIn, guide: "check-in", evidence: ev, key: dedupeKey(RuleCheckIn), since: e.recent()}}, nil
}
