package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

// TestMigrateRecordsToFacts opens a version 3 store holding the sentences
// older versions wrote for events, install details and the measurement, and
// checks each became the fact it said; a sentence that cannot be read back
// is kept, as it was written.
func TestMigrateRecordsToFacts(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	events := []struct {
		kind, reason string
		want         words.Fact
	}{
		{"start", "recording started; foreground time: x11", words.New(words.Started, words.Part(words.New(words.MethodX11)))},
		{"start", "recording started; foreground time: unavailable", words.New(words.Started, words.Part(words.New(words.MethodUnavailable)))},
		{"stop", "the agent was stopped", words.New(words.StopAsked)},
		{"stop", "the family agreement expired; recording stopped", words.New(words.StopAgreementExpired)},
		{"gap", "the agent stopped without saying goodbye (it was killed, crashed, or the computer lost power)", words.New(words.GapUnclean)},
		{"gap", "no samples for 2h13m: the computer was probably asleep", words.New(words.GapAsleep, words.Span(2*time.Hour+13*time.Minute))},
		{"gap", "the clock was changed by -1h", words.New(words.GapClockSetBack, words.Span(time.Hour))},
		{"gap", "no samples for 1h: the computer was probably asleep; the clock was changed by +2h",
			words.New(words.GapSeveral, words.Parts(words.New(words.GapAsleep, words.Span(time.Hour)), words.New(words.GapClockForward, words.Span(2*time.Hour))))},
		{"store-reset", "the data file could not be read (file is not a database); it was kept as talkfirst.db.corrupt-20261120T100000Z and a new one was started",
			words.New(words.NoticeStoreReset, words.Text("talkfirst.db.corrupt-20261120T100000Z"))},
		{"forget", "all collected data was deleted; the agreement was kept", words.New(words.ForgetKeptAgreement)},
		{"agreement", "the family agreement was made: Sam and a parent both agreed", words.New(words.AgreementMade, words.Teen())},
		{"agreement", "set up together", words.New(words.AgreementMade, words.Teen())},
		{"agreement", "settings changed: night hours 22:00–06:00 → 23:00–07:00",
			words.New(words.AgreementChanged, words.Parts(words.New(words.Legacy, words.Text("night hours 22:00–06:00 → 23:00–07:00"))))},
		{"agreement", "the agreement was ended", words.New(words.AgreementEnded)},
		{"gap", "something a later version said", words.New(words.Legacy, words.Text("something a later version said"))},
	}
	changes := []struct {
		detail string
		want   words.Fact
	}{
		{"flatpak com.discordapp.Discord", words.New(words.FoundFlatpak, words.Text("com.discordapp.Discord"))},
		{"flatpak org.telegram.desktop (user)", words.New(words.FoundFlatpakU, words.Text("org.telegram.desktop"))},
		{"used: data folder ~/.config/discord", words.New(words.FoundData, words.Text("~/.config/discord"))},
		{`Uninstall entry "Roblox Player for sam"`, words.New(words.FoundRegistry, words.Text("Roblox Player for sam"))},
		{"desktop entry steam.desktop (a steam shortcut)",
			words.New(words.FoundShortcut, words.Part(words.New(words.FoundDesktop, words.Text("steam.desktop"))), words.Text("steam"))},
		{"flatpak desktop entry com.discordapp.Discord.desktop (user)", words.New(words.FoundDesktopFlatpakU, words.Text("com.discordapp.Discord.desktop"))},
		{"a clue from the future", words.New(words.Legacy, words.Text("a clue from the future"))},
	}
	func() {
		db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(filepath.Join(dir, FileName)))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, m := range migrations[:3] {
			if _, err := db.Exec(m.sql); err != nil {
				t.Fatal(err)
			}
		}
		exec := func(q string, args ...any) {
			if _, err := db.Exec(q, args...); err != nil {
				t.Fatal(err)
			}
		}
		exec("PRAGMA user_version = 3")
		for i, e := range events {
			exec("INSERT INTO events (kind, start, reason) VALUES (?, ?, ?)", e.kind, t0.Add(time.Duration(i)*time.Minute).UnixMilli(), e.reason)
		}
		exec("INSERT INTO events (kind, start, end, reason) VALUES ('pause', ?, ?, 'exam week')", t0.UnixMilli(), t0.Add(time.Hour).UnixMilli())
		for i, c := range changes {
			exec("INSERT INTO changes (app, change, at, detail) VALUES ('discord', 'installed', ?, ?)", t0.Add(time.Duration(i)*time.Minute).UnixMilli(), c.detail)
		}
		exec("INSERT INTO kv (key, value) VALUES (?, ?)", KeyMeasurement, `{"foreground":"unavailable","reason":"GNOME on Wayland does not let apps see the active window"}`)
	}()

	s := open(t, dir)
	ctx := context.Background()
	evs, err := s.Events(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var got []Event
	for _, e := range evs {
		if e.Kind == EventPause {
			if e.Reason != "exam week" || !e.Why.IsZero() {
				t.Errorf("pause = %q, %s; want the family's words kept as they are", e.Reason, e.Why)
			}
			continue
		}
		got = append(got, e)
	}
	if len(got) != len(events) {
		t.Fatalf("%d events after the migration, want %d", len(got), len(events))
	}
	for i, e := range events {
		if !got[i].Why.Equal(e.want) || got[i].Reason != "" {
			t.Errorf("%s %q became %s (reason %q); want %s", e.kind, e.reason, got[i].Why, got[i].Reason, e.want)
		}
	}
	chs, err := s.Changes(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil || len(chs) != len(changes) {
		t.Fatalf("changes = %d, %v; want %d", len(chs), err, len(changes))
	}
	for i, c := range changes {
		if !chs[i].Found.Equal(c.want) {
			t.Errorf("detail %q became %s; want %s", c.detail, chs[i].Found, c.want)
		}
	}
	m, err := s.Measurement(ctx)
	if err != nil || m.Available() || !m.Why.Equal(words.New(words.MeasureGnomeWayland)) {
		t.Errorf("measurement = %+v, %v; want unavailable because of GNOME on Wayland", m, err)
	}
	raw, _, _ := s.Get(ctx, KeyMeasurement)
	var kept map[string]any
	if json.Unmarshal(raw, &kept) != nil || kept["reason"] != nil {
		t.Errorf("the measurement record still holds a sentence: %s", raw)
	}
}
