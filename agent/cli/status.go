package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/usage"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name: "status",
		args: "[--data-dir DIR] [--lang en|nl]",
		run:  runStatus,
	})
}

func runStatus(o *IO, args []string) error {
	fs := newFlags(o, "status")
	dataDir := dataDirFlag(o, fs)
	lang := langFlag(fs)
	if err := parse(o, fs, "status", args); err != nil {
		return err
	}
	l, dir, err := o.chosen(*lang, dataDir)
	if err != nil {
		return err
	}
	ctx := context.Background()
	now := time.Now()
	r := words.For(l, now)
	w := o.Stdout
	var rows [][2]string
	if m, err := serviceManager(o, dir); err != nil {
		rows = append(rows, [2]string{r.T("cli.status.agent"), r.F("cli.status.cantTell", err)})
	} else if st, err := m.Status(ctx); err != nil {
		rows = append(rows, [2]string{r.T("cli.status.agent"), r.F("cli.status.cantTell", err)})
	} else {
		rows = append(rows, [2]string{r.T("cli.status.agent"), r.Fact(st.Start) + " " + r.Fact(words.RunningFact(st.Running, st.PID))})
	}
	// whichever agent records the folder, the service or one started by hand
	if h, held, err := lease.Who(dir); err != nil {
		rows = append(rows, [2]string{r.T("cli.status.recording"), r.F("cli.status.cantTell", err)})
	} else {
		rows = append(rows, [2]string{r.T("cli.status.recording"), r.Fact(words.RecorderFact(held, h.PID, h.Since))})
	}

	// Now: how this terminal's session could measure time in front. It
	// may not be the session the agent records in (a terminal over ssh, a
	// text console), so it is said apart from what the agent recorded.
	fg := usage.NewForeground(slog.New(slog.DiscardHandler))
	frontNow := measurementWords(r, store.Measurement{Foreground: fg.Method(), Why: fg.Why()})
	fg.Close()

	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrNoStore) {
		rows = append(rows, [2]string{r.T("cli.status.agreement"), r.T("cli.status.noAgreement")},
			[2]string{r.T("cli.status.dataFolder"), dir})
		writeFields(w, rows)
		writeFront(w, r, frontNow, [2]string{})
		return nil
	}
	if err != nil {
		return err
	}
	defer st.Close()
	switch ag, err := consent.Load(ctx, st); {
	case errors.Is(err, consent.ErrNoAgreement):
		rows = append(rows, [2]string{r.T("cli.status.agreement"), r.T("cli.status.noAgreement")})
	case err != nil:
		return err
	case ag.Expired(now):
		rows = append(rows, [2]string{r.T("cli.status.agreement"), r.F("cli.status.agreementEnded", r.DayMonth(ag.Expires))})
	default:
		rows = append(rows, [2]string{r.T("cli.status.agreement"), r.F("cli.status.agreementWith", ag.Teen, r.DayMonth(ag.Expires))})
	}
	last, err := st.LastSample(ctx)
	if err != nil {
		return err
	}
	if last.IsZero() {
		rows = append(rows, [2]string{r.T("cli.status.lastSample"), r.T("cli.status.noSample")})
	} else {
		rows = append(rows, [2]string{r.T("cli.status.lastSample"), r.F("cli.status.ago", r.ShortDateTime(last), ago(l, now.Sub(last)))})
	}
	if p, on, err := st.ActivePause(ctx, now); err == nil && on {
		rows = append(rows, [2]string{r.T("cli.status.paused"), r.F("cli.status.pausedUntil", r.ShortDateTime(p.End), p.Reason)})
	}
	rows = append(rows, [2]string{r.T("cli.status.dataFolder"), dir})
	writeFields(w, rows)

	// Before: what the agent recorded when it last started recording.
	var agent [2]string
	if m, err := st.Measurement(ctx); err == nil && m.Why.Code == words.MeasureNotYet {
		agent = [2]string{r.T("cli.status.frontAgentNever"), r.Fact(m.Why)}
	} else if err == nil {
		agent = [2]string{r.T("cli.status.frontAgent"), measurementWords(r, m)}
		if starts, err := st.Events(ctx, time.Time{}, now.Add(time.Millisecond), store.EventStart); err == nil && len(starts) > 0 {
			agent[0] = r.F("cli.status.frontAgentAt", r.ShortDateTime(starts[len(starts)-1].Start))
		}
	}
	writeFront(w, r, frontNow, agent)
	return nil
}

// measurementWords says how time in front is measured: "measured with
// X11", or "not measured, running time only (why)".
func measurementWords(r words.Renderer, m store.Measurement) string {
	s := r.Fact(words.New(words.MethodCode(m.Foreground)))
	if !m.Available() && !m.Why.IsZero() {
		s += " (" + r.Fact(m.Why) + ")"
	}
	return s
}

// writeFront writes how time in front can be measured in this terminal's
// session now and, when known, how the agent measured it (label, words).
func writeFront(w io.Writer, r words.Renderer, now string, agent [2]string) {
	fmt.Fprintln(w, r.T("cli.status.front")+":")
	rows := [][2]string{{r.T("cli.status.frontNow"), now}}
	if agent[0] != "" {
		rows = append(rows, agent)
	}
	writeFields(&indent{w: w}, rows)
}

// ago says how long ago something was: "30 s", "5 min", "2 h 5 min",
// "1 day 3 h".
func ago(l words.Lang, d time.Duration) string {
	if d < time.Minute {
		return l.Wait(d)
	}
	return l.Span(d)
}

func init() {
	words.Add(map[string][2]string{
		"cli.status.agent":           {"Agent", "Agent"},
		"cli.status.recording":       {"Recording", "Bijhouden"},
		"cli.status.cantTell":        {"can't tell (%v)", "niet te zien (%v)"},
		"cli.status.agreement":       {"Agreement", "Afspraak"},
		"cli.status.noAgreement":     {"none yet, so nothing is recorded", "nog geen, dus er wordt niets bijgehouden"},
		"cli.status.agreementEnded":  {"ended on %s; nothing is recorded until it is renewed", "afgelopen op %s; er wordt niets bijgehouden tot jullie de afspraak vernieuwen"},
		"cli.status.agreementWith":   {"with %s, until %s", "met %s, tot %s"},
		"cli.status.lastSample":      {"Last sample", "Laatste meting"},
		"cli.status.noSample":        {"none yet", "nog geen"},
		"cli.status.ago":             {"%s (%s ago)", "%s (%s geleden)"},
		"cli.status.paused":          {"Paused", "Gepauzeerd"},
		"cli.status.pausedUntil":     {"until %s (%s)", "tot %s (%s)"},
		"cli.status.front":           {"Time in front", "Tijd vooraan"},
		"cli.status.frontNow":        {"now, in this terminal's session", "nu, in de sessie van deze terminal"},
		"cli.status.frontAgentNever": {"the agent", "de agent"},
		"cli.status.frontAgent":      {"the agent, at its last start", "de agent, bij de laatste start"},
		"cli.status.frontAgentAt":    {"the agent, at its last start (%s)", "de agent, bij de laatste start (%s)"},
		"cli.status.dataFolder":      {"Data folder", "Gegevensmap"},
	})
}
