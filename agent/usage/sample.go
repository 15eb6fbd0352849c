package usage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

// Sample is one look at the computer.
type Sample struct {
	// Wall is the wall-clock time of the sample; Mono a monotonic reading
	// from the same Clock (see Clock).
	Wall time.Time
	Mono time.Duration
	// Running are the app ids with at least one live process, sorted and
	// unique. The app in front is always among them.
	Running []string
	// Foreground is the app in front while the person is active; "" when
	// no catalog app is in front, nobody is at the computer, or the
	// foreground is unknown.
	Foreground string
	// ForegroundKnown is false when the method is unavailable or failed
	// this sample.
	ForegroundKnown bool
}

// LogValue keeps samples short in logs; they hold app ids only, and the
// sample's wall-clock time, which is what the store writes for it.
func (s Sample) LogValue() slog.Value {
	return slog.GroupValue(slog.Time("at", s.Wall), slog.String("running", strings.Join(s.Running, ",")),
		slog.String("foreground", s.Foreground), slog.Bool("foreground_known", s.ForegroundKnown))
}

// Clock reads the wall clock and a monotonic clock together.
type Clock interface {
	Now() (wall time.Time, mono time.Duration)
}

// SystemClock returns the computer's clock. Its monotonic reading counts time
// the computer was asleep where the OS offers such a clock (CLOCK_BOOTTIME on
// Linux, CLOCK_MONOTONIC on macOS; Go's monotonic clock stops during suspend
// there), so a suspend shows as a gap and not as a clock change; elsewhere it
// is time.Since(a fixed start), Go's monotonic clock.
func SystemClock() Clock { return systemClock{start: time.Now()} }

type systemClock struct{ start time.Time }

func (c systemClock) Now() (time.Time, time.Duration) {
	wall := time.Now()
	if d, ok := sleepAwareMono(); ok {
		return wall.Round(0), d
	}
	return wall.Round(0), wall.Sub(c.start)
}

// DefaultIdle is how long without input before the person counts as away.
const DefaultIdle = 3 * time.Minute

// helperDepth is how many parents a helper process is walked up to find its app.
const helperDepth = 4

// Sampler takes samples: which apps run, which is in front.
type Sampler struct {
	lister Lister
	match  *Matcher
	fg     Foreground
	clock  Clock
	idle   time.Duration
	log    *slog.Logger

	mu      sync.Mutex
	matches map[matchKey]string // per process identity: app id, "" for none
	seen    map[matchKey]bool
	fgErr   string // last foreground error, to log changes only

	// What the last list resolved to, kept while a versionedLister says the
	// list is the same: then a sample matches nothing again.
	version uint64
	procs   []Proc
	apps    []string // parallel to procs
	running []string // sorted app ids of apps
}

type matchKey struct {
	pid    int32
	create int64
	name   string
	exe    string
}

// NewSampler returns a Sampler. idle <= 0 means DefaultIdle; a nil clock
// means SystemClock and a nil Foreground means unavailable.
func NewSampler(l Lister, m *Matcher, fg Foreground, clock Clock, idle time.Duration, log *slog.Logger) *Sampler {
	if idle <= 0 {
		idle = DefaultIdle
	}
	if clock == nil {
		clock = SystemClock()
	}
	if fg == nil {
		fg = Unavailable(words.New(words.MeasureOff))
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sampler{lister: l, match: m, fg: fg, clock: clock, idle: idle, log: log.With("component", "sampler"),
		matches: map[matchKey]string{}, seen: map[matchKey]bool{}}
}

// Sample looks at the computer once. It fails only when the processes cannot
// be listed; a failed foreground look makes ForegroundKnown false.
func (s *Sampler) Sample(ctx context.Context) (Sample, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wall, mono := s.clock.Now()
	if err := s.list(ctx); err != nil {
		return Sample{}, fmt.Errorf("sample: %w", err)
	}
	out := Sample{Wall: wall, Mono: mono}
	out.Foreground, out.ForegroundKnown = s.foreground(ctx, s.procs, s.apps)
	out.Running = slices.Clone(s.running)
	if out.Foreground != "" {
		// a window in front has a live process
		if i, found := slices.BinarySearch(out.Running, out.Foreground); !found {
			out.Running = slices.Insert(out.Running, i, out.Foreground)
		}
	}
	s.log.Debug("sample done", "sample", out)
	return out, nil
}

// list lists the processes and, when the list changed, works out their apps
// again and tells a versionedLister which processes belong to one.
func (s *Sampler) list(ctx context.Context) error {
	vl, versioned := s.lister.(versionedLister)
	var procs []Proc
	var err error
	var version uint64
	if versioned {
		procs, version, err = vl.listVersion(ctx)
	} else {
		procs, err = s.lister.List(ctx)
	}
	if err != nil {
		return err
	}
	if versioned && s.apps != nil && version == s.version {
		return nil
	}
	s.procs, s.version = procs, version
	s.apps = s.resolve(procs)
	s.running = s.running[:0:0]
	var keys []procKey
	for i, a := range s.apps {
		if a == "" {
			continue
		}
		keys = append(keys, procKey{procs[i].PID, procs[i].Create})
		if !slices.Contains(s.running, a) {
			s.running = append(s.running, a)
		}
	}
	slices.Sort(s.running)
	if versioned {
		vl.watch(keys)
	}
	return nil
}

// resolve returns the app id of every process (parallel to procs): its own
// match, or, for a helper that does not match by itself, its parent's app.
func (s *Sampler) resolve(procs []Proc) []string {
	clear(s.seen)
	apps := make([]string, len(procs))
	byPID := make(map[int32]int, len(procs))
	for i, p := range procs {
		byPID[p.PID] = i
		k := matchKey{p.PID, p.Create, p.Name, p.Exe}
		s.seen[k] = true
		a, ok := s.matches[k]
		if !ok {
			a, _ = s.match.Match(p)
			s.matches[k] = a
		}
		apps[i] = a
	}
	for k := range s.matches {
		if !s.seen[k] {
			delete(s.matches, k)
		}
	}
	for i := range procs {
		if apps[i] == "" {
			apps[i] = ownerApp(procs, apps, byPID, i)
		}
	}
	return apps
}

// ownerApp walks up from an unmatched process through parents it belongs to
// (helpers: a --type= argument, the same executable, or, on macOS, the same
// .app bundle) and returns the first app found. A program that another
// program merely started (a game from Steam, a browser from a link) does not
// belong to its parent and is never attributed to it.
func ownerApp(procs []Proc, apps []string, byPID map[int32]int, i int) string {
	for range helperDepth {
		c := procs[i]
		j, ok := byPID[c.PPID]
		if !ok || c.PPID == c.PID || c.PPID <= 1 {
			return ""
		}
		if !belongsToParent(c, procs[j]) {
			return ""
		}
		if apps[j] != "" {
			return apps[j]
		}
		i = j
	}
	return ""
}

func belongsToParent(c, parent Proc) bool {
	if isHelper(c.Cmdline) {
		return true
	}
	if c.Exe != "" && c.Exe == parent.Exe {
		return true
	}
	ca, ok1 := outerApp(c.Exe)
	pa, ok2 := outerApp(parent.Exe)
	return ok1 && ok2 && ca == pa
}

// foreground resolves the window in front to an app id.
func (s *Sampler) foreground(ctx context.Context, procs []Proc, apps []string) (string, bool) {
	// Active is asked even when Method says unavailable: an X11 reader
	// whose display went away reconnects there.
	w, err := s.fg.Active(ctx)
	if errors.Is(err, ErrNoWindow) {
		s.noteFGErr(nil)
		return "", true
	}
	if err != nil {
		s.noteFGErr(err)
		return "", false
	}
	s.noteFGErr(nil)
	if w.Idle >= s.idle {
		return "", true
	}
	if w.PID > 0 {
		for i, p := range procs {
			if p.PID == w.PID && apps[i] != "" {
				return apps[i], true
			}
		}
	}
	for _, c := range []string{w.Class, w.Instance} {
		if a, ok := s.match.MatchClass(c); ok {
			return a, true
		}
	}
	return "", true
}

func (s *Sampler) noteFGErr(err error) {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if msg == s.fgErr {
		return
	}
	s.fgErr = msg
	if errors.Is(err, errors.ErrUnsupported) {
		s.log.Debug("active window unavailable", "err", err)
	} else if err != nil {
		s.log.Warn("active window unreadable", "err", err)
	} else {
		s.log.Info("active window readable again")
	}
}
