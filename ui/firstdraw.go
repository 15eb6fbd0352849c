package ui

import (
	"image"
	"os"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2/canvas"
)

// The time to the first screen is measured from outside (scripts/measure-app.sh)
// as the time the screen is painted, not the time the window appears, which
// can be an empty frame: when Options.FirstDrawFile is set, an invisible
// raster is put under the first real screen (the wizard, the main tabs or the
// error page, not the loading page). fyne calls a raster's generator while it
// paints a frame with it, so the generator writes the time to the file then.

// showFirstDraw adds the probe once the first real screen is on the canvas.
func (u *UI) showFirstDraw() {
	if u.drawProbe == nil || len(u.drawProbe.Objects) > 0 {
		return
	}
	var once sync.Once
	probe := canvas.NewRaster(func(int, int) image.Image {
		// Written here, in the paint: it is once, and small.
		once.Do(func() { u.writeFirstDraw(time.Now()) })
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // one transparent pixel
	})
	u.drawProbe.Add(probe)
}

func (u *UI) writeFirstDraw(at time.Time) {
	// written beside and renamed, so the script never reads half a line
	tmp := u.firstDraw + ".tmp"
	err := os.WriteFile(tmp, []byte(strconv.FormatInt(at.UnixNano(), 10)+"\n"), 0o600)
	if err == nil {
		err = os.Rename(tmp, u.firstDraw)
	}
	if err != nil {
		u.log.Warn("cannot write the first-draw time", "err", err, "path", u.firstDraw)
	}
}
