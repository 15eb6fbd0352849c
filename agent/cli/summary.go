package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
)

func init() {
	register(command{
		name:    "summary",
		args:    "[--data-dir DIR] [--json] [--day YYYY-MM-DD | --week]",
		summary: "time per app, installs and removals, pauses (default: the last 7 days)",
		run:     runSummary,
	})
}

func runSummary(o *IO, args []string) error {
	fs := newFlags(o, "summary")
	dataDir := dataDirFlag(o, fs)
	asJSON := fs.Bool("json", false, "print JSON")
	day := fs.String("day", "", "one local day, `YYYY-MM-DD`")
	week := fs.Bool("week", false, "this calendar week, from Monday")
	if err := parse(o, fs, "summary", args); err != nil {
		return err
	}
	if *day != "" && *week {
		return usagef("give --day or --week, not both")
	}
	now := time.Now()
	from, to, err := summaryRange(now, *day, *week)
	if err != nil {
		return usagef("%v", err)
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrNoStore) {
		return fmt.Errorf("no TalkFirst data in %s yet: make the family agreement with talkfirst-agent setup", dir)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	night := store.DefaultNight
	ag, err := consent.Load(ctx, st)
	if err == nil {
		night = ag.Night
	} else if !errors.Is(err, consent.ErrNoAgreement) {
		return err
	}
	sum, err := st.Summary(ctx, from, to, store.SummaryOptions{Night: night, Teen: ag.Teen})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(o.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	who := ""
	if err == nil && ag.Teen != "" {
		who = " for " + ag.Teen
	}
	writeSummary(o.Stdout, sum, who)
	return nil
}

// summaryRange is the local day, this week, or the last 7 days up to now.
func summaryRange(now time.Time, day string, week bool) (time.Time, time.Time, error) {
	switch {
	case day != "":
		d, err := time.ParseInLocation("2006-01-02", day, now.Location())
		if err != nil {
			return time.Time{}, time.Time{}, fmt.Errorf("--day %q is not a date like 2026-11-24", day)
		}
		return d, d.AddDate(0, 0, 1), nil
	case week:
		d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		off := (int(d.Weekday()) + 6) % 7 // days since Monday
		from := d.AddDate(0, 0, -off)
		return from, from.AddDate(0, 0, 7), nil
	default:
		return now.Add(-7 * 24 * time.Hour), now, nil
	}
}

func writeSummary(w io.Writer, s store.Summary, who string) {
	fmt.Fprintf(w, "TalkFirst summary%s, %s to %s\n", who, s.From.Format("Mon 2 Jan 15:04"), s.To.Format("Mon 2 Jan 15:04"))
	switch s.Measurement.Foreground {
	case store.MeasureUnavailable:
		fmt.Fprintf(w, "Time in front: unavailable here (%s). Running time is still counted.\n", s.Measurement.Reason)
	default:
		fmt.Fprintf(w, "Time in front is measured with %s: the app's window was in front and someone was using the computer.\n", s.Measurement.Foreground)
	}
	fmt.Fprintln(w, "Running time: at least one of the app's programs was open, in front or not.")
	fmt.Fprintln(w)
	if len(s.Apps) == 0 {
		fmt.Fprintln(w, "No time in chat apps or games with chat.")
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "App\tIn front\tRunning\tIn front at night (%02d:%02d–%02d:%02d)\n", s.Night.Start/60, s.Night.Start%60, s.Night.End/60, s.Night.End%60)
		for _, a := range s.Apps {
			fg, night := formatDuration(a.ForegroundSeconds), formatDuration(a.NightSeconds)
			if s.Measurement.Foreground == store.MeasureUnavailable {
				fg, night = "unavailable", "unavailable"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Name, fg, formatDuration(a.RunningSeconds), night)
		}
		tw.Flush()
	}
	if len(s.Changes) > 0 {
		fmt.Fprintln(w, "\nInstalled and removed")
		for _, c := range s.Changes {
			line := fmt.Sprintf("  %s  %s %s", c.At.Format("Mon 2 Jan 15:04"), c.Name, c.Change)
			if c.Detail != "" {
				line += " (" + c.Detail + ")"
			}
			fmt.Fprintln(w, line)
		}
	}
	if len(s.Pauses) > 0 {
		fmt.Fprintln(w, "\nPauses")
		for _, p := range s.Pauses {
			fmt.Fprintf(w, "  %s to %s: %s\n", p.From.Format("Mon 2 Jan 15:04"), p.To.Format("Mon 2 Jan 15:04"), p.Reason)
		}
	}
	if len(s.Gaps) > 0 {
		fmt.Fprintln(w, "\nWhen TalkFirst was not recording")
		for _, g := range s.Gaps {
			when := g.From.Format("Mon 2 Jan 15:04")
			if !g.To.IsZero() {
				when += " to " + g.To.Format("Mon 2 Jan 15:04")
			}
			fmt.Fprintf(w, "  %s: %s\n", when, g.Reason)
		}
	}
	for _, n := range s.Notices {
		fmt.Fprintf(w, "\nPlease note: %s\n", n)
	}
}
