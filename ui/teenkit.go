package ui

import (
	"image/color"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Small building blocks shared by the teen's screens (week.go, apps.go,
// sees.go, help.go). Names start with teen so they do not clash with the
// wizard's and the parent's helpers.

// teenLine is a paragraph with an icon in front; the text wraps beside it
// and the icon stays centred on its first line.
func teenLine(icon fyne.Resource, s string) fyne.CanvasObject {
	return container.NewBorder(nil, nil, teenFirstLine(widget.NewIcon(icon)), nil, textPara(s))
}

// teenFirstLine centres o on the height of one line of label text, at the
// top, so it lines up with the first line of a wrapping label beside it.
func teenFirstLine(o fyne.CanvasObject) fyne.CanvasObject {
	h := canvas.NewRectangle(color.Transparent)
	h.SetMinSize(fyne.NewSize(0, widget.NewLabel("M").MinSize().Height))
	return container.NewVBox(container.NewStack(h, container.NewCenter(o)))
}

// teenMarkdown is wrapping rich text from Markdown.
func teenMarkdown(md string) *widget.RichText {
	rt := widget.NewRichTextFromMarkdown(md)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// teenPage puts a screen's sections in a vertical scroll, in a column that
// keeps lines a comfortable length on wide windows. The column's width is
// measured in text heights, so it grows with the font size.
func teenPage(box *fyne.Container) *container.Scroll {
	return container.NewVScroll(container.New(&teenColumn{ems: 52}, box))
}

// teenColumn lays out its objects one above the other, centred and at most
// ems text sizes wide, with a padding around.
type teenColumn struct{ ems float32 }

func (c *teenColumn) width(avail float32) (x, w float32) {
	pad := theme.Padding() * 2
	w = max(avail-2*pad, 0)
	if m := c.ems * theme.TextSize(); w > m {
		w = m
	}
	return (avail - w) / 2, w
}

func (c *teenColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x, w := c.width(size.Width)
	pad := theme.Padding() * 2
	for _, o := range objs {
		o.Move(fyne.NewPos(x, pad))
		o.Resize(fyne.NewSize(w, max(size.Height-2*pad, o.MinSize().Height)))
	}
}

func (c *teenColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding() * 2
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s.AddWidthHeight(2*pad, 2*pad)
}

// teenUpperFirst makes the first letter upper case, for texts that start
// with a value ("the agent has not run yet").
func teenUpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// teenSentence ends s with a full stop unless it already ends a sentence.
func teenSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// teenInset moves o in by the inset of a label's text, so swatches and
// buttons line up with the text above them.
func teenInset(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding()-theme.Padding(), 0), o)
}

// teenWrapRow is a row of objects that wraps onto more lines when the window
// is narrow or the text is large; each object is centred on the row.
func teenWrapRow(objs ...fyne.CanvasObject) *fyne.Container {
	c := container.New(layout.NewRowWrapLayout())
	for _, o := range objs {
		c.Add(container.NewCenter(o))
	}
	return c
}
