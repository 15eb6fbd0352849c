package words

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Every prompt code, in both languages: the English is the words the rules
// wrote before they kept facts; the Dutch uses the glossary's terms.
func TestPromptRender(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, ams)
	tue := time.Date(2026, 11, 24, 10, 0, 0, 0, ams)
	mon := time.Date(2026, 11, 23, 22, 0, 0, 0, ams)
	thu := time.Date(2026, 11, 19, 12, 0, 0, 0, ams)
	sep := time.Date(2026, 9, 25, 12, 0, 0, 0, ams)
	mins := func(m int) Arg { return Dur(time.Duration(m) * time.Minute) }
	night := Night(22*60, 6*60)
	games := AppTimes(AppTime{"minecraft", 20 * time.Minute}, AppTime{"epic-games", 2*time.Hour + 5*time.Minute})
	tests := []struct {
		f      Fact
		en, nl string
	}{
		{New(EvInstalled, App("telegram"), Date(tue)),
			"Telegram was installed on Tuesday 24 November.", "Telegram is op dinsdag 24 november geïnstalleerd."},
		{New(EvRemoved, App("whatsapp"), Date(tue)),
			"WhatsApp was removed again on Tuesday 24 November.", "WhatsApp is op dinsdag 24 november weer verwijderd."},
		{New(EvSchoolWork, App("teams")),
			"Microsoft Teams is mostly used for school or work.", "Microsoft Teams wordt vooral voor school of werk gebruikt."},
		{New(EvGameTimeBefore, Count(30), Teen(), App("minecraft"), mins(9*60+10), Date(thu), Measured(false)),
			"In the 30 days before, Sam used Minecraft for 9 h 10 min, most recently on Thursday 19 November (time in front).",
			"In de 30 dagen daarvoor gebruikte Sam Minecraft 9 u 10 min, voor het laatst op donderdag 19 november (tijd vooraan)."},
		{New(EvGameTimeSameDay, Count(30), Teen(), App("roblox"), mins(60), Measured(true)),
			"In the 30 days before, Sam used Roblox for 1 h, most recently earlier that day (running time: the app was open; this computer can't tell which window was in front).",
			"In de 30 dagen daarvoor gebruikte Sam Roblox 1 u, voor het laatst eerder die dag (tijd open: de app was open, maar deze computer kan niet zien welk venster vooraan stond)."},
		{New(EvOtherGames, Teen(), games),
			"In that time, Sam also used Minecraft (20 min) and Epic Games (Fortnite) (2 h 5 min).",
			"In die tijd gebruikte Sam ook Minecraft (20 min) en Epic Games (Fortnite) (2 u 5 min)."},
		{New(EvLateNights, Teen(), night, Count(2), Count(7), Measured(false)),
			"Sam used chat apps or games during the agreed night hours (22:00–06:00) on 2 of the last 7 nights (time in front).",
			"Sam gebruikte chatapps of games tijdens de afgesproken nachturen (22:00–06:00) in 2 van de laatste 7 nachten (tijd vooraan)."},
		{New(EvLateNights, Teen(), night, Count(1), Count(7), Measured(false)),
			"Sam used chat apps or games during the agreed night hours (22:00–06:00) on one of the last 7 nights (time in front).",
			"Sam gebruikte chatapps of games tijdens de afgesproken nachturen (22:00–06:00) in één van de laatste 7 nachten (tijd vooraan)."},
		{New(EvNight, Days(mon, mon.Add(8*time.Hour)), mins(75), Apps("roblox", "discord")),
			"The night of Monday 23 to Tuesday 24 November: 1 h 15 min (Roblox and Discord).",
			"De nacht van maandag 23 op dinsdag 24 november: 1 u 15 min (Roblox en Discord)."},
		{New(EvNightInDay, Date(tue), Night(0, 6*60), mins(30), Apps("discord")),
			"Tuesday 24 November, 00:00–06:00: 30 min (Discord).", "Dinsdag 24 november, 00:00–06:00: 30 min (Discord)."},
		{New(EvWeekTotal, Teen(), mins(4*60), Measured(false)),
			"In the last 7 days, Sam used chat apps and games for 4 h (time in front).",
			"In de afgelopen 7 dagen gebruikte Sam chatapps en games 4 u (tijd vooraan)."},
		{New(EvWeeksNone, Count(4)),
			"In the 4 weeks before, no time in chat apps or games was recorded.", "In de 4 weken daarvoor is geen tijd in chatapps of games gemeten."},
		{New(EvWeeksNone, Count(1)),
			"In the week before, no time in chat apps or games was recorded.", "In de week daarvoor is geen tijd in chatapps of games gemeten."},
		{New(EvWeeksAverage, Count(4), mins(120)),
			"In the 4 weeks before, that was 2 h a week on average.", "In de 4 weken daarvoor was dat gemiddeld 2 u per week."},
		{New(EvWeeksAverage, Count(1), Dur(30*time.Second)),
			"In the week before, that was less than a minute a week on average.", "In de week daarvoor was dat gemiddeld minder dan een minuut per week."},
		{New(EvMostTime, AppTimes(AppTime{"discord", 2 * time.Hour}, AppTime{"roblox", 90 * time.Minute})),
			"The most time went to Discord (2 h) and Roblox (1 h 30 min).", "De meeste tijd ging naar Discord (2 u) en Roblox (1 u 30 min)."},
		{New(EvPausedSince, DateTime(mon), Span(30*time.Hour)),
			"Recording has been paused since Monday 23 November 22:00 (1 day 6 h so far).",
			"Het bijhouden staat sinds maandag 23 november 22:00 op pauze (1 dag 6 u tot nu toe)."},
		{New(EvPausedSinceWhy, DateTime(mon), Span(30*time.Hour), Text("exam week")),
			"Recording has been paused since Monday 23 November 22:00 (1 day 6 h so far), with the reason “exam week”.",
			"Het bijhouden staat sinds maandag 23 november 22:00 op pauze (1 dag 6 u tot nu toe), met als reden ‘exam week’."},
		{New(EvPausedUntil, DateTime(mon), DateTime(mon.Add(48*time.Hour)), Span(48*time.Hour)),
			"Recording is paused from Monday 23 November 22:00 until Wednesday 25 November 22:00 (2 days).",
			"Het bijhouden staat op pauze van maandag 23 november 22:00 tot woensdag 25 november 22:00 (2 dagen)."},
		{New(EvPausedUntilWhy, DateTime(mon), DateTime(mon.Add(48*time.Hour)), Span(48*time.Hour), Text("holiday")),
			"Recording is paused from Monday 23 November 22:00 until Wednesday 25 November 22:00 (2 days), with the reason “holiday”.",
			"Het bijhouden staat op pauze van maandag 23 november 22:00 tot woensdag 25 november 22:00 (2 dagen), met als reden ‘holiday’."},
		{New(EvPausedFrom, DateTime(thu), DateTime(thu.Add(25*time.Hour)), Span(25*time.Hour)),
			"Recording was paused from Thursday 19 November 12:00 to Friday 20 November 13:00 (1 day 1 h).",
			"Het bijhouden stond op pauze van donderdag 19 november 12:00 tot vrijdag 20 november 13:00 (1 dag 1 u)."},
		{New(EvPausedFromWhy, DateTime(thu), DateTime(thu.Add(25*time.Hour)), Span(25*time.Hour), Text("proefwerkweek")),
			"Recording was paused from Thursday 19 November 12:00 to Friday 20 November 13:00 (1 day 1 h), with the reason “proefwerkweek”.",
			"Het bijhouden stond op pauze van donderdag 19 november 12:00 tot vrijdag 20 november 13:00 (1 dag 1 u), met als reden ‘proefwerkweek’."},
		{New(EvGap, DateTime(thu), DateTime(thu.Add(25*time.Hour)), Span(25*time.Hour)),
			"TalkFirst did not record from Thursday 19 November 12:00 to Friday 20 November 13:00 (1 day 1 h).",
			"TalkFirst heeft van donderdag 19 november 12:00 tot vrijdag 20 november 13:00 niets bijgehouden (1 dag 1 u)."},
		{New(EvStoppedSince, DateTime(mon), Span(14*time.Hour)),
			"TalkFirst was stopped on Monday 23 November 22:00 and has not run since (14 h so far).",
			"TalkFirst is op maandag 23 november 22:00 gestopt en draait sindsdien niet (14 u tot nu toe)."},
		{New(EvStopped, DateTime(thu), DateTime(thu.Add(26*time.Hour)), Span(26*time.Hour)),
			"TalkFirst was stopped on Thursday 19 November 12:00 and started again on Friday 20 November 14:00 (1 day 2 h).",
			"TalkFirst is op donderdag 19 november 12:00 gestopt en op vrijdag 20 november 14:00 weer gestart (1 dag 2 u)."},
		{New(EvBreakOrdinary),
			"TalkFirst also stops when the computer is switched off, asleep or without power, so a break can have an ordinary reason.",
			"TalkFirst stopt ook als de computer uit staat, slaapt of zonder stroom zit, dus een onderbreking kan een gewone reden hebben."},
		{New(EvAgreementEnds, Date(sep), Date(tue.AddDate(0, 0, 14)), Count(14)),
			"The agreement you made together on Friday 25 September ends on Tuesday 8 December, in 14 days.",
			"De afspraak die jullie op vrijdag 25 september samen maakten, loopt af op dinsdag 8 december, over 14 dagen."},
		{New(EvAgreementEnds, Date(sep), Date(tue.AddDate(0, 0, 1)), Count(1)),
			"The agreement you made together on Friday 25 September ends on Wednesday 25 November, tomorrow.",
			"De afspraak die jullie op vrijdag 25 september samen maakten, loopt af op woensdag 25 november, morgen."},
		{New(EvAgreementEnds, Date(sep), Date(tue), Count(0)),
			"The agreement you made together on Friday 25 September ends on Tuesday 24 November, today.",
			"De afspraak die jullie op vrijdag 25 september samen maakten, loopt af op dinsdag 24 november, vandaag."},
		{New(EvRenewAfter),
			"After that, TalkFirst stops recording until you renew it together.",
			"Daarna houdt TalkFirst niets meer bij, tot jullie de afspraak samen vernieuwen."},
		{New(EvAgreementEnded, Date(sep.AddDate(-1, 0, 0)), Date(mon)),
			"The agreement you made together on Thursday 25 September 2025 ended on Monday 23 November.",
			"De afspraak die jullie op donderdag 25 september 2025 samen maakten, is op maandag 23 november afgelopen."},
		{New(EvRenewNow),
			"TalkFirst is not recording until you renew it together.", "TalkFirst houdt niets bij tot jullie de afspraak samen vernieuwen."},
		{New(EvNoPromptSince, Date(sep)),
			"There has been no conversation prompt since you made the agreement together on Friday 25 September.",
			"Sinds jullie op vrijdag 25 september samen de afspraak maakten, is er nog geen gespreksidee geweest."},
		{New(EvNoPromptFor, Count(14), Date(tue.AddDate(0, 0, -14))),
			"There has been no conversation prompt for 14 days; the last one was on Tuesday 10 November.",
			"Er is al 14 dagen geen gespreksidee geweest; het laatste was op dinsdag 10 november."},
		{New(EvNoPromptFor, Count(1), Date(mon)),
			"There has been no conversation prompt for a day; the last one was on Monday 23 November.",
			"Er is al een dag geen gespreksidee geweest; het laatste was op maandag 23 november."},
		{New(EvNothingStoodOut),
			"Nothing in particular stood out to TalkFirst in that time.", "In die tijd is TalkFirst niets bijzonders opgevallen."},
	}
	seen := map[Code]bool{}
	for _, tc := range tests {
		seen[tc.f.Code] = true
		for _, a := range tc.f.Args {
			for _, p := range a.Facts() {
				seen[p.Code] = true
			}
		}
		if err := tc.f.Check(); err != nil {
			t.Errorf("%s: %v", tc.f, err)
		}
		for lang, want := range map[Lang]string{EN: tc.en, NL: tc.nl} {
			r := Renderer{Lang: lang, Loc: ams, Now: now, Teen: "Sam"}
			if got := r.Fact(tc.f); got != want {
				t.Errorf("%s %s:\n got  %q\n want %q", lang, tc.f, got, want)
			}
		}
	}
	for _, c := range Codes() {
		if strings.HasPrefix(string(c), "prompt.") && !seen[c] {
			t.Errorf("prompt code %s is not in this table", c)
		}
	}
	// without a name, the teen is "your child", capitalised at the start
	f := New(EvLateNights, Teen(), Night(22*60, 6*60), Count(3), Count(7), Measured(false))
	for lang, want := range map[Lang]string{EN: "Your child used chat apps", NL: "Je kind gebruikte chatapps"} {
		if got := (Renderer{Lang: lang, Loc: ams, Now: now}).Fact(f); !strings.HasPrefix(got, want) {
			t.Errorf("%s without a name: %q, want it to start %q", lang, got, want)
		}
	}
}

// Every rule has a topic in both languages, and school and work apps one of
// their own.
func TestPromptTopics(t *testing.T) {
	t.Parallel()
	for _, rule := range []string{"new-app", "new-app.school-work", "platform-hop", "late-night", "spike", "check-in", "paused", "renewal", "other"} {
		k := "prompt.topic." + rule
		v, ok := Lookup(k)
		if !ok || v[0] == v[1] || slices.Contains(v[:], "") {
			t.Errorf("topic %s = %q, %v; want English and Dutch", k, v, ok)
		}
	}
}
