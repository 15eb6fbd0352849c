package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// appsScreen: not built yet; this stub only keeps the package compiling while the
// screen is written.
type appsScreen struct {
	u    *UI
	root fyne.CanvasObject
}

func newAppsScreen(u *UI) *appsScreen {
	return &appsScreen{u: u, root: widget.NewLabel("apps")}
}

func (s *appsScreen) content() fyne.CanvasObject { return s.root }

func (s *appsScreen) apply(*snapshot) {}
