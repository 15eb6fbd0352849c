package insight

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// installRules are the prompts of the install rules, as "rule:apps".
func installRules(ps []Prompt) []string {
	var out []string
	for _, p := range ps {
		if p.Rule == RuleNewApp || p.Rule == RulePlatformHop {
			out = append(out, p.Rule+":"+strings.Join(p.Apps, "+"))
		}
	}
	return out
}

func TestPlatformHop(t *testing.T) {
	at := now0.Add(-2 * time.Hour) // the chat app is installed Tuesday 24 November, 10:00
	tests := []struct {
		name string
		meas string // the store's foreground measurement; "" for none recorded
		ivs  []store.Interval
		app  string
		want []string
		fact words.Fact // a fact the evidence must have
	}{
		{name: "game time 29 days before", ivs: []store.Interval{fg("minecraft", at.Add(-days(29)), 30*time.Minute)}, app: "telegram",
			want: []string{"platform-hop:telegram+minecraft"},
			fact: words.New(words.EvGameTimeBefore, hopWindow, teen, words.App("minecraft"), words.Dur(30*time.Minute), words.Date(at.Add(-days(29)+30*time.Minute)), inFront)},
		{name: "game time 31 days before is too long ago", ivs: []store.Interval{fg("minecraft", at.Add(-days(31)), 30*time.Minute)}, app: "telegram",
			want: []string{"new-app:telegram"}},
		{name: "9 min 59 s of game time is too little", ivs: []store.Interval{fg("minecraft", at.Add(-days(2)), 10*time.Minute-time.Second)}, app: "telegram",
			want: []string{"new-app:telegram"}},
		{name: "10 min of game time is enough", ivs: []store.Interval{fg("minecraft", at.Add(-days(2)), 10*time.Minute)}, app: "telegram",
			want: []string{"platform-hop:telegram+minecraft"},
			fact: words.New(words.EvGameTimeBefore, hopWindow, teen, words.App("minecraft"), words.Dur(10*time.Minute), words.Date(at.Add(-days(2)+10*time.Minute)), inFront)},
		{name: "game time spread over several stretches adds up", app: "discord", ivs: []store.Interval{
			fg("roblox", at.Add(-days(3)), 5*time.Minute), fg("roblox", at.Add(-days(2)), 5*time.Minute)},
			want: []string{"platform-hop:discord+roblox"},
			fact: words.New(words.EvGameTimeBefore, hopWindow, teen, words.App("roblox"), words.Dur(10*time.Minute), words.Date(at.Add(-days(2)+5*time.Minute)), inFront)},
		{name: "game time after the install does not count", ivs: []store.Interval{fg("minecraft", at.Add(10*time.Minute), time.Hour)}, app: "telegram",
			want: []string{"new-app:telegram"}},
		{name: "game time the same day", ivs: []store.Interval{fg("roblox", at.Add(-3*time.Hour), time.Hour)}, app: "discord",
			want: []string{"platform-hop:discord+roblox"},
			fact: words.New(words.EvGameTimeSameDay, hopWindow, teen, words.App("roblox"), words.Dur(time.Hour), inFront)},
		{name: "snapchat counts as a private chat", ivs: []store.Interval{fg("roblox", at.Add(-days(5)), time.Hour)}, app: "snapchat",
			want: []string{"platform-hop:snapchat+roblox"}},
		{name: "session (anonymous) counts", ivs: []store.Interval{fg("epic-games", at.Add(-days(5)), time.Hour)}, app: "session",
			want: []string{"platform-hop:session+epic-games"}},
		{name: "instagram is not a private chat", ivs: []store.Interval{fg("roblox", at.Add(-days(5)), time.Hour)}, app: "instagram",
			want: []string{"new-app:instagram"}},
		{name: "a game is not a private chat", ivs: []store.Interval{fg("minecraft", at.Add(-days(5)), time.Hour)}, app: "steam",
			want: []string{"new-app:steam"}},
		{name: "time in other chat apps is not game time", ivs: []store.Interval{fg("whatsapp", at.Add(-days(5)), time.Hour), fg("teams", at.Add(-days(4)), time.Hour)}, app: "telegram",
			want: []string{"new-app:telegram"}},
		{name: "the game with the most time is named, the others told", app: "discord", ivs: []store.Interval{
			fg("minecraft", at.Add(-days(4)), 20*time.Minute), fg("roblox", at.Add(-days(3)), 2*time.Hour), fg("steam", at.Add(-days(6)), 9*time.Minute)},
			want: []string{"platform-hop:discord+roblox"},
			fact: words.New(words.EvOtherGames, teen, words.AppTimes(words.AppTime{App: "minecraft", Dur: 20 * time.Minute}))},
		{name: "running time when this computer cannot tell what is in front", meas: store.MeasureUnavailable, app: "telegram",
			ivs:  []store.Interval{running("minecraft", at.Add(-days(3)), 2*time.Hour), running("minecraft", at.Add(-days(3)).Add(time.Hour), 2*time.Hour)},
			want: []string{"platform-hop:telegram+minecraft"},
			fact: words.New(words.EvGameTimeBefore, hopWindow, teen, words.App("minecraft"), words.Dur(3*time.Hour), words.Date(at.Add(-days(3)+3*time.Hour)), onlyOpen)},
		{name: "running time does not count where time in front is measured", meas: store.MeasureX11, app: "telegram",
			ivs:  []store.Interval{running("minecraft", at.Add(-days(3)), 2*time.Hour)},
			want: []string{"new-app:telegram"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, nil)
			if tc.meas != "" {
				measurement(t, st, tc.meas)
			}
			addIntervals(t, st, tc.ivs...)
			install(t, st, tc.app, at)
			ps := evaluate(t, st, now0)
			if got := installRules(ps); !slices.Equal(got, tc.want) {
				t.Fatalf("prompts = %v, want %v", got, tc.want)
			}
			p := ps[0]
			if p.Rule == RulePlatformHop {
				if p.Guide != "platform-hop" || !hasFact(p, words.New(words.EvInstalled, words.App(tc.app), words.Date(at))) {
					t.Errorf("platform-hop prompt: %+v", p)
				}
			}
			if !tc.fact.IsZero() && !hasFact(p, tc.fact) {
				t.Errorf("evidence %v lacks %v", p.Facts, tc.fact)
			}
		})
	}
}

func TestNewApp(t *testing.T) {
	tests := []struct {
		name    string
		mod     func(*consent.Agreement)
		app     string
		at      time.Time
		removed time.Time
		want    []string
		guide   string
		facts   []words.Fact // the whole evidence, when given
	}{
		{name: "a chat app installed after the agreement", app: "telegram", at: now0.Add(-2 * time.Hour),
			want: []string{"new-app:telegram"}, guide: "new-app",
			facts: []words.Fact{words.New(words.EvInstalled, words.App("telegram"), words.Date(now0.Add(-2*time.Hour)))}},
		{name: "a game", app: "roblox", at: now0.Add(-days(1)),
			want: []string{"new-app:roblox"}, guide: "new-app",
			facts: []words.Fact{words.New(words.EvInstalled, words.App("roblox"), words.Date(now0.Add(-days(1))))}},
		{name: "installed before the agreement", mod: created(now0.Add(-days(5))), app: "telegram", at: now0.Add(-days(6))},
		{name: "installed a minute after the agreement", mod: created(now0.Add(-days(5))), app: "telegram", at: now0.Add(-days(5)).Add(time.Minute),
			want: []string{"new-app:telegram"}, guide: "new-app"},
		{name: "installed 13 days ago is still new", app: "whatsapp", at: now0.Add(-days(13)),
			want: []string{"new-app:whatsapp"}, guide: "new-app",
			facts: []words.Fact{words.New(words.EvInstalled, words.App("whatsapp"), words.Date(now0.Add(-days(13))))}},
		{name: "installed 15 days ago is not new any more", app: "whatsapp", at: now0.Add(-days(15))},
		{name: "a school app gets the gentle guide", app: "teams", at: now0.Add(-time.Hour),
			want: []string{"new-app:teams"}, guide: "school-work",
			facts: []words.Fact{words.New(words.EvInstalled, words.App("teams"), words.Date(now0.Add(-time.Hour))), words.New(words.EvSchoolWork, words.App("teams"))}},
		{name: "no school app prompts when the family turned them off", mod: func(a *consent.Agreement) { a.SchoolWorkPrompts = false },
			app: "slack", at: now0.Add(-time.Hour)},
		{name: "turning school apps off leaves other apps", mod: func(a *consent.Agreement) { a.SchoolWorkPrompts = false },
			app: "zoom", at: now0.Add(-time.Hour), want: []string{"new-app:zoom"}, guide: "new-app"},
		{name: "not a catalog app", app: "notepad", at: now0.Add(-time.Hour)},
		{name: "removed again", app: "whatsapp", at: now0.Add(-days(3)), removed: now0.Add(-days(1)),
			want: []string{"new-app:whatsapp"}, guide: "new-app",
			facts: []words.Fact{words.New(words.EvInstalled, words.App("whatsapp"), words.Date(now0.Add(-days(3)))),
				words.New(words.EvRemoved, words.App("whatsapp"), words.Date(now0.Add(-days(1))))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, tc.mod)
			install(t, st, tc.app, tc.at)
			if !tc.removed.IsZero() {
				remove(t, st, tc.app, tc.removed)
			}
			ps := evaluate(t, st, now0)
			if got := installRules(ps); !slices.Equal(got, tc.want) {
				t.Fatalf("prompts = %v, want %v", got, tc.want)
			}
			if len(tc.want) == 0 {
				return
			}
			p := only(ps, RuleNewApp)[0]
			if p.Guide != tc.guide {
				t.Errorf("guide = %q, want %q", p.Guide, tc.guide)
			}
			if tc.facts != nil {
				checkFacts(t, p, tc.facts...)
			}
		})
	}
}

func TestRelatedGuides(t *testing.T) {
	st := newStore(t, nil)
	addIntervals(t, st, fg("minecraft", now0.Add(-days(2)), time.Hour))
	install(t, st, "telegram", now0.Add(-time.Hour))
	install(t, st, "teams", now0.Add(-time.Hour))
	ps := evaluate(t, st, now0)
	hop := only(ps, RulePlatformHop)
	if len(hop) != 1 {
		t.Fatalf("prompts %v, want one platform-hop", rulesOf(ps))
	}
	if want := []string{"telegram", "minecraft", "meeting-from-games"}; !slices.Equal(hop[0].Related, want) {
		t.Errorf("related = %v, want %v (the apps' guides, without platform-hop itself)", hop[0].Related, want)
	}
	if news := only(ps, RuleNewApp); len(news) != 1 || len(news[0].Related) != 0 {
		t.Errorf("the school app's prompt: %+v, want no related guides (school-work is its own guide)", news)
	}
}

// nightAt is 23:00 on the evening n nights before the last one that ended
// before now0: nightAt(0) is Monday 23 November, nightAt(6) Tuesday 17
// November (the 7th night back), nightAt(7) the 8th.
func nightAt(n int) time.Time { return time.Date(2026, 11, 23-n, 23, 0, 0, 0, loc) }

// nightOf is the night window of nightAt(n) with the default night hours.
func nightOf(n int) words.Arg {
	from := time.Date(2026, 11, 23-n, 22, 0, 0, 0, loc)
	return words.Days(from, from.Add(8*time.Hour))
}

// defaultNight is the default night hours, 22:00–06:00.
var defaultNight = words.Night(store.DefaultNight.Start, store.DefaultNight.End)

func lateNights(n int, measured words.Arg) words.Fact {
	return words.New(words.EvLateNights, teen, defaultNight, words.Count(n), words.Count(LateNightOf), measured)
}

func night(n int, d time.Duration, apps ...string) words.Fact {
	return words.New(words.EvNight, nightOf(n), words.Dur(d), words.Apps(apps...))
}

func TestLateNight(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(*consent.Agreement)
		meas  string
		now   time.Time // zero: now0
		ivs   []store.Interval
		want  bool
		facts []words.Fact // the whole evidence, or (with some) facts it must have
		some  bool
	}{
		{name: "one night is not a pattern", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute)}},
		{name: "two nights", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("roblox", nightAt(3), time.Hour), fg("discord", nightAt(3).Add(time.Hour), 15*time.Minute)},
			want: true, facts: []words.Fact{
				lateNights(2, inFront),
				night(3, 75*time.Minute, "roblox", "discord"),
				night(0, 30*time.Minute, "discord"),
			}},
		{name: "4 min 59 s is not a night", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(1), 5*time.Minute-time.Second)}},
		{name: "5 min is a night", ivs: []store.Interval{fg("discord", nightAt(0), 5*time.Minute), fg("discord", nightAt(1), 5*time.Minute)},
			want: true, some: true, facts: []words.Fact{night(1, 5*time.Minute, "discord")}},
		{name: "the 7th night back counts", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(6), 30*time.Minute)},
			want: true, some: true, facts: []words.Fact{night(6, 30*time.Minute, "discord")}},
		{name: "the 8th night back does not", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(7), 30*time.Minute)}},
		{name: "after midnight is the same night", ivs: []store.Interval{fg("minecraft", time.Date(2026, 11, 24, 2, 0, 0, 0, loc), 20*time.Minute), fg("minecraft", nightAt(2), 20*time.Minute)},
			want: true, some: true, facts: []words.Fact{night(0, 20*time.Minute, "minecraft")}},
		{name: "time before the night hours does not count", ivs: []store.Interval{fg("discord", nightAt(0).Add(-2*time.Hour), 59*time.Minute), fg("discord", nightAt(1).Add(-2*time.Hour), 59*time.Minute)}},
		{name: "time across the start of the night counts from the start", ivs: []store.Interval{fg("discord", nightAt(0).Add(-2*time.Hour), 65*time.Minute), fg("discord", nightAt(1).Add(-2*time.Hour), 65*time.Minute)},
			want: true, some: true, facts: []words.Fact{night(0, 5*time.Minute, "discord")}},
		{name: "school and work apps do not count", ivs: []store.Interval{fg("teams", nightAt(0), time.Hour), fg("teams", nightAt(1), time.Hour)}},
		{name: "the night in progress is not over yet", now: time.Date(2026, 11, 24, 23, 30, 0, 0, loc),
			ivs: []store.Interval{fg("discord", time.Date(2026, 11, 24, 22, 0, 0, 0, loc), time.Hour), fg("discord", nightAt(0), 30*time.Minute)}},
		{name: "running time when this computer cannot tell what is in front", meas: store.MeasureUnavailable,
			ivs:  []store.Interval{running("discord", nightAt(0), 30*time.Minute), running("minecraft", nightAt(0), 30*time.Minute), running("discord", nightAt(1), 30*time.Minute)},
			want: true, some: true, facts: []words.Fact{lateNights(2, onlyOpen), night(0, 30*time.Minute, "discord", "minecraft")}},
		{name: "a night within one day", mod: func(a *consent.Agreement) { a.Night = store.NightHours{Start: 0, End: 6 * 60} },
			ivs:  []store.Interval{fg("discord", time.Date(2026, 11, 24, 1, 0, 0, 0, loc), 30*time.Minute), fg("discord", time.Date(2026, 11, 23, 1, 0, 0, 0, loc), 30*time.Minute)},
			want: true, facts: []words.Fact{
				words.New(words.EvLateNights, teen, words.Night(0, 6*60), words.Count(2), words.Count(7), inFront),
				words.New(words.EvNightInDay, words.Date(time.Date(2026, 11, 23, 0, 0, 0, 0, loc)), words.Night(0, 6*60), words.Dur(30*time.Minute), words.Apps("discord")),
				words.New(words.EvNightInDay, words.Date(time.Date(2026, 11, 24, 0, 0, 0, 0, loc)), words.Night(0, 6*60), words.Dur(30*time.Minute), words.Apps("discord")),
			}},
		{name: "in Dutch", mod: dutch, ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(1), 90*time.Minute)},
			want: true, facts: []words.Fact{
				lateNights(2, inFront),
				night(1, 90*time.Minute, "discord"),
				night(0, 30*time.Minute, "discord"),
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, tc.mod)
			if tc.meas != "" {
				measurement(t, st, tc.meas)
			}
			addIntervals(t, st, tc.ivs...)
			now := tc.now
			if now.IsZero() {
				now = now0
			}
			got := only(evaluate(t, st, now), RuleLateNight)
			if (len(got) == 1) != tc.want {
				t.Fatalf("late-night prompts = %+v, want one: %v", got, tc.want)
			}
			if !tc.want {
				return
			}
			if !tc.some {
				checkFacts(t, got[0], tc.facts...)
			}
			for _, f := range tc.facts {
				if !hasFact(got[0], f) {
					t.Errorf("evidence %v lacks %v", got[0].Facts, f)
				}
			}
		})
	}
}

// thisWeek is a moment inside the last 7 days before now0 (Friday noon);
// weekBefore(k) one inside the k-th week before them.
var thisWeek = time.Date(2026, 11, 20, 12, 0, 0, 0, loc)

func weekBefore(k int) time.Time { return time.Date(2026, 11, 19-7*k, 12, 0, 0, 0, loc) }

// baseline puts d of Discord in each of the 4 weeks before this one.
func baseline(d time.Duration) []store.Interval {
	var out []store.Interval
	for k := 1; k <= 4; k++ {
		out = append(out, fg("discord", weekBefore(k), d))
	}
	return out
}

func TestSpike(t *testing.T) {
	total := func(d time.Duration, measured words.Arg) words.Fact {
		return words.New(words.EvWeekTotal, teen, words.Dur(d), measured)
	}
	average := func(weeks int, d time.Duration) words.Fact {
		return words.New(words.EvWeeksAverage, words.Count(weeks), words.Dur(d))
	}
	most := func(ts ...words.AppTime) words.Fact { return words.New(words.EvMostTime, words.AppTimes(ts...)) }
	tests := []struct {
		name  string
		mod   func(*consent.Agreement)
		meas  string
		ivs   []store.Interval
		want  bool
		facts []words.Fact // facts the evidence must have
	}{
		{name: "1.99 times the average is not a spike", ivs: append(baseline(2*time.Hour), fg("discord", thisWeek, 3*time.Hour+59*time.Minute))},
		{name: "2 times the average is", ivs: append(baseline(2*time.Hour), fg("discord", thisWeek, 4*time.Hour)),
			want: true, facts: []words.Fact{total(4*time.Hour, inFront), average(4, 2*time.Hour), most(words.AppTime{App: "discord", Dur: 4 * time.Hour})}},
		{name: "2 h 59 min is too little however high the factor", ivs: append(baseline(time.Hour), fg("discord", thisWeek, 2*time.Hour+59*time.Minute))},
		{name: "3 h is enough", ivs: append(baseline(time.Hour), fg("discord", thisWeek, 3*time.Hour)),
			want: true, facts: []words.Fact{total(3*time.Hour, inFront), average(4, time.Hour)}},
		{name: "uneven weeks average out", ivs: []store.Interval{fg("discord", weekBefore(1), 4*time.Hour), fg("discord", weekBefore(3), 4*time.Hour), fg("discord", thisWeek, 4*time.Hour)},
			want: true, facts: []words.Fact{average(4, 2*time.Hour)}},
		{name: "several apps", ivs: append(baseline(time.Hour), fg("discord", thisWeek, 2*time.Hour), fg("roblox", thisWeek.Add(3*time.Hour), 90*time.Minute)),
			want: true, facts: []words.Fact{total(3*time.Hour+30*time.Minute, inFront),
				most(words.AppTime{App: "discord", Dur: 2 * time.Hour}, words.AppTime{App: "roblox", Dur: 90 * time.Minute})}},
		{name: "nothing in the weeks before", ivs: []store.Interval{fg("discord", thisWeek, 3*time.Hour)},
			want: true, facts: []words.Fact{words.New(words.EvWeeksNone, words.Count(4))}},
		{name: "no full week before this one", mod: created(now0.Add(-days(13))), ivs: []store.Interval{fg("discord", thisWeek, 5*time.Hour)}},
		{name: "one full week before this one", mod: created(now0.Add(-days(14))),
			ivs:  []store.Interval{fg("discord", weekBefore(1), time.Hour), fg("discord", thisWeek, 3*time.Hour)},
			want: true, facts: []words.Fact{average(1, time.Hour)}},
		{name: "school and work apps do not count", ivs: []store.Interval{fg("teams", thisWeek, 5*time.Hour)}},
		{name: "running time when this computer cannot tell what is in front, overlaps counted once", meas: store.MeasureUnavailable,
			ivs:  append([]store.Interval{running("discord", weekBefore(2), time.Hour)}, running("discord", thisWeek, 2*time.Hour), running("minecraft", thisWeek.Add(time.Hour), 2*time.Hour)),
			want: true, facts: []words.Fact{total(3*time.Hour, onlyOpen), average(4, 15*time.Minute)}},
		{name: "in Dutch", mod: dutch, ivs: append(baseline(time.Hour), fg("discord", thisWeek, 3*time.Hour)),
			want: true, facts: []words.Fact{total(3*time.Hour, inFront), average(4, time.Hour), most(words.AppTime{App: "discord", Dur: 3 * time.Hour})}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, tc.mod)
			if tc.meas != "" {
				measurement(t, st, tc.meas)
			}
			addIntervals(t, st, tc.ivs...)
			got := only(evaluate(t, st, now0), RuleSpike)
			if (len(got) == 1) != tc.want {
				t.Fatalf("spike prompts = %+v, want one: %v", got, tc.want)
			}
			if !tc.want {
				return
			}
			if n := len(got[0].Facts); n != 3 {
				t.Errorf("%d facts, want the week, the weeks before and the most time: %v", n, got[0].Facts)
			}
			for _, f := range tc.facts {
				if !hasFact(got[0], f) {
					t.Errorf("evidence %v lacks %v", got[0].Facts, f)
				}
			}
		})
	}
}

func TestCheckIn(t *testing.T) {
	tests := []struct {
		name    string
		mod     func(*consent.Agreement)
		prior   time.Time // when an earlier prompt was made; zero for none
		install bool      // another rule fires now
		want    bool
		first   words.Fact // the first fact; the second says nothing stood out
	}{
		{name: "agreement 13 days old", mod: created(now0.Add(-days(13)))},
		{name: "agreement 14 days old", mod: created(now0.Add(-days(14))), want: true,
			first: words.New(words.EvNoPromptSince, words.Date(now0.Add(-days(14))))},
		{name: "last prompt 13 days ago", prior: now0.Add(-days(13))},
		{name: "last prompt 14 days ago", prior: now0.Add(-days(14)), want: true,
			first: words.New(words.EvNoPromptFor, words.Count(14), words.Date(now0.Add(-days(14))))},
		{name: "another prompt now", install: true},
		{name: "in Dutch", mod: func(a *consent.Agreement) { dutch(a); created(now0.Add(-days(20)))(a) }, want: true,
			first: words.New(words.EvNoPromptSince, words.Date(now0.Add(-days(20))))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, tc.mod)
			if !tc.prior.IsZero() {
				if err := st.AddPrompt(context.Background(), store.Prompt{ID: "p-earlier", Rule: RuleSpike, Created: tc.prior, DedupeKey: RuleSpike}); err != nil {
					t.Fatal(err)
				}
			}
			if tc.install {
				install(t, st, "telegram", now0.Add(-time.Hour))
			}
			ps := evaluate(t, st, now0)
			got := only(ps, RuleCheckIn)
			if (len(got) == 1) != tc.want {
				t.Fatalf("prompts = %v, want a check-in: %v", rulesOf(ps), tc.want)
			}
			if tc.want {
				checkFacts(t, got[0], tc.first, words.New(words.EvNothingStoodOut))
			}
		})
	}
}

func TestPaused(t *testing.T) {
	start := now0.Add(-days(5)) // Thursday 19 November, 12:00
	type ev struct {
		kind       store.EventKind
		start, end time.Time
		reason     string
	}
	tests := []struct {
		name  string
		mod   func(*consent.Agreement)
		evs   []ev
		prior time.Time // an earlier paused prompt; zero for none
		want  bool
		facts []words.Fact // the whole evidence
	}{
		{name: "a pause of exactly 24 h", evs: []ev{{store.EventPause, start, start.Add(24 * time.Hour), "exam week"}}},
		{name: "a pause a minute longer", evs: []ev{{store.EventPause, start, start.Add(24*time.Hour + time.Minute), "exam week"}},
			want: true, facts: []words.Fact{words.New(words.EvPausedFromWhy, words.DateTime(start), words.DateTime(start.Add(24*time.Hour+time.Minute)),
				words.Span(24*time.Hour+time.Minute), words.Text("exam week"))}},
		{name: "a pause going on for 23 h", evs: []ev{{store.EventPause, now0.Add(-23 * time.Hour), now0.Add(25 * time.Hour), "holiday"}}},
		{name: "a pause going on for 25 h", evs: []ev{{store.EventPause, now0.Add(-25 * time.Hour), now0.Add(23 * time.Hour), "holiday"}},
			want: true, facts: []words.Fact{words.New(words.EvPausedUntilWhy, words.DateTime(now0.Add(-25*time.Hour)), words.DateTime(now0.Add(23*time.Hour)),
				words.Span(48*time.Hour), words.Text("holiday"))}},
		{name: "a pause without a planned end, going on for 30 h", evs: []ev{{store.EventPause, now0.Add(-30 * time.Hour), time.Time{}, ""}},
			want: true, facts: []words.Fact{words.New(words.EvPausedSince, words.DateTime(now0.Add(-30*time.Hour)), words.Span(30*time.Hour))}},
		{name: "a gap of exactly 24 h", evs: []ev{{store.EventGap, start, start.Add(24 * time.Hour), ""}}},
		{name: "a gap of 25 h", evs: []ev{{store.EventGap, start, start.Add(25 * time.Hour), "killed"}},
			want: true, facts: []words.Fact{words.New(words.EvGap, words.DateTime(start), words.DateTime(start.Add(25*time.Hour)), words.Span(25*time.Hour)),
				words.New(words.EvBreakOrdinary)}},
		{name: "a stop and a start 2 h later", evs: []ev{{store.EventStop, start, time.Time{}, ""}, {store.EventStart, start.Add(2 * time.Hour), time.Time{}, ""}}},
		{name: "a stop and a start 26 h later", evs: []ev{{store.EventStop, start, time.Time{}, ""}, {store.EventStart, start.Add(26 * time.Hour), time.Time{}, ""}},
			want: true, facts: []words.Fact{words.New(words.EvStopped, words.DateTime(start), words.DateTime(start.Add(26*time.Hour)), words.Span(26*time.Hour)),
				words.New(words.EvBreakOrdinary)}},
		{name: "stopped 30 h ago and not started since", evs: []ev{{store.EventStop, now0.Add(-30 * time.Hour), time.Time{}, ""}},
			want: true, facts: []words.Fact{words.New(words.EvStoppedSince, words.DateTime(now0.Add(-30*time.Hour)), words.Span(30*time.Hour)),
				words.New(words.EvBreakOrdinary)}},
		{name: "before the agreement", mod: created(now0.Add(-days(3))), evs: []ev{{store.EventGap, now0.Add(-days(5)), now0.Add(-days(2)), ""}}},
		{name: "ended longer ago than the lookback", evs: []ev{{store.EventGap, now0.Add(-days(20)), now0.Add(-days(15)), ""}}},
		{name: "a long stop that ended within the lookback", evs: []ev{{store.EventStop, now0.Add(-days(20)), time.Time{}, ""}, {store.EventStart, now0.Add(-days(10)), time.Time{}, ""}},
			want: true, facts: []words.Fact{words.New(words.EvStopped, words.DateTime(now0.Add(-days(20))), words.DateTime(now0.Add(-days(10))), words.Span(days(10))),
				words.New(words.EvBreakOrdinary)}},
		{name: "the same stop, already told about 18 days ago", prior: now0.Add(-days(18)),
			evs: []ev{{store.EventStop, now0.Add(-days(20)), time.Time{}, ""}, {store.EventStart, now0.Add(-days(10)), time.Time{}, ""}}},
		{name: "in Dutch", mod: dutch, evs: []ev{{store.EventPause, start, start.Add(48 * time.Hour), "proefwerkweek"}, {store.EventGap, start.Add(-days(3)), start.Add(-days(1)), ""}},
			want: true, facts: []words.Fact{
				words.New(words.EvGap, words.DateTime(start.Add(-days(3))), words.DateTime(start.Add(-days(1))), words.Span(48*time.Hour)),
				words.New(words.EvPausedFromWhy, words.DateTime(start), words.DateTime(start.Add(48*time.Hour)), words.Span(48*time.Hour), words.Text("proefwerkweek")),
				words.New(words.EvBreakOrdinary),
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, tc.mod)
			for _, e := range tc.evs {
				event(t, st, e.kind, e.start, e.end, e.reason)
			}
			if !tc.prior.IsZero() {
				if err := st.AddPrompt(context.Background(), store.Prompt{ID: "p-earlier", Rule: RulePaused, Created: tc.prior, DedupeKey: RulePaused}); err != nil {
					t.Fatal(err)
				}
			}
			got := only(evaluate(t, st, now0), RulePaused)
			if (len(got) == 1) != tc.want {
				t.Fatalf("paused prompts = %+v, want one: %v", got, tc.want)
			}
			if !tc.want {
				return
			}
			if got[0].Guide != "paused" || len(got[0].Apps) != 0 {
				t.Errorf("paused prompt: %+v", got[0])
			}
			checkFacts(t, got[0], tc.facts...)
		})
	}
}

func TestRenewal(t *testing.T) {
	expires := func(at time.Time) func(*consent.Agreement) { return func(a *consent.Agreement) { a.Expires = at } }
	made := words.Date(now0.AddDate(0, 0, -60)) // the template agreement's
	ends := func(at time.Time, days int) []words.Fact {
		return []words.Fact{words.New(words.EvAgreementEnds, made, words.Date(at), words.Count(days)), words.New(words.EvRenewAfter)}
	}
	tests := []struct {
		name  string
		mod   func(*consent.Agreement)
		want  bool
		facts []words.Fact // the whole evidence
	}{
		{name: "ends in 15 days", mod: expires(now0.Add(days(15)))},
		{name: "ends in 14 days and a minute", mod: expires(now0.Add(days(14) + time.Minute))},
		{name: "ends in 14 days", mod: expires(now0.Add(days(14))), want: true, facts: ends(now0.Add(days(14)), 14)},
		{name: "ends tomorrow", mod: expires(now0.Add(days(1))), want: true, facts: ends(now0.Add(days(1)), 1)},
		{name: "ends tonight", mod: expires(now0.Add(11 * time.Hour)), want: true, facts: ends(now0.Add(11*time.Hour), 0)},
		{name: "ended yesterday", mod: expires(now0.Add(-days(1))), want: true, facts: []words.Fact{
			words.New(words.EvAgreementEnded, made, words.Date(now0.Add(-days(1)))), words.New(words.EvRenewNow),
		}},
		{name: "in Dutch", mod: func(a *consent.Agreement) { dutch(a); a.Expires = now0.Add(days(10)) }, want: true, facts: ends(now0.Add(days(10)), 10)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, tc.mod)
			got := only(evaluate(t, st, now0), RuleRenewal)
			if (len(got) == 1) != tc.want {
				t.Fatalf("renewal prompts = %+v, want one: %v", got, tc.want)
			}
			if tc.want {
				checkFacts(t, got[0], tc.facts...)
			}
		})
	}
}

// Once the agreement has run out, TalkFirst records nothing and raises
// nothing but the renewal.
func TestExpiredAgreementOnlyRenews(t *testing.T) {
	st := newStore(t, func(a *consent.Agreement) { a.Expires = now0.Add(-time.Hour) })
	install(t, st, "telegram", now0.Add(-2*time.Hour))
	addIntervals(t, st, fg("discord", nightAt(0), time.Hour), fg("discord", nightAt(1), time.Hour))
	ps := evaluate(t, st, now0)
	if got := rulesOf(ps); !slices.Equal(got, []string{"renewal:"}) {
		t.Errorf("prompts = %v, want only the renewal", got)
	}
}

func TestNoAgreementNoPrompts(t *testing.T) {
	st, err := store.Open(t.TempDir(), nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	install(t, st, "telegram", now0.Add(-time.Hour))
	ps := evaluate(t, st, now0)
	if len(ps) != 0 {
		t.Errorf("prompts without an agreement: %v", rulesOf(ps))
	}
	all, err := List(context.Background(), st, now0)
	if err != nil || len(all) != 0 {
		t.Errorf("List = %v, %v; want nothing", all, err)
	}
}

func TestCalendarDays(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		a, b time.Time
		want int
	}{
		{"across midnight", time.Date(2026, 11, 24, 23, 59, 0, 0, loc), time.Date(2026, 11, 25, 0, 1, 0, 0, loc), 1},
		{"the same day", time.Date(2026, 11, 24, 0, 0, 0, 0, loc), time.Date(2026, 11, 24, 23, 59, 0, 0, loc), 0},
		{"in the zone given", time.Date(2026, 11, 24, 22, 30, 0, 0, time.UTC), time.Date(2026, 11, 25, 22, 30, 0, 0, time.UTC), 1},
		{"two weeks", now0.Add(-days(14)), now0, 14},
	} {
		if got := calendarDays(tc.a, tc.b, loc); got != tc.want {
			t.Errorf("%s: calendarDays = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestNightWindows(t *testing.T) {
	w := nightWindows(store.DefaultNight, now0, 7)
	if len(w) != 7 {
		t.Fatalf("%d windows, want 7", len(w))
	}
	if want := time.Date(2026, 11, 23, 22, 0, 0, 0, loc); !w[0].from.Equal(want) || !w[0].to.Equal(want.Add(8*time.Hour)) {
		t.Errorf("newest window %v–%v, want the night of Monday 23 November", w[0].from, w[0].to)
	}
	if want := time.Date(2026, 11, 17, 22, 0, 0, 0, loc); !w[6].from.Equal(want) {
		t.Errorf("oldest window starts %v, want %v", w[6].from, want)
	}
	// at 03:00 the night that began at 22:00 is not over
	w = nightWindows(store.DefaultNight, time.Date(2026, 11, 24, 3, 0, 0, 0, loc), 1)
	if want := time.Date(2026, 11, 22, 22, 0, 0, 0, loc); len(w) != 1 || !w[0].from.Equal(want) {
		t.Errorf("at 03:00: %v, want the night that began %v", w, want)
	}
	if w := nightWindows(store.NightHours{Start: 60, End: 60}, now0, 7); len(w) != 0 {
		t.Errorf("empty night hours give windows: %v", w)
	}
}
