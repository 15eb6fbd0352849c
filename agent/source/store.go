package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/talkfirst/talkfirst/agent"
	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/control"
	"github.com/talkfirst/talkfirst/agent/insight"
	"github.com/talkfirst/talkfirst/agent/inventory"
	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/service"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// StoreSource is the Source over the agent's data folder: the same SQLite
// store the agent writes, opened beside it (WAL lets both work at once).
type StoreSource struct {
	dir string
	log *slog.Logger
	// AgentPath is the talkfirst-agent executable to install as a service;
	// empty means the one next to this program.
	AgentPath string

	mu      sync.Mutex
	st      *store.Store
	inApp   context.CancelFunc // the agent running inside the app, if any
	changed chan struct{}
	watcher *fsnotify.Watcher
}

// NewStoreSource returns a source over dir and starts watching it for changes.
func NewStoreSource(dir string, log *slog.Logger) *StoreSource {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &StoreSource{dir: dir, log: log, changed: make(chan struct{}, 1)}
	s.watch()
	return s
}

// Close stops the in-app agent (if any), the watcher and the store.
func (s *StoreSource) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inApp != nil {
		s.inApp()
	}
	if s.watcher != nil {
		s.watcher.Close()
	}
	if s.st != nil {
		return s.st.Close()
	}
	return nil
}

// ErrStoreUnavailable wraps every failure to open the data.
var ErrStoreUnavailable = errors.New("the TalkFirst data can't be opened")

// open returns the store, opening it on first use and after a failure.
func (s *StoreSource) open() (*store.Store, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st != nil {
		return s.st, nil
	}
	st, err := store.Open(s.dir, s.log, store.Options{})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStoreUnavailable, err)
	}
	s.st = st
	return st, nil
}

// watch notices writes to the data folder (the agent's samples, a prompt
// handled on the command line) and reports them on Changed, at most once per
// second.
func (s *StoreSource) watch() {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		s.log.Warn("cannot watch the data folder", "err", err)
		return
	}
	w, err := fsnotify.NewWatcher()
	if err == nil {
		err = w.Add(s.dir)
	}
	if err != nil {
		s.log.Warn("cannot watch the data folder; refreshing every minute", "err", err)
		if w != nil {
			w.Close()
		}
		return
	}
	s.watcher = w
	go func() {
		var last time.Time
		for {
			select {
			case _, ok := <-w.Events:
				if !ok {
					return
				}
				if time.Since(last) < time.Second {
					continue
				}
				last = time.Now()
				select {
				case s.changed <- struct{}{}:
				default:
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
}

func (s *StoreSource) poke() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

// Changed implements Source.
func (s *StoreSource) Changed() <-chan struct{} { return s.changed }

// Agreement implements Source.
func (s *StoreSource) Agreement(ctx context.Context) (consent.Agreement, error) {
	st, err := s.open()
	if err != nil {
		return consent.Agreement{}, err
	}
	return consent.Load(ctx, st)
}

// SaveAgreement implements Source.
func (s *StoreSource) SaveAgreement(ctx context.Context, a consent.Agreement, why words.Fact) error {
	st, err := s.open()
	if err != nil {
		return err
	}
	defer s.poke()
	return consent.Save(ctx, st, a, time.Now(), why)
}

// Summary implements Source.
func (s *StoreSource) Summary(ctx context.Context, from, to time.Time) (store.Summary, error) {
	st, err := s.open()
	if err != nil {
		return store.Summary{}, err
	}
	o := store.SummaryOptions{Night: store.DefaultNight}
	if a, err := consent.Load(ctx, st); err == nil {
		o.Night, o.Teen = a.Night, a.Teen
		o.Lang, _ = words.ParseLang(a.Lang)
	}
	return st.Summary(ctx, from, to, o)
}

// Installed implements Source: the set the agent keeps, or a scan of this
// computer before the agent has made one.
func (s *StoreSource) Installed(ctx context.Context) ([]string, error) {
	st, err := s.open()
	if err != nil {
		return nil, err
	}
	v, ok, err := st.Get(ctx, store.KeyInstalled)
	if err != nil {
		return nil, err
	}
	if ok {
		var ids []string
		if err := json.Unmarshal(v, &ids); err == nil {
			return ids, nil
		}
	}
	env, err := inventory.SystemEnv(inventory.SystemOptions{}, catalog.MustDefault(), s.log)
	if err != nil {
		return nil, nil
	}
	sc, err := inventory.NewScanner(env)
	if err != nil {
		return nil, nil
	}
	res, err := sc.Scan(ctx)
	if err != nil {
		return nil, err
	}
	return res.IDs(), nil
}

// Prompts implements Source.
func (s *StoreSource) Prompts(ctx context.Context, lang string) ([]Prompt, error) {
	st, err := s.open()
	if err != nil {
		return nil, err
	}
	ps, err := insight.ListIn(ctx, st, time.Now(), lang)
	if err != nil {
		return nil, err
	}
	out := make([]Prompt, 0, len(ps))
	for _, p := range ps {
		out = append(out, Prompt{ID: p.ID, Rule: p.Rule, Apps: p.Apps, Created: p.Created, Evidence: p.Evidence,
			Guide: p.Guide, Status: p.Status, Topic: p.Topic, SupersededBy: p.SupersededBy})
	}
	return out, nil
}

// SetPromptStatus implements Source.
func (s *StoreSource) SetPromptStatus(ctx context.Context, id, status string) error {
	st, err := s.open()
	if err != nil {
		return err
	}
	defer s.poke()
	return insight.SetStatus(ctx, st, id, status, time.Now())
}

// CheckPIN implements Source.
func (s *StoreSource) CheckPIN(ctx context.Context, pin string) error {
	st, err := s.open()
	if err != nil {
		return err
	}
	a, err := consent.Load(ctx, st)
	if err != nil {
		return err
	}
	return consent.CheckPIN(ctx, st, a, pin, time.Now())
}

// Pause implements Source.
func (s *StoreSource) Pause(ctx context.Context, d time.Duration, reason string) error {
	st, err := s.open()
	if err != nil {
		return err
	}
	defer s.poke()
	now := time.Now()
	return st.Pause(ctx, now, now.Add(d), reason)
}

// Resume implements Source.
func (s *StoreSource) Resume(ctx context.Context) error {
	st, err := s.open()
	if err != nil {
		return err
	}
	defer s.poke()
	_, err = st.Resume(ctx, time.Now())
	return err
}

// Status implements Source.
func (s *StoreSource) Status(ctx context.Context) (AgentStatus, error) {
	var out AgentStatus
	st, err := s.open()
	if err != nil {
		return out, err
	}
	now := time.Now()
	if p, on, err := st.ActivePause(ctx, now); err == nil && on {
		out.Paused, out.PauseUntil, out.PauseWhy = true, p.End, p.Reason
	}
	if out.Measurement, err = st.Measurement(ctx); err != nil {
		return out, err
	}
	s.mu.Lock()
	inApp := s.inApp != nil
	s.mu.Unlock()
	m, _ := s.manager() // nil when the agent program is not next to the app
	r := control.IsRunning(ctx, m, st, now)
	out.Running, out.LastSample, out.Method = r.Running, r.LastSample, string(r.Service.Method)
	if inApp {
		out.Running, out.Method = true, "in-app"
	}
	return out, nil
}

func (s *StoreSource) agentPath() (string, error) {
	if s.AgentPath != "" {
		return s.AgentPath, nil
	}
	return control.Beside()
}

func (s *StoreSource) manager() (service.Manager, error) {
	exe, err := s.agentPath()
	if err != nil {
		return nil, err
	}
	return control.Manager(exe, s.dir, s.log)
}

// StartAgent implements Source: install the agent for this user and start it.
func (s *StoreSource) StartAgent(ctx context.Context) (string, error) {
	m, err := s.manager()
	if err != nil {
		return "", err
	}
	method, err := m.Install(ctx)
	if err != nil {
		return "", err
	}
	if err := m.Start(ctx); err != nil {
		return string(method), err
	}
	s.poke()
	return string(method), nil
}

// RunAgentHere implements Source: the agent runs inside the app until it closes.
func (s *StoreSource) RunAgentHere(ctx context.Context) error {
	a, err := agent.New(agent.Config{DataDir: s.dir, Log: s.log.With("component", "agent")})
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inApp != nil {
		return nil
	}
	// another agent records the folder: say so now, not in the log later
	if h, held, err := lease.Who(s.dir); err == nil && held {
		return &lease.HeldError{PID: h.PID, Since: h.Since}
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.inApp = cancel
	go func() {
		if err := a.Run(ctx); err != nil {
			s.log.Error("the agent inside the app stopped", "err", err)
		}
		s.mu.Lock()
		s.inApp = nil
		s.mu.Unlock()
		s.poke()
	}()
	return nil
}

// EndMonitoring implements Source: stop and remove the agent, then delete the
// data folder with the agreement in it.
func (s *StoreSource) EndMonitoring(ctx context.Context) error {
	var errs []error
	if m, err := s.manager(); err == nil {
		if err := m.Uninstall(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	s.mu.Lock()
	if s.inApp != nil {
		s.inApp()
		s.inApp = nil
	}
	if s.st != nil {
		if err := s.st.Forget(ctx, false); err != nil {
			errs = append(errs, err)
		}
		s.st.Close()
		s.st = nil
	}
	s.mu.Unlock()
	if err := os.RemoveAll(s.dir); err != nil {
		errs = append(errs, err)
	}
	s.poke()
	return errors.Join(errs...)
}
