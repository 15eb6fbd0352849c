package words

import (
	"testing"
	"time"
)

func TestLeaseFacts(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, ams)
	since := time.Date(2026, 12, 4, 18, 46, 0, 0, time.UTC) // 19:46 in Amsterdam
	for _, tc := range []struct {
		name   string
		f      Fact
		en, nl string
	}{
		{"held", LeaseHeldFact(1234, since),
			"Another TalkFirst agent is already recording this folder (process 1234, since Friday 4 December 19:46). Stop it first, or start this one with another data folder.",
			"Er houdt al een andere TalkFirst-agent deze map bij (proces 1234, sinds vrijdag 4 december 19:46). Stop die eerst, of start deze met een andere gegevensmap."},
		{"held by an agent not yet named", LeaseHeldFact(0, time.Time{}),
			"Another TalkFirst agent is already recording this folder. Stop it first, or start this one with another data folder.",
			"Er houdt al een andere TalkFirst-agent deze map bij. Stop die eerst, of start deze met een andere gegevensmap."},
		{"recorder", RecorderFact(true, 1234, since),
			"Process 1234 records this folder, since Friday 4 December 19:46.", "Proces 1234 houdt deze map bij, sinds vrijdag 4 december 19:46."},
		// a lock file left by a killed agent names it, but it records nothing
		{"stale holder", RecorderFact(false, 1234, since), "No agent is recording this folder now.", "Er houdt nu geen agent deze map bij."},
		{"recorder not yet named", RecorderFact(true, 0, time.Time{}), "Running.", "Draait."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for lang, want := range map[Lang]string{EN: tc.en, NL: tc.nl} {
				if got := (Renderer{Lang: lang, Loc: ams, Now: now}).Fact(tc.f); got != want {
					t.Errorf("%s: %s = %q; want %q", lang, tc.f, got, want)
				}
			}
		})
	}
}
