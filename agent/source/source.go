// Package source is the desktop app's data source: what the screens read
// and change, over the agent's data folder (StoreSource). The screens in
// package ui depend on the Source interface only; their tests use a fake.
package source

import (
	"context"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/insight"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Source is everything the screens read and change. StoreSource implements
// it over the agent's data folder; tests use a hand-written fake.
//
// Errors: Agreement returns consent.ErrNoAgreement before setup; any method
// may return ErrStoreUnavailable (wrapped) when the data cannot be read, and
// screens then show a friendly message instead of figures.
type Source interface {
	// Agreement returns the family agreement.
	Agreement(ctx context.Context) (consent.Agreement, error)
	// SaveAgreement stores a new or changed agreement; why (a
	// words.Agreement* fact) is recorded.
	SaveAgreement(ctx context.Context, a consent.Agreement, why words.Fact) error
	// Summary adds up [from, to) with the agreement's night hours.
	Summary(ctx context.Context, from, to time.Time) (store.Summary, error)
	// Installed lists the catalog ids of the chat apps installed now.
	Installed(ctx context.Context) ([]string, error)
	// Prompts lists every conversation prompt, newest first, with its
	// evidence and topic in lang (the screens' language, "en" or "nl").
	Prompts(ctx context.Context, lang string) ([]Prompt, error)
	// SetPromptStatus marks a prompt talked, later or not-relevant.
	SetPromptStatus(ctx context.Context, id, status string) error
	// CheckPIN checks the parent's PIN, rate-limited (consent.ErrLocked, consent.ErrWrongPIN).
	CheckPIN(ctx context.Context, pin string) error
	// Pause pauses recording for d with a reason; Resume ends it.
	Pause(ctx context.Context, d time.Duration, reason string) error
	Resume(ctx context.Context) error
	// Status is the agent's state: running, paused, last sample.
	Status(ctx context.Context) (AgentStatus, error)
	// StartAgent installs and starts the agent as a per-user service. When
	// that is not possible it says why, and RunAgentHere runs it inside the
	// app while the app is open.
	StartAgent(ctx context.Context) (string, error)
	RunAgentHere(ctx context.Context) error
	// EndMonitoring stops and uninstalls the agent, and deletes the data and the agreement.
	EndMonitoring(ctx context.Context) error
	// Changed delivers a value whenever the data may have changed.
	Changed() <-chan struct{}
}

// AgentStatus is what the tray and the screens say about the agent.
type AgentStatus struct {
	Running    bool
	Paused     bool
	PauseUntil time.Time
	PauseWhy   string
	LastSample time.Time
	// Method is how the agent was started ("systemd-user", "xdg-autostart", "in-app", ...).
	Method string
	// Measurement says how foreground time is measured here.
	Measurement store.Measurement
}

// Prompt is a conversation prompt as the screens show it (the agent's
// insight.Prompt, copied so the screens do not depend on the rules).
type Prompt struct {
	ID       string
	Rule     string
	Apps     []string
	Created  time.Time
	Evidence []string // plain facts, in the language the screens asked for
	Guide    string   // guide id
	Status   string   // StatusNew, StatusTalked, StatusLater, StatusNotRelevant, StatusSuperseded
	Topic    string   // short, calm, no figures; what notifications and the teen's view show
	// SupersededBy is, for a superseded prompt, the id of the prompt about
	// the same event that took its place (a platform-hop for a new app).
	SupersededBy string
}

// Prompt statuses, as the rules keep them.
const (
	StatusNew         = insight.StatusNew
	StatusTalked      = insight.StatusTalked
	StatusLater       = insight.StatusLater
	StatusNotRelevant = insight.StatusNotRelevant
	// StatusSuperseded: closed because another prompt took its place. It is
	// not open: no actions, no notification, listed with the earlier ones.
	StatusSuperseded = insight.StatusSuperseded
)
