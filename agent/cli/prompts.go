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
)

func init() {
	register(command{
		name:    "prompts",
		args:    "[--data-dir DIR] [--json] [--evaluate | --set ID --status talked|later|not-relevant]",
		summary: "conversation prompts for parents, each with the facts behind it and a guide",
		run:     runPrompts,
	})
}

func runPrompts(o *IO, args []string) error {
	fs := newFlags(o, "prompts")
	dataDir := dataDirFlag(o, fs)
	asJSON := fs.Bool("json", false, "print JSON")
	evaluate := fs.Bool("evaluate", false, "run the prompt rules once now and show the prompts that are new")
	set := fs.String("set", "", "mark the prompt with this `ID` (use with --status)")
	status := fs.String("status", "", "with --set: talked, later (back in 3 days) or not-relevant")
	if err := parse(o, fs, "prompts", args); err != nil {
		return err
	}
	switch {
	case *set != "" && *evaluate:
		return usagef("give --set or --evaluate, not both")
	case *set != "" && *status == "":
		return usagef("--set needs --status talked, later or not-relevant")
	case *set == "" && *status != "":
		return usagef("--status needs --set ID")
	case *status != "" && !slices.Contains(insight.Statuses, *status):
		return usagef("--status must be talked, later or not-relevant, not %q", *status)
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	st, err := openExisting(o, dir, *set != "" || *evaluate)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	now := time.Now()
	ag, err := consent.Load(ctx, st)
	if err != nil && !errors.Is(err, consent.ErrNoAgreement) {
		return err
	}
	hasAgreement := err == nil

	switch {
	case *set != "":
		if err := insight.SetStatus(ctx, st, *set, *status, now); err != nil {
			if errors.Is(err, store.ErrNoPrompt) {
				return fmt.Errorf("there is no prompt %q; run talkfirst-agent prompts to see their ids", *set)
			}
			return err
		}
		ps, err := insight.List(ctx, st, now)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(ps, func(p insight.Prompt) bool { return p.ID == *set })
		if i < 0 {
			return fmt.Errorf("prompt %q was marked but could not be read back", *set)
		}
		if *asJSON {
			return writeJSON(o, map[string]any{"prompt": ps[i]})
		}
		switch *status {
		case insight.StatusLater:
			fmt.Fprintf(o.Stdout, "Marked %s as later; it shows as new again on %s.\n", *set, ps[i].SnoozedUntil.Format("Mon 2 Jan 15:04"))
		default:
			fmt.Fprintf(o.Stdout, "Marked %s as %s.\n", *set, *status)
		}
		return nil

	case *evaluate:
		if !hasAgreement {
			return errors.New("there is no family agreement, so there is nothing to make prompts from")
		}
		ps, err := insight.Evaluate(ctx, st, now)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(o, map[string]any{"prompts": ps})
		}
		if len(ps) == 0 {
			fmt.Fprintln(o.Stdout, "No new prompts.")
			return nil
		}
		fmt.Fprintf(o.Stdout, "%d new %s:\n\n", len(ps), plural(len(ps), "prompt", "prompts"))
		writePrompts(o.Stdout, ps)
		writePromptsHelp(o.Stdout, ag, hasAgreement, now)
		return nil

	default:
		ps, err := insight.List(ctx, st, now)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(o, map[string]any{"prompts": ps})
		}
		who := ""
		if hasAgreement && ag.Teen != "" {
			who = " for " + ag.Teen
		}
		if len(ps) == 0 {
			fmt.Fprintf(o.Stdout, "No conversation prompts%s yet.\n", who)
			return nil
		}
		fmt.Fprintf(o.Stdout, "Conversation prompts%s, newest first. %s sees the same prompts and why.\n\n", who, teenOr(ag.Teen))
		writePrompts(o.Stdout, ps)
		writePromptsHelp(o.Stdout, ag, hasAgreement, now)
		return nil
	}
}

// openExisting opens the store in dir, which must already hold TalkFirst
// data: a mistyped --data-dir must not start an empty store.
func openExisting(o *IO, dir string, write bool) (*store.Store, error) {
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrNoStore) {
		return nil, fmt.Errorf("no TalkFirst data in %s yet: make the family agreement with talkfirst-agent setup", dir)
	}
	if err != nil || !write {
		return st, err
	}
	st.Close()
	return openStore(dir)
}

// writePrompts writes one block per prompt: id, status, topic and date, the
// facts, and the guide.
func writePrompts(w io.Writer, ps []insight.Prompt) {
	for _, p := range ps {
		status := p.Status
		if p.Status == insight.StatusLater && !p.SnoozedUntil.IsZero() {
			status += " (until " + p.SnoozedUntil.Format("Mon 2 Jan 15:04") + ")"
		}
		if p.Status == insight.StatusSuperseded && p.SupersededBy != "" {
			status += " by " + p.SupersededBy
		}
		fmt.Fprintf(w, "%s  %s  %s  [%s]\n", p.ID, p.Topic, p.Created.Format("Mon 2 Jan 15:04"), status)
		for _, l := range p.Evidence {
			fmt.Fprintf(w, "  %s\n", l)
		}
		guide := "  Guide: " + p.Guide
		if len(p.Related) > 0 {
			guide += " (see also: " + strings.Join(p.Related, ", ") + ")"
		}
		fmt.Fprintln(w, guide)
		fmt.Fprintln(w)
	}
}

func writePromptsHelp(w io.Writer, ag consent.Agreement, hasAgreement bool, now time.Time) {
	read := "talkfirst-agent guides ID"
	if hasAgreement {
		read = fmt.Sprintf("talkfirst-agent guides --lang %s --age %s ID", ag.Lang, ag.AgeBand(now))
	}
	fmt.Fprintf(w, "Read a guide:   %s\n", read)
	fmt.Fprintln(w, "Mark a prompt:  talkfirst-agent prompts --set ID --status talked|later|not-relevant")
}

func teenOr(name string) string {
	if strings.TrimSpace(name) == "" {
		return "Your teen"
	}
	return name
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
