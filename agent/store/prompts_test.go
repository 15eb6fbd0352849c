package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

func TestPromptsRoundTripAndOrder(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	t0 := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

	if got, err := s.Prompts(ctx); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("Prompts on an empty store = %v, %v; want an empty, non-nil list", got, err)
	}
	if last, err := s.LastPromptCreated(ctx); err != nil || !last.IsZero() {
		t.Fatalf("LastPromptCreated on an empty store = %v, %v; want zero", last, err)
	}

	hop := Prompt{ID: "p-00000001", Rule: "platform-hop", Apps: []string{"telegram", "minecraft"}, Created: t0,
		Evidence: []words.Fact{
			words.New(words.Legacy, words.Text("Telegram is op dinsdag 24 november geïnstalleerd.")),
			words.New(words.Legacy, words.Text("Sam gebruikte Minecraft 9 u 10 min.")),
		},
		Guide: "platform-hop", DedupeKey: "platform-hop:telegram+minecraft"}
	// added after hop but made at the same moment: comes after it
	night := Prompt{ID: "p-00000002", Rule: "late-night", Created: t0, Guide: "late-night", DedupeKey: "late-night"}
	older := Prompt{ID: "p-00000003", Rule: "check-in", Created: t0.Add(-48 * time.Hour), Guide: "check-in", DedupeKey: "check-in", Status: "talked"}
	for _, p := range []Prompt{older, hop, night} {
		if err := s.AddPrompt(ctx, p); err != nil {
			t.Fatalf("AddPrompt %s: %v", p.ID, err)
		}
	}
	got, err := s.Prompts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range got {
		ids = append(ids, p.ID)
	}
	if want := []string{"p-00000001", "p-00000002", "p-00000003"}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v (newest first, then in the order added)", ids, want)
	}
	p, err := s.Prompt(ctx, "p-00000001")
	if err != nil {
		t.Fatal(err)
	}
	if p.Rule != hop.Rule || !slices.Equal(p.Apps, hop.Apps) || !slices.EqualFunc(p.Evidence, hop.Evidence, words.Fact.Equal) ||
		!p.Created.Equal(t0) || p.Guide != hop.Guide || p.Status != "new" || p.DedupeKey != hop.DedupeKey ||
		!p.StatusAt.IsZero() || !p.SnoozedUntil.IsZero() {
		t.Errorf("round trip = %+v, want %+v with status new", p, hop)
	}
	n, err := s.Prompt(ctx, "p-00000002")
	if err != nil {
		t.Fatal(err)
	}
	if n.Apps == nil || n.Evidence == nil {
		t.Errorf("an appless prompt reads back nil lists: %+v", n)
	}
	if last, err := s.LastPromptCreated(ctx); err != nil || !last.Equal(t0) {
		t.Errorf("LastPromptCreated = %v, %v; want %v", last, err, t0)
	}
}

func TestPromptErrors(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	if _, err := s.Prompt(ctx, "p-nothere"); !errors.Is(err, ErrNoPrompt) {
		t.Errorf("Prompt of an unknown id: %v, want ErrNoPrompt", err)
	}
	if err := s.SetPromptStatus(ctx, "p-nothere", "talked", now, time.Time{}); !errors.Is(err, ErrNoPrompt) {
		t.Errorf("SetPromptStatus of an unknown id: %v, want ErrNoPrompt", err)
	}
	for _, p := range []Prompt{
		{Rule: "spike", DedupeKey: "spike"},
		{ID: "p-1", DedupeKey: "spike"},
		{ID: "p-1", Rule: "spike"},
	} {
		if err := s.AddPrompt(ctx, p); err == nil {
			t.Errorf("AddPrompt(%+v) accepted an incomplete prompt", p)
		}
	}
	p := Prompt{ID: "p-1", Rule: "spike", Created: now, DedupeKey: "spike"}
	if err := s.AddPrompt(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPrompt(ctx, p); err == nil {
		t.Error("AddPrompt accepted a second prompt with the same id")
	}
	if err := s.SetPromptStatus(ctx, "p-1", "", now, time.Time{}); err == nil {
		t.Error("SetPromptStatus accepted an empty status")
	}
}

func TestSetPromptStatus(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	if err := s.AddPrompt(ctx, Prompt{ID: "p-1", Rule: "spike", Created: now, DedupeKey: "spike"}); err != nil {
		t.Fatal(err)
	}
	later := now.Add(time.Hour)
	until := later.Add(72 * time.Hour)
	if err := s.SetPromptStatus(ctx, "p-1", "later", later, until); err != nil {
		t.Fatal(err)
	}
	p, err := s.Prompt(ctx, "p-1")
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != "later" || !p.StatusAt.Equal(later) || !p.SnoozedUntil.Equal(until) {
		t.Errorf("after later: %+v", p)
	}
	// a new status clears the snooze
	if err := s.SetPromptStatus(ctx, "p-1", "talked", until, time.Time{}); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Prompt(ctx, "p-1")
	if p.Status != "talked" || !p.StatusAt.Equal(until) || !p.SnoozedUntil.IsZero() {
		t.Errorf("after talked: %+v", p)
	}
}

func TestPromptSinceAndAddPromptOnce(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	made := time.Date(2026, 11, 10, 9, 30, 0, 0, time.UTC)
	if err := s.AddPrompt(ctx, Prompt{ID: "p-1", Rule: "new-app", Apps: []string{"telegram"}, Created: made, DedupeKey: "new-app:telegram", Status: "talked"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		key   string
		since time.Time
		want  bool
	}{
		{"made exactly at since", "new-app:telegram", made, true},
		{"made after since", "new-app:telegram", made.Add(-time.Millisecond), true},
		{"made before since", "new-app:telegram", made.Add(time.Millisecond), false},
		{"another key", "new-app:discord", made.Add(-time.Hour), false},
		{"zero since means ever", "new-app:telegram", time.Time{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.PromptSince(ctx, tc.key, tc.since)
			if err != nil || got != tc.want {
				t.Errorf("PromptSince(%q, %v) = %v, %v; want %v", tc.key, tc.since, got, err, tc.want)
			}
		})
	}

	p := Prompt{ID: "p-2", Rule: "new-app", Apps: []string{"telegram"}, Created: made.Add(24 * time.Hour), DedupeKey: "new-app:telegram"}
	if added, err := s.AddPromptOnce(ctx, p, made.Add(-time.Hour)); err != nil || added {
		t.Errorf("AddPromptOnce with a prompt since = %v, %v; want not added", added, err)
	}
	if added, err := s.AddPromptOnce(ctx, p, made.Add(time.Hour)); err != nil || !added {
		t.Errorf("AddPromptOnce without a prompt since = %v, %v; want added", added, err)
	}
	if _, err := s.Prompt(ctx, "p-2"); err != nil {
		t.Errorf("the added prompt is not there: %v", err)
	}
}

func TestPromptsAreForgottenAndPruned(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	for i, at := range []time.Time{now.AddDate(0, 0, -70), now} {
		if err := s.AddPrompt(ctx, Prompt{ID: string(rune('a' + i)), Rule: "spike", Created: at, DedupeKey: "spike"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Prune(ctx, now.AddDate(0, 0, -56)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Prompts(ctx); len(got) != 1 || got[0].ID != "b" {
		t.Errorf("after prune: %+v, want only the recent prompt", got)
	}
	if err := s.Forget(ctx, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Prompts(ctx); len(got) != 0 {
		t.Errorf("after forget: %+v, want none", got)
	}
}
