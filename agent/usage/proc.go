package usage

import (
	"cmp"
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Proc is one process as the sampler sees it. Identity is (PID, Create).
//
// Exe and Cmdline are held in memory only, to match a process to a catalog
// app; they are never logged or stored (a command line can carry a URL).
type Proc struct {
	PID, PPID int32
	// Create is when the process started, in Unix milliseconds (to the clock
	// tick, 10 ms, on Linux).
	Create int64
	// Name is the process name: linux comm, extended from the command line
	// when comm was cut at 15 bytes; the image name ("Discord.exe") on
	// Windows; the executable's file name on macOS.
	Name string
	// Exe is the executable's full path; empty when it cannot be read (a
	// process of another user, a kernel thread).
	Exe     string
	Cmdline []string
	// Cgroup is the content of /proc/<pid>/cgroup on Linux (one or more
	// "id:controllers:path" lines); empty elsewhere.
	Cgroup string
}

// LogValue names a process in logs by pid and name only: its exe path and
// command line may hold a user's paths or a URL and are never logged.
func (p Proc) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("pid", int(p.PID)), slog.String("name", p.Name))
}

// Lister lists processes.
type Lister interface {
	List(ctx context.Context) ([]Proc, error)
}

// NewProcLister returns the process lister for this OS. It reads the
// expensive parts of a process (Exe, Cmdline, and Cgroup on Linux) once per
// (pid, create time), and again when the process exec'd another program
// (its name changed; on Linux this shows when its stat is next read) or,
// up to maxTries times, while neither an exe nor a command line could be
// read. Linux reads them from /proc itself, Windows through gopsutil v3,
// macOS from the kern.procargs2 sysctl; other systems use gopsutil for
// everything.
//
// On Windows and macOS every process's identity comes from one call per
// sample (NtQuerySystemInformation, the kern.proc.all sysctl), and what is
// kept about processes that exited is dropped on every List. On Linux a
// listing of /proc gives every pid with a token that tells a reused pid; the
// last listing is used again while /proc/loadavg shows no new pid, with a
// full one at least every relistEvery samples. /proc/<pid>/stat is read
// only for new and reused pids, the processes of an app, young ones, and
// the rest once every recheckEvery samples (see scanSource), so a process
// that exited leaves the list when it is next read or listed. Kernel
// threads and zombies are left out.
//
// The Sampler learns from the lister (listVersion) when the list did not
// change since the last, and then matches nothing again.
func NewProcLister(log *slog.Logger) Lister {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "procs")
	return newCachedLister(newProcSource(log), log)
}

// head is what a procSource reads for every process on every sample.
type head struct {
	PID, PPID int32
	Create    int64
	// Name is the short name the OS keeps cheaply (linux comm, darwin p_comm,
	// the Windows image name). A change means the process exec'd.
	Name string
}

// procSource is one OS's way of reading processes.
type procSource interface {
	// heads lists every process with what is cheap to read.
	heads(ctx context.Context) ([]head, error)
	// details reads Exe, Cmdline, Cgroup and the full Name of processes
	// seen for the first time. p arrives with the head's fields set.
	details(ctx context.Context, ps []*Proc)
}

// scanSource is a procSource that can list processes without reading each
// one: a cheap listing gives every pid with a token that changes when the pid
// is reused, and heads are read one by one, only where the lister needs them.
// Linux implements it (reading a process's stat file is what costs there);
// sources that read every head in one call (Windows, macOS) need not.
type scanSource interface {
	procSource
	// scan appends every live pid and its token to ids and returns it. A
	// token of 0 means the listing could not tell; the head is read then.
	scan(ctx context.Context, ids []pidToken) ([]pidToken, error)
	// head reads one process. skip is true for a process that runs no app
	// and never will under this token (a kernel thread, a zombie); err is
	// set when it could not be read (it exited, or is not ours to read).
	head(pid int32) (h head, skip bool, err error)
}

type pidToken struct {
	pid   int32
	token uint64
}

// versionedLister is a Lister that says when its list has not changed, and
// can be told which processes belong to an app so it watches those closely.
type versionedLister interface {
	Lister
	// listVersion is List plus a number that is the same as the last call's
	// exactly when the list is.
	listVersion(ctx context.Context) ([]Proc, uint64, error)
	// watch names the processes of the last list that belong to an app.
	watch(keys []procKey)
}

// cachedLister keeps the expensive details per process identity.
type cachedLister struct {
	src procSource
	log *slog.Logger
	now func() time.Time // for youngFor; time.Now outside tests

	mu      sync.Mutex
	cache   map[procKey]*cacheEntry
	seen    map[procKey]bool // scratch, reused between calls
	version uint64
	last    []Proc // the last list, returned again while nothing changed
	lastHs  []head

	// The scanSource path.
	byPID map[int32]*scanEntry
	ids   []pidToken // scratch, reused between calls
	gen   uint32     // List calls so far
}

type procKey struct {
	pid    int32
	create int64
}

type cacheEntry struct {
	name  string // head name when the details were read
	proc  Proc
	tries int // reads that found neither exe nor command line
}

// maxTries bounds how often details are re-read for a process that showed
// neither an exe nor a command line (one caught mid-exec, or a zombie).
const maxTries = 3

// What the scanSource path reads on a sample, per known process (one whose
// pid and token are unchanged since the last list):
//
//   - a process that belongs to an app (see watch): its head, every sample,
//     so an exec to another program, a re-parenting or its end as a zombie
//     shows at once and no time is counted for an app that is gone;
//   - a process that started less than youngFor ago: its head, every sample.
//     Launchers fork and then exec the app, and wrapper scripts exec the
//     real program moments after they start; a process first seen between
//     the two must be read again soon. Not longer: where programs start all
//     the time (a build, a script), every young process costs a read a
//     sample;
//   - any other process: its head once every recheckEvery samples, spread
//     over the samples by pid. Such a process belongs to no app; only an
//     exec could change that (a long-lived shell exec'ing Discord), which is
//     rare enough that noticing it within recheckEvery samples (a minute at
//     the default interval) is the right trade for reading nothing about it
//     on the other samples. Until then its app's time is not counted, never
//     the other way round.
//
// pid reuse needs no read: the token changes (see scanSource).
const (
	youngFor     = 5 * time.Second
	recheckEvery = 30
)

// scanEntry is what the scanSource path knows about one pid.
type scanEntry struct {
	token uint64
	// state: live (proc is listed), skip (kernel thread or zombie), or
	// unread (the head could not be read; tried again at the recheck).
	state   entryState
	name    string // head name when the details were read
	proc    Proc
	tries   int
	watched bool
	seen    uint32 // gen of the last list that showed the pid
}

type entryState uint8

const (
	stateUnread entryState = iota
	stateLive
	stateSkip
)

func newCachedLister(src procSource, log *slog.Logger) *cachedLister {
	return &cachedLister{src: src, log: log, now: time.Now, cache: map[procKey]*cacheEntry{}, seen: map[procKey]bool{},
		byPID: map[int32]*scanEntry{}}
}

func (l *cachedLister) List(ctx context.Context) ([]Proc, error) {
	ps, _, err := l.listVersion(ctx)
	if err != nil {
		return nil, err
	}
	return slices.Clone(ps), nil
}

// listVersion returns the list and its version. The slice is the lister's
// own and is returned again while nothing changed: callers must not modify it.
func (l *cachedLister) listVersion(ctx context.Context) ([]Proc, uint64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s, ok := l.src.(scanSource); ok {
		changed, err := l.scan(ctx, s)
		if err != nil {
			return nil, 0, err
		}
		if changed || l.last == nil {
			l.version++
			l.last = l.last[:0:0]
			for _, e := range l.byPID {
				if e.state == stateLive {
					l.last = append(l.last, e.proc)
				}
			}
			slices.SortFunc(l.last, func(a, b Proc) int { return cmp.Compare(a.PID, b.PID) })
		}
		return l.last, l.version, nil
	}
	out, changed, err := l.readAll(ctx)
	if err != nil {
		return nil, 0, err
	}
	if changed || l.last == nil {
		l.version++
	}
	l.last = out
	return out, l.version, nil
}

func (l *cachedLister) watch(keys []procKey) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.byPID {
		e.watched = false
	}
	for _, k := range keys {
		if e := l.byPID[k.pid]; e != nil && e.proc.Create == k.create {
			e.watched = true
		}
	}
}

// scan updates byPID from one listing and reports whether the list changed.
func (l *cachedLister) scan(ctx context.Context, src scanSource) (bool, error) {
	ids, err := src.scan(ctx, l.ids[:0])
	l.ids = ids
	if err != nil {
		return false, err
	}
	l.gen++
	young := l.now().Add(-youngFor).UnixMilli()
	changed := false
	var fresh []*scanEntry
	for _, id := range ids {
		e := l.byPID[id.pid]
		if e == nil {
			e = &scanEntry{}
			l.byPID[id.pid] = e
		}
		e.seen = l.gen
		switch {
		case id.token == 0 || e.token != id.token:
			// A new pid, a reused one, or a cached /proc entry the kernel
			// dropped and made again (same process, new token).
			e.token = id.token
		case e.state == stateSkip:
			continue
		case e.watched || (e.state == stateLive && e.proc.Create >= young):
		case (uint32(id.pid)+l.gen)%recheckEvery == 0:
		default:
			continue
		}
		h, skip, err := src.head(id.pid)
		was := e.state
		switch {
		case err != nil:
			e.state = stateUnread
		case skip:
			e.state = stateSkip
		case was == stateLive && e.proc.Create == h.Create && e.name == h.Name &&
			(e.proc.Exe != "" || len(e.proc.Cmdline) > 0 || e.tries >= maxTries):
			if h.PPID != 0 && h.PPID != e.proc.PPID {
				e.proc.PPID = h.PPID // a process is re-parented when its parent exits
				changed = true
			}
			continue
		default:
			if was != stateLive || e.proc.Create != h.Create {
				e.watched = false // another process
			}
			if was != stateLive || e.proc.Create != h.Create || e.name != h.Name {
				e.tries = 0 // another process or program
			}
			e.state = stateLive
			e.name = h.Name
			e.proc = Proc{PID: h.PID, PPID: h.PPID, Create: h.Create, Name: h.Name}
			fresh = append(fresh, e)
		}
		if was == stateLive || e.state == stateLive {
			changed = true
		}
	}
	if len(fresh) > 0 {
		ps := make([]*Proc, len(fresh))
		for i, e := range fresh {
			ps[i] = &e.proc
		}
		src.details(ctx, ps)
		for _, e := range fresh {
			if e.proc.Exe == "" && len(e.proc.Cmdline) == 0 {
				e.tries++
			}
		}
		l.log.Debug("processes read", "count", len(fresh))
	}
	if len(l.byPID) == len(ids) {
		return changed, nil // every known pid was listed: none exited
	}
	for pid, e := range l.byPID {
		if e.seen != l.gen {
			if e.state == stateLive {
				changed = true
			}
			delete(l.byPID, pid)
		}
	}
	return changed, nil
}

// readAll is List for a source that reads every head in one call.
func (l *cachedLister) readAll(ctx context.Context) ([]Proc, bool, error) {
	hs, err := l.src.heads(ctx)
	if err != nil {
		return nil, false, err
	}
	changed := !slices.Equal(hs, l.lastHs)
	l.lastHs = append(l.lastHs[:0], hs...)
	clear(l.seen)
	out := make([]Proc, len(hs))
	var fresh []*Proc
	var freshIdx []int
	for i, h := range hs {
		k := procKey{h.PID, h.Create}
		l.seen[k] = true
		e := l.cache[k]
		if e != nil && e.name == h.Name && (e.proc.Exe != "" || len(e.proc.Cmdline) > 0 || e.tries >= maxTries) {
			out[i] = e.proc
			if h.PPID != 0 {
				out[i].PPID = h.PPID // a process is re-parented when its parent exits
			}
			continue
		}
		out[i] = Proc{PID: h.PID, PPID: h.PPID, Create: h.Create, Name: h.Name}
		fresh = append(fresh, &out[i])
		freshIdx = append(freshIdx, i)
	}
	if len(fresh) > 0 {
		changed = true
		l.src.details(ctx, fresh)
		for _, i := range freshIdx {
			p := out[i]
			k := procKey{p.PID, p.Create}
			e := l.cache[k]
			if e == nil || e.name != hs[i].Name {
				e = &cacheEntry{name: hs[i].Name}
				l.cache[k] = e
			}
			e.proc = p
			if p.Exe == "" && len(p.Cmdline) == 0 {
				e.tries++
			}
		}
		l.log.Debug("processes read", "count", len(fresh))
	}
	for k := range l.cache {
		if !l.seen[k] {
			delete(l.cache, k)
		}
	}
	return out, changed, nil
}

// commLen is how much of a name Linux keeps in /proc/<pid>/comm.
const commLen = 15

// longName extends a comm cut at 15 bytes with the file name of argv[0], as
// gopsutil does: "telegram-deskto" + "/usr/bin/telegram-desktop" gives
// "telegram-desktop". Chromium rewrites its helpers' argv into one
// space-joined string; the part from " -" on is not part of the name.
func longName(comm string, cmdline []string) string {
	if len(comm) < commLen || len(cmdline) == 0 {
		return comm
	}
	a0 := cmdline[0]
	if i := strings.Index(a0, " -"); i >= 0 {
		a0 = a0[:i]
	}
	b := filepath.Base(strings.ReplaceAll(a0, `\`, "/"))
	if len(b) > len(comm) && strings.HasPrefix(b, comm) {
		return b
	}
	return comm
}

// isHelper reports whether a command line is an Electron or Chromium helper
// (renderer, GPU, utility, zygote): an argument starting with --type=.
// Chromium rewrites its helpers' argv into one space-joined string on Linux,
// so " --type=" inside an argument counts too.
func isHelper(cmdline []string) bool {
	for _, a := range cmdline {
		if strings.HasPrefix(a, "--type=") || strings.Contains(a, " --type=") {
			return true
		}
	}
	return false
}
