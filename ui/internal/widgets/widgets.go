// Package widgets holds TalkFirst's custom fyne widgets: a bar chart whose
// bars are split into a solid and a lighter part (time in front and time
// running), and a day-by-hour heatmap with the agreed night hours marked.
// Data goes in through SetData; colours and sizes come from the theme, so
// light, dark and large-text themes all work.
package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// variant is the current theme variant (light when there is no app yet).
func variant() fyne.ThemeVariant {
	if a := fyne.CurrentApp(); a != nil {
		return a.Settings().ThemeVariant()
	}
	return theme.VariantLight
}

// withAlpha returns c with its alpha scaled by a (0..1).
func withAlpha(c color.Color, a float64) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	switch {
	case a < 0:
		a = 0
	case a > 1:
		a = 1
	}
	n.A = uint8(float64(n.A)*a + 0.5)
	return n
}

// Colours shared by the widgets and their legends, so a legend swatch is
// always the colour the chart draws.

// SolidColor is the strong part of a bar (time in front).
func SolidColor(th fyne.Theme) color.Color {
	return th.Color(theme.ColorNamePrimary, variant())
}

// LightColor is the lighter part of a bar (running, not in front).
func LightColor(th fyne.Theme) color.Color {
	return withAlpha(th.Color(theme.ColorNamePrimary, variant()), lightAlpha)
}

// HeatColor is the colour of a heatmap cell filled to frac (0..1); 0 is an
// empty hour.
func HeatColor(th fyne.Theme, frac float64) color.Color {
	if frac <= 0 {
		return withAlpha(th.Color(theme.ColorNameForeground, variant()), emptyAlpha)
	}
	return withAlpha(th.Color(theme.ColorNamePrimary, variant()), minHeat+(1-minHeat)*frac)
}

// NightColor is the shading behind the night-hour columns.
func NightColor(th fyne.Theme) color.Color {
	return withAlpha(th.Color(theme.ColorNameForeground, variant()), nightAlpha)
}

const (
	lightAlpha = 0.45 // running but not in front
	emptyAlpha = 0.06 // an hour with no time
	minHeat    = 0.25 // the faintest filled cell, so a short hour is still visible
	nightAlpha = 0.16 // the night band
)

// Swatch returns a small filled square for a legend, sized from the text size
// so it grows with large fonts.
func Swatch(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.CornerRadius = 2
	s := theme.TextSize()
	r.SetMinSize(fyne.NewSize(s, s))
	return r
}
