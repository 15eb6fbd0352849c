package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// wizardScreen: not built yet; this stub only keeps the package compiling while the
// screen is written.
type wizardScreen struct {
	u    *UI
	root fyne.CanvasObject
}

func newWizardScreen(u *UI) *wizardScreen {
	return &wizardScreen{u: u, root: widget.NewLabel("wizard")}
}

func (s *wizardScreen) content() fyne.CanvasObject { return s.root }

func (s *wizardScreen) apply(*snapshot) {}
