package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// screensFailing is the fake with actions that fail, for error states.
type screensFailing struct {
	*fakeSource
	statusErr, saveErr, endErr, pinErr error
}

func (f *screensFailing) SetPromptStatus(ctx context.Context, id, st string) error {
	if f.statusErr != nil {
		return f.statusErr
	}
	return f.fakeSource.SetPromptStatus(ctx, id, st)
}

func (f *screensFailing) SaveAgreement(ctx context.Context, a consent.Agreement, why words.Fact) error {
	if f.saveErr != nil {
		return f.saveErr
	}
	return f.fakeSource.SaveAgreement(ctx, a, why)
}

func (f *screensFailing) EndMonitoring(ctx context.Context) error {
	if f.endErr != nil {
		return f.endErr
	}
	return f.fakeSource.EndMonitoring(ctx)
}

func (f *screensFailing) CheckPIN(ctx context.Context, pin string) error {
	if f.pinErr != nil {
		return f.pinErr
	}
	return f.fakeSource.CheckPIN(ctx, pin)
}

func newScreensFailingUI(t *testing.T, f *screensFailing) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 700))
	u := screensNew(t, a, w, f, Options{Lang: "en", Now: func() time.Time { return fakeNow }})
	u.Refresh(context.Background())
	return u
}

func TestPINGateHolds(t *testing.T) {
	f := newFakeSource().withAgreement()
	f.prompts = promptData()
	u, _ := newScreensUI(t, f)
	u.ShowParent()
	p := u.parent
	topic := "From a game to a private chat"

	if p.unlocked() || p.prompts != nil || p.settings != nil || p.end != nil || p.tabs != nil {
		t.Fatal("the parent's side is built before the PIN")
	}
	if screensHasText(u.Content(), topic) || screensHasText(p.content(), "Conversation prompts") {
		t.Fatal("a prompt shows before the PIN")
	}

	test.Type(p.pin, "1111")
	screensTapped(t, u, p.unlock)
	if p.unlocked() || screensHasText(p.content(), topic) {
		t.Fatal("a wrong PIN opened the parent's side")
	}
	if p.pinMsg.Text != "That PIN is not right. Try again." || !p.pinMsg.Visible() {
		t.Errorf("wrong PIN message %q (visible %v)", p.pinMsg.Text, p.pinMsg.Visible())
	}
	if p.pin.Text != "" {
		t.Error("the wrong PIN stays in the field")
	}

	// Enter submits.
	test.Type(p.pin, "2468")
	p.pin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	screensSettle(t, u)
	if !p.unlocked() {
		t.Fatalf("Enter with the right PIN did not unlock: %q", p.pinMsg.Text)
	}
	if !screensHasText(p.content(), topic) || len(p.prompts.cards) != 2 {
		t.Fatalf("the inbox is not visible after unlocking (%d cards)", len(p.prompts.cards))
	}

	test.Tap(p.end.endBtn)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the end-monitoring dialog did not open")
	}
	p.lock()
	if p.unlocked() || p.prompts != nil || screensHasText(p.content(), topic) {
		t.Fatal("lock did not return to the gate")
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("the end-monitoring dialog stays open after locking")
	}

	// Leaving the parent's tab locks it.
	screensUnlock(t, u)
	u.main.SelectIndex(0)
	if u.parent.unlocked() {
		t.Error("switching to the teen's tab left the parent's side open")
	}
}

func TestPINGateLocked(t *testing.T) {
	f := newFakeSource().withAgreement()
	f.pinFails = 5
	u, _ := newScreensUI(t, f)
	u.ShowParent()
	p := u.parent
	test.Type(p.pin, "2468")
	screensTapped(t, u, p.unlock)
	if p.unlocked() {
		t.Fatal("a locked gate opened")
	}
	if want := "Too many tries. Try again in 30 s."; p.pinMsg.Text != want {
		t.Errorf("locked message %q, want %q", p.pinMsg.Text, want)
	}
}

func TestPINGateStoreError(t *testing.T) {
	f := &screensFailing{fakeSource: newFakeSource().withAgreement(), pinErr: errors.New("database is locked")}
	u := newScreensFailingUI(t, f)
	u.ShowParent()
	p := u.parent
	test.Type(p.pin, "2468")
	screensTapped(t, u, p.unlock)
	if p.unlocked() || !strings.Contains(p.pinMsg.Text, "couldn't check the PIN") || strings.Contains(p.pinMsg.Text, "database") {
		t.Errorf("store error message %q", p.pinMsg.Text)
	}
}

func TestParentWait(t *testing.T) {
	for d, want := range map[time.Duration]string{30 * time.Second: "30 s", 29500 * time.Millisecond: "30 s", 2 * time.Minute: "2 min", 15 * time.Minute: "15 min"} {
		if got := parentWait(d); got != want {
			t.Errorf("parentWait(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestPromptActions(t *testing.T) {
	for _, tc := range []struct {
		button func(c *promptCard) fyne.Tappable
		want   string
		words  string
	}{
		{func(c *promptCard) fyne.Tappable { return c.talked }, StatusTalked, "You talked about it"},
		{func(c *promptCard) fyne.Tappable { return c.later }, StatusLater, "Saved for later"},
		{func(c *promptCard) fyne.Tappable { return c.notRelevant }, StatusNotRelevant, "Marked as not relevant"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			f := newFakeSource().withAgreement()
			f.prompts = promptData()
			u, _ := newScreensUI(t, f)
			p := screensUnlock(t, u)
			screensTapped(t, u, tc.button(p.prompts.cards["p-hop"]))
			if got := f.statusSets["p-hop"]; got != tc.want {
				t.Fatalf("stored status %q, want %q", got, tc.want)
			}
			if len(f.statusSets) != 1 {
				t.Errorf("other prompts changed: %v", f.statusSets)
			}
			c := p.prompts.cards["p-hop"]
			if !strings.Contains(c.status.Text, tc.words) {
				t.Errorf("handled card says %q", c.status.Text)
			}
			// New prompts first, handled ones below.
			texts := strings.Join(screensTexts(p.prompts.content()), "\n")
			if strings.Index(texts, "Late nights online") > strings.Index(texts, "From a game to a private chat") {
				t.Error("the handled prompt is not below the new one")
			}
		})
	}
}

func TestPromptActionError(t *testing.T) {
	f := &screensFailing{fakeSource: newFakeSource().withAgreement(), statusErr: errors.New("disk full")}
	f.prompts = promptData()
	u := newScreensFailingUI(t, f)
	p := screensUnlock(t, u)
	screensTapped(t, u, p.prompts.cards["p-night"].later)
	if !p.prompts.msg.Visible() || !strings.Contains(p.prompts.msg.Text, "couldn't be saved") {
		t.Errorf("no error shown: %q", p.prompts.msg.Text)
	}
}

func TestPromptGuideForAge(t *testing.T) {
	f := newFakeSource().withAgreement()
	f.prompts = promptData()
	f.agreement.Age = 10
	u, _ := newScreensUI(t, f)
	p := screensUnlock(t, u)
	c := p.prompts.cards["p-hop"]
	if len(c.guide.Items) != 1 || !strings.HasPrefix(c.guide.Items[0].Title, "Guide: ") {
		t.Fatalf("guide item %v", c.guide.Items)
	}
	c.guide.Open(0)
	if !screensHasText(c.box, "Why this matters") {
		t.Error("the opened guide does not show its sections")
	}
	// The opened guide stays open across a refresh.
	f.statusSets["p-night"] = StatusTalked
	u.Refresh(t.Context())
	if !p.prompts.cards["p-hop"].guide.Items[0].Open {
		t.Error("a refresh closed the guide the parent was reading")
	}
}

func TestPromptInboxEmpty(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	p := screensUnlock(t, u)
	s := p.prompts
	if s.empty == nil || !screensHasText(s.content(), "Nothing to talk about right now") {
		t.Fatal("no calm empty state")
	}
	if s.checkInG.Visible() {
		t.Error("the check-in guide shows before the link is tapped")
	}
	s.checkIn.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // the keyboard works the link too
	if !s.checkInG.Visible() || !screensHasText(s.content(), "Opening the conversation") {
		t.Error("the check-in link does not show the guide")
	}
}

func TestPromptMarkup(t *testing.T) {
	f := newFakeSource().withAgreement()
	f.prompts = promptData()
	u, _ := newScreensUI(t, f)
	p := screensUnlock(t, u)
	screensGolden(t, "parent/inbox.xml", p.prompts.content())

	f2 := newFakeSource().withAgreement()
	u2, _ := newScreensUI(t, f2)
	p2 := screensUnlock(t, u2)
	screensGolden(t, "parent/inbox_empty.xml", p2.prompts.content())
}

func TestPINGateMarkup(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	u.ShowParent()
	screensGolden(t, "parent/gate.xml", u.parent.content())
}

func TestSettingsNarrowingSavesDirectly(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	p := screensUnlock(t, u)
	s := p.settings
	old := *f.agreement
	s.retention.SetSelected("4 weeks")
	s.schoolWork.SetChecked(false)
	screensTapped(t, u, s.save)
	if s.dlg != nil {
		t.Fatal("narrowing asks for the teen's agreement")
	}
	if len(f.saved) != 1 {
		t.Fatalf("saved %d", len(f.saved))
	}
	a := f.saved[0]
	if a.RetentionDays != 28 || a.SchoolWorkPrompts || !a.TeenAgreed.Equal(old.TeenAgreed) || !a.ParentAgreed.Equal(fakeNow) {
		t.Errorf("saved %+v", a)
	}
	for _, want := range []string{"Saved. Sam will see this", "Data is kept for 4 weeks instead of 8 weeks", "Conversation prompts for school and work apps: on becomes off"} {
		if !strings.Contains(s.msg.Text, want) {
			t.Errorf("message %q lacks %q", s.msg.Text, want)
		}
	}
	if s.edited() {
		t.Error("the form still differs from the saved agreement")
	}
}

func TestSettingsWideningNeedsTeen(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	p := screensUnlock(t, u)
	s := p.settings
	s.retention.SetSelected("12 weeks")
	s.nightFrom.SetSelected("21:00")
	screensTapped(t, u, s.save)
	if s.dlg == nil || s.dlgTeenCheck == nil {
		t.Fatal("widening does not ask for the teen's agreement")
	}
	if !strings.Contains(s.dlgTeenCheck.Text, "Sam") {
		t.Errorf("the teen's check is %q, without the name", s.dlgTeenCheck.Text)
	}
	if !s.dlgSave.Disabled() {
		t.Fatal("Save is enabled before the teen agreed")
	}
	screensTapped(t, u, s.dlgSave)
	s.onConfirm()
	if len(f.saved) != 0 {
		t.Fatal("saved without the teen")
	}
	test.Tap(s.dlgTeenCheck)
	screensTapped(t, u, s.dlgSave)
	if len(f.saved) != 1 {
		t.Fatalf("saved %d", len(f.saved))
	}
	a := f.saved[0]
	if a.RetentionDays != 84 || a.Night.Start != 21*60 || !a.TeenAgreed.Equal(fakeNow) {
		t.Errorf("saved %+v", a)
	}
}

func TestSettingsCancelAndNoChange(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	s := screensUnlock(t, u).settings
	screensTapped(t, u, s.save)
	if s.dlg != nil || s.msg.Text != "Nothing has changed." {
		t.Errorf("no change: dialog %v, message %q", s.dlg != nil, s.msg.Text)
	}
	test.Tap(s.extend)
	screensTapped(t, u, s.save)
	if s.dlg == nil || s.dlgTeenCheck == nil {
		t.Fatal("extending is not treated as widening")
	}
	test.Tap(s.dlgCancel)
	if s.dlg != nil || len(f.saved) != 0 {
		t.Error("cancel saved or left the dialog open")
	}
}

func TestSettingsLanguage(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	s := screensUnlock(t, u).settings
	s.lang.SetSelected("Nederlands")
	screensTapped(t, u, s.save)
	if s.dlg != nil || len(f.saved) != 1 || f.saved[0].Lang != "nl" || u.Lang() != "nl" {
		t.Fatalf("language not saved or not switched: %q", u.Lang())
	}
	if !u.parent.unlocked() || u.parent.tabs.SelectedIndex() != parentTabSettings {
		t.Error("after switching language the parent is not back in settings")
	}
	if got := u.parent.settings.msg.Text; !strings.Contains(got, "Bewaard.") || !strings.Contains(got, "Taal: Engels wordt Nederlands") {
		t.Errorf("message %q", got)
	}
}

func TestSettingsSaveError(t *testing.T) {
	f := &screensFailing{fakeSource: newFakeSource().withAgreement(), saveErr: errors.New("read-only")}
	u := newScreensFailingUI(t, f)
	s := screensUnlock(t, u).settings
	s.retention.SetSelected("2 weeks")
	screensTapped(t, u, s.save)
	if !strings.Contains(s.msg.Text, "couldn't be saved") {
		t.Errorf("error message %q", s.msg.Text)
	}
	s.retention.SetSelected("12 weeks")
	screensTapped(t, u, s.save)
	test.Tap(s.dlgTeenCheck)
	screensTapped(t, u, s.dlgSave)
	if s.dlg == nil || !strings.Contains(s.dlgMsg.Text, "couldn't be saved") {
		t.Errorf("error message in the dialog %q", s.dlgMsg.Text)
	}
}

func TestSettingsChangeText(t *testing.T) {
	old := consent.New(fakeNow)
	nw := old
	nw.RetentionDays = 84
	nw.Lang = "nl"
	got := []string{}
	for _, c := range consent.Diff(old, nw) {
		got = append(got, settingsChangeText(c, "en"))
	}
	want := "Data is kept for 12 weeks instead of 8 weeks (needs a new yes)|Language: English becomes Dutch"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q", got)
	}
}

func TestEndMonitoringNeedsConfirmation(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	e := screensUnlock(t, u).end
	test.Tap(e.endBtn)
	if e.dlg == nil || !e.dlgConfirm.Disabled() {
		t.Fatal("no confirmation, or it can be confirmed without typing")
	}
	test.Type(e.dlgEntry, "Sa")
	screensTapped(t, u, e.dlgConfirm)
	e.onConfirm()
	if f.ended != 0 {
		t.Fatal("ended without the name")
	}
	test.Tap(e.dlgCancel)
	if e.dlg != nil || f.ended != 0 {
		t.Fatal("cancel ended monitoring")
	}

	test.Tap(e.endBtn)
	test.Type(e.dlgEntry, " sam ")
	if e.dlgConfirm.Disabled() {
		t.Fatal("the name (any case, spaces around) does not confirm")
	}
	screensTapped(t, u, e.dlgConfirm)
	if f.ended != 1 {
		t.Fatalf("EndMonitoring called %d times", f.ended)
	}
	if u.wizard == nil || u.Content().(*fyne.Container).Objects[0] != u.wizard.content() {
		t.Error("the wizard is not shown after ending")
	}
}

func TestEndMonitoringError(t *testing.T) {
	f := &screensFailing{fakeSource: newFakeSource().withAgreement(), endErr: errors.New("uninstall failed")}
	u := newScreensFailingUI(t, f)
	e := screensUnlock(t, u).end
	test.Tap(e.endBtn)
	e.dlgEntry.SetText("Sam")
	screensTapped(t, u, e.dlgConfirm)
	if e.dlg == nil || !strings.Contains(e.dlgMsg.Text, "couldn't be ended") {
		t.Errorf("error %q", e.dlgMsg.Text)
	}
}

func TestAgreementTabPauseAndResume(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	u.main.SelectIndex(tabAgreement)
	s := u.pact
	if !strings.Contains(s.ends.Text, "in 161 days") {
		t.Errorf("ends: %q", s.ends.Text)
	}
	if !strings.Contains(s.who.Text, "You and your parent agreed") {
		t.Errorf("who: %q", s.who.Text)
	}
	if !s.pauseBtn.Disabled() {
		t.Fatal("pausing without a reason is possible")
	}
	s.duration.SetSelected("2 hours")
	test.Type(s.reason, "exam revision")
	screensTapped(t, u, s.pauseBtn)
	if len(f.pauses) != 1 || f.pauses[0] != "exam revision" {
		t.Fatalf("pauses %v", f.pauses)
	}
	if !s.pausedBox.Visible() || s.pauseForm.Visible() {
		t.Fatal("the paused state is not shown")
	}
	if want := "Until Thu 26 Nov 21:30. Your reason: “exam revision”"; s.pausedLbl.Text != want {
		t.Errorf("paused %q, want %q", s.pausedLbl.Text, want)
	}
	screensTapped(t, u, s.resumeBtn)
	if f.resumed != 1 || s.pausedBox.Visible() {
		t.Error("resume did not resume")
	}
}

// TestPauseReasonTooLong: a reason over store.MaxReason characters (not
// bytes) cannot be sent, and the hint says why.
func TestPauseReasonTooLong(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	u.main.SelectIndex(tabAgreement)
	s := u.pact
	s.duration.SetSelected("2 hours")
	s.reason.SetText(strings.Repeat("é", store.MaxReason))
	if s.pauseBtn.Disabled() {
		t.Errorf("%d two-byte characters are refused", store.MaxReason)
	}
	s.reason.SetText(strings.Repeat("é", store.MaxReason+1))
	if !s.pauseBtn.Disabled() || !strings.Contains(s.pauseHint.Text, "200 characters or fewer") {
		t.Errorf("a reason of %d characters: button disabled %v, hint %q", store.MaxReason+1, s.pauseBtn.Disabled(), s.pauseHint.Text)
	}
	s.onPause()
	if len(f.pauses) != 0 {
		t.Errorf("a too long reason was sent: %v", f.pauses)
	}
}

func TestPactEnds(t *testing.T) {
	now := fakeNow
	for _, tc := range []struct {
		exp  time.Time
		want string
	}{
		{now.AddDate(0, 0, 10), "It ends on Sunday 6 December 2026, in 10 days."},
		{now.Add(20 * time.Hour), "It ends tomorrow, Friday 27 November 2026."},
		{now.Add(2 * time.Hour), "It ends today. Sit down together to renew it."},
		{now.Add(-time.Hour), "It ended on Thursday 26 November 2026. Time to sit down together and renew it."},
	} {
		if got := pactEnds(tc.exp, now, "en"); got != tc.want {
			t.Errorf("pactEnds(%v) = %q, want %q", tc.exp, got, tc.want)
		}
	}
	if d := pactUntilTomorrow(now); d != 11*time.Hour+30*time.Minute {
		t.Errorf("until tomorrow = %v", d)
	}
}

// Choosing the Parent tab puts the cursor in the PIN field, so a parent can
// type the PIN and press Enter without reaching for the mouse.
func TestParentTabFocusesThePIN(t *testing.T) {
	a := test.NewTempApp(t)
	src := newFakeSource().withAgreement()
	src.summary = weekData()
	src.prompts = promptData()
	w := test.NewTempWindow(t, nil)
	u := screensNew(t, a, w, src, Options{Lang: "en", Now: func() time.Time { return fakeNow }})
	u.Refresh(context.Background())
	u.ShowParent()
	if got := w.Canvas().Focused(); got != u.parent.pin {
		t.Fatalf("focused = %T, want the PIN entry", got)
	}
	test.Type(u.parent.pin, "2468")
	u.parent.pin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	screensSettle(t, u)
	if !u.parent.unlocked() {
		t.Fatal("typing the PIN into the focused field and pressing Enter did not unlock")
	}
}
