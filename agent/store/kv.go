package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Update replaces the value under key with what fn makes of it, in one write
// transaction: no other writer, in this process or another, comes between
// the read and the write (the store's transactions take the write lock when
// they begin). fn gets the current value and whether there is one, and
// returns the new value, or nil to delete the key. When fn returns an error,
// nothing is written and Update returns that error as it is.
//
// fn runs while the write lock is held, so it must be quick: the agent's
// samples wait for it.
func (s *Store) Update(ctx context.Context, key string, fn func(old []byte, ok bool) ([]byte, error)) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var old []byte
		err := tx.QueryRowContext(ctx, "SELECT value FROM kv WHERE key = ?", key).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read %s: %w", key, err)
		}
		v, err := fn(old, err == nil)
		if err != nil {
			return err
		}
		if v == nil {
			_, err = tx.ExecContext(ctx, "DELETE FROM kv WHERE key = ?", key)
		} else {
			_, err = tx.ExecContext(ctx, "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, v)
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", key, err)
		}
		return nil
	})
}
