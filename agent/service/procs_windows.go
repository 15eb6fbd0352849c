package service

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"unsafe"

	"github.com/shirou/gopsutil/v3/process"
	"golang.org/x/sys/windows"
)

// windowsProcs finds agents in this logon session with a process snapshot
// and stops them through the named event Run waits on.
type windowsProcs struct {
	name string // Config.Name, for the stop event
}

func newProcs(cfg Config) procs { return windowsProcs{name: cfg.Name} }

func (p windowsProcs) spawn(s spawnSpec) (int, error) {
	f, err := os.OpenFile(s.log, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	start := func(flags uint32) (*exec.Cmd, error) {
		cmd := exec.Command(s.exe, s.args...)
		cmd.Env = append(os.Environ(), s.env...)
		cmd.Dir = s.dir
		cmd.Stdout, cmd.Stderr = f, f
		// No console (so no window), its own process group (a Ctrl+C in the
		// terminal that ran "start" does not reach it).
		cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: flags, HideWindow: true}
		return cmd, cmd.Start()
	}
	flags := uint32(windows.DETACHED_PROCESS | windows.CREATE_NEW_PROCESS_GROUP)
	// Out of the caller's job too, when the job allows it, so closing the
	// terminal's job does not end the agent.
	cmd, err := start(flags | windows.CREATE_BREAKAWAY_FROM_JOB)
	if errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		cmd, err = start(flags)
	}
	if err != nil {
		return 0, err
	}
	go cmd.Wait() // releases the process handle when it ends
	return cmd.Process.Pid, nil
}

func (p windowsProcs) find(exe, arg string) ([]int, error) {
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		return nil, err
	}
	defer windows.CloseHandle(snap)
	self := windows.GetCurrentProcessId()
	var session uint32
	if err := windows.ProcessIdToSessionId(self, &session); err != nil {
		return nil, err
	}
	base := filepath.Base(exe)
	var pids []int
	e := windows.ProcessEntry32{Size: uint32(unsafe.Sizeof(windows.ProcessEntry32{}))}
	for err = windows.Process32First(snap, &e); err == nil; err = windows.Process32Next(snap, &e) {
		pid := e.ProcessID
		if pid == self || !strings.EqualFold(windows.UTF16ToString(e.ExeFile[:]), base) {
			continue
		}
		var s uint32
		if windows.ProcessIdToSessionId(pid, &s) != nil || s != session {
			continue
		}
		if arg != "" {
			args, err := commandLine(pid)
			if err != nil || !hasArgs(args[1:], arg) {
				continue
			}
		}
		pids = append(pids, int(pid))
	}
	if !errors.Is(err, windows.ERROR_NO_MORE_FILES) {
		return pids, err
	}
	return pids, nil
}

// commandLine returns a process's arguments: asked of the kernel (Windows
// 8.1 and later), else read from the process's memory (its PEB), as gopsutil
// does. Wine 8 answers the first with STATUS_INVALID_INFO_CLASS (seen running
// status under Wine: an agent started at sign-in was not found).
func commandLine(pid uint32) ([]string, error) {
	args, err := queryCommandLine(pid)
	if err == nil {
		return args, nil
	}
	line, perr := (&process.Process{Pid: int32(pid)}).Cmdline()
	if perr != nil || line == "" {
		return nil, err
	}
	if args, perr = windows.DecomposeCommandLine(line); perr != nil || len(args) == 0 {
		return nil, err
	}
	return args, nil
}

func queryCommandLine(pid uint32) ([]string, error) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return nil, err
	}
	defer windows.CloseHandle(h)
	buf := make([]uintptr, 512) // pointer-aligned: it starts with a UNICODE_STRING
	for {
		var n uint32
		size := uint32(len(buf)) * uint32(unsafe.Sizeof(uintptr(0)))
		err := windows.NtQueryInformationProcess(h, windows.ProcessCommandLineInformation, unsafe.Pointer(&buf[0]), size, &n)
		if errors.Is(err, windows.STATUS_INFO_LENGTH_MISMATCH) && n > size {
			buf = make([]uintptr, n/uint32(unsafe.Sizeof(uintptr(0)))+1)
			continue
		}
		if err != nil {
			return nil, err
		}
		s := (*windows.NTUnicodeString)(unsafe.Pointer(&buf[0])).String()
		args, err := windows.DecomposeCommandLine(s)
		if err != nil || len(args) == 0 {
			return nil, errors.New("empty command line")
		}
		return args, nil
	}
}

func (p windowsProcs) alive(pid int, exe string) bool {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION|windows.SYNCHRONIZE, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	if ev, err := windows.WaitForSingleObject(h, 0); err != nil || ev != uint32(windows.WAIT_TIMEOUT) {
		return false // ended
	}
	name := make([]uint16, windows.MAX_LONG_PATH)
	n := uint32(len(name))
	if err := windows.QueryFullProcessImageName(h, 0, &name[0], &n); err != nil {
		return false
	}
	return strings.EqualFold(filepath.Base(windows.UTF16ToString(name[:n])), filepath.Base(exe))
}

// stop sets the session's stop event (see Run), which every agent of this
// name in the session waits on, or ends pid at once when force is set.
func (p windowsProcs) stop(pid int, force bool) error {
	if !force {
		name, err := windows.UTF16PtrFromString(stopEventName(p.name))
		if err != nil {
			return err
		}
		ev, err := windows.OpenEvent(windows.EVENT_MODIFY_STATE, false, name)
		if err != nil {
			return err // not listening: an older agent, or not ours
		}
		defer windows.CloseHandle(ev)
		return windows.SetEvent(ev)
	}
	h, err := windows.OpenProcess(windows.PROCESS_TERMINATE, false, uint32(pid))
	if err != nil {
		return err
	}
	defer windows.CloseHandle(h)
	return windows.TerminateProcess(h, 1)
}
