package store

import (
	"context"
	"testing"
	"time"
)

// TestPruneEventsAndChanges keeps what ends at or after the cut, and the
// store's own history (resets, agreement events) however old.
func TestPruneEventsAndChanges(t *testing.T) {
	ctx := context.Background()
	cut := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	clock := cut.AddDate(0, 0, 56) // the retention run happens 56 days after the cut
	s, err := Open(t.TempDir(), nil, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	changes := []struct {
		name string
		at   time.Time
		kept bool
	}{
		{"long before", cut.AddDate(0, 0, -30), false},
		{"just before", cut.Add(-time.Millisecond), false},
		{"at the cut", cut, true},
		{"after", cut.Add(time.Hour), true},
	}
	for _, c := range changes {
		if _, err := s.AddChange(ctx, Change{App: c.name, Change: Installed, At: c.at}); err != nil {
			t.Fatal(err)
		}
	}
	events := []struct {
		name       string
		kind       EventKind
		start, end time.Time // a zero end is an instant event
		kept       bool
	}{
		{"instant, before", EventStart, cut.Add(-time.Hour), time.Time{}, false},
		{"instant, just before", EventStop, cut.Add(-time.Millisecond), time.Time{}, false},
		{"instant, at the cut", EventStart, cut, time.Time{}, true},
		{"instant, after", EventWaiting, cut.Add(time.Hour), time.Time{}, true},
		{"pause over before", EventPause, cut.AddDate(0, 0, -10), cut.AddDate(0, 0, -9), false},
		{"gap ending just before", EventGap, cut.Add(-2 * time.Hour), cut.Add(-time.Millisecond), false},
		{"gap ending at the cut", EventGap, cut.Add(-2 * time.Hour), cut, true},
		{"pause across the cut", EventPause, cut.Add(-time.Hour), cut.Add(time.Hour), true},
		{"pause after", EventPause, cut.Add(time.Hour), cut.Add(2 * time.Hour), true},
		{"forget, before", EventForget, cut.AddDate(0, 0, -1), time.Time{}, false},
		{"store reset, long before", EventStoreReset, cut.AddDate(-1, 0, 0), time.Time{}, true},
		{"agreement, long before", EventAgreement, cut.AddDate(-1, 0, 0), time.Time{}, true},
	}
	kind := map[int64]string{}
	for _, e := range events {
		id, err := s.AddEvent(ctx, Event{Kind: e.kind, Start: e.start, End: e.end})
		if err != nil {
			t.Fatal(err)
		}
		kind[id] = e.name
	}
	wantGone := 0
	for _, c := range changes {
		if !c.kept {
			wantGone++
		}
	}
	for _, e := range events {
		if !e.kept {
			wantGone++
		}
	}

	n, err := s.Prune(ctx, cut)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(wantGone) {
		t.Errorf("Prune = %d rows, want %d", n, wantGone)
	}

	far := cut.AddDate(-2, 0, 0)
	chs, err := s.Changes(ctx, far, cut.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]bool{}
	for _, c := range chs {
		left[c.App] = true
	}
	for _, c := range changes {
		if left[c.name] != c.kept {
			t.Errorf("change %s: kept = %v, want %v", c.name, left[c.name], c.kept)
		}
	}
	evs, err := s.Events(ctx, far, cut.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	left = map[string]bool{}
	for _, e := range evs {
		left[kind[e.ID]] = true
	}
	for _, e := range events {
		if left[e.name] != e.kept {
			t.Errorf("event %s: kept = %v, want %v", e.name, left[e.name], e.kept)
		}
	}

	// the run is noted at the store's clock, not at the cut
	last, err := s.LastPrune(ctx)
	if err != nil || !last.Equal(clock) {
		t.Errorf("LastPrune = %v, %v; want %v", last, err, clock)
	}
}

func TestPruneKeepsIntervalsThatEndAtOrAfterTheCut(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	cut := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	ivs := []struct {
		start, end time.Time
		kept       bool
	}{
		{cut.Add(-3 * time.Hour), cut.Add(-time.Hour), false},
		{cut.Add(-3 * time.Hour), cut.Add(-time.Millisecond), false},
		{cut.Add(-3 * time.Hour), cut, true},
		{cut.Add(-time.Hour), cut.Add(time.Hour), true}, // across the cut: kept whole
		{cut.Add(time.Hour), cut.Add(2 * time.Hour), true},
	}
	for _, iv := range ivs {
		if err := s.AddIntervals(ctx, []Interval{{App: "discord", Kind: Running, Start: iv.start, End: iv.end}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Prune(ctx, cut); err != nil {
		t.Fatal(err)
	}
	got, err := s.Intervals(ctx, cut.AddDate(-1, 0, 0), cut.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var want []Interval
	for _, iv := range ivs {
		if iv.kept {
			want = append(want, Interval{Start: iv.start, End: iv.end})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("after prune: %d intervals %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if !got[i].Start.Equal(want[i].Start) || !got[i].End.Equal(want[i].End) {
			t.Errorf("interval %d = %v–%v, want %v–%v", i, got[i].Start, got[i].End, want[i].Start, want[i].End)
		}
	}
}
