package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// Tests for ui.go: the tabs, the reads, the loading page.

// Only the first tab's screen is made with the window; the others are made,
// with the data, when they are first shown.
func TestTabsAreMadeWhenShown(t *testing.T) {
	f := newFakeSource().withAgreement()
	f.prompts = promptData()
	u, _ := newScreensUI(t, f)
	if u.week == nil || u.apps != nil || u.sees != nil || u.help != nil || u.pact != nil || u.parent != nil {
		t.Fatal("screens besides My week are made before their tab is shown")
	}
	u.main.SelectIndex(tabSees)
	if u.sees == nil || len(u.sees.promptTexts) != 2 {
		t.Fatal("What my parent sees has no data when first shown")
	}
	u.ShowHelp()
	if u.help == nil || !screensHasText(u.main.Selected().Content, "Get help now") {
		t.Error("Get help now is not shown")
	}
}

// A read that started before another but arrives after it is not shown: it
// could lack a change the screen already shows.
func TestLateReadIsNotShown(t *testing.T) {
	f := newFakeSource().withAgreement()
	u, _ := newScreensUI(t, f)
	ctx := t.Context()
	before := u.load(ctx)
	f.status.Paused, f.status.PauseUntil = true, fakeNow.Add(time.Hour)
	after := u.load(ctx)
	u.apply(after)
	u.apply(before)
	if !strings.HasPrefix(u.status.Text, "Paused until") {
		t.Errorf("status %q: the earlier read replaced the later one", u.status.Text)
	}
}

// The window says it is opening until the first read is shown, in the
// system's language before the agreement's is known.
func TestLoadingPage(t *testing.T) {
	for _, tc := range []struct{ env, want string }{{"en_GB.UTF-8", "Opening TalkFirst…"}, {"nl_NL.UTF-8", "TalkFirst wordt geopend…"}} {
		t.Run(tc.env, func(t *testing.T) {
			for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"} {
				t.Setenv(k, "")
			}
			t.Setenv("LANG", tc.env)
			f := newFakeSource().withAgreement()
			u := screensNew(t, test.NewTempApp(t), test.NewTempWindow(t, nil), f, Options{})
			if !screensHasText(u.Content(), tc.want) {
				t.Fatalf("before the first read the window shows %q", screensTexts(u.Content()))
			}
			u.Refresh(t.Context())
			if screensHasText(u.Content(), tc.want) || u.main == nil {
				t.Error("the loading page stays after the first read")
			}
		})
	}
}
