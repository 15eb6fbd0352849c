package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// endScreen is "End monitoring": what happens, then a dialog where the parent
// types the teen's first name to confirm. Afterwards the app starts over with
// the wizard.
type endScreen struct {
	u      *UI
	root   *fyne.Container
	teen   string
	lead   *widget.Label
	talk   *widget.Label
	endBtn *widget.Button

	// The confirmation dialog, while it is open.
	dlg        *dialog.CustomDialog
	dlgEntry   *widget.Entry
	dlgConfirm *widget.Button
	dlgCancel  *widget.Button
	dlgMsg     *widget.Label
}

func newEndScreen(u *UI) *endScreen {
	s := &endScreen{u: u, lead: textPara(""), talk: textPara("")}
	s.endBtn = widget.NewButtonWithIcon(u.t("end.button"), theme.DeleteIcon(), s.onEnd)
	s.endBtn.Importance = widget.DangerImportance
	s.root = container.NewVBox(
		textHeading(u.t("end.title")),
		s.lead,
		textBold(u.t("end.what")),
		wizBullet(theme.MediaStopIcon(), u.t("end.w1")),
		wizBullet(theme.DeleteIcon(), u.t("end.w2")),
		wizBullet(theme.WarningIcon(), u.t("end.w3")),
		widget.NewSeparator(),
		s.talk,
		container.NewHBox(s.endBtn),
	)
	return s
}

func (s *endScreen) content() fyne.CanvasObject { return wizScroll(40, s.root) }

func (s *endScreen) apply(snap *snapshot) {
	s.teen = snap.agreement.Teen
	s.lead.SetText(s.u.t("end.lead"))
	s.talk.SetText(s.u.tf("end.talk", s.teen))
}

// onEnd asks to confirm by typing the teen's first name.
func (s *endScreen) onEnd() {
	u := s.u
	s.dlgEntry = widget.NewEntry()
	s.dlgEntry.SetPlaceHolder(s.teen)
	s.dlgConfirm = widget.NewButtonWithIcon(u.t("end.confirm"), theme.DeleteIcon(), s.onConfirm)
	s.dlgConfirm.Importance = widget.DangerImportance
	s.dlgConfirm.Disable()
	s.dlgCancel = widget.NewButtonWithIcon(u.t("settings.cancel"), theme.CancelIcon(), s.onCancel)
	s.dlgMsg = textPara("")
	s.dlgMsg.Importance = widget.DangerImportance
	s.dlgEntry.OnChanged = func(string) {
		if s.confirmed() && !u.isBusy(s.dlgConfirm) {
			s.dlgConfirm.Enable()
		} else {
			s.dlgConfirm.Disable()
		}
	}
	s.dlgEntry.OnSubmitted = func(string) { s.onConfirm() }
	body := container.NewVBox(
		textPara(u.t("end.dlg.lead")),
		textBold(u.tf("end.dlg.type", s.teen)),
		s.dlgEntry,
		s.dlgMsg,
	)
	s.dlg = dialog.NewCustomWithoutButtons(u.t("end.dlg.title"), wizReadable(32, body), u.win)
	s.dlg.SetButtons([]fyne.CanvasObject{s.dlgCancel, s.dlgConfirm})
	s.dlg.Resize(wizDialogSize(u, body))
	s.dlg.Show()
	if u.win != nil {
		u.win.Canvas().Focus(s.dlgEntry)
	}
}

// confirmed reports whether the typed name is the teen's.
func (s *endScreen) confirmed() bool {
	return s.teen != "" && s.dlgEntry != nil && strings.EqualFold(strings.TrimSpace(s.dlgEntry.Text), strings.TrimSpace(s.teen))
}

func (s *endScreen) onCancel() {
	if s.dlg != nil {
		s.dlg.Hide()
		s.dlg = nil
	}
}

// onConfirm ends monitoring and starts the app over.
func (s *endScreen) onConfirm() {
	u := s.u
	if s.dlg == nil || !s.confirmed() {
		return
	}
	dlg, msg, cancel := s.dlg, s.dlgMsg, s.dlgCancel
	cancel.Disable() // removing the agent cannot be called back halfway
	busy(u, s.dlgConfirm, func(ctx context.Context) (*snapshot, error) {
		return u.loaded(ctx, u.src.EndMonitoring(ctx))
	}, func(snap *snapshot, err error) {
		if err != nil {
			u.log.Error("end monitoring", "err", err)
			msg.SetText(u.t("end.err"))
			cancel.Enable()
			return
		}
		u.log.Info("monitoring ended")
		dlg.Hide()
		if s.dlg == dlg {
			s.dlg = nil
		}
		if u.parent != nil {
			u.parent.lock()
		}
		u.main = nil // the next agreement gets fresh screens
		u.apply(snap)
	})
}

func init() {
	addTexts(map[string][2]string{
		"end.title": {"End monitoring", "Stoppen met TalkFirst"},
		"end.lead": {"When you decide that TalkFirst is no longer needed, you can end it here.",
			"Als jullie besluiten dat TalkFirst niet meer nodig is, kun je het hier stoppen."},
		"end.what": {"What happens", "Wat er dan gebeurt"},
		"end.w1":   {"TalkFirst stops and is removed from this computer.", "TalkFirst stopt en wordt van deze computer verwijderd."},
		"end.w2": {"Everything it kept track of, the conversation prompts and your agreement are deleted.",
			"Alles wat het heeft bijgehouden, de gespreksideeën en jullie afspraak worden gewist."},
		"end.w3": {"This can't be undone. To use TalkFirst again, you set it up together from the start.",
			"Dit kan niet ongedaan worden gemaakt. Om TalkFirst weer te gebruiken, stellen jullie het samen opnieuw in."},
		"end.talk": {"Ending it is worth a conversation too. Tell %s first, and why.",
			"Ook stoppen is een gesprek waard. Vertel het eerst aan %s, en waarom."},
		"end.button":    {"End monitoring…", "Stoppen met TalkFirst…"},
		"end.dlg.title": {"End TalkFirst and delete everything?", "TalkFirst stoppen en alles wissen?"},
		"end.dlg.lead": {"TalkFirst will be removed, and everything it kept will be deleted. This can't be undone.",
			"TalkFirst wordt verwijderd en alles wat het heeft bewaard wordt gewist. Dit kan niet ongedaan worden gemaakt."},
		"end.dlg.type": {"To confirm, type the first name: %s", "Typ ter bevestiging de voornaam: %s"},
		"end.confirm":  {"End and delete", "Stoppen en wissen"},
		"end.err": {"TalkFirst couldn't be ended completely. Try again, or restart the computer and try again.",
			"TalkFirst kon niet helemaal worden gestopt. Probeer het opnieuw, of start de computer opnieuw op en probeer het dan."},
	})
}
