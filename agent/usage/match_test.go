package usage

import (
	"testing"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

func testMatcher(t testing.TB, os catalog.OS) *Matcher {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	m := NewMatcher(cat, os)
	// macOS bundles are read from Info.plist; the test's .app folders are fake.
	m.bundleID = func(dir string) (string, bool) {
		id, ok := map[string]string{
			"/Applications/Discord.app":            "com.hnc.Discord",
			"/Applications/Telegram Desktop.app":   "com.tdesktop.Telegram",
			"/Users/sam/Applications/Roblox.app":   "com.roblox.RobloxPlayer",
			"/Applications/Discord Bot Maker.app":  "com.example.discordbotmaker",
			"/Applications/Utilities/Terminal.app": "com.apple.Terminal",
		}[dir]
		return id, ok
	}
	return m
}

const userScope = "0::/user.slice/user-1000.slice/user@1000.service/app.slice/"

func TestMatch(t *testing.T) {
	tests := []struct {
		name string
		os   catalog.OS
		p    Proc
		want string // "" for no match
	}{
		// Sandbox identity (Linux cgroup).
		{"flatpak scope, any process name", catalog.Linux,
			Proc{Name: "bwrap", Exe: "/usr/bin/bwrap", Cgroup: userScope + "app-flatpak-org.telegram.desktop-81234.scope\n"}, "telegram"},
		{"flatpak discord", catalog.Linux,
			Proc{Name: "Discord", Exe: "/app/discord/Discord", Cgroup: userScope + "app-flatpak-com.discordapp.Discord-4411.scope"}, "discord"},
		// systemd escapes "-" in unit names: ch.threema.threema-desktop.
		{"flatpak id with an escaped dash", catalog.Linux,
			Proc{Name: "electron", Cgroup: userScope + `app-flatpak-ch.threema.threema\x2ddesktop-77.scope`}, "threema"},
		// 64Gram runs as telegram-desktop inside its own flatpak: still Telegram.
		{"flatpak 64Gram", catalog.Linux,
			Proc{Name: "telegram-deskto", Cgroup: userScope + "app-flatpak-io.github.tdesktop_x64.TDesktop-12.scope"}, "telegram"},
		{"snap scope", catalog.Linux,
			Proc{Name: "snap-exec", Cgroup: userScope + "snap.discord.discord-3f1c29a0-6a47-4a9e-8b1f-1b2d0c9e7f10.scope"}, "discord"},
		// cgroup v1 keeps one line per hierarchy; the scope is on the systemd one.
		{"snap scope on cgroup v1", catalog.Linux,
			Proc{Name: "x", Cgroup: "12:pids:/user.slice/user-1000.slice\n1:name=systemd:/user.slice/user-1000.slice/user@1000.service/snap.telegram-desktop.telegram-desktop-0f9d.scope\n"}, "telegram"},
		{"an unknown flatpak falls through to the name", catalog.Linux,
			Proc{Name: "Discord", Cgroup: userScope + "app-flatpak-org.example.Other-5.scope"}, "discord"},
		{"gnome-session in a session scope (decoy, 15-byte comm)", catalog.Linux,
			Proc{Name: "gnome-session-b", Exe: "/usr/libexec/gnome-session-binary", Cgroup: "0::/user.slice/user-1000.slice/session-2.scope"}, ""},
		{"gnome-session name (decoy)", catalog.Linux, Proc{Name: "gnome-session"}, ""},

		// Exe path.
		{"deb discord exe", catalog.Linux, Proc{Name: "Discord", Exe: "/usr/share/discord/Discord"}, "discord"},
		{"exe path alone", catalog.Linux, Proc{Name: "electron", Exe: "/opt/Signal/signal-desktop"}, "signal"},
		{"telegram tarball in home", catalog.Linux, Proc{Name: "x", Exe: "/home/sam/Telegram/Telegram"}, "telegram"},
		{"Discord Bot Maker on Linux (decoy)", catalog.Linux,
			Proc{Name: "Discord Bot Mak", Exe: "/home/sam/.local/share/Steam/steamapps/common/Discord Bot Maker/Discord Bot Maker",
				Cmdline: []string{"/home/sam/.local/share/Steam/steamapps/common/Discord Bot Maker/Discord Bot Maker"}}, ""},
		{"Discord Bot Maker on Windows (decoy)", catalog.Windows,
			Proc{Name: "Discord Bot Maker.exe", Exe: `C:\Program Files (x86)\Steam\steamapps\common\Discord Bot Maker\Discord Bot Maker.exe`}, ""},
		{"windows discord exe", catalog.Windows,
			Proc{Name: "x.exe", Exe: `C:\Users\sam\AppData\Local\Discord\app-1.0.9170\Discord.exe`}, "discord"},

		// Command line: a whole argument, a Java main class.
		{"minecraft java", catalog.Linux,
			Proc{Name: "java", Exe: "/usr/lib/jvm/java-21-openjdk/bin/java",
				Cmdline: []string{"/usr/lib/jvm/java-21-openjdk/bin/java", "-Xmx2G", "-cp", "/home/sam/.minecraft/libraries/x.jar:/home/sam/.minecraft/versions/1.21/1.21.jar", "net.minecraft.client.main.Main", "--username", "sam"}}, "minecraft"},
		{"prism launcher java", catalog.Linux,
			Proc{Name: "java", Cmdline: []string{"java", "-cp", "NewLaunch.jar", "org.prismlauncher.EntryPoint"}}, "minecraft"},
		{"minecraft javaw on windows", catalog.Windows,
			Proc{Name: "javaw.exe", Exe: `C:\Program Files\Java\bin\javaw.exe`, Cmdline: []string{`C:\Program Files\Java\bin\javaw.exe`, "-cp", "a.jar", "net.minecraft.client.main.Main"}}, "minecraft"},
		{"plain java (decoy)", catalog.Linux,
			Proc{Name: "java", Exe: "/usr/bin/java", Cmdline: []string{"/usr/bin/java", "-jar", "server.jar", "nogui"}}, ""},
		{"main class only as part of an argument (decoy)", catalog.Linux,
			Proc{Name: "java", Cmdline: []string{"java", "-Dmain=net.minecraft.client.main.Main", "-jar", "tool.jar"}}, ""},
		{"javaw without a minecraft class (decoy)", catalog.Windows,
			Proc{Name: "javaw.exe", Cmdline: []string{"javaw.exe", "-jar", "IntelliJ.jar"}}, ""},

		// Name.
		{"linux comm cut at 15 bytes", catalog.Linux, Proc{Name: "telegram-deskto"}, "telegram"},
		{"linux full name", catalog.Linux, Proc{Name: "telegram-desktop"}, "telegram"},
		{"linux comm cut, whatsapp-for-linux", catalog.Linux, Proc{Name: "whatsapp-for-li"}, "whatsapp"},
		{"wireshark (decoy)", catalog.Linux, Proc{Name: "wireshark", Exe: "/usr/bin/wireshark"}, ""},
		{"WireGuard (decoy)", catalog.Windows, Proc{Name: "wireguard.exe", Exe: `C:\Program Files\WireGuard\wireguard.exe`}, ""},
		{"WireGuard on linux (decoy)", catalog.Linux, Proc{Name: "WireGuard"}, ""},
		{"wire itself", catalog.Linux, Proc{Name: "wire-desktop"}, "wire"},
		{"teamviewer (decoy)", catalog.Linux, Proc{Name: "teamviewer", Exe: "/opt/teamviewer/tv_bin/TeamViewer"}, ""},
		{"TeamViewer on windows (decoy)", catalog.Windows, Proc{Name: "TeamViewer.exe", Exe: `C:\Program Files\TeamViewer\TeamViewer.exe`}, ""},
		{"teamspeak", catalog.Windows, Proc{Name: "ts3client_win64.exe"}, "teamspeak"},
		{"name is case-insensitive on windows", catalog.Windows, Proc{Name: "DISCORD.EXE"}, "discord"},

		// Electron/Chromium helpers match like the main process.
		{"linux renderer with rewritten argv", catalog.Linux,
			Proc{Name: "Discord", Exe: "/usr/share/discord/Discord",
				Cmdline: []string{"/usr/share/discord/Discord --type=renderer --enable-crash-reporter=x --lang=en-US"}}, "discord"},
		{"windows gpu helper", catalog.Windows,
			Proc{Name: "Discord.exe", Exe: `C:\Users\sam\AppData\Local\Discord\app-1.0.9170\Discord.exe`,
				Cmdline: []string{`C:\Users\sam\AppData\Local\Discord\app-1.0.9170\Discord.exe`, "--type=gpu-process"}}, "discord"},
		{"steam web helper", catalog.Windows,
			Proc{Name: "steamwebhelper.exe", Cmdline: []string{"steamwebhelper.exe", "--type=renderer"}}, "steam"},

		// Windows Store package family from a WindowsApps path.
		{"store family only", catalog.Windows,
			Proc{Name: "Snapchat.exe", Exe: `C:\Program Files\WindowsApps\SnapInc.Snapchat_1.0.12.0_x64__k1zn018256b8e\Snapchat.exe`}, "snapchat"},
		{"store whatsapp", catalog.Windows,
			Proc{Name: "WhatsApp.Root.exe", Exe: `C:\Program Files\WindowsApps\5319275A.WhatsAppDesktop_2.2450.6.0_x64__cv1g1gvanyjgm\WhatsApp.Root.exe`}, "whatsapp"},
		{"unknown store package (decoy)", catalog.Windows,
			Proc{Name: "Calculator.exe", Exe: `C:\Program Files\WindowsApps\Microsoft.WindowsCalculator_11.2405.2.0_x64__8wekyb3d8bbwe\CalculatorApp.exe`}, ""},

		// macOS bundle id of the outermost .app.
		{"mac helper in a nested bundle", catalog.Darwin,
			Proc{Name: "Discord Helper (Renderer)", Exe: "/Applications/Discord.app/Contents/Frameworks/Discord Helper (Renderer).app/Contents/MacOS/Discord Helper (Renderer)"}, "discord"},
		{"mac renamed bundle", catalog.Darwin,
			Proc{Name: "Telegram", Exe: "/Applications/Telegram Desktop.app/Contents/MacOS/Telegram"}, "telegram"},
		{"mac user Applications", catalog.Darwin,
			Proc{Name: "RobloxPlayer", Exe: "/Users/sam/Applications/Roblox.app/Contents/MacOS/RobloxPlayer"}, "roblox"},
		{"mac unreadable bundle falls back to the exe path", catalog.Darwin,
			Proc{Name: "x", Exe: "/Volumes/USB/Discord.app/Contents/MacOS/Discord"}, "discord"},
		{"mac Discord Bot Maker (decoy)", catalog.Darwin,
			Proc{Name: "Discord Bot Maker", Exe: "/Applications/Discord Bot Maker.app/Contents/MacOS/Discord Bot Maker"}, ""},
		{"mac terminal (decoy)", catalog.Darwin,
			Proc{Name: "Terminal", Exe: "/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal"}, ""},
		{"mac minecraft java", catalog.Darwin,
			Proc{Name: "java", Exe: "/Library/Java/bin/java", Cmdline: []string{"java", "net.minecraft.client.main.Main"}}, "minecraft"},

		{"empty process", catalog.Linux, Proc{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := testMatcher(t, tc.os).Match(tc.p)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("Match(%+v) = %q, %v; want %q", tc.p, got, ok, tc.want)
			}
		})
	}
}

func TestMatchClass(t *testing.T) {
	tests := []struct {
		os    catalog.OS
		class string
		want  string
	}{
		{catalog.Linux, "discord", "discord"},
		{catalog.Linux, "TelegramDesktop", "telegram"},
		{catalog.Linux, "telegramdesktop", "telegram"},
		{catalog.Linux, "xterm", ""},
		{catalog.Linux, "Wireshark", ""},
		{catalog.Linux, "", ""},
		{catalog.Darwin, "com.hnc.Discord", "discord"},
		{catalog.Darwin, "com.apple.Terminal", ""},
		// A WM class means nothing on macOS.
		{catalog.Darwin, "discord", ""},
		{catalog.Windows, "5319275A.WhatsAppDesktop_cv1g1gvanyjgm", "whatsapp"},
		{catalog.Windows, "Microsoft.WindowsCalculator_8wekyb3d8bbwe", ""},
	}
	for _, tc := range tests {
		got, ok := testMatcher(t, tc.os).MatchClass(tc.class)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s MatchClass(%q) = %q, %v; want %q", tc.os, tc.class, got, ok, tc.want)
		}
	}
}

func TestSandboxFromCgroup(t *testing.T) {
	tests := []struct {
		cg       string
		kind     catalog.Kind
		id       string
		comments string
	}{
		{userScope + "app-flatpak-com.discordapp.Discord-4411.scope", catalog.FlatpakID, "com.discordapp.Discord", ""},
		{userScope + `app-flatpak-ch.threema.threema\x2ddesktop-77.scope`, catalog.FlatpakID, "ch.threema.threema-desktop", "escaped dash"},
		{userScope + "snap.telegram-desktop.telegram-desktop-0f9d.scope", catalog.SnapName, "telegram-desktop", ""},
		{"0::/system.slice/snap.discord.daemon.service", catalog.SnapName, "discord", "snap daemon"},
		{userScope + "app-gnome-org.telegram.desktop-1234.scope", "", "", "a desktop launch scope is not a sandbox"},
		{"0::/user.slice/user-1000.slice/session-2.scope", "", "", ""},
		{"", "", "", ""},
		{"garbage", "", "", ""},
	}
	for _, tc := range tests {
		kind, id := sandboxFromCgroup(tc.cg)
		if kind != tc.kind || id != tc.id {
			t.Errorf("sandboxFromCgroup(%q) = %q %q; want %q %q", tc.cg, kind, id, tc.kind, tc.id)
		}
	}
}

func TestOuterApp(t *testing.T) {
	tests := []struct{ exe, want string }{
		{"/Applications/Discord.app/Contents/Frameworks/Discord Helper (GPU).app/Contents/MacOS/Discord Helper (GPU)", "/Applications/Discord.app"},
		{"/Applications/Discord.app/Contents/MacOS/Discord", "/Applications/Discord.app"},
		{"/usr/bin/java", ""},
		{"relative.app/x", ""},
		{"/Applications/Foo.app", ""}, // the bundle itself is not an exe inside it
	}
	for _, tc := range tests {
		got, ok := outerApp(tc.exe)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("outerApp(%q) = %q, %v; want %q", tc.exe, got, ok, tc.want)
		}
	}
}
