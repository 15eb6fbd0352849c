package usage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Pure parsers of the per-OS process sources, tested on every OS.

// procStat is what the lister needs from /proc/<pid>/stat.
type procStat struct {
	Comm      string
	State     byte // R, S, D, Z (zombie), X (dead), ...
	PPID      int32
	Flags     uint64
	StartTime uint64 // clock ticks after boot
}

// pfKthread is the kernel-thread flag in /proc/<pid>/stat (PF_KTHREAD).
const pfKthread = 0x00200000

// parseProcStat reads /proc/<pid>/stat. The name is in parentheses and may
// itself hold spaces and parentheses, so fields are counted from the last ')'.
func parseProcStat(b []byte) (procStat, error) {
	open := bytes.IndexByte(b, '(')
	end := bytes.LastIndexByte(b, ')')
	if open < 0 || end < open {
		return procStat{}, errors.New("parse stat: no name")
	}
	st := procStat{Comm: string(b[open+1 : end])}
	f := strings.Fields(string(b[end+1:]))
	// f[0] state, f[1] ppid, f[6] flags, f[19] starttime.
	if len(f) < 20 {
		return procStat{}, fmt.Errorf("parse stat: %d fields", len(f))
	}
	ppid, err := strconv.ParseInt(f[1], 10, 32)
	if err != nil {
		return procStat{}, fmt.Errorf("parse stat ppid: %w", err)
	}
	if st.Flags, err = strconv.ParseUint(f[6], 10, 64); err != nil {
		return procStat{}, fmt.Errorf("parse stat flags: %w", err)
	}
	if st.StartTime, err = strconv.ParseUint(f[19], 10, 64); err != nil {
		return procStat{}, fmt.Errorf("parse stat start time: %w", err)
	}
	st.PPID = int32(ppid)
	st.State = f[0][0]
	return st, nil
}

// appendProcDirents appends the numeric entries of a getdents64 buffer read
// from /proc (struct linux_dirent64: inode u64, offset s64, record length
// u16, type u8, then the NUL-terminated name) to ids, with the inode number
// as the token (1, an entry the kernel could not instantiate, is no token).
// Other entries (self, sys, ...) and a cut-off last record are left out.
func appendProcDirents(ids []pidToken, b []byte) []pidToken {
	const nameOff = 19
	for len(b) >= nameOff {
		reclen := int(binary.NativeEndian.Uint16(b[16:18]))
		if reclen < nameOff || reclen > len(b) {
			break
		}
		ino := binary.NativeEndian.Uint64(b[0:8])
		name := b[nameOff:reclen]
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		b = b[reclen:]
		pid, ok := parsePID(name)
		if !ok {
			continue
		}
		if ino == 1 {
			ino = 0
		}
		ids = append(ids, pidToken{pid: pid, token: ino})
	}
	return ids
}

// parsePID reads a /proc entry name that is a pid (no sign, no leading zero).
func parsePID(name []byte) (int32, bool) {
	if len(name) == 0 || len(name) > 10 || name[0] == '0' {
		return 0, false
	}
	var n int64
	for _, c := range name {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if n > 1<<31-1 {
		return 0, false
	}
	return int32(n), true
}

// parseCmdline splits /proc/<pid>/cmdline at its NULs, as gopsutil's
// CmdlineSlice does: nil when empty, trailing NULs dropped.
func parseCmdline(b []byte) []string {
	b = bytes.TrimRight(b, "\x00")
	if len(b) == 0 {
		return nil
	}
	return strings.Split(string(b), "\x00")
}

// parseLoadavgLastPID reads the last field of /proc/loadavg
// ("0.20 0.18 0.12 1/80 11206"): the pid most recently handed out.
func parseLoadavgLastPID(b []byte) (int64, error) {
	f := strings.Fields(string(b))
	if len(f) != 5 || !strings.Contains(f[3], "/") {
		return 0, fmt.Errorf("parse loadavg: %d fields", len(f))
	}
	n, err := strconv.ParseInt(f[4], 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("parse loadavg last pid: %q", f[4])
	}
	return n, nil
}

// parseBootTime finds "btime <unix seconds>" in /proc/stat.
func parseBootTime(b []byte) (int64, error) {
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "btime "); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("parse btime: %w", err)
			}
			return n, nil
		}
	}
	return 0, errors.New("parse btime: not found")
}

// cleanExe drops the " (deleted)" Linux appends to the exe link of a program
// whose file was replaced (an update) while it runs.
func cleanExe(s string) string {
	return strings.TrimSuffix(s, " (deleted)")
}

// parseProcArgs2 reads a macOS kern.procargs2 buffer: a 32-bit argc, the
// executable path, NUL padding, argc NUL-terminated arguments, then the
// environment (never read here).
func parseProcArgs2(b []byte) (exe string, args []string, err error) {
	if len(b) < 4 {
		return "", nil, errors.New("parse procargs2: short buffer")
	}
	argc := int(binary.LittleEndian.Uint32(b))
	rest := b[4:]
	i := bytes.IndexByte(rest, 0)
	if i < 0 {
		return "", nil, errors.New("parse procargs2: no executable path")
	}
	exe = string(rest[:i])
	rest = bytes.TrimLeft(rest[i:], "\x00")
	for len(args) < argc && len(rest) > 0 {
		j := bytes.IndexByte(rest, 0)
		if j < 0 {
			j = len(rest)
		}
		args = append(args, string(rest[:j]))
		rest = rest[min(j+1, len(rest)):]
	}
	return exe, args, nil
}

// fileTimeToUnixMS converts a Windows FILETIME (100 ns since 1601) to Unix ms.
func fileTimeToUnixMS(ft int64) int64 {
	const epochDiff = 116444736000000000 // 1601-01-01 to 1970-01-01 in 100 ns
	if ft <= 0 {
		return 0
	}
	return (ft - epochDiff) / 10000
}
