package insight

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
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
		line string // an evidence line (part) that must be there
	}{
		{name: "game time 29 days before", ivs: []store.Interval{fg("minecraft", at.Add(-days(29)), 30*time.Minute)}, app: "telegram",
			want: []string{"platform-hop:telegram+minecraft"},
			line: "In the 30 days before, Sam used Minecraft for 30 min, most recently on Monday 26 October (time in front)."},
		{name: "game time 31 days before is too long ago", ivs: []store.Interval{fg("minecraft", at.Add(-days(31)), 30*time.Minute)}, app: "telegram",
			want: []string{"new-app:telegram"}},
		{name: "9 min 59 s of game time is too little", ivs: []store.Interval{fg("minecraft", at.Add(-days(2)), 10*time.Minute-time.Second)}, app: "telegram",
			want: []string{"new-app:telegram"}},
		{name: "10 min of game time is enough", ivs: []store.Interval{fg("minecraft", at.Add(-days(2)), 10*time.Minute)}, app: "telegram",
			want: []string{"platform-hop:telegram+minecraft"}, line: "Sam used Minecraft for 10 min, most recently on Sunday 22 November"},
		{name: "game time spread over several stretches adds up", app: "discord", ivs: []store.Interval{
			fg("roblox", at.Add(-days(3)), 5*time.Minute), fg("roblox", at.Add(-days(2)), 5*time.Minute)},
			want: []string{"platform-hop:discord+roblox"}, line: "Sam used Roblox for 10 min"},
		{name: "game time after the install does not count", ivs: []store.Interval{fg("minecraft", at.Add(10*time.Minute), time.Hour)}, app: "telegram",
			want: []string{"new-app:telegram"}},
		{name: "game time the same day", ivs: []store.Interval{fg("roblox", at.Add(-3*time.Hour), time.Hour)}, app: "discord",
			want: []string{"platform-hop:discord+roblox"}, line: "Sam used Roblox for 1 h, most recently earlier that day (time in front)."},
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
			want: []string{"platform-hop:discord+roblox"}, line: "In that time, Sam also used Minecraft (20 min)."},
		{name: "running time when this computer cannot tell what is in front", meas: store.MeasureUnavailable, app: "telegram",
			ivs:  []store.Interval{running("minecraft", at.Add(-days(3)), 2*time.Hour), running("minecraft", at.Add(-days(3)).Add(time.Hour), 2*time.Hour)},
			want: []string{"platform-hop:telegram+minecraft"}, line: "Sam used Minecraft for 3 h, most recently on Saturday 21 November (running time"},
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
				if p.Guide != "platform-hop" || !hasLine(p, " was installed on Tuesday 24 November.") {
					t.Errorf("platform-hop prompt: %+v", p)
				}
			}
			if tc.line != "" && !hasLine(p, tc.line) {
				t.Errorf("evidence %q lacks %q", p.Evidence, tc.line)
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
		lines   []string
	}{
		{name: "a chat app installed after the agreement", app: "telegram", at: now0.Add(-2 * time.Hour),
			want: []string{"new-app:telegram"}, guide: "new-app", lines: []string{"Telegram was installed on Tuesday 24 November."}},
		{name: "a game", app: "roblox", at: now0.Add(-days(1)),
			want: []string{"new-app:roblox"}, guide: "new-app", lines: []string{"Roblox was installed on Monday 23 November."}},
		{name: "installed before the agreement", mod: created(now0.Add(-days(5))), app: "telegram", at: now0.Add(-days(6))},
		{name: "installed a minute after the agreement", mod: created(now0.Add(-days(5))), app: "telegram", at: now0.Add(-days(5)).Add(time.Minute),
			want: []string{"new-app:telegram"}, guide: "new-app"},
		{name: "installed 13 days ago is still new", app: "whatsapp", at: now0.Add(-days(13)),
			want: []string{"new-app:whatsapp"}, guide: "new-app", lines: []string{"WhatsApp was installed on Wednesday 11 November."}},
		{name: "installed 15 days ago is not new any more", app: "whatsapp", at: now0.Add(-days(15))},
		{name: "a school app gets the gentle guide", app: "teams", at: now0.Add(-time.Hour),
			want: []string{"new-app:teams"}, guide: "school-work",
			lines: []string{"Microsoft Teams was installed on Tuesday 24 November.", "Microsoft Teams is mostly used for school or work."}},
		{name: "no school app prompts when the family turned them off", mod: func(a *consent.Agreement) { a.SchoolWorkPrompts = false },
			app: "slack", at: now0.Add(-time.Hour)},
		{name: "turning school apps off leaves other apps", mod: func(a *consent.Agreement) { a.SchoolWorkPrompts = false },
			app: "zoom", at: now0.Add(-time.Hour), want: []string{"new-app:zoom"}, guide: "new-app"},
		{name: "not a catalog app", app: "notepad", at: now0.Add(-time.Hour)},
		{name: "removed again", app: "whatsapp", at: now0.Add(-days(3)), removed: now0.Add(-days(1)),
			want: []string{"new-app:whatsapp"}, guide: "new-app",
			lines: []string{"WhatsApp was installed on Saturday 21 November.", "WhatsApp was removed again on Monday 23 November."}},
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
			for _, l := range tc.lines {
				if !hasLine(p, l) {
					t.Errorf("evidence %q lacks %q", p.Evidence, l)
				}
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

func TestLateNight(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(*consent.Agreement)
		meas  string
		now   time.Time // zero: now0
		ivs   []store.Interval
		want  bool
		lines []string
	}{
		{name: "one night is not a pattern", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute)}},
		{name: "two nights", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("roblox", nightAt(3), time.Hour), fg("discord", nightAt(3).Add(time.Hour), 15*time.Minute)},
			want: true, lines: []string{
				"Sam used chat apps or games during the agreed night hours (22:00–06:00) on 2 of the last 7 nights (time in front).",
				"The night of Friday 20 to Saturday 21 November: 1 h 15 min (Roblox and Discord).",
				"The night of Monday 23 to Tuesday 24 November: 30 min (Discord).",
			}},
		{name: "4 min 59 s is not a night", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(1), 5*time.Minute-time.Second)}},
		{name: "5 min is a night", ivs: []store.Interval{fg("discord", nightAt(0), 5*time.Minute), fg("discord", nightAt(1), 5*time.Minute)},
			want: true, lines: []string{"The night of Sunday 22 to Monday 23 November: 5 min (Discord)."}},
		{name: "the 7th night back counts", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(6), 30*time.Minute)},
			want: true, lines: []string{"The night of Tuesday 17 to Wednesday 18 November: 30 min (Discord)."}},
		{name: "the 8th night back does not", ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(7), 30*time.Minute)}},
		{name: "after midnight is the same night", ivs: []store.Interval{fg("minecraft", time.Date(2026, 11, 24, 2, 0, 0, 0, loc), 20*time.Minute), fg("minecraft", nightAt(2), 20*time.Minute)},
			want: true, lines: []string{"The night of Monday 23 to Tuesday 24 November: 20 min (Minecraft)."}},
		{name: "time before the night hours does not count", ivs: []store.Interval{fg("discord", nightAt(0).Add(-2*time.Hour), 59*time.Minute), fg("discord", nightAt(1).Add(-2*time.Hour), 59*time.Minute)}},
		{name: "time across the start of the night counts from the start", ivs: []store.Interval{fg("discord", nightAt(0).Add(-2*time.Hour), 65*time.Minute), fg("discord", nightAt(1).Add(-2*time.Hour), 65*time.Minute)},
			want: true, lines: []string{"The night of Monday 23 to Tuesday 24 November: 5 min (Discord)."}},
		{name: "school and work apps do not count", ivs: []store.Interval{fg("teams", nightAt(0), time.Hour), fg("teams", nightAt(1), time.Hour)}},
		{name: "the night in progress is not over yet", now: time.Date(2026, 11, 24, 23, 30, 0, 0, loc),
			ivs: []store.Interval{fg("discord", time.Date(2026, 11, 24, 22, 0, 0, 0, loc), time.Hour), fg("discord", nightAt(0), 30*time.Minute)}},
		{name: "running time when this computer cannot tell what is in front", meas: store.MeasureUnavailable,
			ivs:  []store.Interval{running("discord", nightAt(0), 30*time.Minute), running("minecraft", nightAt(0), 30*time.Minute), running("discord", nightAt(1), 30*time.Minute)},
			want: true, lines: []string{"on 2 of the last 7 nights (running time", "The night of Monday 23 to Tuesday 24 November: 30 min (Discord and Minecraft)."}},
		{name: "a night within one day", mod: func(a *consent.Agreement) { a.Night = store.NightHours{Start: 0, End: 6 * 60} },
			ivs:  []store.Interval{fg("discord", time.Date(2026, 11, 24, 1, 0, 0, 0, loc), 30*time.Minute), fg("discord", time.Date(2026, 11, 23, 1, 0, 0, 0, loc), 30*time.Minute)},
			want: true, lines: []string{"(00:00–06:00) on 2 of the last 7 nights", "Tuesday 24 November, 00:00–06:00: 30 min (Discord)."}},
		{name: "in Dutch", mod: dutch, ivs: []store.Interval{fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(1), 90*time.Minute)},
			want: true, lines: []string{
				"Sam gebruikte chatapps of games tijdens de afgesproken nachturen (22:00–06:00) in 2 van de laatste 7 nachten (voorgrondtijd).",
				"De nacht van zondag 22 op maandag 23 november: 1 u 30 min (Discord).",
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
			for _, l := range tc.lines {
				if !hasLine(got[0], l) {
					t.Errorf("evidence %q lacks %q", got[0].Evidence, l)
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
	tests := []struct {
		name  string
		mod   func(*consent.Agreement)
		meas  string
		ivs   []store.Interval
		want  bool
		lines []string
	}{
		{name: "1.99 times the average is not a spike", ivs: append(baseline(2*time.Hour), fg("discord", thisWeek, 3*time.Hour+59*time.Minute))},
		{name: "2 times the average is", ivs: append(baseline(2*time.Hour), fg("discord", thisWeek, 4*time.Hour)),
			want: true, lines: []string{
				"In the last 7 days, Sam used chat apps and games for 4 h (time in front).",
				"In the 4 weeks before, that was 2 h a week on average.",
				"The most time went to Discord (4 h).",
			}},
		{name: "2 h 59 min is too little however high the factor", ivs: append(baseline(time.Hour), fg("discord", thisWeek, 2*time.Hour+59*time.Minute))},
		{name: "3 h is enough", ivs: append(baseline(time.Hour), fg("discord", thisWeek, 3*time.Hour)),
			want: true, lines: []string{"for 3 h (time in front).", "that was 1 h a week on average."}},
		{name: "uneven weeks average out", ivs: []store.Interval{fg("discord", weekBefore(1), 4*time.Hour), fg("discord", weekBefore(3), 4*time.Hour), fg("discord", thisWeek, 4*time.Hour)},
			want: true, lines: []string{"that was 2 h a week on average."}},
		{name: "several apps", ivs: append(baseline(time.Hour), fg("discord", thisWeek, 2*time.Hour), fg("roblox", thisWeek.Add(3*time.Hour), 90*time.Minute)),
			want: true, lines: []string{"for 3 h 30 min", "The most time went to Discord (2 h) and Roblox (1 h 30 min)."}},
		{name: "nothing in the weeks before", ivs: []store.Interval{fg("discord", thisWeek, 3*time.Hour)},
			want: true, lines: []string{"In the 4 weeks before, no time in chat apps or games was recorded."}},
		{name: "no full week before this one", mod: created(now0.Add(-days(13))), ivs: []store.Interval{fg("discord", thisWeek, 5*time.Hour)}},
		{name: "one full week before this one", mod: created(now0.Add(-days(14))),
			ivs:  []store.Interval{fg("discord", weekBefore(1), time.Hour), fg("discord", thisWeek, 3*time.Hour)},
			want: true, lines: []string{"In the week before, that was 1 h a week on average."}},
		{name: "school and work apps do not count", ivs: []store.Interval{fg("teams", thisWeek, 5*time.Hour)}},
		{name: "running time when this computer cannot tell what is in front, overlaps counted once", meas: store.MeasureUnavailable,
			ivs:  append([]store.Interval{running("discord", weekBefore(2), time.Hour)}, running("discord", thisWeek, 2*time.Hour), running("minecraft", thisWeek.Add(time.Hour), 2*time.Hour)),
			want: true, lines: []string{"for 3 h (running time", "that was 15 min a week on average."}},
		{name: "in Dutch", mod: dutch, ivs: append(baseline(time.Hour), fg("discord", thisWeek, 3*time.Hour)),
			want: true, lines: []string{
				"In de afgelopen 7 dagen gebruikte Sam chatapps en games 3 u (voorgrondtijd).",
				"In de 4 weken daarvoor was dat gemiddeld 1 u per week.",
				"De meeste tijd ging naar Discord (3 u).",
			}},
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
			for _, l := range tc.lines {
				if !hasLine(got[0], l) {
					t.Errorf("evidence %q lacks %q", got[0].Evidence, l)
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
		line    string
	}{
		{name: "agreement 13 days old", mod: created(now0.Add(-days(13)))},
		{name: "agreement 14 days old", mod: created(now0.Add(-days(14))), want: true,
			line: "There has been no conversation prompt since you made the agreement together on Tuesday 10 November."},
		{name: "last prompt 13 days ago", prior: now0.Add(-days(13))},
		{name: "last prompt 14 days ago", prior: now0.Add(-days(14)), want: true,
			line: "There has been no conversation prompt for 14 days; the last one was on Tuesday 10 November."},
		{name: "another prompt now", install: true},
		{name: "in Dutch", mod: func(a *consent.Agreement) { dutch(a); created(now0.Add(-days(20)))(a) }, want: true,
			line: "Sinds jullie op woensdag 4 november samen de afspraak maakten, is er nog geen melding geweest."},
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
			if tc.want && !hasLine(got[0], tc.line) {
				t.Errorf("evidence %q lacks %q", got[0].Evidence, tc.line)
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
		lines []string
	}{
		{name: "a pause of exactly 24 h", evs: []ev{{store.EventPause, start, start.Add(24 * time.Hour), "exam week"}}},
		{name: "a pause a minute longer", evs: []ev{{store.EventPause, start, start.Add(24*time.Hour + time.Minute), "exam week"}},
			want: true, lines: []string{"Recording was paused from Thursday 19 November 12:00 to Friday 20 November 12:01 (1 day), with the reason “exam week”."}},
		{name: "a pause going on for 23 h", evs: []ev{{store.EventPause, now0.Add(-23 * time.Hour), now0.Add(25 * time.Hour), "holiday"}}},
		{name: "a pause going on for 25 h", evs: []ev{{store.EventPause, now0.Add(-25 * time.Hour), now0.Add(23 * time.Hour), "holiday"}},
			want: true, lines: []string{"Recording is paused from Monday 23 November 11:00 until Wednesday 25 November 11:00 (2 days), with the reason “holiday”."}},
		{name: "a pause without a planned end, going on for 30 h", evs: []ev{{store.EventPause, now0.Add(-30 * time.Hour), time.Time{}, ""}},
			want: true, lines: []string{"Recording has been paused since Monday 23 November 06:00 (1 day 6 h so far)."}},
		{name: "a gap of exactly 24 h", evs: []ev{{store.EventGap, start, start.Add(24 * time.Hour), ""}}},
		{name: "a gap of 25 h", evs: []ev{{store.EventGap, start, start.Add(25 * time.Hour), "killed"}},
			want: true, lines: []string{"TalkFirst did not record from Thursday 19 November 12:00 to Friday 20 November 13:00 (1 day 1 h).",
				"so a break can have an ordinary reason."}},
		{name: "a stop and a start 2 h later", evs: []ev{{store.EventStop, start, time.Time{}, ""}, {store.EventStart, start.Add(2 * time.Hour), time.Time{}, ""}}},
		{name: "a stop and a start 26 h later", evs: []ev{{store.EventStop, start, time.Time{}, ""}, {store.EventStart, start.Add(26 * time.Hour), time.Time{}, ""}},
			want: true, lines: []string{"TalkFirst was stopped on Thursday 19 November 12:00 and started again on Friday 20 November 14:00 (1 day 2 h)."}},
		{name: "stopped 30 h ago and not started since", evs: []ev{{store.EventStop, now0.Add(-30 * time.Hour), time.Time{}, ""}},
			want: true, lines: []string{"TalkFirst was stopped on Monday 23 November 06:00 and has not run since (1 day 6 h so far)."}},
		{name: "before the agreement", mod: created(now0.Add(-days(3))), evs: []ev{{store.EventGap, now0.Add(-days(5)), now0.Add(-days(2)), ""}}},
		{name: "ended longer ago than the lookback", evs: []ev{{store.EventGap, now0.Add(-days(20)), now0.Add(-days(15)), ""}}},
		{name: "a long stop that ended within the lookback", evs: []ev{{store.EventStop, now0.Add(-days(20)), time.Time{}, ""}, {store.EventStart, now0.Add(-days(10)), time.Time{}, ""}},
			want: true, lines: []string{"TalkFirst was stopped on Wednesday 4 November 12:00 and started again on Saturday 14 November 12:00 (10 days)."}},
		{name: "the same stop, already told about 18 days ago", prior: now0.Add(-days(18)),
			evs: []ev{{store.EventStop, now0.Add(-days(20)), time.Time{}, ""}, {store.EventStart, now0.Add(-days(10)), time.Time{}, ""}}},
		{name: "in Dutch", mod: dutch, evs: []ev{{store.EventPause, start, start.Add(48 * time.Hour), "proefwerkweek"}, {store.EventGap, start.Add(-days(3)), start.Add(-days(1)), ""}},
			want: true, lines: []string{
				"TalkFirst heeft van maandag 16 november 12:00 tot woensdag 18 november 12:00 niets bijgehouden (2 dagen).",
				"Het bijhouden stond op pauze van donderdag 19 november 12:00 tot zaterdag 21 november 12:00 (2 dagen), met als reden ‘proefwerkweek’.",
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
			for _, l := range tc.lines {
				if !hasLine(got[0], l) {
					t.Errorf("evidence %q lacks %q", got[0].Evidence, l)
				}
			}
		})
	}
}

func TestRenewal(t *testing.T) {
	expires := func(at time.Time) func(*consent.Agreement) { return func(a *consent.Agreement) { a.Expires = at } }
	tests := []struct {
		name  string
		mod   func(*consent.Agreement)
		want  bool
		lines []string
	}{
		{name: "ends in 15 days", mod: expires(now0.Add(days(15)))},
		{name: "ends in 14 days and a minute", mod: expires(now0.Add(days(14) + time.Minute))},
		{name: "ends in 14 days", mod: expires(now0.Add(days(14))), want: true, lines: []string{
			"The agreement you made together on Friday 25 September ends on Tuesday 8 December, in 14 days.",
			"After that, TalkFirst stops recording until you renew it together.",
		}},
		{name: "ends tomorrow", mod: expires(now0.Add(days(1))), want: true, lines: []string{"ends on Wednesday 25 November, tomorrow."}},
		{name: "ends tonight", mod: expires(now0.Add(11 * time.Hour)), want: true, lines: []string{"ends on Tuesday 24 November, today."}},
		{name: "ended yesterday", mod: expires(now0.Add(-days(1))), want: true, lines: []string{
			"The agreement you made together on Friday 25 September ended on Monday 23 November.",
		}},
		{name: "in Dutch", mod: func(a *consent.Agreement) { dutch(a); a.Expires = now0.Add(days(10)) }, want: true, lines: []string{
			"De afspraak die jullie op vrijdag 25 september samen maakten, loopt af op vrijdag 4 december, over 10 dagen.",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, tc.mod)
			got := only(evaluate(t, st, now0), RuleRenewal)
			if (len(got) == 1) != tc.want {
				t.Fatalf("renewal prompts = %+v, want one: %v", got, tc.want)
			}
			for _, l := range tc.lines {
				if !hasLine(got[0], l) {
					t.Errorf("evidence %q lacks %q", got[0].Evidence, l)
				}
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
