package words

import "time"

// Which agent records a data folder (agent/lease), and a data file that
// can't be opened because it is damaged.
const (
	// LeaseHeld: a second agent did not start. [Count: the recording
	// agent's process id, DateTime: since when it records]
	LeaseHeld Code = "lease.held"
	// LeaseHeldUnknown: the same, when the recording agent could not be
	// named (it started a moment ago).
	LeaseHeldUnknown Code = "lease.held-unknown"
	// Recorder: which agent records the folder now. [Count: process id,
	// DateTime: since]
	Recorder Code = "lease.recorder"
	// NoRecorder: no agent records the folder now.
	NoRecorder Code = "lease.none"
	// StoreDamaged: the data file is damaged; only the agent moves it
	// aside, when it starts.
	StoreDamaged Code = "store.damaged"
)

func init() {
	Define(map[Code]Def{
		LeaseHeld: {Args: []Kind{KCount, KDateTime},
			EN: "Another TalkFirst agent is already recording this folder (process %s, since %s). Stop it first, or start this one with another data folder.",
			NL: "Er houdt al een andere TalkFirst-agent deze map bij (proces %s, sinds %s). Stop die eerst, of start deze met een andere gegevensmap."},
		LeaseHeldUnknown: {
			EN: "Another TalkFirst agent is already recording this folder. Stop it first, or start this one with another data folder.",
			NL: "Er houdt al een andere TalkFirst-agent deze map bij. Stop die eerst, of start deze met een andere gegevensmap."},
		Recorder: {Args: []Kind{KCount, KDateTime},
			EN: "Process %s records this folder, since %s.",
			NL: "Proces %s houdt deze map bij, sinds %s."},
		NoRecorder: {EN: "No agent is recording this folder now.", NL: "Er houdt nu geen agent deze map bij."},
		StoreDamaged: {
			EN: "TalkFirst's saved data is damaged, so it can't be opened; nothing was changed. When the agent starts again, it keeps the damaged file and starts a new one.",
			NL: "De bewaarde gegevens van TalkFirst zijn beschadigd en kunnen niet worden geopend; er is niets veranderd. Als de agent opnieuw start, bewaart hij het beschadigde bestand en begint hij een nieuw."},
	})
}

// LeaseHeldFact says that the agent pid, recording since since, holds the
// data folder; pid 0 is an agent that could not be named.
func LeaseHeldFact(pid int, since time.Time) Fact {
	if pid <= 0 {
		return New(LeaseHeldUnknown)
	}
	return New(LeaseHeld, Count(pid), DateTime(since))
}

// RecorderFact says which agent records the data folder: pid since since
// when held, else none.
func RecorderFact(held bool, pid int, since time.Time) Fact {
	if !held {
		return New(NoRecorder)
	}
	if pid <= 0 {
		return New(Running)
	}
	return New(Recorder, Count(pid), DateTime(since))
}
