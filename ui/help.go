package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// helpScreen: not built yet; this stub only keeps the package compiling while the
// screen is written.
type helpScreen struct {
	u    *UI
	root fyne.CanvasObject
}

func newHelpScreen(u *UI) *helpScreen {
	return &helpScreen{u: u, root: widget.NewLabel("help")}
}

func (s *helpScreen) content() fyne.CanvasObject { return s.root }

func (s *helpScreen) apply(*snapshot) {}

// standalone is the help page on its own (shown from the error page).
func (s *helpScreen) standalone() fyne.CanvasObject { return s.content() }
