package usage

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"strconv"

	"github.com/shirou/gopsutil/v3/process"
	"golang.org/x/sys/unix"
)

// linuxSource reads /proc: one read of /proc/<pid>/stat per process per
// sample, and exe, cmdline and cgroup once per process.
type linuxSource struct {
	log    *slog.Logger
	bootMS int64 // read once: btime moves when the wall clock is set
	buf    []byte
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat's start time. It is
// 100 on every architecture TalkFirst ships for (amd64, arm64).
const clockTicks = 100

func newProcSource(log *slog.Logger) procSource {
	s := &linuxSource{log: log, buf: make([]byte, 4096)}
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

func (s *linuxSource) heads(ctx context.Context) ([]head, error) {
	pids, err := process.PidsWithContext(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]head, 0, len(pids))
	for _, pid := range pids {
		b, err := s.readStat(pid)
		if err != nil {
			continue // exited since the directory was read, or not ours to read
		}
		st, err := parseProcStat(b)
		if err != nil || st.Flags&pfKthread != 0 || st.State == 'Z' || st.State == 'X' {
			continue // kernel threads, and zombies: a process that ended runs no app
		}
		out = append(out, head{PID: pid, PPID: st.PPID, Name: st.Comm,
			Create: s.bootMS + int64(st.StartTime)*1000/clockTicks})
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
