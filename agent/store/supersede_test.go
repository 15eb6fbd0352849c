package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestAddPromptSuperseding(t *testing.T) {
	installed := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	made := installed.Add(time.Minute)
	hopAt := installed.Add(2 * time.Hour)
	newApp := func(id, status string, at time.Time) Prompt {
		return Prompt{ID: id, Rule: "new-app", Apps: []string{"telegram"}, Created: made, DedupeKey: "new-app:telegram",
			Status: status, InstallAt: at}
	}
	hop := Prompt{ID: "p-hop", Rule: "platform-hop", Apps: []string{"telegram", "minecraft"}, Created: hopAt,
		DedupeKey: "platform-hop:telegram+minecraft", InstallAt: installed}
	sup := Supersede{Rule: "new-app", App: "telegram", InstallAt: installed, Statuses: []string{"new", "later"}, Status: "superseded", At: hopAt}
	tests := []struct {
		name    string
		earlier []Prompt
		sup     Supersede
		want    []string          // superseded ids
		status  map[string]string // every earlier prompt's status after
	}{
		{"a new new-app for the same install", []Prompt{newApp("p-1", "new", installed)}, sup,
			[]string{"p-1"}, map[string]string{"p-1": "superseded"}},
		{"a snoozed one too", []Prompt{newApp("p-1", "later", installed)}, sup,
			[]string{"p-1"}, map[string]string{"p-1": "superseded"}},
		{"a handled one is left as it is", []Prompt{newApp("p-1", "talked", installed), newApp("p-2", "not-relevant", installed)}, sup,
			nil, map[string]string{"p-1": "talked", "p-2": "not-relevant"}},
		// telegram installed, removed and installed again: the hop is about the second install
		{"another install of the same app", []Prompt{newApp("p-1", "new", installed.Add(-48*time.Hour))}, sup,
			nil, map[string]string{"p-1": "new"}},
		{"another app", []Prompt{{ID: "p-1", Rule: "new-app", Apps: []string{"discord"}, Created: made, DedupeKey: "new-app:discord", InstallAt: installed}}, sup,
			nil, map[string]string{"p-1": "new"}},
		{"another rule", []Prompt{{ID: "p-1", Rule: "spike", Apps: []string{"telegram"}, Created: made, DedupeKey: "spike", InstallAt: installed}}, sup,
			nil, map[string]string{"p-1": "new"}},
		{"an install that is not known", []Prompt{newApp("p-1", "new", time.Time{})}, Supersede{Rule: "new-app", App: "telegram", Statuses: []string{"new"}, Status: "superseded", At: hopAt},
			nil, map[string]string{"p-1": "new"}},
		{"nothing to supersede", nil, sup, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, t.TempDir())
			ctx := context.Background()
			for _, p := range tc.earlier {
				if err := s.AddPrompt(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
			added, ids, err := s.AddPromptSuperseding(ctx, hop, hopAt.Add(-14*24*time.Hour), tc.sup)
			if err != nil || !added || !slices.Equal(ids, tc.want) {
				t.Fatalf("AddPromptSuperseding = %v, %v, %v; want added, %v", added, ids, err, tc.want)
			}
			for id, want := range tc.status {
				p, err := s.Prompt(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				wantBy := ""
				if want == "superseded" {
					wantBy = "p-hop"
					if !p.StatusAt.Equal(hopAt) || !p.SnoozedUntil.IsZero() {
						t.Errorf("%s: status at %v, snoozed until %v; want %v and no snooze", id, p.StatusAt, p.SnoozedUntil, hopAt)
					}
				}
				if p.Status != want || p.SupersededBy != wantBy {
					t.Errorf("%s: status %q superseded by %q; want %q by %q", id, p.Status, p.SupersededBy, want, wantBy)
				}
			}
			got, err := s.Prompt(ctx, "p-hop")
			if err != nil || got.Status != "new" || !got.InstallAt.Equal(installed) || got.SupersededBy != "" {
				t.Errorf("the hop read back: %+v, %v", got, err)
			}
		})
	}
}

// A hop held back as a duplicate still closes a new-app prompt for its
// install: the hop already stored takes its place.
func TestAddPromptSupersedingWhenHeldBack(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	installed := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	old := Prompt{ID: "p-hop", Rule: "platform-hop", Apps: []string{"telegram", "minecraft"}, Created: installed.Add(time.Hour),
		DedupeKey: "platform-hop:telegram+minecraft", InstallAt: installed}
	na := Prompt{ID: "p-new", Rule: "new-app", Apps: []string{"telegram"}, Created: installed.Add(time.Minute), DedupeKey: "new-app:telegram", InstallAt: installed}
	for _, p := range []Prompt{old, na} {
		if err := s.AddPrompt(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	again := old
	again.ID, again.Created = "p-hop2", installed.Add(2*time.Hour)
	at := installed.Add(2 * time.Hour)
	added, ids, err := s.AddPromptSuperseding(ctx, again, installed.Add(-24*time.Hour),
		Supersede{Rule: "new-app", App: "telegram", InstallAt: installed, Statuses: []string{"new"}, Status: "superseded", At: at})
	if err != nil || added || !slices.Equal(ids, []string{"p-new"}) {
		t.Fatalf("AddPromptSuperseding = %v, %v, %v; want not added, p-new superseded", added, ids, err)
	}
	if p, _ := s.Prompt(ctx, "p-new"); p.Status != "superseded" || p.SupersededBy != "p-hop" {
		t.Errorf("new-app after: %+v, want superseded by p-hop", p)
	}
}

// A store made before prompts knew their install (schema version 2) is
// brought up to date by a read-only open too, so readers read one schema:
// prompts about an install learn it from the changes table.
func TestMigrateToInstallAt(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	t0 := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	ms := func(t time.Time) int64 { return t.UnixMilli() }
	func() {
		db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(filepath.Join(dir, FileName)))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, m := range migrations[:2] {
			if _, err := db.Exec(m.sql); err != nil {
				t.Fatal(err)
			}
		}
		stmts := []struct {
			q    string
			args []any
		}{
			{"PRAGMA user_version = 2", nil},
			// telegram installed twice, the second time before the prompts; discord after its prompt only
			{"INSERT INTO changes (app, change, at) VALUES ('telegram', 'installed', ?), ('telegram', 'removed', ?), ('telegram', 'installed', ?), ('discord', 'installed', ?)",
				[]any{ms(t0.Add(-72 * time.Hour)), ms(t0.Add(-48 * time.Hour)), ms(t0), ms(t0.Add(5 * time.Hour))}},
			{`INSERT INTO prompts (id, rule, apps, created, evidence, guide, status, dedupe_key) VALUES
				('p-new', 'new-app', '["telegram"]', ?, '[]', 'new-app', 'new', 'new-app:telegram'),
				('p-hop', 'platform-hop', '["telegram","minecraft"]', ?, '[]', 'platform-hop', 'new', 'platform-hop:telegram+minecraft'),
				('p-disc', 'new-app', '["discord"]', ?, '[]', 'new-app', 'talked', 'new-app:discord'),
				('p-night', 'late-night', '["telegram"]', ?, '[]', 'late-night', 'new', 'late-night')`,
				[]any{ms(t0.Add(time.Minute)), ms(t0.Add(time.Hour)), ms(t0.Add(time.Hour)), ms(t0.Add(time.Hour))}},
		}
		for _, st := range stmts {
			if _, err := db.Exec(st.q, st.args...); err != nil {
				t.Fatal(err)
			}
		}
	}()

	ro, err := Open(dir, nil, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ro.Prompts(ctx)
	v, verr := ro.schemaVersion(ctx)
	ro.Close()
	if err != nil || len(ps) != 4 {
		t.Fatalf("read-only Prompts of a version 2 store = %d prompts, %v; want 4", len(ps), err)
	}
	if verr != nil || v != len(migrations) {
		t.Fatalf("schema version after a read-only open = %d, %v; want %d", v, verr, len(migrations))
	}

	s := open(t, dir)
	tests := []struct {
		id   string
		want time.Time
	}{
		{"p-new", t0},
		{"p-hop", t0},
		{"p-disc", time.Time{}},  // installed only after the prompt
		{"p-night", time.Time{}}, // not about an install
	}
	for _, tc := range tests {
		p, err := s.Prompt(ctx, tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if !p.InstallAt.Equal(tc.want) || p.SupersededBy != "" || p.Status == "" {
			t.Errorf("%s after the upgrade: install at %v, superseded by %q, status %q; want install at %v", tc.id, p.InstallAt, p.SupersededBy, p.Status, tc.want)
		}
	}
	// and the upgraded store supersedes as a new one does
	_, ids, err := s.AddPromptSuperseding(ctx, Prompt{ID: "p-hop", Rule: "platform-hop", Apps: []string{"telegram", "minecraft"}, Created: t0.Add(2 * time.Hour),
		DedupeKey: "platform-hop:telegram+minecraft", InstallAt: t0}, t0.Add(-time.Hour),
		Supersede{Rule: "new-app", App: "telegram", InstallAt: t0, Statuses: []string{"new"}, Status: "superseded", At: t0.Add(2 * time.Hour)})
	if err != nil || !slices.Equal(ids, []string{"p-new"}) {
		t.Errorf("superseding after the upgrade: %v, %v; want p-new", ids, err)
	}
}
