package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/insight"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name: "prompts",
		args: "[--data-dir DIR] [--json] [--evaluate | --set ID --status talked|later|not-relevant]",
		run:  runPrompts,
	})
}

func runPrompts(o *IO, args []string) error {
	fs := newFlags(o, "prompts")
	dataDir := dataDirFlag(o, fs)
	asJSON := fs.Bool("json", false, "")
	evaluate := fs.Bool("evaluate", false, "")
	set := fs.String("set", "", "")
	status := fs.String("status", "", "")
	lang := langFlag(fs)
	if err := parse(o, fs, "prompts", args); err != nil {
		return err
	}
	l, dir, err := o.chosen(*lang, dataDir)
	if err != nil {
		return err
	}
	switch {
	case *set != "" && *evaluate:
		return usageError{l.T("cli.prompts.setOrEvaluate")}
	case *set != "" && *status == "":
		return usageError{l.T("cli.prompts.setNeedsStatus")}
	case *set == "" && *status != "":
		return usageError{l.T("cli.prompts.statusNeedsSet")}
	case *status != "" && !slices.Contains(insight.Statuses, *status):
		return usageError{l.F("cli.prompts.badStatus", *status)}
	}
	st, err := openExisting(l, dir, *set != "" || *evaluate)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	now := time.Now()
	r := words.For(l, now)
	ag, err := consent.Load(ctx, st)
	if err != nil && !errors.Is(err, consent.ErrNoAgreement) {
		return err
	}
	hasAgreement := err == nil
	teen := ""
	if hasAgreement {
		teen = strings.TrimSpace(ag.Teen)
	}

	switch {
	case *set != "":
		if err := insight.SetStatus(ctx, st, *set, *status, now); err != nil {
			switch {
			case errors.Is(err, store.ErrNoPrompt):
				return errors.New(l.F("cli.prompts.noPrompt", *set))
			case errors.Is(err, insight.ErrSuperseded):
				if p, ok := findPrompt(ctx, st, *set, now, l); ok {
					return errors.New(l.F("cli.prompts.superseded", *set, p.SupersededBy))
				}
			}
			return err
		}
		p, ok := findPrompt(ctx, st, *set, now, l)
		if !ok {
			return errors.New(l.F("cli.prompts.readBack", *set))
		}
		if *asJSON {
			return writeJSON(o, map[string]any{"prompt": p})
		}
		switch *status {
		case insight.StatusLater:
			fmt.Fprintln(o.Stdout, r.F("cli.prompts.markedLater", *set, r.ShortDateTime(p.SnoozedUntil)))
		default:
			fmt.Fprintln(o.Stdout, r.F("cli.prompts.marked", *set, r.T("cli.prompts.status."+*status)))
		}
		return nil

	case *evaluate:
		if !hasAgreement {
			return errors.New(l.T("cli.prompts.noAgreement"))
		}
		made, err := insight.Evaluate(ctx, st, now)
		if err != nil {
			return err
		}
		// read back in the chosen language (Evaluate writes the agreement's)
		all, err := insight.ListIn(ctx, st, now, string(l))
		if err != nil {
			return err
		}
		ps := make([]insight.Prompt, 0, len(made))
		for _, m := range made {
			if i := slices.IndexFunc(all, func(p insight.Prompt) bool { return p.ID == m.ID }); i >= 0 {
				ps = append(ps, all[i])
			}
		}
		if *asJSON {
			return writeJSON(o, map[string]any{"prompts": ps})
		}
		if len(ps) == 0 {
			fmt.Fprintln(o.Stdout, r.T("cli.prompts.noNew"))
			return nil
		}
		if len(ps) == 1 {
			fmt.Fprintln(o.Stdout, r.T("cli.prompts.newOne"))
		} else {
			fmt.Fprintln(o.Stdout, r.F("cli.prompts.newMany", len(ps)))
		}
		fmt.Fprintln(o.Stdout)
		writePrompts(o.Stdout, ps, r)
		writePromptsHelp(o.Stdout, ag, hasAgreement, now, l)
		return nil

	default:
		ps, err := insight.ListIn(ctx, st, now, string(l))
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(o, map[string]any{"prompts": ps})
		}
		if len(ps) == 0 {
			if teen != "" {
				fmt.Fprintln(o.Stdout, r.F("cli.prompts.noneFor", teen))
			} else {
				fmt.Fprintln(o.Stdout, r.T("cli.prompts.none"))
			}
			return nil
		}
		if teen != "" {
			fmt.Fprintln(o.Stdout, r.F("cli.prompts.headFor", teen))
		} else {
			fmt.Fprintln(o.Stdout, r.T("cli.prompts.head"))
		}
		fmt.Fprintln(o.Stdout)
		writePrompts(o.Stdout, ps, r)
		writePromptsHelp(o.Stdout, ag, hasAgreement, now, l)
		return nil
	}
}

// findPrompt reads the prompt id back as the screens show it at now, in l.
func findPrompt(ctx context.Context, st *store.Store, id string, now time.Time, l words.Lang) (insight.Prompt, bool) {
	ps, err := insight.ListIn(ctx, st, now, string(l))
	if err != nil {
		return insight.Prompt{}, false
	}
	i := slices.IndexFunc(ps, func(p insight.Prompt) bool { return p.ID == id })
	if i < 0 {
		return insight.Prompt{}, false
	}
	return ps[i], true
}

// openExisting opens the store in dir, which must already hold TalkFirst
// data: a mistyped --data-dir must not start an empty store.
func openExisting(l words.Lang, dir string, write bool) (*store.Store, error) {
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrNoStore) {
		return nil, errors.New(l.F("cli.nodata", dir))
	}
	if err != nil || !write {
		return st, err
	}
	st.Close()
	return openStore(dir)
}

// writePrompts writes one block per prompt: id, status, topic and date, the
// facts, and the guide.
func writePrompts(w io.Writer, ps []insight.Prompt, r words.Renderer) {
	for _, p := range ps {
		status := r.T("cli.prompts.status." + p.Status)
		if p.Status == insight.StatusLater && !p.SnoozedUntil.IsZero() {
			status = r.F("cli.prompts.until", status, r.ShortDateTime(p.SnoozedUntil))
		}
		if p.Status == insight.StatusSuperseded && p.SupersededBy != "" {
			status = r.F("cli.prompts.supersededBy", p.SupersededBy)
		}
		fmt.Fprintf(w, "%s  %s  %s  [%s]\n", p.ID, p.Topic, r.ShortDateTime(p.Created), status)
		for _, e := range p.Evidence {
			fmt.Fprintf(w, "  %s\n", e)
		}
		if len(p.Related) > 0 {
			fmt.Fprintln(w, "  "+r.F("cli.prompts.guideAlso", p.Guide, strings.Join(p.Related, ", ")))
		} else {
			fmt.Fprintln(w, "  "+r.F("cli.prompts.guide", p.Guide))
		}
		fmt.Fprintln(w)
	}
}

func writePromptsHelp(w io.Writer, ag consent.Agreement, hasAgreement bool, now time.Time, l words.Lang) {
	read := "talkfirst-agent guides --lang " + string(l) + " ID"
	if hasAgreement {
		read = fmt.Sprintf("talkfirst-agent guides --lang %s --age %s ID", l, ag.AgeBand(now))
	}
	writeFields(w, [][2]string{
		{l.T("cli.prompts.readGuide"), read},
		{l.T("cli.prompts.mark"), "talkfirst-agent prompts --set ID --status talked|later|not-relevant"},
	})
}

func init() {
	words.Add(map[string][2]string{
		"cli.prompts.setOrEvaluate":  {"give --set or --evaluate, not both", "geef --set of --evaluate, niet allebei"},
		"cli.prompts.setNeedsStatus": {"--set needs --status talked, later or not-relevant", "--set heeft --status talked, later of not-relevant nodig"},
		"cli.prompts.statusNeedsSet": {"--status needs --set ID", "--status heeft --set ID nodig"},
		"cli.prompts.badStatus":      {"--status must be talked, later or not-relevant, not %q", "--status moet talked, later of not-relevant zijn, niet %q"},
		"cli.prompts.noPrompt": {"there is no prompt %q; run talkfirst-agent prompts to see their ids",
			"er is geen gespreksidee %q; talkfirst-agent prompts laat de ids zien"},
		"cli.prompts.superseded": {"prompt %s was superseded by %s, about the same install: mark that one",
			"gespreksidee %s is vervangen door %s, over dezelfde installatie: markeer dat"},
		"cli.prompts.readBack":    {"prompt %q was marked but could not be read back", "gespreksidee %q is gemarkeerd, maar kon niet worden teruggelezen"},
		"cli.prompts.noAgreement": {"there is no family agreement, so there is nothing to make prompts from", "er is geen afspraak, dus er is niets om gespreksideeën uit te halen"},
		"cli.prompts.markedLater": {"Marked %s as later; it shows as new again on %s.", "%s staat op later; op %s staat het weer als nieuw."},
		"cli.prompts.marked":      {"Marked %s as %s.", "%s staat nu op %s."},
		"cli.prompts.noNew":       {"No new prompts.", "Geen nieuwe gespreksideeën."},
		"cli.prompts.newOne":      {"1 new prompt:", "1 nieuw gespreksidee:"},
		"cli.prompts.newMany":     {"%d new prompts:", "%d nieuwe gespreksideeën:"},
		"cli.prompts.none":        {"No conversation prompts yet.", "Nog geen gespreksideeën."},
		"cli.prompts.noneFor":     {"No conversation prompts for %s yet.", "Nog geen gespreksideeën voor %s."},
		"cli.prompts.head": {"Conversation prompts, newest first. Your teen sees the same prompts and why.",
			"Gespreksideeën, nieuwste eerst. Je kind ziet dezelfde gespreksideeën, en waarom."},
		"cli.prompts.headFor": {"Conversation prompts for %[1]s, newest first. %[1]s sees the same prompts and why.",
			"Gespreksideeën voor %[1]s, nieuwste eerst. %[1]s ziet dezelfde gespreksideeën, en waarom."},
		"cli.prompts.status.new":          {"new", "nieuw"},
		"cli.prompts.status.talked":       {"talked", "besproken"},
		"cli.prompts.status.later":        {"later", "later"},
		"cli.prompts.status.not-relevant": {"not-relevant", "niet van toepassing"},
		"cli.prompts.status.superseded":   {"superseded", "vervangen"},
		"cli.prompts.until":               {"%s (until %s)", "%s (tot %s)"},
		"cli.prompts.supersededBy":        {"superseded by %s", "vervangen door %s"},
		"cli.prompts.guide":               {"Guide: %s", "Gids: %s"},
		"cli.prompts.guideAlso":           {"Guide: %s (see also: %s)", "Gids: %s (zie ook: %s)"},
		"cli.prompts.readGuide":           {"Read a guide", "Een gids lezen"},
		"cli.prompts.mark":                {"Mark a prompt", "Een gespreksidee markeren"},
	})
}
