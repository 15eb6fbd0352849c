package widgets

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func near(a, b float32) bool { return math.Abs(float64(a-b)) < 0.51 }

func alpha(c color.Color) uint8 { return color.NRGBAModel.Convert(c).(color.NRGBA).A }

func TestBarChartWidthsProportional(t *testing.T) {
	test.NewTempApp(t)
	c := NewBarChart()
	c.SetData([]Bar{
		{Label: "Minecraft", Solid: 30, Total: 40, Text: "a"},
		{Label: "Discord", Solid: 5, Total: 20, Text: "b"},
		{Label: "Telegram", Solid: 50, Total: 10, Text: "c"}, // solid is clamped to total
		{Label: "Idle", Solid: 0, Total: 0, Text: "d"},
	})
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(600, 400))
	r := test.WidgetRenderer(c).(*barRenderer)
	pad, _, _ := r.metrics()
	track := c.Size().Width - 2*pad
	want := []struct{ light, solid float32 }{
		{track, track * 30 / 40},
		{track / 2, track * 5 / 40},
		{track / 4, track / 4},
		{0, 0},
	}
	for i, row := range r.rows {
		if got := row.light.Size().Width; !near(got, want[i].light) {
			t.Errorf("bar %d: light width %v, want %v", i, got, want[i].light)
		}
		if got := row.solid.Size().Width; !near(got, want[i].solid) {
			t.Errorf("bar %d: solid width %v, want %v", i, got, want[i].solid)
		}
		if row.solid.Position() != row.light.Position() {
			t.Errorf("bar %d: solid part does not start where the bar starts", i)
		}
	}
	if r.rows[0].label.Text != "Minecraft" || r.rows[1].text.Text != "b" {
		t.Errorf("labels and figures not drawn as given")
	}
	// the solid part is the stronger colour
	if alpha(r.rows[0].solid.FillColor) <= alpha(r.rows[0].light.FillColor) {
		t.Errorf("solid part is not stronger than the light part")
	}
}

func TestBarChartEmptyAndResize(t *testing.T) {
	test.NewTempApp(t)
	c := NewBarChart()
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(300, 200))
	if got := c.MinSize().Height; got != 0 {
		t.Errorf("empty chart height %v, want 0", got)
	}
	if n := len(test.WidgetRenderer(c).Objects()); n != 0 {
		t.Errorf("empty chart draws %d objects", n)
	}
	c.SetData([]Bar{{Label: "A", Total: 1}})
	if n := len(test.WidgetRenderer(c).Objects()); n != 4 {
		t.Errorf("one bar draws %d objects, want 4", n)
	}
	if c.MinSize().Height <= 0 {
		t.Errorf("a bar has no height")
	}
	// the chart needs room for the label and the figures side by side
	c.SetData([]Bar{{Label: "Minecraft", Total: 1, Text: "9 h 10 min in front"}})
	min := c.MinSize().Width
	both := fyne.MeasureText("Minecraft", theme.TextSize(), fyne.TextStyle{Bold: true}).Width +
		fyne.MeasureText("9 h 10 min in front", theme.TextSize(), fyne.TextStyle{}).Width
	if min < both {
		t.Errorf("min width %v is less than label and figures (%v)", min, both)
	}
}

func TestBarWidths(t *testing.T) {
	for name, tc := range map[string]struct {
		b            Bar
		max          float64
		light, solid float32
	}{
		"full":           {Bar{Solid: 5, Total: 10}, 10, 100, 50},
		"half":           {Bar{Solid: 5, Total: 5}, 10, 50, 50},
		"no max":         {Bar{Solid: 5, Total: 5}, 0, 0, 0},
		"negative solid": {Bar{Solid: -3, Total: 10}, 10, 100, 0},
	} {
		t.Run(name, func(t *testing.T) {
			l, s := barWidths(tc.b, tc.max, 100)
			if !near(l, tc.light) || !near(s, tc.solid) {
				t.Errorf("barWidths = %v, %v; want %v, %v", l, s, tc.light, tc.solid)
			}
		})
	}
}

func heatData() ([]HeatRow, [24]bool) {
	var a, b HeatRow
	a.Label, b.Label = "Mon", "Tue"
	a.Values[16] = 3600
	a.Values[23] = 1800
	b.Values[19] = 900
	var night [24]bool
	for _, h := range []int{22, 23, 0, 1, 2, 3, 4, 5} {
		night[h] = true
	}
	return []HeatRow{a, b}, night
}

func TestHeatmapIntensity(t *testing.T) {
	test.NewTempApp(t)
	h := NewHeatmap()
	rows, night := heatData()
	h.SetData(rows, night)
	w := test.NewTempWindow(t, h)
	w.Resize(fyne.NewSize(700, 300))
	for _, tc := range []struct {
		row, hour int
		want      float64
	}{{0, 16, 1}, {0, 23, 0.5}, {1, 19, 0.25}, {1, 0, 0}, {5, 0, 0}} {
		if got := h.Intensity(tc.row, tc.hour); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Intensity(%d, %d) = %v, want %v", tc.row, tc.hour, got, tc.want)
		}
	}
	r := test.WidgetRenderer(h).(*heatRenderer)
	full, half, quarter, empty := alpha(r.cells[0][16].FillColor), alpha(r.cells[0][23].FillColor), alpha(r.cells[1][19].FillColor), alpha(r.cells[1][0].FillColor)
	if !(full > half && half > quarter && quarter > empty) {
		t.Errorf("cell alphas not ordered by value: full %d, half %d, quarter %d, empty %d", full, half, quarter, empty)
	}
	if full != alpha(theme.Color(theme.ColorNamePrimary)) {
		t.Errorf("the largest value is not the full primary colour")
	}
	// cells in one row share a height and sit side by side, in hour order
	if r.cells[0][1].Position().X <= r.cells[0][0].Position().X || r.cells[1][0].Position().Y <= r.cells[0][0].Position().Y {
		t.Errorf("cells are not laid out as rows of hours")
	}
}

func TestHeatmapNight(t *testing.T) {
	test.NewTempApp(t)
	h := NewHeatmap()
	rows, night := heatData()
	h.SetData(rows, night)
	h.SetNightLabel("night")
	w := test.NewTempWindow(t, h)
	w.Resize(fyne.NewSize(700, 300))
	r := test.WidgetRenderer(h).(*heatRenderer)
	for hr := 0; hr < 24; hr++ {
		b := r.bands[hr]
		if (b != nil) != night[hr] {
			t.Fatalf("hour %d: band %v, night %v", hr, b != nil, night[hr])
		}
		if b == nil {
			continue
		}
		c := r.cells[0][hr]
		// the band covers the whole column of cells
		if b.Position().X > c.Position().X || b.Position().X+b.Size().Width < c.Position().X+c.Size().Width ||
			b.Position().Y > c.Position().Y || b.Position().Y+b.Size().Height < r.cells[1][hr].Position().Y+r.cells[1][hr].Size().Height {
			t.Errorf("hour %d: night band does not cover the column", hr)
		}
	}
	// a night that wraps past midnight is two blocks, each named
	if got := nightBlocks(night); len(got) != 2 || got[0] != [2]int{0, 5} || got[1] != [2]int{22, 23} {
		t.Errorf("nightBlocks = %v", got)
	}
	if len(r.nightTexts) != 2 || r.nightTexts[0].Text != "night" {
		t.Errorf("night labels: %d", len(r.nightTexts))
	}
}

func TestHeatmapEmpty(t *testing.T) {
	test.NewTempApp(t)
	h := NewHeatmap()
	w := test.NewTempWindow(t, h)
	w.Resize(fyne.NewSize(400, 200))
	if got := h.MinSize(); got.Height != 0 {
		t.Errorf("empty heatmap min size %v", got)
	}
	if n := len(test.WidgetRenderer(h).Objects()); n != 0 {
		t.Errorf("empty heatmap draws %d objects", n)
	}
	// rows without any time: every cell is the empty colour
	h.SetData([]HeatRow{{Label: "Mon"}}, [24]bool{})
	r := test.WidgetRenderer(h).(*heatRenderer)
	if h.Intensity(0, 3) != 0 || alpha(r.cells[0][3].FillColor) != alpha(HeatColor(h.Theme(), 0)) {
		t.Errorf("an empty hour is not drawn empty")
	}
	if len(r.nightTexts) != 0 || r.bands != [24]*canvas.Rectangle{} {
		t.Errorf("no night hours, but night is marked")
	}
}

func TestLabelStep(t *testing.T) {
	for _, tc := range []struct {
		cellW float32
		want  int
	}{{40, 1}, {15, 2}, {10, 3}, {5, 6}, {1, 12}} {
		if got := labelStep(tc.cellW, 20, 4); got != tc.want {
			t.Errorf("labelStep(%v) = %d, want %d", tc.cellW, got, tc.want)
		}
	}
}
