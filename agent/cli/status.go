package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/usage"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name:    "status",
		args:    "[--data-dir DIR]",
		summary: "is the agent running, when did it last sample, does foreground measurement work here",
		run:     runStatus,
	})
}

func runStatus(o *IO, args []string) error {
	fs := newFlags(o, "status")
	dataDir := dataDirFlag(o, fs)
	if err := parse(o, fs, "status", args); err != nil {
		return err
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	ctx := context.Background()
	w := o.Stdout
	if m, err := serviceManager(o, dir); err != nil {
		fmt.Fprintf(w, "Agent:       can't tell (%v)\n", err)
	} else if st, err := m.Status(ctx); err != nil {
		fmt.Fprintf(w, "Agent:       can't tell (%v)\n", err)
	} else {
		r := words.For(words.EN, time.Now())
		fmt.Fprintf(w, "Agent:       %s %s\n", r.Fact(st.Start), r.Fact(words.RunningFact(st.Running, st.PID)))
	}

	fg := usage.NewForeground(slog.New(slog.DiscardHandler))
	if fg.Method() == store.MeasureUnavailable {
		fmt.Fprintf(w, "In front:    can't be measured in this session (%s); running time is still counted\n", words.For(words.EN, time.Now()).Fact(fg.Why()))
	} else {
		fmt.Fprintf(w, "In front:    measured with %s in this session\n", fg.Method())
	}
	fg.Close()

	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrNoStore) {
		fmt.Fprintf(w, "Agreement:   none yet, so nothing is recorded (data folder %s)\n", dir)
		return nil
	}
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	switch ag, err := consent.Load(ctx, st); {
	case errors.Is(err, consent.ErrNoAgreement):
		fmt.Fprintln(w, "Agreement:   none yet, so nothing is recorded")
	case err != nil:
		return err
	case ag.Expired(now):
		fmt.Fprintf(w, "Agreement:   ended on %s; nothing is recorded until it is renewed\n", ag.Expires.Format("2 January 2006"))
	default:
		fmt.Fprintf(w, "Agreement:   with %s, until %s\n", ag.Teen, ag.Expires.Format("2 January 2006"))
	}
	last, err := st.LastSample(ctx)
	if err != nil {
		return err
	}
	if last.IsZero() {
		fmt.Fprintln(w, "Last sample: none yet")
	} else {
		fmt.Fprintf(w, "Last sample: %s (%s ago)\n", last.Format("Mon 2 Jan 15:04:05"), now.Sub(last).Round(time.Second))
	}
	if m, err := st.Measurement(ctx); err == nil {
		if !m.Available() {
			fmt.Fprintf(w, "Recorded:    running time only (%s)\n", words.For(words.EN, now).Fact(m.Why))
		} else {
			fmt.Fprintf(w, "Recorded:    time in front with %s, and running time\n", m.Foreground)
		}
	}
	if p, on, err := st.ActivePause(ctx, now); err == nil && on {
		fmt.Fprintf(w, "Paused:      until %s (%s)\n", p.End.Format("Mon 2 Jan 15:04"), p.Reason)
	}
	fmt.Fprintf(w, "Data folder: %s\n", dir)
	return nil
}
