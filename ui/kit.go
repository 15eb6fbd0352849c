package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The text blocks every screen is made of. Sizes come from the theme, so
// large-text settings grow them.

// textHeading is a screen title.
func textHeading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// textSubheading is a section title.
func textSubheading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// textPara is a wrapping paragraph.
func textPara(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// textBold is a wrapping bold paragraph.
func textBold(s string) *widget.Label {
	l := textPara(s)
	l.TextStyle.Bold = true
	return l
}

// textNote is a smaller wrapping paragraph.
func textNote(s string) *widget.Label {
	l := textPara(s)
	l.SizeName = theme.SizeNameCaptionText
	return l
}
