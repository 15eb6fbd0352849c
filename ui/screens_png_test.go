package ui

import (
	"errors"
	"flag"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// update turns on the screen generators, TestScreensPNG and
// TestTeenScreensPNG, which render the screens to PNG files to look at:
//
//	go test ./ui -run PNG -update
//
// They check nothing a person does not see, so without -update they skip:
// the screens' tests are the ones that compare markup (testdata) and fields.
var update = flag.Bool("update", false, "render the screens to ui-*.png files in the temporary folder")

// generator skips a test that only renders PNG files unless -update is given,
// and returns the file for a screen's name.
func generator(t *testing.T) func(name string) string {
	t.Helper()
	if !*update {
		t.Skip("renders the screens to PNG files and checks nothing: run with -update to render them")
	}
	dir := os.TempDir()
	t.Logf("writing the screens to %s", filepath.Join(dir, "ui-*.png"))
	return func(name string) string { return filepath.Join(dir, "ui-"+name+".png") }
}

// TestScreensPNG renders the wizard, the parent's side and "Our agreement" to
// ui-*.png files in the temporary folder (with -update; see update).
func TestScreensPNG(t *testing.T) {
	file := generator(t)
	shotSuffix := ""
	shot := func(w fyne.Window, name string) {
		t.Helper()
		if strings.HasSuffix(name, "-tall") {
			w.Resize(fyne.NewSize(1000, 1500))
			defer w.Resize(fyne.NewSize(1000, 720))
		}
		// Lay out twice: wrapped text settles its height on the second pass,
		// as it does in a real window.
		w.Content().Refresh()
		w.Resize(w.Canvas().Size().AddWidthHeight(1, 0))
		w.Resize(w.Canvas().Size().SubtractWidthHeight(1, 0))
		fh, err := os.Create(file(name + shotSuffix))
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		if err := png.Encode(fh, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	scale := float32(1)
	setup := func(f *fakeSource, lang string) (*UI, fyne.Window) {
		u, w := newScreensUI(t, f)
		u.app.Settings().SetTheme(wizShotTheme{theme.DefaultTheme(), scale})
		w.Resize(fyne.NewSize(1000, 720))
		if lang != "en" {
			u.SetLang(lang)
			screensSettle(t, u) // the prompts, read again in lang
		}
		return u, w
	}

	for _, lang := range []string{"en", "nl", "large"} {
		if lang == "large" {
			lang, scale = "en", 1.5
			shotSuffix = "-large"
		}
		// The wizard, step by step.
		f := newFakeSource()
		f.startErr = errors.New("systemctl --user is not available in this session")
		u, w := setup(f, lang)
		s := u.wizard
		shot(w, "wizard-0-welcome-"+lang)
		test.Tap(s.next)
		shot(w, "wizard-1-sees-"+lang)
		test.Tap(s.next)
		shot(w, "wizard-2-who-empty-"+lang)
		test.Type(s.name, "Sam")
		s.age.SetSelected("14")
		s.country.SetSelected(text(lang, "wiz.c.NL"))
		shot(w, "wizard-2-who-"+lang)
		test.Tap(s.next)
		shot(w, "wizard-3-choices-"+lang)
		test.Tap(s.next)
		shot(w, "wizard-4-agree-"+lang)
		test.Tap(s.teenCheck)
		test.Tap(s.parentCheck)
		test.Type(s.pin, "2468")
		test.Type(s.pinAgain, "2467")
		shot(w, "wizard-4-agree-mismatch-"+lang+"-tall")
		s.pinAgain.SetText("2468")
		screensTapped(t, u, s.start)
		shot(w, "wizard-5-failed-"+lang)
		screensTapped(t, u, s.runHere)
		shot(w, "wizard-5-runhere-"+lang+"-tall")

		// The parent's side.
		f = newFakeSource().withAgreement()
		f.prompts = promptData()
		f.summary = weekData()
		f.status.Running = true
		u, w = setup(f, lang)
		u.ShowParent()
		shot(w, "parent-gate-"+lang)
		test.Type(u.parent.pin, "1234")
		screensTapped(t, u, u.parent.unlock)
		shot(w, "parent-gate-wrong-"+lang)
		p := screensUnlock(t, u)
		shot(w, "parent-inbox-"+lang)
		p.prompts.cards["p-hop"].guide.Open(0)
		shot(w, "parent-inbox-guide-"+lang)
		p.prompts.cards["p-hop"].guide.Close(0)
		screensTapped(t, u, p.prompts.cards["p-night"].talked)
		shot(w, "parent-inbox-handled-"+lang+"-tall")
		p.tabs.SelectIndex(parentTabSummaries)
		shot(w, "parent-summaries-"+lang)
		p.tabs.SelectIndex(parentTabSettings)
		shot(w, "parent-settings-"+lang)
		p.settings.schoolWork.SetChecked(false)
		screensTapped(t, u, p.settings.save)
		shot(w, "parent-settings-saved-"+lang+"-tall")
		p.settings.retention.SetSelected(wizRetentionText(84, lang))
		screensTapped(t, u, p.settings.save)
		shot(w, "parent-settings-widen-"+lang)
		test.Tap(p.settings.dlgCancel)
		p.tabs.SelectIndex(parentTabEnd)
		shot(w, "parent-end-"+lang)
		test.Tap(p.end.endBtn)
		shot(w, "parent-end-dialog-"+lang)
		test.Tap(p.end.dlgCancel)

		// The empty inbox.
		f = newFakeSource().withAgreement()
		u, w = setup(f, lang)
		screensUnlock(t, u)
		shot(w, "parent-inbox-empty-"+lang)

		// Our agreement, then paused.
		f = newFakeSource().withAgreement()
		f.status.Running = true
		u, w = setup(f, lang)
		u.main.SelectIndex(4)
		shot(w, "agreement-"+lang+"-tall")
		test.Type(u.pact.reason, "exam revision")
		screensTapped(t, u, u.pact.pauseBtn)
		shot(w, "agreement-paused-"+lang)
	}
}

// wizShotTheme is the default theme in its light variant, with every size
// multiplied by scale (large fonts).
type wizShotTheme struct {
	fyne.Theme
	scale float32
}

func (t wizShotTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}

func (t wizShotTheme) Size(n fyne.ThemeSizeName) float32 { return t.Theme.Size(n) * t.scale }
