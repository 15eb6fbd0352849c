package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
)

// maxPause bounds one pause; a longer break is a conversation, not a flag.
const maxPause = 7 * 24 * time.Hour

func init() {
	register(command{
		name:    "pause",
		args:    "[--data-dir DIR] --for DUR --reason TEXT",
		summary: "pause recording for a while, with a reason both can see",
		run:     runPause,
	})
	register(command{
		name:    "resume",
		args:    "[--data-dir DIR]",
		summary: "end a pause now",
		run:     runResume,
	})
}

func runPause(o *IO, args []string) error {
	fs := newFlags(o, "pause")
	dataDir := dataDirFlag(o, fs)
	forS := fs.String("for", "", "how long, e.g. `30m`, 2h or 1d (at most 7d)")
	reason := fs.String("reason", "", "why, in a few words; shown to the teen and the parent")
	if err := parse(o, fs, "pause", args); err != nil {
		return err
	}
	if *forS == "" || strings.TrimSpace(*reason) == "" {
		return usagef("--for and --reason are both required")
	}
	d, err := parseDuration(*forS)
	if err != nil {
		return usagef("%v", err)
	}
	if d <= 0 || d > maxPause {
		return usagef("a pause can last from a minute to 7 days")
	}
	if len(*reason) > 200 {
		return usagef("keep the reason under 200 characters")
	}
	st, err := openDataStore(dataDir)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := consent.Load(ctx, st); errors.Is(err, consent.ErrNoAgreement) {
		return errors.New("there is no family agreement, so nothing is being recorded to pause")
	}
	now := time.Now()
	if err := st.Pause(ctx, now, now.Add(d), *reason); errors.Is(err, store.ErrAlreadyPaused) {
		p, _, _ := st.ActivePause(ctx, now)
		return fmt.Errorf("already paused until %s (%s); resume first to change it", p.End.Format("Mon 2 Jan 15:04"), p.Reason)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(o.Stdout, "Paused until %s. The pause and its reason are shown to both of you.\n", now.Add(d).Format("Mon 2 Jan 15:04"))
	return nil
}

func runResume(o *IO, args []string) error {
	fs := newFlags(o, "resume")
	dataDir := dataDirFlag(o, fs)
	if err := parse(o, fs, "resume", args); err != nil {
		return err
	}
	st, err := openDataStore(dataDir)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	on, err := st.Resume(ctx, time.Now())
	if err != nil {
		return err
	}
	if !on {
		fmt.Fprintln(o.Stdout, "Not paused.")
		return nil
	}
	fmt.Fprintln(o.Stdout, "Recording again.")
	return nil
}
