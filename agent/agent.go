// Package agent is TalkFirst's background agent: it waits for the family
// agreement, then samples which chat apps are running and in front, watches
// for installs and removals, enforces retention, and evaluates conversation
// prompts. It records nothing until an agreement exists, and stops recording
// when the agreement is deleted or expires.
package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/insight"
	"github.com/talkfirst/talkfirst/agent/inventory"
	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/usage"
	"github.com/talkfirst/talkfirst/agent/watch"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Defaults.
const (
	DefaultInterval = 2 * time.Second
	DefaultIdle     = 3 * time.Minute
	pruneEvery      = 24 * time.Hour
	evaluateEvery   = time.Hour
	// relookEvery is how many ticks the agent goes on with the agreement
	// and the pause it read last while st.Changed reports no write: it
	// reads them again on the relookEvery-th tick after a read (once a
	// minute at the default interval). Changed sees every write but the
	// agent's own samples, and expiry is checked on every tick; what only
	// this catches, at most relookEvery ticks late, is the clock reaching
	// the start of a pause that was still ahead of it at the last read.
	// Pauses start when they are made, so only a clock set back makes one.
	relookEvery = 30
)

// Config configures an agent. Only DataDir is required; the rest have
// defaults, and tests replace the OS boundaries.
type Config struct {
	DataDir  string
	Interval time.Duration
	Idle     time.Duration
	// Root, Home and OS say which file system the inventory reads (see inventory.SystemOptions).
	Root, Home string
	OS         catalog.OS
	Log        *slog.Logger

	// Test seams; nil means the real thing.
	Lister     usage.Lister
	Foreground usage.Foreground
	Clock      usage.Clock
	// Evaluate runs the prompt rules; called after each install change and
	// every hour. Nil means insight.Evaluate, logging each new prompt.
	Evaluate func(ctx context.Context, st *store.Store, now time.Time) error
	// Ready, when set, is called once recording has started (tests wait on it).
	Ready func()
	// Tick, when set, drives sampling instead of a ticker at Interval (tests
	// that run days of agent time on an injected clock).
	Tick <-chan time.Time
	// Waiting, when set, is called each time the agent looked for an
	// agreement and found none it may record under.
	Waiting func()
}

// Agent is the background agent.
type Agent struct {
	cfg Config
	log *slog.Logger
	cat *catalog.Catalog
}

// New checks cfg and fills in defaults.
func New(cfg Config) (*Agent, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("no data folder")
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.Idle <= 0 {
		cfg.Idle = DefaultIdle
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Clock == nil {
		cfg.Clock = usage.SystemClock()
	}
	if cfg.Evaluate == nil {
		log := cfg.Log
		cfg.Evaluate = func(ctx context.Context, st *store.Store, now time.Time) error {
			ps, err := insight.Evaluate(ctx, st, now)
			for _, p := range ps {
				log.Info("new conversation prompt", "rule", p.Rule, "apps", p.Apps)
			}
			return err
		}
	}
	cat, err := catalog.Default()
	if err != nil {
		return nil, err
	}
	return &Agent{cfg: cfg, log: cfg.Log, cat: cat}, nil
}

func (a *Agent) now() time.Time {
	w, _ := a.cfg.Clock.Now()
	return w
}

// keyCleanStop is "1" after a clean stop and "0" while recording, so a
// start can tell that the previous run was killed or crashed.
const keyCleanStop = "clean_stop"

// Run runs until ctx ends. It returns nil on a clean stop, and a
// *lease.HeldError at once when another agent records the data folder.
func (a *Agent) Run(ctx context.Context) error {
	// One recorder per data folder: two would both count the same time. The
	// lease comes first, so only its holder moves a damaged store aside.
	l, err := lease.Acquire(a.cfg.DataDir, a.now())
	switch {
	case errors.Is(err, errors.ErrUnsupported):
		a.log.Warn("no lease on this system; a second agent on this data folder would not be refused", "err", err)
	case err != nil:
		return err
	default:
		defer l.Release()
	}
	st, err := store.Open(a.cfg.DataDir, a.log, store.Options{Now: a.now, Recover: true})
	if err != nil {
		return err
	}
	defer st.Close()
	for {
		ag, err := a.waitForAgreement(ctx, st)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if err := a.record(ctx, st, ag); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// waitForAgreement polls the store until a valid, unexpired agreement exists.
// Polling a single key every interval costs one indexed read; it lets the
// agent start recording the moment setup finishes, with no restart.
func (a *Agent) waitForAgreement(ctx context.Context, st *store.Store) (consent.Agreement, error) {
	t := time.NewTicker(a.cfg.Interval)
	defer t.Stop()
	said := ""
	for {
		ag, err := consent.Load(ctx, st)
		var why string
		switch {
		case errors.Is(err, consent.ErrNoAgreement):
			why = "none"
		case err != nil:
			why = "unreadable: " + err.Error()
		case ag.Expired(a.now()):
			why = "expired " + ag.Expires.Format(time.DateOnly)
		default:
			return ag, nil
		}
		if why != said {
			a.log.Info("waiting for the family agreement; nothing is recorded until it is valid", "agreement", why)
			said = why
		}
		if a.cfg.Waiting != nil {
			a.cfg.Waiting()
		}
		select {
		case <-ctx.Done():
			return consent.Agreement{}, ctx.Err()
		case <-t.C:
		}
	}
}

// record samples and watches until ctx ends or the agreement goes away.
func (a *Agent) record(ctx context.Context, st *store.Store, ag consent.Agreement) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	now := a.now()
	if err := a.noteUncleanStop(ctx, st, now); err != nil {
		return err
	}
	fg := a.cfg.Foreground
	if fg == nil {
		fg = usage.NewForeground(a.log)
	}
	defer fg.Close()
	meas := store.Measurement{Foreground: fg.Method(), Why: fg.Why()}
	if err := st.SetMeasurement(ctx, meas); err != nil {
		return err
	}
	started := words.New(words.Started, words.Part(words.New(words.MethodCode(meas.Foreground))))
	if _, err := st.AddEvent(ctx, store.Event{Kind: store.EventStart, Start: now, Why: started}); err != nil {
		return err
	}
	if err := st.Put(ctx, keyCleanStop, []byte("0")); err != nil {
		return err
	}
	a.log.Info("recording", "foreground", meas.Foreground, "interval", a.cfg.Interval)

	evaluate := make(chan struct{}, 1)
	poke := func() {
		select {
		case evaluate <- struct{}{}:
		default:
		}
	}
	watchDone := make(chan error, 1)
	if err := a.startWatch(ctx, st, poke, watchDone); err != nil {
		return err
	}

	lister := a.cfg.Lister
	if lister == nil {
		lister = usage.NewProcLister(a.log)
	}
	sampler := usage.NewSampler(lister, usage.NewMatcher(a.cat, a.goos()), fg, a.cfg.Clock, a.cfg.Idle, a.log)
	rec := usage.NewRecorder(st, a.cfg.Interval, a.log)
	stop := func(why words.Code) error {
		ctx := context.WithoutCancel(ctx)
		err := rec.Flush(ctx)
		if _, e := st.AddEvent(ctx, store.Event{Kind: store.EventStop, Start: a.now(), Why: words.New(why)}); err == nil {
			err = e
		}
		if e := st.Put(ctx, keyCleanStop, []byte("1")); err == nil {
			err = e
		}
		return err
	}
	if a.cfg.Ready != nil {
		a.cfg.Ready()
	}
	ticks := a.cfg.Tick
	if ticks == nil {
		t := time.NewTicker(a.cfg.Interval)
		defer t.Stop()
		ticks = t.C
	}
	hourly := time.NewTicker(evaluateEvery)
	defer hourly.Stop()
	poke() // evaluate prompts once at start
	paused := false
	lastPrune, err := st.LastPrune(ctx) // kept here after this, not read every sample
	if err != nil {
		a.log.Warn("retention: last run unreadable", "err", err)
	}
	// The agreement and the pause in force, as last read. They are read
	// again only when the store changed (st.Changed: the app or the command
	// line wrote; the agent's own samples do not count), when the pause
	// read ends or failed, and at least every relookEvery samples.
	var (
		cur       consent.Agreement
		curErr    error
		pause     store.Event
		pauseOn   bool
		pauseErr  error
		sinceRead = relookEvery
	)
	for {
		select {
		case <-ctx.Done():
			return stop(words.StopAsked)
		case err := <-watchDone:
			if err != nil && ctx.Err() == nil {
				a.log.Warn("install watching ended", "err", err)
			}
			watchDone = nil
		case <-hourly.C:
			poke()
		case <-evaluate:
			if err := a.cfg.Evaluate(ctx, st, a.now()); err != nil {
				a.log.Warn("prompt evaluation failed", "err", err)
			}
		case <-ticks:
			now := a.now()
			changed, err := st.Changed(ctx)
			if changed || err != nil || sinceRead >= relookEvery || pauseErr != nil || (pauseOn && !now.Before(pause.End)) {
				cur, curErr = consent.Load(ctx, st)
				pause, pauseOn, pauseErr = st.ActivePause(ctx, now)
				sinceRead = 0
			}
			sinceRead++
			if curErr != nil || cur.Expired(now) {
				why := words.StopAgreementEnded
				if curErr == nil {
					why = words.StopAgreementExpired
				} else if !errors.Is(curErr, consent.ErrNoAgreement) {
					why = words.StopAgreementUnreadable
				}
				a.log.Info("recording stopped by the agreement", "why", why)
				return stop(why)
			}
			if err := a.maybePrune(ctx, st, cur, now, &lastPrune); err != nil {
				a.log.Warn("retention failed", "err", err)
			}
			if pauseErr != nil {
				a.log.Warn("pause check failed", "err", pauseErr)
			} else if pauseOn {
				if !paused {
					a.log.Info("paused; recording nothing until the pause ends")
					if err := rec.Flush(ctx); err != nil {
						a.log.Warn("flush failed", "err", err)
					}
					paused = true
				}
				continue
			} else if paused {
				a.log.Info("pause over; recording again")
				paused = false
			}
			s, err := sampler.Sample(ctx)
			if err != nil {
				a.log.Warn("sample failed", "err", err)
				continue
			}
			if err := rec.Record(ctx, s); err != nil {
				a.log.Warn("recording a sample failed", "err", err)
			}
		}
	}
}

// noteUncleanStop records a gap when the last run ended without a clean stop.
func (a *Agent) noteUncleanStop(ctx context.Context, st *store.Store, now time.Time) error {
	v, ok, err := st.Get(ctx, keyCleanStop)
	if err != nil || !ok || string(v) == "1" {
		return err
	}
	last, err := st.LastSample(ctx)
	if err != nil || last.IsZero() {
		return err
	}
	_, err = st.AddEvent(ctx, store.Event{Kind: store.EventGap, Start: last, End: now,
		Why: words.New(words.GapUnclean)})
	return err
}

// maybePrune enforces retention when the last run (*last, which it updates)
// is a day old, or in the future (the clock was set back).
func (a *Agent) maybePrune(ctx context.Context, st *store.Store, ag consent.Agreement, now time.Time, last *time.Time) error {
	if !last.IsZero() && now.Sub(*last) < pruneEvery && !now.Before(*last) {
		return nil
	}
	n, err := st.Prune(ctx, now.Add(-ag.Retention()))
	if err != nil {
		return err
	}
	*last = now
	if n > 0 {
		a.log.Info("retention: deleted old data", "count", n, "days", ag.RetentionDays)
	}
	return nil
}

func (a *Agent) goos() catalog.OS {
	if a.cfg.OS != "" {
		return a.cfg.OS
	}
	return catalog.OS(runtime.GOOS)
}

// startWatch scans, compares with the installed set the store knows, and
// keeps watching; changes are written to the store.
func (a *Agent) startWatch(ctx context.Context, st *store.Store, poke func(), done chan<- error) error {
	log := a.log.With("component", "watch") // for this function's own lines; watch.New scopes its logger itself
	env, err := inventory.SystemEnv(inventory.SystemOptions{OS: a.goos(), Root: a.cfg.Root, Home: a.cfg.Home}, a.cat, a.log.With("component", "inventory"))
	if err != nil {
		return err
	}
	sc, err := inventory.NewScanner(env)
	if err != nil {
		return err
	}
	var baseline []string
	if err := getJSON(ctx, st, store.KeyInstalled, &baseline); err != nil {
		return err
	}
	if baseline == nil {
		// The first scan after the agreement is the starting point, not a change.
		res, err := sc.Scan(ctx)
		if err != nil {
			return err
		}
		baseline = res.IDs()
		if err := putJSON(ctx, st, store.KeyInstalled, baseline); err != nil {
			return err
		}
	}
	w, err := watch.New(sc, baseline, watch.Options{Log: a.log, Now: a.now, RootDir: a.rootDir(env)})
	if err != nil {
		return err
	}
	go func() {
		done <- w.Run(ctx, func(u watch.Update) {
			for _, app := range u.Installed {
				var found words.Fact
				if len(app.Evidence) > 0 {
					found = app.Evidence[0].Fact()
				}
				if _, err := st.AddChange(ctx, store.Change{App: app.ID, Change: store.Installed, At: u.At, Found: found}); err != nil {
					log.Warn("recording an install failed", "app", app.ID, "err", err)
				}
			}
			for _, id := range u.Removed {
				if _, err := st.AddChange(ctx, store.Change{App: id, Change: store.Removed, At: u.At}); err != nil {
					log.Warn("recording a removal failed", "app", id, "err", err)
				}
			}
			if err := putJSON(ctx, st, store.KeyInstalled, u.Result.IDs()); err != nil {
				log.Warn("saving the installed set failed", "err", err)
			}
			poke()
		})
	}()
	return nil
}

// rootDir turns inventory FS paths into OS paths for the watcher.
func (a *Agent) rootDir(env inventory.Env) func(string) string {
	if a.cfg.Root != "" {
		return func(p string) string { return filepath.Join(a.cfg.Root, filepath.FromSlash(p)) }
	}
	if runtime.GOOS == "windows" {
		return func(p string) string { return filepath.FromSlash(env.DisplayPath(p)) }
	}
	return func(p string) string { return "/" + p }
}

func putJSON(ctx context.Context, st *store.Store, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return st.Put(ctx, key, b)
}

// getJSON reads key into v; a missing key leaves v as it is.
func getJSON(ctx context.Context, st *store.Store, key string, v any) error {
	b, ok, err := st.Get(ctx, key)
	if err != nil || !ok {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("read %s: %w", key, err)
	}
	return nil
}
