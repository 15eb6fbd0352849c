package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// parentScreen: not built yet; this stub only keeps the package compiling
// while the screen is written.
type parentScreen struct {
	u    *UI
	root fyne.CanvasObject
}

func newParentScreen(u *UI) *parentScreen {
	return &parentScreen{u: u, root: widget.NewLabel("parent")}
}

func (s *parentScreen) content() fyne.CanvasObject { return s.root }

func (s *parentScreen) apply(*snapshot) {}

// lock closes the parent's side; the PIN is asked again.
func (s *parentScreen) lock() {}
