package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name: "summary",
		args: "[--data-dir DIR] [--json] [--day YYYY-MM-DD | --week]",
		run:  runSummary,
	})
}

func runSummary(o *IO, args []string) error {
	fs := newFlags(o, "summary")
	dataDir := dataDirFlag(o, fs)
	asJSON := fs.Bool("json", false, "")
	day := fs.String("day", "", "")
	week := fs.Bool("week", false, "")
	lang := langFlag(fs)
	if err := parse(o, fs, "summary", args); err != nil {
		return err
	}
	if err := checkLang(o, *lang); err != nil {
		return err
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	if *day != "" && *week {
		return usageError{o.speak(*lang, dir).T("cli.summary.dayOrWeek")}
	}
	now := time.Now()
	from, to, err := summaryRange(now, *day, *week)
	if err != nil {
		return usageError{o.speak(*lang, dir).F("cli.summary.badDay", *day)}
	}
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrNoStore) {
		return errors.New(o.speak(*lang, dir).F("cli.nodata", dir))
	}
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	night := store.DefaultNight
	ag, err := consent.Load(ctx, st)
	hasAgreement := err == nil
	if hasAgreement {
		night = ag.Night
	} else if !errors.Is(err, consent.ErrNoAgreement) {
		return err
	}
	l := pickLang(*lang, ag.Lang, o.getenv)
	sum, err := st.Summary(ctx, from, to, store.SummaryOptions{Night: night, Lang: l, Teen: ag.Teen})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(o.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	teen := ""
	if hasAgreement {
		teen = strings.TrimSpace(ag.Teen)
	}
	writeSummary(o.Stdout, sum, teen, words.For(l, now))
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

// writeSummary writes the summary for the teen (empty without an
// agreement) in r's language.
func writeSummary(w io.Writer, s store.Summary, teen string, r words.Renderer) {
	if teen != "" {
		fmt.Fprintln(w, r.F("cli.summary.titleFor", teen, r.ShortDateTime(s.From), r.ShortDateTime(s.To)))
	} else {
		fmt.Fprintln(w, r.F("cli.summary.title", r.ShortDateTime(s.From), r.ShortDateTime(s.To)))
	}
	if s.Measurement.Available() {
		fmt.Fprintln(w, r.F("cli.summary.front", r.Fact(words.New(words.MethodCode(s.Measurement.Foreground)))))
	} else {
		fmt.Fprintln(w, r.F("cli.summary.frontNone", s.Measurement.Reason))
	}
	fmt.Fprintln(w, r.T("cli.summary.running"))
	fmt.Fprintln(w)
	if len(s.Apps) == 0 {
		fmt.Fprintln(w, r.T("cli.summary.none"))
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.T("cli.summary.colApp"), r.T("cli.summary.colFront"), r.T("cli.summary.colRunning"),
			r.F("cli.summary.colNight", words.FormatNight(s.Night.Start, s.Night.End)))
		for _, a := range s.Apps {
			fg, night := r.Lang.Seconds(a.ForegroundSeconds), r.Lang.Seconds(a.NightSeconds)
			if !s.Measurement.Available() {
				fg, night = r.T("cli.summary.notMeasured"), r.T("cli.summary.notMeasured")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Name, fg, r.Lang.Seconds(a.RunningSeconds), night)
		}
		tw.Flush()
	}
	if len(s.Changes) > 0 {
		fmt.Fprintln(w, "\n"+r.T("cli.summary.changes"))
		for _, c := range s.Changes {
			line := fmt.Sprintf("  %s  %s %s", r.ShortDateTime(c.At), c.Name, r.T("cli.summary.change."+c.Change))
			if c.Detail != "" {
				line += " (" + c.Detail + ")"
			}
			fmt.Fprintln(w, line)
		}
	}
	if len(s.Pauses) > 0 {
		fmt.Fprintln(w, "\n"+r.T("cli.summary.pauses"))
		for _, p := range s.Pauses {
			fmt.Fprintf(w, "  %s: %s\n", r.Stretch(p.From, p.To), p.Reason)
		}
	}
	if len(s.Gaps) > 0 {
		fmt.Fprintln(w, "\n"+r.T("cli.summary.gaps"))
		for _, g := range s.Gaps {
			fmt.Fprintf(w, "  %s: %s\n", r.Stretch(g.From, g.To), g.Reason)
		}
	}
	for _, n := range s.Notices {
		fmt.Fprintln(w, "\n"+r.F("cli.summary.notice", n))
	}
}

func init() {
	words.Add(map[string][2]string{
		"cli.summary.dayOrWeek": {"give --day or --week, not both", "geef --day of --week, niet allebei"},
		"cli.summary.badDay":    {"--day %q is not a date like 2026-11-24", "--day %q is geen datum zoals 2026-11-24"},
		"cli.summary.title":     {"TalkFirst summary, %s to %s", "TalkFirst-overzicht, %s tot %s"},
		"cli.summary.titleFor":  {"TalkFirst summary for %s, %s to %s", "TalkFirst-overzicht van %s, %s tot %s"},
		"cli.summary.front": {"Time in front is %s: the app's window was in front and someone was using the computer.",
			"Tijd vooraan is %s: het venster van de app stond vooraan en iemand gebruikte de computer."},
		"cli.summary.frontNone": {"Time in front: not measured here (%s). Running time is still counted.",
			"Tijd vooraan: hier niet gemeten (%s). Hoe lang apps open zijn, wordt wel bijgehouden."},
		"cli.summary.running": {"Running time: at least one of the app's programs was open, in front or not.",
			"Open: minstens één programma van de app was open, vooraan of niet."},
		"cli.summary.none":             {"No time in chat apps or games with chat.", "Geen tijd in chatapps of games met chat."},
		"cli.summary.colApp":           {"App", "App"},
		"cli.summary.colFront":         {"In front", "Vooraan"},
		"cli.summary.colRunning":       {"Running", "Open"},
		"cli.summary.colNight":         {"In front at night (%s)", "Vooraan in de nacht (%s)"},
		"cli.summary.notMeasured":      {"not measured", "niet gemeten"},
		"cli.summary.changes":          {"Installed and removed", "Geïnstalleerd en verwijderd"},
		"cli.summary.change.installed": {"installed", "geïnstalleerd"},
		"cli.summary.change.removed":   {"removed", "verwijderd"},
		"cli.summary.pauses":           {"Pauses", "Pauzes"},
		"cli.summary.gaps":             {"When TalkFirst was not recording", "Wanneer TalkFirst niets bijhield"},
		"cli.summary.notice":           {"Please note: %s", "Let op: %s"},
	})
}
