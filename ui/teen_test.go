package ui

import (
	"context"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/guide"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Tests for the teen's screens: week.go, apps.go, sees.go, help.go.

// teenSetup makes a UI over a fake with Sam's agreement and the week's data,
// changed by mutate, and reads one snapshot.
func teenSetup(t *testing.T, lang string, mutate func(f *fakeSource)) (*UI, *snapshot) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	f := newFakeSource().withAgreement()
	f.summary = weekData()
	f.installed = []string{"minecraft", "discord", "telegram"}
	f.prompts = promptData()
	if mutate != nil {
		mutate(f)
	}
	u := screensNew(t, a, w, f, Options{Lang: lang, Now: func() time.Time { return fakeNow }})
	snap := u.load(context.Background())
	if snap.err != nil {
		t.Fatalf("load: %v", snap.err)
	}
	return u, snap
}

// teenShow puts o in a test window of a usual size, so it is laid out.
func teenShow(t *testing.T, o fyne.CanvasObject) fyne.Window {
	t.Helper()
	w := test.NewTempWindow(t, o)
	w.Resize(fyne.NewSize(900, 700))
	return w
}

// teenAllText collects the text of every widget under o: labels, rich text,
// checks, buttons, links, cards, and the texts our own widgets draw.
func teenAllText(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case nil:
			return
		case *widget.Label:
			out = append(out, v.Text)
			return
		case *appsTapText:
			out = append(out, v.Text)
			return
		case *widget.RichText:
			out = append(out, v.String())
			return
		case *widget.Check:
			out = append(out, v.Text)
			return
		case *widget.Button:
			out = append(out, v.Text)
			return
		case *widget.Hyperlink:
			out = append(out, v.Text)
			return
		case *widget.Card:
			out = append(out, v.Title, v.Subtitle)
			walk(v.Content)
			return
		case *canvas.Text:
			out = append(out, v.Text)
			return
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		case *container.Scroll:
			walk(v.Content)
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func teenJoined(o fyne.CanvasObject) string { return strings.Join(teenAllText(o), "\n") }

func TestWeekShowsFigures(t *testing.T) {
	u, snap := teenSetup(t, "en", nil)
	s := newWeekScreen(u)
	teenShow(t, s.content())
	s.apply(snap)

	if got := s.heading.Text; got != "Hi Sam, this is your week" {
		t.Errorf("heading %q", got)
	}
	if !strings.Contains(s.measure.Text, "“In front” means") || !strings.Contains(s.measure.Text, "“running” means") {
		t.Errorf("measurement label does not explain both kinds: %q", s.measure.Text)
	}
	bars := s.chart.Bars()
	if len(bars) != len(snap.week.Apps) {
		t.Fatalf("%d bars for %d apps", len(bars), len(snap.week.Apps))
	}
	for i, a := range snap.week.Apps {
		b := bars[i]
		want := fmtDuration(a.ForegroundSeconds, "en") + " in front  ·  " + fmtDuration(a.RunningSeconds, "en") + " running"
		if b.Label != a.Name || b.Text != want {
			t.Errorf("bar %d = %q %q, want %q %q", i, b.Label, b.Text, a.Name, want)
		}
		if b.Solid != float64(a.ForegroundSeconds) || b.Total != float64(a.RunningSeconds) {
			t.Errorf("bar %d: solid %v total %v, want foreground %d running %d", i, b.Solid, b.Total, a.ForegroundSeconds, a.RunningSeconds)
		}
	}
	if !s.apps.Visible() || !s.hours.Visible() || s.empty.Visible() {
		t.Errorf("populated week shows the empty state")
	}

	// the heatmap: one row per day of the summary, foreground seconds, night marked
	rows := s.heat.Rows()
	if len(rows) != 8 || rows[0].Label != "Thu 19 Nov" || rows[7].Label != "Thu 26 Nov" {
		t.Fatalf("heat rows: %d, %v … %v", len(rows), rows[0].Label, rows[len(rows)-1].Label)
	}
	if rows[5].Label != "Tue 24 Nov" || rows[5].Values[16] != 2400 || rows[5].Values[23] != 1800 || rows[6].Values[19] != 3600 {
		t.Errorf("heat values not from foreground seconds: %v", rows[5].Values)
	}
	night := s.heat.Night()
	for h := 0; h < 24; h++ {
		if want := h >= 22 || h < 6; night[h] != want {
			t.Errorf("hour %d night %v, want %v", h, night[h], want)
		}
	}
	if !strings.Contains(s.heatNote.Text, "22:00–06:00") {
		t.Errorf("heat note does not name the night hours: %q", s.heatNote.Text)
	}

	for _, want := range []string{
		"Telegram was installed on Tuesday 24 November.",
		"TalkFirst was paused on Monday 23 November, 19:30 to 21:30: exam revision",
	} {
		if !slices.Contains(s.eventTexts, want) {
			t.Errorf("events %q lack %q", s.eventTexts, want)
		}
	}
	all := teenJoined(s.content())
	for _, want := range []string{"Minecraft", "9 h 10 min in front", "11 h running", "in front", "running, not in front", "night"} {
		if !strings.Contains(all, want) {
			t.Errorf("week does not show %q", want)
		}
	}
}

func TestWeekUnavailable(t *testing.T) {
	reason := words.New(words.MeasureGnomeWayland)
	for _, lang := range []string{"en", "nl"} {
		t.Run(lang, func(t *testing.T) {
			u, snap := teenSetup(t, lang, func(f *fakeSource) {
				f.summary.Measurement = store.Measurement{Foreground: store.MeasureUnavailable, Why: reason}
			})
			s := newWeekScreen(u)
			teenShow(t, s.content())
			s.apply(snap)
			wantStart := map[string]string{"en": "Time in front can't be measured here: GNOME on Wayland", "nl": "Hoe lang een app vooraan stond, kan hier niet gemeten worden: GNOME op Wayland"}[lang]
			if !strings.HasPrefix(s.measure.Text, wantStart) {
				t.Errorf("measure %q, want it to start with %q", s.measure.Text, wantStart)
			}
			for i, b := range s.chart.Bars() {
				if b.Solid != 0 {
					t.Errorf("bar %d has a solid (in front) part %v", i, b.Solid)
				}
				if want := fmt.Sprintf(text(lang, "week.fig.running"), fmtDuration(snap.week.Apps[i].RunningSeconds, lang)); b.Text != want {
					t.Errorf("bar %d text %q, want %q", i, b.Text, want)
				}
			}
			if v := s.heat.Rows()[5].Values[16]; v != 3600 {
				t.Errorf("heat uses %v, want running seconds 3600", v)
			}
			all := teenJoined(s.content())
			for _, a := range snap.week.Apps {
				fg := fmtDuration(a.ForegroundSeconds, lang)
				if fg != fmtDuration(a.RunningSeconds, lang) && strings.Contains(all, fg) {
					t.Errorf("foreground figure %q is shown although it can't be measured", fg)
				}
			}
			if strings.Contains(all, text(lang, "week.legend.front")+"\n") {
				t.Errorf("legend still shows the in-front colour")
			}
		})
	}
}

func TestWeekEmpty(t *testing.T) {
	u, snap := teenSetup(t, "en", func(f *fakeSource) {
		f.summary = store.Summary{Measurement: store.Measurement{Foreground: store.MeasureX11}, Night: store.DefaultNight}
	})
	s := newWeekScreen(u)
	teenShow(t, s.content())
	s.apply(snap)
	if !s.empty.Visible() || s.apps.Visible() || s.hours.Visible() {
		t.Errorf("empty week: empty %v, chart %v, heatmap %v", s.empty.Visible(), s.apps.Visible(), s.hours.Visible())
	}
	if s.empty.Text != "Nothing yet this week. TalkFirst counts time in chat apps and games with chat." {
		t.Errorf("empty text %q", s.empty.Text)
	}
	if len(s.eventTexts) != 1 || s.eventTexts[0] != text("en", "week.events.none") {
		t.Errorf("events %q", s.eventTexts)
	}
}

func TestWeekEvents(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	sum := store.Summary{
		Changes: []store.ChangeEntry{{ID: "discord", Change: "removed", At: day.Add(30 * time.Hour)}},
		Pauses:  []store.PauseEntry{{From: day.Add(23 * time.Hour), To: day.Add(25 * time.Hour)}},
		Gaps: []store.GapEntry{
			{Kind: "gap", From: day.Add(2 * time.Hour), To: day.Add(4 * time.Hour), Why: words.New(words.GapAsleep, words.Span(2*time.Hour))},
			{Kind: "store-reset", From: day, Why: words.New(words.NoticeStoreReset, words.Text("y"))},
		},
		NoticeFacts: []words.Fact{words.New(words.NoticeStoreReset, words.Text("y"))},
	}
	got := teenEvents("en", sum)
	want := []string{
		"TalkFirst couldn't read its saved data, so it started a new file. The old file was kept as y, not deleted, but times from before that are missing here.",
		"TalkFirst didn't record anything on Monday 23 November, 02:00 to 04:00 (nothing was seen for 2 h: the computer was probably asleep).",
		"TalkFirst was paused on Monday 23 November 23:00 to Tuesday 24 November 01:00 (no reason given)",
		"Discord was removed on Tuesday 24 November.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
}

func TestNightHours(t *testing.T) {
	for name, tc := range map[string]struct {
		n    store.NightHours
		want []int
	}{
		"default":        {store.DefaultNight, []int{0, 1, 2, 3, 4, 5, 22, 23}},
		"half past nine": {store.NightHours{Start: 21*60 + 30, End: 7 * 60}, []int{0, 1, 2, 3, 4, 5, 6, 21, 22, 23}},
		"same day":       {store.NightHours{Start: 60, End: 3 * 60}, []int{1, 2}},
		"none":           {store.NightHours{}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			got := teenNightHours(tc.n)
			var hours []int
			for h, in := range got {
				if in {
					hours = append(hours, h)
				}
			}
			if !slices.Equal(hours, tc.want) {
				t.Errorf("night hours %v, want %v", hours, tc.want)
			}
		})
	}
}

func TestSeesSameFiguresAndPrompts(t *testing.T) {
	for _, lang := range []string{"en", "nl"} {
		t.Run(lang, func(t *testing.T) {
			u, snap := teenSetup(t, lang, nil)
			s := newParentSeesScreen(u)
			teenShow(t, s.content())
			s.apply(snap)
			rows := s.table.rows
			if len(rows) != 1+len(snap.week.Apps) {
				t.Fatalf("%d table rows for %d apps", len(rows), len(snap.week.Apps))
			}
			for i, a := range snap.week.Apps {
				want := []string{a.Name, fmtDuration(a.ForegroundSeconds, lang), fmtDuration(a.RunningSeconds, lang), fmtDuration(a.NightSeconds, lang)}
				if !slices.Equal(rows[i+1], want) {
					t.Errorf("row %d = %q, want %q", i, rows[i+1], want)
				}
			}
			if s.table.measure.Text != teenMeasureText(lang, snap.week.Measurement) {
				t.Errorf("table lacks the measurement label")
			}
			// the week shows the same figures
			w := newWeekScreen(u)
			w.apply(snap)
			for i, b := range w.chart.Bars() {
				if !strings.Contains(b.Text, rows[i+1][1]) || !strings.Contains(b.Text, rows[i+1][2]) {
					t.Errorf("week bar %q and table row %q differ", b.Text, rows[i+1])
				}
			}
			if !slices.Equal(s.eventTexts, w.eventTexts) {
				t.Errorf("events differ: %q vs %q", s.eventTexts, w.eventTexts)
			}
			all := teenJoined(s.content())
			if len(s.promptTexts) != len(snap.prompts) {
				t.Fatalf("%d prompts shown, %d exist", len(s.promptTexts), len(snap.prompts))
			}
			for i, p := range snap.prompts {
				if s.promptTexts[i][0] != p.Topic || s.promptTexts[i][2] != text(lang, "sees.status.new") {
					t.Errorf("prompt %d shown as %q", i, s.promptTexts[i])
				}
				for _, want := range append([]string{p.Topic}, p.Evidence...) {
					if !strings.Contains(all, want) {
						t.Errorf("the teen's view lacks %q", want)
					}
				}
			}
			if !strings.Contains(all, text(lang, "sees.same")) {
				t.Errorf("the screen doesn't say the teen sees the same")
			}
			lib, _ := guide.Default()
			tx, _ := lib.Text(lang, "what-my-parent-sees")
			if s.title.Text != tx.Title || !strings.Contains(s.body.String(), "TalkFirst") {
				t.Errorf("teen text missing: title %q", s.title.Text)
			}
		})
	}
}

func TestSeesStatusesAndUnavailable(t *testing.T) {
	u, snap := teenSetup(t, "en", func(f *fakeSource) {
		f.summary.Measurement = store.Measurement{Foreground: store.MeasureUnavailable, Why: words.New(words.MeasureOff)}
		f.summary.Apps[0].NightRunningSeconds = 2700
		f.statusSets["p-hop"] = StatusTalked
		f.statusSets["p-night"] = StatusNotRelevant
	})
	s := newParentSeesScreen(u)
	s.apply(snap)
	if got := []string{s.promptTexts[0][2], s.promptTexts[1][2]}; !slices.Equal(got, []string{"Talked about", "Not relevant"}) {
		t.Errorf("statuses %q", got)
	}
	if got, want := s.table.rows[1], []string{"Minecraft", "11 h", "45 min"}; !slices.Equal(got, want) {
		t.Errorf("unavailable row %q, want %q", got, want)
	}
	if strings.Contains(strings.Join(s.table.rows[0], " "), "In front") {
		t.Errorf("unavailable table has an in-front column: %q", s.table.rows[0])
	}
	// no prompts: said in words
	snap.prompts = nil
	s.apply(snap)
	if !strings.Contains(teenJoined(s.content()), "There are no prompts right now.") {
		t.Errorf("no prompts not said")
	}
}

func TestHelpNL(t *testing.T) {
	u, snap := teenSetup(t, "nl", nil)
	s := newHelpScreen(u)
	w := teenShow(t, s.content())
	s.apply(snap)
	if !s.known || s.noCountry.Visible() {
		t.Errorf("NL: known %v, no-country line visible %v", s.known, s.noCountry.Visible())
	}
	for _, want := range []string{"Alarmnummer 112", "113 Zelfmoordpreventie", "De Kindertelefoon", "Helpwanted", "116 111 (European child helpline number)"} {
		if !slices.Contains(s.shown, want) {
			t.Errorf("NL help lacks %q (shown %q)", want, s.shown)
		}
	}
	if s.shown[0] != "Alarmnummer 112" {
		t.Errorf("emergency is not first: %q", s.shown[0])
	}
	all := teenJoined(s.content())
	for _, want := range []string{"Nu hulp vragen", "Hulp in Nederland", "Bel gratis 113", "0800-0432", "www.kindertelefoon.nl", "Dag en nacht, elke dag",
		"Nog niet nagekeken: TalkFirst heeft dit nog niet", "Als iemand dreigt beelden van je te delen", "Voor ouders"} {
		if !strings.Contains(all, want) {
			t.Errorf("NL help does not show %q", want)
		}
	}
	if strings.Contains(all, "The research") {
		t.Error("NL help shows the research's English note")
	}
	// copying a number puts it on the clipboard and says so
	btn := s.copyBtns["113"]
	if btn == nil {
		t.Fatal("no copy button for 113")
	}
	test.Tap(btn)
	if got := u.app.Clipboard().Content(); got != "113" {
		t.Errorf("clipboard %q", got)
	}
	if btn.Text != "Gekopieerd" {
		t.Errorf("button says %q after copying", btn.Text)
	}
	// the jump button scrolls to the images section
	test.Tap(s.jump)
	if s.scroll.Offset.Y <= 0 {
		t.Errorf("jump did not scroll (offset %v)", s.scroll.Offset)
	}
	// a refresh with the same country keeps the page and where it is scrolled
	off := s.scroll.Offset
	s.apply(snap)
	if s.scroll.Offset != off {
		t.Errorf("refresh moved the page")
	}
	_ = w
}

func TestHelpUnknownCountry(t *testing.T) {
	u, snap := teenSetup(t, "en", func(f *fakeSource) { f.agreement.Country = "ZZ" })
	s := newHelpScreen(u)
	teenShow(t, s.content())
	s.apply(snap)
	if s.known || !s.noCountry.Visible() || !strings.Contains(s.noCountry.Text, "doesn't have help lines for your country") {
		t.Errorf("ZZ: known %v, message %q visible %v", s.known, s.noCountry.Text, s.noCountry.Visible())
	}
	want := []string{"116 111 (European child helpline number)", "116 000 (European missing-children number)", "Take It Down (NCMEC)"}
	if !slices.Equal(s.shown, want) {
		t.Errorf("ZZ lines %q, want %q", s.shown, want)
	}
	all := teenJoined(s.content())
	if strings.Contains(all, "Kindertelefoon") || strings.Contains(all, "Help in the Netherlands") {
		t.Errorf("ZZ shows Dutch lines")
	}
	for _, w := range []string{"Help in many countries", "If someone threatens to share images", "StopNCII.org"} {
		if !strings.Contains(all, w) {
			t.Errorf("ZZ help lacks %q", w)
		}
	}
}

func TestHelpStandalone(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	u := screensNew(t, a, w, newFakeSource(), Options{Lang: "en", Now: func() time.Time { return fakeNow }})
	s := newHelpScreen(u)
	o := s.standalone()
	if o == nil || s.known || !s.noCountry.Visible() || len(s.shown) == 0 {
		t.Errorf("standalone: known %v, lines %q", s.known, s.shown)
	}
	if !strings.Contains(s.noCountry.Text, "can't tell which country") {
		t.Errorf("standalone says %q", s.noCountry.Text)
	}
	if !strings.Contains(teenJoined(o), "Get help now") {
		t.Errorf("standalone lacks the teen text")
	}
}

func TestAppsScreen(t *testing.T) {
	u, snap := teenSetup(t, "en", func(f *fakeSource) {
		f.installed = []string{"minecraft", "discord", "telegram", "whatsapp", "something-new"}
	})
	s := newAppsScreen(u)
	w := teenShow(t, s.content())
	s.apply(snap)
	if want := []string{"telegram", "whatsapp", "discord", "minecraft", "something-new"}; !slices.Equal(s.shown, want) {
		t.Errorf("apps in order %q, want %q", s.shown, want)
	}
	all := teenJoined(s.content())
	disc, _ := catalog.MustDefault().App("discord")
	for _, want := range []string{"Messengers", "Servers and communities", "Games with chat", "Other apps", disc.KnowLine("en"), "Safety settings to check together", "not saved"} {
		if !strings.Contains(all, want) {
			t.Errorf("apps screen lacks %q", want)
		}
	}
	lib, _ := guide.Default()
	g, _ := lib.Find("en", "discord", snap.agreement.AgeBand(snap.now))
	items := safetyChecklist(g.Body, "en")
	if len(items) == 0 || len(s.checks["discord"]) != len(items) {
		t.Fatalf("discord: %d checks for %d items", len(s.checks["discord"]), len(items))
	}
	if !strings.Contains(all, items[0]) {
		t.Errorf("checklist item %q not shown", items[0])
	}
	// keyboard: tab reaches a check, space ticks it
	w.Canvas().FocusNext()
	f, ok := w.Canvas().Focused().(*widget.Check)
	if !ok {
		t.Fatalf("first focus is %T, not a check", w.Canvas().Focused())
	}
	f.TypedRune(' ')
	if !f.Checked {
		t.Errorf("space did not tick the check")
	}
	// ticks stay while the list is the same, and are never stored
	s.apply(snap)
	if !f.Checked || s.checks["telegram"][0] != f {
		t.Errorf("a refresh cleared the ticks")
	}
	// tapping the text ticks too
	c := s.checks["discord"][0]
	row := teenFindTapLabel(s.content(), items[0])
	if row == nil {
		t.Fatal("no tappable text for the first discord item")
	}
	test.Tap(row)
	if !c.Checked {
		t.Errorf("tapping the text did not tick the box")
	}
}

func teenFindTapLabel(o fyne.CanvasObject, text string) *appsTapText {
	var found *appsTapText
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch v := o.(type) {
		case *appsTapText:
			if v.Text == text {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		case *widget.Card:
			walk(v.Content)
		}
	}
	walk(o)
	return found
}

func TestAppsDutchAndEmpty(t *testing.T) {
	u, snap := teenSetup(t, "nl", func(f *fakeSource) { f.installed = []string{"roblox"} })
	s := newAppsScreen(u)
	teenShow(t, s.content())
	s.apply(snap)
	all := teenJoined(s.content())
	rob, _ := catalog.MustDefault().App("roblox")
	for _, want := range []string{"Games met chat", rob.KnowLine("nl"), "Veiligheidsinstellingen om samen te bekijken", "niet bewaard"} {
		if !strings.Contains(all, want) {
			t.Errorf("Dutch apps screen lacks %q", want)
		}
	}
	if len(s.checks["roblox"]) == 0 {
		t.Errorf("no Dutch checklist for Roblox")
	}
	if s.empty.Visible() {
		t.Errorf("empty state shown with an app")
	}
	snap.installed = nil
	s.apply(snap)
	if !s.empty.Visible() || len(s.list.Objects) != 0 || s.empty.Text != "Geen chatapps gevonden op deze computer." {
		t.Errorf("empty state: visible %v, %d objects, %q", s.empty.Visible(), len(s.list.Objects), s.empty.Text)
	}
}

func TestSafetyChecklist(t *testing.T) {
	en := "## Why this matters\n\n- not this one\n\n## Safety settings to check together\n\nLook for:\n\n" +
		"- **Direct messages**: who may send DMs.\n" +
		"- See [the help page](https://example.com) and `Settings`\n  which continues here.\n" +
		"* _Block_ and *report*: both.\n\n" +
		"A closing line.\n\n## Next steps and where to get help\n\n- not this either\n"
	nl := "## Veiligheidsinstellingen om samen te bekijken\n\n- **Melden en blokkeren:** vraag hoe het werkt.\n\n## Volgende stappen en hulp\n"
	for name, tc := range map[string]struct {
		body, lang string
		want       []string
	}{
		"english": {en, "en", []string{"Direct messages: who may send DMs.", "See the help page and Settings which continues here.", "Block and report: both."}},
		"dutch":   {nl, "nl", []string{"Melden en blokkeren: vraag hoe het werkt."}},
		// the Dutch heading is not the English one
		"wrong language": {nl, "en", nil},
		"no section":     {"## Why this matters\n\n- a\n", "en", nil},
		"empty":          {"", "en", nil},
	} {
		t.Run(name, func(t *testing.T) {
			if got := safetyChecklist(tc.body, tc.lang); !slices.Equal(got, tc.want) {
				t.Errorf("safetyChecklist = %q, want %q", got, tc.want)
			}
		})
	}
	// every app's first guide has a checklist in both languages and age bands
	lib, err := guide.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"discord", "telegram", "whatsapp", "roblox", "minecraft", "snapchat", "signal", "teams", "steam"} {
		app, _ := catalog.MustDefault().App(id)
		for _, lang := range guide.Languages {
			for _, age := range guide.AgeBands {
				items := appsChecklistFor(app, lang, age)
				if len(items) == 0 {
					t.Errorf("%s %s %s: no checklist", id, lang, age)
				}
				for _, it := range items {
					if strings.Contains(it, "**") || strings.Contains(it, "](") {
						t.Errorf("%s %s %s: markdown left in %q", id, lang, age, it)
					}
				}
			}
		}
	}
	_ = lib
}

// TestTeenTexts checks the strings of the teen's screens: both languages,
// the same format verbs, every key the code uses registered, and the kinds
// and categories the data can hold covered.
func TestTeenTexts(t *testing.T) {
	verbs := regexp.MustCompile(`%[a-z]`)
	all := uiTexts()
	for k, v := range all {
		if !slices.ContainsFunc([]string{"week.", "apps.", "sees.", "help."}, func(p string) bool { return strings.HasPrefix(k, p) }) {
			continue
		}
		if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
			t.Errorf("%s: a language is empty: %q", k, v)
		}
		if a, b := verbs.FindAllString(v[0], -1), verbs.FindAllString(v[1], -1); !slices.Equal(a, b) {
			t.Errorf("%s: format verbs differ: %q / %q", k, a, b)
		}
	}
	used := regexp.MustCompile(`(?:u\.tf?|s\.u\.tf?|text)\((?:lang, |langOr\(lang\), )?"([a-zA-Z.-]*[a-zA-Z])"`)
	for _, f := range []string{"week.go", "apps.go", "sees.go", "help.go"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			if _, ok := all[m[1]]; !ok {
				t.Errorf("%s uses %q, which is not registered", f, m[1])
			}
		}
	}
	for _, k := range guide.Kinds {
		if _, ok := all["help.kind."+k]; !ok {
			t.Errorf("no text for help line kind %q", k)
		}
	}
	for _, c := range catalog.Categories {
		if _, ok := all["apps.cat."+string(c)]; !ok {
			t.Errorf("no text for category %q", c)
		}
	}
	for _, st := range []string{StatusNew, StatusTalked, StatusLater, StatusNotRelevant, StatusSuperseded} {
		if seesStatus("en", st) == seesStatus("en", "") && st != StatusNew {
			t.Errorf("status %q has no words of its own", st)
		}
	}
}

// Golden markup of the key states.
func TestTeenGolden(t *testing.T) {
	for name, tc := range map[string]struct {
		lang   string
		mutate func(f *fakeSource)
		screen func(u *UI) interface {
			content() fyne.CanvasObject
			apply(*snapshot)
		}
	}{
		"week/populated.xml": {"en", nil, func(u *UI) interface {
			content() fyne.CanvasObject
			apply(*snapshot)
		} {
			return newWeekScreen(u)
		}},
		"week/empty.xml": {"en", func(f *fakeSource) {
			f.summary = store.Summary{Measurement: store.Measurement{Foreground: store.MeasureX11}, Night: store.DefaultNight}
		}, func(u *UI) interface {
			content() fyne.CanvasObject
			apply(*snapshot)
		} {
			return newWeekScreen(u)
		}},
		"week/unavailable.xml": {"en", func(f *fakeSource) {
			f.summary.Measurement = store.Measurement{Foreground: store.MeasureUnavailable, Why: words.New(words.MeasureGnomeWayland)}
		}, func(u *UI) interface {
			content() fyne.CanvasObject
			apply(*snapshot)
		} {
			return newWeekScreen(u)
		}},
		"help/nl.xml": {"nl", nil, func(u *UI) interface {
			content() fyne.CanvasObject
			apply(*snapshot)
		} {
			return newHelpScreen(u)
		}},
	} {
		t.Run(name, func(t *testing.T) {
			u, snap := teenSetup(t, tc.lang, tc.mutate)
			s := tc.screen(u)
			w := test.NewTempWindow(t, s.content())
			w.Resize(fyne.NewSize(800, 600))
			s.apply(snap)
			test.AssertObjectRendersToMarkup(t, name, w.Content())
		})
	}
}

// TestTeenScreensPNG renders the teen's screens to ui-teen-*.png files in
// the temporary folder (with -update; see update).
func TestTeenScreensPNG(t *testing.T) {
	file := generator(t)
	for _, variant := range []string{"light", "dark", "large"} {
		for _, lang := range []string{"en", "nl"} {
			for name, mk := range map[string]func(f *fakeSource){
				"": nil,
				"-unavailable": func(f *fakeSource) {
					f.summary.Measurement = store.Measurement{Foreground: store.MeasureUnavailable, Why: words.New(words.MeasureGnomeWayland)}
				},
				"-empty": func(f *fakeSource) {
					f.summary = store.Summary{Night: store.DefaultNight}
					f.installed = nil
					f.prompts = nil
				},
				"-zz": func(f *fakeSource) { f.agreement.Country = "ZZ" },
			} {
				u, snap := teenSetup(t, lang, mk)
				switch variant {
				case "dark":
					u.app.Settings().SetTheme(teenVariantTheme{theme.DefaultTheme(), theme.VariantDark, 1})
				case "large":
					u.app.Settings().SetTheme(teenVariantTheme{theme.DefaultTheme(), theme.VariantLight, 1.6})
				default:
					u.app.Settings().SetTheme(teenVariantTheme{theme.DefaultTheme(), theme.VariantLight, 1})
				}
				for scr, s := range map[string]interface {
					content() fyne.CanvasObject
					apply(*snapshot)
				}{"week": newWeekScreen(u), "apps": newAppsScreen(u), "sees": newParentSeesScreen(u), "help": newHelpScreen(u)} {
					if (name == "-zz" && scr != "help") || (name == "-unavailable" && scr == "apps") || (name == "-zz" && variant != "light") || (variant == "large" && name != "") {
						continue
					}
					s.apply(snap)
					w := test.NewWindow(s.content())
					w.Resize(fyne.NewSize(1000, 700))
					switch scr {
					case "help", "sees", "apps":
						// a tall window shows more of the long pages
						w.Resize(fyne.NewSize(1000, 2400))
					case "week":
						w.Resize(fyne.NewSize(1000, 1300))
					}
					img := w.Canvas().Capture()
					fh, err := os.Create(file(fmt.Sprintf("teen-%s-%s-%s%s", scr, lang, variant, name)))
					if err != nil {
						t.Fatal(err)
					}
					if err := png.Encode(fh, img); err != nil {
						t.Fatal(err)
					}
					fh.Close()
					w.Close()
				}
			}
		}
	}
}

// teenVariantTheme forces a theme variant and scales the text, for the PNGs.
type teenVariantTheme struct {
	fyne.Theme
	v     fyne.ThemeVariant
	large float32
}

func (t teenVariantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

func (t teenVariantTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon:
		return s * t.large
	}
	return s
}
