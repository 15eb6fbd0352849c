package words

// The evidence of conversation prompts: what the rules of package insight
// found, as plain facts with dates and figures, the way a calm person would
// say them. The words are chosen so nothing reads as an accusation.
//
// Each code lists its arguments in brackets. [Teen] is the teen's first
// name, from the Renderer; a time of use says what it measured with a
// MeasuredInFront or MeasuredRunning part.

// An app was installed (new-app, platform-hop).
const (
	// EvInstalled: [App] was installed on [Date].
	EvInstalled Code = "prompt.installed"
	// EvRemoved: [App] was removed again on [Date].
	EvRemoved Code = "prompt.removed"
	// EvSchoolWork: [App] is mostly used for school or work.
	EvSchoolWork Code = "prompt.school-work"
	// EvGameTimeBefore: in the [Count] days before, [Teen] used [App] for
	// [Dur], most recently on [Date] ([Part: measured]).
	EvGameTimeBefore Code = "prompt.game-time-before"
	// EvGameTimeSameDay: as EvGameTimeBefore, most recently earlier on the
	// day of the install: [Count, Teen, App, Dur, Part].
	EvGameTimeSameDay Code = "prompt.game-time-same-day"
	// EvOtherGames: in that time, [Teen] also used [AppTimes].
	EvOtherGames Code = "prompt.other-games"
)

// Late nights (late-night).
const (
	// EvLateNights: [Teen] used chat apps or games during the agreed [Night]
	// hours on [Count] of the last [Count] nights ([Part: measured]).
	EvLateNights Code = "prompt.late-nights"
	// EvNight: the night of [Days]: [Dur] ([Apps]).
	EvNight Code = "prompt.night"
	// EvNightInDay: night hours within one day: [Date], [Night]: [Dur] ([Apps]).
	EvNightInDay Code = "prompt.night-in-day"
)

// A busier week (spike).
const (
	// EvWeekTotal: in the last 7 days, [Teen] used chat apps and games for
	// [Dur] ([Part: measured]).
	EvWeekTotal Code = "prompt.week-total"
	// EvWeeksNone: in the [Count] weeks before, no time was recorded.
	EvWeeksNone Code = "prompt.weeks-none"
	// EvWeeksAverage: in the [Count] weeks before, that was [Dur] a week.
	EvWeeksAverage Code = "prompt.weeks-average"
	// EvMostTime: the most time went to [AppTimes].
	EvMostTime Code = "prompt.most-time"
)

// What a time of use measured (parts, in brackets after the figure).
const (
	MeasuredInFront Code = "prompt.measured-in-front"
	MeasuredRunning Code = "prompt.measured-running"
)

// Pauses, stops and gaps (paused). The Why forms add the pause's reason
// [Text], the family's own words.
const (
	// EvPausedSince: paused since [DateTime], with no planned end ([Span] so far).
	EvPausedSince    Code = "prompt.paused-since"
	EvPausedSinceWhy Code = "prompt.paused-since-why"
	// EvPausedUntil: paused from [DateTime] until [DateTime] ([Span]), still going on.
	EvPausedUntil    Code = "prompt.paused-until"
	EvPausedUntilWhy Code = "prompt.paused-until-why"
	// EvPausedFrom: was paused from [DateTime] to [DateTime] ([Span]).
	EvPausedFrom    Code = "prompt.paused-from"
	EvPausedFromWhy Code = "prompt.paused-from-why"
	// EvGap: TalkFirst did not record from [DateTime] to [DateTime] ([Span]).
	EvGap Code = "prompt.gap"
	// EvStoppedSince: stopped on [DateTime] and not run since ([Span] so far).
	EvStoppedSince Code = "prompt.stopped-since"
	// EvStopped: stopped on [DateTime], started again on [DateTime] ([Span]).
	EvStopped Code = "prompt.stopped"
	// EvBreakOrdinary: a break can have an ordinary reason.
	EvBreakOrdinary Code = "prompt.break-ordinary"
)

// The agreement's end (renewal).
const (
	// EvAgreementEnds: made on [Date], ends on [Date], in [Count] days.
	EvAgreementEnds Code = "prompt.agreement-ends"
	// EvRenewAfter: after that, TalkFirst stops recording until it is renewed.
	EvRenewAfter Code = "prompt.renew-after"
	// EvAgreementEnded: made on [Date], ended on [Date].
	EvAgreementEnded Code = "prompt.agreement-ended"
	// EvRenewNow: TalkFirst is not recording until it is renewed.
	EvRenewNow Code = "prompt.renew-now"
)

// A check-in (check-in).
const (
	// EvNoPromptSince: no prompt since the agreement was made on [Date].
	EvNoPromptSince Code = "prompt.none-since-agreement"
	// EvNoPromptFor: no prompt for [Count] days; the last one was on [Date].
	EvNoPromptFor Code = "prompt.none-for"
	// EvNothingStoodOut: nothing in particular stood out in that time.
	EvNothingStoodOut Code = "prompt.nothing-stood-out"
)

func init() {
	Define(map[Code]Def{
		EvInstalled:  {Args: []Kind{KApp, KDate}, EN: "%s was installed on %s.", NL: "%s is op %s geïnstalleerd."},
		EvRemoved:    {Args: []Kind{KApp, KDate}, EN: "%s was removed again on %s.", NL: "%s is op %s weer verwijderd."},
		EvSchoolWork: {Args: []Kind{KApp}, EN: "%s is mostly used for school or work.", NL: "%s wordt vooral voor school of werk gebruikt."},
		EvGameTimeBefore: {Args: []Kind{KCount, KTeen, KApp, KDur, KDate, KFact},
			EN: "In the %s days before, %s used %s for %s, most recently on %s (%s).",
			NL: "In de %s dagen daarvoor gebruikte %s %s %s, voor het laatst op %s (%s)."},
		EvGameTimeSameDay: {Args: []Kind{KCount, KTeen, KApp, KDur, KFact},
			EN: "In the %s days before, %s used %s for %s, most recently earlier that day (%s).",
			NL: "In de %s dagen daarvoor gebruikte %s %s %s, voor het laatst eerder die dag (%s)."},
		EvOtherGames: {Args: []Kind{KTeen, KAppTimes}, EN: "In that time, %s also used %s.", NL: "In die tijd gebruikte %s ook %s."},

		EvLateNights: {Args: []Kind{KTeen, KNight, KCount, KCount, KFact},
			EN: "%s used chat apps or games during the agreed night hours (%s) on %s of the last %s nights (%s).",
			NL: "%s gebruikte chatapps of games tijdens de afgesproken nachturen (%s) in %s van de laatste %s nachten (%s).",
			// one night is never a pattern, but the words are right for it
			ENOne: "%[1]s used chat apps or games during the agreed night hours (%[2]s) on one of the last %[4]s nights (%[5]s).",
			NLOne: "%[1]s gebruikte chatapps of games tijdens de afgesproken nachturen (%[2]s) in één van de laatste %[4]s nachten (%[5]s)."},
		EvNight:      {Args: []Kind{KDays, KDur, KApps}, EN: "The night of %s: %s (%s).", NL: "De nacht van %s: %s (%s)."},
		EvNightInDay: {Args: []Kind{KDate, KNight, KDur, KApps}, EN: "%s, %s: %s (%s).", NL: "%s, %s: %s (%s)."},

		EvWeekTotal: {Args: []Kind{KTeen, KDur, KFact},
			EN: "In the last 7 days, %s used chat apps and games for %s (%s).",
			NL: "In de afgelopen 7 dagen gebruikte %s chatapps en games %s (%s)."},
		EvWeeksNone: {Args: []Kind{KCount},
			EN: "In the %s weeks before, no time in chat apps or games was recorded.", NL: "In de %s weken daarvoor is geen tijd in chatapps of games gemeten.",
			ENOne: "In the week before, no time in chat apps or games was recorded.", NLOne: "In de week daarvoor is geen tijd in chatapps of games gemeten."},
		EvWeeksAverage: {Args: []Kind{KCount, KDur},
			EN: "In the %s weeks before, that was %s a week on average.", NL: "In de %s weken daarvoor was dat gemiddeld %s per week.",
			ENOne: "In the week before, that was %[2]s a week on average.", NLOne: "In de week daarvoor was dat gemiddeld %[2]s per week."},
		EvMostTime: {Args: []Kind{KAppTimes}, EN: "The most time went to %s.", NL: "De meeste tijd ging naar %s."},

		MeasuredInFront: {Part: true, EN: "time in front", NL: "tijd vooraan"},
		MeasuredRunning: {Part: true, EN: "running time: the app was open; this computer can't tell which window was in front",
			NL: "tijd open: de app was open, maar deze computer kan niet zien welk venster vooraan stond"},

		EvPausedSince: {Args: []Kind{KDateTime, KSpan},
			EN: "Recording has been paused since %s (%s so far).", NL: "Het bijhouden staat sinds %s op pauze (%s tot nu toe)."},
		EvPausedSinceWhy: {Args: []Kind{KDateTime, KSpan, KText},
			EN: "Recording has been paused since %s (%s so far), with the reason “%s”.", NL: "Het bijhouden staat sinds %s op pauze (%s tot nu toe), met als reden ‘%s’."},
		EvPausedUntil: {Args: []Kind{KDateTime, KDateTime, KSpan},
			EN: "Recording is paused from %s until %s (%s).", NL: "Het bijhouden staat op pauze van %s tot %s (%s)."},
		EvPausedUntilWhy: {Args: []Kind{KDateTime, KDateTime, KSpan, KText},
			EN: "Recording is paused from %s until %s (%s), with the reason “%s”.", NL: "Het bijhouden staat op pauze van %s tot %s (%s), met als reden ‘%s’."},
		EvPausedFrom: {Args: []Kind{KDateTime, KDateTime, KSpan},
			EN: "Recording was paused from %s to %s (%s).", NL: "Het bijhouden stond op pauze van %s tot %s (%s)."},
		EvPausedFromWhy: {Args: []Kind{KDateTime, KDateTime, KSpan, KText},
			EN: "Recording was paused from %s to %s (%s), with the reason “%s”.", NL: "Het bijhouden stond op pauze van %s tot %s (%s), met als reden ‘%s’."},
		EvGap: {Args: []Kind{KDateTime, KDateTime, KSpan},
			EN: "TalkFirst did not record from %s to %s (%s).", NL: "TalkFirst heeft van %s tot %s niets bijgehouden (%s)."},
		EvStoppedSince: {Args: []Kind{KDateTime, KSpan},
			EN: "TalkFirst was stopped on %s and has not run since (%s so far).", NL: "TalkFirst is op %s gestopt en draait sindsdien niet (%s tot nu toe)."},
		EvStopped: {Args: []Kind{KDateTime, KDateTime, KSpan},
			EN: "TalkFirst was stopped on %s and started again on %s (%s).", NL: "TalkFirst is op %s gestopt en op %s weer gestart (%s)."},
		EvBreakOrdinary: {
			EN: "TalkFirst also stops when the computer is switched off, asleep or without power, so a break can have an ordinary reason.",
			NL: "TalkFirst stopt ook als de computer uit staat, slaapt of zonder stroom zit, dus een onderbreking kan een gewone reden hebben."},

		EvAgreementEnds: {Args: []Kind{KDate, KDate, KCount},
			EN:     "The agreement you made together on %s ends on %s, in %s days.",
			NL:     "De afspraak die jullie op %s samen maakten, loopt af op %s, over %s dagen.",
			ENOne:  "The agreement you made together on %[1]s ends on %[2]s, tomorrow.",
			NLOne:  "De afspraak die jullie op %[1]s samen maakten, loopt af op %[2]s, morgen.",
			ENZero: "The agreement you made together on %[1]s ends on %[2]s, today.",
			NLZero: "De afspraak die jullie op %[1]s samen maakten, loopt af op %[2]s, vandaag."},
		EvRenewAfter: {EN: "After that, TalkFirst stops recording until you renew it together.",
			NL: "Daarna houdt TalkFirst niets meer bij, tot jullie de afspraak samen vernieuwen."},
		EvAgreementEnded: {Args: []Kind{KDate, KDate},
			EN: "The agreement you made together on %s ended on %s.", NL: "De afspraak die jullie op %s samen maakten, is op %s afgelopen."},
		EvRenewNow: {EN: "TalkFirst is not recording until you renew it together.",
			NL: "TalkFirst houdt niets bij tot jullie de afspraak samen vernieuwen."},

		EvNoPromptSince: {Args: []Kind{KDate},
			EN: "There has been no conversation prompt since you made the agreement together on %s.",
			NL: "Sinds jullie op %s samen de afspraak maakten, is er nog geen gespreksidee geweest."},
		EvNoPromptFor: {Args: []Kind{KCount, KDate},
			EN:    "There has been no conversation prompt for %s days; the last one was on %s.",
			NL:    "Er is al %s dagen geen gespreksidee geweest; het laatste was op %s.",
			ENOne: "There has been no conversation prompt for a day; the last one was on %[2]s.",
			NLOne: "Er is al een dag geen gespreksidee geweest; het laatste was op %[2]s."},
		EvNothingStoodOut: {EN: "Nothing in particular stood out to TalkFirst in that time.",
			NL: "In die tijd is TalkFirst niets bijzonders opgevallen."},
	})

	// A prompt's topic: short and calm, with no figures and no app names,
	// so a notification can show it to someone reading over a shoulder.
	Add(map[string][2]string{
		"prompt.topic.new-app":             {"A new app or game", "Een nieuwe chatapp of game"},
		"prompt.topic.new-app.school-work": {"A new school or work app", "Een nieuwe app voor school of werk"},
		"prompt.topic.platform-hop":        {"From a game to a private chat", "Van een game naar een privéchat"},
		"prompt.topic.late-night":          {"Late nights online", "Laat op de avond online"},
		"prompt.topic.spike":               {"A busier week online", "Een drukkere week online"},
		"prompt.topic.check-in":            {"Time to catch up", "Even bijpraten"},
		"prompt.topic.paused":              {"A pause in TalkFirst", "Een pauze in TalkFirst"},
		"prompt.topic.renewal":             {"Time to review the agreement", "Tijd om de afspraak samen te herzien"},
		"prompt.topic.other":               {"Something to talk about", "Iets om over te praten"},
	})
}

// Measured is the part that says what a time of use measured: time in
// front, or only running time where this computer cannot tell.
func Measured(running bool) Arg {
	if running {
		return Part(New(MeasuredRunning))
	}
	return Part(New(MeasuredInFront))
}
