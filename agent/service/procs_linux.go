package service

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// linuxProcs reads /proc and starts children in their own session.
type linuxProcs struct {
	uid  int
	proc string // "/proc"
}

func newProcs(cfg Config) procs { return linuxProcs{uid: cfg.UID, proc: "/proc"} }

func (p linuxProcs) spawn(s spawnSpec) (int, error) {
	f, err := os.OpenFile(s.log, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return 0, err
	}
	defer f.Close() // the child has its own copy
	cmd := exec.Command(s.exe, s.args...)
	cmd.Env = append(os.Environ(), s.env...)
	cmd.Dir = s.dir
	cmd.Stdout, cmd.Stderr = f, f // stdin is the null device
	// A new session: no controlling terminal, and closing the terminal that
	// ran "start" does not hang it up.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	// Reap it if it ends while this process still runs (tests, a long-lived
	// caller); after this process exits, init or the session's subreaper
	// does.
	go cmd.Wait()
	return cmd.Process.Pid, nil
}

func (p linuxProcs) find(exe, arg string) ([]int, error) {
	ents, err := os.ReadDir(p.proc)
	if err != nil {
		return nil, err
	}
	self := os.Getpid()
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		if p.match(pid, exe, arg) {
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

func (p linuxProcs) alive(pid int, exe string) bool { return p.match(pid, exe, "") }

// match reports whether pid is a live (not zombie) process of this user
// running exe, or a program with exe's file name, whose arguments hold arg:
// one argument, or several in order joined by NUL.
func (p linuxProcs) match(pid int, exe, arg string) bool {
	dir := filepath.Join(p.proc, strconv.Itoa(pid))
	fi, err := os.Stat(dir)
	if err != nil {
		return false
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != p.uid {
		return false
	}
	if stat, err := os.ReadFile(filepath.Join(dir, "stat")); err != nil || procDead(string(stat)) {
		return false
	}
	b, err := os.ReadFile(filepath.Join(dir, "cmdline"))
	if err != nil || len(b) == 0 { // kernel threads have none
		return false
	}
	args := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
	same := filepath.Base(args[0]) == filepath.Base(exe)
	if link, err := os.Readlink(filepath.Join(dir, "exe")); err == nil {
		// An upgraded binary reads "<path> (deleted)".
		same = same || strings.TrimSuffix(link, " (deleted)") == exe
	}
	return same && hasArgs(args[1:], arg)
}

// procDead reports whether a /proc/<pid>/stat line says zombie or dead.
func procDead(stat string) bool {
	i := strings.LastIndexByte(stat, ')') // the command name may hold spaces and parens
	if i < 0 || i+2 >= len(stat) {
		return true
	}
	switch stat[i+2] {
	case 'Z', 'X', 'x':
		return true
	}
	return false
}

func (p linuxProcs) stop(pid int, force bool) error {
	sig := syscall.SIGTERM
	if force {
		sig = syscall.SIGKILL
	}
	return syscall.Kill(pid, sig)
}
