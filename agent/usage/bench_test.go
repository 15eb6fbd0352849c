package usage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/store"
)

// procs400 is a busy Linux desktop: 400 processes, a few of them chat apps
// with Electron helpers, the rest system and desktop programs.
func procs400() []Proc {
	var ps []Proc
	add := func(p Proc) {
		p.PID = int32(len(ps) + 2)
		if p.PPID == 0 {
			p.PPID = 1
		}
		p.Create = 1_750_000_000_000 + int64(p.PID)
		if p.Cgroup == "" {
			p.Cgroup = "0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-x-" + fmt.Sprint(p.PID) + ".scope\n"
		}
		ps = append(ps, p)
	}
	add(Proc{Name: "Discord", Exe: "/usr/share/discord/Discord", Cmdline: []string{"/usr/share/discord/Discord"}})
	main := int32(len(ps) + 1)
	for i := range 8 {
		add(Proc{PPID: main, Name: "Discord", Exe: "/usr/share/discord/Discord",
			Cmdline: []string{fmt.Sprintf("/usr/share/discord/Discord --type=renderer --renderer-client-id=%d", i)}})
	}
	add(Proc{Name: "telegram-deskto", Exe: "/app/bin/Telegram",
		Cgroup: userScope + "app-flatpak-org.telegram.desktop-4411.scope\n", Cmdline: []string{"Telegram"}})
	add(Proc{Name: "java", Exe: "/usr/lib/jvm/bin/java", Cmdline: []string{"java", "-Xmx2G", "-cp", "a.jar:b.jar", "net.minecraft.client.main.Main", "--username", "sam"}})
	add(Proc{Name: "steam", Exe: "/home/sam/.local/share/Steam/ubuntu12_32/steam"})
	steam := int32(len(ps) + 1)
	for i := range 6 {
		add(Proc{PPID: steam, Name: "steamwebhelper", Exe: "/home/sam/.local/share/Steam/ubuntu12_64/steamwebhelper",
			Cmdline: []string{"steamwebhelper", fmt.Sprintf("--type=renderer-%d", i)}})
	}
	add(Proc{Name: "firefox", Exe: "/usr/lib/firefox/firefox", Cmdline: []string{"/usr/lib/firefox/firefox"}})
	ff := int32(len(ps) + 1)
	for len(ps) < 60 {
		add(Proc{PPID: ff, Name: "Isolated Web Co", Exe: "/usr/lib/firefox/firefox", Cmdline: []string{"/usr/lib/firefox/firefox", "-contentproc", "-isForBrowser", "tab"}})
	}
	for len(ps) < 400 {
		n := fmt.Sprintf("daemon-%03d", len(ps))
		add(Proc{Name: n, Exe: "/usr/libexec/" + n, Cmdline: []string{"/usr/libexec/" + n, "--session", "--no-fork"}})
	}
	return ps
}

// BenchmarkSample400 is one steady-state Sample over 400 processes: a fake
// Lister, the real Matcher (results kept per process), a fake foreground.
func BenchmarkSample400(b *testing.B) {
	ps := procs400()
	fg := &fakeForeground{method: store.MeasureX11, w: Window{PID: ps[0].PID, Class: "discord", Idle: time.Second}}
	s := NewSampler(&fakeLister{procs: ps}, testMatcher(b, catalog.Linux), fg, SystemClock(), 0, nil)
	ctx := context.Background()
	smp, err := s.Sample(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if fmt.Sprint(smp.Running) != "[discord minecraft steam telegram]" || smp.Foreground != "discord" {
		b.Fatalf("sample: %+v", smp)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Sample(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatch400 is matching 400 processes from scratch (the first
// sample, or a Sampler with nothing cached).
func BenchmarkMatch400(b *testing.B) {
	ps := procs400()
	m := testMatcher(b, catalog.Linux)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range ps {
			m.Match(p)
		}
	}
}

func BenchmarkListReal(b *testing.B) {
	l := NewProcLister(nil)
	ctx := context.Background()
	ps, err := l.List(ctx)
	if err != nil {
		b.Skipf("no process list here: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ps, err = l.List(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ps)), "procs")
}
