package usage

import (
	"context"
	"fmt"
	"log/slog"
	"unsafe"

	"github.com/shirou/gopsutil/v3/process"
	"golang.org/x/sys/windows"
)

// windowsSource reads every process's pid, parent, image name and start time
// with one NtQuerySystemInformation call per sample (no process is opened),
// and the exe path and command line once per process through gopsutil.
type windowsSource struct {
	log *slog.Logger
	buf []uint64 // 8-byte aligned for SYSTEM_PROCESS_INFORMATION
}

func newProcSource(log *slog.Logger) procSource {
	return &windowsSource{log: log, buf: make([]uint64, 256*1024/8)}
}

func (s *windowsSource) heads(ctx context.Context) ([]head, error) {
	for range 8 {
		size := uint32(len(s.buf) * 8)
		var need uint32
		err := windows.NtQuerySystemInformation(windows.SystemProcessInformation, unsafe.Pointer(&s.buf[0]), size, &need)
		if err == windows.STATUS_INFO_LENGTH_MISMATCH {
			s.buf = make([]uint64, (max(need, size*2)+64*1024)/8)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("list processes: %w", err)
		}
		return s.walk(), nil
	}
	return nil, fmt.Errorf("list processes: buffer kept growing")
}

func (s *windowsSource) walk() []head {
	var out []head
	base := unsafe.Pointer(&s.buf[0])
	limit := uintptr(len(s.buf) * 8)
	for off := uintptr(0); off+unsafe.Sizeof(windows.SYSTEM_PROCESS_INFORMATION{}) <= limit; {
		spi := (*windows.SYSTEM_PROCESS_INFORMATION)(unsafe.Add(base, off))
		if pid := int32(spi.UniqueProcessID); pid != 0 { // 0 is the idle process
			name := spi.ImageName.String()
			if pid == 4 && name == "" {
				name = "System"
			}
			out = append(out, head{PID: pid, PPID: int32(spi.InheritedFromUniqueProcessID),
				Create: fileTimeToUnixMS(spi.CreateTime), Name: name})
		}
		if spi.NextEntryOffset == 0 {
			break
		}
		off += uintptr(spi.NextEntryOffset)
	}
	return out
}

func (s *windowsSource) details(ctx context.Context, ps []*Proc) {
	for _, p := range ps {
		gp := &process.Process{Pid: p.PID}
		if exe, err := gp.ExeWithContext(ctx); err == nil {
			p.Exe = exe
		}
		// The PEB read needs PROCESS_VM_READ, which fails more often than
		// the exe path; the command line only matters for Java.
		if line, err := gp.CmdlineWithContext(ctx); err == nil && line != "" {
			if args, err := windows.DecomposeCommandLine(line); err == nil {
				p.Cmdline = args
			}
		}
	}
}
