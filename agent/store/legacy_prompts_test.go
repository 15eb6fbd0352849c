package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

// A store made while prompts kept their evidence as sentences (schema
// version 3) is brought up to date on open: each sentence, English or
// Dutch, is read back into the fact it said, with its app ids, dates in the
// year the prompt was made and figures; what cannot be read is kept as it
// was written.
func TestMigratePromptEvidence(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	// the store keeps times as milliseconds and reads them in time.Local,
	// so the sentences' days are read in time.Local too
	at := func(y int, m time.Month, d, h, mm int) time.Time {
		return time.Date(y, m, d, h, mm, 0, 0, time.Local)
	}
	noon := func(y int, m time.Month, d int) time.Time { return at(y, m, d, 12, 0) }
	t0 := at(2026, 11, 24, 12, 0)
	jan := at(2027, 1, 5, 9, 0)
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
		stmts := []struct {
			q    string
			args []any
		}{
			{"PRAGMA user_version = 3", nil},
			{`INSERT INTO prompts (id, rule, apps, created, evidence, guide, status, dedupe_key) VALUES
				('p-hop', 'platform-hop', '["telegram","minecraft"]', ?, ?, 'platform-hop', 'new', 'platform-hop:telegram+minecraft'),
				('p-night', 'late-night', '["discord"]', ?, ?, 'late-night', 'talked', 'late-night'),
				('p-renew', 'renewal', '[]', ?, ?, 'renewal', 'new', 'renewal'),
				('p-paused', 'paused', '[]', ?, ?, 'paused', 'new', 'paused'),
				('p-odd', 'check-in', '[]', ?, ?, 'check-in', 'new', 'check-in'),
				('p-none', 'check-in', '[]', ?, '[]', 'check-in', 'new', 'check-in'),
				('p-broken', 'spike', '[]', ?, 'not a list', 'spike', 'new', 'spike')`,
				[]any{
					t0.UnixMilli(), `["Telegram was installed on Tuesday 24 November.",
						"In the 30 days before, Sam used Minecraft for 9 h 10 min, most recently on Thursday 12 November (time in front).",
						"In that time, Sam also used Roblox (20 min) and Epic Games (Fortnite) (1 h)."]`,
					t0.UnixMilli(), `["Sam gebruikte chatapps of games tijdens de afgesproken nachturen (22:00–06:00) in 2 van de laatste 7 nachten (voorgrondtijd).",
						"De nacht van zondag 22 op maandag 23 november: 1 u 30 min (Discord en Minecraft).",
						"De nacht van maandag 23 op dinsdag 24 november: 30 min (Discord)."]`,
					jan.UnixMilli(), `["The agreement you made together on Wednesday 30 December 2026 ends on Tuesday 19 January, in 14 days.",
						"Daarna houdt TalkFirst niets meer bij, tot jullie de afspraak samen vernieuwen."]`,
					t0.UnixMilli(), `["Het bijhouden stond op pauze van donderdag 19 november 12:00 tot zaterdag 21 november 12:00 (2 dagen), met als reden ‘proefwerkweek’.",
						"TalkFirst was stopped on Monday 23 November 06:00 and has not run since (1 day 6 h so far).",
						"TalkFirst also stops when the computer is switched off, asleep or without power, so a break can have an ordinary reason."]`,
					t0.UnixMilli(), `["Something a newer version wrote.", "Er is al 14 dagen geen melding geweest; de laatste was op dinsdag 10 november."]`,
					t0.UnixMilli(),
					t0.UnixMilli(),
				}},
		}
		for _, st := range stmts {
			if _, err := db.Exec(st.q, st.args...); err != nil {
				t.Fatal(err)
			}
		}
	}()

	s := open(t, dir)
	if v, err := s.schemaVersion(ctx); err != nil || v != len(migrations) {
		t.Fatalf("schema version = %d, %v; want %d", v, err, len(migrations))
	}
	inFront := words.Measured(false)
	tests := []struct {
		id   string
		want []words.Fact
	}{
		{"p-hop", []words.Fact{
			words.New(words.EvInstalled, words.App("telegram"), words.Date(noon(2026, 11, 24))),
			words.New(words.EvGameTimeBefore, words.Count(30), words.Teen(), words.App("minecraft"), words.Dur(9*time.Hour+10*time.Minute),
				words.Date(noon(2026, 11, 12)), inFront),
			words.New(words.EvOtherGames, words.Teen(), words.AppTimes(words.AppTime{App: "roblox", Dur: 20 * time.Minute}, words.AppTime{App: "epic-games", Dur: time.Hour})),
		}},
		{"p-night", []words.Fact{
			words.New(words.EvLateNights, words.Teen(), words.Night(22*60, 6*60), words.Count(2), words.Count(7), inFront),
			words.New(words.EvNight, words.Days(noon(2026, 11, 22), noon(2026, 11, 23)), words.Dur(90*time.Minute), words.Apps("discord", "minecraft")),
			words.New(words.EvNight, words.Days(noon(2026, 11, 23), noon(2026, 11, 24)), words.Dur(30*time.Minute), words.Apps("discord")),
		}},
		// the end of the agreement has no year: it is in the year the prompt was made
		{"p-renew", []words.Fact{
			words.New(words.EvAgreementEnds, words.Date(noon(2026, 12, 30)), words.Date(noon(2027, 1, 19)), words.Count(14)),
			words.New(words.EvRenewAfter),
		}},
		{"p-paused", []words.Fact{
			words.New(words.EvPausedFromWhy, words.DateTime(at(2026, 11, 19, 12, 0)), words.DateTime(at(2026, 11, 21, 12, 0)),
				words.Span(48*time.Hour), words.Text("proefwerkweek")),
			words.New(words.EvStoppedSince, words.DateTime(at(2026, 11, 23, 6, 0)), words.Span(30*time.Hour)),
			words.New(words.EvBreakOrdinary),
		}},
		{"p-odd", []words.Fact{
			words.New(words.Legacy, words.Text("Something a newer version wrote.")),
			words.New(words.EvNoPromptFor, words.Count(14), words.Date(noon(2026, 11, 10))),
		}},
		{"p-none", []words.Fact{}},
		{"p-broken", []words.Fact{words.New(words.Legacy, words.Text("not a list"))}},
	}
	for _, tc := range tests {
		p, err := s.Prompt(ctx, tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(p.Evidence, tc.want, words.Fact.Equal) {
			t.Errorf("%s evidence after the upgrade:\n got  %v\n want %v", tc.id, p.Evidence, tc.want)
		}
		for _, f := range p.Evidence {
			if err := f.Check(); err != nil {
				t.Errorf("%s: %s: %v", tc.id, f, err)
			}
		}
	}
	// the rest of the prompt is as it was
	if p, _ := s.Prompt(ctx, "p-night"); p.Status != "talked" || !p.Created.Equal(t0) || !slices.Equal(p.Apps, []string{"discord"}) {
		t.Errorf("p-night after the upgrade: %+v", p)
	}
}
