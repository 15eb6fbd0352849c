package usage

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// darwinSource reads every process's pid, parent, short name and start time
// with one kern.proc.all sysctl per sample, and the exe path and arguments
// once per process from kern.procargs2 (readable for the user's own
// processes). gopsutil v3 without cgo runs lsof and ps once per process for
// these, which costs far more than a sample may (research B6).
type darwinSource struct {
	log *slog.Logger
}

func newProcSource(log *slog.Logger) procSource { return &darwinSource{log: log} }

func (s *darwinSource) heads(ctx context.Context) ([]head, error) {
	kps, err := unix.SysctlKinfoProcSlice("kern.proc.all")
	if err != nil {
		return nil, fmt.Errorf("list processes: %w", err)
	}
	out := make([]head, 0, len(kps))
	for i := range kps {
		k := &kps[i]
		if k.Proc.P_pid == 0 {
			continue
		}
		st := k.Proc.P_starttime
		out = append(out, head{PID: k.Proc.P_pid, PPID: k.Eproc.Ppid,
			Create: st.Sec*1000 + int64(st.Usec)/1000, Name: unix.ByteSliceToString(k.Proc.P_comm[:])})
	}
	return out, nil
}

func (s *darwinSource) details(ctx context.Context, ps []*Proc) {
	for _, p := range ps {
		b, err := unix.SysctlRaw("kern.procargs2", int(p.PID))
		if err != nil {
			continue // another user's process, or it exited
		}
		exe, args, err := parseProcArgs2(b)
		if err != nil {
			continue
		}
		p.Exe, p.Cmdline = exe, args
		if exe != "" {
			p.Name = filepath.Base(exe)
		}
	}
}
