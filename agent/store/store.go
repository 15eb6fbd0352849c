// Package store keeps everything TalkFirst records on this computer, in one
// SQLite file (modernc.org/sqlite, pure Go) under the data folder: usage
// intervals, install and remove changes, the agent's own starts, stops, pauses
// and gaps, prompts, the family agreement and settings.
//
// The folder is mode 0700 and the files 0600. The database runs in WAL mode
// with synchronous=NORMAL, so a killed agent loses at most the sample it was
// writing. A database that cannot be read is moved aside (kept, never
// deleted), a fresh one is started, and the event is recorded so both the
// teen's and the parent's screens can say so.
//
// The store holds no content: no message, title, URL, contact or keystroke
// ever reaches it. Usage rows name a catalog app id and times, nothing else.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileName is the database's name inside the data folder.
const FileName = "talkfirst.db"

// Store is an open TalkFirst database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	log  *slog.Logger
	now  func() time.Time
	// version is the schema version when the store was opened: a read-only
	// store is never migrated, so its queries read only the columns it has.
	version int
}

// Options tune Open.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ReadOnly opens an existing database for reading only (the desktop app);
	// it is never moved aside or migrated.
	ReadOnly bool
}

// ErrNoStore is returned by a read-only Open when there is no database yet.
var ErrNoStore = errors.New("no TalkFirst data here yet")

// Open opens (or creates) the store in dir.
func Open(dir string, log *slog.Logger, opts Options) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	p := filepath.Join(dir, FileName)
	if opts.ReadOnly {
		if _, err := os.Stat(p); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, ErrNoStore
			}
			return nil, fmt.Errorf("open store %s: %w", p, err)
		}
		db, err := openDB(p, true)
		if err != nil {
			return nil, fmt.Errorf("open store %s: %w", p, err)
		}
		s := &Store{db: db, path: p, log: log, now: now}
		if s.version, err = s.schemaVersion(context.Background()); err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: %w", p, err)
		}
		return s, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder %s: %w", dir, err)
	}
	if err := protect(dir, 0o700); err != nil {
		return nil, fmt.Errorf("protect data folder %s: %w", dir, err)
	}
	s, err := openRW(p, log, now)
	if err == nil {
		return s, nil
	}
	if !isCorrupt(err) {
		return nil, fmt.Errorf("open store %s: %w", p, err)
	}
	// The file is not a database we can use. Keep it for whoever wants to look,
	// start again, and say so in the new store.
	aside, merr := moveAside(p, now())
	if merr != nil {
		return nil, fmt.Errorf("open store %s: %w (and could not move it aside: %v)", p, err, merr)
	}
	log.Error("store unreadable, moved aside and started fresh", "path", p, "kept_as", aside, "err", err)
	s, err2 := openRW(p, log, now)
	if err2 != nil {
		return nil, fmt.Errorf("open fresh store %s: %w", p, err2)
	}
	if _, err := s.AddEvent(context.Background(), Event{Kind: EventStoreReset, Start: now(),
		Reason: fmt.Sprintf("the data file could not be read (%v); it was kept as %s and a new one was started", err, filepath.Base(aside))}); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openRW(p string, log *slog.Logger, now func() time.Time) (*Store, error) {
	// Create the file ourselves so it is 0600 from the start; SQLite gives its
	// -wal and -shm files the database file's permissions.
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	f.Close()
	if err := protect(p, 0o600); err != nil {
		return nil, err
	}
	db, err := openDB(p, false)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: p, log: log, now: now}
	ctx := context.Background()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		db.Close()
		return nil, err
	}
	if check != "ok" {
		db.Close()
		return nil, corruptError{check}
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	s.version = len(migrations)
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := protect(p+suffix, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

func openDB(p string, readOnly bool) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(p)+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	// One writer at a time is all SQLite allows; a small pool lets readers run beside it.
	db.SetMaxOpenConns(4)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// corruptError is a failed integrity check.
type corruptError struct{ detail string }

func (e corruptError) Error() string { return "integrity check failed: " + e.detail }

// isCorrupt reports whether err means the file is damaged or not a database,
// as opposed to busy, locked or unreadable for permissions.
func isCorrupt(err error) bool {
	var ce corruptError
	if errors.As(err, &ce) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return false
}

// moveAside renames a damaged database and its WAL files so nothing is lost.
func moveAside(p string, at time.Time) (string, error) {
	aside := fmt.Sprintf("%s.corrupt-%s", p, at.UTC().Format("20060102T150405Z"))
	if err := os.Rename(p, aside); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(p+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return aside, err
		}
	}
	return aside, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// IntegrityCheck runs SQLite's full integrity check and returns its verdict
// ("ok" when the file is sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var out string
	err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&out)
	return out, err
}

// ms and fromMS convert between times and the stored form: Unix milliseconds.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

// tx runs fn in one write transaction.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(t); err != nil {
		t.Rollback()
		return err
	}
	return t.Commit()
}
