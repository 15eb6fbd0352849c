package usage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"

	"github.com/shirou/gopsutil/v3/process"
	"golang.org/x/sys/unix"
)

// linuxSource reads /proc. It is a scanSource: one listing of /proc per
// sample gives every pid with its token, and /proc/<pid>/stat is read only
// where the lister asks; exe, cmdline and cgroup are read once per process.
type linuxSource struct {
	log    *slog.Logger
	bootMS int64 // read once: btime moves when the wall clock is set
	buf    []byte
	dents  []byte // getdents buffer, reused
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat's start time. It is
// 100 on every architecture TalkFirst ships for (amd64, arm64).
const clockTicks = 100

func newProcSource(log *slog.Logger) procSource {
	s := &linuxSource{log: log, buf: make([]byte, 4096), dents: make([]byte, 64<<10)}
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		if bt, err := parseBootTime(b); err == nil {
			s.bootMS = bt * 1000
		}
	}
	if s.bootMS == 0 {
		log.Warn("boot time unreadable; process start times are relative to boot")
	}
	return s
}

// scan lists /proc with getdents. The token of a pid is the inode number
// of its /proc/<pid> directory, which the kernel puts in the directory entry
// (proc_fill_cache in fs/proc/base.c): the inode lives as long as the
// process does and its cached dentry, and a reused pid gets a new inode with
// a new number (get_next_ino), because the old process's dentries are
// dropped when it dies (proc_flush_pid, pid_delete_dentry). When the kernel
// evicts the dentry of a live process, its next inode has a new number too;
// the lister then reads the stat file, finds the same start time and keeps
// what it knew. An entry the kernel could not instantiate carries inode 1,
// which is no token (0).
func (s *linuxSource) scan(ctx context.Context, ids []pidToken) ([]pidToken, error) {
	fd, err := unix.Open("/proc", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return ids, fmt.Errorf("list processes: %w", err)
	}
	defer unix.Close(fd)
	for {
		n, err := unix.Getdents(fd, s.dents)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return ids, fmt.Errorf("list processes: %w", err)
		}
		if n == 0 {
			return ids, nil
		}
		ids = appendProcDirents(ids, s.dents[:n])
	}
}

func (s *linuxSource) head(pid int32) (head, bool, error) {
	b, err := s.readStat(pid)
	if err != nil {
		return head{}, false, err
	}
	st, err := parseProcStat(b)
	if err != nil {
		return head{}, false, err
	}
	if st.Flags&pfKthread != 0 || st.State == 'Z' || st.State == 'X' {
		return head{}, true, nil // kernel threads, and zombies: a process that ended runs no app
	}
	return head{PID: pid, PPID: st.PPID, Name: st.Comm,
		Create: s.bootMS + int64(st.StartTime)*1000/clockTicks}, false, nil
}

// heads reads every process; the lister uses scan and head instead.
func (s *linuxSource) heads(ctx context.Context) ([]head, error) {
	ids, err := s.scan(ctx, nil)
	if err != nil {
		return nil, err
	}
	out := make([]head, 0, len(ids))
	for _, id := range ids {
		if h, skip, err := s.head(id.pid); err == nil && !skip {
			out = append(out, h)
		}
	}
	return out, nil
}

// readStat reads /proc/<pid>/stat into a reused buffer with three system
// calls (os.Open adds several more per file, which shows at 400 processes
// every 2 seconds). The kernel hands out the whole file on the first read.
func (s *linuxSource) readStat(pid int32) ([]byte, error) {
	fd, err := unix.Open("/proc/"+strconv.Itoa(int(pid))+"/stat", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	n := 0
	for {
		m, err := unix.Read(fd, s.buf[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		n += m
		if m == 0 || n < len(s.buf) {
			return s.buf[:n], nil
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
}

func (s *linuxSource) details(ctx context.Context, ps []*Proc) {
	for _, p := range ps {
		gp := &process.Process{Pid: p.PID}
		if exe, err := gp.ExeWithContext(ctx); err == nil {
			p.Exe = cleanExe(exe)
		}
		if args, err := gp.CmdlineSliceWithContext(ctx); err == nil {
			p.Cmdline = args
		}
		if b, err := os.ReadFile("/proc/" + strconv.Itoa(int(p.PID)) + "/cgroup"); err == nil {
			p.Cgroup = string(b)
		} else if !errors.Is(err, fs.ErrNotExist) {
			s.log.Debug("cgroup unreadable", "pid", p.PID, "err", err)
		}
		p.Name = longName(p.Name, p.Cmdline)
	}
}
