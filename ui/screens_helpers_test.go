package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// Helpers for the wizard, parent and agreement tests. Names start with
// screens so they do not clash with the teen screens' tests.

// screensNew is New for tests: the work the screens run off the fyne
// goroutine (busy.go) hands its result to a queue that screensSettle empties
// on the test's goroutine, as the fyne goroutine would. (The test driver's
// fyne.Do would run it at once on the worker's goroutine, beside the test.)
func screensNew(t *testing.T, a fyne.App, w fyne.Window, src Source, opts Options) *UI {
	t.Helper()
	u := New(a, w, src, opts)
	q := make(chan func(), 16)
	u.deliver = func(fn func()) { q <- fn }
	screensQueues.Store(u, q)
	t.Cleanup(func() { screensQueues.Delete(u) })
	return u
}

// screensQueues holds each test UI's results, by *UI.
var screensQueues sync.Map

// screensSettle waits for the work u started, and for the work that started
// in turn, and shows its results.
func screensSettle(t *testing.T, u *UI) {
	t.Helper()
	q, ok := screensQueues.Load(u)
	if !ok {
		t.Fatal("screensSettle needs a UI made by screensNew")
	}
	for u.pending > 0 {
		(<-q.(chan func()))()
	}
}

// screensTapped taps b and waits for the work it started.
func screensTapped(t *testing.T, u *UI, b fyne.Tappable) {
	t.Helper()
	test.Tap(b)
	screensSettle(t, u)
}

// newScreensUI builds the app over f in a headless window and reads f once.
func newScreensUI(t *testing.T, f *fakeSource) (*UI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 700))
	u := screensNew(t, a, w, f, Options{Lang: "en", Now: func() time.Time { return fakeNow }})
	u.Refresh(context.Background())
	return u, w
}

// screensTexts lists every visible text under o.
func screensTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *canvas.Text:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// screensHasText reports whether some visible text under o contains s.
func screensHasText(o fyne.CanvasObject, s string) bool {
	for _, t := range screensTexts(o) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// screensUnlock opens the parent's side with the fake's PIN.
func screensUnlock(t *testing.T, u *UI) *parentScreen {
	t.Helper()
	u.ShowParent()
	p := u.parent
	test.Type(p.pin, "2468")
	screensTapped(t, u, p.unlock)
	if !p.unlocked() {
		t.Fatalf("the right PIN did not unlock the parent's side: %q", p.pinMsg.Text)
	}
	return p
}

// screensGolden compares o, alone in an 800×600 window, with a golden
// markup file. It lays out twice first: wrapped text settles its height on
// the second pass, as it does in a real window.
func screensGolden(t *testing.T, file string, o fyne.CanvasObject) {
	t.Helper()
	w := test.NewTempWindow(t, o)
	w.Resize(fyne.NewSize(800, 600))
	o.Refresh()
	w.Resize(fyne.NewSize(801, 600))
	w.Resize(fyne.NewSize(800, 600))
	test.AssertRendersToMarkup(t, file, w.Canvas())
}
