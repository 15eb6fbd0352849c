package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// weekScreen: not built yet; this stub only keeps the package compiling while the
// screen is written.
type weekScreen struct {
	u    *UI
	root fyne.CanvasObject
}

func newWeekScreen(u *UI) *weekScreen {
	return &weekScreen{u: u, root: widget.NewLabel("week")}
}

func (s *weekScreen) content() fyne.CanvasObject { return s.root }

func (s *weekScreen) apply(*snapshot) {}
