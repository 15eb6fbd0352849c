package ui

import "github.com/talkfirst/talkfirst/agent/source"

// The screens read and change everything through source.Source (the app's
// data source, agent/source); tests use a hand-written fake.
type (
	Source      = source.Source
	AgentStatus = source.AgentStatus
	Prompt      = source.Prompt
)

// Prompt statuses.
const (
	StatusNew         = source.StatusNew
	StatusTalked      = source.StatusTalked
	StatusLater       = source.StatusLater
	StatusNotRelevant = source.StatusNotRelevant
	StatusSuperseded  = source.StatusSuperseded
)

// replacement returns the prompt that took p's place, when p was
// superseded and that prompt is in ps.
func replacement(p Prompt, ps []Prompt) (Prompt, bool) {
	if p.Status != StatusSuperseded || p.SupersededBy == "" {
		return Prompt{}, false
	}
	for _, q := range ps {
		if q.ID == p.SupersededBy {
			return q, true
		}
	}
	return Prompt{}, false
}
