package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Small building blocks shared by the wizard and the parent's screens
// (wizard.go, parent.go, prompts.go, settings.go, end.go, agreement.go).
// Names start with wiz so they do not clash with the teen's screens.

// wizBullet is one line with an icon in front; the text wraps beside it.
func wizBullet(icon fyne.Resource, s string) fyne.CanvasObject {
	return wizBeside(widget.NewIcon(icon), textPara(s))
}

// wizBeside puts an icon in front of a label, lined up with its first line
// and with the text column above it.
func wizBeside(ic *widget.Icon, l *widget.Label) fyne.CanvasObject {
	size := theme.TextSize()
	if l.SizeName != "" {
		size = theme.Size(l.SizeName)
	}
	line := fyne.MeasureText("Ag", size, l.TextStyle).Height
	top := theme.InnerPadding() + (line-theme.IconInlineSize())/2
	pad := layout.NewCustomPaddedLayout(max(top, 0), 0, theme.InnerPadding(), 0)
	return container.NewBorder(nil, nil, container.NewVBox(container.New(pad, ic)), nil, l)
}

// wizList is a bulleted list of wrapping lines, with a hanging indent.
func wizList(lines []string) *fyne.Container {
	box := container.NewVBox()
	wizListSet(box, lines)
	return box
}

// wizListSet replaces the lines of a wizList.
func wizListSet(box *fyne.Container, lines []string) {
	box.Objects = nil
	for _, l := range lines {
		box.Add(container.NewBorder(nil, nil, container.NewVBox(widget.NewLabel("•")), nil, textPara(l)))
	}
	box.Refresh()
}

// wizBullets is a list of wizBullet lines with the same icon.
func wizBullets(icon fyne.Resource, lines ...string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, l := range lines {
		box.Add(wizBullet(icon, l))
	}
	return box
}

// wizField is a labelled field with an optional note under it.
func wizField(label string, field fyne.CanvasObject, note string) fyne.CanvasObject {
	box := container.NewVBox(textBold(label), field)
	if note != "" {
		box.Add(textNote(note))
	}
	return box
}

// wizReadable keeps text at a comfortable line length on wide windows: the
// content is centred and at most ems text heights wide, so it grows with the
// font size instead of being fixed in pixels.
func wizReadable(ems float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&wizReadableLayout{ems: ems}, o)
}

type wizReadableLayout struct{ ems float32 }

func (l *wizReadableLayout) max() float32 { return l.ems * theme.TextSize() }

func (l *wizReadableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.max())
	x := (size.Width - w) / 2
	for _, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l *wizReadableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// wizScroll is a vertical scroll of readable-width content with padding.
func wizScroll(ems float32, o fyne.CanvasObject) *container.Scroll {
	return container.NewVScroll(container.NewPadded(wizReadable(ems, o)))
}

// wizButtonRow puts buttons at the trailing end of a row.
func wizButtonRow(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewHBox(append([]fyne.CanvasObject{layoutSpacer()}, objs...)...)
}
