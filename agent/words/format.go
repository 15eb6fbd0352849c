package words

import (
	"fmt"
	"strings"
	"time"
)

// Formats: one way per language to write a day, a time, a duration and a
// list. The app and the command line both use these.

var (
	enDays   = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	nlDays   = [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
	enShort  = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	nlShort  = [7]string{"zo", "ma", "di", "wo", "do", "vr", "za"}
	enMonths = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	nlMonths = [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	enMon    = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	nlMon    = [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
)

// Weekday is the day's name: "Tuesday", "dinsdag".
func (l Lang) Weekday(d time.Weekday) string { return l.pick(enDays[d], nlDays[d]) }

// Month is the month's name: "November", "november".
func (l Lang) Month(m time.Month) string { return l.pick(enMonths[m-1], nlMonths[m-1]) }

// in is t in r's time zone.
func (r Renderer) in(t time.Time) time.Time { return t.In(r.loc()) }

// Date writes "Tuesday 24 November" (nl "dinsdag 24 november"), with the
// year when it is not this year's.
func (r Renderer) Date(t time.Time) string {
	t = r.in(t)
	s := fmt.Sprintf("%s %d %s", r.Lang.Weekday(t.Weekday()), t.Day(), r.Lang.Month(t.Month()))
	if t.Year() != r.in(r.now()).Year() {
		s += fmt.Sprintf(" %d", t.Year())
	}
	return s
}

// DateYear writes "Tuesday 24 November 2026", always with the year.
func (r Renderer) DateYear(t time.Time) string {
	t = r.in(t)
	return fmt.Sprintf("%s %d %s %d", r.Lang.Weekday(t.Weekday()), t.Day(), r.Lang.Month(t.Month()), t.Year())
}

// DayMonth writes "24 November 2026" (nl "24 november 2026").
func (r Renderer) DayMonth(t time.Time) string {
	t = r.in(t)
	return fmt.Sprintf("%d %s %d", t.Day(), r.Lang.Month(t.Month()), t.Year())
}

// DateTime writes "Tuesday 24 November 21:05".
func (r Renderer) DateTime(t time.Time) string { return r.Date(t) + " " + r.Clock(t) }

// Clock writes the time of day: "21:05".
func (r Renderer) Clock(t time.Time) string { return r.in(t).Format("15:04") }

// ShortDay writes "Tue 24 Nov" (nl "di 24 nov").
func (r Renderer) ShortDay(t time.Time) string {
	t = r.in(t)
	return fmt.Sprintf("%s %d %s", r.Lang.pick(enShort[t.Weekday()], nlShort[t.Weekday()]), t.Day(), r.Lang.pick(enMon[t.Month()-1], nlMon[t.Month()-1]))
}

// ShortDateTime writes "Tue 24 Nov 21:05" (nl "di 24 nov 21:05"); a zero
// time is "—".
func (r Renderer) ShortDateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return r.ShortDay(t) + " " + r.Clock(t)
}

// DayRange writes two days in a row: "Monday 23 to Tuesday 24 November",
// "Monday 30 November to Tuesday 1 December" (nl with "op": "maandag 23 op
// dinsdag 24 november").
func (r Renderer) DayRange(a, b time.Time) string {
	a, b = r.in(a), r.in(b)
	to := r.Lang.pick(" to ", " op ")
	if a.Month() == b.Month() && a.Year() == b.Year() {
		return fmt.Sprintf("%s %d%s%s", r.Lang.Weekday(a.Weekday()), a.Day(), to, r.Date(b))
	}
	return r.Date(a) + to + r.Date(b)
}

// Stretch writes a stretch of time: "Monday 23 November, 18:00 to 20:00",
// with both days when it crosses midnight, and "from" when it has no end.
func (r Renderer) Stretch(from, to time.Time) string {
	f, t := r.in(from), r.in(to)
	switch {
	case to.IsZero():
		return fmt.Sprintf(r.Lang.pick("%s from %s", "%s vanaf %s"), r.Date(from), r.Clock(from))
	case f.YearDay() == t.YearDay() && f.Year() == t.Year():
		return fmt.Sprintf(r.Lang.pick("%s, %s to %s", "%s, van %s tot %s"), r.Date(from), r.Clock(from), r.Clock(to))
	default:
		return fmt.Sprintf(r.Lang.pick("%s %s to %s %s", "%s %s tot %s %s"), r.Date(from), r.Clock(from), r.Date(to), r.Clock(to))
	}
}

// Keep writes how long data is kept: "8 weeks" when it is whole weeks,
// "10 days" otherwise.
func (l Lang) Keep(days int) string {
	switch {
	case days == 7:
		return l.pick("1 week", "1 week")
	case days > 0 && days%7 == 0:
		return fmt.Sprintf(l.pick("%d weeks", "%d weken"), days/7)
	case days == 1:
		return l.pick("1 day", "1 dag")
	}
	return fmt.Sprintf(l.pick("%d days", "%d dagen"), days)
}

// Dur writes a time of use: "2 h 5 min", "45 min", "2 h" (nl "2 u 5 min"),
// "less than a minute", and "none" for nothing. Minutes are rounded down,
// so a figure never claims more than was measured.
func (l Lang) Dur(d time.Duration) string {
	if d <= 0 {
		return l.pick("none", "geen")
	}
	if d < time.Minute {
		return l.pick("less than a minute", "minder dan een minuut")
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	hu := l.pick("h", "u")
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d %s", h, hu)
	default:
		return fmt.Sprintf("%d %s %d min", h, hu, m)
	}
}

// Seconds writes a time of use given in seconds, as Dur does.
func (l Lang) Seconds(secs int64) string { return l.Dur(time.Duration(secs) * time.Second) }

// Span writes a longer stretch of time: "1 day 12 h", "2 days", and below a
// day as Dur does (nl "1 dag 12 u", "2 dagen").
func (l Lang) Span(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	if days == 0 {
		return l.Dur(d)
	}
	rest := d % (24 * time.Hour)
	s := fmt.Sprintf("%d %s", days, l.pick("days", "dagen"))
	if days == 1 {
		s = l.pick("1 day", "1 dag")
	}
	if h := int(rest / time.Hour); h > 0 {
		s += fmt.Sprintf(" %d %s", h, l.pick("h", "u"))
	}
	return s
}

// Wait writes a short wait: "30 s", "2 min" (rounded up).
func (l Lang) Wait(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 90*time.Second {
		return fmt.Sprintf("%d s", int(d/time.Second))
	}
	return fmt.Sprintf("%d min", int((d+time.Minute-1)/time.Minute))
}

// List joins items: "A", "A and B", "A, B and C" (nl "en").
func (l Lang) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:len(items)-1], ", ") + l.pick(" and ", " en ") + items[len(items)-1]
	}
}

// Or joins items with "or" (nl "of").
func (l Lang) OrList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:len(items)-1], ", ") + l.pick(" or ", " of ") + items[len(items)-1]
	}
}

// Dur, Span and List in r's language.
func (r Renderer) Dur(d time.Duration) string  { return r.Lang.Dur(d) }
func (r Renderer) Span(d time.Duration) string { return r.Lang.Span(d) }
func (r Renderer) List(items []string) string  { return r.Lang.List(items) }

// FormatNight writes night hours, in minutes after midnight, as
// "22:00–06:00" (the same in every language).
func FormatNight(start, end int) string {
	return fmt.Sprintf("%02d:%02d–%02d:%02d", start/60, start%60, end/60, end%60)
}
