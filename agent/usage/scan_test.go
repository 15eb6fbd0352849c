package usage

import (
	"context"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// dirent builds one struct linux_dirent64 record, padded to 8 bytes.
func dirent(ino uint64, name string) []byte {
	n := (19 + len(name) + 1 + 7) &^ 7
	b := make([]byte, n)
	binary.NativeEndian.PutUint64(b[0:], ino)
	binary.NativeEndian.PutUint64(b[8:], 99) // d_off, unused
	binary.NativeEndian.PutUint16(b[16:], uint16(n))
	b[18] = 4 // DT_DIR
	copy(b[19:], name)
	return b
}

func TestAppendProcDirents(t *testing.T) {
	join := func(rs ...[]byte) []byte { return slices.Concat(rs...) }
	tests := []struct {
		name string
		in   []byte
		want []pidToken
	}{
		{"pids and other entries", join(dirent(1, "."), dirent(1, ".."), dirent(4026531842, "self"), dirent(1582, "1"),
			dirent(2045, "2"), dirent(9000, "sys"), dirent(77777, "4194303")),
			[]pidToken{{1, 1582}, {2, 2045}, {4194303, 77777}}},
		// inode 1 is what the kernel puts in an entry it could not instantiate: no token.
		{"entry without an inode", join(dirent(1, "300"), dirent(5, "301")), []pidToken{{300, 0}, {301, 5}}},
		{"not pids", join(dirent(7, "012"), dirent(7, "12a"), dirent(7, "-3"), dirent(7, "99999999999"), dirent(7, "")), nil},
		// a record cut at the end of the buffer is left out
		{"cut record", join(dirent(8, "42"), dirent(9, "43")[:20]), []pidToken{{42, 8}}},
		{"empty", nil, nil},
	}
	for _, tc := range tests {
		if got := appendProcDirents(nil, tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// fakeScan is a scanSource with a settable process table that counts reads.
type fakeScan struct {
	ids     []pidToken
	procs   map[int32]head // what head reads; absent: not readable
	skip    map[int32]bool // kernel threads and zombies
	full    map[int32]Proc // what details reads
	reads   map[int32]int  // head reads
	dreads  map[int32]int  // detail reads
	listErr error
}

func newFakeScan() *fakeScan {
	return &fakeScan{procs: map[int32]head{}, skip: map[int32]bool{}, full: map[int32]Proc{},
		reads: map[int32]int{}, dreads: map[int32]int{}}
}

// add starts (or replaces) a process under pid with a token.
func (f *fakeScan) add(pid int32, token uint64, h head, full Proc) {
	h.PID = pid
	f.procs[pid], f.full[pid] = h, full
	i := slices.IndexFunc(f.ids, func(id pidToken) bool { return id.pid == pid })
	if i < 0 {
		f.ids = append(f.ids, pidToken{pid, token})
	} else {
		f.ids[i].token = token
	}
}

func (f *fakeScan) remove(pid int32) {
	f.ids = slices.DeleteFunc(f.ids, func(id pidToken) bool { return id.pid == pid })
	delete(f.procs, pid)
}

func (f *fakeScan) scan(_ context.Context, ids []pidToken) ([]pidToken, error) {
	return append(ids, f.ids...), f.listErr
}

func (f *fakeScan) head(pid int32) (head, bool, error) {
	f.reads[pid]++
	h, ok := f.procs[pid]
	if !ok {
		return head{}, false, errors.New("no such process")
	}
	return h, f.skip[pid], nil
}

func (f *fakeScan) heads(context.Context) ([]head, error) { return nil, errors.New("not used") }

func (f *fakeScan) details(_ context.Context, ps []*Proc) {
	for _, p := range ps {
		f.dreads[p.PID]++
		d := f.full[p.PID]
		p.Exe, p.Cmdline = d.Exe, d.Cmdline
	}
}

func TestCachedListerScan(t *testing.T) {
	now := time.UnixMilli(1_800_000_000_000)
	old := now.Add(-time.Hour).UnixMilli()
	src := newFakeScan()
	src.add(1, 11, head{Create: old, Name: "systemd"}, Proc{Exe: "/usr/lib/systemd/systemd"})
	src.add(2, 12, head{Create: old, Name: "kthreadd"}, Proc{})
	src.skip[2] = true
	src.add(100, 110, head{PPID: 1, Create: old, Name: "Discord"}, Proc{Exe: "/usr/share/discord/Discord"})
	src.add(200, 210, head{PPID: 1, Create: old, Name: "bash"}, Proc{Exe: "/usr/bin/bash"})
	l := newCachedLister(src, discard())
	l.now = func() time.Time { return now }
	ctx := context.Background()
	list := func() ([]Proc, uint64) {
		t.Helper()
		ps, v, err := l.listVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ps, v
	}
	pids := func(ps []Proc) []int32 {
		var out []int32
		for _, p := range ps {
			out = append(out, p.PID)
		}
		return out
	}
	reset := func() { clear(src.reads); clear(src.dreads) }

	ps, v1 := list()
	if !slices.Equal(pids(ps), []int32{1, 100, 200}) || ps[1].Exe != "/usr/share/discord/Discord" {
		t.Fatalf("first list: %+v", ps)
	}
	if src.reads[2] != 1 || src.dreads[2] != 0 {
		t.Errorf("kernel thread: %d head reads, %d detail reads; want 1, 0", src.reads[2], src.dreads[2])
	}
	l.watch([]procKey{{100, old}})

	// Nothing changed: over recheckEvery lists the version stays, the
	// watched process is read every time, every other one once, the kernel
	// thread never, and no details are read again.
	reset()
	for range recheckEvery {
		if _, v := list(); v != v1 {
			t.Fatalf("version moved from %d to %d with nothing changed", v1, v)
		}
	}
	if src.reads[100] != recheckEvery || src.reads[1] != 1 || src.reads[200] != 1 || src.reads[2] != 0 || len(src.dreads) != 0 {
		t.Fatalf("head reads %v, detail reads %v", src.reads, src.dreads)
	}

	// The watched process execs: noticed on the next list.
	reset()
	src.add(100, 110, head{PPID: 1, Create: old, Name: "sleep"}, Proc{Exe: "/usr/bin/sleep"})
	ps, v2 := list()
	if v2 == v1 || ps[1].Name != "sleep" || ps[1].Exe != "/usr/bin/sleep" || src.dreads[100] != 1 {
		t.Fatalf("after the watched exec: version %d (was %d), %+v, details %v", v2, v1, ps[1], src.dreads)
	}
	l.watch(nil)

	// An unwatched old process execs: noticed within recheckEvery lists.
	reset()
	src.add(200, 210, head{PPID: 1, Create: old, Name: "Discord"}, Proc{Exe: "/usr/share/discord/Discord"})
	var n int
	for n = 1; n <= recheckEvery; n++ {
		if ps, _ := list(); ps[2].Name == "Discord" {
			break
		}
	}
	if n > recheckEvery || src.dreads[200] != 1 {
		t.Fatalf("unwatched exec seen after %d lists (details %v), want at most %d", n, src.dreads, recheckEvery)
	}

	// The kernel dropped and remade /proc/1's dentry: new token, same
	// process. The head is read, the details are not, the list is the same.
	reset()
	_, v3 := list()
	src.add(1, 21, head{Create: old, Name: "systemd"}, Proc{Exe: "/usr/lib/systemd/systemd"})
	if _, v := list(); v != v3 || src.reads[1] != 1 || src.dreads[1] != 0 {
		t.Fatalf("new token, same process: version %d (was %d), heads %v, details %v", v, v3, src.reads, src.dreads)
	}

	// pid reuse between two lists: a new token and a new start time.
	reset()
	src.add(200, 220, head{PPID: 1, Create: now.UnixMilli(), Name: "Telegram"}, Proc{Exe: "/opt/telegram/Telegram"})
	ps, v4 := list()
	if v4 == v3 || ps[2].Create != now.UnixMilli() || ps[2].Exe != "/opt/telegram/Telegram" || src.dreads[200] != 1 {
		t.Fatalf("pid reuse: version %d, %+v, details %v", v4, ps[2], src.dreads)
	}

	// A young process (pid 200 started now) is read on every list until it
	// is youngFor old; then it is left alone.
	reset()
	list()
	list()
	if src.reads[200] != 2 {
		t.Fatalf("young process read %d times in 2 lists", src.reads[200])
	}
	now = now.Add(youngFor + time.Second)
	reset()
	for range recheckEvery {
		list()
	}
	if src.reads[200] != 1 {
		t.Fatalf("grown-up process read %d times in %d lists, want 1", src.reads[200], recheckEvery)
	}

	// Re-parented, seen at the next read.
	src.procs[100] = head{PID: 100, PPID: 200, Create: old, Name: "sleep"}
	l.watch([]procKey{{100, old}})
	if ps, _ := list(); ps[1].PPID != 200 {
		t.Fatalf("re-parented: %+v", ps[1])
	}

	// A watched process turns zombie: it leaves the list at once.
	src.skip[100] = true
	if ps, _ := list(); !slices.Equal(pids(ps), []int32{1, 200}) {
		t.Fatalf("after the zombie: %v", pids(ps))
	}

	// Exit: gone from the list and from the cache.
	src.remove(200)
	ps, v5 := list()
	if !slices.Equal(pids(ps), []int32{1}) || len(l.byPID) != 3 {
		t.Fatalf("after exit: %v, %d cached", pids(ps), len(l.byPID))
	}
	// A list the caller changed is not the lister's.
	pub, err := l.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pub[0].Name = "changed"
	if ps, v := list(); ps[0].Name != "systemd" || v != v5 {
		t.Fatalf("List handed out the lister's own slice: %+v", ps[0])
	}

	src.listErr = errors.New("boom")
	if _, err := l.List(ctx); err == nil {
		t.Fatal("List hid the source's error")
	}
}

// A process that shows neither exe nor command line is read again on a few
// rechecks, then left alone.
func TestCachedListerScanEmptyProcess(t *testing.T) {
	src := newFakeScan()
	src.add(8, 80, head{Create: 1, Name: "zombie"}, Proc{})
	l := newCachedLister(src, discard())
	for range (maxTries + 2) * recheckEvery {
		if _, _, err := l.listVersion(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if src.dreads[8] != maxTries {
		t.Fatalf("details read %d times, want %d", src.dreads[8], maxTries)
	}
}

// The Sampler matches again only when the list changed, and tells the
// lister which processes belong to an app.
func TestSamplerVersionedLister(t *testing.T) {
	now := time.Now()
	old := now.Add(-time.Hour).UnixMilli()
	src := newFakeScan()
	src.add(100, 1, head{PPID: 1, Create: old, Name: "Discord"}, Proc{Exe: "/usr/share/discord/Discord"})
	src.add(101, 2, head{PPID: 100, Create: old, Name: "Discord"},
		Proc{Exe: "/usr/share/discord/chrome_crashpad_handler", Cmdline: []string{"x", "--type=crashpad-handler"}})
	src.add(300, 3, head{PPID: 1, Create: old, Name: "bash"}, Proc{Exe: "/usr/bin/bash"})
	l := newCachedLister(src, discard())
	s := NewSampler(l, testMatcher(t, catalog.Linux), nil, &fakeClock{wall: t0}, 0, nil)
	ctx := context.Background()
	smp, err := s.Sample(ctx)
	if err != nil || !slices.Equal(smp.Running, []string{"discord"}) {
		t.Fatalf("first sample: %+v, %v", smp, err)
	}
	watched := func() []int32 {
		var out []int32
		for pid, e := range l.byPID {
			if e.watched {
				out = append(out, pid)
			}
		}
		slices.Sort(out)
		return out
	}
	if w := watched(); !slices.Equal(w, []int32{100, 101}) {
		t.Fatalf("watched %v, want Discord and its helper", w)
	}
	procs := s.procs
	s.Sample(ctx)
	if &s.procs[0] != &procs[0] {
		t.Fatal("the Sampler worked out an unchanged list again")
	}
	src.remove(100)
	src.remove(101)
	if smp, _ := s.Sample(ctx); len(smp.Running) != 0 || len(watched()) != 0 {
		t.Fatalf("after Discord quit: running %q, watched %v", smp.Running, watched())
	}
}
