package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// maxPause bounds one pause; a longer break is a conversation, not a flag.
const maxPause = 7 * 24 * time.Hour

func init() {
	register(command{
		name: "pause",
		args: "[--data-dir DIR] [--lang en|nl] --for DUR --reason TEXT",
		run:  runPause,
	})
	register(command{
		name: "resume",
		args: "[--data-dir DIR] [--lang en|nl]",
		run:  runResume,
	})
}

func runPause(o *IO, args []string) error {
	fs := newFlags(o, "pause")
	dataDir := dataDirFlag(o, fs)
	forS := fs.String("for", "", "")
	reason := fs.String("reason", "", "")
	lang := langFlag(fs)
	if err := parse(o, fs, "pause", args); err != nil {
		return err
	}
	l, dir, err := o.chosen(*lang, dataDir)
	if err != nil {
		return err
	}
	if *forS == "" || strings.TrimSpace(*reason) == "" {
		return usageError{l.T("cli.pause.required")}
	}
	d, err := parseDuration(*forS)
	if err != nil {
		return usageError{l.F("cli.pause.badDuration", *forS)}
	}
	if d < time.Minute || d > maxPause {
		return usageError{l.T("cli.pause.range")}
	}
	if utf8.RuneCountInString(store.CleanReason(*reason)) > store.MaxReason {
		return usageError{l.T("cli.pause.long")}
	}
	st, err := openStore(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := consent.Load(ctx, st); errors.Is(err, consent.ErrNoAgreement) {
		return errors.New(l.T("cli.pause.noAgreement"))
	}
	now := time.Now()
	r := words.For(l, now)
	if err := st.Pause(ctx, now, now.Add(d), *reason); errors.Is(err, store.ErrAlreadyPaused) {
		p, _, _ := st.ActivePause(ctx, now)
		return errors.New(r.F("cli.pause.already", r.ShortDateTime(p.End), p.Reason))
	} else if err != nil {
		return err
	}
	fmt.Fprintln(o.Stdout, r.F("cli.pause.done", r.ShortDateTime(now.Add(d))))
	return nil
}

func runResume(o *IO, args []string) error {
	fs := newFlags(o, "resume")
	dataDir := dataDirFlag(o, fs)
	lang := langFlag(fs)
	if err := parse(o, fs, "resume", args); err != nil {
		return err
	}
	l, dir, err := o.chosen(*lang, dataDir)
	if err != nil {
		return err
	}
	st, err := openStore(dir)
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
		fmt.Fprintln(o.Stdout, l.T("cli.resume.notPaused"))
		return nil
	}
	fmt.Fprintln(o.Stdout, l.T("cli.resume.done"))
	return nil
}

func init() {
	words.Add(map[string][2]string{
		"cli.pause.required":    {"--for and --reason are both required", "--for en --reason zijn allebei nodig"},
		"cli.pause.badDuration": {"--for %q is not a duration such as 30m, 2h or 3d", "--for %q is geen duur zoals 30m, 2h of 3d"},
		"cli.pause.range":       {"a pause can last from a minute to 7 days", "een pauze duurt minstens een minuut en hoogstens 7 dagen"},
		"cli.pause.long":        {"keep the reason under 200 characters", "houd de reden korter dan 200 tekens"},
		"cli.pause.noAgreement": {"there is no family agreement, so nothing is being recorded to pause", "er is geen afspraak, dus er wordt niets bijgehouden om te pauzeren"},
		"cli.pause.already":     {"already paused until %s (%s); resume first to change it", "al gepauzeerd tot %s (%s); hervat eerst als je dat wilt veranderen"},
		"cli.pause.done":        {"Paused until %s. The pause and its reason are shown to both of you.", "Gepauzeerd tot %s. Jullie zien allebei de pauze en de reden."},
		"cli.resume.notPaused":  {"Not paused.", "Er is geen pauze."},
		"cli.resume.done":       {"Recording again.", "Er wordt weer bijgehouden."},
	})
}
