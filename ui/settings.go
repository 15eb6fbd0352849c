package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/words"
)

// settingsScreen is the parent's settings: night hours, how long data is
// kept, school and work prompts, language and the agreement's end date.
// Saving lists the changes in words; a change that widens what is collected
// needs the teen to agree again in the same dialog, narrowing saves directly.
type settingsScreen struct {
	u      *UI
	root   *fyne.Container
	base   consent.Agreement // what the form was filled from
	loaded bool

	nightFrom, nightTo, retention, lang *widget.Select
	retentionDays                       map[string]int
	schoolWork                          *widget.Check
	expires                             time.Time
	expiresLabel                        *widget.Label
	extend, save                        *widget.Button
	msg                                 *widget.Label

	// The confirmation dialog, while it is open.
	dlg          *dialog.CustomDialog
	dlgNew       consent.Agreement
	dlgChanges   []consent.Change
	dlgTeenCheck *widget.Check
	dlgSave      *widget.Button
	dlgCancel    *widget.Button
	dlgMsg       *widget.Label
}

var settingsLangs = []struct{ code, name string }{{"en", "English"}, {"nl", "Nederlands"}}

func newSettingsScreen(u *UI) *settingsScreen {
	return &settingsScreen{u: u, root: container.NewVBox()}
}

func (s *settingsScreen) content() fyne.CanvasObject { return wizScroll(40, s.root) }

// apply fills the form from the agreement, unless the parent is editing it.
func (s *settingsScreen) apply(snap *snapshot) {
	if !snap.hasAgreement {
		return
	}
	if s.loaded && (s.edited() || agreementSame(s.base, snap.agreement)) {
		return
	}
	s.fill(snap.agreement)
}

// agreementSame compares what the form shows.
func agreementSame(a, b consent.Agreement) bool {
	return len(consent.Diff(a, b)) == 0 && a.TeenAgreed.Equal(b.TeenAgreed)
}

func (s *settingsScreen) edited() bool { return len(consent.Diff(s.base, s.form())) > 0 }

func (s *settingsScreen) fill(a consent.Agreement) {
	u := s.u
	s.base, s.loaded, s.expires = a, true, a.Expires
	onChange := func() { s.msg.SetText("") }

	s.nightFrom = widget.NewSelect(wizHourOptions(a.Night.Start), func(string) { onChange() })
	s.nightFrom.Selected = wizClock(a.Night.Start)
	s.nightTo = widget.NewSelect(wizHourOptions(a.Night.End), func(string) { onChange() })
	s.nightTo.Selected = wizClock(a.Night.End)
	var opts []string
	opts, s.retentionDays = wizRetentionOptions(a.RetentionDays, u.lang)
	s.retention = widget.NewSelect(opts, func(string) { onChange() })
	s.retention.Selected = wizRetentionText(a.RetentionDays, u.lang)
	s.schoolWork = widget.NewCheck(u.t("wiz.school"), nil)
	s.schoolWork.Checked = a.SchoolWorkPrompts
	s.schoolWork.OnChanged = func(bool) { onChange() }
	var names []string
	for _, l := range settingsLangs {
		names = append(names, l.name)
	}
	s.lang = widget.NewSelect(names, func(string) { onChange() })
	for _, l := range settingsLangs {
		if l.code == a.Lang {
			s.lang.Selected = l.name
		}
	}
	s.expiresLabel = textPara(s.expiresText())
	s.extend = widget.NewButtonWithIcon(u.t("settings.extend"), theme.HistoryIcon(), s.onExtend)
	s.save = widget.NewButtonWithIcon(u.t("settings.save"), theme.DocumentSaveIcon(), s.onSave)
	s.save.Importance = widget.HighImportance
	s.msg = textPara("")

	night := container.NewHBox(widget.NewLabel(u.t("wiz.night.from")), s.nightFrom, widget.NewLabel(u.t("wiz.night.to")), s.nightTo)
	s.root.Objects = []fyne.CanvasObject{
		textHeading(u.t("settings.title")),
		textPara(u.tf("settings.lead", a.Teen)),
		wizField(u.t("wiz.night"), night, u.t("wiz.night.note")),
		wizField(u.t("wiz.keep"), container.NewHBox(s.retention), u.t("wiz.keep.note")),
		wizField(u.t("wiz.school.title"), s.schoolWork, u.t("wiz.school.note")),
		wizField(u.t("wiz.lang"), container.NewHBox(s.lang), ""),
		wizField(u.t("settings.ends"), container.NewVBox(s.expiresLabel, container.NewHBox(s.extend)), u.tf("settings.ends.note", a.Teen)),
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewVBox(s.save), s.msg),
	}
	s.root.Refresh()
}

func (s *settingsScreen) expiresText() string {
	u := s.u
	if s.expires.Equal(s.base.Expires) {
		return u.tf("settings.ends.on", fmtDate(s.expires, u.lang))
	}
	return u.tf("settings.ends.new", fmtDate(s.expires, u.lang), fmtDate(s.base.Expires, u.lang))
}

// onExtend moves the end date six months on (from today if it has passed).
func (s *settingsScreen) onExtend() {
	from := s.base.Expires
	if now := s.u.now(); from.Before(now) {
		from = now
	}
	s.expires = from.AddDate(0, consent.DefaultMonths, 0)
	s.expiresLabel.SetText(s.expiresText())
	s.extend.Disable()
	s.msg.SetText("")
}

// form is the agreement as the form shows it now.
func (s *settingsScreen) form() consent.Agreement {
	a := s.base
	if m, ok := wizParseClock(s.nightFrom.Selected); ok {
		a.Night.Start = m
	}
	if m, ok := wizParseClock(s.nightTo.Selected); ok {
		a.Night.End = m
	}
	if d, ok := s.retentionDays[s.retention.Selected]; ok {
		a.RetentionDays = d
	}
	a.SchoolWorkPrompts = s.schoolWork.Checked
	for _, l := range settingsLangs {
		if l.name == s.lang.Selected {
			a.Lang = l.code
		}
	}
	a.Expires = s.expires
	return a
}

// onSave saves changes that narrow what is collected straight away, and
// lists them in words. Changes that widen it open a dialog where the teen
// must agree again before they are saved.
func (s *settingsScreen) onSave() {
	u := s.u
	if !s.loaded {
		return
	}
	next := s.form()
	changes := consent.Diff(s.base, next)
	if len(changes) == 0 {
		s.msg.SetText(u.t("settings.nochange"))
		return
	}
	if next.Night.Start == next.Night.End {
		s.msg.SetText(u.t("wiz.need.night"))
		return
	}
	if !consent.Widens(changes) {
		s.commit(s.save, next, changes, false, func(err error) {
			if err != nil {
				s.msg.SetText(u.t("settings.err"))
			}
		})
		return
	}
	s.dlgNew, s.dlgChanges = next, changes
	list := container.NewVBox()
	for _, c := range changes {
		icon := theme.NavigateNextIcon()
		if c.Widens {
			icon = theme.WarningIcon()
		}
		list.Add(wizBullet(icon, settingsChangeText(c, u.lang)))
	}
	s.dlgMsg = textPara("")
	s.dlgMsg.Importance = widget.DangerImportance
	s.dlgCancel = widget.NewButtonWithIcon(u.t("settings.cancel"), theme.CancelIcon(), s.onCancel)
	s.dlgSave = widget.NewButtonWithIcon(u.t("settings.confirm"), theme.ConfirmIcon(), s.onConfirm)
	s.dlgSave.Importance = widget.HighImportance
	s.dlgTeenCheck = widget.NewCheck(u.tf("settings.teenagree", s.base.Teen), func(bool) { s.updateDlg() })
	body := container.NewVBox(
		textPara(u.t("settings.dlg.lead")), list,
		widget.NewSeparator(),
		textPara(u.tf("settings.widens", s.base.Teen)),
		s.dlgTeenCheck,
		s.dlgMsg,
	)
	s.dlg = dialog.NewCustomWithoutButtons(u.t("settings.dlg.title"), wizReadable(32, body), u.win)
	s.dlg.SetButtons([]fyne.CanvasObject{s.dlgCancel, s.dlgSave})
	s.updateDlg()
	s.dlg.Resize(wizDialogSize(u, body))
	s.dlg.Show()
}

// wizDialogSize is a comfortable dialog size: about 32 text heights wide, or
// most of the window on a small screen, and tall enough for body.
func wizDialogSize(u *UI, body fyne.CanvasObject) fyne.Size {
	w := 32 * theme.TextSize()
	if u.win != nil {
		if ws := u.win.Canvas().Size(); ws.Width > 0 && ws.Width*0.9 < w {
			w = ws.Width * 0.9
		}
	}
	return fyne.NewSize(w, body.MinSize().Height)
}

func (s *settingsScreen) updateDlg() {
	if !s.dlgTeenCheck.Checked {
		s.dlgSave.Disable()
	} else {
		s.dlgSave.Enable()
	}
}

func (s *settingsScreen) onCancel() {
	if s.dlg != nil {
		s.dlg.Hide()
		s.dlg = nil
	}
}

// onConfirm saves widening changes once the teen has agreed.
func (s *settingsScreen) onConfirm() {
	if s.dlg == nil || s.dlgTeenCheck == nil || !s.dlgTeenCheck.Checked {
		return
	}
	dlg, msg := s.dlg, s.dlgMsg
	s.commit(s.dlgSave, s.dlgNew, s.dlgChanges, true, func(err error) {
		if err != nil {
			msg.SetText(s.u.t("settings.err"))
			return
		}
		dlg.Hide()
		if s.dlg == dlg {
			s.dlg = nil
		}
	})
}

// commit saves next, off the fyne goroutine while btn says so: the parent
// agreed now, and the teen too when they agreed again. Afterwards the form
// shows the saved agreement and says what changed, in words; then done gets
// the error, if any.
func (s *settingsScreen) commit(btn *widget.Button, next consent.Agreement, changes []consent.Change, teenAgreed bool, done func(error)) {
	u := s.u
	old := s.base
	now := u.now()
	next.ParentAgreed = now
	if teenAgreed {
		next.TeenAgreed = now
	}
	why := words.New(words.AgreementChanged, words.Parts(consent.Facts(changes)...))
	if teenAgreed {
		why = words.New(words.AgreementChangedTogether, words.Teen(), words.Parts(consent.Facts(changes)...))
	}
	busy(u, btn, func(ctx context.Context) (*snapshot, error) {
		return u.loaded(ctx, u.src.SaveAgreement(ctx, next, why))
	}, func(snap *snapshot, err error) {
		if err != nil {
			u.log.Error("save settings", "err", err)
		} else {
			s.saved(snap, old, next, changes)
		}
		done(err)
	})
}

// saved shows the agreement saved by commit, read back in snap.
func (s *settingsScreen) saved(snap *snapshot, old, next consent.Agreement, changes []consent.Change) {
	u := s.u
	s.loaded = false
	scr := s
	if next.Lang != old.Lang {
		// Every screen is rebuilt in the new language; come back here.
		u.SetLang(next.Lang)
		u.parentReopen(parentTabSettings)
		if u.parent == nil || u.parent.settings == nil {
			return
		}
		scr = u.parent.settings
	}
	u.apply(snap)
	lines := []string{u.tf("settings.saved", next.Teen)}
	for _, c := range changes {
		lines = append(lines, "• "+settingsChangeText(c, u.lang))
	}
	scr.msg.SetText(strings.Join(lines, "\n"))
}

// settingsChangeText is one change in words, in lang.
func settingsChangeText(c consent.Change, lang string) string {
	l, _ := words.ParseLang(lang)
	return words.Capital(words.Renderer{Lang: l}.Fact(c.Fact()))
}

func init() {
	addTexts(map[string][2]string{
		"settings.title": {"Settings", "Instellingen"},
		"settings.lead": {"You chose these together with %[1]s. A change that makes TalkFirst notice more or keep data longer needs %[1]s's yes again; other changes are saved straight away.",
			"Deze keuzes hebben jullie samen met %[1]s gemaakt. Voor een wijziging waardoor TalkFirst meer opmerkt of gegevens langer bewaart, is opnieuw een ja van %[1]s nodig; andere wijzigingen worden meteen bewaard."},
		"settings.ends":      {"The agreement ends", "De afspraak loopt af"},
		"settings.ends.on":   {"On %s.", "Op %s."},
		"settings.ends.new":  {"On %s (was %s).", "Op %s (was %s)."},
		"settings.ends.note": {"Renew it together with %s: a longer agreement needs their yes too.", "Verleng hem samen met %s: voor een langere afspraak is ook een ja van je kind nodig."},
		"settings.extend":    {"Extend by six months", "Zes maanden verlengen"},
		"settings.save":      {"Save changes", "Wijzigingen bewaren"},
		"settings.nochange":  {"Nothing has changed.", "Er is niets veranderd."},
		"settings.saved":     {"Saved. %s will see this in “Our agreement”.", "Bewaard. %s ziet dit bij “Onze afspraak”."},
		"settings.dlg.title": {"Save these changes?", "Deze wijzigingen bewaren?"},
		"settings.dlg.lead":  {"This is what changes:", "Dit verandert er:"},
		"settings.widens": {"Some of these changes mean TalkFirst notices more or keeps data longer, so %s needs to agree again. Ask them to read this and tick the box themselves.",
			"Door sommige wijzigingen merkt TalkFirst meer op of bewaart het gegevens langer. Daarom moet %s opnieuw akkoord gaan. Vraag je kind dit te lezen en zelf het vakje aan te vinken."},
		"settings.teenagree": {"%s: I understand and agree", "%s: ik begrijp het en ga akkoord"},
		"settings.cancel":    {"Cancel", "Annuleren"},
		"settings.confirm":   {"Save", "Bewaren"},
		"settings.err":       {"The changes couldn't be saved. Try again in a moment.", "De wijzigingen konden niet worden bewaard. Probeer het zo nog eens."},
	})
}
