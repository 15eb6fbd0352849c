package ui

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/source"
	"github.com/talkfirst/talkfirst/agent/store"
)

// wizardToAgree walks the wizard to the agreement step as Sam, 14, NL.
func wizardToAgree(t *testing.T, u *UI) *wizardScreen {
	t.Helper()
	s := u.wizard
	if s == nil {
		t.Fatal("no wizard without an agreement")
	}
	test.Tap(s.next) // welcome
	test.Tap(s.next) // what is seen
	if s.step != wizWho {
		t.Fatalf("step = %d, want who's who", s.step)
	}
	if !s.next.Disabled() {
		t.Error("Next is enabled before the name, age and country are given")
	}
	test.Type(s.name, "Sam")
	s.age.SetSelected("14")
	if !s.next.Disabled() {
		t.Error("Next is enabled before a country is chosen")
	}
	s.country.SetSelected("Netherlands")
	if s.next.Disabled() {
		t.Fatalf("Next stays disabled on a complete who's who: %q", s.hint.Text)
	}
	test.Tap(s.next)
	if s.step != wizChoices {
		t.Fatalf("step = %d, want choices", s.step)
	}
	test.Tap(s.next)
	if s.step != wizAgree {
		t.Fatalf("step = %d, want the agreement", s.step)
	}
	return s
}

func TestWizardNeedsBothAgreementsAndMatchingPINs(t *testing.T) {
	tests := map[string]struct {
		teen, parent bool
		pin, again   string
		wantHint     string
	}{
		"missing teen check":   {parent: true, pin: "2468", again: "2468", wantHint: "Sam still needs"},
		"missing parent check": {teen: true, pin: "2468", again: "2468", wantHint: "The parent still needs"},
		"PIN mismatch":         {teen: true, parent: true, pin: "2468", again: "2469", wantHint: "not the same"},
		"PIN too short":        {teen: true, parent: true, pin: "246", again: "246", wantHint: "at least 4"},
		"nothing":              {wantHint: "Sam still needs"},
		"complete":             {teen: true, parent: true, pin: "2468", again: "2468"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFakeSource()
			u, _ := newScreensUI(t, f)
			s := wizardToAgree(t, u)
			if tc.teen {
				test.Tap(s.teenCheck)
			}
			if tc.parent {
				test.Tap(s.parentCheck)
			}
			test.Type(s.pin, tc.pin)
			test.Type(s.pinAgain, tc.again)
			complete := tc.wantHint == ""
			if s.start.Disabled() == complete {
				t.Fatalf("Start disabled = %v, want %v (hint %q)", s.start.Disabled(), !complete, s.hint.Text)
			}
			if !strings.Contains(s.hint.Text, tc.wantHint) {
				t.Errorf("hint = %q, want it to contain %q", s.hint.Text, tc.wantHint)
			}
			screensTapped(t, u, s.start)
			s.onStart() // as if Enter were pressed in the PIN field
			screensSettle(t, u)
			if !complete {
				if len(f.saved) != 0 || f.started != 0 {
					t.Fatalf("an incomplete wizard saved %d agreements and started %d times", len(f.saved), f.started)
				}
				return
			}
			if len(f.saved) != 1 {
				t.Fatalf("saved %d agreements, want 1", len(f.saved))
			}
			a := f.saved[0]
			if a.TeenAgreed.IsZero() || a.ParentAgreed.IsZero() {
				t.Errorf("agreed times: teen %v, parent %v", a.TeenAgreed, a.ParentAgreed)
			}
			if !a.PIN.Verify("2468") || a.PIN.Verify("2469") {
				t.Error("the saved PIN hash does not verify the typed PIN (only)")
			}
			if a.Teen != "Sam" || a.Age != 14 || a.Country != "NL" || a.Lang != "en" {
				t.Errorf("who's who = %q %d %q %q", a.Teen, a.Age, a.Country, a.Lang)
			}
			if a.Night != store.DefaultNight || a.RetentionDays != 56 || !a.SchoolWorkPrompts {
				t.Errorf("choices = %+v %d %v, want the defaults", a.Night, a.RetentionDays, a.SchoolWorkPrompts)
			}
			if !a.Expires.Equal(fakeNow.AddDate(0, 6, 0)) {
				t.Errorf("expires %v, want six months on", a.Expires)
			}
			if f.started != 1 || s.step != wizDone {
				t.Errorf("started %d times, step %d", f.started, s.step)
			}
		})
	}
}

func TestWizardChangingTermsClearsAgreements(t *testing.T) {
	f := newFakeSource()
	u, _ := newScreensUI(t, f)
	s := wizardToAgree(t, u)
	test.Tap(s.teenCheck)
	test.Tap(s.parentCheck)
	test.Tap(s.back)
	s.retention.SetSelected("12 weeks")
	test.Tap(s.next)
	if s.teenCheck.Checked || s.parentCheck.Checked {
		t.Error("both checks survive a change to what they agreed to")
	}
	if !strings.Contains(s.hint.Text, "Sam still needs") {
		t.Errorf("hint = %q", s.hint.Text)
	}
}

func TestWizardOtherCountry(t *testing.T) {
	f := newFakeSource()
	u, _ := newScreensUI(t, f)
	s := u.wizard
	test.Tap(s.next)
	test.Tap(s.next)
	test.Type(s.name, "Noor")
	s.age.SetSelected("9")
	s.country.SetSelected("Another country (international help lines)")
	if !s.next.Disabled() || !s.otherCode.Visible() {
		t.Fatal("another country needs a code, and the code field shows")
	}
	test.Type(s.otherCode, "f1")
	if !s.next.Disabled() {
		t.Error("F1 is accepted as a country code")
	}
	s.otherCode.SetText("fr")
	if s.next.Disabled() {
		t.Fatalf("a two-letter code is refused: %q", s.hint.Text)
	}
	if got := s.draft().Country; got != "FR" {
		t.Errorf("country = %q, want FR", got)
	}
}

func TestWizardLanguageSwitchKeepsAnswers(t *testing.T) {
	f := newFakeSource()
	u, _ := newScreensUI(t, f)
	s := u.wizard
	test.Tap(s.next)
	test.Tap(s.next)
	test.Type(s.name, "Sam")
	s.langSel.SetSelected("Nederlands")
	if u.Lang() != "nl" || s.name.Text != "Sam" || s.step != wizWho {
		t.Fatalf("lang %q, name %q, step %d", u.Lang(), s.name.Text, s.step)
	}
	if !screensHasText(s.content(), "Je voornaam") {
		t.Error("the wizard did not switch to Dutch")
	}
}

func TestWizardStartFailureOffersRunHere(t *testing.T) {
	f := newFakeSource()
	f.startErr = errors.New("no systemd user session")
	u, _ := newScreensUI(t, f)
	s := wizardToAgree(t, u)
	test.Tap(s.teenCheck)
	test.Tap(s.parentCheck)
	test.Type(s.pin, "2468")
	test.Type(s.pinAgain, "2468")
	screensTapped(t, u, s.start)
	if len(f.saved) != 1 || f.started != 1 {
		t.Fatalf("saved %d, started %d", len(f.saved), f.started)
	}
	c := u.Content()
	for _, want := range []string{"TalkFirst couldn't start by itself", "Run TalkFirst while this app is open", "no systemd user session"} {
		if !screensHasText(c, want) {
			t.Errorf("the start failure does not say %q", want)
		}
	}
	// A refresh in between must not sweep the message away.
	u.Refresh(t.Context())
	if u.wizard != s || !screensHasText(u.Content(), "couldn't start by itself") {
		t.Fatal("a refresh replaced the wizard while it holds the start result")
	}
	screensTapped(t, u, s.runHere)
	if f.ranHere != 1 {
		t.Fatalf("RunAgentHere called %d times", f.ranHere)
	}
	if !screensHasText(u.Content(), "running while this app is open") {
		t.Error("no word that TalkFirst now runs in the app")
	}
	screensTapped(t, u, s.open)
	if u.main == nil || u.wizard != nil {
		t.Fatal("Open TalkFirst did not open the app")
	}
}

func TestWizardRetryStart(t *testing.T) {
	f := newFakeSource()
	f.startErr = errors.New("denied")
	u, _ := newScreensUI(t, f)
	s := wizardToAgree(t, u)
	test.Tap(s.teenCheck)
	test.Tap(s.parentCheck)
	test.Type(s.pin, "2468")
	test.Type(s.pinAgain, "2468")
	screensTapped(t, u, s.start)
	f.startErr = nil
	screensTapped(t, u, s.retry)
	if f.started != 2 || !screensHasText(u.Content(), "TalkFirst is on.") {
		t.Errorf("started %d; retry does not say it is on", f.started)
	}
}

func TestAgreementHTML(t *testing.T) {
	a := consent.New(fakeNow)
	a.Teen, a.Age, a.Country = `<b>Sam</b> & "co"`, 14, "NL"
	a.TeenAgreed, a.ParentAgreed = fakeNow, fakeNow.Add(time.Minute)
	a.Night = store.NightHours{Start: 21*60 + 30, End: 7 * 60}
	a.RetentionDays = 28
	en := agreementHTML(a, "en")
	for _, want := range []string{
		"<!DOCTYPE html>", `<html lang="en">`, "Our TalkFirst agreement",
		"&lt;b&gt;Sam&lt;/b&gt; &amp; &#34;co&#34; (14)", "21:30 and 07:00", "4 weeks",
		"Thursday 26 November 2026", "Wednesday 26 May 2027", "The parent agreed on Thursday 26 November 2026.",
		"never reads messages",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
	if strings.Contains(en, "<b>Sam") {
		t.Error("the name is not escaped")
	}
	nl := agreementHTML(a, "nl")
	for _, want := range []string{`<html lang="nl">`, "Onze TalkFirst-afspraak", "donderdag 26 november 2026", "4 weken"} {
		if !strings.Contains(nl, want) {
			t.Errorf("Dutch page lacks %q", want)
		}
	}

	var buf bytes.Buffer
	w := &screensWriteCloser{Buffer: &buf}
	if err := writeAgreementHTML(w, a, "en"); err != nil || !w.closed || buf.String() != en {
		t.Errorf("writeAgreementHTML: err %v, closed %v, %d bytes", err, w.closed, buf.Len())
	}
}

type screensWriteCloser struct {
	*bytes.Buffer
	closed bool
}

func (w *screensWriteCloser) Close() error { w.closed = true; return nil }

func TestWizardRetentionAndHours(t *testing.T) {
	opts, days := wizRetentionOptions(56, "en")
	if strings.Join(opts, ",") != "2 weeks,4 weeks,8 weeks,12 weeks" || days["8 weeks"] != 56 {
		t.Errorf("options %v %v", opts, days)
	}
	opts, days = wizRetentionOptions(10, "nl")
	if strings.Join(opts, ",") != "10 dagen,2 weken,4 weken,8 weken,12 weken" || days["10 dagen"] != 10 {
		t.Errorf("options with an odd retention %v", opts)
	}
	h := wizHourOptions(22*60 + 30)
	if len(h) != 25 || h[22] != "22:00" || h[23] != "22:30" || h[24] != "23:00" {
		t.Errorf("hours with 22:30: %v", h)
	}
	if m, ok := wizParseClock("06:00"); !ok || m != 360 {
		t.Errorf("parse 06:00 = %d %v", m, ok)
	}
}

func TestWizardWelcomeMarkup(t *testing.T) {
	f := newFakeSource()
	u, _ := newScreensUI(t, f)
	screensGolden(t, "wizard/welcome.xml", u.wizard.content())
}

func TestWizardSaveError(t *testing.T) {
	f := &screensFailing{fakeSource: newFakeSource(), saveErr: errors.New("disk full")}
	u := newScreensFailingUI(t, f)
	s := wizardToAgree(t, u)
	test.Tap(s.teenCheck)
	test.Tap(s.parentCheck)
	test.Type(s.pin, "2468")
	test.Type(s.pinAgain, "2468")
	screensTapped(t, u, s.start)
	if s.step != wizAgree || f.started != 0 || s.holding() {
		t.Fatalf("step %d, started %d after a failed save", s.step, f.started)
	}
	if !strings.Contains(s.hint.Text, "couldn't be saved") || strings.Contains(s.hint.Text, "disk") {
		t.Errorf("hint %q", s.hint.Text)
	}
}

func TestStoreErrorPage(t *testing.T) {
	f := newFakeSource().withAgreement()
	f.prompts = promptData()
	u, _ := newScreensUI(t, f)
	screensUnlock(t, u)
	f.err = errors.New("database disk image is malformed")
	u.Refresh(t.Context())
	if !screensHasText(u.Content(), "can't read its data") || screensHasText(u.Content(), "From a game to a private chat") {
		t.Fatal("the error page does not replace the screens")
	}
	f.err = nil
	u.Refresh(t.Context())
	if !screensHasText(u.Content(), "TalkFirst is") {
		t.Error("the app does not come back after the error")
	}
}

// TestDamagedStorePage: the app does not move a damaged store aside (the
// agent does, under its lease), and it says that.
func TestDamagedStorePage(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	f.err = fmt.Errorf("%w: open store x: %w: file is not a database", source.ErrStoreUnavailable, store.ErrDamaged)
	u.Refresh(t.Context())
	shown := strings.Join(screensTexts(u.Content()), " ") // the label wraps
	if !strings.Contains(shown, "can't read its data") || !strings.Contains(shown, "is damaged, so it can't be opened; nothing was changed. When the agent starts again, it keeps the damaged file and starts a new one.") {
		t.Errorf("the error page does not say the data is damaged and what happens next: %q", shown)
	}
}
