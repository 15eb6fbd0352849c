// Command talkfirst is the TalkFirst desktop app: setting up together, the
// teen's own week and help, and the parent's prompts. All logic lives in ui/.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/talkfirst/talkfirst/agent/source"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/ui"
)

func main() {
	dataDir := flag.String("data-dir", "", "the data folder (default the per-user data folder, or $TALKFIRST_DATA_DIR)")
	lang := flag.String("lang", "", "en or nl (default: the agreement's language, then the system's)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	dir := *dataDir
	if dir == "" {
		d, err := store.DefaultDir(nil)
		if err != nil {
			fmt.Fprintf(os.Stderr, "talkfirst: %v\n", err)
			os.Exit(1)
		}
		dir = d
	}
	a := app.NewWithID("org.talkfirst.TalkFirst")
	w := a.NewWindow("TalkFirst")
	src := source.NewStoreSource(dir, log)
	defer src.Close()
	// TALKFIRST_FIRST_DRAW is for scripts/measure-app.sh: the time the first screen was painted.
	u := ui.New(a, w, src, ui.Options{Lang: *lang, Log: log, FirstDrawFile: os.Getenv("TALKFIRST_FIRST_DRAW")})
	u.SetupTray()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u.Start(ctx)
	w.Resize(fyne.NewSize(1100, 760))
	w.SetMaster()
	w.ShowAndRun()
}
