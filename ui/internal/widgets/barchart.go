package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Bar is one row of a BarChart.
type Bar struct {
	// Label names the row (an app's name).
	Label string
	// Total is the length of the whole bar; Solid is the part of it drawn in
	// the strong colour, the rest is drawn lighter. Solid is clamped to
	// [0, Total].
	Solid, Total float64
	// Text is written at the end of the label line (the figures).
	Text string
}

// BarChart draws one row per Bar: the label and the figures on one line, and
// below them a bar whose length is proportional to Total against the
// largest Total. The chart is as wide as its parent lets it be; it needs
// only enough width for the longest label and figures.
type BarChart struct {
	widget.BaseWidget
	bars []Bar
}

// NewBarChart returns an empty chart.
func NewBarChart() *BarChart {
	c := &BarChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetData replaces the bars and redraws.
func (c *BarChart) SetData(bars []Bar) {
	c.bars = append([]Bar(nil), bars...)
	c.Refresh()
}

// Bars returns the bars shown.
func (c *BarChart) Bars() []Bar { return append([]Bar(nil), c.bars...) }

// CreateRenderer implements fyne.Widget.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{c: c}
	r.rebuild()
	return r
}

// barRow is the drawn objects of one bar.
type barRow struct {
	label, text *canvas.Text
	light       *canvas.Rectangle // the whole bar (Total)
	solid       *canvas.Rectangle // the strong part (Solid)
}

type barRenderer struct {
	c    *BarChart
	rows []barRow
	objs []fyne.CanvasObject
}

// rebuild makes the objects for the current bars and colours them.
func (r *barRenderer) rebuild() {
	th := r.c.Theme()
	v := variant()
	fg := th.Color(theme.ColorNameForeground, v)
	size := th.Size(theme.SizeNameText)
	// new slices: the canvas may still hold the old object list
	r.rows = make([]barRow, 0, len(r.c.bars))
	r.objs = make([]fyne.CanvasObject, 0, 4*len(r.c.bars))
	for _, b := range r.c.bars {
		row := barRow{
			label: canvas.NewText(b.Label, fg),
			text:  canvas.NewText(b.Text, fg),
			light: canvas.NewRectangle(LightColor(th)),
			solid: canvas.NewRectangle(SolidColor(th)),
		}
		row.label.TextSize, row.text.TextSize = size, size
		row.label.TextStyle = fyne.TextStyle{Bold: true}
		row.text.Alignment = fyne.TextAlignTrailing
		row.light.CornerRadius = 3
		row.solid.CornerRadius = 3
		r.rows = append(r.rows, row)
		r.objs = append(r.objs, row.light, row.solid, row.label, row.text)
	}
}

// metrics are the sizes every row shares, from the theme.
func (r *barRenderer) metrics() (pad, lineH, barH float32) {
	th := r.c.Theme()
	pad = th.Size(theme.SizeNameInnerPadding) // the inset of a label's text, so the chart lines up with labels
	lineH = fyne.MeasureText("Mg", th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}).Height
	barH = lineH * 0.8
	return pad, lineH, barH
}

func (r *barRenderer) rowHeight() float32 {
	pad, lineH, barH := r.metrics()
	return lineH + pad/2 + barH + 2*pad
}

func (r *barRenderer) MinSize() fyne.Size {
	pad, _, _ := r.metrics()
	var w float32
	for _, row := range r.rows {
		lw := row.label.MinSize().Width + 3*pad + row.text.MinSize().Width
		w = max(w, lw)
	}
	return fyne.NewSize(w+2*pad, float32(len(r.rows))*r.rowHeight())
}

// maxTotal is the largest Total, the length of a full-width bar.
func (r *barRenderer) maxTotal() float64 {
	var m float64
	for _, b := range r.c.bars {
		m = max(m, b.Total)
	}
	return m
}

// barWidths returns the light and solid widths of bar b in a track of width w.
func barWidths(b Bar, maxTotal float64, w float32) (light, solid float32) {
	if maxTotal <= 0 || b.Total <= 0 {
		return 0, 0
	}
	s := min(max(b.Solid, 0), b.Total)
	light = float32(b.Total / maxTotal * float64(w))
	solid = float32(s / maxTotal * float64(w))
	return light, solid
}

func (r *barRenderer) Layout(size fyne.Size) {
	pad, lineH, barH := r.metrics()
	track := max(size.Width-2*pad, 0)
	m := r.maxTotal()
	y := pad
	for i, row := range r.rows {
		b := r.c.bars[i]
		row.label.Move(fyne.NewPos(pad, y))
		row.label.Resize(fyne.NewSize(row.label.MinSize().Width, lineH))
		tw := row.text.MinSize().Width
		row.text.Move(fyne.NewPos(size.Width-pad-tw, y))
		row.text.Resize(fyne.NewSize(tw, lineH))
		light, solid := barWidths(b, m, track)
		by := y + lineH + pad/2
		row.light.Move(fyne.NewPos(pad, by))
		row.light.Resize(fyne.NewSize(light, barH))
		row.solid.Move(fyne.NewPos(pad, by))
		row.solid.Resize(fyne.NewSize(solid, barH))
		y += r.rowHeight()
	}
}

func (r *barRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *barRenderer) Destroy() {}
