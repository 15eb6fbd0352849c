package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
)

// Pure formatting helpers, table-tested in format_test.go.

// fmtDuration writes seconds as "2 h 05 min", "12 min", "less than a minute" or "none".
func fmtDuration(secs int64, lang string) string {
	if secs <= 0 {
		return text(lang, "fmt.none")
	}
	d := time.Duration(secs) * time.Second
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h > 0:
		return fmt.Sprintf("%d h %02d min", h, m)
	case m > 0:
		return fmt.Sprintf("%d min", m)
	default:
		return text(lang, "fmt.lt1")
	}
}

var (
	weekdays = map[string][7]string{
		"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		"nl": {"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
	}
	months = map[string][12]string{
		"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	}
)

func langOr(lang string) string {
	if lang == "nl" {
		return "nl"
	}
	return "en"
}

// fmtDate writes "Tuesday 24 November 2026" / "dinsdag 24 november 2026".
func fmtDate(t time.Time, lang string) string {
	l := langOr(lang)
	return fmt.Sprintf("%s %d %s %d", weekdays[l][t.Weekday()], t.Day(), months[l][t.Month()-1], t.Year())
}

// fmtDay writes a short day: "Tue 24 Nov" / "di 24 nov".
func fmtDay(t time.Time, lang string) string {
	l := langOr(lang)
	day, month := weekdays[l][t.Weekday()][:3], months[l][t.Month()-1][:3]
	if l == "nl" { // Dutch shortens days to two letters, and maart to mrt
		day = nlShortDays[t.Weekday()]
		if t.Month() == time.March {
			month = "mrt"
		}
	}
	return fmt.Sprintf("%s %d %s", day, t.Day(), month)
}

var nlShortDays = [7]string{"zo", "ma", "di", "wo", "do", "vr", "za"}

// fmtClock writes "Tue 24 Nov 21:30".
func fmtClock(t time.Time, lang string) string {
	if t.IsZero() {
		return "—"
	}
	return fmt.Sprintf("%s %02d:%02d", fmtDay(t, lang), t.Hour(), t.Minute())
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

func init() {
	addTexts(map[string][2]string{
		"fmt.none": {"none", "geen"},
		"fmt.lt1":  {"less than a minute", "minder dan een minuut"},
	})
}
