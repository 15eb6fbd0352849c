package usage

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

var (
	user32               = windows.NewLazySystemDLL("user32.dll")
	kernel32             = windows.NewLazySystemDLL("kernel32.dll")
	procGetLastInputInfo = user32.NewProc("GetLastInputInfo")
	procGetTickCount64   = kernel32.NewProc("GetTickCount64")
	procGetTickCount     = kernel32.NewProc("GetTickCount")
	// GetPackageFamilyName exists from Windows 8 on.
	procGetPackageFamilyName = kernel32.NewProc("GetPackageFamilyName")
)

func newForeground(log *slog.Logger) Foreground {
	// A service runs in session 0, which has no desktop: it would see no
	// window and the idle time of no one (research B2, Session 0 isolation).
	var sid uint32
	if err := windows.ProcessIdToSessionId(windows.GetCurrentProcessId(), &sid); err == nil && sid == 0 {
		log.Warn("foreground unavailable", "why", words.MeasureWinService)
		return unavailable{why: words.New(words.MeasureWinService)}
	}
	if err := procGetLastInputInfo.Find(); err != nil {
		return unavailable{why: words.New(words.MeasureWinNoIdle), err: err}
	}
	return &winForeground{log: log}
}

// winForeground reads the foreground window with GetForegroundWindow and
// GetWindowThreadProcessId, the idle time with GetLastInputInfo, and the
// Store package family of the window's process. It never reads window
// titles.
type winForeground struct {
	log *slog.Logger
}

func (w *winForeground) Method() string  { return store.MeasureWindows }
func (w *winForeground) Why() words.Fact { return words.Fact{} }
func (w *winForeground) Close() error    { return nil }

type lastInputInfo struct {
	cbSize uint32
	dwTime uint32
}

func (w *winForeground) Active(ctx context.Context) (Window, error) {
	idle, err := winIdle()
	if err != nil {
		return Window{}, err
	}
	win := Window{Idle: idle}
	hwnd := windows.GetForegroundWindow()
	if hwnd == 0 {
		return win, ErrNoWindow
	}
	var pid uint32
	if _, err := windows.GetWindowThreadProcessId(hwnd, &pid); err != nil || pid == 0 {
		return win, ErrNoWindow // the window went away
	}
	// A Store (UWP) app's window is a frame owned by ApplicationFrameHost;
	// the app's own process owns the CoreWindow inside it.
	if className(hwnd) == "ApplicationFrameWindow" {
		if child := uwpChildPID(hwnd, pid); child != 0 {
			pid = child
		}
	}
	win.PID = int32(pid)
	win.Class = packageFamily(pid)
	return win, nil
}

func winIdle() (time.Duration, error) {
	li := lastInputInfo{cbSize: uint32(unsafe.Sizeof(lastInputInfo{}))}
	r, _, e := procGetLastInputInfo.Call(uintptr(unsafe.Pointer(&li)))
	if r == 0 {
		return 0, fmt.Errorf("idle time: %w", e)
	}
	// dwTime is a GetTickCount value; GetTickCount64's low 32 bits are the same count.
	proc := procGetTickCount64
	if proc.Find() != nil {
		proc = procGetTickCount
	}
	t, _, _ := proc.Call()
	now := uint32(t)
	return idleFromTicks(now, li.dwTime), nil
}

func className(hwnd windows.HWND) string {
	buf := make([]uint16, 256)
	n, err := windows.GetClassName(hwnd, &buf[0], int32(len(buf)))
	if err != nil || n <= 0 {
		return ""
	}
	return windows.UTF16ToString(buf[:n])
}

// uwpEnum is the state of the one EnumChildWindows walk in progress.
var uwpEnum struct {
	mu    sync.Mutex
	frame uint32 // pid of ApplicationFrameHost
	found uint32
}

var uwpCallback = windows.NewCallback(func(hwnd windows.HWND, _ uintptr) uintptr {
	var pid uint32
	if _, err := windows.GetWindowThreadProcessId(hwnd, &pid); err == nil && pid != 0 && pid != uwpEnum.frame {
		uwpEnum.found = pid
		return 0 // stop
	}
	return 1
})

func uwpChildPID(hwnd windows.HWND, frame uint32) uint32 {
	uwpEnum.mu.Lock()
	defer uwpEnum.mu.Unlock()
	uwpEnum.frame, uwpEnum.found = frame, 0
	windows.EnumChildWindows(hwnd, uwpCallback, nil)
	return uwpEnum.found
}

// packageFamily returns the Store package family of a process, "" for an
// unpackaged one or when it cannot be read.
func packageFamily(pid uint32) string {
	if procGetPackageFamilyName.Find() != nil {
		return ""
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return ""
	}
	defer windows.CloseHandle(h)
	buf := make([]uint16, 256)
	n := uint32(len(buf))
	r, _, _ := procGetPackageFamilyName.Call(uintptr(h), uintptr(unsafe.Pointer(&n)), uintptr(unsafe.Pointer(&buf[0])))
	if r != 0 { // APPMODEL_ERROR_NO_PACKAGE (15700) for an ordinary program
		return ""
	}
	return windows.UTF16ToString(buf[:min(int(n), len(buf))])
}
