package ui

import (
	"bytes"
	"context"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Tests for busy.go: slow work leaves the fyne goroutine free.

// gatedSource holds one method of the fake until the test lets it go, to see
// what the window shows meanwhile. When the method is called on the goroutine
// that armed the gate, the work ran where the window would have frozen: it
// does not wait then, it says so.
type gatedSource struct {
	*fakeSource
	method   string
	caller   uint64 // the test's goroutine
	entered  chan struct{}
	release  chan struct{}
	onCaller atomic.Bool
	calls    atomic.Int32
}

func newGatedSource(f *fakeSource) *gatedSource {
	return &gatedSource{fakeSource: f, entered: make(chan struct{}), release: make(chan struct{})}
}

// arm holds the next calls of method; the test's goroutine must call it.
func (g *gatedSource) arm(method string) {
	g.method, g.caller = method, goroutineID()
}

func (g *gatedSource) gate(method string) {
	if method != g.method {
		return
	}
	g.calls.Add(1)
	if goroutineID() == g.caller {
		g.onCaller.Store(true)
		return
	}
	g.entered <- struct{}{}
	<-g.release
}

func (g *gatedSource) CheckPIN(ctx context.Context, pin string) error {
	g.gate("CheckPIN")
	return g.fakeSource.CheckPIN(ctx, pin)
}

func (g *gatedSource) Pause(ctx context.Context, d time.Duration, reason string) error {
	g.gate("Pause")
	return g.fakeSource.Pause(ctx, d, reason)
}

func (g *gatedSource) Resume(ctx context.Context) error {
	g.gate("Resume")
	return g.fakeSource.Resume(ctx)
}

func (g *gatedSource) SetPromptStatus(ctx context.Context, id, status string) error {
	g.gate("SetPromptStatus")
	return g.fakeSource.SetPromptStatus(ctx, id, status)
}

func (g *gatedSource) SaveAgreement(ctx context.Context, a consent.Agreement, why words.Fact) error {
	g.gate("SaveAgreement")
	return g.fakeSource.SaveAgreement(ctx, a, why)
}

func (g *gatedSource) EndMonitoring(ctx context.Context) error {
	g.gate("EndMonitoring")
	return g.fakeSource.EndMonitoring(ctx)
}

func (g *gatedSource) StartAgent(ctx context.Context) (string, error) {
	g.gate("StartAgent")
	return g.fakeSource.StartAgent(ctx)
}

func (g *gatedSource) RunAgentHere(ctx context.Context) error {
	g.gate("RunAgentHere")
	return g.fakeSource.RunAgentHere(ctx)
}

// goroutineID is the number of the calling goroutine, from its stack's
// first line ("goroutine 7 [running]:").
func goroutineID() uint64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	n, _ := strconv.ParseUint(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return n
}

// wizardReady walks the wizard to a complete agreement step.
func wizardReady(t *testing.T, u *UI) *wizardScreen {
	t.Helper()
	s := wizardToAgree(t, u)
	test.Tap(s.teenCheck)
	test.Tap(s.parentCheck)
	test.Type(s.pin, "2468")
	test.Type(s.pinAgain, "2468")
	return s
}

// Every action that reads or writes the store, checks or hashes the PIN, or
// starts or removes the agent runs off the fyne goroutine: while it runs, its
// button is disabled and says it is working, pressing it again does nothing,
// and the result shows once the work is done.
func TestSlowWorkLeavesTheWindowFree(t *testing.T) {
	tests := []struct {
		name   string
		method string
		agreed bool // the fake starts with an agreement
		// ready brings the screen to the button and returns it.
		ready func(t *testing.T, u *UI, f *fakeSource) *widget.Button
		// check says whether the result shows after the work is done.
		check func(u *UI, f *fakeSource) bool
	}{
		{"unlock", "CheckPIN", true,
			func(t *testing.T, u *UI, _ *fakeSource) *widget.Button {
				u.ShowParent()
				test.Type(u.parent.pin, "2468")
				return u.parent.unlock
			},
			func(u *UI, _ *fakeSource) bool { return u.parent.unlocked() }},
		{"pause", "Pause", true,
			func(t *testing.T, u *UI, _ *fakeSource) *widget.Button {
				u.main.SelectIndex(tabAgreement)
				test.Type(u.pact.reason, "exam revision")
				return u.pact.pauseBtn
			},
			func(u *UI, _ *fakeSource) bool { return u.pact.pausedBox.Visible() }},
		{"resume", "Resume", true,
			func(t *testing.T, u *UI, f *fakeSource) *widget.Button {
				f.status.Paused, f.status.PauseUntil, f.status.PauseWhy = true, fakeNow.Add(time.Hour), "exam revision"
				u.Refresh(t.Context())
				u.main.SelectIndex(tabAgreement)
				return u.pact.resumeBtn
			},
			func(u *UI, _ *fakeSource) bool { return !u.pact.pausedBox.Visible() }},
		{"prompt handled", "SetPromptStatus", true,
			func(t *testing.T, u *UI, _ *fakeSource) *widget.Button {
				return screensUnlock(t, u).prompts.cards["p-hop"].talked
			},
			func(u *UI, _ *fakeSource) bool {
				return strings.Contains(u.parent.prompts.cards["p-hop"].status.Text, "You talked about it")
			}},
		{"settings saved", "SaveAgreement", true,
			func(t *testing.T, u *UI, _ *fakeSource) *widget.Button {
				s := screensUnlock(t, u).settings
				s.retention.SetSelected("4 weeks")
				return s.save
			},
			func(u *UI, f *fakeSource) bool {
				return len(f.saved) == 1 && strings.Contains(u.parent.settings.msg.Text, "Saved.")
			}},
		{"monitoring ended", "EndMonitoring", true,
			func(t *testing.T, u *UI, _ *fakeSource) *widget.Button {
				e := screensUnlock(t, u).end
				test.Tap(e.endBtn)
				test.Type(e.dlgEntry, "Sam")
				return e.dlgConfirm
			},
			func(u *UI, _ *fakeSource) bool { return u.wizard != nil && u.main == nil }},
		{"set up together", "SaveAgreement", false,
			func(t *testing.T, u *UI, _ *fakeSource) *widget.Button { return wizardReady(t, u).start },
			func(u *UI, f *fakeSource) bool {
				return len(f.saved) == 1 && f.saved[0].PIN.Verify("2468") && u.wizard.step == wizDone
			}},
		{"agent started again", "StartAgent", false,
			func(t *testing.T, u *UI, f *fakeSource) *widget.Button {
				f.startErr = errTest
				s := wizardReady(t, u)
				screensTapped(t, u, s.start)
				f.startErr = nil
				return s.retry
			},
			func(u *UI, _ *fakeSource) bool { return screensHasText(u.Content(), "TalkFirst is on.") }},
		{"agent run in the app", "RunAgentHere", false,
			func(t *testing.T, u *UI, f *fakeSource) *widget.Button {
				f.startErr = errTest
				s := wizardReady(t, u)
				screensTapped(t, u, s.start)
				return s.runHere
			},
			func(u *UI, _ *fakeSource) bool { return screensHasText(u.Content(), "running while this app is open") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSource()
			if tc.agreed {
				f.withAgreement()
			}
			f.prompts = promptData()
			g := newGatedSource(f)
			a := test.NewTempApp(t)
			w := test.NewTempWindow(t, nil)
			w.Resize(fyne.NewSize(900, 700))
			u := screensNew(t, a, w, g, Options{Lang: "en", Now: func() time.Time { return fakeNow }})
			u.Refresh(t.Context())
			btn := tc.ready(t, u, f)
			label := btn.Text

			g.arm(tc.method)
			test.Tap(btn)
			if g.onCaller.Load() {
				t.Fatalf("%s ran on the goroutine that pressed the button", tc.method)
			}
			<-g.entered // the work waits in the fake; the window is free
			if !btn.Disabled() || btn.Text != "Working…" {
				t.Errorf("while working the button is disabled %v and says %q", btn.Disabled(), btn.Text)
			}
			if tc.check(u, f) {
				t.Error("the result shows before the work is done")
			}
			test.Tap(btn) // a second press is ignored
			if n := g.calls.Load(); n != 1 {
				t.Errorf("%s called %d times", tc.method, n)
			}

			close(g.release)
			screensSettle(t, u)
			if !tc.check(u, f) {
				t.Error("the result does not show once the work is done")
			}
			if btn.Text != label {
				t.Errorf("the button says %q afterwards, want %q", btn.Text, label)
			}
		})
	}
}

var errTest = errFake("no systemd user session")

type errFake string

func (e errFake) Error() string { return string(e) }

// While the agent is started after saving, a refresh (the agent's first
// write) finds the agreement; the wizard must stay to show how it went.
func TestWizardStaysWhileStarting(t *testing.T) {
	f := newFakeSource()
	g := newGatedSource(f)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 700))
	u := screensNew(t, test.NewTempApp(t), w, g, Options{Lang: "en", Now: func() time.Time { return fakeNow }})
	u.Refresh(t.Context())
	s := wizardReady(t, u)
	g.arm("StartAgent")
	test.Tap(s.start)
	<-g.entered
	u.Refresh(t.Context())
	if u.wizard != s || u.main != nil {
		t.Fatal("a refresh while the agent started replaced the wizard")
	}
	close(g.release)
	screensSettle(t, u)
	if s.step != wizDone || !screensHasText(u.Content(), "TalkFirst is on.") {
		t.Errorf("step %d after starting", s.step)
	}
}
