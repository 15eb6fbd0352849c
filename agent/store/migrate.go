package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migration is one step of the schema: SQL, then a Go function for what
// SQL cannot do (reading stored sentences back into facts), in one
// transaction.
type migration struct {
	sql string
	fn  func(ctx context.Context, tx *sql.Tx) error
}

// migrations are applied in order; the database's user_version says how many
// have run. Never edit a published migration: add a new one.
var migrations = []migration{
	// 1: the first schema.
	{sql: `
CREATE TABLE kv (
	key   TEXT PRIMARY KEY,
	value BLOB NOT NULL
);
-- usage: one row per stretch of time an app was running, or in front.
CREATE TABLE intervals (
	id    INTEGER PRIMARY KEY,
	app   TEXT NOT NULL,
	kind  TEXT NOT NULL CHECK (kind IN ('foreground', 'running')),
	start INTEGER NOT NULL,
	end   INTEGER NOT NULL,
	CHECK (end >= start)
);
CREATE INDEX intervals_start ON intervals (start);
CREATE INDEX intervals_end ON intervals (end);
-- an app was installed or removed.
CREATE TABLE changes (
	id     INTEGER PRIMARY KEY,
	app    TEXT NOT NULL,
	change TEXT NOT NULL CHECK (change IN ('installed', 'removed')),
	at     INTEGER NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX changes_at ON changes (at);
-- the agent's own life: starts, stops, pauses, gaps, resets.
CREATE TABLE events (
	id     INTEGER PRIMARY KEY,
	kind   TEXT NOT NULL,
	start  INTEGER NOT NULL,
	end    INTEGER NOT NULL DEFAULT 0,
	reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_start ON events (start);
`},
	// 2: conversation prompts.
	{sql: `
CREATE TABLE prompts (
	id         TEXT PRIMARY KEY,
	rule       TEXT NOT NULL,
	apps       TEXT NOT NULL DEFAULT '[]',
	created    INTEGER NOT NULL,
	evidence   TEXT NOT NULL DEFAULT '[]',
	guide      TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL DEFAULT 'new',
	status_at  INTEGER NOT NULL DEFAULT 0,
	snoozed_until INTEGER NOT NULL DEFAULT 0,
	dedupe_key TEXT NOT NULL
);
CREATE INDEX prompts_created ON prompts (created);
CREATE INDEX prompts_dedupe ON prompts (dedupe_key, created);
`},
	// 3: which install a prompt is about, and the prompt that took its place.
	// Prompts about an install made before this learn it from the changes
	// table: the last install of their first app at or before they were made.
	{sql: `
ALTER TABLE prompts ADD COLUMN install_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE prompts ADD COLUMN superseded_by TEXT NOT NULL DEFAULT '';
UPDATE prompts SET install_at = coalesce((
	SELECT max(c.at) FROM changes c
	WHERE c.change = 'installed' AND c.app = json_extract(prompts.apps, '$[0]') AND c.at <= prompts.created
), 0)
WHERE rule IN ('new-app', 'platform-hop');
`},
	// 4: facts as codes. A prompt's evidence becomes a list of facts (the
	// same column, JSON objects instead of sentences); an event says why
	// in a fact of its own (reason keeps only a pause's reason, the
	// family's own words); a change names its evidence by kind and
	// identifier. What was stored as sentences is read back into facts
	// (upgradeFacts).
	{sql: `
ALTER TABLE events ADD COLUMN fact TEXT NOT NULL DEFAULT '';
ALTER TABLE changes ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
`, fn: upgradeFacts},
}

func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// migrate brings the schema up to date, one transaction per step.
func (s *Store) migrate(ctx context.Context) error {
	v, err := s.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return errNewer(v)
	}
	for i := v; i < len(migrations); i++ {
		err := s.tx(ctx, func(t *sql.Tx) error {
			m := migrations[i]
			if _, err := t.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if m.fn != nil {
				if err := m.fn(ctx, t); err != nil {
					return err
				}
			}
			_, err := t.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate store to version %d: %w", i+1, err)
		}
		s.log.Info("store migrated", "version", i+1)
	}
	return nil
}

// errNewer is the error for a store written by a newer TalkFirst.
func errNewer(v int) error {
	return fmt.Errorf("store schema version %d is newer than this TalkFirst (%d): update TalkFirst", v, len(migrations))
}
