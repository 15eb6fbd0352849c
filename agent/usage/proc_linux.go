package usage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"

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

	// The last full listing, returned again while no task was created
	// since (see scan).
	listed   []pidToken
	lastPID  int64 // /proc/loadavg's last pid at that listing; -1: unknown
	reuses   int   // scans answered from listed since
	loadPath string
}

// relistEvery bounds how many scans in a row may be answered from the last
// listing: a full listing at least once a minute at the default interval
// drops the pids of processes that exited without anyone reading them.
const relistEvery = 30

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat's start time. It is
// 100 on every architecture TalkFirst ships for (amd64, arm64).
const clockTicks = 100

func newProcSource(log *slog.Logger) procSource {
	s := &linuxSource{log: log, buf: make([]byte, 4096), dents: make([]byte, 64<<10), lastPID: -1, loadPath: "/proc/loadavg"}
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
//
// Listing /proc is the largest part of a quiet sample (the kernel looks up
// every pid), so when no task was created since the last listing, scan
// returns that listing again: /proc/loadavg ends with the last pid the
// kernel handed out in this pid namespace, and every new process or thread
// here or in a nested namespace takes a new one. With no new pid there is
// no new process and no reused pid; a process that exited still shows, and
// goes at the next full listing (at least every relistEvery scans), or
// earlier when the lister reads it. A busy desktop creates threads all the
// time, so there this saves little; an idle one is listed once a minute.
func (s *linuxSource) scan(ctx context.Context, ids []pidToken) ([]pidToken, error) {
	last := int64(-1)
	if b, err := s.readFile(s.loadPath, false); err == nil {
		if n, err := parseLoadavgLastPID(b); err == nil {
			last = n
		}
	}
	if last >= 0 && last == s.lastPID && s.reuses < relistEvery-1 {
		s.reuses++
		return append(ids, s.listed...), nil
	}
	fd, err := unix.Open("/proc", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return ids, fmt.Errorf("list processes: %w", err)
	}
	defer unix.Close(fd)
	start := len(ids)
	for {
		n, err := unix.Getdents(fd, s.dents)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			s.lastPID = -1
			return ids, fmt.Errorf("list processes: %w", err)
		}
		if n == 0 {
			break
		}
		ids = appendProcDirents(ids, s.dents[:n])
	}
	s.listed = append(s.listed[:0], ids[start:]...)
	s.lastPID, s.reuses = last, 0
	return ids, nil
}

func (s *linuxSource) head(pid int32) (head, bool, error) {
	b, err := s.readFile("/proc/"+strconv.Itoa(int(pid))+"/stat", false)
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

// readFile reads a small /proc file (stat, loadavg) into a reused buffer
// with three system calls (os.Open adds several more per file). The kernel
// hands out the whole of such a file on the first read; with toEOF the file
// is read until the end instead (cmdline, cgroup: those may come in parts).
// The result is valid until the next read.
func (s *linuxSource) readFile(path string, toEOF bool) ([]byte, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	n := 0
	for {
		if n == len(s.buf) {
			s.buf = append(s.buf, make([]byte, len(s.buf))...)
		}
		m, err := unix.Read(fd, s.buf[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		n += m
		if m == 0 || (!toEOF && n < len(s.buf)) {
			return s.buf[:n], nil
		}
	}
}

// details reads exe, cmdline and cgroup the way gopsutil does, with fewer
// system calls and allocations: new processes are read on every sample on
// a desktop where programs start and end all the time.
func (s *linuxSource) details(ctx context.Context, ps []*Proc) {
	for _, p := range ps {
		dir := "/proc/" + strconv.Itoa(int(p.PID))
		if exe, err := os.Readlink(dir + "/exe"); err == nil {
			p.Exe = cleanExe(exe)
		}
		if b, err := s.readFile(dir+"/cmdline", true); err == nil {
			p.Cmdline = parseCmdline(b)
		}
		if b, err := s.readFile(dir+"/cgroup", true); err == nil {
			p.Cgroup = string(b)
		} else if !errors.Is(err, unix.ENOENT) && !errors.Is(err, unix.ESRCH) {
			s.log.Debug("cgroup unreadable", "pid", p.PID, "err", err)
		}
		p.Name = longName(p.Name, p.Cmdline)
	}
}
