package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
	"github.com/talkfirst/talkfirst/agent/xtest"
)

// TestAppShowsItsWindow builds the real app, starts it on a prepared data
// folder under Xvfb, and waits for its window. It is skipped where Xvfb or
// xdotool are missing; CI installs both.
func TestAppShowsItsWindow(t *testing.T) {
	xtest.Need(t, "Xvfb", "xdotool")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "talkfirst")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
	}{
		{"before the agreement", func(*testing.T, string) {}},
		{"with an agreement and data", prepare},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			tc.setup(t, dir)
			display := xtest.StartXvfb(t, "").Display
			app := exec.Command(bin, "--data-dir", dir, "--lang", "en")
			app.Env = append(os.Environ(), "DISPLAY="+display, "WAYLAND_DISPLAY=")
			if err := app.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { app.Process.Kill(); app.Wait() })
			// xdotool --sync waits until a window with that name exists
			find := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--name", "^TalkFirst$")
			find.Env = append(os.Environ(), "DISPLAY="+display)
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			done := make(chan error, 1)
			var out []byte
			go func() { var err error; out, err = find.Output(); done <- err }()
			select {
			case err := <-done:
				if err != nil || strings.TrimSpace(string(out)) == "" {
					t.Fatalf("no TalkFirst window: %v %q", err, out)
				}
			case <-ctx.Done():
				find.Process.Kill()
				t.Fatal("no TalkFirst window within a minute")
			}
			if app.ProcessState != nil {
				t.Fatalf("the app exited: %v", app.ProcessState)
			}
		})
	}
}

// prepare writes an agreement and a little usage into dir.
func prepare(t *testing.T, dir string) {
	t.Helper()
	st, err := store.Open(dir, nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	a := consent.New(now.Add(-24 * time.Hour))
	a.Teen, a.Age, a.Country = "Sam", 14, "NL"
	a.TeenAgreed, a.ParentAgreed = a.Created, a.Created
	if a.PIN, err = consent.HashPIN("2468"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := consent.Save(ctx, st, a, a.Created, words.New(words.AgreementMade, words.Teen())); err != nil {
		t.Fatal(err)
	}
	if err := st.AddIntervals(ctx, []store.Interval{
		{App: "discord", Kind: store.Running, Start: now.Add(-3 * time.Hour), End: now.Add(-time.Hour)},
		{App: "discord", Kind: store.Foreground, Start: now.Add(-3 * time.Hour), End: now.Add(-2 * time.Hour)},
	}); err != nil {
		t.Fatal(err)
	}
}
