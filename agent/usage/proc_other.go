//go:build !linux && !windows && !darwin

package usage

import (
	"context"
	"log/slog"

	"github.com/shirou/gopsutil/v3/process"
)

// gopsutilSource is the portable fallback: gopsutil for everything.
type gopsutilSource struct {
	log *slog.Logger
}

func newProcSource(log *slog.Logger) procSource { return &gopsutilSource{log: log} }

func (s *gopsutilSource) heads(ctx context.Context) ([]head, error) {
	pids, err := process.PidsWithContext(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]head, 0, len(pids))
	for _, pid := range pids {
		p := &process.Process{Pid: pid}
		create, err := p.CreateTimeWithContext(ctx)
		if err != nil {
			continue
		}
		out = append(out, head{PID: pid, Create: create})
	}
	return out, nil
}

func (s *gopsutilSource) details(ctx context.Context, ps []*Proc) {
	for _, p := range ps {
		gp := &process.Process{Pid: p.PID}
		p.Name, _ = gp.NameWithContext(ctx)
		p.PPID, _ = gp.PpidWithContext(ctx)
		p.Exe, _ = gp.ExeWithContext(ctx)
		p.Cmdline, _ = gp.CmdlineSliceWithContext(ctx)
	}
}
