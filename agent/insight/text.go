package insight

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/talkfirst/talkfirst/agent/store"
)

// The texts of the prompts, in English and Dutch. Evidence is written as
// plain facts with dates and figures, the way a calm person would say them;
// the words are chosen so nothing reads as an accusation (the tests check
// for a list of words that must never appear).

// text writes evidence in one language, with dates in one time zone.
type text struct {
	nl  bool
	loc *time.Location
	now time.Time // for leaving out this year's year
}

func newText(lang string, now time.Time) text {
	return text{nl: lang == "nl", loc: now.Location(), now: now}
}

var (
	enDays   = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	nlDays   = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
	enMonths = [...]string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	nlMonths = [...]string{"", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
)

// pick returns the English or the Dutch of a text.
func (x text) pick(en, nl string) string {
	if x.nl {
		return nl
	}
	return en
}

func (x text) weekday(t time.Time) string {
	if x.nl {
		return nlDays[t.Weekday()]
	}
	return enDays[t.Weekday()]
}

func (x text) month(t time.Time) string {
	if x.nl {
		return nlMonths[t.Month()]
	}
	return enMonths[t.Month()]
}

// date writes "Tuesday 24 November" / "dinsdag 24 november", with the year
// when it is not this year's.
func (x text) date(t time.Time) string {
	t = t.In(x.loc)
	s := fmt.Sprintf("%s %d %s", x.weekday(t), t.Day(), x.month(t))
	if t.Year() != x.now.In(x.loc).Year() {
		s += fmt.Sprintf(" %d", t.Year())
	}
	return s
}

// dateTime writes "Tuesday 24 November 21:05".
func (x text) dateTime(t time.Time) string {
	return x.date(t) + " " + t.In(x.loc).Format("15:04")
}

// dayRange writes two consecutive days: "Monday 23 to Tuesday 24 November",
// "Monday 30 November to Tuesday 1 December", and the Dutch with "op".
func (x text) dayRange(a, b time.Time) string {
	a, b = a.In(x.loc), b.In(x.loc)
	to := x.pick(" to ", " op ")
	if a.Month() == b.Month() && a.Year() == b.Year() {
		return fmt.Sprintf("%s %d%s%s", x.weekday(a), a.Day(), to, x.date(b))
	}
	return x.date(a) + to + x.date(b)
}

// dur writes a time of use: "9 h 10 min", "45 min", "2 h" (nl "9 u 10 min").
// Minutes are rounded down, so a figure never claims more than was measured.
func (x text) dur(d time.Duration) string {
	if d < time.Minute {
		return x.pick("less than a minute", "minder dan een minuut")
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	hu := x.pick("h", "u")
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d %s", h, hu)
	default:
		return fmt.Sprintf("%d %s %d min", h, hu, m)
	}
}

// span writes a longer stretch of time: "1 day 12 h", "2 days", and below a
// day as dur does (nl "1 dag 12 u", "2 dagen").
func (x text) span(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	if days == 0 {
		return x.dur(d)
	}
	rest := d % (24 * time.Hour)
	var s string
	switch {
	case days == 1:
		s = x.pick("1 day", "1 dag")
	default:
		s = fmt.Sprintf("%d %s", days, x.pick("days", "dagen"))
	}
	if h := int(rest / time.Hour); h > 0 {
		s += fmt.Sprintf(" %d %s", h, x.pick("h", "u"))
	}
	return s
}

// measured says what a figure measured, in brackets after it.
func (x text) measured(kind store.IntervalKind) string {
	if kind == store.Running {
		return x.pick("(running time: the app was open; this computer can't tell which window was in front)",
			"(alleen open: de app draaide, maar deze computer kan niet zien welk venster vooraan stond)")
	}
	return x.pick("(time in front)", "(voorgrondtijd)")
}

// list joins names: "A", "A and B", "A, B and C" (nl "en").
func (x text) list(items []string) string {
	and := x.pick(" and ", " en ")
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
	}
}

// inDays writes "in 14 days", "tomorrow", "today" (nl "over 14 dagen", "morgen", "vandaag").
func (x text) inDays(n int) string {
	switch n {
	case 0:
		return x.pick("today", "vandaag")
	case 1:
		return x.pick("tomorrow", "morgen")
	default:
		return fmt.Sprintf(x.pick("in %d days", "over %d dagen"), n)
	}
}

// weeksBefore writes "the week before" / "the 4 weeks before" (nl "de week daarvoor" / "de 4 weken daarvoor").
func (x text) weeksBefore(n int) string {
	if n == 1 {
		return x.pick("the week before", "de week daarvoor")
	}
	return fmt.Sprintf(x.pick("the %d weeks before", "de %d weken daarvoor"), n)
}

// capital upper-cases the first letter, for a Dutch sentence that starts
// with a day name.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// calendarDays counts the local midnights from a to b (b's date minus a's).
func calendarDays(a, b time.Time, loc *time.Location) int {
	a, b = a.In(loc), b.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// topics are the short, calm titles a notification may show: no figures, no
// app names, nothing that alarms someone reading over a shoulder.
var topics = map[string][2]string{
	RuleNewApp:      {"A new app or game", "Een nieuwe chatapp of game"},
	topicSchoolWork: {"A new school or work app", "Een nieuwe app voor school of werk"},
	RulePlatformHop: {"From a game to a private chat", "Van een game naar een privéchat"},
	RuleLateNight:   {"Late nights online", "Laat op de avond online"},
	RuleSpike:       {"A busier week online", "Een drukkere week online"},
	RuleCheckIn:     {"Time to catch up", "Even bijpraten"},
	RulePaused:      {"A pause in TalkFirst", "Een pauze in TalkFirst"},
	RuleRenewal:     {"Time to review the agreement", "Tijd om de afspraak samen te herzien"},
}

// topicSchoolWork is the topic of a new-app prompt about a school or work app.
const topicSchoolWork = "new-app/school-work"
