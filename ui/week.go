package ui

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
	"github.com/talkfirst/talkfirst/ui/internal/widgets"
)

// weekScreen is "My week", the first screen the teen sees: time per app
// (in front and running, honestly labelled), a day-by-hour heatmap with the
// night hours marked, and what else happened (installs, pauses, gaps).
type weekScreen struct {
	u    *UI
	root fyne.CanvasObject

	heading *widget.Label
	dates   *widget.Label

	// time per app; hidden when there are no apps yet
	apps    *fyne.Container
	measure *widget.Label // how time is measured here, or why it can't be
	legend  *fyne.Container
	chart   *widgets.BarChart

	// day by hour; hidden when there are no apps yet
	hours      *fyne.Container
	heatNote   *widget.Label
	heat       *widgets.Heatmap
	heatLegend *fyne.Container

	empty *widget.Label // shown instead of the chart and the heatmap

	events     *fyne.Container
	eventTexts []string // what events shows, for tests
}

func newWeekScreen(u *UI) *weekScreen {
	s := &weekScreen{u: u}
	s.heading = textHeading("")
	s.dates = textPara("")
	s.measure = textPara("")
	s.legend = teenLegend()
	s.chart = widgets.NewBarChart()
	s.apps = container.NewVBox(textSubheading(u.t("week.apps")), s.measure, teenInset(s.legend), s.chart)
	s.heatNote = textPara("")
	s.heat = widgets.NewHeatmap()
	s.heat.SetNightLabel(u.t("week.night"))
	s.heatLegend = teenLegend()
	s.hours = container.NewVBox(widget.NewSeparator(), textSubheading(u.t("week.hours")), s.heatNote, s.heat, teenInset(s.heatLegend))
	s.empty = textPara(u.t("week.empty"))
	s.events = container.NewVBox()
	s.root = teenPage(container.NewVBox(
		s.heading, s.dates,
		s.empty, s.apps,
		s.hours,
		widget.NewSeparator(), textSubheading(u.t("week.events")), s.events,
	))
	return s
}

func (s *weekScreen) content() fyne.CanvasObject { return s.root }

func (s *weekScreen) apply(snap *snapshot) {
	u, lang, sum := s.u, s.u.lang, snap.week
	s.heading.SetText(u.tf("week.heading", snap.agreement.Teen))
	s.dates.SetText(u.tf("week.dates", teenDayLong(sum.From, lang), teenDayLong(sum.To, lang)))

	fg := sum.Measurement.Available()
	s.measure.SetText(teenMeasureText(lang, sum.Measurement))
	s.chart.SetData(teenBars(lang, sum))
	s.setLegend(fg)

	night := teenNight(sum.Night, snap.agreement)
	s.heat.SetData(teenHeatRows(sum, snap.now.Location(), lang), teenNightHours(night))
	note := u.t("week.heat.front")
	if !fg {
		note = u.t("week.heat.running")
	}
	if night.Start != night.End {
		note += " " + u.tf("week.heat.night", consent.FormatNight(night))
	}
	s.heatNote.SetText(note)
	s.setHeatLegend()

	if len(sum.Apps) == 0 {
		s.empty.Show()
		s.apps.Hide()
		s.hours.Hide()
	} else {
		s.empty.Hide()
		s.apps.Show()
		s.hours.Show()
	}

	s.eventTexts = teenEvents(lang, sum)
	s.events.Objects = teenEventObjects(lang, sum)
	if len(s.events.Objects) == 0 {
		s.eventTexts = []string{u.t("week.events.none")}
		s.events.Objects = []fyne.CanvasObject{textPara(u.t("week.events.none"))}
	}
	s.events.Refresh()
}

// setLegend explains the two colours of the bars; with no foreground
// measurement there is only running time.
func (s *weekScreen) setLegend(fg bool) {
	th := s.chart.Theme()
	if fg {
		s.legend.Objects = []fyne.CanvasObject{
			teenLegendItem(s.u.t("week.legend.front"), widgets.SolidColor(th)),
			teenLegendItem(s.u.t("week.legend.running"), widgets.LightColor(th)),
		}
	} else {
		s.legend.Objects = []fyne.CanvasObject{teenLegendItem(s.u.t("week.legend.runningOnly"), widgets.LightColor(th))}
	}
	s.legend.Refresh()
}

func (s *weekScreen) setHeatLegend() {
	th := s.heat.Theme()
	scale := container.NewHBox(widget.NewLabel(s.u.t("week.legend.less")))
	for _, f := range []float64{0, 0.33, 0.66, 1} {
		scale.Add(teenSwatch(widgets.HeatColor(th, f)))
	}
	scale.Add(widget.NewLabel(s.u.t("week.legend.more")))
	objs := []fyne.CanvasObject{scale}
	if s.heat.Night() != [24]bool{} {
		objs = append(objs, teenLegendItem(s.u.t("week.legend.night"), widgets.NightColor(th)))
	}
	s.heatLegend.Objects = objs
	s.heatLegend.Refresh()
}

// teenLegend is a row of legend items that wraps when the window is narrow
// or the text is large.
func teenLegend() *fyne.Container {
	return container.New(layout.NewRowWrapLayoutWithCustomPadding(theme.Padding()*4, 0))
}

// teenLegendItem is a colour square and what it means.
func teenLegendItem(label string, c color.Color) fyne.CanvasObject {
	return container.NewHBox(teenSwatch(c), widget.NewLabel(label))
}

// teenSwatch is a legend square, centred on a line of text.
func teenSwatch(c color.Color) fyne.CanvasObject {
	return container.NewCenter(widgets.Swatch(c))
}

// teenMeasureText is the one sentence above the chart: what "in front" and
// "running" mean, or why time in front can't be measured here.
func teenMeasureText(lang string, m store.Measurement) string {
	if m.Available() {
		return text(lang, "week.measure")
	}
	why := m.Why
	if why.IsZero() {
		why = words.New(words.MeasureUnknown)
	}
	return fmt.Sprintf(text(lang, "week.measure.unavailable"), wordsIn(lang).Fact(why))
}

// teenAppName is the app's name from the summary, the catalog, or its id.
func teenAppName(id, name string) string {
	if name != "" && name != id {
		return name
	}
	if n := catalog.Name(id); n != id || name == "" {
		return n
	}
	return name
}

// teenFigures is the text beside an app's bar: time in front and running,
// or running only when time in front can't be measured.
func teenFigures(lang string, a store.AppUsage, fg bool) string {
	run := fmt.Sprintf(text(lang, "week.fig.running"), fmtDuration(a.RunningSeconds, lang))
	if !fg {
		return run
	}
	return fmt.Sprintf(text(lang, "week.fig.front"), fmtDuration(a.ForegroundSeconds, lang)) + "  ·  " + run
}

// teenBars turns the week's apps into chart bars, in the summary's order
// (most time first). Without a foreground measurement the bars are running
// time only: never a guessed time in front.
func teenBars(lang string, sum store.Summary) []widgets.Bar {
	fg := sum.Measurement.Available()
	bars := make([]widgets.Bar, 0, len(sum.Apps))
	for _, a := range sum.Apps {
		b := widgets.Bar{Label: teenAppName(a.ID, a.Name), Total: float64(a.RunningSeconds), Text: teenFigures(lang, a, fg)}
		if fg {
			b.Solid = float64(a.ForegroundSeconds)
			b.Total = float64(max(a.RunningSeconds, a.ForegroundSeconds))
		}
		bars = append(bars, b)
	}
	return bars
}

// teenNight is the summary's night, or the agreement's when the summary has none.
func teenNight(n store.NightHours, a consent.Agreement) store.NightHours {
	if n.Start == n.End {
		return a.Night
	}
	return n
}

// teenNightHours marks every hour of the day that is at least partly night.
func teenNightHours(n store.NightHours) [24]bool {
	var out [24]bool
	if n.Start == n.End {
		return out
	}
	for m := 0; m < 24*60; m++ {
		in := false
		if n.Start < n.End {
			in = m >= n.Start && m < n.End
		} else {
			in = m >= n.Start || m < n.End
		}
		if in {
			out[m/60] = true
		}
	}
	return out
}

// teenDays are the calendar days the summary touches, first to last, in loc.
func teenDays(from, to time.Time, loc *time.Location) []time.Time {
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return nil
	}
	f, l := from.In(loc), to.Add(-time.Nanosecond).In(loc)
	var days []time.Time
	for d := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc); !d.After(l); d = d.AddDate(0, 0, 1) {
		days = append(days, d)
	}
	return days
}

// teenHeatRows is one heatmap row per day of the summary, with each hour's
// time in front, or running time when time in front can't be measured.
func teenHeatRows(sum store.Summary, loc *time.Location, lang string) []widgets.HeatRow {
	if loc == nil {
		loc = time.Local
	}
	fg := sum.Measurement.Available()
	days := teenDays(sum.From, sum.To, loc)
	rows := make([]widgets.HeatRow, len(days))
	index := map[string]int{}
	for i, d := range days {
		rows[i].Label = fmtDay(d, lang)
		index[d.Format("2006-01-02")] = i
	}
	for _, h := range sum.Hours {
		i, ok := index[h.Day]
		if !ok || h.Hour < 0 || h.Hour > 23 {
			continue
		}
		v := h.RunningSeconds
		if fg {
			v = h.ForegroundSeconds
		}
		rows[i].Values[h.Hour] += float64(v)
	}
	return rows
}

// teenDayLong writes "Tuesday 24 November" / "dinsdag 24 november".
func teenDayLong(t time.Time, lang string) string {
	if t.IsZero() {
		return "—"
	}
	return at(t, lang).Date(t)
}

// teenSpan writes a stretch of time: "Monday 23 November, 18:00 to 20:00",
// or with both days when it crosses midnight; an open end says "from".
func teenSpan(from, to time.Time, lang string) string { return at(from, lang).Stretch(from, to) }

// teenEvent is one line of "what else happened".
type teenEvent struct {
	at   time.Time
	icon fyne.Resource
	text string
}

// teenEventList is what else happened in the summary, in plain words, oldest
// first; notices (a store that was reset) come first of all.
func teenEventList(lang string, sum store.Summary) []teenEvent {
	var out []teenEvent
	for _, c := range sum.Changes {
		key := "week.ev.installed"
		icon := theme.DownloadIcon()
		if c.Change == "removed" {
			key, icon = "week.ev.removed", theme.DeleteIcon()
		}
		out = append(out, teenEvent{c.At, icon, fmt.Sprintf(text(lang, key), teenAppName(c.ID, c.Name), teenDayLong(c.At, lang))})
	}
	for _, p := range sum.Pauses {
		to := p.To
		if to.Before(p.From) {
			to = time.Time{}
		}
		line := fmt.Sprintf(text(lang, "week.ev.paused"), teenSpan(p.From, to, lang))
		if r := strings.TrimSpace(p.Reason); r != "" {
			line += ": " + r
		} else {
			line += " " + text(lang, "week.ev.noreason")
		}
		out = append(out, teenEvent{p.From, theme.MediaPauseIcon(), line})
	}
	for _, g := range sum.Gaps {
		var line string
		switch g.Kind {
		case "store-reset":
			continue // said once, as a notice
		case "stop":
			line = fmt.Sprintf(text(lang, "week.ev.stopped"), teenSpan(g.From, g.To, lang))
		case "forget":
			line = fmt.Sprintf(text(lang, "week.ev.forget"), teenDayLong(g.From, lang))
		default:
			line = fmt.Sprintf(text(lang, "week.ev.gap"), teenSpan(g.From, g.To, lang))
		}
		if !g.Why.IsZero() && g.Kind != "forget" {
			line += " (" + wordsIn(lang).Fact(g.Why) + ")"
		}
		out = append(out, teenEvent{g.From, theme.InfoIcon(), teenSentence(line)})
	}
	slices.SortStableFunc(out, func(a, b teenEvent) int { return cmp.Compare(a.at.UnixNano(), b.at.UnixNano()) })
	var notices []teenEvent
	for _, n := range sum.NoticeFacts {
		notices = append(notices, teenEvent{icon: theme.WarningIcon(), text: wordsIn(lang).Fact(n)})
	}
	return append(notices, out...)
}

func teenEvents(lang string, sum store.Summary) []string {
	var out []string
	for _, e := range teenEventList(lang, sum) {
		out = append(out, e.text)
	}
	return out
}

func teenEventObjects(lang string, sum store.Summary) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, e := range teenEventList(lang, sum) {
		out = append(out, teenLine(e.icon, e.text))
	}
	return out
}

// weekTable is the compact per-app table with the same figures as the week
// and the parent's summary: in front, running and at night, under the
// measurement label. sees.go shows it; any screen may.
type weekTable struct {
	measure *widget.Label
	grid    *fyne.Container
	box     *fyne.Container
	// rows are the cells shown, header first, for tests.
	rows [][]string
}

func newWeekTable() *weekTable {
	t := &weekTable{measure: textPara(""), grid: container.NewGridWithColumns(4)}
	t.box = container.NewVBox(t.measure, t.grid)
	return t
}

func (t *weekTable) content() fyne.CanvasObject { return t.box }

// teenTableRows are the cells of the table: a header, then one row per app.
// Without a foreground measurement there is no "in front" column and the
// night column is running time.
func teenTableRows(lang string, sum store.Summary) [][]string {
	fg := sum.Measurement.Available()
	var rows [][]string
	if fg {
		rows = append(rows, []string{text(lang, "week.col.app"), text(lang, "week.col.front"), text(lang, "week.col.running"), text(lang, "week.col.night")})
	} else {
		rows = append(rows, []string{text(lang, "week.col.app"), text(lang, "week.col.running"), text(lang, "week.col.nightRunning")})
	}
	for _, a := range sum.Apps {
		name := teenAppName(a.ID, a.Name)
		if fg {
			rows = append(rows, []string{name, fmtDuration(a.ForegroundSeconds, lang), fmtDuration(a.RunningSeconds, lang), fmtDuration(a.NightSeconds, lang)})
		} else {
			rows = append(rows, []string{name, fmtDuration(a.RunningSeconds, lang), fmtDuration(a.NightRunningSeconds, lang)})
		}
	}
	return rows
}

func (t *weekTable) apply(lang string, sum store.Summary) {
	t.measure.SetText(teenMeasureText(lang, sum.Measurement))
	t.rows = teenTableRows(lang, sum)
	cols := len(t.rows[0])
	grid := container.NewGridWithColumns(cols)
	for i, r := range t.rows {
		for _, c := range r {
			l := widget.NewLabel(c)
			l.Wrapping = fyne.TextWrapWord
			l.TextStyle.Bold = i == 0
			grid.Add(l)
		}
	}
	if len(t.rows) == 1 {
		t.box.Objects = []fyne.CanvasObject{t.measure, textPara(text(lang, "week.empty"))}
	} else {
		t.box.Objects = []fyne.CanvasObject{t.measure, grid}
	}
	t.grid = grid
	t.box.Refresh()
}

func init() {
	addTexts(map[string][2]string{
		"week.heading": {"Hi %s, this is your week", "Hoi %s, dit is jouw week"},
		"week.dates":   {"From %s to %s", "Van %s tot en met %s"},
		"week.apps":    {"Time per app", "Tijd per app"},
		"week.hours":   {"When in the day", "Wanneer op de dag"},
		"week.events":  {"What else happened", "Wat er verder gebeurde"},
		"week.empty":   {"Nothing yet this week. TalkFirst counts time in chat apps and games with chat.", "Nog niets deze week. TalkFirst telt de tijd in chatapps en in games waarin je kunt chatten."},
		"week.night":   {"night", "nacht"},
		"week.measure": {"“In front” means the app's window was in front and someone was using the computer; “running” means the app was open, maybe in the background.",
			"“Vooraan” betekent dat de app vooraan op het scherm stond en er iemand achter de computer zat; “open” betekent dat de app aan stond, misschien op de achtergrond."},
		"week.measure.unavailable": {"Time in front can't be measured here: %s. So you only see running time: how long each app was open.",
			"Hoe lang een app vooraan stond, kan hier niet gemeten worden: %s. Je ziet daarom alleen hoe lang elke app open stond."},
		"week.legend.front":       {"in front", "vooraan"},
		"week.legend.running":     {"running, not in front", "open, niet vooraan"},
		"week.legend.runningOnly": {"running (open)", "open"},
		"week.legend.less":        {"less", "minder"},
		"week.legend.more":        {"more", "meer"},
		"week.legend.night":       {"night hours", "nachturen"},
		"week.fig.front":          {"%s in front", "%s vooraan"},
		"week.fig.running":        {"%s running", "%s open"},
		"week.heat.front":         {"Each square is one hour. The stronger the colour, the longer a chat app was in front.", "Elk vakje is één uur. Hoe feller de kleur, hoe langer er een chatapp vooraan stond."},
		"week.heat.running":       {"Each square is one hour. The stronger the colour, the longer a chat app was open.", "Elk vakje is één uur. Hoe feller de kleur, hoe langer er een chatapp open stond."},
		"week.heat.night":         {"The shaded columns under “night” are the night hours you agreed on (%s).", "De grijze kolommen onder “nacht” zijn de nachturen die jullie hebben afgesproken (%s)."},
		"week.ev.installed":       {"%s was installed on %s.", "%s is geïnstalleerd op %s."},
		"week.ev.removed":         {"%s was removed on %s.", "%s is verwijderd op %s."},
		"week.ev.paused":          {"TalkFirst was paused on %s", "TalkFirst stond op pauze op %s"},
		"week.ev.noreason":        {"(no reason given)", "(geen reden gegeven)"},
		"week.ev.stopped":         {"TalkFirst was stopped on %s", "TalkFirst stond uit op %s"},
		"week.ev.gap":             {"TalkFirst didn't record anything on %s", "TalkFirst heeft niets bijgehouden op %s"},
		"week.ev.forget":          {"The saved data was deleted on %s", "De bewaarde gegevens zijn verwijderd op %s"},
		"week.events.none":        {"No apps were added or removed this week, and there were no pauses.", "Deze week zijn er geen apps bijgekomen of weggehaald, en er waren geen pauzes."},
		"week.col.app":            {"App", "App"},
		"week.col.front":          {"In front", "Vooraan"},
		"week.col.running":        {"Running", "Open"},
		"week.col.night":          {"At night (in front)", "'s Nachts (vooraan)"},
		"week.col.nightRunning":   {"At night (running)", "'s Nachts (open)"},
	})
}
