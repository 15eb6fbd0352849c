package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"

	"github.com/talkfirst/talkfirst/agent/words"
)

// The screens' ways of writing durations and days. Each delegates to
// package words, where every format is written once for the app and the
// command line alike; a time is shown in its own time zone, which the
// screens set (local time).

// at is the renderer for t in lang: t's own time zone, and t as "now", so a
// day is written without its year, as the screens show days of this week.
func at(t time.Time, lang string) words.Renderer {
	return words.Renderer{Lang: langOf(lang), Loc: t.Location(), Now: t}
}

// fmtDuration writes seconds as "2 h 5 min" (nl "2 u 5 min"), "12 min",
// "less than a minute" or "none".
func fmtDuration(secs int64, lang string) string { return langOf(lang).Seconds(secs) }

// fmtDate writes "Tuesday 24 November 2026" / "dinsdag 24 november 2026".
func fmtDate(t time.Time, lang string) string { return at(t, lang).DateYear(t) }

// fmtDay writes a short day: "Tue 24 Nov" / "di 24 nov".
func fmtDay(t time.Time, lang string) string { return at(t, lang).ShortDay(t) }

// fmtClock writes "Tue 24 Nov 21:30"; a zero time is "—".
func fmtClock(t time.Time, lang string) string { return at(t, lang).ShortDateTime(t) }

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
