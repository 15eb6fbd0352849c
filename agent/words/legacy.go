package words

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// Legacy is a sentence stored before TalkFirst kept facts as codes, that
// could not be read back into a fact: it is shown as it was written, in the
// language it was written in. Migrations use it so that nothing is lost.
const Legacy Code = "legacy.text"

func init() {
	Define(map[Code]Def{
		Legacy: {Args: []Kind{KText}, EN: "%s", NL: "%s"},
	})
}

// ReadLegacyEvidence reads a prompt's evidence sentence, as TalkFirst wrote
// it in English or Dutch before facts were codes, back into the fact it
// said; created is when the prompt was made, for dates written without a
// year. A sentence it cannot read is kept as a Legacy fact.
//
// Dates are read in created's time zone. A date without a year is in
// created's year: the rules left the year out exactly when a date was in
// the year the prompt was made (which is also why a date after created, an
// agreement's end, has none), and the weekday written with it must match.
// A day (an install, a night) is read as its noon, so it stays on its day
// in time zones near created's; a day and a time of day exactly; "less
// than a minute" as 30 seconds. App names are read back into catalog ids;
// an app the catalog did not know was written as its id.
func ReadLegacyEvidence(s string, created time.Time) Fact {
	if f, _, ok := readLegacy(s, created); ok {
		return f
	}
	return New(Legacy, Text(s))
}

// readLegacy reads s with the first form that takes it, and says which
// form and language (for the tests).
func readLegacy(s string, created time.Time) (Fact, legacyMatch, bool) {
	s = strings.TrimSpace(s)
	for i, c := range compiledLegacy() {
		for _, v := range c {
			m := v.re.FindStringSubmatch(s)
			if m == nil {
				continue
			}
			ctx := legacyCtx{lang: v.lang, created: created, loc: created.Location()}
			args := make([]Arg, 0, len(v.toks))
			ok := true
			for j, t := range v.toks {
				a, good := t.read(m[j+1], ctx)
				if !good {
					ok = false
					break
				}
				args = append(args, a)
			}
			f := New(legacyForms[i].code, args...)
			if ok && f.Check() == nil {
				return f, legacyMatch{form: i, lang: v.lang}, true
			}
		}
	}
	return Fact{}, legacyMatch{}, false
}

type legacyMatch struct {
	form int
	lang Lang
}

// legacyForm is a sentence the rules wrote, in English and Dutch, with a
// {token} for each argument of code, in the code's order. These are the
// words as they were written, never to be changed: the codes' own words
// may differ (the Dutch follows the Glossary now).
type legacyForm struct {
	code   Code
	en, nl string
}

var legacyForms = []legacyForm{
	{EvInstalled, "{app} was installed on {date}.", "{app} is op {date} geïnstalleerd."},
	{EvRemoved, "{app} was removed again on {date}.", "{app} is op {date} weer verwijderd."},
	{EvSchoolWork, "{app} is mostly used for school or work.", "{app} wordt vooral voor school of werk gebruikt."},
	{EvGameTimeBefore, "In the {n} days before, {teen} used {app} for {dur}, most recently on {date} {measured}.",
		"In de {n} dagen daarvoor gebruikte {teen} {app} {dur}, voor het laatst op {date} {measured}."},
	{EvGameTimeSameDay, "In the {n} days before, {teen} used {app} for {dur}, most recently earlier that day {measured}.",
		"In de {n} dagen daarvoor gebruikte {teen} {app} {dur}, voor het laatst eerder die dag {measured}."},
	{EvOtherGames, "In that time, {teen} also used {apptimes}.", "In die tijd gebruikte {teen} ook {apptimes}."},

	{EvLateNights, "{teen} used chat apps or games during the agreed night hours ({night}) on {n} of the last {n} nights {measured}.",
		"{teen} gebruikte chatapps of games tijdens de afgesproken nachturen ({night}) in {n} van de laatste {n} nachten {measured}."},
	{EvNight, "The night of {days}: {dur} ({apps}).", "De nacht van {days}: {dur} ({apps})."},
	{EvNightInDay, "{date}, {night}: {dur} ({apps}).", "{date}, {night}: {dur} ({apps})."},

	{EvWeekTotal, "In the last 7 days, {teen} used chat apps and games for {dur} {measured}.",
		"In de afgelopen 7 dagen gebruikte {teen} chatapps en games {dur} {measured}."},
	{EvWeeksNone, "In {weeks}, no time in chat apps or games was recorded.", "In {weeks} is geen tijd in chatapps of games gemeten."},
	{EvWeeksAverage, "In {weeks}, that was {dur} a week on average.", "In {weeks} was dat gemiddeld {dur} per week."},
	{EvMostTime, "The most time went to {apptimes}.", "De meeste tijd ging naar {apptimes}."},

	{EvPausedSince, "Recording has been paused since {datetime} ({span} so far).", "Het bijhouden staat sinds {datetime} op pauze ({span} tot nu toe)."},
	{EvPausedSinceWhy, "Recording has been paused since {datetime} ({span} so far), with the reason “{text}”.",
		"Het bijhouden staat sinds {datetime} op pauze ({span} tot nu toe), met als reden ‘{text}’."},
	{EvPausedUntil, "Recording is paused from {datetime} until {datetime} ({span}).", "Het bijhouden staat op pauze van {datetime} tot {datetime} ({span})."},
	{EvPausedUntilWhy, "Recording is paused from {datetime} until {datetime} ({span}), with the reason “{text}”.",
		"Het bijhouden staat op pauze van {datetime} tot {datetime} ({span}), met als reden ‘{text}’."},
	{EvPausedFrom, "Recording was paused from {datetime} to {datetime} ({span}).", "Het bijhouden stond op pauze van {datetime} tot {datetime} ({span})."},
	{EvPausedFromWhy, "Recording was paused from {datetime} to {datetime} ({span}), with the reason “{text}”.",
		"Het bijhouden stond op pauze van {datetime} tot {datetime} ({span}), met als reden ‘{text}’."},
	{EvGap, "TalkFirst did not record from {datetime} to {datetime} ({span}).", "TalkFirst heeft van {datetime} tot {datetime} niets bijgehouden ({span})."},
	{EvStoppedSince, "TalkFirst was stopped on {datetime} and has not run since ({span} so far).",
		"TalkFirst is op {datetime} gestopt en draait sindsdien niet ({span} tot nu toe)."},
	{EvStopped, "TalkFirst was stopped on {datetime} and started again on {datetime} ({span}).",
		"TalkFirst is op {datetime} gestopt en op {datetime} weer gestart ({span})."},
	{EvBreakOrdinary, "TalkFirst also stops when the computer is switched off, asleep or without power, so a break can have an ordinary reason.",
		"TalkFirst stopt ook als de computer uit staat, slaapt of zonder stroom zit, dus een onderbreking kan een gewone reden hebben."},

	{EvAgreementEnds, "The agreement you made together on {date} ends on {date}, {indays}.",
		"De afspraak die jullie op {date} samen maakten, loopt af op {date}, {indays}."},
	{EvRenewAfter, "After that, TalkFirst stops recording until you renew it together.",
		"Daarna houdt TalkFirst niets meer bij, tot jullie de afspraak samen vernieuwen."},
	{EvAgreementEnded, "The agreement you made together on {date} ended on {date}.",
		"De afspraak die jullie op {date} samen maakten, is op {date} afgelopen."},
	{EvRenewNow, "TalkFirst is not recording until you renew it together.", "TalkFirst houdt niets bij tot jullie de afspraak samen vernieuwen."},

	{EvNoPromptSince, "There has been no conversation prompt since you made the agreement together on {date}.",
		"Sinds jullie op {date} samen de afspraak maakten, is er nog geen melding geweest."},
	{EvNoPromptFor, "There has been no conversation prompt for {n} days; the last one was on {date}.",
		"Er is al {n} dagen geen melding geweest; de laatste was op {date}."},
	{EvNothingStoodOut, "Nothing in particular stood out to TalkFirst in that time.", "In die tijd is TalkFirst niets bijzonders opgevallen."},
}

// legacyCtx is what a token needs to read its words.
type legacyCtx struct {
	lang    Lang
	created time.Time
	loc     *time.Location
}

// legacyToken is one argument in an old sentence: a regular expression
// without capturing groups, and how to read what it matched.
type legacyToken struct {
	re   string
	read func(s string, c legacyCtx) (Arg, bool)
}

type legacyVariant struct {
	lang Lang
	re   *regexp.Regexp
	toks []legacyToken
}

var compiledLegacy = sync.OnceValue(func() [][]legacyVariant {
	apps := legacyApps()
	toks := map[Lang]map[string]legacyToken{EN: legacyTokens(EN, apps), NL: legacyTokens(NL, apps)}
	tokRe := regexp.MustCompile(`\{(\w+)\}`)
	out := make([][]legacyVariant, 0, len(legacyForms))
	for _, f := range legacyForms {
		var vs []legacyVariant
		for _, l := range Langs {
			tmpl := l.pick(f.en, f.nl)
			var b strings.Builder
			var ts []legacyToken
			b.WriteString("^")
			last := 0
			for _, m := range tokRe.FindAllStringSubmatchIndex(tmpl, -1) {
				b.WriteString(regexp.QuoteMeta(tmpl[last:m[0]]))
				t, ok := toks[l][tmpl[m[2]:m[3]]]
				if !ok {
					panic("words: unknown legacy token in " + tmpl)
				}
				b.WriteString("(" + t.re + ")")
				ts = append(ts, t)
				last = m[1]
			}
			b.WriteString(regexp.QuoteMeta(tmpl[last:]) + "$")
			vs = append(vs, legacyVariant{lang: l, re: regexp.MustCompile(b.String()), toks: ts})
		}
		out = append(out, vs)
	}
	return out
})

// legacyAppNames are the catalog's app names, longest first, and the id of
// each.
type legacyAppNames struct {
	names []string
	ids   map[string]string
	re    string // a name, or an id as the rules wrote an app the catalog did not know
}

var (
	idRe       = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	idPrefixRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*`)
)

func legacyApps() legacyAppNames {
	a := legacyAppNames{ids: map[string]string{}}
	if c, err := catalog.Default(); err == nil {
		for _, app := range c.Apps {
			a.names = append(a.names, app.Name)
			a.ids[app.Name] = app.ID
		}
	}
	slices.SortFunc(a.names, func(x, y string) int { return len(y) - len(x) })
	quoted := make([]string, 0, len(a.names)+1)
	for _, n := range a.names {
		quoted = append(quoted, regexp.QuoteMeta(n))
	}
	quoted = append(quoted, `[a-z0-9][a-z0-9._-]*`)
	a.re = "(?:" + strings.Join(quoted, "|") + ")"
	return a
}

// id reads an app's name back into its id.
func (a legacyAppNames) id(name string) (string, bool) {
	if id, ok := a.ids[name]; ok {
		return id, true
	}
	return name, idRe.MatchString(name)
}

// prefixes returns the apps s starts with, as name and id.
func (a legacyAppNames) prefixes(s string) [][2]string {
	var out [][2]string
	for _, n := range a.names {
		if strings.HasPrefix(s, n) {
			out = append(out, [2]string{n, a.ids[n]})
		}
	}
	if m := idPrefixRe.FindString(s); m != "" {
		out = append(out, [2]string{m, m})
	}
	return out
}

// list reads "A", "A and B", "A, B and C": each item is an app, followed
// by what item reads (nothing, or " (2 h)"). It tries every way the names
// can split, so a name with a comma or "and" in it is read right.
func (a legacyAppNames) list(s, and string, item func(rest string) (n int, d time.Duration, ok bool)) ([]AppTime, bool) {
	for _, p := range a.prefixes(s) {
		rest := s[len(p[0]):]
		n, d, ok := item(rest)
		if !ok {
			continue
		}
		rest = rest[n:]
		if rest == "" {
			return []AppTime{{App: p[1], Dur: d}}, true
		}
		for _, sep := range []string{", ", and} {
			if after, found := strings.CutPrefix(rest, sep); found {
				if more, ok := a.list(after, and, item); ok {
					return append([]AppTime{{App: p[1], Dur: d}}, more...), true
				}
			}
		}
	}
	return nil, false
}

// legacyTokens are the tokens of the old sentences in lang.
func legacyTokens(l Lang, apps legacyAppNames) map[string]legacyToken {
	days, months := enDays, enMonths
	if l == NL {
		days, months = nlDays, nlMonths
	}
	weekday := "(?i:" + strings.Join(days[:], "|") + ")"
	month := "(?i:" + strings.Join(months[:], "|") + ")"
	date := weekday + ` \d{1,2} ` + month + `(?: \d{4})?`
	dur := l.pick(`less than a minute|\d+ h \d+ min|\d+ h|\d+ min`, `minder dan een minuut|\d+ u \d+ min|\d+ u|\d+ min`)
	span := l.pick(`\d+ days?(?: \d+ h)?|`, `\d+ dag(?:en)?(?: \d+ u)?|`) + dur
	and := l.pick(" and ", " en ")
	front := l.pick("(time in front)", "(voorgrondtijd)")
	running := l.pick("(running time: the app was open; this computer can't tell which window was in front)",
		"(alleen open: de app draaide, maar deze computer kan niet zien welk venster vooraan stond)")
	durRe := regexp.MustCompile(`^(?:` + dur + `)`)
	sep := `(?:, |` + regexp.QuoteMeta(and) + `)`
	number := regexp.MustCompile(`\d+`)
	count := func(s string, words map[string]int) (Arg, bool) {
		if n, ok := words[s]; ok {
			return Count(n), true
		}
		n, err := strconv.Atoi(number.FindString(s))
		return Count(n), err == nil
	}
	return map[string]legacyToken{
		"app": {apps.re, func(s string, _ legacyCtx) (Arg, bool) {
			id, ok := apps.id(s)
			return App(id), ok
		}},
		"apps": {apps.re + `(?:` + sep + apps.re + `)*`, func(s string, _ legacyCtx) (Arg, bool) {
			ts, ok := apps.list(s, and, func(string) (int, time.Duration, bool) { return 0, 0, true })
			ids := make([]string, 0, len(ts))
			for _, t := range ts {
				ids = append(ids, t.App)
			}
			return Apps(ids...), ok
		}},
		"apptimes": {apps.re + ` \((?:` + dur + `)\)(?:` + sep + apps.re + ` \((?:` + dur + `)\))*`, func(s string, c legacyCtx) (Arg, bool) {
			ts, ok := apps.list(s, and, func(rest string) (int, time.Duration, bool) {
				in, found := strings.CutPrefix(rest, " (")
				if !found {
					return 0, 0, false
				}
				m := durRe.FindString(in)
				if m == "" || !strings.HasPrefix(in[len(m):], ")") {
					return 0, 0, false
				}
				d, ok := readDur(m, c.lang)
				return len(" (") + len(m) + len(")"), d, ok
			})
			return AppTimes(ts...), ok
		}},
		"teen": {`.+?`, func(string, legacyCtx) (Arg, bool) { return Teen(), true }},
		"text": {`.*`, func(s string, _ legacyCtx) (Arg, bool) { return Text(s), true }},
		"n":    {`\d+`, func(s string, _ legacyCtx) (Arg, bool) { return count(s, nil) }},
		"weeks": {l.pick(`the week before|the \d+ weeks before`, `de week daarvoor|de \d+ weken daarvoor`), func(s string, _ legacyCtx) (Arg, bool) {
			return count(s, map[string]int{l.pick("the week before", "de week daarvoor"): 1})
		}},
		"indays": {l.pick(`today|tomorrow|in \d+ days`, `vandaag|morgen|over \d+ dagen`), func(s string, _ legacyCtx) (Arg, bool) {
			return count(s, map[string]int{l.pick("today", "vandaag"): 0, l.pick("tomorrow", "morgen"): 1})
		}},
		"measured": {regexp.QuoteMeta(front) + "|" + regexp.QuoteMeta(running), func(s string, _ legacyCtx) (Arg, bool) {
			return Measured(s == running), true
		}},
		"night": {`\d{2}:\d{2}–\d{2}:\d{2}`, func(s string, _ legacyCtx) (Arg, bool) {
			from, to, _ := strings.Cut(s, "–")
			a, ok1 := readClock(from)
			b, ok2 := readClock(to)
			return Night(a, b), ok1 && ok2
		}},
		"dur": {dur, func(s string, c legacyCtx) (Arg, bool) {
			d, ok := readDur(s, c.lang)
			return Dur(d), ok
		}},
		"span": {span, func(s string, c legacyCtx) (Arg, bool) {
			d, ok := readDur(s, c.lang)
			return Span(d), ok
		}},
		"date": {date, func(s string, c legacyCtx) (Arg, bool) {
			t, ok := c.date(s, 12*60)
			return Date(t), ok
		}},
		"datetime": {date + ` \d{2}:\d{2}`, func(s string, c legacyCtx) (Arg, bool) {
			i := strings.LastIndexByte(s, ' ')
			mins, ok := readClock(s[i+1:])
			t, ok2 := c.date(s[:i], mins)
			return DateTime(t), ok && ok2
		}},
		"days": {weekday + ` \d{1,2}(?: ` + month + `(?: \d{4})?)?` + l.pick(" to ", " op ") + date, func(s string, c legacyCtx) (Arg, bool) {
			first, second, _ := strings.Cut(s, l.pick(" to ", " op "))
			b, ok := c.date(second, 12*60)
			if f := strings.Fields(first); len(f) == 2 {
				// the same month as the second day: "Monday 23 to Tuesday 24 November"
				bf := strings.Fields(second)
				first += " " + strings.Join(bf[2:], " ")
			}
			a, ok2 := c.date(first, 12*60)
			return Days(a, b), ok && ok2
		}},
	}
}

// date reads "Tuesday 24 November" or "Tuesday 24 November 2025" at mins
// after midnight; a date without a year is in created's year, and the
// weekday must be the date's.
func (c legacyCtx) date(s string, mins int) (time.Time, bool) {
	f := strings.Fields(s)
	if len(f) != 3 && len(f) != 4 {
		return time.Time{}, false
	}
	days, months := enDays, enMonths
	if c.lang == NL {
		days, months = nlDays, nlMonths
	}
	wd := slices.IndexFunc(days[:], func(d string) bool { return strings.EqualFold(d, f[0]) })
	m := slices.IndexFunc(months[:], func(x string) bool { return strings.EqualFold(x, f[2]) })
	d, err := strconv.Atoi(f[1])
	if wd < 0 || m < 0 || err != nil {
		return time.Time{}, false
	}
	y := c.created.In(c.loc).Year()
	if len(f) == 4 {
		if y, err = strconv.Atoi(f[3]); err != nil {
			return time.Time{}, false
		}
	}
	t := time.Date(y, time.Month(m+1), d, mins/60, mins%60, 0, 0, c.loc)
	if t.Day() != d || int(t.Weekday()) != wd {
		return time.Time{}, false
	}
	return t, true
}

// readClock reads "21:05" as minutes after midnight.
func readClock(s string) (int, bool) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	return hh*60 + mm, ok && err1 == nil && err2 == nil && hh < 24 && mm < 60
}

// readDur reads a time of use or a stretch, as Lang.Dur and Lang.Span
// wrote them: "9 h 10 min", "1 day 12 h", "less than a minute".
func readDur(s string, l Lang) (time.Duration, bool) {
	if s == l.pick("less than a minute", "minder dan een minuut") {
		return 30 * time.Second, true
	}
	units := map[string]time.Duration{
		"min": time.Minute, l.pick("h", "u"): time.Hour,
		l.pick("day", "dag"): 24 * time.Hour, l.pick("days", "dagen"): 24 * time.Hour,
	}
	f := strings.Fields(s)
	if len(f) == 0 || len(f)%2 != 0 {
		return 0, false
	}
	var d time.Duration
	for i := 0; i < len(f); i += 2 {
		n, err := strconv.Atoi(f[i])
		u, ok := units[f[i+1]]
		if err != nil || !ok {
			return 0, false
		}
		d += time.Duration(n) * u
	}
	return d, true
}
