package usage

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

func TestParseProcStat(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    procStat
		wantErr bool
	}{
		{"plain", "22409 (cat) R 22407 22407 19289 0 -1 4194304 103 0 0 0 0 0 0 0 20 0 1 0 152471 3133440 415 18446744073709551615 0\n",
			procStat{Comm: "cat", State: 'R', PPID: 22407, Flags: 4194304, StartTime: 152471}, false},
		// A name may hold spaces and parentheses; fields count from the last ')'.
		{"name with parens", "77 (Web (Content) x) S 12 77 77 0 -1 4194560 0 0 0 0 1 2 0 0 20 0 30 0 999 1 1 1\n",
			procStat{Comm: "Web (Content) x", State: 'S', PPID: 12, Flags: 4194560, StartTime: 999}, false},
		{"zombie", "90 (Discord) Z 80 90 90 0 -1 4227084 0 0 0 0 0 0 0 0 20 0 1 0 5000 0 0 1\n",
			procStat{Comm: "Discord", State: 'Z', PPID: 80, Flags: 4227084, StartTime: 5000}, false},
		{"kernel thread", "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0 18446744073709551615\n",
			procStat{Comm: "kthreadd", State: 'S', PPID: 0, Flags: 2129984, StartTime: 1}, false},
		{"truncated", "5 (x) S 1 5 5 0", procStat{}, true},
		{"no name", "5 x S 1 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1", procStat{}, true},
		{"bad number", "5 (x) S one 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1", procStat{}, true},
		{"empty", "", procStat{}, true},
	}
	for _, tc := range tests {
		got, err := parseProcStat([]byte(tc.in))
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("%s: parseProcStat = %+v, %v; want %+v, err %v", tc.name, got, err, tc.want, tc.wantErr)
		}
	}
	if st, _ := parseProcStat([]byte("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 1 0")); st.Flags&pfKthread == 0 {
		t.Error("kthreadd is not flagged as a kernel thread")
	}
}

func TestParseCmdline(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"/usr/bin/telegram-desktop\x00--\x00", []string{"/usr/bin/telegram-desktop", "--"}},
		// Chromium rewrites its helpers' argv into one space-joined string.
		{"/usr/share/discord/Discord --type=renderer --lang=en\x00\x00\x00", []string{"/usr/share/discord/Discord --type=renderer --lang=en"}},
		{"java\x00\x00-jar\x00", []string{"java", "", "-jar"}},
		{"", nil},         // a kernel thread or a zombie
		{"\x00\x00", nil}, // a process that cleared its arguments
	}
	for _, tc := range tests {
		if got := parseCmdline([]byte(tc.in)); !slices.Equal(got, tc.want) || (got == nil) != (tc.want == nil) {
			t.Errorf("parseCmdline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseLoadavgLastPID(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"0.20 0.18 0.12 1/80 11206\n", 11206, false},
		{"12.50 9.01 7.77 15/2304 4194303", 4194303, false},
		{"0.20 0.18 0.12 1/80", 0, true},
		{"0.20 0.18 0.12 1/80 x", 0, true},
		{"0.20 0.18 0.12 80 11206", 0, true},
		{"", 0, true},
	}
	for _, tc := range tests {
		got, err := parseLoadavgLastPID([]byte(tc.in))
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("parseLoadavgLastPID(%q) = %d, %v; want %d, err %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestParseBootTime(t *testing.T) {
	got, err := parseBootTime([]byte("cpu  1 2 3\nintr 5\nctxt 9\nbtime 1795723582\nprocesses 10\n"))
	if err != nil || got != 1795723582 {
		t.Errorf("parseBootTime = %d, %v", got, err)
	}
	if _, err := parseBootTime([]byte("cpu 1\n")); err == nil {
		t.Error("no btime line: no error")
	}
	if _, err := parseBootTime([]byte("btime soon\n")); err == nil {
		t.Error("bad btime: no error")
	}
}

func TestCleanExe(t *testing.T) {
	if got := cleanExe("/usr/share/discord/Discord (deleted)"); got != "/usr/share/discord/Discord" {
		t.Errorf("cleanExe = %q", got)
	}
	if got := cleanExe("/usr/bin/x"); got != "/usr/bin/x" {
		t.Errorf("cleanExe = %q", got)
	}
}

func procargs(argc uint32, exe string, pad int, rest string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, argc)
	b = append(b, exe...)
	b = append(b, make([]byte, 1+pad)...)
	return append(b, rest...)
}

func TestParseProcArgs2(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		wantExe  string
		wantArgs []string
		wantErr  bool
	}{
		{"app with args and environment",
			procargs(3, "/Applications/Discord.app/Contents/MacOS/Discord", 5, "/Applications/Discord.app/Contents/MacOS/Discord\x00--type=renderer\x00a b\x00HOME=/Users/sam\x00SECRET=x\x00"),
			"/Applications/Discord.app/Contents/MacOS/Discord", []string{"/Applications/Discord.app/Contents/MacOS/Discord", "--type=renderer", "a b"}, false},
		{"no padding", procargs(1, "/bin/sleep", 0, "sleep\x00"), "/bin/sleep", []string{"sleep"}, false},
		{"argc larger than the buffer", procargs(5, "/bin/x", 2, "x\x00y"), "/bin/x", []string{"x", "y"}, false},
		{"short", []byte{1, 0}, "", nil, true},
		{"no path end", binary.LittleEndian.AppendUint32(nil, 1), "", nil, true},
	}
	for _, tc := range tests {
		exe, args, err := parseProcArgs2(tc.in)
		if (err != nil) != tc.wantErr || exe != tc.wantExe || !slices.Equal(args, tc.wantArgs) {
			t.Errorf("%s: parseProcArgs2 = %q %q %v; want %q %q err %v", tc.name, exe, args, err, tc.wantExe, tc.wantArgs, tc.wantErr)
		}
	}
}

func TestFileTimeToUnixMS(t *testing.T) {
	if got := fileTimeToUnixMS(133485408000000000); got != time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli() {
		t.Errorf("2024-01-01 = %d", got)
	}
	if got := fileTimeToUnixMS(0); got != 0 {
		t.Errorf("zero = %d", got)
	}
}

func TestX11Session(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		wantDisplay string
		wantReason  words.Code
	}{
		{"x11", map[string]string{"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, ":0", ""},
		{"display only", map[string]string{"DISPLAY": ":1"}, ":1", ""},
		{"gnome wayland with xwayland", map[string]string{"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"},
			"", words.MeasureGnomeWayland},
		{"kde wayland by session type", map[string]string{"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "KDE"},
			"", words.MeasureKDEWayland},
		{"sway", map[string]string{"WAYLAND_DISPLAY": "wayland-1", "XDG_CURRENT_DESKTOP": "sway"},
			"", words.MeasureWayland},
		{"no display", map[string]string{"XDG_SESSION_TYPE": "tty"}, "", words.MeasureNoDesktop},
	}
	for _, tc := range tests {
		d, r := x11Session(func(k string) string { return tc.env[k] })
		if d != tc.wantDisplay || r != tc.wantReason {
			t.Errorf("%s: x11Session = %q, %q; want %q, %q", tc.name, d, r, tc.wantDisplay, tc.wantReason)
		}
	}
}

func TestParseWMClass(t *testing.T) {
	tests := []struct{ in, inst, class string }{
		{"xterm\x00discord\x00", "xterm", "discord"},
		{"Navigator\x00firefox\x00", "Navigator", "firefox"},
		{"telegram-desktop\x00TelegramDesktop", "telegram-desktop", "TelegramDesktop"},
		{"only\x00", "only", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		i, c := parseWMClass([]byte(tc.in))
		if i != tc.inst || c != tc.class {
			t.Errorf("parseWMClass(%q) = %q %q; want %q %q", tc.in, i, c, tc.inst, tc.class)
		}
	}
}

func TestIdleFromTicks(t *testing.T) {
	tests := []struct {
		name      string
		now, last uint32
		want      time.Duration
	}{
		{"plain", 10_000, 4_000, 6 * time.Second},
		{"no time", 5, 5, 0},
		// GetTickCount wrapped 49.7 days after boot, after the last input.
		{"wrap", 100, 0xFFFF_FF00, 356 * time.Millisecond},
		// Input injected with a later time stamp is input now.
		{"last after now", 100, 200, 0},
		{"long idle", 3_600_000, 0, time.Hour},
	}
	for _, tc := range tests {
		if got := idleFromTicks(tc.now, tc.last); got != tc.want {
			t.Errorf("%s: idleFromTicks(%d, %d) = %v, want %v", tc.name, tc.now, tc.last, got, tc.want)
		}
	}
}

func TestParseLsappinfo(t *testing.T) {
	asn, err := parseLsappinfoFront("ASN:0x0-0x1d01d:\n")
	if err != nil || asn != "ASN:0x0-0x1d01d:" {
		t.Errorf("front = %q, %v", asn, err)
	}
	for _, out := range []string{"", "\n", "[ NULL ]\n"} {
		if _, err := parseLsappinfoFront(out); !errors.Is(err, ErrNoWindow) {
			t.Errorf("front %q: %v, want ErrNoWindow", out, err)
		}
	}
	if _, err := parseLsappinfoFront("error: something \"odd\"\n"); err == nil || errors.Is(err, ErrNoWindow) {
		t.Errorf("front garbage: %v", err)
	}

	tests := []struct {
		name    string
		in      string
		bundle  string
		pid     int32
		wantErr bool
	}{
		{"both", "\"CFBundleIdentifier\"=\"com.hnc.Discord\"\n\"pid\"=4242\n", "com.hnc.Discord", 4242, false},
		{"spaced", "\"CFBundleIdentifier\" = \"com.tdesktop.Telegram\"\n\"pid\" = 77\n", "com.tdesktop.Telegram", 77, false},
		{"pid only", "\"pid\"=9\n", "", 9, false},
		{"bundle only", "\"CFBundleIdentifier\"=\"com.apple.finder\"\n", "com.apple.finder", 0, false},
		{"nothing", "\n", "", 0, true},
	}
	for _, tc := range tests {
		b, p, err := parseLsappinfoInfo(tc.in)
		if b != tc.bundle || p != tc.pid || (err != nil) != tc.wantErr {
			t.Errorf("%s: parseLsappinfoInfo = %q %d %v; want %q %d err %v", tc.name, b, p, err, tc.bundle, tc.pid, tc.wantErr)
		}
	}
}

func TestParseHIDIdle(t *testing.T) {
	out := `+-o IOHIDSystem  <class IOHIDSystem, id 0x1000004b3, registered, matched, active, busy 0 (0 ms), retain 23>
    {
      "HIDParameters" = {"HIDMouseAcceleration"=45056}
      "HIDIdleTime" = 5243081916
      "HIDScrollCountMinDeltaToStart" = 30
    }
`
	d, err := parseHIDIdle(out)
	if err != nil || d != 5243081916*time.Nanosecond {
		t.Errorf("parseHIDIdle = %v, %v", d, err)
	}
	if _, err := parseHIDIdle("+-o IOHIDSystem\n"); err == nil {
		t.Error("no HIDIdleTime: no error")
	}
	if d, err := parseHIDIdle(`"HIDIdleTime" = 99999999999999999999`); err == nil && d < 0 {
		t.Errorf("overflowing idle time gave %v", d)
	}
}

// TestNoTitleReads guards the rule that window titles are never asked for:
// no code in this package names a title property.
func TestNoTitleReads(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{`"_NET_WM_NAME"`, `"WM_NAME"`, "AtomWmName", `"_NET_WM_VISIBLE_NAME"`, "AtomWmIconName", "GetWindowText", `"title"`, "kCGWindowName"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s mentions %s: window titles must never be read", f, bad)
			}
		}
	}
}
