package usage

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
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

// NewProcLister returns the process lister for this OS. It reads every
// process's identity with one cheap call per sample (one read of
// /proc/<pid>/stat on Linux, one NtQuerySystemInformation for all processes
// on Windows, one kern.proc.all sysctl for all processes on macOS) and reads
// the expensive parts (Exe, Cmdline, Cgroup; gopsutil v3 on Linux and
// Windows) once per (pid, create time), again only when the process exec'd
// another program (its name changed). Cache entries of exited processes are
// dropped on every List. Linux kernel threads are left out.
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

// cachedLister keeps the expensive details per process identity.
type cachedLister struct {
	src procSource
	log *slog.Logger

	mu    sync.Mutex
	cache map[procKey]*cacheEntry
	seen  map[procKey]bool // scratch, reused between calls
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

func newCachedLister(src procSource, log *slog.Logger) *cachedLister {
	return &cachedLister{src: src, log: log, cache: map[procKey]*cacheEntry{}, seen: map[procKey]bool{}}
}

func (l *cachedLister) List(ctx context.Context) ([]Proc, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	hs, err := l.src.heads(ctx)
	if err != nil {
		return nil, err
	}
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
	return out, nil
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
