package insight

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
)

func setStatus(t *testing.T, st *store.Store, id, status string, at time.Time) {
	t.Helper()
	if err := SetStatus(context.Background(), st, id, status, at); err != nil {
		t.Fatal(err)
	}
}

func find(t *testing.T, ps []Prompt, id string) Prompt {
	t.Helper()
	i := slices.IndexFunc(ps, func(p Prompt) bool { return p.ID == id })
	if i < 0 {
		t.Fatalf("no prompt %s in %v", id, rulesOf(ps))
	}
	return ps[i]
}

// The game time before an install is often written only when the game
// closes, after the install was seen: then the new-app prompt comes first
// and the platform-hop later, for the same install. The hop takes its
// place unless the parent already handled it.
func TestHopSupersedesNewApp(t *testing.T) {
	ctx := context.Background()
	installed := now0.Add(-time.Hour)
	hopAt := now0.Add(2 * time.Hour)
	// Minecraft in front from 3 h before the install until after it
	game := fg("minecraft", installed.Add(-3*time.Hour), 3*time.Hour+30*time.Minute)
	tests := []struct {
		name string
		// between the new-app prompt and the game time being written
		mark       string
		setup      func(t *testing.T, st *store.Store)
		wantStatus string
		wantBy     bool // superseded by the hop
	}{
		{name: "new", wantStatus: StatusSuperseded, wantBy: true},
		{name: "snoozed for later", mark: StatusLater, wantStatus: StatusSuperseded, wantBy: true},
		{name: "talked about: kept as it was", mark: StatusTalked, wantStatus: StatusTalked},
		{name: "not relevant: kept as it was", mark: StatusNotRelevant, wantStatus: StatusNotRelevant},
		// removed and installed again: the hop is about the second install,
		// which got no new-app prompt of its own (held back by the first)
		{name: "another install of the same app", wantStatus: StatusNew, setup: func(t *testing.T, st *store.Store) {
			remove(t, st, "telegram", now0.Add(time.Minute))
			install(t, st, "telegram", now0.Add(time.Hour))
			addIntervals(t, st, fg("minecraft", now0.Add(10*time.Minute), 30*time.Minute))
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t, nil)
			install(t, st, "telegram", installed)
			first := evaluate(t, st, now0)
			if got := installRules(first); !slices.Equal(got, []string{"new-app:telegram"}) {
				t.Fatalf("first evaluation: %v, want new-app:telegram", got)
			}
			id := first[0].ID
			if tc.mark != "" {
				setStatus(t, st, id, tc.mark, now0.Add(time.Minute))
			}
			if tc.setup != nil {
				tc.setup(t, st)
			} else {
				addIntervals(t, st, game)
			}
			second := evaluate(t, st, hopAt)
			if got := installRules(second); !slices.Equal(got, []string{"platform-hop:telegram+minecraft"}) {
				t.Fatalf("second evaluation: %v, want the platform-hop", got)
			}
			// five days on, after a snooze would have run out
			all, err := List(ctx, st, hopAt.Add(days(5)))
			if err != nil {
				t.Fatal(err)
			}
			if got := installRules(all); len(got) != 2 {
				t.Fatalf("List: %v, want the new-app and the hop", got)
			}
			na, hop := find(t, all, id), find(t, all, second[0].ID)
			wantBy := ""
			if tc.wantBy {
				wantBy = hop.ID
			}
			if na.Status != tc.wantStatus || na.SupersededBy != wantBy {
				t.Errorf("new-app prompt: status %q superseded by %q; want %q by %q", na.Status, na.SupersededBy, tc.wantStatus, wantBy)
			}
			if tc.wantBy && (!na.SnoozedUntil.IsZero() || !na.StatusAt.Equal(hop.Created)) {
				t.Errorf("superseded: snoozed until %v, status at %v; want no snooze, at the hop's %v", na.SnoozedUntil, na.StatusAt, hop.Created)
			}
			if hop.Status != StatusNew || hop.SupersededBy != "" {
				t.Errorf("hop: %+v, want new", hop)
			}
			if got := installRules(evaluate(t, st, hopAt.Add(days(1)))); len(got) != 0 {
				t.Errorf("a day later: %v, want nothing more", got)
			}
		})
	}
}

func TestHopLeavesOtherPromptsAlone(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, nil)
	install(t, st, "telegram", now0.Add(-3*time.Hour))
	install(t, st, "teams", now0.Add(-3*time.Hour))
	first := evaluate(t, st, now0.Add(-2*time.Hour))
	if got := installRules(first); len(got) != 2 {
		t.Fatalf("first evaluation: %v, want new-app for telegram and teams", got)
	}
	// signal is installed after Roblox time that came after the others: a hop about signal only
	addIntervals(t, st, fg("roblox", now0.Add(-150*time.Minute), time.Hour))
	install(t, st, "signal", now0.Add(-time.Hour))
	if got := installRules(evaluate(t, st, now0)); !slices.Equal(got, []string{"platform-hop:signal+roblox"}) {
		t.Fatalf("second evaluation: %v, want platform-hop:signal+roblox", got)
	}
	all, err := List(ctx, st, now0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		if p.Status != StatusNew || p.SupersededBy != "" {
			t.Errorf("%s %v: status %q by %q, want new", p.Rule, p.Apps, p.Status, p.SupersededBy)
		}
	}
}

// Found in the same evaluation, only the hop is made: nothing to close.
func TestHopAndNewAppInOnePass(t *testing.T) {
	st := newStore(t, nil)
	addIntervals(t, st, fg("minecraft", now0.Add(-days(1)), time.Hour))
	install(t, st, "telegram", now0.Add(-time.Hour))
	if got := installRules(evaluate(t, st, now0)); !slices.Equal(got, []string{"platform-hop:telegram+minecraft"}) {
		t.Fatalf("evaluation: %v, want only the hop", got)
	}
	all, err := List(context.Background(), st, now0)
	if err != nil || len(all) != 1 {
		t.Errorf("stored %v, %v; want the hop alone", rulesOf(all), err)
	}
}

func TestSupersededCannotBeMarked(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, nil)
	install(t, st, "telegram", now0.Add(-time.Hour))
	id := evaluate(t, st, now0)[0].ID
	addIntervals(t, st, fg("minecraft", now0.Add(-2*time.Hour), 90*time.Minute))
	hop := evaluate(t, st, now0.Add(time.Hour))
	if len(hop) != 1 {
		t.Fatalf("second evaluation: %v", rulesOf(hop))
	}
	for _, status := range Statuses {
		err := SetStatus(ctx, st, id, status, now0.Add(2*time.Hour))
		if !errors.Is(err, ErrSuperseded) || !strings.Contains(err.Error(), hop[0].ID) {
			t.Errorf("SetStatus(%s): %v, want ErrSuperseded naming %s", status, err, hop[0].ID)
		}
	}
	if p := find(t, mustList(t, st), id); p.Status != StatusSuperseded {
		t.Errorf("after trying to mark it: %q", p.Status)
	}
}

func mustList(t *testing.T, st *store.Store) []Prompt {
	t.Helper()
	ps, err := List(context.Background(), st, now0)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}
