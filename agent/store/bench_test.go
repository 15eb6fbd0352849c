package store

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

// yearOfData fills a store with a year of synthetic use: every day, six
// apps used in 1 to 6 sessions of up to two hours each, with the foreground
// part of each session split into stretches, plus installs and pauses. That
// is about 30,000 intervals, far more than a real year of a teen's use.
func yearOfData(b *testing.B) (*Store, time.Time) {
	b.Helper()
	s, err := Open(b.TempDir(), nil, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	end := time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local)
	apps := []string{"discord", "telegram", "minecraft", "roblox", "whatsapp", "steam"}
	var ivs []Interval
	for d := 0; d < 365; d++ {
		day := end.AddDate(0, 0, -365+d)
		for _, app := range apps {
			for n := r.IntN(6) + 1; n > 0; n-- {
				st := day.Add(time.Duration(r.IntN(24*60)) * time.Minute)
				dur := time.Duration(r.IntN(120)+1) * time.Minute
				ivs = append(ivs, Interval{App: app, Kind: Running, Start: st, End: st.Add(dur)})
				for f := st; f.Before(st.Add(dur)); f = f.Add(20 * time.Minute) {
					ivs = append(ivs, Interval{App: app, Kind: Foreground, Start: f, End: f.Add(time.Duration(r.IntN(15)+1) * time.Minute)})
				}
			}
		}
		if d%30 == 0 {
			s.AddChange(ctx, Change{App: apps[d%len(apps)], Change: Installed, At: day.Add(15 * time.Hour)})
			s.AddEvent(ctx, Event{Kind: EventPause, Start: day.Add(16 * time.Hour), End: day.Add(18 * time.Hour), Reason: "homework"})
		}
	}
	if err := s.AddIntervals(ctx, ivs); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d intervals over a year", len(ivs))
	return s, end
}

// BenchmarkWeekSummaryOverAYear is the budget in DESIGN.md: a week's summary
// over a year of data in at most 50 ms.
func BenchmarkWeekSummaryOverAYear(b *testing.B) {
	s, end := yearOfData(b)
	ctx := context.Background()
	o := SummaryOptions{Night: DefaultNight}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Summary(ctx, end.AddDate(0, 0, -7), end, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteTick is one sample's write: three intervals extended.
func BenchmarkWriteTick(b *testing.B) {
	s, err := Open(b.TempDir(), nil, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	t0 := time.Now()
	open := []*Interval{{App: "discord", Kind: Running, Start: t0}, {App: "discord", Kind: Foreground, Start: t0}, {App: "minecraft", Kind: Running, Start: t0}}
	if err := s.WriteTick(ctx, &Tick{At: t0, Open: open}); err != nil {
		b.Fatal(err)
	}
	ids := []int64{open[0].ID, open[1].ID, open[2].ID}
	i := 0
	for b.Loop() {
		i++
		if err := s.WriteTick(ctx, &Tick{At: t0.Add(time.Duration(i) * 2 * time.Second), Extend: ids}); err != nil {
			b.Fatal(err)
		}
	}
}
