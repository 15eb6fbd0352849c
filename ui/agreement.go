package ui

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
)

// agreementScreen is "Our agreement", the teen's tab (no PIN): what was
// agreed, when and by whom, when it ends, and pausing with a reason. A pause
// and its reason are shown to both.
type agreementScreen struct {
	u     *UI
	root  *fyne.Container
	who   *widget.Label
	ends  *widget.Label
	lines *fyne.Container
	key   string // the agreement the lines were built for

	// Pausing.
	pauseForm *fyne.Container
	duration  *widget.Select
	reason    *widget.Entry
	pauseBtn  *widget.Button
	pauseHint *widget.Label
	// Paused.
	pausedBox *fyne.Container
	pausedLbl *widget.Label
	resumeBtn *widget.Button
	msg       *widget.Label
}

// pactDurations are the pause choices: a label key and how long from now.
var pactDurations = []struct {
	key string
	d   func(now time.Time) time.Duration
}{
	{"pact.pause.30m", func(time.Time) time.Duration { return 30 * time.Minute }},
	{"pact.pause.1h", func(time.Time) time.Duration { return time.Hour }},
	{"pact.pause.2h", func(time.Time) time.Duration { return 2 * time.Hour }},
	{"pact.pause.tomorrow", pactUntilTomorrow},
}

// pactUntilTomorrow is the time from now until 07:00 tomorrow.
func pactUntilTomorrow(now time.Time) time.Duration {
	t := time.Date(now.Year(), now.Month(), now.Day()+1, 7, 0, 0, 0, now.Location())
	return t.Sub(now)
}

func newAgreementScreen(u *UI) *agreementScreen {
	s := &agreementScreen{u: u, who: textPara(""), ends: textPara(""), lines: wizList(nil)}

	var opts []string
	for _, d := range pactDurations {
		opts = append(opts, u.t(d.key))
	}
	s.duration = widget.NewSelect(opts, func(string) { s.updatePause() })
	s.duration.Selected = opts[1]
	s.reason = widget.NewEntry()
	s.reason.SetPlaceHolder(u.t("pact.pause.ph"))
	s.reason.OnChanged = func(string) { s.updatePause() }
	s.reason.OnSubmitted = func(string) { s.onPause() }
	s.pauseBtn = widget.NewButtonWithIcon(u.t("pact.pause.btn"), theme.MediaPauseIcon(), s.onPause)
	s.pauseHint = textNote(u.t("pact.pause.need"))
	s.pauseForm = container.NewVBox(
		widget.NewSeparator(),
		textSubheading(u.t("pact.pause.title")),
		textPara(u.t("pact.pause.lead")),
		wizField(u.t("pact.pause.for"), container.NewHBox(s.duration), ""),
		wizField(u.t("pact.pause.reason"), s.reason, ""),
		container.NewBorder(nil, nil, nil, s.pauseBtn, s.pauseHint),
	)

	s.pausedLbl = textPara("")
	s.resumeBtn = widget.NewButtonWithIcon(u.t("pact.resume"), theme.MediaPlayIcon(), s.onResume)
	s.resumeBtn.Importance = widget.HighImportance
	s.pausedBox = container.NewVBox()
	s.pausedBox.Hide()
	s.msg = textPara("")
	s.msg.Importance = widget.DangerImportance
	s.msg.Hide()

	s.root = container.NewVBox(
		textHeading(u.t("tab.agreement")),
		s.who,
		s.ends,
		s.pausedBox, // a pause shows at the top, where it is seen
		widget.NewCard("", "", s.lines),
		textNote(u.t("pact.renew")),
		s.pauseForm,
		s.msg,
	)
	s.updatePause()
	return s
}

func (s *agreementScreen) content() fyne.CanvasObject { return wizScroll(40, s.root) }

func (s *agreementScreen) apply(snap *snapshot) {
	u := s.u
	a := snap.agreement
	if !snap.hasAgreement {
		return
	}
	s.who.SetText(pactWho(a, u.lang))
	s.ends.SetText(pactEnds(a.Expires, snap.now, u.lang))
	if key := u.lang + strings.Join(pactLines(a, u.lang), "|"); key != s.key {
		s.key = key
		wizListSet(s.lines, pactLines(a, u.lang))
	}
	if st := snap.status; st.Paused {
		why := st.PauseWhy
		if why == "" {
			why = "—"
		}
		s.pausedLbl.SetText(u.tf("pact.paused", fmtClock(st.PauseUntil, u.lang), why))
		s.pauseForm.Hide()
		if !s.pausedBox.Visible() {
			// Built when shown: icons made while hidden may not paint.
			title := textSubheading(u.t("pact.paused.title"))
			title.Importance = widget.WarningImportance
			s.pausedBox.Objects = []fyne.CanvasObject{widget.NewCard("", "", container.NewVBox(
				wizBeside(widget.NewIcon(theme.MediaPauseIcon()), title),
				s.pausedLbl,
				wizBullet(theme.VisibilityIcon(), u.t("pact.paused.both")),
				container.NewHBox(s.resumeBtn),
			))}
			s.pausedBox.Show()
		}
	} else {
		s.pausedBox.Hide()
		s.pauseForm.Show()
	}
}

// pactWho says who agreed when.
func pactWho(a consent.Agreement, lang string) string {
	td, pd := fmtDate(a.TeenAgreed, lang), fmtDate(a.ParentAgreed, lang)
	if td == pd {
		return fmt.Sprintf(text(lang, "pact.who.same"), td)
	}
	return fmt.Sprintf(text(lang, "pact.who.apart"), td, pd)
}

// pactEnds says when the agreement ends, counted in calendar days.
func pactEnds(expires, now time.Time, lang string) string {
	e := expires.In(now.Location())
	d0 := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	d1 := time.Date(e.Year(), e.Month(), e.Day(), 0, 0, 0, 0, time.UTC)
	days := int(math.Round(d1.Sub(d0).Hours() / 24))
	date := fmtDate(e, lang)
	switch {
	case !now.Before(expires):
		return fmt.Sprintf(text(lang, "pact.ended"), date)
	case days <= 0:
		return text(lang, "pact.ends.today")
	case days == 1:
		return fmt.Sprintf(text(lang, "pact.ends.one"), date)
	default:
		return fmt.Sprintf(text(lang, "pact.ends"), date, days)
	}
}

// pauseChoice is how long the chosen duration lasts from now.
func (s *agreementScreen) pauseChoice() (time.Duration, bool) {
	for _, d := range pactDurations {
		if s.u.t(d.key) == s.duration.Selected {
			return d.d(s.u.now()), true
		}
	}
	return 0, false
}

func (s *agreementScreen) updatePause() {
	if s.pauseBtn == nil {
		return
	}
	_, ok := s.pauseChoice()
	reason := store.CleanReason(s.reason.Text)
	switch {
	case ok && utf8.RuneCountInString(reason) > store.MaxReason:
		s.pauseBtn.Disable()
		s.pauseHint.SetText(s.u.tf("pact.pause.long", store.MaxReason))
	case ok && reason != "":
		if !s.u.isBusy(s.pauseBtn) {
			s.pauseBtn.Enable()
		}
		s.pauseHint.SetText("")
	default:
		s.pauseBtn.Disable()
		s.pauseHint.SetText(s.u.t("pact.pause.need"))
	}
}

func (s *agreementScreen) onPause() {
	d, ok := s.pauseChoice()
	reason := store.CleanReason(s.reason.Text)
	if !ok || reason == "" || utf8.RuneCountInString(reason) > store.MaxReason {
		return
	}
	busy(s.u, s.pauseBtn, func(ctx context.Context) (*snapshot, error) {
		return s.u.loaded(ctx, s.u.src.Pause(ctx, d, reason))
	}, func(snap *snapshot, err error) {
		if err != nil {
			s.u.log.Error("pause", "err", err)
			s.failed()
			return
		}
		s.msg.Hide()
		s.reason.SetText("")
		s.u.apply(snap)
	})
}

func (s *agreementScreen) onResume() {
	busy(s.u, s.resumeBtn, func(ctx context.Context) (*snapshot, error) {
		return s.u.loaded(ctx, s.u.src.Resume(ctx))
	}, func(snap *snapshot, err error) {
		if err != nil {
			s.u.log.Error("resume", "err", err)
			s.failed()
			return
		}
		s.msg.Hide()
		s.u.apply(snap)
	})
}

// failed says that pausing or resuming did not work.
func (s *agreementScreen) failed() {
	s.msg.SetText(s.u.t("pact.err"))
	s.msg.Show()
}

func init() {
	addTexts(map[string][2]string{
		"pact.who.same":  {"You and your parent agreed to this on %s.", "Jij en je ouder hebben dit afgesproken op %s."},
		"pact.who.apart": {"You agreed on %s; your parent agreed on %s.", "Jij ging akkoord op %s; je ouder op %s."},
		"pact.ends":      {"It ends on %s, in %d days.", "De afspraak loopt af op %s, over %d dagen."},
		"pact.ends.one":  {"It ends tomorrow, %s.", "De afspraak loopt morgen af, %s."},
		"pact.ends.today": {"It ends today. Sit down together to renew it.",
			"De afspraak loopt vandaag af. Ga samen zitten om hem te verlengen."},
		"pact.ended": {"It ended on %s. Time to sit down together and renew it.",
			"De afspraak is afgelopen op %s. Tijd om samen te gaan zitten en hem te verlengen."},
		"pact.renew": {"To change or renew it, sit down with your parent. Anything that makes TalkFirst notice more or keep data longer needs your yes.",
			"Wil je iets veranderen of verlengen, ga dan samen met je ouder zitten. Alles waardoor TalkFirst meer bijhoudt of gegevens langer bewaart, vraagt om jouw ja."},
		"pact.pause.title": {"Taking a break", "Even pauze"},
		"pact.pause.lead": {"You can pause TalkFirst for a while. Say why: the pause and your reason are shown to you and your parent.",
			"Je kunt TalkFirst een tijdje pauzeren. Zeg waarom: de pauze en je reden zien jij en je ouder allebei."},
		"pact.pause.for":      {"For how long", "Hoe lang"},
		"pact.pause.30m":      {"30 minutes", "30 minuten"},
		"pact.pause.1h":       {"1 hour", "1 uur"},
		"pact.pause.2h":       {"2 hours", "2 uur"},
		"pact.pause.tomorrow": {"Until tomorrow, 07:00", "Tot morgen, 07:00"},
		"pact.pause.reason":   {"Why", "Waarom"},
		"pact.pause.ph":       {"For example: revising for a test", "Bijvoorbeeld: leren voor een toets"},
		"pact.pause.need":     {"Write a reason to pause.", "Schrijf een reden om te pauzeren."},
		"pact.pause.long":     {"Keep the reason to %d characters or fewer.", "Houd de reden op %d tekens of minder."},
		"pact.pause.btn":      {"Pause", "Pauzeren"},
		"pact.paused.title":   {"TalkFirst is paused", "TalkFirst is gepauzeerd"},
		"pact.paused":         {"Until %s. Your reason: “%s”", "Tot %s. Je reden: “%s”"},
		"pact.paused.both":    {"Your parent sees this pause and the reason too.", "Je ouder ziet deze pauze en de reden ook."},
		"pact.resume":         {"Carry on now", "Nu verdergaan"},
		"pact.err":            {"That didn't work. Try again in a moment.", "Dat lukte niet. Probeer het zo nog eens."},
	})
}
