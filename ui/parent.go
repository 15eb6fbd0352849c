package ui

import (
	"context"
	"errors"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/consent"
)

// parentScreen is the parent's tab. It starts as a PIN gate; nothing of the
// parent's side is built until the PIN is right, and lock throws it away
// again. Unlocked, it has inner tabs for the prompts, the summaries, the
// settings and ending monitoring.
type parentScreen struct {
	u    *UI
	root *fyne.Container // stable; holds the gate or the unlocked side
	snap *snapshot

	// The gate.
	gate    fyne.CanvasObject
	locks   int // counts lock calls, so a PIN checked before one does not open the side after it
	pin     *widget.Entry
	unlock  *widget.Button
	pinMsg  *widget.Label
	gateMsg *widget.Label

	// The unlocked side; all nil while locked.
	side     fyne.CanvasObject
	tabs     *container.AppTabs
	lockBtn  *widget.Button
	prompts  *promptsScreen
	summary  *parentSummary
	settings *settingsScreen
	end      *endScreen
}

// Inner tab positions.
const (
	parentTabPrompts = iota
	parentTabSummaries
	parentTabSettings
	parentTabEnd
)

func newParentScreen(u *UI) *parentScreen {
	s := &parentScreen{u: u, root: container.NewStack()}
	s.buildGate()
	s.root.Objects = []fyne.CanvasObject{s.gate}
	return s
}

func (s *parentScreen) content() fyne.CanvasObject { return s.root }

func (s *parentScreen) unlocked() bool { return s.side != nil }

// focusPIN puts the keyboard focus in the PIN field while the gate is shown.
func (s *parentScreen) focusPIN() {
	if s.unlocked() || s.pin == nil {
		return
	}
	// the tab's content joins the canvas after OnSelected returns, so ask
	// the window's canvas rather than looking the field up
	s.u.win.Canvas().Focus(s.pin)
}

func (s *parentScreen) apply(snap *snapshot) {
	s.snap = snap
	name := ""
	if snap != nil {
		name = snap.agreement.Teen
	}
	s.gateMsg.SetText(s.u.tf("pin.same", name))
	if !s.unlocked() {
		return
	}
	s.prompts.apply(snap)
	s.summary.apply(snap)
	s.settings.apply(snap)
	s.end.apply(snap)
}

func (s *parentScreen) buildGate() {
	s.pin = widget.NewPasswordEntry()
	s.pin.SetPlaceHolder(s.u.t("pin.ph"))
	s.pin.OnSubmitted = func(string) { s.onUnlock() }
	s.unlock = widget.NewButtonWithIcon(s.u.t("pin.unlock"), theme.LoginIcon(), s.onUnlock)
	s.unlock.Importance = widget.HighImportance
	s.pinMsg = textPara("")
	s.pinMsg.Importance = widget.DangerImportance
	s.pinMsg.Hide()
	s.gateMsg = textNote("")
	box := container.NewVBox(
		wizBeside(widget.NewIcon(theme.AccountIcon()), textHeading(s.u.t("pin.title"))),
		textPara(s.u.t("pin.lead")),
		container.NewBorder(nil, nil, nil, s.unlock, s.pin),
		s.pinMsg,
		widget.NewSeparator(),
		s.gateMsg,
	)
	s.gate = container.NewPadded(container.NewVBox(layout.NewSpacer(), wizReadable(26, box), layout.NewSpacer()))
}

// onUnlock checks the PIN (argon2id, slow on purpose) and opens the parent's side.
func (s *parentScreen) onUnlock() {
	if s.u.isBusy(s.unlock) {
		return // Enter again while the PIN is checked
	}
	pin, locks := s.pin.Text, s.locks
	s.pin.SetText("")
	busy(s.u, s.unlock, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.u.src.CheckPIN(ctx, pin)
	}, func(_ struct{}, err error) {
		if s.locks != locks || s.unlocked() {
			return // the parent left the tab meanwhile
		}
		s.checked(err)
	})
}

// checked shows what checking the PIN said.
func (s *parentScreen) checked(err error) {
	var locked consent.ErrLocked
	switch {
	case err == nil:
		s.pinMsg.Hide()
		s.open()
		return
	case errors.Is(err, consent.ErrWrongPIN):
		s.pinMsg.SetText(s.u.t("pin.wrong"))
	case errors.As(err, &locked):
		s.pinMsg.SetText(s.u.tf("pin.locked", parentWait(locked.Wait)))
	default:
		s.u.log.Error("check pin", "err", err)
		s.pinMsg.SetText(s.u.t("pin.error"))
	}
	s.pinMsg.Show()
}

// parentWait writes a wait as "30 s" or "2 min".
func parentWait(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 90*time.Second {
		return strconv.Itoa(int(d/time.Second)) + " s"
	}
	return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " min"
}

// open builds the parent's side; only onUnlock and reopen call it.
func (s *parentScreen) open() {
	u := s.u
	s.prompts = newPromptsScreen(u)
	s.summary = newParentSummary(u)
	s.settings = newSettingsScreen(u)
	s.end = newEndScreen(u)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(u.t("parent.tab.prompts"), theme.MailComposeIcon(), s.prompts.content()),
		container.NewTabItemWithIcon(u.t("parent.tab.summaries"), theme.ListIcon(), s.summary.content()),
		container.NewTabItemWithIcon(u.t("parent.tab.settings"), theme.SettingsIcon(), s.settings.content()),
		container.NewTabItemWithIcon(u.t("parent.tab.end"), theme.DeleteIcon(), s.end.content()),
	)
	s.lockBtn = widget.NewButtonWithIcon(u.t("parent.lock"), theme.LogoutIcon(), s.lock)
	title := textSubheading(u.t("parent.title"))
	s.side = container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, nil, s.lockBtn, title)), nil, nil, nil, s.tabs)
	s.root.Objects = []fyne.CanvasObject{s.side}
	s.root.Refresh()
	if s.snap != nil {
		s.apply(s.snap)
	}
}

// lock closes the parent's side; the PIN is asked again.
func (s *parentScreen) lock() {
	s.locks++
	if !s.unlocked() {
		return
	}
	s.settings.onCancel() // no dialog of the parent's stays open
	s.end.onCancel()
	s.side, s.tabs, s.lockBtn = nil, nil, nil
	s.prompts, s.summary, s.settings, s.end = nil, nil, nil, nil
	s.pin.SetText("")
	s.pinMsg.Hide()
	s.root.Objects = []fyne.CanvasObject{s.gate}
	s.root.Refresh()
}

// parentReopen shows the parent's side on inner tab after the whole app was
// rebuilt for a new language from an unlocked session (the parent just
// changed the language in settings; asking the PIN again would be odd).
func (u *UI) parentReopen(tab int) {
	if u.main == nil {
		return
	}
	u.ShowParent()
	u.parent.open()
	u.parent.tabs.SelectIndex(tab)
}

// parentSummary is the parent's "Summaries" tab: the teen's own week screen,
// so both see exactly the same figures, under a line that says so.
type parentSummary struct {
	u     *UI
	intro *widget.Label
	week  *weekScreen
	root  fyne.CanvasObject
}

func newParentSummary(u *UI) *parentSummary {
	s := &parentSummary{u: u, intro: textPara(""), week: newWeekScreen(u)}
	banner := container.NewBorder(nil, nil, widget.NewIcon(theme.VisibilityIcon()), nil, s.intro)
	s.root = container.NewBorder(container.NewVBox(container.NewPadded(banner), widget.NewSeparator()), nil, nil, nil, s.week.content())
	return s
}

func (s *parentSummary) content() fyne.CanvasObject { return s.root }

func (s *parentSummary) apply(snap *snapshot) {
	s.intro.SetText(s.u.tf("psum.intro", snap.agreement.Teen))
	s.week.apply(snap)
}

func init() {
	addTexts(map[string][2]string{
		"pin.title": {"For the parent", "Voor de ouder"},
		"pin.lead": {"Type your PIN to see conversation prompts, summaries and settings.",
			"Typ je pincode om gespreksideeën, overzichten en instellingen te zien."},
		"pin.ph":     {"PIN", "Pincode"},
		"pin.unlock": {"Unlock", "Openen"},
		"pin.wrong":  {"That PIN is not right. Try again.", "Die pincode klopt niet. Probeer het nog eens."},
		"pin.locked": {"Too many tries. Try again in %s.", "Te vaak geprobeerd. Probeer het opnieuw over %s."},
		"pin.error": {"TalkFirst couldn't check the PIN right now. Try again in a moment.",
			"TalkFirst kon de pincode nu niet controleren. Probeer het zo nog eens."},
		"pin.same": {"%s can see everything that's here in “What my parent sees”.",
			"%s kan alles wat hier staat ook zien bij “Wat mijn ouder ziet”."},

		"parent.title":         {"Parent's side", "Voor de ouder"},
		"parent.lock":          {"Lock", "Vergrendelen"},
		"parent.tab.prompts":   {"Conversation prompts", "Gespreksideeën"},
		"parent.tab.summaries": {"Summaries", "Overzichten"},
		"parent.tab.settings":  {"Settings", "Instellingen"},
		"parent.tab.end":       {"End monitoring", "Stoppen met TalkFirst"},

		"psum.intro": {"This is exactly what %s sees in “My week”: the same figures, the same words.",
			"Dit is precies wat %s ziet bij “Mijn week”: dezelfde cijfers, dezelfde woorden."},
	})
}
