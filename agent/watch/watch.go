// Package watch notices, within seconds, when a catalog app is installed or
// removed. It watches the folders the inventory reads (fsnotify, plus the
// Uninstall keys on Windows), rescans only the sources whose folders changed
// once a short burst of events has passed, rescans everything periodically
// and whenever events may have been lost, and reports only real changes in
// the set of installed apps.
//
// fsnotify is not recursive and cannot watch a folder that does not exist
// yet, so the watcher keeps its own plan of folders (see tree.go): every
// folder a source reads, as many levels of subfolders as that source reads,
// and for a folder that is not there yet its nearest existing parent, until
// it appears.
package watch

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/inventory"
)

// Update is a real change in the set of installed apps.
type Update struct {
	At        time.Time
	Result    inventory.Result // the full new result
	Installed []inventory.App  // apps that appeared (with their evidence)
	Removed   []string         // app ids that disappeared
	Full      bool             // from a full rescan (start, overflow, hourly) rather than one source
}

// Options tune a Watcher. The zero value is usable.
type Options struct {
	// Debounce is how long after the first event of a burst the changed
	// sources are rescanned; the events within this window are handled as
	// one. Default 1s. It is a fixed window, not one that restarts on every
	// event, so a long install is still seen about every Debounce.
	Debounce time.Duration
	// FullEvery is the period of the full rescan that catches whatever
	// watching missed. Default 1h.
	FullEvery time.Duration
	// PollEvery is the period of full rescans while watching does not work
	// (fsnotify unavailable, watch limits reached, the registry unwatchable).
	// Default 1m.
	PollEvery time.Duration
	// Now is the clock for Update.At; default time.Now.
	Now func() time.Time
	// Log receives state changes (Info), degraded watching (Warn) and one
	// line per batch of events (Debug); default: discarded.
	Log *slog.Logger
	// RootDir turns an inventory FS path ("home/sam/.local/share/applications")
	// into an OS path to watch ("/home/sam/..."). Default: "/" + p, except
	// on Windows, where it is the scanner's Env.DisplayPath (`C:\Users\...`)
	// when the Env has a Display function. Pass one whenever the scanner reads
	// a --root folder.
	RootDir func(fsPath string) string
}

// Defaults.
const (
	defaultDebounce  = time.Second
	defaultFullEvery = time.Hour
	defaultPollEvery = time.Minute
)

// Watcher turns file and registry events into Updates. Run it once.
type Watcher struct {
	sc       *inventory.Scanner
	env      *inventory.Env
	opts     Options
	log      *slog.Logger
	baseline map[string]bool // nil: the first scan is the baseline

	running atomic.Bool

	mu  sync.Mutex
	cur inventory.Result

	// Seams for tests, set before Run.
	newTicker    func(d time.Duration) (<-chan time.Time, func())
	newFSWatcher func() (*fsnotify.Watcher, error)
	batchDone    func(batchReport) // after every handled batch, from Run's goroutine
}

// New makes a watcher over sc. baseline is the set of app ids known before
// (from the store); nil means "take the first full scan as the baseline and
// report nothing for it". An empty, non-nil baseline means nothing was
// installed before, so the first scan reports every app it finds.
func New(sc *inventory.Scanner, baseline []string, opts Options) (*Watcher, error) {
	if sc == nil {
		return nil, errors.New("watch: no scanner")
	}
	if opts.Debounce < 0 || opts.FullEvery < 0 || opts.PollEvery < 0 {
		return nil, errors.New("watch: negative interval")
	}
	env := sc.Env()
	if opts.Debounce == 0 {
		opts.Debounce = defaultDebounce
	}
	if opts.FullEvery == 0 {
		opts.FullEvery = defaultFullEvery
	}
	if opts.PollEvery == 0 {
		opts.PollEvery = defaultPollEvery
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.RootDir == nil {
		opts.RootDir = defaultRootDir(env)
	}
	w := &Watcher{
		sc:           sc,
		env:          env,
		opts:         opts,
		log:          opts.Log.With("component", "watch"),
		cur:          inventory.Result{Apps: []inventory.App{}},
		newTicker:    realTicker,
		newFSWatcher: fsnotify.NewWatcher,
	}
	if baseline != nil {
		w.baseline = map[string]bool{}
		for _, id := range baseline {
			w.baseline[id] = true
		}
	}
	return w, nil
}

func defaultRootDir(env *inventory.Env) func(string) string {
	if runtime.GOOS == "windows" && env.Display != nil {
		return env.DisplayPath
	}
	return func(p string) string {
		if p == "." || p == "" {
			return "/"
		}
		return "/" + p
	}
}

func realTicker(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// Current returns the last result (read-only: it shares storage with the
// Updates). Before Run's first scan it has no apps.
func (w *Watcher) Current() inventory.Result {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cur
}

func (w *Watcher) setCurrent(r inventory.Result) {
	w.mu.Lock()
	w.cur = r
	w.mu.Unlock()
}

// Run scans once, then watches until ctx ends, calling onUpdate (from Run's
// goroutine) only when the set of installed apps really changed. It returns
// ctx.Err() at the end. Watching that does not work (no fsnotify, watch
// limits reached) is logged and replaced by full rescans every PollEvery,
// never returned.
func (w *Watcher) Run(ctx context.Context, onUpdate func(Update)) error {
	if !w.running.CompareAndSwap(false, true) {
		return errors.New("watch: already running")
	}
	defer w.running.Store(false)
	if onUpdate == nil {
		onUpdate = func(Update) {}
	}
	l := &loop{w: w, onUpdate: onUpdate}
	if w.baseline != nil {
		l.known = maps.Clone(w.baseline)
	}
	return l.run(ctx)
}

// liveRegistry reports whether the scanner reads this computer's registry,
// so that watching it says something about what the scanner sees.
func (w *Watcher) liveRegistry() bool {
	if w.env.OS != catalog.Windows || w.env.Registry == nil {
		return false
	}
	live, err := inventory.SystemRegistry()
	// Interface comparison: true only for the live registry's own (comparable) type.
	return err == nil && w.env.Registry == live
}

// registrySources are the sources a registry change can affect.
var registrySources = []string{"uninstall-keys", "store-packages"}

// batch is what is waiting to be handled once the debounce window ends.
type batch struct {
	why        string          // for the log: "events", "start", "periodic", "overflow", ...
	full       bool            // rescan every source
	sources    map[string]bool // else: rescan these
	structural bool            // something was created, removed or renamed: re-plan the watches
	created    []string        // FS paths created
	events     int
	paths      []string // FS paths of the events, kept only for tests
}

// maxCreated bounds the created paths a batch remembers for settling watches.
const maxCreated = 1024

func (b *batch) empty() bool { return !b.full && len(b.sources) == 0 }

// batchReport tells tests what a handled batch was.
type batchReport struct {
	Why     string
	Full    bool
	Sources []string
	Paths   []string
	Changed bool
}

// loop is Run's state; it is only touched from Run's goroutine.
type loop struct {
	w        *Watcher
	onUpdate func(Update)
	tree     *tree
	known    map[string]bool // ids last reported; nil until the first scan without baseline

	pending batch
	timer   *time.Timer
	timerC  <-chan time.Time

	degraded bool
	pollC    <-chan time.Time
	stopPoll func()
}

func (l *loop) run(ctx context.Context) error {
	w := l.w
	var (
		events <-chan fsnotify.Event
		errs   <-chan error
	)
	fsw, err := w.newFSWatcher()
	if err != nil {
		l.degrade("file watching unavailable", err)
	} else {
		defer fsw.Close()
		l.tree = newTree(w.env, w.opts.RootDir, fsw, w.log)
		events, errs = fsw.Events, fsw.Errors
	}
	defer func() {
		if l.stopPoll != nil {
			l.stopPoll()
		}
		if l.timer != nil {
			l.timer.Stop()
		}
	}()

	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // runs before wg.Wait

	regC := make(chan struct{}, 1)
	regErr := make(chan error, 1)
	if w.liveRegistry() {
		wg.Go(func() {
			if err := watchRegistry(ctx, w.log, regC); err != nil && ctx.Err() == nil {
				regErr <- err
			}
		})
	}

	// Watches first, then the scan: whatever lands in between is in the scan.
	if err := l.flush(ctx, batch{why: "start", full: true}); err != nil {
		return ctx.Err()
	}
	fullC, stopFull := w.newTicker(w.opts.FullEvery)
	defer stopFull()

	for {
		var err error
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-events:
			if !ok {
				events, errs = nil, nil
				l.degrade("file watching stopped", errors.New("event channel closed"))
				continue
			}
			l.event(ev)
		case e, ok := <-errs:
			if !ok {
				events, errs = nil, nil
				l.degrade("file watching stopped", errors.New("error channel closed"))
				continue
			}
			l.watchError(e)
		case <-regC:
			l.add("registry", registrySources...)
		case e := <-regErr:
			l.degrade("registry watching unavailable", e)
		case <-l.timerC:
			err = l.flushPending(ctx, "")
		case <-fullC:
			err = l.flushPending(ctx, "periodic")
		case <-l.pollC:
			err = l.flushPending(ctx, "poll")
		}
		if err != nil {
			return ctx.Err()
		}
	}
}

// event takes one file event into the pending batch.
func (l *loop) event(ev fsnotify.Event) {
	if ev.Op&^fsnotify.Chmod == 0 {
		return // Spotlight and indexers touch modes all the time
	}
	t := l.tree
	p, ok := t.fsPath(ev.Name)
	if !ok {
		return // from a watch dropped since
	}
	structural := ev.Op.Has(fsnotify.Create) || ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename)
	if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
		t.forget(p)
	}
	srcs := t.sources(p, structural)
	if len(srcs) == 0 {
		return // a file next to a watched folder (~/.bash_history in home)
	}
	b := &l.pending
	if b.sources == nil {
		b.sources = map[string]bool{}
	}
	for _, s := range srcs {
		b.sources[s] = true
	}
	b.events++
	if structural {
		b.structural = true
	}
	if ev.Op.Has(fsnotify.Create) && len(b.created) < maxCreated {
		b.created = append(b.created, p)
	}
	if l.w.batchDone != nil {
		b.paths = append(b.paths, p)
	}
	l.arm()
}

// add puts sources into the pending batch.
func (l *loop) add(why string, sources ...string) {
	b := &l.pending
	if b.sources == nil {
		b.sources = map[string]bool{}
	}
	for _, s := range sources {
		b.sources[s] = true
	}
	b.events++
	if b.why == "" {
		b.why = why
	}
	l.arm()
}

// watchError handles an error from fsnotify: events were lost, so everything
// is rescanned once the window ends.
func (l *loop) watchError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		l.w.log.Warn("file events lost, rescanning all", "err", err)
		l.pending.why = "overflow"
	} else {
		l.w.log.Warn("file watching error, rescanning all", "err", err)
		l.pending.why = "watch error"
	}
	l.pending.full = true
	l.pending.structural = true
	l.arm()
}

// arm starts the debounce window unless one is running.
func (l *loop) arm() {
	if l.timerC != nil {
		return
	}
	l.timer = time.NewTimer(l.w.opts.Debounce)
	l.timerC = l.timer.C
}

// degrade logs that watching does not fully work and starts polling.
func (l *loop) degrade(msg string, err error) {
	l.w.log.Warn(msg, "err", err, "poll", l.w.opts.PollEvery)
	if l.degraded {
		return
	}
	l.degraded = true
	l.pollC, l.stopPoll = l.w.newTicker(l.w.opts.PollEvery)
}

// flushPending handles the pending batch now; a non-empty why makes it a
// full rescan.
func (l *loop) flushPending(ctx context.Context, why string) error {
	if l.timer != nil {
		l.timer.Stop()
		l.timer, l.timerC = nil, nil
	}
	b := l.pending
	l.pending = batch{}
	if why != "" {
		b.why, b.full, b.structural = why, true, true
	}
	if b.empty() {
		return nil
	}
	if b.why == "" {
		b.why = "events"
	}
	return l.flush(ctx, b)
}

// flush re-plans the watches when folders came or went, rescans, and
// reports a change in the set of installed apps. It fails only when ctx ends.
func (l *loop) flush(ctx context.Context, b batch) error {
	w := l.w
	start := time.Now()
	if l.tree != nil && (b.full || b.structural) {
		if b.full {
			l.tree.dropSettling()
		}
		if err := l.tree.sync(w.sc.Dirs(), b.created); err != nil {
			l.degrade("some folders not watched", err)
		}
	}
	var (
		r    inventory.Result
		err  error
		srcs []string
	)
	if b.full {
		r, err = w.sc.Scan(ctx)
	} else {
		srcs = slices.Sorted(maps.Keys(b.sources))
		r, err = w.sc.Rescan(ctx, srcs...)
	}
	if err != nil {
		return err
	}
	w.setCurrent(r)
	w.log.Debug("rescanned", "why", b.why, "sources", srcs, "events", b.events, "count", len(r.Apps), "dur", time.Since(start))

	changed := false
	if l.known == nil {
		// no baseline: this scan is it
		l.known = map[string]bool{}
		for _, a := range r.Apps {
			l.known[a.ID] = true
		}
	} else {
		u := Update{Result: r, Full: b.full}
		now := map[string]bool{}
		for _, a := range r.Apps {
			now[a.ID] = true
			if !l.known[a.ID] {
				u.Installed = append(u.Installed, a)
			}
		}
		for id := range l.known {
			if !now[id] {
				u.Removed = append(u.Removed, id)
			}
		}
		slices.Sort(u.Removed)
		l.known = now
		if len(u.Installed) > 0 || len(u.Removed) > 0 {
			changed = true
			for _, a := range u.Installed {
				w.log.Info("app installed", "app", a.ID)
			}
			for _, id := range u.Removed {
				w.log.Info("app removed", "app", id)
			}
			u.At = w.opts.Now()
			l.onUpdate(u)
		}
	}
	if w.batchDone != nil {
		w.batchDone(batchReport{Why: b.why, Full: b.full, Sources: srcs, Paths: b.paths, Changed: changed})
	}
	return nil
}
