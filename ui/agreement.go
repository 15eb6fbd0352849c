package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// agreementScreen: not built yet; this stub only keeps the package compiling while the
// screen is written.
type agreementScreen struct {
	u    *UI
	root fyne.CanvasObject
}

func newAgreementScreen(u *UI) *agreementScreen {
	return &agreementScreen{u: u, root: widget.NewLabel("agreement")}
}

func (s *agreementScreen) content() fyne.CanvasObject { return s.root }

func (s *agreementScreen) apply(*snapshot) {}
