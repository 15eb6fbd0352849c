package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/talkfirst/talkfirst/agent/words"
)

// Keys of the kv table that more than one package reads.
const (
	KeyAgreement   = "agreement"   // the family agreement (agent/consent), JSON
	KeyInstalled   = "installed"   // the last installed set, JSON list of app ids
	KeyMeasurement = "measurement" // how foreground time is measured here, JSON Measurement
	KeyLastSample  = "last_sample" // Unix ms of the last sample the agent wrote
	KeyLastPrune   = "last_prune"  // Unix ms of the last retention run
)

// Get returns the value stored under key, and whether there was one.
func (s *Store) Get(ctx context.Context, key string) ([]byte, bool, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, "SELECT value FROM kv WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", key, err)
	}
	return v, true, nil
}

// Put stores value under key.
func (s *Store) Put(ctx context.Context, key string, value []byte) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return fmt.Errorf("write %s: %w", key, err)
	}
	return nil
}

// Delete removes key.
func (s *Store) Delete(ctx context.Context, key string) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM kv WHERE key = ?", key)
	return err
}

// IntervalKind says what an interval measured.
type IntervalKind string

// The interval kinds. Foreground means the app's window was in front and the
// person was active; running means a process of the app was alive.
const (
	Foreground IntervalKind = "foreground"
	Running    IntervalKind = "running"
)

// Interval is one stretch of time an app was running or in front.
type Interval struct {
	ID    int64
	App   string
	Kind  IntervalKind
	Start time.Time
	End   time.Time
}

// Tick is what one sample writes, in one transaction.
type Tick struct {
	// At is the sample's time: the new end of every extended interval.
	At time.Time
	// Open are intervals that start now; their IDs are filled in.
	Open []*Interval
	// Extend are open intervals that go on until At.
	Extend []int64
	// Close ends intervals at their own time (for example the last sample
	// before a gap); the interval is not extended to At.
	Close map[int64]time.Time
}

// WriteTick records a sample. It writes through the connection Changed asks,
// so samples are not reported as changes.
func (s *Store) WriteTick(ctx context.Context, t *Tick) error {
	s.ownMu.Lock()
	defer s.ownMu.Unlock()
	c, err := s.ownConn(ctx)
	if err != nil {
		return err
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := writeTick(ctx, tx, t); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func writeTick(ctx context.Context, tx *sql.Tx, t *Tick) error {
	for _, iv := range t.Open {
		if iv.End.IsZero() {
			iv.End = iv.Start
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO intervals (app, kind, start, end) VALUES (?, ?, ?, ?)", iv.App, string(iv.Kind), ms(iv.Start), ms(iv.End))
		if err != nil {
			return fmt.Errorf("open interval: %w", err)
		}
		if iv.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	if len(t.Extend) > 0 {
		q := "UPDATE intervals SET end = ? WHERE end <= ? AND id IN (?" + strings.Repeat(",?", len(t.Extend)-1) + ")"
		args := []any{ms(t.At), ms(t.At)}
		for _, id := range t.Extend {
			args = append(args, id)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("extend intervals: %w", err)
		}
	}
	for id, end := range t.Close {
		if _, err := tx.ExecContext(ctx, "UPDATE intervals SET end = max(start, ?) WHERE id = ?", ms(end), id); err != nil {
			return fmt.Errorf("close interval: %w", err)
		}
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		KeyLastSample, []byte(fmt.Sprint(ms(t.At))))
	return err
}

// LastSample returns when the agent last wrote a sample.
func (s *Store) LastSample(ctx context.Context) (time.Time, error) {
	v, ok, err := s.Get(ctx, KeyLastSample)
	if err != nil || !ok {
		return time.Time{}, err
	}
	var n int64
	if _, err := fmt.Sscan(string(v), &n); err != nil {
		return time.Time{}, fmt.Errorf("read last sample: %w", err)
	}
	return fromMS(n), nil
}

// Intervals returns the intervals that overlap [from, to), oldest first.
func (s *Store) Intervals(ctx context.Context, from, to time.Time) ([]Interval, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, app, kind, start, end FROM intervals WHERE start < ? AND end >= ? ORDER BY start, id", ms(to), ms(from))
	if err != nil {
		return nil, fmt.Errorf("read intervals: %w", err)
	}
	defer rows.Close()
	var out []Interval
	for rows.Next() {
		var (
			iv         Interval
			kind       string
			start, end int64
		)
		if err := rows.Scan(&iv.ID, &iv.App, &kind, &start, &end); err != nil {
			return nil, err
		}
		iv.Kind, iv.Start, iv.End = IntervalKind(kind), fromMS(start), fromMS(end)
		out = append(out, iv)
	}
	return out, rows.Err()
}

// AddIntervals writes finished intervals in one transaction (imports, tests,
// synthetic data for benchmarks).
func (s *Store) AddIntervals(ctx context.Context, ivs []Interval) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, "INSERT INTO intervals (app, kind, start, end) VALUES (?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer st.Close()
		for _, iv := range ivs {
			if _, err := st.ExecContext(ctx, iv.App, string(iv.Kind), ms(iv.Start), ms(iv.End)); err != nil {
				return fmt.Errorf("add interval: %w", err)
			}
		}
		return nil
	})
}

// ChangeKind is installed or removed.
type ChangeKind string

// The change kinds.
const (
	Installed ChangeKind = "installed"
	Removed   ChangeKind = "removed"
)

// Change is an app that was installed or removed.
type Change struct {
	ID     int64
	App    string
	Change ChangeKind
	At     time.Time
	// Found says how the agent knows (a words.Found* fact, such as
	// "flatpak com.discordapp.Discord"); zero for a removal.
	Found words.Fact
}

// AddChange records an install or removal.
func (s *Store) AddChange(ctx context.Context, c Change) (int64, error) {
	found, err := factJSON(c.Found)
	if err != nil {
		return 0, fmt.Errorf("add change: %w", err)
	}
	res, err := s.db.ExecContext(ctx, "INSERT INTO changes (app, change, at, evidence) VALUES (?, ?, ?, ?)", c.App, string(c.Change), ms(c.At), found)
	if err != nil {
		return 0, fmt.Errorf("add change: %w", err)
	}
	return res.LastInsertId()
}

// Changes returns the changes in [from, to), oldest first.
func (s *Store) Changes(ctx context.Context, from, to time.Time) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, app, change, at, evidence FROM changes WHERE at >= ? AND at < ? ORDER BY at, id", ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("read changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var (
			c     Change
			kind  string
			at    int64
			found string
		)
		if err := rows.Scan(&c.ID, &c.App, &kind, &at, &found); err != nil {
			return nil, err
		}
		if c.Found, err = readFact(found); err != nil {
			return nil, fmt.Errorf("read change %d: %w", c.ID, err)
		}
		c.Change, c.At = ChangeKind(kind), fromMS(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// EventKind names something that happened to the agent or the store.
type EventKind string

// The event kinds.
const (
	EventStart      EventKind = "start"       // the agent started recording
	EventStop       EventKind = "stop"        // the agent stopped cleanly
	EventPause      EventKind = "pause"       // the teen or parent paused recording, with a reason; End is when it ends
	EventGap        EventKind = "gap"         // time the agent did not see: a crash, sleep, a clock jump
	EventStoreReset EventKind = "store-reset" // the data file was unreadable and a new one was started
	EventForget     EventKind = "forget"      // collected data was deleted on request
	EventAgreement  EventKind = "agreement"   // the family agreement was made, changed or ended
	EventWaiting    EventKind = "waiting"     // the agent ran without an agreement and recorded nothing
)

// Event is one entry of the agent's own history. Instant events have a zero End.
type Event struct {
	ID    int64
	Kind  EventKind
	Start time.Time
	End   time.Time
	// Why says why it happened, as a fact (a words.Stop*, Gap*, Forget*,
	// Agreement* or NoticeStoreReset code); zero for a pause.
	Why words.Fact
	// Reason is a pause's reason: the family's own words, shown as they
	// were written. TalkFirst never writes its own words here.
	Reason string
}

// eventCols is the column list every event query reads, in scanEvent's order.
const eventCols = "id, kind, start, end, reason, fact"

func scanEvent(r rowScanner) (Event, error) {
	var (
		e          Event
		kind, fact string
		start, end int64
	)
	if err := r.Scan(&e.ID, &kind, &start, &end, &e.Reason, &fact); err != nil {
		return Event{}, err
	}
	e.Kind, e.Start, e.End, e.Reason = EventKind(kind), fromMS(start), fromMS(end), CleanReason(e.Reason)
	var err error
	if e.Why, err = readFact(fact); err != nil {
		return Event{}, fmt.Errorf("read event %d: %w", e.ID, err)
	}
	return e, nil
}

// factJSON is how a fact is kept in a column: JSON, or "" for none.
func factJSON(f words.Fact) (string, error) {
	if f.IsZero() {
		return "", nil
	}
	b, err := json.Marshal(f)
	return string(b), err
}

// readFact reads a column written by factJSON.
func readFact(s string) (words.Fact, error) {
	var f words.Fact
	if s == "" {
		return f, nil
	}
	err := json.Unmarshal([]byte(s), &f)
	return f, err
}

// AddEvent records an event and returns its id.
func (s *Store) AddEvent(ctx context.Context, e Event) (int64, error) {
	why, err := factJSON(e.Why)
	if err != nil {
		return 0, fmt.Errorf("add event: %w", err)
	}
	res, err := s.db.ExecContext(ctx, "INSERT INTO events (kind, start, end, reason, fact) VALUES (?, ?, ?, ?, ?)", string(e.Kind), ms(e.Start), ms(e.End), e.Reason, why)
	if err != nil {
		return 0, fmt.Errorf("add event: %w", err)
	}
	return res.LastInsertId()
}

// SetEventEnd sets when an event ended (a pause cut short by resume).
func (s *Store) SetEventEnd(ctx context.Context, id int64, end time.Time) error {
	_, err := s.db.ExecContext(ctx, "UPDATE events SET end = ? WHERE id = ?", ms(end), id)
	return err
}

// Events returns the events of the given kinds (all kinds when none are
// given) that overlap [from, to), oldest first.
func (s *Store) Events(ctx context.Context, from, to time.Time, kinds ...EventKind) ([]Event, error) {
	q := "SELECT " + eventCols + " FROM events WHERE start < ? AND (end >= ? OR (end = 0 AND start >= ?))"
	args := []any{ms(to), ms(from), ms(from)}
	if len(kinds) > 0 {
		q += " AND kind IN (?" + strings.Repeat(",?", len(kinds)-1) + ")"
		for _, k := range kinds {
			args = append(args, string(k))
		}
	}
	q += " ORDER BY start, id"
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ActivePause returns the pause in force at t, if any.
func (s *Store) ActivePause(ctx context.Context, t time.Time) (Event, bool, error) {
	e, err := scanEvent(s.db.QueryRowContext(ctx, "SELECT "+eventCols+" FROM events WHERE kind = ? AND start <= ? AND end > ? ORDER BY start DESC LIMIT 1",
		string(EventPause), ms(t), ms(t)))
	if errors.Is(err, sql.ErrNoRows) {
		return Event{}, false, nil
	}
	if err != nil {
		return Event{}, false, fmt.Errorf("read pause: %w", err)
	}
	return e, true, nil
}

// Prune deletes what was recorded before before: intervals that ended
// before then, changes made before then, events that started and ended
// before then (an instant event: that happened before then) except store
// resets and agreement events, which are kept for good, and prompts made
// before then, handled or not. In the same transaction it notes the store's
// clock under KeyLastPrune. It returns how many rows went.
func (s *Store) Prune(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			"DELETE FROM intervals WHERE end < ?",
			"DELETE FROM changes WHERE at < ?",
			"DELETE FROM events WHERE start < ? AND (end < ?1 OR end = 0) AND kind NOT IN ('store-reset', 'agreement')",
			"DELETE FROM prompts WHERE created < ?",
		} {
			res, err := tx.ExecContext(ctx, q, ms(before))
			if err != nil {
				return fmt.Errorf("prune: %w", err)
			}
			k, _ := res.RowsAffected()
			n += k
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			KeyLastPrune, []byte(fmt.Sprint(ms(s.now()))))
		return err
	})
	return n, err
}

// LastPrune returns when retention last ran.
func (s *Store) LastPrune(ctx context.Context) (time.Time, error) {
	v, ok, err := s.Get(ctx, KeyLastPrune)
	if err != nil || !ok {
		return time.Time{}, err
	}
	var n int64
	if _, err := fmt.Sscan(string(v), &n); err != nil {
		return time.Time{}, nil
	}
	return fromMS(n), nil
}

// Forget deletes everything collected: usage, changes, prompts and the
// agent's history, and the agreement unless keepAgreement. One event records
// that it happened, so the deletion itself is never hidden.
func (s *Store) Forget(ctx context.Context, keepAgreement bool) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{"DELETE FROM intervals", "DELETE FROM changes", "DELETE FROM events", "DELETE FROM prompts"} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		q := "DELETE FROM kv WHERE key NOT IN (?, ?)"
		args := []any{KeyAgreement, KeyMeasurement}
		if !keepAgreement {
			q = "DELETE FROM kv WHERE key NOT IN (?)"
			args = []any{KeyMeasurement}
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		why := words.New(words.ForgetKeptAgreement)
		if !keepAgreement {
			why = words.New(words.ForgetAll)
		}
		fact, err := factJSON(why)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO events (kind, start, end, fact) VALUES (?, ?, 0, ?)", string(EventForget), ms(s.now()), fact)
		return err
	})
	if err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	// Give the freed pages back so deleted data does not linger in the file.
	if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("forget: checkpoint: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("forget: vacuum: %w", err)
	}
	return nil
}

// ErrAlreadyPaused is returned by Pause while another pause is in force.
var ErrAlreadyPaused = errors.New("already paused")

// Pause records a pause from start until end with a reason both can see.
// It refuses while another pause is in force.
func (s *Store) Pause(ctx context.Context, start, end time.Time, reason string) error {
	reason = CleanReason(reason)
	if reason == "" {
		return errors.New("a pause needs a reason")
	}
	if utf8.RuneCountInString(reason) > MaxReason {
		return fmt.Errorf("a pause reason has at most %d characters", MaxReason)
	}
	if !end.After(start) {
		return errors.New("a pause must end after it starts")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE kind = ? AND start <= ? AND end > ?",
			string(EventPause), ms(start), ms(start)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyPaused
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO events (kind, start, end, reason) VALUES (?, ?, ?, ?)", string(EventPause), ms(start), ms(end), reason)
		return err
	})
}

// Resume ends the pause in force at now, and reports whether there was one.
func (s *Store) Resume(ctx context.Context, now time.Time) (bool, error) {
	p, on, err := s.ActivePause(ctx, now)
	if err != nil || !on {
		return false, err
	}
	return true, s.SetEventEnd(ctx, p.ID, now)
}

// MaxReason is the most characters (not bytes) a pause reason may have.
const MaxReason = 200

// CleanReason is a pause reason as it may be kept and shown: the family's
// words with control characters (terminal escape codes, bells, carriage
// returns that could hide what comes before) and runs of white space each
// made one space, invisible format characters dropped, trimmed. Reading applies it too, so a reason written into
// the file by hand is shown harmless as well.
func CleanReason(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8.RuneError:
			space = true
			continue
		case unicode.Is(unicode.Cf, r) && r != '\u200d':
			// invisible format characters, such as the bidi overrides
			// that turn text around; the joiner inside emoji stays
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
