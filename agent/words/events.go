package words

// What happened to the agent and the store: why it started or stopped, why
// it saw nothing for a while, what was deleted, and what both must be told.
// Reasons are parts of a sentence: the screens say "TalkFirst was stopped on
// Tuesday 24 November 21:05 (the family agreement was ended)".

// Why the agent started or stopped.
const (
	// Started: recording started [how time in front is measured: a Method part].
	Started Code = "event.started"
	// StopAsked: the agent was told to stop (the stop command, signing out,
	// shutting down).
	StopAsked Code = "stop.asked"
	// StopAgreementEnded, StopAgreementExpired, StopAgreementUnreadable:
	// the agent stopped recording because of the agreement.
	StopAgreementEnded      Code = "stop.agreement-ended"
	StopAgreementExpired    Code = "stop.agreement-expired"
	StopAgreementUnreadable Code = "stop.agreement-unreadable"
)

// Why the agent saw nothing for a while (a gap).
const (
	// GapUnclean: the last run ended without a clean stop.
	GapUnclean Code = "gap.unclean"
	// GapClockBack: the agent's own clock went backwards.
	GapClockBack Code = "gap.clock-back"
	// GapAsleep: no samples for [Span]: the computer was probably asleep.
	GapAsleep Code = "gap.asleep"
	// GapClockForward and GapClockSetBack: the clock was changed by [Span].
	GapClockForward Code = "gap.clock-forward"
	GapClockSetBack Code = "gap.clock-set-back"
	// GapSeveral: more than one reason at once [Parts].
	GapSeveral Code = "gap.several"
)

// What was deleted, and notices both screens must show.
const (
	// ForgetAll: all collected data and the agreement were deleted.
	ForgetAll Code = "forget.all"
	// ForgetKeptAgreement: all collected data was deleted, the agreement kept.
	ForgetKeptAgreement Code = "forget.kept-agreement"
	// NoticeStoreReset: the data file could not be read and was kept as
	// [Text: the kept file's name]; a new one was started.
	NoticeStoreReset Code = "notice.store-reset"
)

// What happened to the agreement.
const (
	// AgreementMade: [Teen] and a parent made the agreement together.
	AgreementMade Code = "agreement.made"
	// AgreementChanged: the parent changed the agreement [Parts: Setting
	// changes]; AgreementChangedTogether: with the teen's yes again.
	AgreementChanged         Code = "agreement.changed"
	AgreementChangedTogether Code = "agreement.changed-together"
	// AgreementEnded: the agreement was ended.
	AgreementEnded Code = "agreement.ended"
)

func init() {
	Define(map[Code]Def{
		Started: {Args: []Kind{KFact}, EN: "Recording started; time in front: %s.", NL: "Het bijhouden is begonnen; tijd vooraan: %s."},
		StopAsked: {Part: true, EN: "on request, or because the computer was switched off",
			NL: "op verzoek, of omdat de computer werd uitgezet"},
		StopAgreementEnded:      {Part: true, EN: "the family agreement was ended", NL: "de afspraak is beëindigd"},
		StopAgreementExpired:    {Part: true, EN: "the family agreement ran out", NL: "de afspraak is afgelopen"},
		StopAgreementUnreadable: {Part: true, EN: "the family agreement could not be read", NL: "de afspraak kon niet worden gelezen"},

		GapUnclean: {Part: true, EN: "TalkFirst stopped without saying goodbye: it was closed by force, it crashed, or the computer lost power",
			NL: "TalkFirst stopte zonder af te sluiten: het werd geforceerd gesloten, het liep vast, of de computer viel zonder stroom"},
		GapClockBack: {Part: true, EN: "the computer's clock went backwards", NL: "de klok van de computer liep terug"},
		GapAsleep: {Part: true, Args: []Kind{KSpan}, EN: "nothing was seen for %s: the computer was probably asleep",
			NL: "%s lang werd er niets gezien: de computer sliep waarschijnlijk"},
		GapClockForward: {Part: true, Args: []Kind{KSpan}, EN: "the clock was set forward by %s", NL: "de klok is %s vooruitgezet"},
		GapClockSetBack: {Part: true, Args: []Kind{KSpan}, EN: "the clock was set back by %s", NL: "de klok is %s teruggezet"},
		GapSeveral:      {Part: true, Args: []Kind{KFacts}, EN: "%s", NL: "%s"},

		ForgetAll:           {Part: true, EN: "all collected data and the agreement were deleted", NL: "alle bijgehouden gegevens en de afspraak zijn gewist"},
		ForgetKeptAgreement: {Part: true, EN: "all collected data was deleted; the agreement was kept", NL: "alle bijgehouden gegevens zijn gewist; de afspraak is bewaard"},
		NoticeStoreReset: {Args: []Kind{KText},
			EN: "TalkFirst couldn't read its saved data, so it started a new file. The old file was kept as %s, not deleted, but times from before that are missing here.",
			NL: "TalkFirst kon de bewaarde gegevens niet lezen en is met een nieuw bestand begonnen. Het oude bestand is bewaard als %s, niet gewist, maar de tijden van daarvoor ontbreken hier."},

		AgreementMade:            {Args: []Kind{KTeen}, EN: "%s and a parent made the family agreement together.", NL: "%s en een ouder hebben samen de afspraak gemaakt."},
		AgreementChanged:         {Args: []Kind{KFacts}, EN: "A parent changed the agreement: %s.", NL: "Een ouder heeft de afspraak veranderd: %s."},
		AgreementChangedTogether: {Args: []Kind{KTeen, KFacts}, EN: "%s and a parent changed the agreement together: %s.", NL: "%s en een ouder hebben de afspraak samen veranderd: %s."},
		AgreementEnded:           {EN: "The family agreement was ended.", NL: "De afspraak is beëindigd."},
	})
}
