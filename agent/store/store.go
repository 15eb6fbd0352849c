// Package store keeps everything TalkFirst records on this computer, in one
// SQLite file (modernc.org/sqlite, pure Go) under the data folder: usage
// intervals, install and remove changes, the agent's own starts, stops, pauses
// and gaps, prompts, the family agreement and settings.
//
// The folder is mode 0700 and the files 0600. The database runs in WAL mode
// with synchronous=NORMAL, so a killed agent loses at most the sample it was
// writing. A database that cannot be read is moved aside (kept, never
// deleted) by the agent, which alone opens with Options.Recover while it
// holds the data folder's lease; a fresh one is started, and the event is
// recorded so both the teen's and the parent's screens can say so. Any
// other opener gets ErrDamaged and leaves the file where it is.
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
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/talkfirst/talkfirst/agent/words"
)

// FileName is the database's name inside the data folder.
const FileName = "talkfirst.db"

// Store is an open TalkFirst database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	log  *slog.Logger
	now  func() time.Time

	// own is the one connection WriteTick writes through and Changed asks,
	// so the agent's own samples do not count as changes (see Changed).
	ownMu   sync.Mutex
	own     *sql.Conn
	dataVer *sql.Stmt
	lastVer int64
}

// Options tune Open.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ReadOnly opens an existing database for reading only (the command
	// line's reports); it is never moved aside. One written by an older
	// TalkFirst is first brought up to date, so readers read one schema.
	ReadOnly bool
	// Recover moves a damaged database aside and starts a fresh one. Only
	// the agent sets it, holding the data folder's lease (agent/lease), so
	// no file is renamed under a running agent; without it a damaged
	// database is an ErrDamaged.
	Recover bool
}

// ErrNoStore is returned by a read-only Open when there is no database yet.
var ErrNoStore = errors.New("no TalkFirst data here yet")

// ErrDamaged is returned (wrapped) by Open without Options.Recover when the
// database is damaged or not a database; the file is left as it is.
var ErrDamaged = errors.New("the data file is damaged")

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
			return nil, openError(p, err)
		}
		s := &Store{db: db, path: p, log: log, now: now}
		v, err := s.schemaVersion(context.Background())
		if err != nil {
			db.Close()
			return nil, openError(p, err)
		}
		if v > len(migrations) {
			db.Close()
			return nil, fmt.Errorf("open store %s: %w", p, errNewer(v))
		}
		if v < len(migrations) {
			db.Close()
			rw, err := openRW(p, log, now)
			if err != nil {
				return nil, openError(p, err)
			}
			rw.Close()
			return Open(dir, log, opts)
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
	if !isCorrupt(err) || !opts.Recover {
		return nil, openError(p, err)
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
		Why: words.New(words.NoticeStoreReset, words.Text(filepath.Base(aside)))}); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openError wraps a failure to open the database at p, as ErrDamaged too
// when the file is damaged.
func openError(p string, err error) error {
	if isCorrupt(err) {
		return fmt.Errorf("open store %s: %w: %w", p, ErrDamaged, err)
	}
	return fmt.Errorf("open store %s: %w", p, err)
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
func (s *Store) Close() error {
	s.ownMu.Lock()
	if s.own != nil {
		s.dataVer.Close()
		s.own.Close()
		s.own = nil
	}
	s.ownMu.Unlock()
	return s.db.Close()
}

// ownConn returns the connection WriteTick and Changed use; s.ownMu is held.
func (s *Store) ownConn(ctx context.Context) (*sql.Conn, error) {
	if s.own != nil {
		return s.own, nil
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	st, err := c.PrepareContext(ctx, "PRAGMA data_version")
	if err != nil {
		c.Close()
		return nil, err
	}
	s.own, s.dataVer, s.lastVer = c, st, -1
	return c, nil
}

// Changed reports whether anything but WriteTick committed to the database
// since the last call (another process such as the app or the command line,
// or another method of this Store); the first call reports true. It costs
// one prepared PRAGMA data_version, so the agent can read the agreement and
// the pause again only when they may have changed.
func (s *Store) Changed(ctx context.Context) (bool, error) {
	s.ownMu.Lock()
	defer s.ownMu.Unlock()
	if _, err := s.ownConn(ctx); err != nil {
		return true, err
	}
	var v int64
	if err := s.dataVer.QueryRowContext(ctx).Scan(&v); err != nil {
		return true, fmt.Errorf("read data version: %w", err)
	}
	changed := v != s.lastVer
	s.lastVer = v
	return changed, nil
}

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
