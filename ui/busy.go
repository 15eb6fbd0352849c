package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Slow work never runs on the fyne goroutine: reading the store, saving to
// it, hashing or checking the PIN (argon2id takes a good part of a second on
// a slow computer) and installing, starting or removing the agent. A screen
// hands it to busy, which shows that something is happening and gives the
// result back on the fyne goroutine.

// busy runs work off the fyne goroutine and then done with its result on the
// fyne goroutine. While work runs, btn (when not nil) is disabled and says
// "Working…"; pressing it again, or the Enter key that stands for it, does
// nothing until done has run. busy must be called on the fyne goroutine.
func busy[T any](u *UI, btn *widget.Button, work func(ctx context.Context) (T, error), done func(T, error)) {
	if btn != nil {
		if _, ok := u.working[btn]; ok {
			return
		}
		u.working[btn] = busyButton{text: btn.Text, disabled: btn.Disabled()}
		btn.SetText(u.t("busy"))
		btn.Disable()
	}
	u.pending++
	ctx := u.ctx
	go func() {
		v, err := work(ctx)
		u.deliver(func() {
			u.pending--
			if btn != nil {
				b := u.working[btn]
				delete(u.working, btn)
				btn.SetText(b.text)
				if !b.disabled {
					btn.Enable()
				}
			}
			done(v, err)
		})
	}()
}

// busyButton is how a button was before busy took it over.
type busyButton struct {
	text     string
	disabled bool
}

// isBusy reports whether btn is waiting for its work, so code that enables
// buttons as the form changes leaves it alone.
func (u *UI) isBusy(btn *widget.Button) bool {
	_, ok := u.working[btn]
	return ok
}

// loaded is the work after a change: when err is nil, everything is read
// again so done can show the change; otherwise err is passed on.
func (u *UI) loaded(ctx context.Context, err error) (*snapshot, error) {
	if err != nil {
		return nil, err
	}
	return u.load(ctx), nil
}

// reload reads everything again off the fyne goroutine and shows it; btn
// (may be nil) is the button that asked.
func (u *UI) reload(btn *widget.Button) {
	busy(u, btn, func(ctx context.Context) (*snapshot, error) { return u.load(ctx), nil },
		func(s *snapshot, _ error) { u.apply(s) })
}

// loadingPage is what the window shows until the first read is done.
func (u *UI) loadingPage() fyne.CanvasObject {
	lang := u.lang
	if lang == "" {
		lang = systemLang() // the agreement's language is not known yet
	}
	return container.NewCenter(widget.NewLabel(text(lang, "loading")))
}

func init() {
	addTexts(map[string][2]string{
		"busy":    {"Working…", "Even bezig…"},
		"loading": {"Opening TalkFirst…", "TalkFirst wordt geopend…"},
	})
}
