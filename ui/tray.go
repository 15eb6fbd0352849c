package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// tray is the system-tray icon: the agent's status, and a way back to the app.
type tray struct {
	u      *UI
	desk   desktop.App
	status *fyne.MenuItem
	menu   *fyne.Menu
	last   string
}

// SetupTray puts TalkFirst in the system tray (where the desktop has one)
// and sends a desktop notification with the topic, never figures, when a new
// prompt appears. Closing the window still quits the app: on a desktop
// without a tray host, a hidden window could not be found again. The agent
// goes on recording either way.
func (u *UI) SetupTray() {
	desk, ok := u.app.(desktop.App)
	if !ok {
		return
	}
	t := &tray{u: u, desk: desk}
	t.status = fyne.NewMenuItem(u.t("status.off"), nil)
	t.status.Disabled = true
	t.menu = fyne.NewMenu("TalkFirst",
		t.status,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(u.t("tray.open"), func() { u.win.Show(); u.win.RequestFocus() }),
		fyne.NewMenuItem(u.t("help.now"), func() { u.win.Show(); u.ShowHelp() }),
		fyne.NewMenuItem(u.t("tray.parent"), func() { u.win.Show(); u.ShowParent() }),
	)
	desk.SetSystemTrayMenu(t.menu)
	desk.SetSystemTrayIcon(Icon)
	u.tray = t
	u.OnNewPrompts(func(topics []string) {
		for _, topic := range topics {
			u.app.SendNotification(fyne.NewNotification(u.t("notify.title"), topic))
		}
	})
}

// update shows the agent's status in the tray menu.
func (t *tray) update(text string) {
	if t == nil || text == t.last {
		return
	}
	t.last = text
	t.status.Label = text
	t.menu.Refresh()
}

func init() {
	addTexts(map[string][2]string{
		"tray.open":    {"Open TalkFirst", "TalkFirst openen"},
		"tray.parent":  {"Parent…", "Ouder…"},
		"notify.title": {"TalkFirst: something to talk about", "TalkFirst: iets om over te praten"},
	})
}
