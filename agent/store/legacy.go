package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
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
// the measurement record back into facts.
func upgradeRecords(ctx context.Context, tx *sql.Tx) error {
	if err := upgradeColumn(ctx, tx, "SELECT id, kind, reason FROM events WHERE kind != 'pause' AND reason != ''",
		"UPDATE events SET fact = ?, reason = '' WHERE id = ?", legacyEvent); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	if err := upgradeColumn(ctx, tx, "SELECT id, change, detail FROM changes WHERE detail != ''",
		"UPDATE changes SET evidence = ?, detail = '' WHERE id = ?", func(_, detail string) words.Fact { return legacyFound(detail) }); err != nil {
		return fmt.Errorf("changes: %w", err)
	}
	var v []byte
	switch err := tx.QueryRowContext(ctx, "SELECT value FROM kv WHERE key = ?", KeyMeasurement).Scan(&v); {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("measurement: %w", err)
	}
	var old struct {
		Foreground string `json:"foreground"`
		Reason     string `json:"reason"`
	}
	if json.Unmarshal(v, &old) != nil || old.Foreground == "" {
		return nil // unreadable: Measurement says so, as before
	}
	m := Measurement{Foreground: old.Foreground}
	if old.Reason != "" {
		m.Why = legacyMeasure(old.Reason)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE kv SET value = ? WHERE key = ?", b, KeyMeasurement)
	return err
}

// upgradeColumn reads rows of (id, kind, sentence) with sel, and writes the
// fact read from each with upd (fact, id).
func upgradeColumn(ctx context.Context, tx *sql.Tx, sel, upd string, read func(kind, s string) words.Fact) error {
	rows, err := tx.QueryContext(ctx, sel)
	if err != nil {
		return err
	}
	type row struct {
		id   int64
		fact string
	}
	var out []row
	for rows.Next() {
		var (
			id      int64
			kind, s string
		)
		if err := rows.Scan(&id, &kind, &s); err != nil {
			rows.Close()
			return err
		}
		f, err := factJSON(read(kind, s))
		if err != nil {
			rows.Close()
			return err
		}
		out = append(out, row{id, f})
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range out {
		if _, err := tx.ExecContext(ctx, upd, r.fact, r.id); err != nil {
			return err
		}
	}
	return nil
}

// legacy keeps a sentence that cannot be read back, as it was written.
func legacy(s string) words.Fact { return words.New(words.Legacy, words.Text(s)) }

// legacyEvents are the fixed reasons older versions wrote, by kind.
var legacyEvents = map[string]words.Code{
	"the agent was stopped":                                                                         words.StopAsked,
	"the family agreement was ended; recording stopped":                                             words.StopAgreementEnded,
	"the family agreement expired; recording stopped":                                               words.StopAgreementExpired,
	"the family agreement could not be read; recording stopped":                                     words.StopAgreementUnreadable,
	"the agent stopped without saying goodbye (it was killed, crashed, or the computer lost power)": words.GapUnclean,
	"all collected data was deleted; the agreement was kept":                                        words.ForgetKeptAgreement,
	"all collected data and the agreement were deleted":                                             words.ForgetAll,
	"the agreement was ended":                                                                       words.AgreementEnded,
}

var (
	legacyStoreReset = regexp.MustCompile(`^the data file could not be read \(.*\); it was kept as (\S+) and a new one was started$`)
	legacyAsleep     = regexp.MustCompile(`^no samples for (\S+): the computer was probably asleep$`)
	legacyClock      = regexp.MustCompile(`^the clock was changed by ([+-])(\S+)$`)
)

// legacyEvent reads an event's reason, as older versions wrote it in
// English, back into its fact.
func legacyEvent(kind, s string) words.Fact {
	if c, ok := legacyEvents[s]; ok {
		return words.New(c)
	}
	switch {
	case strings.HasPrefix(s, "recording started; foreground time: "):
		method := strings.TrimPrefix(s, "recording started; foreground time: ")
		return words.New(words.Started, words.Part(words.New(words.MethodCode(method))))
	case legacyStoreReset.MatchString(s):
		return words.New(words.NoticeStoreReset, words.Text(legacyStoreReset.FindStringSubmatch(s)[1]))
	case kind == string(EventAgreement) && (s == "set up together" || strings.HasPrefix(s, "the family agreement was made: ")):
		return words.New(words.AgreementMade, words.Teen())
	case kind == string(EventAgreement) && strings.HasPrefix(s, "settings changed: "):
		return words.New(words.AgreementChanged, words.Parts(legacy(strings.TrimPrefix(s, "settings changed: "))))
	case kind == string(EventGap):
		if f, ok := legacyGap(s); ok {
			return f
		}
	}
	return legacy(s)
}

// legacyGap reads the recorder's gap reasons, joined by "; ".
func legacyGap(s string) (words.Fact, bool) {
	var parts []words.Fact
	for _, p := range strings.Split(s, "; ") {
		switch m1, m2 := legacyAsleep.FindStringSubmatch(p), legacyClock.FindStringSubmatch(p); {
		case p == "the agent's clock went backwards":
			parts = append(parts, words.New(words.GapClockBack))
		case m1 != nil:
			d, err := time.ParseDuration(m1[1])
			if err != nil {
				return words.Fact{}, false
			}
			parts = append(parts, words.New(words.GapAsleep, words.Span(d)))
		case m2 != nil:
			d, err := time.ParseDuration(m2[2])
			if err != nil {
				return words.Fact{}, false
			}
			c := words.GapClockForward
			if m2[1] == "-" {
				c = words.GapClockSetBack
			}
			parts = append(parts, words.New(c, words.Span(d)))
		default:
			return words.Fact{}, false
		}
	}
	if len(parts) == 1 {
		return parts[0], true
	}
	return words.New(words.GapSeveral, words.Parts(parts...)), true
}

// legacyFounds are the prefixes of install details older versions wrote,
// longest first where one starts another.
var legacyFounds = []struct {
	prefix, suffix string
	code           words.Code
}{
	{"flatpak desktop entry ", " (user)", words.FoundDesktopFlatpakU},
	{"flatpak desktop entry ", "", words.FoundDesktopFlatpak},
	{"snap desktop entry ", "", words.FoundDesktopSnap},
	{"desktop entry ", "", words.FoundDesktop},
	{"flatpak ", " (user)", words.FoundFlatpakU},
	{"flatpak ", "", words.FoundFlatpak},
	{"snap ", "", words.FoundSnap},
	{"AppImage ", "", words.FoundAppImage},
	{"installed to ", "", words.FoundInstall},
	{"used: data folder ", "", words.FoundData},
	{"app bundle ", "", words.FoundBundle},
	{`Uninstall entry "`, `"`, words.FoundRegistry},
	{"Store package ", "", words.FoundStore},
	{`Start Menu shortcut "`, `"`, words.FoundStartMenu},
}

var legacyShortcut = regexp.MustCompile(`^(.*) \(a (\S+) shortcut\)$`)

// legacyFound reads an install's detail, as the inventory wrote it in
// English, back into its words.Found* fact.
func legacyFound(s string) words.Fact {
	if m := legacyShortcut.FindStringSubmatch(s); m != nil {
		if inner := legacyFound(m[1]); inner.Code != words.Legacy {
			return words.New(words.FoundShortcut, words.Part(inner), words.Text(m[2]))
		}
	}
	for _, f := range legacyFounds {
		if rest, ok := strings.CutPrefix(s, f.prefix); ok {
			if name, ok := strings.CutSuffix(rest, f.suffix); ok && name != "" {
				return words.New(f.code, words.Text(name))
			}
		}
	}
	return legacy(s)
}

// legacyMeasures are the reasons older versions gave for time in front
// being unavailable.
var legacyMeasures = map[string]words.Code{
	"GNOME on Wayland does not let apps see the active window":                                               words.MeasureGnomeWayland,
	"KDE Plasma on Wayland does not let apps see the active window":                                          words.MeasureKDEWayland,
	"this Wayland desktop does not let apps see the active window":                                           words.MeasureWayland,
	"there is no graphical desktop session to ask which window is in front":                                  words.MeasureNoDesktop,
	"foreground measurement is off":                                                                          words.MeasureOff,
	"the X11 display could not be reached":                                                                   words.MeasureX11Down,
	"the X11 display does not report idle time (no MIT-SCREEN-SAVER extension)":                              words.MeasureX11NoIdle,
	"the X11 display stopped answering":                                                                      words.MeasureX11Gone,
	"the active-window reader was closed":                                                                    words.MeasureClosed,
	"the agent runs as a Windows service, which cannot see the desktop; it has to run in the teen's session": words.MeasureWinService,
	"this version of Windows does not report idle time":                                                      words.MeasureWinNoIdle,
}

// legacyMeasure reads a measurement reason back into its words.Measure* fact.
func legacyMeasure(s string) words.Fact {
	if c, ok := legacyMeasures[s]; ok {
		return words.New(c)
	}
	if os, ok := strings.CutPrefix(s, "TalkFirst cannot see the active window on "); ok {
		return words.New(words.MeasureUnsupported, words.Text(os))
	}
	return legacy(s)
}
