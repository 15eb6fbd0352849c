package insight

import (
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
)

func TestText(t *testing.T) {
	en, nl := newText("en", now0), newText("nl", now0)
	mon30 := time.Date(2026, 11, 30, 22, 0, 0, 0, loc)
	tests := []struct {
		name, got, want string
	}{
		{"date", en.date(now0), "Tuesday 24 November"},
		{"date nl", nl.date(now0), "dinsdag 24 november"},
		{"date of another year", en.date(time.Date(2025, 12, 31, 23, 0, 0, 0, loc)), "Wednesday 31 December 2025"},
		{"date in now's zone", en.date(time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)), "Wednesday 25 November"},
		{"date and time", en.dateTime(now0), "Tuesday 24 November 12:00"},
		{"two days of one month", en.dayRange(now0.Add(-24*time.Hour), now0), "Monday 23 to Tuesday 24 November"},
		{"two days of one month nl", nl.dayRange(now0.Add(-24*time.Hour), now0), "maandag 23 op dinsdag 24 november"},
		{"two months", en.dayRange(mon30, mon30.Add(8*time.Hour)), "Monday 30 November to Tuesday 1 December"},
		{"two months nl", nl.dayRange(mon30, mon30.Add(8*time.Hour)), "maandag 30 november op dinsdag 1 december"},
		{"under a minute", en.dur(59 * time.Second), "less than a minute"},
		{"under a minute nl", nl.dur(59 * time.Second), "minder dan een minuut"},
		{"minutes", en.dur(45*time.Minute + 59*time.Second), "45 min"},
		{"hours", en.dur(2 * time.Hour), "2 h"},
		{"hours and minutes", en.dur(9*time.Hour + 10*time.Minute), "9 h 10 min"},
		{"hours and minutes nl", nl.dur(9*time.Hour + 10*time.Minute), "9 u 10 min"},
		{"many hours stay hours", en.dur(30 * time.Hour), "30 h"},
		{"span under a day", en.span(23 * time.Hour), "23 h"},
		{"span of a day", en.span(24*time.Hour + 59*time.Minute), "1 day"},
		{"span of days and hours", en.span(36 * time.Hour), "1 day 12 h"},
		{"span of days nl", nl.span(50 * time.Hour), "2 dagen 2 u"},
		{"list of one", en.list([]string{"Discord"}), "Discord"},
		{"list of three", en.list([]string{"Discord", "Roblox", "Steam"}), "Discord, Roblox and Steam"},
		{"list nl", nl.list([]string{"Discord", "Roblox"}), "Discord en Roblox"},
		{"today", en.inDays(0), "today"},
		{"tomorrow nl", nl.inDays(1), "morgen"},
		{"days nl", nl.inDays(14), "over 14 dagen"},
		{"week before", en.weeksBefore(1), "the week before"},
		{"weeks before nl", nl.weeksBefore(3), "de 3 weken daarvoor"},
		{"measured", en.measured(store.Foreground), "(time in front)"},
		{"capital", capital("één"), "Één"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
	if n := calendarDays(time.Date(2026, 11, 24, 23, 59, 0, 0, loc), time.Date(2026, 11, 25, 0, 1, 0, 0, loc), loc); n != 1 {
		t.Errorf("calendarDays across midnight = %d, want 1", n)
	}
}

func TestNightWindows(t *testing.T) {
	w := nightWindows(store.DefaultNight, now0, 7)
	if len(w) != 7 {
		t.Fatalf("%d windows, want 7", len(w))
	}
	if want := time.Date(2026, 11, 23, 22, 0, 0, 0, loc); !w[0].from.Equal(want) || !w[0].to.Equal(want.Add(8*time.Hour)) {
		t.Errorf("newest window %v–%v, want the night of Monday 23 November", w[0].from, w[0].to)
	}
	if want := time.Date(2026, 11, 17, 22, 0, 0, 0, loc); !w[6].from.Equal(want) {
		t.Errorf("oldest window starts %v, want %v", w[6].from, want)
	}
	// at 03:00 the night that began at 22:00 is not over
	w = nightWindows(store.DefaultNight, time.Date(2026, 11, 24, 3, 0, 0, 0, loc), 1)
	if want := time.Date(2026, 11, 22, 22, 0, 0, 0, loc); len(w) != 1 || !w[0].from.Equal(want) {
		t.Errorf("at 03:00: %v, want the night that began %v", w, want)
	}
	if w := nightWindows(store.NightHours{Start: 60, End: 60}, now0, 7); len(w) != 0 {
		t.Errorf("empty night hours give windows: %v", w)
	}
}
