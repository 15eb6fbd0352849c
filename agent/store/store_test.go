package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, nil, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenCreatesPrivateFilesInWALMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := open(t, dir)
	ctx := context.Background()
	if err := s.Put(ctx, "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o700 {
		t.Errorf("data folder mode = %o, want 700", got)
	}
	for _, f := range []string{FileName, FileName + "-wal", FileName + "-shm"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if got := st.Mode().Perm(); got != 0o600 {
			t.Errorf("%s mode = %o, want 600", f, got)
		}
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	v, err := s.schemaVersion(ctx)
	if err != nil || v != len(migrations) {
		t.Errorf("schema version = %d, %v; want %d", v, err, len(migrations))
	}
}

func TestOpenTightensAnExistingLooseFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	open(t, dir)
	st, _ := os.Stat(dir)
	if got := st.Mode().Perm(); got != 0o700 {
		t.Errorf("mode = %o, want 700", got)
	}
}

func TestCorruptStoreIsMovedAsideAndRecorded(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
	}{
		{"garbage", []byte(strings.Repeat("this is not a database ", 400))},
		{"truncated header", []byte("SQLite format 3\x00\x10\x00\x01\x01")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, FileName)
			if err := os.WriteFile(p, tc.content, 0o600); err != nil {
				t.Fatal(err)
			}
			now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
			s, err := Open(dir, nil, Options{Now: func() time.Time { return now }, Recover: true})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			kept, err := os.ReadFile(p + ".corrupt-20261120T100000Z")
			if err != nil {
				t.Fatalf("the damaged file was not kept: %v", err)
			}
			if string(kept) != string(tc.content) {
				t.Errorf("the kept file differs from the damaged one")
			}
			evs, err := s.Events(context.Background(), now.Add(-time.Hour), now.Add(time.Hour), EventStoreReset)
			if err != nil || len(evs) != 1 {
				t.Fatalf("store-reset events = %v, %v; want one", evs, err)
			}
			want := words.New(words.NoticeStoreReset, words.Text(FileName+".corrupt-20261120T100000Z"))
			if !evs[0].Why.Equal(want) {
				t.Errorf("why = %s; want %s, naming the kept file", evs[0].Why, want)
			}
			sum, err := s.Summary(context.Background(), now.Add(-time.Hour), now.Add(time.Hour), SummaryOptions{Lang: words.NL})
			if err != nil || len(sum.NoticeFacts) != 1 || !sum.NoticeFacts[0].Equal(want) {
				t.Fatalf("summary notices = %v, %v; want the reset", sum.NoticeFacts, err)
			}
			if len(sum.Notices) != 1 || !strings.Contains(sum.Notices[0], "bewaard als "+FileName+".corrupt-20261120T100000Z") {
				t.Errorf("summary notice in Dutch = %q", sum.Notices)
			}
		})
	}
}

// TestDamagedStoreIsLeftAloneWithoutRecover opens a damaged store as the
// app and the command line do: they are told it is damaged, and no file is
// renamed or written (only the agent, under its lease, moves it aside).
func TestDamagedStoreIsLeftAloneWithoutRecover(t *testing.T) {
	damaged := []byte(strings.Repeat("this is not a database ", 400))
	tests := []struct {
		name string
		opts Options
	}{
		{"read-write", Options{}},
		{"read-only", Options{ReadOnly: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, FileName)
			if err := os.WriteFile(p, damaged, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir, nil, tc.opts)
			if err == nil {
				s.Close()
				t.Fatal("Open of a damaged store succeeded")
			}
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("err = %v, want ErrDamaged", err)
			}
			names, _ := filepath.Glob(filepath.Join(dir, "*"))
			for _, n := range names {
				if strings.Contains(filepath.Base(n), ".corrupt-") {
					t.Errorf("%s was moved aside", n)
				}
			}
			if b, err := os.ReadFile(p); err != nil || string(b) != string(damaged) {
				t.Errorf("the damaged file was changed or moved: %v", err)
			}
		})
	}
}

func TestReadOnlyOpenOfMissingStore(t *testing.T) {
	_, err := Open(t.TempDir(), nil, Options{ReadOnly: true})
	if err != ErrNoStore {
		t.Fatalf("err = %v, want ErrNoStore", err)
	}
}

func TestWriteTickOpensExtendsAndCloses(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	t0 := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	d := &Interval{App: "discord", Kind: Running, Start: t0}
	f := &Interval{App: "discord", Kind: Foreground, Start: t0}
	if err := s.WriteTick(ctx, &Tick{At: t0, Open: []*Interval{d, f}}); err != nil {
		t.Fatal(err)
	}
	if d.ID == 0 || f.ID == 0 {
		t.Fatal("ids not filled in")
	}
	if err := s.WriteTick(ctx, &Tick{At: t0.Add(2 * time.Second), Extend: []int64{d.ID, f.ID}}); err != nil {
		t.Fatal(err)
	}
	// a gap: the foreground interval ends at the last sample, not later
	if err := s.WriteTick(ctx, &Tick{At: t0.Add(4 * time.Second), Extend: []int64{d.ID}, Close: map[int64]time.Time{f.ID: t0.Add(2 * time.Second)}}); err != nil {
		t.Fatal(err)
	}
	ivs, err := s.Intervals(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := map[IntervalKind]time.Duration{Running: 4 * time.Second, Foreground: 2 * time.Second}
	if len(ivs) != 2 {
		t.Fatalf("got %d intervals, want 2", len(ivs))
	}
	for _, iv := range ivs {
		if got := iv.End.Sub(iv.Start); got != want[iv.Kind] {
			t.Errorf("%s interval = %v, want %v", iv.Kind, got, want[iv.Kind])
		}
	}
	last, err := s.LastSample(ctx)
	if err != nil || !last.Equal(t0.Add(4*time.Second)) {
		t.Errorf("LastSample = %v, %v", last, err)
	}
	// an extend never moves an end backwards (a clock that jumped back)
	if err := s.WriteTick(ctx, &Tick{At: t0.Add(-time.Minute), Extend: []int64{d.ID}}); err != nil {
		t.Fatal(err)
	}
	ivs, _ = s.Intervals(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
	for _, iv := range ivs {
		if iv.End.Before(iv.Start) {
			t.Errorf("interval %d ends before it starts", iv.ID)
		}
	}
}

func TestSummaryCountsNightAndClipsToRange(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	loc := time.UTC
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, loc)
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	err := s.AddIntervals(ctx, []Interval{
		{App: "discord", Kind: Foreground, Start: at(21, 30), End: at(22, 30)}, // 30 min before night, 30 in
		{App: "discord", Kind: Running, Start: at(21, 0), End: at(23, 0)},
		{App: "telegram", Kind: Foreground, Start: at(5, 50), End: at(6, 10)}, // 10 min in the morning night
		{App: "minecraft", Kind: Running, Start: at(-1, 0), End: at(1, 0)},    // half before the range
	})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Summary(ctx, day, day.Add(24*time.Hour), SummaryOptions{Night: DefaultNight, Loc: loc})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]AppUsage{}
	for _, a := range sum.Apps {
		got[a.ID] = a
	}
	tests := []struct {
		app                      string
		fg, run, night, nightRun int64
	}{
		{"discord", 3600, 7200, 1800, 3600},
		{"telegram", 1200, 0, 600, 0},
		{"minecraft", 0, 3600, 0, 3600},
	}
	for _, tc := range tests {
		a := got[tc.app]
		if a.ForegroundSeconds != tc.fg || a.RunningSeconds != tc.run || a.NightSeconds != tc.night || a.NightRunningSeconds != tc.nightRun {
			t.Errorf("%s = fg %d run %d night %d nightrun %d; want %d %d %d %d", tc.app,
				a.ForegroundSeconds, a.RunningSeconds, a.NightSeconds, a.NightRunningSeconds, tc.fg, tc.run, tc.night, tc.nightRun)
		}
	}
	var fg22 int64
	for _, h := range sum.Hours {
		if h.Day == "2026-11-20" && h.Hour == 22 {
			fg22 = h.ForegroundSeconds
			if !h.Night {
				t.Error("22:00 is not marked as night")
			}
		}
	}
	if fg22 != 1800 {
		t.Errorf("foreground in hour 22 = %d, want 1800", fg22)
	}
}

func TestNightHoursContains(t *testing.T) {
	tests := []struct {
		night NightHours
		h, m  int
		want  bool
	}{
		{DefaultNight, 21, 59, false},
		{DefaultNight, 22, 0, true},
		{DefaultNight, 3, 0, true},
		{DefaultNight, 5, 59, true},
		{DefaultNight, 6, 0, false},
		{NightHours{Start: 60, End: 7 * 60}, 0, 30, false},
		{NightHours{Start: 60, End: 7 * 60}, 1, 0, true},
		{NightHours{Start: 60, End: 60}, 1, 0, false},
	}
	for _, tc := range tests {
		got := tc.night.Contains(time.Date(2026, 1, 1, tc.h, tc.m, 0, 0, time.UTC))
		if got != tc.want {
			t.Errorf("%v contains %02d:%02d = %v, want %v", tc.night, tc.h, tc.m, got, tc.want)
		}
	}
}

func TestPauseAndPrune(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	id, err := s.AddEvent(ctx, Event{Kind: EventPause, Start: t0, End: t0.Add(2 * time.Hour), Reason: "homework"})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok, err := s.ActivePause(ctx, t0.Add(time.Hour)); err != nil || !ok || p.Reason != "homework" {
		t.Fatalf("ActivePause = %v %v %v", p, ok, err)
	}
	if err := s.SetEventEnd(ctx, id, t0.Add(30*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.ActivePause(ctx, t0.Add(time.Hour)); ok {
		t.Fatal("pause still active after resume")
	}
	old := Interval{App: "discord", Kind: Running, Start: t0.Add(-60 * 24 * time.Hour), End: t0.Add(-59 * 24 * time.Hour)}
	recent := Interval{App: "discord", Kind: Running, Start: t0, End: t0.Add(time.Hour)}
	if err := s.AddIntervals(ctx, []Interval{old, recent}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(ctx, t0.Add(-56*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	ivs, _ := s.Intervals(ctx, t0.Add(-365*24*time.Hour), t0.Add(24*time.Hour))
	if len(ivs) != 1 || !ivs[0].Start.Equal(t0) {
		t.Errorf("after prune: %v, want only the recent interval", ivs)
	}
}

func TestForget(t *testing.T) {
	for _, keep := range []bool{true, false} {
		s := open(t, t.TempDir())
		ctx := context.Background()
		t0 := time.Now()
		s.Put(ctx, KeyAgreement, []byte(`{"teen":"Sam"}`))
		s.AddIntervals(ctx, []Interval{{App: "discord", Kind: Running, Start: t0, End: t0.Add(time.Minute)}})
		s.AddChange(ctx, Change{App: "discord", Change: Installed, At: t0})
		if err := s.Forget(ctx, keep); err != nil {
			t.Fatal(err)
		}
		ivs, _ := s.Intervals(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
		chs, _ := s.Changes(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
		if len(ivs) != 0 || len(chs) != 0 {
			t.Errorf("keep=%v: data left: %d intervals, %d changes", keep, len(ivs), len(chs))
		}
		_, ok, _ := s.Get(ctx, KeyAgreement)
		if ok != keep {
			t.Errorf("keep=%v: agreement present = %v", keep, ok)
		}
		evs, _ := s.Events(ctx, t0.Add(-time.Hour), t0.Add(time.Hour), EventForget)
		if len(evs) != 1 {
			t.Errorf("keep=%v: forget events = %d, want 1", keep, len(evs))
		}
	}
}
