package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/guide"
)

// promptsScreen is the parent's inbox: every conversation prompt as a card
// with why it appeared, the guide for the teen's age and three actions. New
// prompts come first; handled ones follow, greyed, with their status. A
// superseded prompt is among those, closed, without actions, naming the
// prompt that took its place.
type promptsScreen struct {
	u      *UI
	root   *fyne.Container
	scroll *container.Scroll
	msg    *widget.Label // says when an action could not be saved
	list   *fyne.Container

	key   string                 // what the list was last built from
	cards map[string]*promptCard // by prompt id
	open  map[string]bool        // guides the parent has opened, by prompt id

	// The empty state.
	empty    fyne.CanvasObject
	checkIn  *widget.Hyperlink
	checkInG fyne.CanvasObject // the check-in guide, shown when the link is tapped
}

// promptCard is one prompt in the inbox.
type promptCard struct {
	p                          Prompt
	box                        fyne.CanvasObject
	topic, status              *widget.Label
	guide                      *widget.Accordion
	why                        *widget.Accordion // handled prompts only
	talked, later, notRelevant *widget.Button
}

func newPromptsScreen(u *UI) *promptsScreen {
	s := &promptsScreen{u: u, cards: map[string]*promptCard{}, open: map[string]bool{}}
	s.msg = textPara(u.t("inbox.err"))
	s.msg.Importance = widget.DangerImportance
	s.msg.Hide()
	s.list = container.NewVBox()
	s.root = container.NewVBox(s.msg, s.list)
	s.scroll = wizScroll(48, s.root)
	return s
}

func (s *promptsScreen) content() fyne.CanvasObject { return s.scroll }

func (s *promptsScreen) apply(snap *snapshot) {
	band := snap.agreement.AgeBand(snap.now)
	var key strings.Builder
	key.WriteString(s.u.lang + "|" + band + "|" + snap.agreement.Teen)
	for _, p := range snap.prompts {
		key.WriteString("|" + p.ID + "=" + p.Status)
	}
	if key.String() == s.key {
		return
	}
	s.key = key.String()
	for id, c := range s.cards {
		s.open[id] = c.guide.Items[0].Open
		s.open[id+"/why"] = c.why != nil && c.why.Items[0].Open
	}
	s.cards = map[string]*promptCard{}
	s.list.RemoveAll()
	s.empty, s.checkIn, s.checkInG = nil, nil, nil

	var fresh, handled []Prompt
	for _, p := range snap.prompts {
		if p.Status == StatusNew || p.Status == "" {
			fresh = append(fresh, p)
		} else {
			handled = append(handled, p)
		}
	}
	lib, err := guide.Default()
	if err != nil {
		s.u.log.Error("load guides", "err", err)
	}
	if len(fresh) == 0 {
		s.list.Add(s.emptyState(lib, band, len(handled) > 0))
	} else {
		s.list.Add(textHeading(s.u.t("inbox.title")))
		s.list.Add(textPara(s.u.tf("inbox.lead", snap.agreement.Teen)))
		for _, p := range fresh {
			s.list.Add(s.card(p, snap.prompts, lib, band))
		}
	}
	if len(handled) > 0 {
		s.list.Add(widget.NewSeparator())
		s.list.Add(textSubheading(s.u.t("inbox.earlier")))
		for _, p := range handled {
			s.list.Add(s.card(p, snap.prompts, lib, band))
		}
	}
	s.list.Refresh()
}

// emptyState is a calm sentence and a link to the check-in guide.
func (s *promptsScreen) emptyState(lib *guide.Library, band string, hasEarlier bool) fyne.CanvasObject {
	u := s.u
	s.checkInG = promptGuideText(u, lib, "check-in", band)
	s.checkInG.Hide()
	s.checkIn = widget.NewHyperlink(u.t("inbox.checkin"), nil)
	s.checkIn.OnTapped = func() {
		if s.checkInG.Visible() {
			s.checkInG.Hide()
		} else {
			s.checkInG.Show()
		}
	}
	lead := u.t("inbox.empty")
	if hasEarlier {
		lead = u.t("inbox.empty.earlier")
	}
	s.empty = container.NewVBox(
		wizBeside(widget.NewIcon(theme.ConfirmIcon()), textHeading(u.t("inbox.empty.title"))),
		textPara(lead),
		textPara(u.t("inbox.empty.more")),
		container.NewHBox(widget.NewIcon(theme.DocumentIcon()), s.checkIn),
		s.checkInG,
	)
	return s.empty
}

// promptGuideText is guide id for the age band, in the UI's language (or
// English when it is missing there), as rich text.
func promptGuideText(u *UI, lib *guide.Library, id, band string) fyne.CanvasObject {
	if lib != nil {
		g, ok := lib.Find(u.lang, id, band)
		if !ok {
			g, ok = lib.Find("en", id, band)
		}
		if ok {
			rt := widget.NewRichTextFromMarkdown(g.Body)
			rt.Wrapping = fyne.TextWrapWord
			return rt
		}
	}
	return textPara(u.t("inbox.noguide"))
}

func promptGuideTitle(u *UI, lib *guide.Library, id, band string) string {
	if lib != nil {
		if g, ok := lib.Find(u.lang, id, band); ok {
			return u.tf("inbox.guide", g.Title)
		}
		if g, ok := lib.Find("en", id, band); ok {
			return u.tf("inbox.guide", g.Title)
		}
	}
	return u.tf("inbox.guide", id)
}

// card builds one prompt's card. A new prompt is a full card; a handled one
// is a quieter grey panel that leads with its status, with why it appeared
// folded away. all is every prompt, to name the one that superseded p.
func (s *promptsScreen) card(p Prompt, all []Prompt, lib *guide.Library, band string) fyne.CanvasObject {
	u := s.u
	c := &promptCard{p: p}
	handled := p.Status != StatusNew && p.Status != ""
	date := fmtDate(p.Created, u.lang)
	why := container.NewVBox()
	for _, e := range p.Evidence {
		why.Add(wizBeside(widget.NewIcon(theme.InfoIcon()), textPara(e)))
	}
	c.guide = widget.NewAccordion(widget.NewAccordionItem(promptGuideTitle(u, lib, p.Guide, band), promptGuideText(u, lib, p.Guide, band)))
	if s.open[p.ID] {
		c.guide.Open(0)
	}
	c.talked = widget.NewButtonWithIcon(u.t("inbox.talked"), theme.ConfirmIcon(), func() { s.onStatus(c.talked, p.ID, StatusTalked) })
	c.later = widget.NewButtonWithIcon(u.t("inbox.later"), theme.HistoryIcon(), func() { s.onStatus(c.later, p.ID, StatusLater) })
	c.notRelevant = widget.NewButtonWithIcon(u.t("inbox.notrelevant"), theme.CancelIcon(), func() { s.onStatus(c.notRelevant, p.ID, StatusNotRelevant) })
	actions := container.NewHBox(c.talked, c.later, c.notRelevant)
	s.cards[p.ID] = c

	if !handled {
		c.talked.Importance = widget.HighImportance
		c.topic = textSubheading(p.Topic)
		c.status = textNote(date)
		c.box = widget.NewCard("", "", container.NewVBox(c.topic, c.status, textBold(u.t("inbox.why")), why, c.guide, actions))
		return c.box
	}

	for st, b := range map[string]*widget.Button{StatusTalked: c.talked, StatusLater: c.later, StatusNotRelevant: c.notRelevant} {
		if st == p.Status {
			b.Hide()
		}
		b.Importance = widget.LowImportance
	}
	icon := theme.ConfirmIcon()
	status := u.t("inbox.status." + p.Status)
	switch p.Status {
	case StatusLater:
		icon = theme.HistoryIcon()
	case StatusNotRelevant:
		icon = theme.CancelIcon()
	case StatusSuperseded:
		// closed for good: it is talked about through the prompt that replaced it
		icon = theme.MailForwardIcon()
		actions.Hide()
		if q, ok := replacement(p, all); ok {
			status = u.tf("inbox.status.superseded.by", q.Topic, fmtDate(q.Created, u.lang))
		}
	}
	c.topic = textBold(p.Topic)
	c.status = textNote(status + " · " + date)
	whyItem := widget.NewAccordionItem(u.t("inbox.why"), why)
	c.why = widget.NewAccordion(whyItem)
	if s.open[p.ID+"/why"] {
		c.why.Open(0)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	c.box = container.NewStack(bg, container.NewPadded(container.NewVBox(
		wizBeside(widget.NewIcon(icon), c.topic), c.status, c.why, c.guide, actions)))
	return c.box
}

// onStatus stores what the parent did with a prompt (pressing btn) and refreshes.
func (s *promptsScreen) onStatus(btn *widget.Button, id, status string) {
	busy(s.u, btn, func(ctx context.Context) (*snapshot, error) {
		return s.u.loaded(ctx, s.u.src.SetPromptStatus(ctx, id, status))
	}, func(snap *snapshot, err error) {
		if err != nil {
			s.u.log.Error("set prompt status", "err", err, "status", status)
			s.msg.Show()
			return
		}
		s.msg.Hide()
		s.u.apply(snap)
	})
}

func init() {
	addTexts(map[string][2]string{
		"inbox.title": {"Things to talk about", "Om over te praten"},
		"inbox.lead": {"A prompt is an invitation to talk, not a sign that something is wrong. Take your time, and pick a relaxed moment. %s sees these prompts too, and why they appeared.",
			"Een gespreksidee is een uitnodiging om te praten, geen teken dat er iets mis is. Neem de tijd en kies een rustig moment. %s ziet deze gespreksideeën ook, en waarom ze verschenen."},
		"inbox.earlier":             {"Earlier", "Eerder"},
		"inbox.why":                 {"Why this appeared", "Waarom dit verscheen"},
		"inbox.guide":               {"Guide: %s", "Gids: %s"},
		"inbox.noguide":             {"The guide for this prompt can't be shown right now.", "De gids bij dit gespreksidee kan nu niet worden getoond."},
		"inbox.talked":              {"We talked about it", "We hebben erover gepraat"},
		"inbox.later":               {"Later", "Later"},
		"inbox.notrelevant":         {"Not relevant", "Niet van toepassing"},
		"inbox.status.talked":       {"You talked about it", "Jullie hebben erover gepraat"},
		"inbox.status.later":        {"Saved for later", "Bewaard voor later"},
		"inbox.status.not-relevant": {"Marked as not relevant", "Niet van toepassing"},
		"inbox.status.superseded": {"Replaced by a newer prompt about the same install",
			"Vervangen door een nieuwer gespreksidee over dezelfde installatie"},
		"inbox.status.superseded.by": {"Replaced by “%s” (%s), about the same install",
			"Vervangen door ‘%s’ (%s), over dezelfde installatie"},
		"inbox.err": {"That couldn't be saved. Try again in a moment.",
			"Dat kon niet worden bewaard. Probeer het zo nog eens."},
		"inbox.empty.title": {"Nothing to talk about right now", "Nu even niets om over te praten"},
		"inbox.empty": {"There are no conversation prompts at the moment. That's normal, and most weeks are like this.",
			"Er zijn op dit moment geen gespreksideeën. Dat is normaal; de meeste weken gaan zo."},
		"inbox.empty.earlier": {"You've handled every prompt. They are listed below.",
			"Je hebt alle gespreksideeën afgehandeld. Ze staan hieronder."},
		"inbox.empty.more": {"A relaxed chat about life online is still a good idea now and then, so it stays normal to talk about it.",
			"Een ontspannen gesprek over online leven is af en toe toch een goed idee, zodat praten erover gewoon blijft."},
		"inbox.checkin": {"Read the guide for a check-in chat", "Lees de gids voor een gewoon gesprekje"},
	})
}
