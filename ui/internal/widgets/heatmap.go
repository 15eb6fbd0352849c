package widgets

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// HeatRow is one day of a Heatmap: a label and a value per hour (0..23).
type HeatRow struct {
	Label  string
	Values [24]float64
}

// Heatmap draws rows of 24 hour cells. A cell's colour is stronger the larger
// its value is against the largest value in the map; an empty hour is a faint
// neutral square. Night columns are shaded behind the cells, and each block
// of night hours is named above the grid (SetNightLabel).
type Heatmap struct {
	widget.BaseWidget
	rows       []HeatRow
	night      [24]bool
	nightLabel string
}

// NewHeatmap returns an empty heatmap.
func NewHeatmap() *Heatmap {
	h := &Heatmap{}
	h.ExtendBaseWidget(h)
	return h
}

// SetData replaces the rows and the night hours and redraws.
func (h *Heatmap) SetData(rows []HeatRow, night [24]bool) {
	h.rows = append([]HeatRow(nil), rows...)
	h.night = night
	h.Refresh()
}

// SetNightLabel sets the word written above the night columns ("night").
func (h *Heatmap) SetNightLabel(s string) {
	h.nightLabel = s
	h.Refresh()
}

// Rows returns the rows shown.
func (h *Heatmap) Rows() []HeatRow { return append([]HeatRow(nil), h.rows...) }

// Night returns the night hours shown.
func (h *Heatmap) Night() [24]bool { return h.night }

// maxValue is the largest value, which gets the strongest colour.
func (h *Heatmap) maxValue() float64 {
	var m float64
	for _, r := range h.rows {
		for _, v := range r.Values {
			m = max(m, v)
		}
	}
	return m
}

// Intensity is how strongly cell (row, hour) is coloured, 0..1: its value
// against the largest value. An empty hour is 0.
func (h *Heatmap) Intensity(row, hour int) float64 {
	m := h.maxValue()
	if m <= 0 || row < 0 || row >= len(h.rows) || hour < 0 || hour > 23 {
		return 0
	}
	return max(h.rows[row].Values[hour], 0) / m
}

// nightBlocks returns the runs of consecutive night hours as [first, last].
// A night that wraps past midnight gives two blocks (22–23 and 0–5).
func nightBlocks(night [24]bool) [][2]int {
	var out [][2]int
	for h := 0; h < 24; h++ {
		if !night[h] {
			continue
		}
		start := h
		for h+1 < 24 && night[h+1] {
			h++
		}
		out = append(out, [2]int{start, h})
	}
	return out
}

// CreateRenderer implements fyne.Widget.
func (h *Heatmap) CreateRenderer() fyne.WidgetRenderer {
	r := &heatRenderer{h: h}
	r.rebuild()
	return r
}

type heatRenderer struct {
	h          *Heatmap
	bands      [24]*canvas.Rectangle // night shading per column; nil when not night
	nightTexts []*canvas.Text        // one per night block
	blocks     [][2]int
	hourTexts  [24]*canvas.Text // nil for hours without a label
	rowLabels  []*canvas.Text
	cells      [][24]*canvas.Rectangle
	objs       []fyne.CanvasObject
}

func (r *heatRenderer) rebuild() {
	h := r.h
	th := h.Theme()
	v := variant()
	fg := th.Color(theme.ColorNameForeground, v)
	text := th.Size(theme.SizeNameText)
	caption := th.Size(theme.SizeNameCaptionText)
	r.objs = nil
	r.bands = [24]*canvas.Rectangle{}
	r.hourTexts = [24]*canvas.Text{}
	r.nightTexts = nil
	r.rowLabels = nil
	r.cells = nil
	r.blocks = nil
	if len(h.rows) == 0 {
		return
	}
	for hr := 0; hr < 24; hr++ {
		if h.night[hr] {
			b := canvas.NewRectangle(NightColor(th))
			r.bands[hr] = b
			r.objs = append(r.objs, b)
		}
	}
	r.blocks = nightBlocks(h.night)
	if h.nightLabel != "" {
		for range r.blocks {
			t := canvas.NewText(h.nightLabel, fg)
			t.TextSize = caption
			t.TextStyle = fyne.TextStyle{Italic: true}
			r.nightTexts = append(r.nightTexts, t)
			r.objs = append(r.objs, t)
		}
	}
	for hr := 0; hr < 24; hr++ {
		t := canvas.NewText(fmt.Sprintf("%02d", hr), fg)
		t.TextSize = caption
		r.hourTexts[hr] = t
		r.objs = append(r.objs, t)
	}
	m := h.maxValue()
	for _, row := range h.rows {
		l := canvas.NewText(row.Label, fg)
		l.TextSize = text
		r.rowLabels = append(r.rowLabels, l)
		r.objs = append(r.objs, l)
		var cs [24]*canvas.Rectangle
		for hr, val := range row.Values {
			frac := 0.0
			if m > 0 {
				frac = max(val, 0) / m
			}
			c := canvas.NewRectangle(HeatColor(th, frac))
			c.CornerRadius = 2
			cs[hr] = c
			r.objs = append(r.objs, c)
		}
		r.cells = append(r.cells, cs)
	}
}

// metrics are the shared sizes, from the theme.
func (r *heatRenderer) metrics() (pad, captionH, rowH, minCell, labelW float32) {
	th := r.h.Theme()
	pad = th.Size(theme.SizeNameInnerPadding) / 2 // row labels line up with the text of labels
	captionH = fyne.MeasureText("00", th.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
	lineH := fyne.MeasureText("Mg", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
	rowH = lineH + pad
	minCell = max(captionH*0.9, 8)
	for _, l := range r.rowLabels {
		labelW = max(labelW, l.MinSize().Width)
	}
	return pad, captionH, rowH, minCell, labelW
}

func (r *heatRenderer) MinSize() fyne.Size {
	if len(r.rowLabels) == 0 {
		return fyne.NewSize(0, 0)
	}
	pad, captionH, rowH, minCell, labelW := r.metrics()
	w := 2*pad + labelW + 2*pad + 24*minCell + 2*pad
	top := pad + 2*captionH + pad/2
	return fyne.NewSize(w, top+float32(len(r.rowLabels))*rowH+pad)
}

// gridX is where the first hour column starts.
func (r *heatRenderer) geometry(size fyne.Size) (gridX, cellW, top float32) {
	pad, captionH, _, _, labelW := r.metrics()
	gridX = 2*pad + labelW + 2*pad
	cellW = max((size.Width-gridX-2*pad)/24, 1)
	top = pad + 2*captionH + pad/2
	return gridX, cellW, top
}

// labelStep picks how many hours apart the hour labels are, so they don't
// run into each other: 1, 2, 3 or 6.
func labelStep(cellW, labelW, pad float32) int {
	for _, s := range []int{1, 2, 3, 6} {
		if float32(s)*cellW >= labelW+pad {
			return s
		}
	}
	return 12
}

func (r *heatRenderer) Layout(size fyne.Size) {
	if len(r.rowLabels) == 0 {
		return
	}
	pad, captionH, rowH, _, _ := r.metrics()
	gridX, cellW, top := r.geometry(size)
	gap := max(pad/2, 1)
	bottom := top + float32(len(r.rowLabels))*rowH
	// night bands, from the hour labels down past the last row
	for hr, b := range r.bands {
		if b == nil {
			continue
		}
		b.Move(fyne.NewPos(gridX+float32(hr)*cellW, pad+captionH))
		b.Resize(fyne.NewSize(cellW, bottom-(pad+captionH)+pad/2))
	}
	for i, t := range r.nightTexts {
		bl := r.blocks[i]
		x0 := gridX + float32(bl[0])*cellW
		w := float32(bl[1]-bl[0]+1) * cellW
		tw := t.MinSize().Width
		x := max(x0+(w-tw)/2, gridX)
		x = min(x, size.Width-tw)
		t.Move(fyne.NewPos(x, pad))
		t.Resize(fyne.NewSize(tw, captionH))
	}
	lw := r.hourTexts[0].MinSize().Width
	step := labelStep(cellW, lw, pad)
	for hr, t := range r.hourTexts {
		if hr%step != 0 {
			t.Hide()
			continue
		}
		t.Show()
		tw := t.MinSize().Width
		t.Move(fyne.NewPos(gridX+float32(hr)*cellW+(cellW-tw)/2, pad+captionH))
		t.Resize(fyne.NewSize(tw, captionH))
	}
	for i, l := range r.rowLabels {
		y := top + float32(i)*rowH
		lh := l.MinSize().Height
		l.Move(fyne.NewPos(2*pad, y+(rowH-lh)/2))
		l.Resize(l.MinSize())
		for hr, c := range r.cells[i] {
			c.Move(fyne.NewPos(gridX+float32(hr)*cellW+gap/2, y+gap/2))
			c.Resize(fyne.NewSize(max(cellW-gap, 1), rowH-gap))
		}
	}
}

func (r *heatRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.h.Size())
	canvas.Refresh(r.h)
}

func (r *heatRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *heatRenderer) Destroy() {}
