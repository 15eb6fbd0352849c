package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// parentSeesScreen: not built yet; this stub only keeps the package compiling while the
// screen is written.
type parentSeesScreen struct {
	u    *UI
	root fyne.CanvasObject
}

func newParentSeesScreen(u *UI) *parentSeesScreen {
	return &parentSeesScreen{u: u, root: widget.NewLabel("sees")}
}

func (s *parentSeesScreen) content() fyne.CanvasObject { return s.root }

func (s *parentSeesScreen) apply(*snapshot) {}
