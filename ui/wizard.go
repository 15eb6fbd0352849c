package ui

import (
	"context"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// wizardScreen is setting up together on first run: welcome, what is seen and
// never seen, who's who, choices, the agreement with both checks and the PIN,
// then starting the agent and a summary to print. The family's answers live
// in st, so the screen can be rebuilt (a language switch) without losing them.
type wizardScreen struct {
	u    *UI
	root *fyne.Container // stable; build replaces what is inside

	step int
	st   wizardState

	saving   bool               // the PIN is hashed and the agreement saved, off the fyne goroutine
	saved    *consent.Agreement // set once SaveAgreement succeeded
	startErr error              // from StartAgent
	ranHere  bool               // RunAgentHere succeeded
	runErr   error              // from RunAgentHere
	finished bool               // "Open TalkFirst" was pressed

	// Navigation, on every step.
	back, next, start, open *widget.Button
	hint                    *widget.Label
	// Welcome and who's who.
	langSel *widget.Select
	// Who's who.
	name, otherCode *widget.Entry
	age, country    *widget.Select
	// Choices.
	nightFrom, nightTo, retention *widget.Select
	schoolWork                    *widget.Check
	// Agreement.
	teenCheck, parentCheck *widget.Check
	pin, pinAgain          *widget.Entry
	// Last step.
	runHere, retry, print *widget.Button
	printMsg              *widget.Label
}

// wizardState is what the family has answered so far.
type wizardState struct {
	name       string
	age        int    // 0 until chosen
	country    string // two letters, wizOther for another country, "" until chosen
	otherCode  string
	lang       string
	night      store.NightHours
	retention  int // days
	schoolWork bool
	// When each ticked "I understand and agree"; zero when not ticked.
	teenAgreed, parentAgreed time.Time
	pin, pinAgain            string
}

// The wizard's steps.
const (
	wizWelcome = iota
	wizSees
	wizWho
	wizChoices
	wizAgree
	wizDone
)

const wizOther = "other"

// wizCountries are the countries with their own help lines, in this order.
var wizCountries = []string{"NL", "BE", "DE", "GB", "US", "CA", "AU", "IE"}

// wizRetentionWeeks are the choices for how long data is kept.
var wizRetentionWeeks = []int{2, 4, 8, 12}

func newWizardScreen(u *UI) *wizardScreen {
	s := &wizardScreen{u: u, root: container.NewStack()}
	s.st = wizardState{
		lang:       langOr(u.lang),
		night:      store.DefaultNight,
		retention:  consent.DefaultRetentionDays,
		schoolWork: true,
	}
	s.build()
	return s
}

func (s *wizardScreen) content() fyne.CanvasObject { return s.root }

// apply has nothing to copy: the wizard shows what the family types.
func (s *wizardScreen) apply(*snapshot) {}

// holding reports whether the wizard must stay on screen although an
// agreement now exists: from saving it until the family opens the app, so the
// start result and the summary to print are not swept away by a refresh.
func (s *wizardScreen) holding() bool { return (s.saving || s.saved != nil) && !s.finished }

func (s *wizardScreen) t(key string) string            { return s.u.t(key) }
func (s *wizardScreen) tf(key string, a ...any) string { return s.u.tf(key, a...) }

// build lays out the current step.
func (s *wizardScreen) build() {
	s.hint = textPara("")
	s.back = widget.NewButtonWithIcon(s.u.t("back"), theme.NavigateBackIcon(), s.onBack)
	s.next = widget.NewButtonWithIcon(s.t("wiz.next"), theme.NavigateNextIcon(), s.onNext)
	s.next.IconPlacement = widget.ButtonIconTrailingText
	s.next.Importance = widget.HighImportance
	s.start = widget.NewButtonWithIcon(s.t("wiz.start"), theme.ConfirmIcon(), s.onStart)
	s.start.Importance = widget.HighImportance
	s.open = widget.NewButtonWithIcon(s.t("wiz.open"), theme.HomeIcon(), s.onOpen)
	s.open.Importance = widget.HighImportance
	s.print = widget.NewButtonWithIcon(s.t("wiz.print"), theme.DocumentPrintIcon(), s.onPrint)
	s.printMsg = textPara("")

	var body fyne.CanvasObject
	switch s.step {
	case wizWelcome:
		body = s.welcomeStep()
		s.next.SetText(s.t("wiz.begin"))
	case wizSees:
		body = s.seesStep()
	case wizWho:
		body = s.whoStep()
	case wizChoices:
		body = s.choicesStep()
	case wizAgree:
		body = s.agreeStep()
	default:
		body = s.doneStep()
	}

	var nav fyne.CanvasObject
	switch s.step {
	case wizWelcome:
		nav = container.NewBorder(nil, nil, nil, s.next, s.hint)
	case wizAgree:
		nav = container.NewBorder(nil, nil, s.back, s.start, s.hint)
	case wizDone:
		nav = container.NewBorder(nil, nil, s.print, s.open, s.printMsg)
	default:
		nav = container.NewBorder(nil, nil, s.back, s.next, s.hint)
	}
	var top fyne.CanvasObject
	brand := widget.NewLabelWithStyle("TalkFirst", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if s.step < wizDone {
		top = container.NewBorder(nil, nil, brand, widget.NewLabel(s.tf("wiz.step", s.step+1, wizDone)))
	} else {
		top = brand
	}
	s.root.Objects = []fyne.CanvasObject{container.NewBorder(
		container.NewVBox(container.NewPadded(top), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), container.NewPadded(nav)),
		nil, nil,
		wizScroll(40, body),
	)}
	s.root.Refresh()
	s.updateNav()
}

// updateNav enables Next or Start only when the step is complete, and says
// what is still missing.
func (s *wizardScreen) updateNav() {
	ok, why := s.complete(s.step)
	for _, b := range []*widget.Button{s.next, s.start} {
		if s.u.isBusy(b) {
			continue
		}
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if s.step == wizWelcome || s.saving {
		s.back.Disable()
	}
	if ok {
		s.hint.SetText("")
	} else {
		s.hint.SetText(why)
	}
}

var wizCodeRe = regexp.MustCompile(`^[A-Za-z]{2}$`)

// complete reports whether step is done, and if not, what is missing in words.
func (s *wizardScreen) complete(step int) (bool, string) {
	st := s.st
	switch step {
	case wizWho:
		name := strings.TrimSpace(st.name)
		switch {
		case name == "":
			return false, s.t("wiz.need.name")
		case utf8.RuneCountInString(name) > 40 || strings.ContainsAny(name, "\n\r\t"):
			return false, s.t("wiz.need.namelong")
		case st.age < consent.MinAge || st.age > consent.MaxAge:
			return false, s.t("wiz.need.age")
		case st.country == "":
			return false, s.t("wiz.need.country")
		case st.country == wizOther && !wizCodeRe.MatchString(strings.TrimSpace(st.otherCode)):
			return false, s.t("wiz.need.code")
		}
	case wizChoices:
		if st.night.Start == st.night.End {
			return false, s.t("wiz.need.night")
		}
	case wizAgree:
		for i := wizWho; i < wizAgree; i++ {
			if ok, why := s.complete(i); !ok {
				return false, why
			}
		}
		switch {
		case st.teenAgreed.IsZero():
			return false, s.tf("wiz.need.teen", strings.TrimSpace(st.name))
		case st.parentAgreed.IsZero():
			return false, s.t("wiz.need.parent")
		case utf8.RuneCountInString(st.pin) < 4:
			return false, s.t("wiz.need.pin")
		case utf8.RuneCountInString(st.pin) > 64:
			return false, s.t("wiz.need.pinlong")
		case st.pin != st.pinAgain:
			return false, s.t("wiz.need.pinmatch")
		}
	case wizDone:
		return s.saved != nil, ""
	}
	return true, ""
}

func (s *wizardScreen) onBack() {
	if s.step == wizWelcome || s.step == wizDone || s.saving {
		return
	}
	s.step--
	s.build()
}

func (s *wizardScreen) onNext() {
	if ok, _ := s.complete(s.step); !ok || s.step >= wizAgree {
		return
	}
	s.step++
	s.build()
}

// draft is the agreement as answered, without the PIN.
func (s *wizardScreen) draft() consent.Agreement {
	st := s.st
	a := consent.New(s.u.now())
	a.Teen = strings.TrimSpace(st.name)
	a.Age = st.age
	a.Country = st.country
	if st.country == wizOther {
		a.Country = strings.ToUpper(strings.TrimSpace(st.otherCode))
	}
	a.Lang = st.lang
	a.Night = st.night
	a.RetentionDays = st.retention
	a.SchoolWorkPrompts = st.schoolWork
	a.TeenAgreed, a.ParentAgreed = st.teenAgreed, st.parentAgreed
	return a
}

// wizStarted is what onStart's work did.
type wizStarted struct {
	a        consent.Agreement // as saved, with the PIN's hash
	badPIN   bool              // the PIN could not be hashed; nothing was saved
	startErr error             // from StartAgent, once the agreement is saved
}

// onStart hashes the PIN, saves the agreement and starts the agent, off the
// fyne goroutine. It does nothing unless both have agreed and the two PINs
// match.
func (s *wizardScreen) onStart() {
	if s.saved != nil || s.saving {
		return
	}
	if ok, _ := s.complete(wizAgree); !ok {
		return
	}
	a, pin := s.draft(), s.st.pin
	s.saving = true
	s.back.Disable()
	busy(s.u, s.start, func(ctx context.Context) (wizStarted, error) {
		h, err := consent.HashPIN(pin)
		if err != nil {
			return wizStarted{badPIN: true}, err
		}
		a.PIN = h
		if err := s.u.src.SaveAgreement(ctx, a, words.New(words.AgreementMade, words.Teen())); err != nil {
			return wizStarted{}, err
		}
		return wizStarted{a: a, startErr: s.startAgent(ctx)}, nil
	}, func(r wizStarted, err error) {
		s.saving = false
		switch {
		case r.badPIN:
			s.hint.SetText(s.t("wiz.need.pin"))
		case err != nil:
			s.u.log.Error("save agreement", "err", err)
			s.hint.SetText(s.t("wiz.err.save"))
		}
		if err != nil {
			s.back.Enable()
			return
		}
		s.saved = &r.a
		s.st.pin, s.st.pinAgain = "", ""
		s.startErr = r.startErr
		s.step = wizDone
		s.build()
	})
}

// startAgent starts the agent as a service; it runs off the fyne goroutine.
func (s *wizardScreen) startAgent(ctx context.Context) error {
	method, err := s.u.src.StartAgent(ctx)
	if err != nil {
		s.u.log.Warn("agent did not start", "err", err)
		return err
	}
	s.u.log.Info("agent started", "method", method)
	return nil
}

func (s *wizardScreen) onRetry() {
	busy(s.u, s.retry, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.startAgent(ctx)
	}, func(_ struct{}, err error) {
		s.startErr = err
		s.build()
	})
}

func (s *wizardScreen) onRunHere() {
	busy(s.u, s.runHere, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.u.src.RunAgentHere(ctx)
	}, func(_ struct{}, err error) {
		s.runErr = err
		s.ranHere = err == nil
		if err != nil {
			s.u.log.Error("run agent in the app", "err", err)
		}
		s.build()
	})
}

// onOpen leaves the wizard for the app itself.
func (s *wizardScreen) onOpen() {
	if s.saved == nil {
		return
	}
	s.finished = true
	s.u.reload(s.open)
}

func (s *wizardScreen) onLang(code string) {
	if code == s.st.lang {
		return
	}
	s.st.lang = code
	s.u.lang = code
	s.build()
}

// forget clears both agreements: the terms they agreed to changed.
func (s *wizardScreen) forget() {
	s.st.teenAgreed, s.st.parentAgreed = time.Time{}, time.Time{}
}

// --- steps ---

func (s *wizardScreen) langSelect() *widget.Select {
	names := []string{"English", "Nederlands"}
	codes := []string{"en", "nl"}
	sel := widget.NewSelect(names, nil)
	for i, c := range codes {
		if c == s.st.lang {
			sel.Selected = names[i]
		}
	}
	sel.OnChanged = func(v string) {
		for i, n := range names {
			if n == v {
				s.onLang(codes[i])
			}
		}
	}
	s.langSel = sel
	return sel
}

func (s *wizardScreen) welcomeStep() fyne.CanvasObject {
	lang := container.NewBorder(nil, nil, widget.NewIcon(theme.SettingsIcon()), nil,
		container.NewHBox(widget.NewLabel(s.t("wiz.lang")), s.langSelect()))
	return container.NewVBox(
		textHeading(s.t("wiz.title")),
		textSubheading(s.t("wiz.welcome.lead")),
		textPara(s.t("wiz.welcome.who")),
		wizBullet(theme.AccountIcon(), s.t("wiz.welcome.together")),
		wizBullet(theme.HistoryIcon(), s.t("wiz.welcome.time")),
		widget.NewSeparator(),
		lang,
	)
}

func (s *wizardScreen) seesStep() fyne.CanvasObject {
	yes := widget.NewCard(s.t("wiz.sees.yes"), "", wizBullets(theme.VisibilityIcon(),
		s.t("wiz.sees.y1"), s.t("wiz.sees.y2"), s.t("wiz.sees.y3")))
	no := widget.NewCard(s.t("wiz.sees.no"), "", wizBullets(theme.VisibilityOffIcon(),
		s.t("wiz.sees.n1"), s.t("wiz.sees.n2"), s.t("wiz.sees.n3"), s.t("wiz.sees.n4"), s.t("wiz.sees.n5"), s.t("wiz.sees.n6")))
	return container.NewVBox(
		textHeading(s.t("wiz.sees.title")),
		yes, no,
		wizBullet(theme.ComputerIcon(), s.t("wiz.sees.local")),
		wizBullet(theme.AccountIcon(), s.t("wiz.sees.same")),
	)
}

func (s *wizardScreen) whoStep() fyne.CanvasObject {
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder(s.t("wiz.who.name.ph"))
	s.name.Text = s.st.name
	s.name.OnChanged = func(v string) {
		if v != s.st.name {
			s.st.name = v
			s.forget()
		}
		s.updateNav()
	}

	ages := make([]string, 0, consent.MaxAge-consent.MinAge+1)
	for a := consent.MinAge; a <= consent.MaxAge; a++ {
		ages = append(ages, strconv.Itoa(a))
	}
	s.age = widget.NewSelect(ages, nil)
	s.age.PlaceHolder = s.t("wiz.who.choose")
	if s.st.age != 0 {
		s.age.Selected = strconv.Itoa(s.st.age)
	}
	s.age.OnChanged = func(v string) {
		n, _ := strconv.Atoi(v)
		if n != s.st.age {
			s.st.age = n
			s.forget()
		}
		s.updateNav()
	}

	var names []string
	for _, c := range wizCountries {
		names = append(names, s.t("wiz.c."+c))
	}
	names = append(names, s.t("wiz.who.other"))
	codes := append(append([]string{}, wizCountries...), wizOther)
	s.otherCode = widget.NewEntry()
	s.otherCode.SetPlaceHolder("FR")
	s.otherCode.Text = s.st.otherCode
	codeField := wizField(s.t("wiz.who.code"), s.otherCode, "")
	s.otherCode.OnChanged = func(v string) {
		if v != s.st.otherCode {
			s.st.otherCode = v
			s.forget()
		}
		s.updateNav()
	}
	s.country = widget.NewSelect(names, nil)
	s.country.PlaceHolder = s.t("wiz.who.choose")
	for i, c := range codes {
		if c == s.st.country {
			s.country.Selected = names[i]
		}
	}
	if s.st.country != wizOther {
		codeField.Hide()
	}
	s.country.OnChanged = func(v string) {
		for i, n := range names {
			if n == v && codes[i] != s.st.country {
				s.st.country = codes[i]
				s.forget()
			}
		}
		if s.st.country == wizOther {
			codeField.Show()
		} else {
			codeField.Hide()
		}
		s.updateNav()
	}

	return container.NewVBox(
		textHeading(s.t("wiz.who.title")),
		textPara(s.t("wiz.who.lead")),
		wizField(s.t("wiz.who.name"), s.name, s.t("wiz.who.name.note")),
		wizField(s.t("wiz.who.age"), container.NewHBox(s.age), s.t("wiz.who.age.note")),
		wizField(s.t("wiz.who.country"), s.country, s.t("wiz.who.country.note")),
		codeField,
		wizField(s.t("wiz.lang"), s.langSelect(), ""),
	)
}

// wizHourOptions are the whole hours of the day, plus cur when it is not on the hour.
func wizHourOptions(cur int) []string {
	var out []string
	for h := 0; h < 24; h++ {
		out = append(out, wizClock(h*60))
		if cur > h*60 && cur < (h+1)*60 {
			out = append(out, wizClock(cur))
		}
	}
	return out
}

func wizClock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func wizParseClock(s string) (int, bool) {
	var h, m int
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// wizRetentionText writes a retention as weeks when it is whole weeks.
func wizRetentionText(days int, lang string) string {
	if days%7 == 0 {
		return fmt.Sprintf(text(lang, "wiz.weeks"), days/7)
	}
	return fmt.Sprintf(text(lang, "wiz.days"), days)
}

// wizRetentionOptions lists the retention choices as text, with cur added
// when it is not one of them; days maps the text back.
func wizRetentionOptions(cur int, lang string) (opts []string, days map[string]int) {
	days = map[string]int{}
	list := make([]int, 0, len(wizRetentionWeeks)+1)
	for _, w := range wizRetentionWeeks {
		list = append(list, w*7)
	}
	found := false
	for _, d := range list {
		found = found || d == cur
	}
	if !found && cur > 0 {
		list = append(list, cur)
		for i := len(list) - 1; i > 0 && list[i] < list[i-1]; i-- {
			list[i], list[i-1] = list[i-1], list[i]
		}
	}
	for _, d := range list {
		t := wizRetentionText(d, lang)
		opts = append(opts, t)
		days[t] = d
	}
	return opts, days
}

func (s *wizardScreen) choicesStep() fyne.CanvasObject {
	s.nightFrom = widget.NewSelect(wizHourOptions(s.st.night.Start), nil)
	s.nightFrom.Selected = wizClock(s.st.night.Start)
	s.nightFrom.OnChanged = func(v string) {
		if m, ok := wizParseClock(v); ok && m != s.st.night.Start {
			s.st.night.Start = m
			s.forget()
		}
		s.updateNav()
	}
	s.nightTo = widget.NewSelect(wizHourOptions(s.st.night.End), nil)
	s.nightTo.Selected = wizClock(s.st.night.End)
	s.nightTo.OnChanged = func(v string) {
		if m, ok := wizParseClock(v); ok && m != s.st.night.End {
			s.st.night.End = m
			s.forget()
		}
		s.updateNav()
	}
	opts, days := wizRetentionOptions(s.st.retention, s.st.lang)
	s.retention = widget.NewSelect(opts, nil)
	s.retention.Selected = wizRetentionText(s.st.retention, s.st.lang)
	s.retention.OnChanged = func(v string) {
		if d, ok := days[v]; ok && d != s.st.retention {
			s.st.retention = d
			s.forget()
		}
		s.updateNav()
	}
	s.schoolWork = widget.NewCheck(s.t("wiz.school"), nil)
	s.schoolWork.Checked = s.st.schoolWork
	s.schoolWork.OnChanged = func(v bool) {
		if v != s.st.schoolWork {
			s.st.schoolWork = v
			s.forget()
		}
		s.updateNav()
	}
	night := container.NewHBox(widget.NewLabel(s.t("wiz.night.from")), s.nightFrom, widget.NewLabel(s.t("wiz.night.to")), s.nightTo)
	return container.NewVBox(
		textHeading(s.t("wiz.choices.title")),
		textPara(s.t("wiz.choices.lead")),
		wizField(s.t("wiz.night"), night, s.t("wiz.night.note")),
		wizField(s.t("wiz.keep"), container.NewHBox(s.retention), s.t("wiz.keep.note")),
		wizField(s.t("wiz.school.title"), s.schoolWork, s.t("wiz.school.note")),
		wizBullet(theme.HistoryIcon(), s.tf("wiz.expires", fmtDate(s.u.now().AddDate(0, consent.DefaultMonths, 0), s.st.lang))),
	)
}

func (s *wizardScreen) agreeStep() fyne.CanvasObject {
	a := s.draft()
	name := a.Teen
	s.teenCheck = widget.NewCheck(s.t("wiz.agree.check"), nil)
	s.teenCheck.Checked = !s.st.teenAgreed.IsZero()
	s.teenCheck.OnChanged = func(v bool) {
		if v {
			s.st.teenAgreed = s.u.now()
		} else {
			s.st.teenAgreed = time.Time{}
		}
		s.updateNav()
	}
	s.parentCheck = widget.NewCheck(s.t("wiz.agree.check"), nil)
	s.parentCheck.Checked = !s.st.parentAgreed.IsZero()
	s.parentCheck.OnChanged = func(v bool) {
		if v {
			s.st.parentAgreed = s.u.now()
		} else {
			s.st.parentAgreed = time.Time{}
		}
		s.updateNav()
	}
	s.pin = widget.NewPasswordEntry()
	s.pin.Text = s.st.pin
	s.pin.OnChanged = func(v string) { s.st.pin = v; s.updateNav() }
	s.pinAgain = widget.NewPasswordEntry()
	s.pinAgain.Text = s.st.pinAgain
	s.pinAgain.OnChanged = func(v string) { s.st.pinAgain = v; s.updateNav() }
	s.pinAgain.OnSubmitted = func(string) { s.onStart() }

	return container.NewVBox(
		textHeading(s.t("wiz.agree.title")),
		textPara(s.t("wiz.agree.lead")),
		widget.NewCard("", "", wizList(pactLines(a, s.st.lang))),
		textSubheading(name),
		textPara(s.t("wiz.agree.teen")),
		s.teenCheck,
		textSubheading(s.t("wiz.agree.parent")),
		textPara(s.t("wiz.agree.promise")),
		s.parentCheck,
		widget.NewSeparator(),
		textSubheading(s.t("wiz.pin.title")),
		textPara(s.tf("wiz.pin.lead", name)),
		wizField(s.t("wiz.pin"), s.pin, ""),
		wizField(s.t("wiz.pin.again"), s.pinAgain, ""),
	)
}

func (s *wizardScreen) doneStep() fyne.CanvasObject {
	box := container.NewVBox()
	s.runHere = widget.NewButtonWithIcon(s.t("wiz.runhere"), theme.MediaPlayIcon(), s.onRunHere)
	s.runHere.Importance = widget.HighImportance
	s.retry = widget.NewButtonWithIcon(s.t("wiz.retry"), theme.ViewRefreshIcon(), s.onRetry)
	title := s.t("wiz.done.title")
	status := func(icon fyne.Resource, key string, imp widget.Importance) {
		l := textSubheading(s.t(key))
		l.Importance = imp
		box.Add(wizBeside(widget.NewIcon(icon), l))
	}
	switch {
	case s.startErr == nil:
		status(theme.ConfirmIcon(), "wiz.done.ok.title", widget.SuccessImportance)
		box.Add(textPara(s.t("wiz.done.ok")))
	case s.ranHere:
		status(theme.ConfirmIcon(), "wiz.done.here.title", widget.SuccessImportance)
		box.Add(textPara(s.t("wiz.done.here")))
	default:
		title = s.t("wiz.done.almost")
		status(theme.WarningIcon(), "wiz.done.fail.title", widget.WarningImportance)
		box.Add(textPara(s.t("wiz.done.fail")))
		if s.runErr != nil {
			msg := textPara(s.t("wiz.done.herefail"))
			msg.Importance = widget.DangerImportance
			box.Add(msg)
		}
		box.Add(container.NewHBox(s.runHere, s.retry))
		box.Add(textNote(s.tf("wiz.done.reason", s.startErr.Error())))
	}
	var terms fyne.CanvasObject = container.NewVBox()
	if s.saved != nil {
		terms = wizList(pactLines(*s.saved, s.st.lang))
	}
	return container.NewVBox(
		textHeading(title),
		widget.NewCard("", "", box),
		textSubheading(s.t("wiz.done.agreed")),
		terms,
		textNote(s.t("wiz.done.print")),
	)
}

// onPrint saves the agreement as an HTML page the family can print.
func (s *wizardScreen) onPrint() {
	if s.saved == nil {
		return
	}
	a, lang := *s.saved, s.st.lang
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err == nil && w == nil {
			return // cancelled
		}
		if err == nil {
			err = writeAgreementHTML(w, a, lang)
		}
		if err != nil {
			s.u.log.Error("save agreement page", "err", err)
			s.printMsg.SetText(s.t("wiz.printfail"))
			return
		}
		s.printMsg.SetText(s.t("wiz.printed"))
	}, s.u.win)
	d.SetFileName(text(lang, "pact.file") + ".html")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".html", ".htm"}))
	d.Show()
}

// writeAgreementHTML writes the page and closes w.
func writeAgreementHTML(w io.WriteCloser, a consent.Agreement, lang string) error {
	_, err := io.WriteString(w, agreementHTML(a, lang))
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// pactLines is the agreement in plain sentences, as both read it before
// agreeing, in the summary, on the printed page and on "Our agreement".
func pactLines(a consent.Agreement, lang string) []string {
	tf := func(key string, args ...any) string { return fmt.Sprintf(text(lang, key), args...) }
	school := text(lang, "pact.l.school.off")
	if a.SchoolWorkPrompts {
		school = text(lang, "pact.l.school.on")
	}
	return []string{
		tf("pact.l.who", a.Teen, a.Age),
		text(lang, "pact.l.sees"),
		text(lang, "pact.l.never"),
		tf("pact.l.same", a.Teen),
		text(lang, "pact.l.prompts"),
		tf("pact.l.night", wizClock(a.Night.Start), wizClock(a.Night.End)),
		tf("pact.l.keep", wizRetentionText(a.RetentionDays, lang)),
		school,
		tf("pact.l.pause", a.Teen),
		tf("pact.l.change", a.Teen),
		tf("pact.l.ends", fmtDate(a.Expires, lang)),
	}
}

// agreementHTML is the agreement as a standalone page to print: every line
// both agreed to, who agreed when, and room to sign. Everything the family
// typed is escaped.
func agreementHTML(a consent.Agreement, lang string) string {
	lang = langOr(lang)
	e := html.EscapeString
	t := func(key string) string { return e(text(lang, key)) }
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", lang, t("pact.html.title"))
	b.WriteString("<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;line-height:1.5;padding:0 1em}" +
		"li{margin:.3em 0}.sign{display:flex;gap:3em;margin-top:3em}.sign div{flex:1;border-top:1px solid #444;padding-top:.3em}" +
		"@media print{body{margin:0}}</style>\n</head>\n<body>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", t("pact.html.title"))
	fmt.Fprintf(&b, "<p>%s</p>\n<ul>\n", e(fmt.Sprintf(text(lang, "pact.html.made"), fmtDate(a.Created, lang))))
	for _, l := range pactLines(a, lang) {
		fmt.Fprintf(&b, "<li>%s</li>\n", e(l))
	}
	b.WriteString("</ul>\n")
	fmt.Fprintf(&b, "<h2>%s</h2>\n<ul>\n", t("pact.html.agreed"))
	fmt.Fprintf(&b, "<li>%s</li>\n", e(fmt.Sprintf(text(lang, "pact.html.teen"), a.Teen, fmtDate(a.TeenAgreed, lang))))
	fmt.Fprintf(&b, "<li>%s</li>\n", e(fmt.Sprintf(text(lang, "pact.html.parent"), fmtDate(a.ParentAgreed, lang))))
	b.WriteString("</ul>\n")
	fmt.Fprintf(&b, "<div class=\"sign\"><div>%s</div><div>%s</div></div>\n", e(a.Teen), t("wiz.agree.parent"))
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

func init() {
	addTexts(map[string][2]string{
		"wiz.step":  {"Step %d of %d", "Stap %d van %d"},
		"wiz.next":  {"Next", "Volgende"},
		"wiz.begin": {"Let's start", "Beginnen"},
		"wiz.lang":  {"Language", "Taal"},
		"wiz.title": {"Welcome to TalkFirst", "Welkom bij TalkFirst"},
		"wiz.welcome.lead": {"TalkFirst helps families talk about life online.",
			"TalkFirst helpt gezinnen om te praten over wat er online gebeurt."},
		"wiz.welcome.who": {"It's for young people from 8 to 17 and the parents who look out for them. It doesn't read messages. It notices which chat apps and games are on this computer and how much time goes into them, and it gives the parent ideas for a good conversation.",
			"Het is voor jongeren van 8 tot 17 en de ouders die op ze letten. TalkFirst leest geen berichten. Het ziet welke chatapps en games er op deze computer staan en hoeveel tijd erin gaat, en het geeft de ouder ideeën voor een goed gesprek."},
		"wiz.welcome.together": {"Set it up together, side by side at this computer. Read each step out loud if you like, and only go on when you both agree.",
			"Stel het samen in, naast elkaar aan deze computer. Lees elke stap gerust hardop voor, en ga pas verder als jullie het allebei eens zijn."},
		"wiz.welcome.time": {"It takes about five minutes.", "Het duurt ongeveer vijf minuten."},

		"wiz.sees.title": {"What TalkFirst sees, and what it never sees", "Wat TalkFirst ziet, en wat het nooit ziet"},
		"wiz.sees.yes":   {"TalkFirst sees", "TalkFirst ziet"},
		"wiz.sees.y1": {"Which chat apps and games with chat are installed, and when that changes",
			"Welke chatapps en games met chat er geïnstalleerd zijn, en wanneer dat verandert"},
		"wiz.sees.y2": {"How much time each app gets, per day and per hour: when it's in front, and when it's only running in the background",
			"Hoeveel tijd elke app krijgt, per dag en per uur: wanneer hij vooraan staat, en wanneer hij alleen op de achtergrond draait"},
		"wiz.sees.y3": {"When TalkFirst is paused or stopped", "Wanneer TalkFirst gepauzeerd of gestopt is"},
		"wiz.sees.no": {"TalkFirst never sees", "TalkFirst ziet nooit"},
		"wiz.sees.n1": {"Messages, photos or anything that's said", "Berichten, foto's of wat er gezegd wordt"},
		"wiz.sees.n2": {"Who you talk to, or your contacts", "Met wie je praat, of je contacten"},
		"wiz.sees.n3": {"Screenshots or what's on the screen", "Schermafbeeldingen of wat er op het scherm staat"},
		"wiz.sees.n4": {"What you type", "Wat je typt"},
		"wiz.sees.n5": {"Websites you visit", "Websites die je bezoekt"},
		"wiz.sees.n6": {"Window titles", "Venstertitels"},
		"wiz.sees.local": {"Nothing leaves this computer. There is no account and no cloud.",
			"Er gaat niets van deze computer af. Er is geen account en geen cloud."},
		"wiz.sees.same": {"Everything the parent sees, you can see too, at any time.",
			"Alles wat de ouder ziet, kun jij ook zien, op elk moment."},

		"wiz.who.title": {"Who's who", "Wie is wie"},
		"wiz.who.lead": {"This helps TalkFirst choose the right words and the right help lines.",
			"Zo kiest TalkFirst de juiste woorden en de juiste hulplijnen."},
		"wiz.who.name":    {"Your first name", "Je voornaam"},
		"wiz.who.name.ph": {"For example Sam", "Bijvoorbeeld Sam"},
		"wiz.who.name.note": {"Of the young person who uses this computer. A first name is enough, and it stays on this computer.",
			"Van de jongere die deze computer gebruikt. Een voornaam is genoeg, en die blijft op deze computer."},
		"wiz.who.age": {"Age", "Leeftijd"},
		"wiz.who.age.note": {"The guides for the parent are written for this age.",
			"De gidsen voor de ouder zijn geschreven voor deze leeftijd."},
		"wiz.who.choose":       {"Choose…", "Kies…"},
		"wiz.who.country":      {"Country", "Land"},
		"wiz.who.country.note": {"For the help lines in “Get help now”.", "Voor de hulplijnen bij “Nu hulp krijgen”."},
		"wiz.who.other":        {"Another country (international help lines)", "Ander land (internationale hulplijnen)"},
		"wiz.who.code":         {"Two-letter country code, like FR or ES", "Landcode van twee letters, zoals FR of ES"},
		"wiz.c.NL":             {"Netherlands", "Nederland"},
		"wiz.c.BE":             {"Belgium", "België"},
		"wiz.c.DE":             {"Germany", "Duitsland"},
		"wiz.c.GB":             {"United Kingdom", "Verenigd Koninkrijk"},
		"wiz.c.US":             {"United States", "Verenigde Staten"},
		"wiz.c.CA":             {"Canada", "Canada"},
		"wiz.c.AU":             {"Australia", "Australië"},
		"wiz.c.IE":             {"Ireland", "Ierland"},

		"wiz.need.name":     {"Type a first name to go on.", "Vul een voornaam in om verder te gaan."},
		"wiz.need.namelong": {"That name is too long. A first name is enough.", "Die naam is te lang. Een voornaam is genoeg."},
		"wiz.need.age":      {"Choose an age to go on.", "Kies een leeftijd om verder te gaan."},
		"wiz.need.country":  {"Choose a country to go on.", "Kies een land om verder te gaan."},
		"wiz.need.code":     {"Type a two-letter country code, like FR.", "Vul een landcode van twee letters in, zoals FR."},
		"wiz.need.night":    {"Night can't start and end at the same time.", "De nacht kan niet op hetzelfde tijdstip beginnen en eindigen."},
		"wiz.need.teen":     {"%s still needs to tick “I understand and agree”.", "%s moet nog “Ik begrijp het en ga akkoord” aanvinken."},
		"wiz.need.parent":   {"The parent still needs to tick “I understand and agree”.", "De ouder moet nog “Ik begrijp het en ga akkoord” aanvinken."},
		"wiz.need.pin":      {"The PIN needs at least 4 characters.", "De pincode moet minstens 4 tekens hebben."},
		"wiz.need.pinlong":  {"The PIN can have at most 64 characters.", "De pincode mag hoogstens 64 tekens hebben."},
		"wiz.need.pinmatch": {"The two PINs are not the same yet.", "De twee pincodes zijn nog niet gelijk."},

		"wiz.choices.title": {"Your choices", "Jullie keuzes"},
		"wiz.choices.lead": {"The suggestions suit most families. You can change them later, together.",
			"De voorstellen passen bij de meeste gezinnen. Jullie kunnen ze later samen aanpassen."},
		"wiz.night":      {"Night hours", "Nachturen"},
		"wiz.night.from": {"from", "van"},
		"wiz.night.to":   {"to", "tot"},
		"wiz.night.note": {"Chatting late at night is noticed and can lead to a prompt to talk about sleep. TalkFirst never blocks anything; it only notices.",
			"Chatten laat op de avond valt op en kan leiden tot een gespreksidee over slaap. TalkFirst blokkeert nooit iets; het merkt het alleen op."},
		"wiz.keep":         {"Keep data for", "Gegevens bewaren"},
		"wiz.keep.note":    {"Older data is deleted for good.", "Oudere gegevens worden definitief gewist."},
		"wiz.weeks":        {"%d weeks", "%d weken"},
		"wiz.days":         {"%d days", "%d dagen"},
		"wiz.school.title": {"School and work apps", "School- en werkapps"},
		"wiz.school":       {"Gentle prompts for school and work apps", "Rustige gespreksideeën bij school- en werkapps"},
		"wiz.school.note": {"When an app like Teams, Slack or Zoom is installed, the parent gets a light prompt to ask how it's going. Switch it off if these apps are simply part of school.",
			"Als er een app als Teams, Slack of Zoom bijkomt, krijgt de ouder een licht gespreksidee om te vragen hoe het gaat. Zet het uit als deze apps gewoon bij school horen."},
		"wiz.expires": {"The agreement lasts six months, until %s. Then you look at it again together.",
			"De afspraak geldt zes maanden, tot %s. Daarna bekijken jullie hem samen opnieuw."},

		"wiz.agree.title": {"Our agreement", "Onze afspraak"},
		"wiz.agree.lead": {"Read it together. Only tick your box if you really agree.",
			"Lees hem samen. Vink je vakje alleen aan als je het echt eens bent."},
		"wiz.agree.check":  {"I understand and agree", "Ik begrijp het en ga akkoord"},
		"wiz.agree.parent": {"Parent", "Ouder"},
		"wiz.agree.teen": {"You can see everything TalkFirst notices, pause it with a reason, and ask to change this agreement.",
			"Je kunt alles zien wat TalkFirst opmerkt, het pauzeren met een reden, en vragen om deze afspraak te veranderen."},
		"wiz.agree.promise": {"I'll use what I see to start a conversation, not to punish.",
			"Ik gebruik wat ik zie om een gesprek te beginnen, niet om te straffen."},
		"wiz.pin.title": {"The parent's PIN", "De pincode van de ouder"},
		"wiz.pin.lead": {"The PIN opens the parent's side of the app. %s, please look away for a moment while your parent types it.",
			"Met de pincode gaat het ouderdeel van de app open. %s, kijk even de andere kant op terwijl je ouder hem typt."},
		"wiz.pin":       {"PIN (at least 4 characters)", "Pincode (minstens 4 tekens)"},
		"wiz.pin.again": {"The same PIN again", "Dezelfde pincode nog een keer"},
		"wiz.start":     {"Start TalkFirst", "TalkFirst starten"},
		"wiz.err.save": {"The agreement couldn't be saved, so nothing was started. Try again in a moment.",
			"De afspraak kon niet worden bewaard, dus er is niets gestart. Probeer het zo nog eens."},

		"wiz.done.title":    {"All set", "Klaar"},
		"wiz.done.almost":   {"Almost there", "Bijna klaar"},
		"wiz.done.ok.title": {"TalkFirst is on.", "TalkFirst staat aan."},
		"wiz.done.ok": {"It runs in the background, also when this window is closed. Thank you for doing this together.",
			"Het draait op de achtergrond, ook als dit venster dicht is. Fijn dat jullie dit samen hebben gedaan."},
		"wiz.done.fail.title": {"TalkFirst couldn't start by itself", "TalkFirst kon niet vanzelf starten"},
		"wiz.done.fail": {"Your agreement is saved, but TalkFirst couldn't set itself up to run in the background on this computer, so it isn't keeping track yet. It can run while this app is open instead.",
			"Jullie afspraak is bewaard, maar TalkFirst kon zichzelf op deze computer niet op de achtergrond laten draaien. Het houdt dus nog niets bij. Het kan wel draaien zolang deze app open is."},
		"wiz.done.reason":     {"What the computer said: %s", "Wat de computer zei: %s"},
		"wiz.runhere":         {"Run TalkFirst while this app is open", "TalkFirst laten draaien zolang deze app open is"},
		"wiz.retry":           {"Try again", "Opnieuw proberen"},
		"wiz.done.here.title": {"TalkFirst is running while this app is open.", "TalkFirst draait zolang deze app open is."},
		"wiz.done.here": {"Leave the app open to keep it going. When the app is closed, TalkFirst stops, and you'll both see the gap.",
			"Laat de app open, dan blijft het werken. Gaat de app dicht, dan stopt TalkFirst en zien jullie allebei dat er een gat is."},
		"wiz.done.herefail": {"That didn't work either. Try again, or restart the computer and open TalkFirst again.",
			"Dat lukte ook niet. Probeer het opnieuw, of start de computer opnieuw op en open TalkFirst weer."},
		"wiz.done.agreed": {"What you agreed", "Wat jullie hebben afgesproken"},
		"wiz.done.print": {"Want it on paper? “Save as a page to print” makes a page you can print and put up where you'll both see it.",
			"Liever op papier? Met “Opslaan als pagina om te printen” maak je een pagina die je kunt printen en ophangen waar jullie hem allebei zien."},
		"wiz.print":     {"Save as a page to print", "Opslaan als pagina om te printen"},
		"wiz.printed":   {"Saved. Open the page in your browser to print it.", "Bewaard. Open de pagina in je browser om hem te printen."},
		"wiz.printfail": {"The page couldn't be saved. Try another folder.", "De pagina kon niet worden bewaard. Probeer een andere map."},
		"wiz.open":      {"Open TalkFirst", "TalkFirst openen"},

		"pact.l.who": {"%s (%d) and a parent set up TalkFirst together on this computer.",
			"%s (%d) en een ouder hebben TalkFirst samen op deze computer ingesteld."},
		"pact.l.sees": {"TalkFirst notices which chat apps and games with chat are installed, and how much time goes into them, per day and per hour.",
			"TalkFirst houdt bij welke chatapps en games met chat er geïnstalleerd zijn, en hoeveel tijd erin gaat, per dag en per uur."},
		"pact.l.never": {"It never reads messages, and never sees contacts, screenshots, typing, websites or window titles. Nothing leaves this computer.",
			"Het leest nooit berichten, en ziet nooit contacten, schermafbeeldingen, wat er getypt wordt, websites of venstertitels. Er gaat niets van deze computer af."},
		"pact.l.same": {"%s sees everything the parent sees, including every conversation prompt and why it appeared.",
			"%s ziet alles wat de ouder ziet, ook elk gespreksidee en waarom het verscheen."},
		"pact.l.prompts": {"The parent gets ideas for conversations, each with a guide. Never messages.",
			"De ouder krijgt ideeën voor gesprekken, elk met een gids. Nooit berichten."},
		"pact.l.night": {"Use between %s and %s counts as late at night.", "Gebruik tussen %s en %s telt als laat op de avond."},
		"pact.l.keep":  {"Data is kept for %s, then deleted.", "Gegevens worden %s bewaard en daarna gewist."},
		"pact.l.school.on": {"A new school or work app leads to a gentle prompt.",
			"Een nieuwe school- of werkapp geeft een rustig gespreksidee."},
		"pact.l.school.off": {"New school and work apps don't lead to prompts.",
			"Nieuwe school- en werkapps geven geen gespreksidee."},
		"pact.l.pause": {"%s can pause TalkFirst with a reason. Pauses are shown to both of you.",
			"%s kan TalkFirst pauzeren, met een reden. Pauzes zien jullie allebei."},
		"pact.l.change": {"Changes that collect more or keep data longer need %s to agree again.",
			"Voor wijzigingen waarbij meer wordt bijgehouden of gegevens langer blijven, moet %s opnieuw akkoord gaan."},
		"pact.l.ends": {"The agreement ends on %s, unless you renew it together.",
			"De afspraak loopt af op %s, tenzij jullie hem samen verlengen."},
		"pact.file":        {"talkfirst-agreement", "talkfirst-afspraak"},
		"pact.html.title":  {"Our TalkFirst agreement", "Onze TalkFirst-afspraak"},
		"pact.html.made":   {"Made together on %s.", "Samen gemaakt op %s."},
		"pact.html.agreed": {"Who agreed", "Wie akkoord ging"},
		"pact.html.teen":   {"%s agreed on %s.", "%s ging akkoord op %s."},
		"pact.html.parent": {"The parent agreed on %s.", "De ouder ging akkoord op %s."},
	})
}
