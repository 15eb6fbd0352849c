package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

// Prompt is one stored conversation prompt (see agent/insight for what the
// rules put in it). Apps and Evidence are stored as JSON lists; the
// evidence is facts, put into words only when shown.
type Prompt struct {
	ID       string
	Rule     string
	Apps     []string
	Created  time.Time
	Evidence []words.Fact
	Guide    string
	// Status is new, talked, later or not-relevant; the store does not
	// interpret it.
	Status       string
	StatusAt     time.Time
	SnoozedUntil time.Time
	// DedupeKey names what the prompt is about ("platform-hop:telegram+minecraft",
	// "late-night"), so the same thing is not raised twice too soon.
	DedupeKey string
	// InstallAt is, for a prompt about an install (new-app, platform-hop),
	// when its first app was installed: with the app, it names the install.
	// Zero for other prompts.
	InstallAt time.Time
	// SupersededBy is the id of the prompt that took this one's place (see
	// AddPromptSuperseding); empty when none did.
	SupersededBy string
}

// ErrNoPrompt means there is no prompt with the id asked for.
var ErrNoPrompt = errors.New("no such prompt")

// promptCols is the column list every prompt query reads, in scanPrompt's
// order.
const promptCols = "id, rule, apps, created, evidence, guide, status, status_at, snoozed_until, dedupe_key, install_at, superseded_by"

// AddPrompt stores a new prompt. ID, Rule and DedupeKey are required; an
// empty Status means "new".
func (s *Store) AddPrompt(ctx context.Context, p Prompt) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return insertPrompt(ctx, tx, p) })
}

// AddPromptOnce stores p unless a prompt with the same dedupe key was made
// at or after since, and reports whether it was stored. The check and the
// insert are one transaction, so two evaluations running at once (the agent
// and an admin's command) cannot both add it.
func (s *Store) AddPromptOnce(ctx context.Context, p Prompt, since time.Time) (bool, error) {
	added := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		seen, err := promptSince(ctx, tx, p.DedupeKey, since)
		if err != nil || seen {
			return err
		}
		if err := insertPrompt(ctx, tx, p); err != nil {
			return err
		}
		added = true
		return nil
	})
	return added, err
}

// Supersede names the earlier prompts a new one takes the place of: those
// of Rule whose only app is App, made from the install at InstallAt, whose
// status is one of Statuses. They get Status, At as their status time, no
// snooze, and the new prompt's id as SupersededBy.
type Supersede struct {
	Rule      string
	App       string
	InstallAt time.Time
	Statuses  []string
	Status    string
	At        time.Time
}

// AddPromptSuperseding is AddPromptOnce that also, in the same transaction,
// closes the prompts sup names in favour of p. When p is held back as a
// duplicate, the prompt with p's dedupe key and install that holds it back
// takes their place instead (so a store from before superseding catches
// up); when there is none, nothing is superseded. It returns whether p was
// stored and the ids of the prompts it superseded.
func (s *Store) AddPromptSuperseding(ctx context.Context, p Prompt, since time.Time, sup Supersede) (bool, []string, error) {
	var (
		added bool
		ids   []string
	)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		added, ids = false, nil
		seen, err := promptSince(ctx, tx, p.DedupeKey, since)
		if err != nil {
			return err
		}
		by := p.ID
		if seen {
			by = ""
			err := tx.QueryRowContext(ctx, "SELECT id FROM prompts WHERE dedupe_key = ? AND created >= ? AND install_at = ? ORDER BY created DESC LIMIT 1",
				p.DedupeKey, ms(since), ms(p.InstallAt)).Scan(&by)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("read prompts for %s: %w", p.DedupeKey, err)
			}
		} else {
			if err := insertPrompt(ctx, tx, p); err != nil {
				return err
			}
			added = true
		}
		if by == "" || sup.InstallAt.IsZero() || len(sup.Statuses) == 0 {
			return nil
		}
		apps, err := json.Marshal([]string{sup.App})
		if err != nil {
			return err
		}
		args := []any{sup.Rule, string(apps), ms(sup.InstallAt), by}
		for _, st := range sup.Statuses {
			args = append(args, st)
		}
		marks := strings.Repeat(", ?", len(sup.Statuses))[2:]
		rows, err := tx.QueryContext(ctx, "SELECT id FROM prompts WHERE rule = ? AND apps = ? AND install_at = ? AND id != ? AND status IN ("+marks+") ORDER BY created, rowid", args...)
		if err != nil {
			return fmt.Errorf("find prompts %s supersedes: %w", by, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return fmt.Errorf("find prompts %s supersedes: %w", by, err)
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("find prompts %s supersedes: %w", by, err)
		}
		rows.Close()
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, "UPDATE prompts SET status = ?, status_at = ?, snoozed_until = 0, superseded_by = ? WHERE id = ?",
				sup.Status, ms(sup.At), by, id); err != nil {
				return fmt.Errorf("supersede prompt %s: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return false, nil, err
	}
	return added, ids, nil
}

func insertPrompt(ctx context.Context, tx *sql.Tx, p Prompt) error {
	if p.ID == "" || p.Rule == "" || p.DedupeKey == "" {
		return errors.New("add prompt: id, rule and dedupe key are required")
	}
	if p.Status == "" {
		p.Status = "new"
	}
	if p.Apps == nil {
		p.Apps = []string{}
	}
	if p.Evidence == nil {
		p.Evidence = []words.Fact{}
	}
	apps, err := json.Marshal(p.Apps)
	if err != nil {
		return fmt.Errorf("add prompt %s: %w", p.ID, err)
	}
	ev, err := json.Marshal(p.Evidence)
	if err != nil {
		return fmt.Errorf("add prompt %s: %w", p.ID, err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO prompts ("+promptCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		p.ID, p.Rule, string(apps), ms(p.Created), string(ev), p.Guide, p.Status, ms(p.StatusAt), ms(p.SnoozedUntil), p.DedupeKey,
		ms(p.InstallAt), p.SupersededBy)
	if err != nil {
		return fmt.Errorf("add prompt %s: %w", p.ID, err)
	}
	return nil
}

// rowScanner is *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

func scanPrompt(r rowScanner) (Prompt, error) {
	var (
		p                                 Prompt
		apps, ev                          string
		created, statusAt, snoozedUntilMS int64
		installAt                         int64
	)
	err := r.Scan(&p.ID, &p.Rule, &apps, &created, &ev, &p.Guide, &p.Status, &statusAt, &snoozedUntilMS, &p.DedupeKey,
		&installAt, &p.SupersededBy)
	if err != nil {
		return Prompt{}, err
	}
	if err := json.Unmarshal([]byte(apps), &p.Apps); err != nil {
		return Prompt{}, fmt.Errorf("read prompt %s apps: %w", p.ID, err)
	}
	if p.Evidence, err = words.ParseFacts([]byte(ev)); err != nil {
		return Prompt{}, fmt.Errorf("read prompt %s evidence: %w", p.ID, err)
	}
	if p.Apps == nil {
		p.Apps = []string{}
	}
	if p.Evidence == nil {
		p.Evidence = []words.Fact{}
	}
	p.Created, p.StatusAt, p.SnoozedUntil, p.InstallAt = fromMS(created), fromMS(statusAt), fromMS(snoozedUntilMS), fromMS(installAt)
	return p, nil
}

// Prompts returns every prompt, newest first; prompts made at the same
// moment come in the order they were added.
func (s *Store) Prompts(ctx context.Context) ([]Prompt, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+promptCols+" FROM prompts ORDER BY created DESC, rowid ASC")
	if err != nil {
		return nil, fmt.Errorf("read prompts: %w", err)
	}
	defer rows.Close()
	out := []Prompt{}
	for rows.Next() {
		p, err := scanPrompt(rows)
		if err != nil {
			return nil, fmt.Errorf("read prompts: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read prompts: %w", err)
	}
	return out, nil
}

// Prompt returns the prompt with the given id, or ErrNoPrompt.
func (s *Store) Prompt(ctx context.Context, id string) (Prompt, error) {
	p, err := scanPrompt(s.db.QueryRowContext(ctx, "SELECT "+promptCols+" FROM prompts WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Prompt{}, fmt.Errorf("prompt %q: %w", id, ErrNoPrompt)
	}
	if err != nil {
		return Prompt{}, fmt.Errorf("read prompt %q: %w", id, err)
	}
	return p, nil
}

// SetPromptStatus records what was done with a prompt, when, and until when
// it is snoozed (zero for not snoozed). An unknown id is ErrNoPrompt.
func (s *Store) SetPromptStatus(ctx context.Context, id, status string, at, snoozedUntil time.Time) error {
	if status == "" {
		return fmt.Errorf("set prompt %q status: no status given", id)
	}
	res, err := s.db.ExecContext(ctx, "UPDATE prompts SET status = ?, status_at = ?, snoozed_until = ? WHERE id = ?",
		status, ms(at), ms(snoozedUntil), id)
	if err != nil {
		return fmt.Errorf("set prompt %q status: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("set prompt %q status: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("prompt %q: %w", id, ErrNoPrompt)
	}
	return nil
}

// LastPromptCreated returns when the newest prompt was made (zero when there
// is none).
func (s *Store) LastPromptCreated(ctx context.Context) (time.Time, error) {
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT max(created) FROM prompts").Scan(&v); err != nil {
		return time.Time{}, fmt.Errorf("read last prompt: %w", err)
	}
	if !v.Valid {
		return time.Time{}, nil
	}
	return fromMS(v.Int64), nil
}

// PromptSince reports whether a prompt with dedupeKey was made at or after
// since, whatever its status.
func (s *Store) PromptSince(ctx context.Context, dedupeKey string, since time.Time) (bool, error) {
	return promptSince(ctx, s.db, dedupeKey, since)
}

// querier is *sql.DB or *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func promptSince(ctx context.Context, q querier, key string, since time.Time) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM prompts WHERE dedupe_key = ? AND created >= ?", key, ms(since)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read prompts for %s: %w", key, err)
	}
	return n > 0, nil
}
