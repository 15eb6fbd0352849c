package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestCleanReason(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"exam week", "exam week"},
		{"  toetsweek\n\tmet  Sam ", "toetsweek met Sam"},
		{"ok\x1b[2J\x1b[31mhidden", "ok [2J [31mhidden"},             // an escape can't start a terminal command
		{"line\rover", "line over"},                                  // a carriage return can't hide what came before
		{"left\u202eright", "leftright"},                             // no bidi override turning text around
		{"family 👨\u200d👩\u200d👧 day", "family 👨\u200d👩\u200d👧 day"}, // emoji joiners stay
		{"bad \xff byte", "bad byte"},
		{"\x07\x07", ""},
	}
	for _, tc := range tests {
		if got := CleanReason(tc.in); got != tc.want {
			t.Errorf("CleanReason(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPauseReasonIsKeptHarmless checks what Pause keeps, and that reading
// cleans a reason written into the file by hand.
func TestPauseReasonIsKeptHarmless(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	t0 := time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC)
	if err := s.Pause(ctx, t0, t0.Add(time.Hour), "exam\x1b]0;pwned\x07 week"); err != nil {
		t.Fatal(err)
	}
	p, ok, err := s.ActivePause(ctx, t0.Add(time.Minute))
	if err != nil || !ok || p.Reason != "exam ]0;pwned week" {
		t.Errorf("pause = %q, %v, %v", p.Reason, ok, err)
	}
	if err := s.Pause(ctx, t0.Add(2*time.Hour), t0.Add(3*time.Hour), strings.Repeat("é", MaxReason)); err != nil {
		t.Errorf("%d two-byte characters refused: %v", MaxReason, err)
	}
	if err := s.Pause(ctx, t0.Add(4*time.Hour), t0.Add(5*time.Hour), strings.Repeat("a", MaxReason+1)); err == nil {
		t.Errorf("%d characters accepted", MaxReason+1)
	}
	if _, err := s.db.ExecContext(ctx, "INSERT INTO events (kind, start, end, reason) VALUES ('pause', ?, ?, ?)",
		t0.Add(6*time.Hour).UnixMilli(), t0.Add(7*time.Hour).UnixMilli(), "by hand\x1b[8m"); err != nil {
		t.Fatal(err)
	}
	p, ok, err = s.ActivePause(ctx, t0.Add(6*time.Hour+time.Minute))
	if err != nil || !ok || p.Reason != "by hand [8m" {
		t.Errorf("a hand-written reason reads %q, %v, %v", p.Reason, ok, err)
	}
}
