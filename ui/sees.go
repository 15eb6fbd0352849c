package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/guide"
)

// parentSeesScreen is "What my parent sees": what TalkFirst shows the parent
// and what nobody sees, then the very figures and prompts the parent sees
// now, with why each prompt appeared. Nothing is left out.
type parentSeesScreen struct {
	u    *UI
	root fyne.CanvasObject

	title *widget.Label
	body  *widget.RichText

	dates  *widget.Label
	table  *weekTable
	events *fyne.Container

	prompts *fyne.Container

	// for tests: the event lines and, per prompt, topic, date and status
	eventTexts  []string
	promptTexts [][3]string
}

func newParentSeesScreen(u *UI) *parentSeesScreen {
	s := &parentSeesScreen{u: u}
	s.title = textHeading(u.t("tab.sees"))
	s.body = teenMarkdown("")
	s.dates = textPara("")
	s.table = newWeekTable()
	s.events = container.NewVBox()
	s.prompts = container.NewVBox()
	same := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.VisibilityIcon())), nil, textBold(u.t("sees.same")))
	s.root = teenPage(container.NewVBox(
		s.title, same, s.body,
		widget.NewSeparator(),
		textSubheading(u.t("sees.numbers")), s.dates, s.table.content(),
		textBold(u.t("week.events")), s.events,
		widget.NewSeparator(),
		textSubheading(u.t("sees.prompts")), textPara(u.t("sees.prompts.intro")), s.prompts,
	))
	return s
}

func (s *parentSeesScreen) content() fyne.CanvasObject { return s.root }

func (s *parentSeesScreen) apply(snap *snapshot) {
	u, lang, sum := s.u, s.u.lang, snap.week
	if lib, err := guide.Default(); err == nil {
		if t, ok := lib.Text(langOr(lang), "what-my-parent-sees"); ok {
			s.title.SetText(t.Title)
			s.body.ParseMarkdown(t.Body)
		}
	} else {
		u.log.Error("guides unreadable", "err", err)
	}
	s.dates.SetText(u.tf("week.dates", teenDayLong(sum.From, lang), teenDayLong(sum.To, lang)))
	s.table.apply(lang, sum)

	s.eventTexts = teenEvents(lang, sum)
	s.events.Objects = teenEventObjects(lang, sum)
	if len(s.events.Objects) == 0 {
		s.eventTexts = []string{u.t("week.events.none")}
		s.events.Objects = []fyne.CanvasObject{textPara(u.t("week.events.none"))}
	}
	s.events.Refresh()

	s.promptTexts = nil
	s.prompts.Objects = nil
	for _, p := range snap.prompts {
		s.prompts.Add(s.promptCard(p, snap.prompts))
	}
	if len(snap.prompts) == 0 {
		s.prompts.Add(textPara(u.t("sees.prompts.none")))
	}
	s.prompts.Refresh()
}

// promptCard shows one prompt as the parent sees it: the topic, when it
// appeared, what was done with it, and the facts behind it; a superseded
// one also names the prompt (in all) that took its place.
func (s *parentSeesScreen) promptCard(p Prompt, all []Prompt) fyne.CanvasObject {
	u, lang := s.u, s.u.lang
	date := teenDayLong(p.Created, lang)
	status := seesStatus(lang, p.Status)
	s.promptTexts = append(s.promptTexts, [3]string{p.Topic, date, status})
	box := container.NewVBox(textPara(u.tf("sees.prompt.when", date, status)))
	if q, ok := replacement(p, all); ok {
		box.Add(teenLine(theme.MailForwardIcon(), u.tf("sees.prompt.superseded", q.Topic, teenDayLong(q.Created, lang))))
	}
	if len(p.Evidence) > 0 {
		box.Add(textBold(u.t("sees.prompt.why")))
		for _, e := range p.Evidence {
			box.Add(teenLine(theme.NavigateNextIcon(), e))
		}
	}
	card := widget.NewCard("", "", container.NewVBox(textSubheading(p.Topic), box))
	return card
}

// seesStatus says a prompt's status in words.
func seesStatus(lang, status string) string {
	switch status {
	case StatusTalked:
		return text(lang, "sees.status.talked")
	case StatusLater:
		return text(lang, "sees.status.later")
	case StatusNotRelevant:
		return text(lang, "sees.status.notRelevant")
	case StatusSuperseded:
		return text(lang, "sees.status.superseded")
	default:
		return text(lang, "sees.status.new")
	}
}

func init() {
	addTexts(map[string][2]string{
		"sees.same":    {"You see exactly what your parent sees. Nothing is hidden from you.", "Jij ziet precies wat je ouder ziet. Er wordt niets voor je verborgen."},
		"sees.numbers": {"The numbers your parent sees", "De cijfers die je ouder ziet"},
		"sees.prompts": {"Conversation prompts your parent sees", "Gespreksideeën die je ouder ziet"},
		"sees.prompts.intro": {"A prompt is an invitation to talk. It doesn't mean you did something wrong. Your parent sees the topic and why it appeared, the same as you see here.",
			"Een gespreksidee is een uitnodiging om te praten. Het betekent niet dat je iets fout hebt gedaan. Je ouder ziet het onderwerp en waarom het gespreksidee er is, precies zoals jij hier."},
		"sees.prompts.none":       {"There are no prompts right now.", "Er zijn nu geen gespreksideeën."},
		"sees.prompt.when":        {"Appeared on %s · %s", "Verschenen op %s · %s"},
		"sees.prompt.why":         {"Why it appeared", "Waarom het gespreksidee er is"},
		"sees.status.new":         {"New", "Nieuw"},
		"sees.status.talked":      {"Talked about", "Besproken"},
		"sees.status.later":       {"Later", "Voor later"},
		"sees.status.notRelevant": {"Not relevant", "Niet van toepassing"},
		"sees.status.superseded":  {"Replaced by a newer prompt", "Vervangen door een nieuwer gespreksidee"},
		"sees.prompt.superseded": {"This prompt was replaced by “%s” (%s), which is about the same install. Your parent sees it the same way.",
			"Dit gespreksidee is vervangen door ‘%s’ (%s), dat over dezelfde installatie gaat. Je ouder ziet het net zo."},
	})
}
