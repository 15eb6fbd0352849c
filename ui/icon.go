package ui

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is TalkFirst's icon, a speech bubble: the window's, the taskbar's and
// the tray's. It is a PNG because the Windows tray takes raster icons only
// (fyne could not convert the theme's SVG there: "image: unknown format").
var Icon = fyne.NewStaticResource("talkfirst.png", iconPNG)
