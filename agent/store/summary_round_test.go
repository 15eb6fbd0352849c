package store

import (
	"context"
	"testing"
	"time"
)

// TestSummaryAddsUpBeforeRounding records 13 short intervals, as an agent
// stopped and started often leaves them, and checks the summary adds them
// up exactly before it rounds down once: 13 × 2.9 s is 37 s, where rounding
// each interval down made it 26 s, and 13 × 0.999 s is 12 s, not 0.
func TestSummaryAddsUpBeforeRounding(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		each time.Duration
		want int64
	}{
		{2900 * time.Millisecond, 37}, // 37.7 s
		{3070 * time.Millisecond, 39}, // 39.91 s
		{999 * time.Millisecond, 12},  // 12.987 s, where each interval alone is 0 s
	} {
		s := open(t, t.TempDir())
		ctx := context.Background()
		var ivs []Interval
		for i := range 13 {
			start := t0.Add(time.Duration(i) * 10 * time.Second)
			ivs = append(ivs, Interval{App: "discord", Kind: Running, Start: start, End: start.Add(tc.each)},
				Interval{App: "discord", Kind: Foreground, Start: start, End: start.Add(tc.each)})
		}
		if err := s.AddIntervals(ctx, ivs); err != nil {
			t.Fatal(err)
		}
		sum, err := s.Summary(ctx, t0.Add(-time.Hour), t0.Add(time.Hour), SummaryOptions{Night: DefaultNight, Loc: time.UTC})
		if err != nil || len(sum.Apps) != 1 {
			t.Fatalf("summary: %v, %v", sum.Apps, err)
		}
		a := sum.Apps[0]
		var hourRun int64
		for _, h := range sum.Hours {
			hourRun += h.RunningSeconds
		}
		if a.RunningSeconds != tc.want || a.ForegroundSeconds != tc.want || hourRun != tc.want {
			t.Errorf("13 × %v: running %d s, in front %d s, by hour %d s; want %d s each", tc.each, a.RunningSeconds, a.ForegroundSeconds, hourRun, tc.want)
		}
	}
}
