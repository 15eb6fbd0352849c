// Package ui is the TalkFirst desktop app (fyne): setting up together, the
// teen's own week, help they can reach themselves, and the parent's prompts
// behind a PIN. Every screen is one file with a struct, a content() builder
// and a synchronous apply(*snapshot); screens read only through Source.
package ui

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Options tune the app.
type Options struct {
	// Lang is "en" or "nl"; empty follows the agreement, then the system language.
	Lang string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	Log *slog.Logger
	// FirstDrawFile, when set, is where the time the first screen was
	// painted is written, in Unix nanoseconds (firstdraw.go).
	FirstDrawFile string
}

// UI is the whole app window.
type UI struct {
	app  fyne.App
	win  fyne.Window
	src  Source
	log  *slog.Logger
	now  func() time.Time
	lang string

	mu   sync.Mutex
	snap *snapshot

	loads   atomic.Uint64 // numbers the reads, so a late one cannot undo a newer one
	applied uint64        // the number of the read on screen

	// Slow work runs off the fyne goroutine (busy.go). ctx is what it runs
	// under (Start's); deliver hands its result back: fyne.Do in the app, a
	// queue the tests empty themselves. pending and working are only used on
	// the fyne goroutine.
	ctx     context.Context
	deliver func(func())
	pending int                           // work started and not yet delivered
	working map[*widget.Button]busyButton // buttons whose work is running

	root *fyne.Container // swapped between the wizard, the main tabs and error pages

	firstDraw string          // Options.FirstDrawFile
	drawProbe *fyne.Container // under root when firstDraw is set

	wizard *wizardScreen
	main   *container.AppTabs
	tabs   []*mainTab // the main tabs, in order; a tab's screen is made when it is first shown
	// The main tabs' screens; nil until their tab is first shown.
	week    *weekScreen
	apps    *appsScreen
	sees    *parentSeesScreen
	help    *helpScreen
	pact    *agreementScreen
	parent  *parentScreen
	status  *widget.Label
	helpBtn *widget.Button
	mainBox fyne.CanvasObject

	// notify is called with the topics of prompts that are new since the last
	// refresh (the tray sends desktop notifications; tests record them).
	notify   func(topics []string)
	notified map[string]bool
	tray     *tray
}

// snapshot is everything the screens show, read in one go.
type snapshot struct {
	seq          uint64 // the read's number: later reads have higher ones
	now          time.Time
	agreement    consent.Agreement
	hasAgreement bool
	// err is set when the data could not be read at all (missing, locked or corrupt store).
	err       error
	week      store.Summary
	installed []string
	prompts   []Prompt
	status    AgentStatus
}

// New builds the app's content in w.
func New(a fyne.App, w fyne.Window, src Source, opts Options) *UI {
	u := &UI{app: a, win: w, src: src, log: opts.Log, now: opts.Now, lang: opts.Lang, notified: map[string]bool{},
		ctx: context.Background(), deliver: fyne.Do, working: map[*widget.Button]busyButton{}, firstDraw: opts.FirstDrawFile}
	if u.log == nil {
		u.log = slog.New(slog.DiscardHandler)
	}
	if u.now == nil {
		u.now = time.Now
	}
	u.root = container.NewStack(u.loadingPage())
	a.SetIcon(Icon)
	w.SetIcon(Icon)
	if u.firstDraw == "" {
		w.SetContent(u.root)
	} else {
		u.drawProbe = container.NewStack()
		w.SetContent(container.NewStack(u.drawProbe, u.root))
	}
	return u
}

// Content is the app's root object (tests render it).
func (u *UI) Content() fyne.CanvasObject { return u.root }

// Lang is the language in use.
func (u *UI) Lang() string { return u.lang }

// SetLang switches the language and rebuilds every screen.
func (u *UI) SetLang(lang string) {
	if lang != "en" && lang != "nl" {
		return
	}
	u.mu.Lock()
	changed := u.lang != lang
	u.lang = lang // under mu: load reads it off the fyne goroutine
	u.mu.Unlock()
	u.main, u.wizard = nil, nil
	if s := u.current(); s != nil {
		u.apply(s)
		if changed {
			// prompts come from the source in the screens' language
			u.reload(nil)
		}
	}
}

// OnNewPrompts sets what happens when prompts appear (desktop notifications).
func (u *UI) OnNewPrompts(fn func(topics []string)) { u.notify = fn }

func (u *UI) current() *snapshot {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.snap
}

// load reads everything from the source.
func (u *UI) load(ctx context.Context) *snapshot {
	s := &snapshot{seq: u.loads.Add(1), now: u.now()}
	ag, err := u.src.Agreement(ctx)
	switch {
	case err == nil:
		s.agreement, s.hasAgreement = ag, true
	case errors.Is(err, consent.ErrNoAgreement):
	default:
		s.err = err
		return s
	}
	if s.week, err = u.src.Summary(ctx, s.now.Add(-7*24*time.Hour), s.now); err != nil {
		s.err = err
		return s
	}
	if s.installed, err = u.src.Installed(ctx); err != nil {
		s.err = err
		return s
	}
	u.mu.Lock()
	lang := u.lang
	u.mu.Unlock()
	if s.prompts, err = u.src.Prompts(ctx, lang); err != nil {
		s.err = err
		return s
	}
	if s.status, err = u.src.Status(ctx); err != nil {
		u.log.Warn("agent status unreadable", "err", err)
	}
	return s
}

// Refresh reads the source and updates every screen, on the calling
// goroutine, which must be the fyne goroutine. The app itself never calls it
// (Start and the screens read off the fyne goroutine); tests do, to show a
// state at once.
func (u *UI) Refresh(ctx context.Context) { u.apply(u.load(ctx)) }

// Start keeps the screens up to date: on every change the source reports,
// and once a minute for the clock. Data is read off the fyne goroutine and
// handed over with fyne.Do; until the first read is done the window says it
// is opening. The screens' slow work runs under ctx too. Start must be called
// on the fyne goroutine (or before the app runs).
func (u *UI) Start(ctx context.Context) {
	u.ctx = ctx
	go func() {
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			s := u.load(ctx)
			u.deliver(func() { u.apply(s) })
			select {
			case <-ctx.Done():
				return
			case <-u.src.Changed():
			case <-t.C:
			}
		}
	}()
}

// apply shows s: the wizard before the agreement, an error page when the data
// cannot be read, the main tabs otherwise.
func (u *UI) apply(s *snapshot) {
	if s.seq < u.applied {
		return // read before the one on screen: it may miss a change shown already
	}
	u.applied = s.seq
	u.mu.Lock()
	u.snap = s
	u.mu.Unlock()
	if u.lang == "" {
		u.lang = systemLang()
		if s.hasAgreement {
			u.lang = s.agreement.Lang
		}
	}
	switch {
	case s.err != nil:
		u.show(u.errorPage(s.err))
	case !s.hasAgreement || (u.wizard != nil && u.wizard.holding()):
		if u.wizard == nil {
			u.wizard = newWizardScreen(u)
		}
		u.wizard.apply(s)
		u.show(u.wizard.content())
	default:
		u.wizard = nil
		if u.main == nil {
			u.buildMain()
		}
		for _, tab := range u.tabs {
			if tab.scr != nil {
				tab.scr.apply(s)
			}
		}
		u.status.SetText(u.statusText(s))
		u.tray.update(u.status.Text)
		u.show(u.mainContent())
		u.notifyNew(s)
	}
	u.showFirstDraw()
}

func (u *UI) show(o fyne.CanvasObject) {
	if len(u.root.Objects) == 1 && u.root.Objects[0] == o {
		return
	}
	u.root.Objects = []fyne.CanvasObject{o}
	u.root.Refresh()
}

// tabScreen is a main tab's screen.
type tabScreen interface {
	content() fyne.CanvasObject
	apply(*snapshot)
}

// mainTab is one main tab. Its screen is made, and given the data, when the
// tab is first shown: making and laying out every screen up front (the help
// pages and "What my parent sees" are long texts) kept the first screen from
// the window for seconds on a slow computer.
type mainTab struct {
	box  *fyne.Container // the tab's content; holds the screen once made
	make func() tabScreen
	scr  tabScreen
}

// The main tabs' positions.
const (
	tabWeek = iota
	tabApps
	tabSees
	tabHelp
	tabAgreement
	tabParent
)

// buildMain makes the teen's tabs and the parent's tab; only the first
// tab's screen is made now.
func (u *UI) buildMain() {
	u.week, u.apps, u.sees, u.help, u.pact, u.parent = nil, nil, nil, nil, nil, nil
	tabs := []struct {
		key  string
		icon fyne.Resource
		make func() tabScreen
	}{
		tabWeek:      {"tab.week", theme.HomeIcon(), func() tabScreen { u.week = newWeekScreen(u); return u.week }},
		tabApps:      {"tab.apps", theme.ListIcon(), func() tabScreen { u.apps = newAppsScreen(u); return u.apps }},
		tabSees:      {"tab.sees", theme.VisibilityIcon(), func() tabScreen { u.sees = newParentSeesScreen(u); return u.sees }},
		tabHelp:      {"tab.help", theme.HelpIcon(), func() tabScreen { u.help = newHelpScreen(u); return u.help }},
		tabAgreement: {"tab.agreement", theme.DocumentIcon(), func() tabScreen { u.pact = newAgreementScreen(u); return u.pact }},
		tabParent:    {"tab.parent", theme.AccountIcon(), func() tabScreen { u.parent = newParentScreen(u); return u.parent }},
	}
	u.tabs = nil
	var items []*container.TabItem
	for _, t := range tabs {
		tab := &mainTab{box: container.NewStack(), make: t.make}
		u.tabs = append(u.tabs, tab)
		items = append(items, container.NewTabItemWithIcon(u.t(t.key), t.icon, tab.box))
	}
	u.main = container.NewAppTabs(items...)
	u.main.SetTabLocation(container.TabLocationLeading)
	u.makeTab(tabWeek) // apply gives it the data
	u.main.OnSelected = func(*container.TabItem) {
		i := u.main.SelectedIndex()
		u.showTab(i)
		if i != tabParent {
			if u.parent != nil {
				u.parent.lock() // leaving the parent's side locks it
			}
			return
		}
		u.parent.focusPIN() // the parent can type the PIN straight away
	}
	u.status = widget.NewLabel("")
	u.helpBtn = widget.NewButtonWithIcon(u.t("help.now"), theme.HelpIcon(), func() { u.ShowHelp() })
	u.helpBtn.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, widget.NewLabelWithStyle("TalkFirst", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), u.helpBtn, u.status)
	u.mainBox = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, u.main)
}

func (u *UI) mainContent() fyne.CanvasObject { return u.mainBox }

// showTab makes tab i's screen if it is not made yet, and gives it the data.
func (u *UI) showTab(i int) {
	if !u.makeTab(i) {
		return
	}
	if s := u.current(); s != nil && s.err == nil && s.hasAgreement {
		u.tabs[i].scr.apply(s)
	}
}

// makeTab makes tab i's screen, without data, and reports whether it was
// not made before.
func (u *UI) makeTab(i int) bool {
	tab := u.tabs[i]
	if tab.scr != nil {
		return false
	}
	tab.scr = tab.make()
	tab.box.Objects = []fyne.CanvasObject{tab.scr.content()}
	tab.box.Refresh()
	return true
}

// ShowHelp opens Get help now, from anywhere.
func (u *UI) ShowHelp() {
	if u.main != nil {
		u.main.SelectIndex(tabHelp)
	}
}

// ShowParent opens the parent's side (the PIN gate first).
func (u *UI) ShowParent() {
	if u.main != nil {
		u.main.SelectIndex(tabParent)
	}
}

func (u *UI) statusText(s *snapshot) string {
	st := s.status
	switch {
	case st.Paused:
		return u.tf("status.paused", fmtClock(st.PauseUntil, u.lang))
	case st.Running:
		return u.t("status.on")
	default:
		return u.t("status.off")
	}
}

// notifyNew calls notify with the topics of prompts not seen before.
func (u *UI) notifyNew(s *snapshot) {
	first := len(u.notified) == 0
	var topics []string
	for _, p := range s.prompts {
		if u.notified[p.ID] {
			continue
		}
		u.notified[p.ID] = true
		if !first && p.Status == StatusNew {
			topics = append(topics, p.Topic)
		}
	}
	if len(topics) > 0 && u.notify != nil {
		u.notify(topics)
	}
}

// errorPage says kindly that the data cannot be read; the cause goes to the log.
func (u *UI) errorPage(err error) fyne.CanvasObject {
	u.log.Error("data unreadable", "err", err)
	title := widget.NewLabelWithStyle(u.t("error.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(u.t("error.body"))
	if errors.Is(err, store.ErrDamaged) {
		// the app never moves the file: the agent does, under its lease
		body.SetText(words.For(words.Lang(u.lang), time.Now()).Fact(words.New(words.StoreDamaged)))
	}
	body.Wrapping = fyne.TextWrapWord
	body.Alignment = fyne.TextAlignCenter
	var retry *widget.Button
	retry = widget.NewButtonWithIcon(u.t("error.retry"), theme.ViewRefreshIcon(), func() { u.reload(retry) })
	help := widget.NewButtonWithIcon(u.t("help.now"), theme.HelpIcon(), func() {
		var back *widget.Button
		back = widget.NewButton(u.t("back"), func() { u.reload(back) })
		u.show(container.NewBorder(nil, back, nil, nil, newHelpScreen(u).standalone()))
	})
	return container.NewCenter(container.NewVBox(title, body, container.NewHBox(layoutSpacer(), retry, help, layoutSpacer())))
}

// systemLang picks nl when the system language is Dutch, else en.
func systemLang() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "nl") {
				return "nl"
			}
			return "en"
		}
	}
	return "en"
}
