package ui

import (
	"regexp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/guide"
)

// appsScreen is "My apps": the chat apps on this computer, grouped by kind,
// each with what to know and a checklist of safety settings from the app's
// guide for the teen's age. Ticks live on screen only; nothing is stored.
type appsScreen struct {
	u    *UI
	root fyne.CanvasObject

	intro *widget.Label
	empty *widget.Label
	list  *fyne.Container

	// shown is the app ids on screen, in display order; checks holds each
	// app's checklist items (for tests).
	shown  []string
	checks map[string][]*widget.Check
	// key is what the list was built from; the list is kept (with its ticks)
	// while it stays the same.
	key string
}

func newAppsScreen(u *UI) *appsScreen {
	s := &appsScreen{u: u, checks: map[string][]*widget.Check{}}
	s.intro = textPara(u.t("apps.intro"))
	s.empty = textPara(u.t("apps.empty"))
	s.list = container.NewVBox()
	s.root = teenPage(container.NewVBox(textHeading(u.t("apps.title")), s.intro, s.empty, s.list))
	return s
}

func (s *appsScreen) content() fyne.CanvasObject { return s.root }

func (s *appsScreen) apply(snap *snapshot) {
	lang, age := s.u.lang, snap.agreement.AgeBand(snap.now)
	key := lang + "|" + age + "|" + strings.Join(snap.installed, ",")
	if key == s.key {
		return // keep the ticks
	}
	s.key = key
	s.shown = nil
	s.checks = map[string][]*widget.Check{}
	s.list.Objects = nil
	if len(snap.installed) == 0 {
		s.empty.Show()
		s.list.Refresh()
		return
	}
	s.empty.Hide()
	for _, g := range appsGroups(snap.installed) {
		s.list.Add(textSubheading(appsCategoryName(lang, g.cat)))
		for _, id := range g.ids {
			s.list.Add(s.appCard(id, lang, age))
			s.shown = append(s.shown, id)
		}
	}
	s.list.Refresh()
}

// appCard is one app: its name, what to know, and the safety checklist.
func (s *appsScreen) appCard(id, lang, age string) fyne.CanvasObject {
	u := s.u
	app, ok := catalog.MustDefault().App(id)
	if !ok {
		return widget.NewCard(id, "", textPara(u.t("apps.unknown")))
	}
	box := container.NewVBox()
	if know := app.KnowLine(lang); know != "" {
		box.Add(textBold(u.t("apps.know")))
		box.Add(textPara(know))
	}
	items := appsChecklistFor(app, lang, age)
	box.Add(textBold(u.t("apps.check")))
	if len(items) == 0 {
		box.Add(textPara(u.t("apps.nocheck")))
	}
	for _, item := range items {
		c := widget.NewCheck("", nil)
		s.checks[id] = append(s.checks[id], c)
		box.Add(appsCheckRow(c, item))
	}
	return widget.NewCard(app.Name, "", box)
}

// appsChecklistFor is the checklist from the app's first guide for the age
// band, in lang.
func appsChecklistFor(app *catalog.App, lang, age string) []string {
	if len(app.Guides) == 0 {
		return nil
	}
	lib, err := guide.Default()
	if err != nil {
		return nil
	}
	g, ok := lib.Find(lang, app.Guides[0], age)
	if !ok {
		return nil
	}
	return safetyChecklist(g.Body, lang)
}

// appsCheckRow is a check box with its text wrapping beside it; tapping the
// text ticks the box too. The box takes keyboard focus (space ticks it).
func appsCheckRow(c *widget.Check, s string) fyne.CanvasObject {
	l := newAppsTapText(s, func() { c.SetChecked(!c.Checked) })
	return container.NewBorder(nil, nil, teenFirstLine(c), nil, l)
}

// appsTapText is wrapping text that does something when tapped. A short
// lead before a colon ("Direct messages: …") is bold, as in the guide.
type appsTapText struct {
	widget.RichText
	Text  string
	onTap func()
}

func newAppsTapText(s string, onTap func()) *appsTapText {
	l := &appsTapText{Text: s, onTap: onTap}
	if lead, rest := appsSplitLead(s); lead != "" {
		l.Segments = []widget.RichTextSegment{
			&widget.TextSegment{Text: lead, Style: widget.RichTextStyleStrong},
			&widget.TextSegment{Text: rest, Style: widget.RichTextStyleInline},
		}
	} else {
		l.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: s, Style: widget.RichTextStyleInline}}
	}
	l.Wrapping = fyne.TextWrapWord
	l.Scroll = fyne.ScrollNone // a zero RichText scrolls; this one grows instead
	l.ExtendBaseWidget(l)
	return l
}

// Tapped implements fyne.Tappable.
func (l *appsTapText) Tapped(*fyne.PointEvent) {
	if l.onTap != nil {
		l.onTap()
	}
}

// appsSplitLead splits "Lead: the rest" into "Lead:" and " the rest" when the
// lead is short and is not a sentence of its own; otherwise lead is "".
func appsSplitLead(s string) (lead, rest string) {
	i := strings.Index(s, ":")
	if i <= 0 || i > 48 || strings.Contains(s[:i], ". ") || i+1 >= len(s) {
		return "", s
	}
	return s[:i+1], s[i+1:]
}

// appsGroup is the installed apps of one category, in catalog order.
type appsGroup struct {
	cat catalog.Category
	ids []string
}

// appsGroups sorts the installed ids into categories, in the catalog's
// display order, apps by name; ids the catalog doesn't know come last.
func appsGroups(ids []string) []appsGroup {
	cat := catalog.MustDefault()
	by := map[catalog.Category][]string{}
	var unknown []string
	for _, id := range ids {
		if a, ok := cat.App(id); ok {
			if !slices.Contains(by[a.Category], id) {
				by[a.Category] = append(by[a.Category], id)
			}
		} else if !slices.Contains(unknown, id) {
			unknown = append(unknown, id)
		}
	}
	name := func(id string) string {
		if a, ok := cat.App(id); ok {
			return strings.ToLower(a.Name)
		}
		return id
	}
	var out []appsGroup
	for _, c := range catalog.Categories {
		if g := by[c]; len(g) > 0 {
			slices.SortFunc(g, func(a, b string) int { return strings.Compare(name(a), name(b)) })
			out = append(out, appsGroup{c, g})
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		out = append(out, appsGroup{"", unknown})
	}
	return out
}

func appsCategoryName(lang string, c catalog.Category) string {
	if c == "" {
		return text(lang, "apps.cat.other")
	}
	return text(lang, "apps.cat."+string(c))
}

// safetyChecklist returns the bullets of the "Safety settings to check
// together" section of a guide body in lang, as plain text (Markdown
// emphasis, code and links removed). A bullet that runs over several lines
// is joined into one item.
func safetyChecklist(body, lang string) []string {
	secs := guide.Sections[langOr(lang)]
	if len(secs) < 6 {
		return nil
	}
	heading := secs[5]
	var items []string
	in, inItem := false, false
	for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			in, inItem = strings.TrimSpace(h) == heading, false
			continue
		}
		if !in {
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ "):
			items = append(items, strings.TrimSpace(t[2:]))
			inItem = true
		case t == "":
			inItem = false
		case inItem && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")):
			items[len(items)-1] += " " + t // a bullet that continues on the next line
		default:
			inItem = false
		}
	}
	for i, it := range items {
		items[i] = appsPlain(it)
	}
	return slices.DeleteFunc(items, func(s string) bool { return s == "" })
}

var (
	mdLink   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdStrong = regexp.MustCompile(`(\*\*|__)(.+?)(\*\*|__)`)
	mdEm     = regexp.MustCompile(`(^|[\s(])[*_]([^*_\s][^*_]*?)[*_]`)
	mdCode   = regexp.MustCompile("`([^`]*)`")
	mdSpaces = regexp.MustCompile(`\s+`)
)

// appsPlain removes Markdown links, emphasis and code marks.
func appsPlain(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEm.ReplaceAllString(s, "$1$2")
	return strings.TrimSpace(mdSpaces.ReplaceAllString(s, " "))
}

func init() {
	addTexts(map[string][2]string{
		"apps.title": {"Chat apps on this computer", "Chatapps op deze computer"},
		"apps.intro": {"These are the chat apps and games with chat that TalkFirst found on this computer. For each one you see what's good to know, and which safety settings are worth a look. Your parent reads the same lines, so they talk about “your teen”. Tick what you've checked: the ticks stay on this screen only. They are not saved, and nobody else sees them.",
			"Dit zijn de chatapps en games met chat die TalkFirst op deze computer heeft gevonden. Bij elke app zie je wat goed is om te weten, en welke veiligheidsinstellingen de moeite waard zijn om te bekijken. Je ouder leest dezelfde zinnen, daarom staat er soms “je kind”. Vink aan wat je hebt bekeken: de vinkjes blijven alleen op dit scherm. Ze worden niet bewaard en niemand anders ziet ze."},
		"apps.empty":   {"No chat apps found on this computer.", "Geen chatapps gevonden op deze computer."},
		"apps.know":    {"What to know", "Goed om te weten"},
		"apps.check":   {"Safety settings to check together", "Veiligheidsinstellingen om samen te bekijken"},
		"apps.nocheck": {"There's no checklist for this app yet. Look for settings called privacy, messages, friends and safety.", "Voor deze app is er nog geen lijstje. Zoek naar instellingen met namen als privacy, berichten, vrienden en veiligheid."},
		"apps.unknown": {"TalkFirst doesn't know this app well yet.", "TalkFirst kent deze app nog niet goed."},

		"apps.cat.messenger":   {"Messengers", "Berichtenapps"},
		"apps.cat.community":   {"Servers and communities", "Servers en community's"},
		"apps.cat.social":      {"Social media", "Sociale media"},
		"apps.cat.game-chat":   {"Games with chat", "Games met chat"},
		"apps.cat.anonymous":   {"Anonymous chat", "Anonieme chat"},
		"apps.cat.video-call":  {"Video calls", "Videobellen"},
		"apps.cat.school-work": {"School and work", "School en werk"},
		"apps.cat.other":       {"Other apps", "Andere apps"},
	})
}
