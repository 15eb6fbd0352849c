package ui

import (
	"image/color"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/guide"
)

// helpScreen is "Get help now": what to do when something feels wrong, the
// help lines for the family's country (or lines that work in many countries),
// and, clearly apart, what to do when someone threatens to share images. It
// needs no agreement, so the error page can show it too.
type helpScreen struct {
	u      *UI
	root   fyne.CanvasObject
	scroll *container.Scroll
	box    *fyne.Container

	built string // country and language the page was built for

	// for tests
	country   string
	known     bool                      // the country has help lines of its own
	shown     []string                  // names of the help lines in the first list, in order
	copyBtns  map[string]*widget.Button // by phone number
	noCountry *widget.Label             // shown when the country has no lines of its own
	images    fyne.CanvasObject         // the images section
	lines     fyne.CanvasObject         // the heading of the help lines
	jump      *widget.Button            // to the images section
	jumpLines *widget.Button            // to the help lines
}

func newHelpScreen(u *UI) *helpScreen {
	s := &helpScreen{u: u}
	s.box = container.NewVBox()
	s.scroll = teenPage(s.box)
	s.root = s.scroll
	return s
}

func (s *helpScreen) content() fyne.CanvasObject { return s.root }

func (s *helpScreen) apply(snap *snapshot) {
	cc := ""
	if snap != nil && snap.hasAgreement {
		cc = snap.agreement.Country
	}
	s.build(cc)
}

// standalone is the help page on its own, without an agreement (shown from
// the error page): the lines that work in many countries.
func (s *helpScreen) standalone() fyne.CanvasObject {
	s.build("")
	return s.content()
}

// build fills the page for country cc; it keeps the page (and where it is
// scrolled to) when nothing changed.
func (s *helpScreen) build(cc string) {
	u, lang := s.u, langOr(s.u.lang)
	key := lang + "|" + cc
	if key == s.built {
		return
	}
	s.built = key
	s.country = cc
	s.copyBtns = map[string]*widget.Button{}
	s.shown = nil

	lib, err := guide.Default()
	if err != nil {
		u.log.Error("guides unreadable", "err", err)
	}
	teenText := func(id string) guide.Text {
		if lib != nil {
			if t, ok := lib.Text(lang, id); ok {
				return t
			}
		}
		return guide.Text{Title: u.t("help.now")}
	}
	res, known, err := guide.ForCountry(cc)
	if err != nil {
		u.log.Error("help lines unreadable", "err", err)
	}
	if cc == "" {
		known = false
	}
	s.known = known

	help, images := teenText("get-help-now"), teenText("image-threats")
	s.jump = widget.NewButtonWithIcon(images.Title, theme.NavigateNextIcon(), func() { s.scrollTo(s.images) })
	s.jumpLines = widget.NewButtonWithIcon(u.t("help.toLines"), theme.NavigateNextIcon(), func() { s.scrollTo(s.lines) })
	s.jumpLines.Importance = widget.HighImportance
	objs := []fyne.CanvasObject{
		textHeading(help.Title),
		teenInset(teenWrapRow(s.jumpLines, s.jump)),
		teenMarkdown(help.Body),
		widget.NewSeparator(),
	}

	var own, intl, parents []guide.Resource
	for _, r := range res {
		switch {
		case r.Audience == "parent":
			parents = append(parents, r)
		case r.Country == guide.International:
			intl = append(intl, r)
		default:
			own = append(own, r)
		}
	}
	s.noCountry = textBold(u.t("help.unknown"))
	if cc == "" {
		s.noCountry.SetText(u.t("help.nocountry")) // no agreement to read the country from
	}
	if known {
		s.noCountry.Hide()
		s.lines = textSubheading(u.tf("help.in", helpCountryName(lang, cc)))
		objs = append(objs, s.lines)
		objs = append(objs, s.cards(own, true)...)
		objs = append(objs, textSubheading(u.t("help.intl")))
	} else {
		s.lines = textSubheading(u.t("help.intl"))
		objs = append(objs, s.lines, s.noCountry)
	}
	objs = append(objs, s.cards(intl, true)...)
	if len(parents) > 0 {
		objs = append(objs, textSubheading(u.t("help.parents")), textPara(u.t("help.parents.intro")))
		objs = append(objs, s.cards(parents, false)...)
	}

	// what to do when someone threatens to share images, clearly apart
	section := container.NewVBox(textHeading(images.Title), teenMarkdown(images.Body))
	s.images = section
	var forImages []guide.Resource
	for _, r := range res {
		if r.Audience != "parent" {
			forImages = append(forImages, r)
		}
	}
	slices.SortStableFunc(forImages, func(a, b guide.Resource) int { return helpImageRank(a.Kind) - helpImageRank(b.Kind) })
	objs = append(objs, helpDivider(), section, textSubheading(u.t("help.images.lines")))
	objs = append(objs, s.cards(forImages, false)...)

	s.box.Objects = objs
	s.box.Refresh()
	s.scroll.ScrollToTop()
}

// scrollTo scrolls the page so that o, a part of the page, is at the top.
func (s *helpScreen) scrollTo(o fyne.CanvasObject) {
	if o == nil {
		return
	}
	s.scroll.ScrollToOffset(fyne.NewPos(0, o.Position().Y+s.box.Position().Y))
}

// helpImageRank orders the lines under the images section: taking images
// down and reporting first, then people to talk to, the emergency number last.
func helpImageRank(kind string) int {
	order := []string{"removal", "report", "victim-support", "child-helpline", "crisis", "emergency"}
	if i := slices.Index(order, kind); i >= 0 {
		return i
	}
	return len(order)
}

// cards makes one card per help line. record says whether the lines count
// as the page's main list (for tests).
func (s *helpScreen) cards(rs []guide.Resource, record bool) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, r := range rs {
		if record {
			s.shown = append(s.shown, r.Name)
		}
		out = append(out, s.card(r))
	}
	return out
}

// card is one help line: name and kind, what it is for, phone with a copy
// button, web address, hours, and a note when the entry is not verified.
// Only the emergency line gets a colour: a red edge.
func (s *helpScreen) card(r guide.Resource) fyne.CanvasObject {
	u, lang := s.u, langOr(s.u.lang)
	name := textSubheading(r.Name)
	box := container.NewVBox(name, textNote(u.t("help.kind."+r.Kind)), textPara(r.For(lang)))
	if r.Phone != "" {
		num := widget.NewLabelWithStyle(r.Phone, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		num.SizeName = theme.SizeNameSubHeadingText
		var btn *widget.Button
		btn = widget.NewButtonWithIcon(u.t("help.copy"), theme.ContentCopyIcon(), func() {
			s.clipboard().SetContent(r.Phone)
			btn.SetText(u.t("help.copied"))
		})
		if _, dup := s.copyBtns[r.Phone]; !dup {
			s.copyBtns[r.Phone] = btn
		}
		box.Add(teenWrapRow(widget.NewLabel(u.t("help.phone")), num, btn))
	}
	if r.URL != "" {
		if link, err := url.Parse(r.URL); err == nil {
			shown := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(r.URL, "https://"), "http://"), "/")
			box.Add(teenWrapRow(widget.NewLabel(u.t("help.web")), widget.NewHyperlink(shown, link)))
		}
	}
	if h := r.Hours(lang); h != "" {
		box.Add(textPara(u.tf("help.hours", h)))
	}
	if !r.Verified() {
		n := textNote(langOf(u.lang).T("resource.unverified"))
		n.TextStyle.Italic = true
		box.Add(n)
	}
	var content fyne.CanvasObject = box
	if r.Kind == "emergency" {
		name.Importance = widget.DangerImportance
		edge := canvas.NewRectangle(theme.Color(theme.ColorNameError))
		edge.SetMinSize(fyne.NewSize(theme.Padding()*1.5, 0))
		content = container.NewBorder(nil, nil, edge, nil, container.NewPadded(box))
	}
	return widget.NewCard("", "", content)
}

// clipboard is the app's clipboard.
func (s *helpScreen) clipboard() fyne.Clipboard {
	if s.u.app != nil {
		return s.u.app.Clipboard()
	}
	return fyne.CurrentApp().Clipboard()
}

// helpDivider is a clear break between the help lines and the images section.
func helpDivider() fyne.CanvasObject {
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(0, theme.Padding()*4))
	return container.NewVBox(gap, widget.NewSeparator(), widget.NewSeparator(), gap)
}

// helpCountryName is the country's name for "Help in …".
func helpCountryName(lang, cc string) string {
	names := map[string][2]string{
		"NL": {"the Netherlands", "Nederland"},
		"BE": {"Belgium", "België"},
		"DE": {"Germany", "Duitsland"},
		"GB": {"the United Kingdom", "het Verenigd Koninkrijk"},
		"UK": {"the United Kingdom", "het Verenigd Koninkrijk"},
		"US": {"the United States", "de Verenigde Staten"},
		"CA": {"Canada", "Canada"},
		"AU": {"Australia", "Australië"},
		"IE": {"Ireland", "Ierland"},
	}
	n, ok := names[strings.ToUpper(cc)]
	if !ok {
		return text(lang, "help.yourCountry")
	}
	if lang == "nl" {
		return n[1]
	}
	return n[0]
}

func init() {
	addTexts(map[string][2]string{
		"help.in":          {"Help in %s", "Hulp in %s"},
		"help.yourCountry": {"your country", "jouw land"},
		"help.intl":        {"Help in many countries", "Hulp in veel landen"},
		"help.unknown": {"TalkFirst doesn't have help lines for your country yet. These services work in many countries. If you're in danger right now, call your local emergency number.",
			"TalkFirst heeft nog geen hulplijnen voor jouw land. Deze diensten werken in veel landen. Ben je nu in gevaar? Bel dan het alarmnummer van je land."},
		"help.nocountry": {"TalkFirst can't tell which country you're in right now, so these are services that work in many countries. If you're in danger right now, call your local emergency number.",
			"TalkFirst weet nu niet in welk land je bent. Daarom staan hier diensten die in veel landen werken. Ben je nu in gevaar? Bel dan het alarmnummer van je land."},
		"help.parents":       {"For parents", "Voor ouders"},
		"help.parents.intro": {"These are meant for adults. You can show them to your parent or another adult who helps you.", "Deze zijn bedoeld voor volwassenen. Je kunt ze laten zien aan je ouder of een andere volwassene die je helpt."},
		"help.images.lines":  {"Who can help with this", "Wie je hierbij kan helpen"},
		"help.toLines":       {"Help lines", "Hulplijnen"},
		"help.copy":          {"Copy number", "Nummer kopiëren"},
		"help.copied":        {"Copied", "Gekopieerd"},
		"help.phone":         {"Phone:", "Telefoon:"},
		"help.web":           {"Website:", "Website:"},
		"help.hours":         {"When: %s", "Wanneer: %s"},

		"help.kind.emergency":       {"Emergency number", "Alarmnummer"},
		"help.kind.crisis":          {"Crisis line: when you think about hurting yourself", "Crisislijn: als je eraan denkt jezelf pijn te doen"},
		"help.kind.child-helpline":  {"Help line for children and teens", "Hulplijn voor kinderen en jongeren"},
		"help.kind.parent-helpline": {"Help line for parents", "Hulplijn voor ouders"},
		"help.kind.victim-support":  {"Support when something bad happened to you", "Steun als je iets naars is overkomen"},
		"help.kind.report":          {"Report it", "Melden"},
		"help.kind.removal":         {"Get pictures taken down", "Beelden laten verwijderen"},
	})
}
