package usage

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// fakeLister returns a fixed process list.
type fakeLister struct {
	procs []Proc
	err   error
}

func (f *fakeLister) List(context.Context) ([]Proc, error) { return f.procs, f.err }

// fakeForeground returns a fixed window or error and counts the looks.
type fakeForeground struct {
	method string
	w      Window
	err    error
	looks  int
}

func (f *fakeForeground) Method() string  { return f.method }
func (f *fakeForeground) Why() words.Fact { return words.Fact{} }
func (f *fakeForeground) Close() error    { return nil }
func (f *fakeForeground) Active(context.Context) (Window, error) {
	f.looks++
	return f.w, f.err
}

// A Linux desktop: Discord with helpers, Steam with a game it started,
// Firefox started from a Discord link, an xterm, a Minecraft JVM.
var desktopProcs = []Proc{
	{PID: 1, PPID: 0, Name: "systemd", Exe: "/usr/lib/systemd/systemd"},
	{PID: 100, PPID: 1, Name: "Discord", Exe: "/usr/share/discord/Discord", Cmdline: []string{"/usr/share/discord/Discord"}},
	{PID: 101, PPID: 100, Name: "Discord", Exe: "/usr/share/discord/Discord", Cmdline: []string{"/usr/share/discord/Discord --type=zygote"}},
	// A helper whose name and exe say nothing (e.g. chrome_crashpad): it
	// belongs to Discord through its --type= argument.
	{PID: 102, PPID: 101, Name: "chrome_crashpad", Exe: "/usr/share/discord/chrome_crashpad_handler", Cmdline: []string{"/usr/share/discord/chrome_crashpad_handler", "--type=crashpad-handler"}},
	{PID: 200, PPID: 1, Name: "steam", Exe: "/home/sam/.local/share/Steam/ubuntu12_32/steam"},
	{PID: 201, PPID: 200, Name: "reaper", Exe: "/home/sam/.local/share/Steam/ubuntu12_32/reaper"},
	{PID: 202, PPID: 201, Name: "Celeste", Exe: "/home/sam/.local/share/Steam/steamapps/common/Celeste/Celeste"},
	{PID: 300, PPID: 100, Name: "firefox", Exe: "/usr/lib/firefox/firefox", Cmdline: []string{"/usr/lib/firefox/firefox", "https://example.com/"}},
	{PID: 400, PPID: 1, Name: "xterm", Exe: "/usr/bin/xterm"},
	{PID: 500, PPID: 1, Name: "java", Exe: "/usr/bin/java", Cmdline: []string{"java", "-cp", "a.jar", "net.minecraft.client.main.Main"}},
	{PID: 600, PPID: 1, Name: "wireshark", Exe: "/usr/bin/wireshark"},
}

func TestSampler(t *testing.T) {
	errX := errors.New("x server went away")
	tests := []struct {
		name      string
		fg        *fakeForeground
		idle      time.Duration
		wantRun   []string
		wantFG    string
		wantKnown bool
		wantLooks int
	}{
		{"discord in front", &fakeForeground{method: store.MeasureX11, w: Window{PID: 100, Class: "discord", Idle: time.Second}},
			0, []string{"discord", "minecraft", "steam"}, "discord", true, 1},
		{"a discord helper's window", &fakeForeground{method: store.MeasureX11, w: Window{PID: 102}},
			0, []string{"discord", "minecraft", "steam"}, "discord", true, 1},
		// A game Steam started is not Steam.
		{"a steam game in front", &fakeForeground{method: store.MeasureX11, w: Window{PID: 202, Class: "Celeste"}},
			0, []string{"discord", "minecraft", "steam"}, "", true, 1},
		// A browser opened from a Discord link is not Discord.
		{"firefox started by discord", &fakeForeground{method: store.MeasureX11, w: Window{PID: 300, Class: "firefox", Instance: "Navigator"}},
			0, []string{"discord", "minecraft", "steam"}, "", true, 1},
		// The pid says xterm, which is no app: the class decides. A flatpak's
		// namespaced pid ends up here too.
		{"class when the pid is no app", &fakeForeground{method: store.MeasureX11, w: Window{PID: 400, Class: "TelegramDesktop"}},
			0, []string{"discord", "minecraft", "steam", "telegram"}, "telegram", true, 1},
		{"instance when the class is no app", &fakeForeground{method: store.MeasureX11, w: Window{PID: 9999, Class: "Xterm", Instance: "discord"}},
			0, []string{"discord", "minecraft", "steam"}, "discord", true, 1},
		{"minecraft by its jvm", &fakeForeground{method: store.MeasureX11, w: Window{PID: 500, Class: "Minecraft 1.21"}},
			0, []string{"discord", "minecraft", "steam"}, "minecraft", true, 1},
		{"idle at the threshold", &fakeForeground{method: store.MeasureX11, w: Window{PID: 100, Idle: 3 * time.Minute}},
			0, []string{"discord", "minecraft", "steam"}, "", true, 1},
		{"custom idle threshold", &fakeForeground{method: store.MeasureX11, w: Window{PID: 100, Idle: 90 * time.Second}},
			time.Minute, []string{"discord", "minecraft", "steam"}, "", true, 1},
		{"nothing focused", &fakeForeground{method: store.MeasureX11, err: ErrNoWindow},
			0, []string{"discord", "minecraft", "steam"}, "", true, 1},
		{"foreground failed this tick", &fakeForeground{method: store.MeasureX11, err: errX, w: Window{PID: 100}},
			0, []string{"discord", "minecraft", "steam"}, "", false, 1},
		{"unavailable", &fakeForeground{method: store.MeasureUnavailable, err: errors.ErrUnsupported},
			0, []string{"discord", "minecraft", "steam"}, "", false, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &fakeClock{wall: t0, mono: time.Hour}
			s := NewSampler(&fakeLister{procs: desktopProcs}, testMatcher(t, catalog.Linux), tc.fg, c, tc.idle, nil)
			got, err := s.Sample(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !got.Wall.Equal(t0) || got.Mono != time.Hour {
				t.Errorf("clock %v %v, want %v %v", got.Wall, got.Mono, t0, time.Hour)
			}
			if !slices.Equal(got.Running, tc.wantRun) {
				t.Errorf("running %q, want %q", got.Running, tc.wantRun)
			}
			if got.Foreground != tc.wantFG || got.ForegroundKnown != tc.wantKnown {
				t.Errorf("foreground %q known=%v, want %q known=%v", got.Foreground, got.ForegroundKnown, tc.wantFG, tc.wantKnown)
			}
			if tc.fg.looks != tc.wantLooks {
				t.Errorf("asked the foreground %d times, want %d", tc.fg.looks, tc.wantLooks)
			}
		})
	}
}

func TestProcLogValue(t *testing.T) {
	var b strings.Builder
	log := slog.New(slog.NewTextHandler(&b, nil))
	log.Info("process", "proc", Proc{PID: 7, Name: "firefox", Exe: "/home/sam/secret/firefox", Cmdline: []string{"firefox", "https://example.com/private"}})
	if s := b.String(); strings.Contains(s, "secret") || strings.Contains(s, "https") || !strings.Contains(s, "firefox") {
		t.Errorf("logged %q", s)
	}
}

func TestSamplerListError(t *testing.T) {
	s := NewSampler(&fakeLister{err: errors.New("no /proc")}, testMatcher(t, catalog.Linux), nil, &fakeClock{wall: t0}, 0, nil)
	if _, err := s.Sample(context.Background()); err == nil {
		t.Fatal("Sample succeeded without a process list")
	}
}

// countingMatcherProcs checks that match results are kept per process and
// dropped with it: a process that changes its exe is matched again.
func TestSamplerMatchCache(t *testing.T) {
	l := &fakeLister{procs: []Proc{{PID: 10, Create: 1, Name: "x", Exe: "/usr/bin/x"}}}
	s := NewSampler(l, testMatcher(t, catalog.Linux), nil, &fakeClock{wall: t0}, 0, nil)
	ctx := context.Background()
	smp, _ := s.Sample(ctx)
	if len(smp.Running) != 0 {
		t.Fatalf("running %q", smp.Running)
	}
	// Same pid and start, new program (exec): matched afresh.
	l.procs = []Proc{{PID: 10, Create: 1, Name: "Discord", Exe: "/usr/share/discord/Discord"}}
	smp, _ = s.Sample(ctx)
	if !slices.Equal(smp.Running, []string{"discord"}) {
		t.Fatalf("after exec: running %q, want discord", smp.Running)
	}
	l.procs = nil
	smp, _ = s.Sample(ctx)
	if len(smp.Running) != 0 || len(s.matches) != 0 {
		t.Fatalf("after exit: running %q, %d cached matches", smp.Running, len(s.matches))
	}
}

// fakeSource is a procSource with a settable process table that counts
// detail reads.
type fakeSource struct {
	heads_  []head
	full    map[int32]Proc // what details would read
	reads   map[int32]int
	listErr error
}

func (f *fakeSource) heads(context.Context) ([]head, error) { return f.heads_, f.listErr }
func (f *fakeSource) details(_ context.Context, ps []*Proc) {
	for _, p := range ps {
		f.reads[p.PID]++
		d := f.full[p.PID]
		p.Exe, p.Cmdline, p.Cgroup = d.Exe, d.Cmdline, d.Cgroup
		if d.Name != "" {
			p.Name = d.Name
		}
	}
}

func TestCachedLister(t *testing.T) {
	src := &fakeSource{
		heads_: []head{{PID: 1, Create: 100, Name: "init"}, {PID: 7, PPID: 1, Create: 200, Name: "telegram-deskto"}},
		full: map[int32]Proc{
			1: {Exe: "/sbin/init"},
			7: {Name: "telegram-desktop", Exe: "/usr/bin/telegram-desktop", Cmdline: []string{"/usr/bin/telegram-desktop", "--"}},
		},
		reads: map[int32]int{},
	}
	l := newCachedLister(src, discard())
	ctx := context.Background()
	list := func() []Proc {
		t.Helper()
		ps, err := l.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	ps := list()
	if len(ps) != 2 || ps[1].Name != "telegram-desktop" || ps[1].Exe != "/usr/bin/telegram-desktop" || ps[1].PPID != 1 {
		t.Fatalf("first list: %+v", ps)
	}
	list()
	list()
	if src.reads[1] != 1 || src.reads[7] != 1 {
		t.Fatalf("details read %v times; want once per process", src.reads)
	}

	// Re-parented: the cheap part is fresh, the details still cached.
	src.heads_[1].PPID = 1000
	if ps := list(); ps[1].PPID != 1000 || src.reads[7] != 1 {
		t.Fatalf("re-parented: ppid %d, reads %d", ps[1].PPID, src.reads[7])
	}

	// exec: same pid and start time, new name → details read again.
	src.heads_[1].Name = "Discord"
	src.full[7] = Proc{Exe: "/usr/share/discord/Discord"}
	if ps := list(); ps[1].Exe != "/usr/share/discord/Discord" || src.reads[7] != 2 {
		t.Fatalf("after exec: %+v, reads %d", ps[1], src.reads[7])
	}

	// pid reuse: same pid, new start time → a new process.
	src.heads_[1] = head{PID: 7, PPID: 1, Create: 900, Name: "Discord"}
	if list(); src.reads[7] != 3 {
		t.Fatalf("pid reuse: reads %d, want 3", src.reads[7])
	}

	// Exit: the cache forgets it.
	src.heads_ = src.heads_[:1]
	list()
	if len(l.cache) != 1 {
		t.Fatalf("cache holds %d entries after an exit, want 1", len(l.cache))
	}

	// A process showing neither exe nor command line (caught mid-exec) is
	// read again a few times, then left alone.
	src.heads_ = append(src.heads_, head{PID: 8, Create: 300, Name: "zombie"})
	for range maxTries + 3 {
		list()
	}
	if src.reads[8] != maxTries {
		t.Fatalf("empty process read %d times, want %d", src.reads[8], maxTries)
	}

	src.listErr = errors.New("boom")
	if _, err := l.List(ctx); err == nil {
		t.Fatal("List hid the source's error")
	}
}

func TestLongName(t *testing.T) {
	tests := []struct {
		comm string
		argv []string
		want string
	}{
		{"telegram-deskto", []string{"/usr/bin/telegram-desktop"}, "telegram-desktop"},
		{"telegram-deskto", []string{"telegram-desktop", "-startintray"}, "telegram-desktop"},
		{"whatsapp-for-li", []string{"/app/bin/whatsapp-for-linux --type=renderer"}, "whatsapp-for-linux"},
		{"Discord", []string{"/usr/share/discord/Discord"}, "Discord"},
		// argv[0] that does not extend comm is not trusted.
		{"telegram-deskto", []string{"/usr/bin/other"}, "telegram-deskto"},
		{"telegram-deskto", nil, "telegram-deskto"},
	}
	for _, tc := range tests {
		if got := longName(tc.comm, tc.argv); got != tc.want {
			t.Errorf("longName(%q, %q) = %q, want %q", tc.comm, tc.argv, got, tc.want)
		}
	}
}

func TestIsHelper(t *testing.T) {
	tests := []struct {
		argv []string
		want bool
	}{
		{[]string{"Discord.exe", "--type=renderer"}, true},
		{[]string{"/usr/share/discord/Discord --type=zygote --no-sandbox"}, true},
		{[]string{"Discord.exe", "--typed=x"}, false},
		{[]string{"Discord.exe", "https://example.com/?--type=x"}, false},
		{nil, false},
	}
	for _, tc := range tests {
		if got := isHelper(tc.argv); got != tc.want {
			t.Errorf("isHelper(%q) = %v, want %v", tc.argv, got, tc.want)
		}
	}
}
