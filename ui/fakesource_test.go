package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/insight"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// fakeSource is the hand-written Source the screen tests use. Fields are the
// data it serves; calls are recorded for assertions.
type fakeSource struct {
	mu        sync.Mutex
	agreement *consent.Agreement
	err       error // returned by every read when set (a missing, locked or corrupt store)
	summary   store.Summary
	installed []string
	prompts   []Prompt
	status    AgentStatus
	pin       string
	pinFails  int

	saved      []consent.Agreement
	statusSets map[string]string
	pauses     []string
	resumed    int
	started    int
	ranHere    int
	startErr   error
	ended      int
	changed    chan struct{}
}

func newFakeSource() *fakeSource {
	return &fakeSource{statusSets: map[string]string{}, changed: make(chan struct{}, 1), pin: "2468"}
}

var fakeNow = time.Date(2026, 11, 26, 19, 30, 0, 0, time.UTC)

// withAgreement gives the fake a complete agreement for Sam, 14, NL.
func (f *fakeSource) withAgreement() *fakeSource {
	a := consent.New(fakeNow.AddDate(0, 0, -20))
	a.Teen, a.Age, a.Country, a.Lang = "Sam", 14, "NL", "en"
	a.TeenAgreed, a.ParentAgreed = a.Created, a.Created
	a.PIN = consent.PINHash{Hash: []byte{1}} // CheckPIN is faked; the hash is never checked
	f.agreement = &a
	return f
}

func (f *fakeSource) Agreement(context.Context) (consent.Agreement, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return consent.Agreement{}, f.err
	}
	if f.agreement == nil {
		return consent.Agreement{}, consent.ErrNoAgreement
	}
	return *f.agreement, nil
}

func (f *fakeSource) SaveAgreement(_ context.Context, a consent.Agreement, _ words.Fact) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := a.Validate(); err != nil {
		return err
	}
	f.saved = append(f.saved, a)
	f.agreement = &a
	return nil
}

func (f *fakeSource) Summary(_ context.Context, from, to time.Time) (store.Summary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.summary
	s.From, s.To = from, to
	return s, f.err
}

func (f *fakeSource) Installed(context.Context) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.installed, f.err
}

// Prompts returns the fake's prompts with their evidence and topic in lang,
// as the store source does: a prompt listed in promptFacts has its
// evidence made from those facts, and every topic is the rule's.
func (f *fakeSource) Prompts(_ context.Context, lang string) ([]Prompt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Prompt, len(f.prompts))
	copy(out, f.prompts)
	r := words.Renderer{Lang: langOf(lang), Loc: time.UTC, Now: fakeNow, Teen: "Sam"}
	for i := range out {
		if st, ok := f.statusSets[out[i].ID]; ok {
			out[i].Status = st
		}
		if fs, ok := promptFacts[out[i].ID]; ok {
			out[i].Evidence = r.Facts(fs)
		}
		out[i].Topic = insight.TopicOf(out[i].Rule, out[i].Guide, r.Lang)
	}
	return out, f.err
}

// promptFacts are the evidence of promptData's prompts, as the rules write it.
var promptFacts = map[string][]words.Fact{
	"p-hop": {
		words.New(words.EvInstalled, words.App("telegram"), words.Date(fakeNow.Add(-50*time.Hour))),
		words.New(words.EvGameTimeBefore, words.Count(30), words.Teen(), words.App("minecraft"), words.Dur(9*time.Hour+10*time.Minute),
			words.Date(fakeNow.Add(-52*time.Hour)), words.Part(words.New(words.MeasuredInFront))),
	},
	"p-night": {
		words.New(words.EvLateNights, words.Teen(), words.Night(22*60, 6*60), words.Count(2), words.Count(7), words.Part(words.New(words.MeasuredInFront))),
		words.New(words.EvNight, words.Days(fakeNow.Add(-3*24*time.Hour), fakeNow.Add(-2*24*time.Hour)), words.Dur(30*time.Minute), words.Apps("discord")),
	},
}

func (f *fakeSource) SetPromptStatus(_ context.Context, id, status string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.statusSets[id] = status
	return nil
}

func (f *fakeSource) CheckPIN(_ context.Context, pin string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pinFails >= 5 {
		return consent.ErrLocked{Wait: 30 * time.Second}
	}
	if pin != f.pin {
		f.pinFails++
		return consent.ErrWrongPIN
	}
	f.pinFails = 0
	return nil
}

func (f *fakeSource) Pause(_ context.Context, d time.Duration, reason string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if reason == "" {
		return errors.New("a reason is needed")
	}
	f.pauses = append(f.pauses, reason)
	f.status.Paused, f.status.PauseUntil, f.status.PauseWhy = true, fakeNow.Add(d), reason
	return nil
}

func (f *fakeSource) Resume(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.resumed++
	f.status.Paused = false
	return nil
}

func (f *fakeSource) Status(context.Context) (AgentStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.status, nil
}

func (f *fakeSource) StartAgent(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.started++
	if f.startErr != nil {
		return "", f.startErr
	}
	f.status.Running = true
	return "systemd-user", nil
}

func (f *fakeSource) RunAgentHere(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ranHere++
	f.status.Running, f.status.Method = true, "in-app"
	return nil
}

func (f *fakeSource) EndMonitoring(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ended++
	f.agreement = nil
	return nil
}

func (f *fakeSource) Changed() <-chan struct{} { return f.changed }

// weekData is a populated summary: Discord and Minecraft with foreground and
// running time, a Telegram install, a pause, and a few night hours.
func weekData() store.Summary {
	return store.Summary{
		Measurement: store.Measurement{Foreground: store.MeasureX11},
		Night:       store.DefaultNight,
		Apps: []store.AppUsage{
			{ID: "minecraft", Name: "Minecraft", ForegroundSeconds: 9*3600 + 600, RunningSeconds: 11 * 3600, NightSeconds: 1800},
			{ID: "discord", Name: "Discord", ForegroundSeconds: 2*3600 + 300, RunningSeconds: 20 * 3600},
			{ID: "telegram", Name: "Telegram", ForegroundSeconds: 900, RunningSeconds: 3600},
		},
		Changes: []store.ChangeEntry{{ID: "telegram", Name: "Telegram", Change: "installed", At: fakeNow.Add(-48 * time.Hour), Detail: "flatpak org.telegram.desktop"}},
		Pauses:  []store.PauseEntry{{From: fakeNow.Add(-72 * time.Hour), To: fakeNow.Add(-70 * time.Hour), Reason: "exam revision"}},
		Hours: []store.HourUsage{
			{Day: "2026-11-24", Hour: 16, ForegroundSeconds: 2400, RunningSeconds: 3600},
			{Day: "2026-11-24", Hour: 23, ForegroundSeconds: 1800, RunningSeconds: 3600, Night: true},
			{Day: "2026-11-25", Hour: 19, ForegroundSeconds: 3600, RunningSeconds: 3600},
		},
		Notices: []string{},
	}
}

// promptData is a platform-hop prompt and a late-night prompt.
func promptData() []Prompt {
	return []Prompt{
		{ID: "p-hop", Rule: "platform-hop", Apps: []string{"telegram", "minecraft"}, Created: fakeNow.Add(-47 * time.Hour), Status: StatusNew,
			Topic: "From a game to a private chat", Guide: "platform-hop",
			Evidence: []string{"(made from promptFacts)"}},
		{ID: "p-night", Rule: "late-night", Created: fakeNow.Add(-24 * time.Hour), Status: StatusNew, Topic: "Late nights online", Guide: "late-night",
			Evidence: []string{"(made from promptFacts)"}},
	}
}
