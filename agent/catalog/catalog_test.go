package catalog_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// requiredIDs is the list DESIGN.md ("Catalog") fixes.
var requiredIDs = []string{
	"discord", "telegram", "whatsapp", "signal", "matrix", "session", "threema", "wire", "viber", "line",
	"wechat", "skype", "teams", "slack", "zoom", "messenger", "instagram", "snapchat", "tiktok", "kik",
	"revolt", "guilded", "teamspeak", "mumble", "steam", "epic-games", "roblox", "minecraft",
}

// guideIDs are the guides agent/guide ships (or is writing).
var guideIDs = []string{
	"discord", "telegram", "roblox", "minecraft", "snapchat", "whatsapp", "meeting-from-games",
	"game-platforms", "private-messengers", "social-media", "school-work", "platform-hop", "sextortion",
	"harm-pressure", "new-app",
}

func defaultCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatalf("embedded catalog does not parse: %v", err)
	}
	return c
}

func TestEmbeddedParses(t *testing.T) {
	c := defaultCatalog(t)
	if catalog.MustDefault() != c {
		t.Error("MustDefault returned a different catalog than Default")
	}
	raw := catalog.Raw()
	c2, err := catalog.Parse(raw)
	if err != nil {
		t.Fatalf("Raw does not parse: %v", err)
	}
	if len(c2.Apps) != len(c.Apps) {
		t.Errorf("Raw parses to %d apps, Default has %d", len(c2.Apps), len(c.Apps))
	}
	orig := raw[0]
	raw[0] ^= 0xff
	if catalog.Raw()[0] != orig {
		t.Error("Raw returns the embedded slice itself; callers could change the catalog")
	}
}

func TestRequiredIDs(t *testing.T) {
	c := defaultCatalog(t)
	for _, id := range requiredIDs {
		if _, ok := c.App(id); !ok {
			t.Errorf("required app %q is missing", id)
		}
	}
	seen := map[string]bool{}
	for _, a := range c.Apps {
		if seen[a.ID] {
			t.Errorf("id %q appears twice", a.ID)
		}
		seen[a.ID] = true
		if got, _ := c.App(a.ID); got != a {
			t.Errorf("App(%q) does not return the listed app", a.ID)
		}
	}
	if _, ok := c.App("telegraph"); ok {
		t.Error(`App("telegraph") found something`)
	}
}

// TestCategories pins the category of every app: the choice is a decision
// (see the comments in catalog.toml), so changing it should be deliberate.
func TestCategories(t *testing.T) {
	want := map[string]catalog.Category{
		"telegram": catalog.Messenger, "whatsapp": catalog.Messenger, "signal": catalog.Messenger,
		"threema": catalog.Messenger, "wire": catalog.Messenger, "viber": catalog.Messenger,
		"line": catalog.Messenger, "wechat": catalog.Messenger, "messenger": catalog.Messenger,
		"kik": catalog.Messenger, "matrix": catalog.Messenger,
		"discord": catalog.Community, "revolt": catalog.Community, "guilded": catalog.Community,
		"teamspeak": catalog.Community, "mumble": catalog.Community,
		"instagram": catalog.Social, "snapchat": catalog.Social, "tiktok": catalog.Social,
		"skype": catalog.VideoCall, "zoom": catalog.VideoCall,
		"session": catalog.Anonymous,
		"teams":   catalog.School, "slack": catalog.School,
		"steam": catalog.GameChat, "epic-games": catalog.GameChat, "roblox": catalog.GameChat,
		"minecraft": catalog.GameChat,
	}
	c := defaultCatalog(t)
	for _, a := range c.Apps {
		if !slices.Contains(catalog.Categories, a.Category) {
			t.Errorf("%s: category %q is not one of %v", a.ID, a.Category, catalog.Categories)
		}
		if w, ok := want[a.ID]; ok && a.Category != w {
			t.Errorf("%s: category %q, want %q", a.ID, a.Category, w)
		}
	}
}

func TestKnowAndGuides(t *testing.T) {
	c := defaultCatalog(t)
	for _, a := range c.Apps {
		if strings.TrimSpace(a.Name) == "" {
			t.Errorf("%s: no name", a.ID)
		}
		for _, lang := range []string{"en", "nl"} {
			s := a.Know[lang]
			switch {
			case s == "":
				t.Errorf("%s: no know.%s", a.ID, lang)
			case strings.ContainsAny(s, "\r\n"):
				t.Errorf("%s: know.%s is more than one line", a.ID, lang)
			case utf8.RuneCountInString(s) > 160:
				t.Errorf("%s: know.%s is %d characters, keep it to 160", a.ID, lang, utf8.RuneCountInString(s))
			case s != strings.TrimSpace(s) || !strings.HasSuffix(s, "."):
				t.Errorf("%s: know.%s should be a trimmed sentence ending in a full stop: %q", a.ID, lang, s)
			}
			if a.KnowLine(lang) != s {
				t.Errorf("%s: KnowLine(%q) = %q, want %q", a.ID, lang, a.KnowLine(lang), s)
			}
		}
		if a.Know["en"] == a.Know["nl"] {
			t.Errorf("%s: know.nl is the English line", a.ID)
		}
		if a.KnowLine("de") != a.Know["en"] {
			t.Errorf("%s: KnowLine for a missing language should fall back to English", a.ID)
		}
		if len(a.Guides) == 0 {
			t.Errorf("%s: no guides", a.ID)
		}
		for i, g := range a.Guides {
			if !slices.Contains(guideIDs, g) {
				t.Errorf("%s: unknown guide %q", a.ID, g)
			}
			if slices.Contains(a.Guides[:i], g) {
				t.Errorf("%s: guide %q listed twice", a.ID, g)
			}
		}
	}
}

// TestGuideMapping pins the guide each app must at least have (the brief's mapping).
func TestGuideMapping(t *testing.T) {
	want := map[string][]string{
		"discord": {"discord"}, "revolt": {"discord"}, "guilded": {"discord"},
		"telegram": {"telegram"}, "whatsapp": {"whatsapp"},
		"roblox":    {"roblox", "meeting-from-games"},
		"minecraft": {"minecraft", "meeting-from-games"},
		"snapchat":  {"snapchat", "sextortion"},
		"steam":     {"game-platforms"}, "epic-games": {"game-platforms"}, "teamspeak": {"game-platforms"},
		"mumble": {"game-platforms"},
		"signal": {"private-messengers"}, "session": {"private-messengers"}, "threema": {"private-messengers"},
		"wire": {"private-messengers"}, "viber": {"private-messengers"}, "line": {"private-messengers"},
		"wechat": {"private-messengers"}, "matrix": {"private-messengers"}, "kik": {"private-messengers"},
		"skype": {"private-messengers"}, "messenger": {"private-messengers"},
		"instagram": {"social-media"}, "tiktok": {"social-media"},
		"teams": {"school-work"}, "slack": {"school-work"}, "zoom": {"school-work"},
	}
	c := defaultCatalog(t)
	for id, guides := range want {
		a, ok := c.App(id)
		if !ok {
			t.Errorf("%s missing", id)
			continue
		}
		for _, g := range guides {
			if !slices.Contains(a.Guides, g) {
				t.Errorf("%s: guides %v lack %q", id, a.Guides, g)
			}
		}
	}
}

// installKinds are the kinds that show an app is installed (as opposed to
// running or having been used).
var installKinds = []catalog.Kind{
	catalog.DesktopID, catalog.FlatpakID, catalog.SnapName, catalog.AppImage, catalog.InstallDir,
	catalog.BundleID, catalog.DisplayName, catalog.UninstallKey, catalog.StoreFamily, catalog.StartShortcut,
}

// weakOnly lists the platforms where the research has no verified or
// community-sourced install identifier, so every one we have is marked weak.
var weakOnly = map[string]string{
	"revolt/darwin":    "no macOS identifier in the research (U)",
	"revolt/windows":   "only the process name is sourced; install paths are inferred",
	"guilded/linux":    "the .deb's identifiers are inferred (shut down 2025-12)",
	"guilded/windows":  "install path unverified (U)",
	"threema/linux":    "flatpak id unverified (U)",
	"threema/darwin":   "bundle id unverified (U)",
	"threema/windows":  "nothing sourced (U)",
	"wire/windows":     "install path unverified (U)",
	"session/windows":  "install path inferred from electron-builder (I)",
	"mumble/windows":   "install path unverified (U)",
	"epic-games/linux": "no Epic client; Heroic also runs GOG and Amazon games",
}

func TestEveryOSCovered(t *testing.T) {
	c := defaultCatalog(t)
	for _, a := range c.Apps {
		for _, os := range catalog.OSes {
			kinds, has := a.Platforms[os]
			why, absent := a.Absent[os]
			switch {
			case has && absent:
				t.Errorf("%s/%s: both signatures and an absent reason", a.ID, os)
			case !has && !absent:
				t.Errorf("%s/%s: neither signatures nor an absent reason", a.ID, os)
			case absent && strings.TrimSpace(why) == "":
				t.Errorf("%s/%s: empty absent reason", a.ID, os)
			}
			if !has {
				continue
			}
			strong, any := false, false
			for _, k := range installKinds {
				for _, s := range kinds[k] {
					any = true
					strong = strong || !s.Weak
				}
			}
			key := a.ID + "/" + string(os)
			reason := weakOnly[key]
			switch {
			case !any:
				t.Errorf("%s: no install signature at all (only running or data signs)", key)
			case !strong && reason == "":
				t.Errorf("%s: every install signature is weak; add a strong one or explain in weakOnly", key)
			case strong && reason != "":
				t.Errorf("%s: has a strong install signature, remove it from weakOnly (%s)", key, reason)
			}
		}
	}
}

// TestAbsentPlatforms pins the platforms with no client.
func TestAbsentPlatforms(t *testing.T) {
	want := map[string][]catalog.OS{
		"line":      {catalog.Linux},
		"messenger": {catalog.Linux},
		"instagram": {catalog.Linux, catalog.Darwin},
		"snapchat":  {catalog.Linux, catalog.Darwin},
		"tiktok":    {catalog.Linux, catalog.Darwin},
		"kik":       {catalog.Linux, catalog.Darwin, catalog.Windows},
	}
	c := defaultCatalog(t)
	for _, a := range c.Apps {
		for _, os := range catalog.OSes {
			_, absent := a.Absent[os]
			if w := slices.Contains(want[a.ID], os); absent != w {
				t.Errorf("%s/%s: absent = %v, want %v", a.ID, os, absent, w)
			}
		}
	}
}

// windowsRoots are the folders the inventory expands in Windows patterns.
var windowsRoots = []string{"%LOCALAPPDATA%/", "%APPDATA%/", "%PROGRAMFILES%/", "%PROGRAMFILES(X86)%/", "%PROGRAMDATA%/", "%USERPROFILE%/"}

// TestPathPatterns: install and data folders start at a root the inventory
// knows, every path uses "/", and every pattern is a valid glob.
func TestPathPatterns(t *testing.T) {
	c := defaultCatalog(t)
	for _, a := range c.Apps {
		for os, kinds := range a.Platforms {
			for _, k := range []catalog.Kind{catalog.InstallDir, catalog.DataDir, catalog.ExePath, catalog.AppImage} {
				for _, s := range kinds[k] {
					if strings.Contains(s.Value, `\`) {
						t.Errorf("%s %s %s %q: write paths with /", a.ID, os, k, s.Value)
					}
					if k == catalog.AppImage && strings.Contains(s.Value, "/") {
						t.Errorf("%s %s %q: AppImage patterns are file names", a.ID, k, s.Value)
					}
					if k != catalog.InstallDir && k != catalog.DataDir {
						continue
					}
					var ok bool
					if os == catalog.Windows {
						ok = slices.ContainsFunc(windowsRoots, func(r string) bool { return strings.HasPrefix(s.Value, r) })
					} else {
						ok = strings.HasPrefix(s.Value, "/") || strings.HasPrefix(s.Value, "~/")
					}
					if !ok {
						t.Errorf("%s %s %s %q does not start at a root", a.ID, os, k, s.Value)
					}
				}
			}
		}
	}
}

// genericProcesses are names other programs use too; they must never
// identify an app on their own.
var genericProcesses = []string{
	"java", "javaw", "electron", "python", "python3", "node", "sh", "bash", "wine", "wine64",
	"wineserver", "chrome", "chromium", "msedgewebview2", "firefox", "updater", "update", "launcher",
	"session", "helper", "app", "main", "run.sh", "qtwebengineprocess", "mono", "dotnet",
}

func TestNoGenericProcessNames(t *testing.T) {
	c := defaultCatalog(t)
	for _, a := range c.Apps {
		for os, kinds := range a.Platforms {
			for _, s := range kinds[catalog.Process] {
				name := strings.TrimSuffix(strings.ToLower(s.Value), ".exe")
				if slices.Contains(genericProcesses, name) {
					t.Errorf("%s %s: process %q is too generic", a.ID, os, s.Value)
				}
			}
		}
	}
	// Minecraft Java is found by its main class only.
	mc, _ := c.App("minecraft")
	for _, os := range catalog.OSes {
		if !slices.ContainsFunc(mc.Signatures(os, catalog.Cmdline), func(s catalog.Signature) bool {
			return s.Value == "net.minecraft.client.main.Main" && !s.Weak
		}) {
			t.Errorf("minecraft %s: missing the strong main-class cmdline", os)
		}
	}
}

// decoys are names that look like catalog apps but are not.
var decoys = []string{
	"Telegraph", "telegraph", "Discord Bot Maker", "WireGuard", "wireguard", "wireguard.exe", "Wireshark",
	"wireshark", "Wireshark.exe", "org.wireshark.Wireshark", "com.wireguard.macos", "gnome-session",
	"gnome-session-b", "gnome-session-binary", "gnome-session.desktop", "session", "Session Manager",
	"TeamViewer", "teamviewer", "TeamViewer.exe", "com.teamviewer.TeamViewer", "Signal Hound",
	"Signal Hound Spike", "Steam Link", "SteamLink", "steamlink", "SteamLink.exe", "com.valvesoftware.SteamLink",
	"com.valvesoftware.steamlink", "java", "javaw", "java.exe", "javaw.exe", "electron", "python3",
	"Skype for Business", "Line 6 Helix", "Lineage", "Mumble Server", "Zoom Rooms", "ZoomIt", "Element Hub",
	"Slack Bot", "Telegram Bot API", "discord-bot", "Roblox Studio Helper", "steam-runtime",
}

func TestDecoysNeverMatch(t *testing.T) {
	c := defaultCatalog(t)
	for _, d := range decoys {
		t.Run(d, func(t *testing.T) {
			if m, ok := c.MatchDisplayName(d); ok {
				t.Errorf("MatchDisplayName(%q) = %s", d, m.App.ID)
			}
			for _, os := range catalog.OSes {
				if m, ok := c.LookupProcess(os, d); ok {
					t.Errorf("LookupProcess(%s, %q) = %s", os, d, m.App.ID)
				}
				for _, k := range catalog.KindsFor(os) {
					if m, ok := c.Lookup(os, k, d); ok {
						t.Errorf("Lookup(%s, %s, %q) = %s", os, k, d, m.App.ID)
					}
				}
			}
		})
	}
}

func TestDecoyPathsNeverMatch(t *testing.T) {
	c := defaultCatalog(t)
	tests := []struct {
		os   catalog.OS
		kind catalog.Kind
		path string
	}{
		{catalog.Linux, catalog.ExePath, "/usr/bin/java"},
		{catalog.Linux, catalog.ExePath, "/usr/lib/jvm/java-21-openjdk/bin/java"},
		{catalog.Linux, catalog.ExePath, "/usr/bin/wireshark"},
		{catalog.Linux, catalog.ExePath, "/usr/bin/gnome-session"},
		{catalog.Linux, catalog.ExePath, "/opt/teamviewer/tv_bin/TeamViewer"},
		{catalog.Linux, catalog.ExePath, "/usr/lib/steamlink/steamlink"},
		{catalog.Linux, catalog.ExePath, "/usr/lib/electron/electron"},
		// KDE keeps its session files here; Session's folder is one level deeper.
		{catalog.Linux, catalog.DataDir, "~/.config/session"},
		{catalog.Linux, catalog.DataDir, "~/.config/wireshark"},
		{catalog.Linux, catalog.DataDir, "~/.config/wire"},
		{catalog.Linux, catalog.DataDir, "~/.var/app/com.valvesoftware.SteamLink"},
		// a rooted pattern matches from the root only, not at any depth
		{catalog.Linux, catalog.InstallDir, "/srv/backup/opt/Discord/Discord"},
		{catalog.Linux, catalog.AppImage, "Telegraph-1.0.AppImage"},
		{catalog.Linux, catalog.AppImage, "WireGuard-1.0.AppImage"},
		{catalog.Linux, catalog.AppImage, "Session-Manager.AppImage"},
		{catalog.Linux, catalog.AppImage, "/home/sam/Downloads/Session-Manager.AppImage"},
		{catalog.Darwin, catalog.ExePath, "/Applications/Telegraph.app/Contents/MacOS/Telegraph"},
		{catalog.Darwin, catalog.ExePath, "/Applications/Steam Link.app/Contents/MacOS/Steam Link"},
		{catalog.Darwin, catalog.ExePath, "/Applications/WireGuard.app/Contents/MacOS/WireGuard"},
		{catalog.Darwin, catalog.DataDir, "~/Library/Application Support/Session"},
		{catalog.Windows, catalog.ExePath, `C:\Program Files\WireGuard\wireguard.exe`},
		{catalog.Windows, catalog.ExePath, `C:\Program Files\Wireshark\Wireshark.exe`},
		{catalog.Windows, catalog.ExePath, `C:\Program Files\TeamViewer\TeamViewer.exe`},
		{catalog.Windows, catalog.ExePath, `C:\Program Files (x86)\Steam Link\SteamLink.exe`},
		{catalog.Windows, catalog.ExePath, `C:\Program Files\Java\jdk-21\bin\javaw.exe`},
		{catalog.Windows, catalog.ExePath, `C:\Users\sam\AppData\Local\Discord Bot Maker\Discord Bot Maker.exe`},
		{catalog.Windows, catalog.ExePath, `C:\Users\sam\AppData\Local\Roblox\Versions\version-1\RobloxCrashHandler.exe`},
		{catalog.Windows, catalog.DataDir, "%APPDATA%/Wireshark"},
	}
	for _, tc := range tests {
		if m, ok := c.MatchGlob(tc.os, tc.kind, tc.path); ok {
			t.Errorf("MatchGlob(%s, %s, %q) = %s, want no app", tc.os, tc.kind, tc.path, m.App.ID)
		}
	}
}

func TestLookup(t *testing.T) {
	c := defaultCatalog(t)
	tests := []struct {
		os    catalog.OS
		kind  catalog.Kind
		value string
		want  string
		weak  bool
	}{
		{catalog.Linux, catalog.DesktopID, "discord", "discord", false},
		{catalog.Linux, catalog.DesktopID, "vesktop", "discord", false},
		{catalog.Linux, catalog.FlatpakID, "dev.vencord.Vesktop", "discord", false},
		{catalog.Linux, catalog.FlatpakID, "io.github.spacingbat3.webcord", "discord", false},
		{catalog.Linux, catalog.FlatpakID, "com.discordapp.DiscordCanary", "discord", false},
		{catalog.Linux, catalog.DesktopID, "com.discordapp.Discord", "discord", false}, // flatpak's exported desktop file
		{catalog.Linux, catalog.WMClass, "WebCord", "discord", false},
		{catalog.Linux, catalog.DesktopID, "org.telegram.desktop", "telegram", false},
		// the official tarball's self-registered desktop file
		{catalog.Linux, catalog.DesktopID, "org.telegram.desktop._2ff5ad2a8e8cd0e5", "telegram", false},
		{catalog.Linux, catalog.FlatpakID, "io.github.tdesktop_x64.TDesktop", "telegram", false},
		{catalog.Linux, catalog.FlatpakID, "io.github.kotatogram", "telegram", false},
		{catalog.Linux, catalog.FlatpakID, "com.ayugram.desktop", "telegram", true},
		{catalog.Linux, catalog.SnapName, "telegram-desktop", "telegram", false},
		{catalog.Linux, catalog.WMClass, "TelegramDesktop", "telegram", false},
		{catalog.Linux, catalog.FlatpakID, "com.rtosta.zapzap", "whatsapp", false},
		{catalog.Linux, catalog.FlatpakID, "com.ktechpit.whatsie", "whatsapp", false},
		{catalog.Linux, catalog.FlatpakID, "io.github.mimbrero.WhatsAppDesktop", "whatsapp", false},
		{catalog.Linux, catalog.FlatpakID, "com.github.eneshecan.WhatsAppForLinux", "whatsapp", false},
		{catalog.Linux, catalog.FlatpakID, "im.riot.Riot", "matrix", false},
		{catalog.Linux, catalog.FlatpakID, "org.gnome.Fractal", "matrix", false},
		{catalog.Linux, catalog.FlatpakID, "org.kde.neochat", "matrix", false},
		{catalog.Linux, catalog.FlatpakID, "io.github.NhekoReborn.Nheko", "matrix", false},
		{catalog.Linux, catalog.FlatpakID, "org.signal.Signal", "signal", false},
		{catalog.Linux, catalog.FlatpakID, "network.loki.Session", "session", false},
		{catalog.Linux, catalog.FlatpakID, "org.vinegarhq.Sober", "roblox", false},
		{catalog.Linux, catalog.FlatpakID, "com.github.IsmaelMartinez.teams_for_linux", "teams", false},
		{catalog.Linux, catalog.FlatpakID, "org.prismlauncher.PrismLauncher", "minecraft", false},
		{catalog.Linux, catalog.FlatpakID, "com.mojang.Minecraft", "minecraft", false},
		{catalog.Linux, catalog.FlatpakID, "chat.revolt.RevoltDesktop", "revolt", false},
		{catalog.Linux, catalog.FlatpakID, "com.heroicgameslauncher.hgl", "epic-games", true},
		{catalog.Linux, catalog.FlatpakID, "com.valvesoftware.Steam", "steam", false},
		{catalog.Linux, catalog.Cmdline, "net.minecraft.client.main.Main", "minecraft", false},
		{catalog.Linux, catalog.Cmdline, "org.prismlauncher.EntryPoint", "minecraft", false},
		{catalog.Darwin, catalog.BundleID, "com.hnc.Discord", "discord", false},
		{catalog.Darwin, catalog.BundleID, "COM.HNC.DISCORD", "discord", false}, // case is ignored
		{catalog.Darwin, catalog.BundleID, "dev.vencord.vesktop", "discord", false},
		{catalog.Darwin, catalog.BundleID, "ru.keepcoder.Telegram", "telegram", false},
		{catalog.Darwin, catalog.BundleID, "com.microsoft.teams2", "teams", false},
		{catalog.Darwin, catalog.BundleID, "us.zoom.xos", "zoom", false},
		{catalog.Darwin, catalog.BundleID, "com.roblox.RobloxPlayer", "roblox", false},
		{catalog.Darwin, catalog.BundleID, "org.prismlauncher.PrismLauncher", "minecraft", false},
		{catalog.Windows, catalog.UninstallKey, "Discord", "discord", false},
		{catalog.Windows, catalog.UninstallKey, "{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1", "telegram", false},
		{catalog.Windows, catalog.UninstallKey, "ZoomUMX", "zoom", false},
		{catalog.Windows, catalog.StoreFamily, "5319275A.WhatsAppDesktop_cv1g1gvanyjgm", "whatsapp", false},
		{catalog.Windows, catalog.StoreFamily, "38833FF26BA1D.UnigramPreview_g9c9v27vpyspw", "telegram", false},
		{catalog.Windows, catalog.StoreFamily, "MSTeams_8wekyb3d8bbwe", "teams", false},
		{catalog.Windows, catalog.StoreFamily, "ROBLOXCORPORATION.ROBLOX_55nm5eh3cm0pr", "roblox", false},
		{catalog.Windows, catalog.StoreFamily, "Microsoft.MinecraftUWP_8wekyb3d8bbwe", "minecraft", false},
		{catalog.Windows, catalog.StoreFamily, "SnapInc.Snapchat_k1zn018256b8e", "snapchat", false},
		{catalog.Windows, catalog.StoreFamily, "BytedancePte.Ltd.TikTok_6yccndn6064se", "tiktok", false},
		{catalog.Windows, catalog.StoreFamily, "Facebook.InstagramBeta_8xx8rvfyw5nnt", "instagram", false},
		{catalog.Windows, catalog.StartShortcut, "Discord.lnk", "discord", false},
		{catalog.Windows, catalog.Cmdline, "net.minecraft.client.main.Main", "minecraft", false},
	}
	for _, tc := range tests {
		m, ok := c.Lookup(tc.os, tc.kind, tc.value)
		if !ok {
			t.Errorf("Lookup(%s, %s, %q): no app, want %s", tc.os, tc.kind, tc.value, tc.want)
			continue
		}
		if m.App.ID != tc.want || m.Weak != tc.weak {
			t.Errorf("Lookup(%s, %s, %q) = %s weak=%v, want %s weak=%v", tc.os, tc.kind, tc.value, m.App.ID, m.Weak, tc.want, tc.weak)
		}
	}
	// glob kinds are not indexed
	if _, ok := c.Lookup(catalog.Linux, catalog.InstallDir, "/opt/Discord/Discord"); ok {
		t.Error("Lookup answered for a glob kind; callers must use MatchGlob")
	}
	// the ._<suffix> fallback is for linux desktop ids only
	if _, ok := c.Lookup(catalog.Linux, catalog.FlatpakID, "org.telegram.desktop._abc"); ok {
		t.Error("Lookup stripped ._ from a flatpak id")
	}
}

func TestLookupProcess(t *testing.T) {
	c := defaultCatalog(t)
	tests := []struct {
		os   catalog.OS
		name string
		want string // "" means no app
	}{
		{catalog.Linux, "Discord", "discord"},
		{catalog.Linux, "vesktop", "discord"},
		{catalog.Linux, "telegram-desktop", "telegram"},
		{catalog.Linux, "telegram-deskto", "telegram"},  // comm, cut at 15
		{catalog.Linux, "whatsapp-for-li", "whatsapp"},  // whatsapp-for-linux
		{catalog.Linux, "whatsapp-deskto", "whatsapp"},  // whatsapp-desktop-linux (mimbrero)
		{catalog.Linux, "minecraft-launc", "minecraft"}, // minecraft-launcher
		{catalog.Linux, "teams-for-linux", "teams"},     // exactly 15, not cut
		{catalog.Linux, "sober", "roblox"},
		{catalog.Linux, "signal-desktop", "signal"},
		{catalog.Linux, "session-desktop", "session"},
		{catalog.Linux, "steamwebhelper", "steam"},
		{catalog.Linux, "prismlauncher", "minecraft"},
		{catalog.Linux, "telegram-desk", ""}, // 13 bytes: a prefix, not a comm cut
		{catalog.Linux, "java", ""},
		{catalog.Windows, "Discord.exe", "discord"},
		{catalog.Windows, "discord.exe", "discord"},
		{catalog.Windows, "Telegram.exe", "telegram"},
		{catalog.Windows, "WhatsApp.Root.exe", "whatsapp"},
		{catalog.Windows, "RobloxPlayerBeta.exe", "roblox"},
		{catalog.Windows, "FortniteClient-Win64-Shipping.exe", "epic-games"},
		{catalog.Windows, "ms-teams.exe", "teams"},
		{catalog.Windows, "Minecraft.Windows.exe", "minecraft"},
		{catalog.Windows, "telegram-deskto", ""}, // no comm cut outside linux
		{catalog.Windows, "Discord", ""},         // the linux name is not a Windows exe name
		{catalog.Windows, "javaw.exe", ""},
		{catalog.Darwin, "Discord", "discord"},
		{catalog.Darwin, "MSTeams", "teams"},
		{catalog.Darwin, "zoom.us", "zoom"},
	}
	for _, tc := range tests {
		m, ok := c.LookupProcess(tc.os, tc.name)
		got := ""
		if ok {
			got = m.App.ID
		}
		if got != tc.want {
			t.Errorf("LookupProcess(%s, %q) = %q, want %q", tc.os, tc.name, got, tc.want)
		}
	}
	// Every long linux process name is found by its 15-byte comm.
	for _, a := range c.Apps {
		for _, s := range a.Signatures(catalog.Linux, catalog.Process) {
			if len(s.Value) <= 15 {
				continue
			}
			if m, ok := c.LookupProcess(catalog.Linux, s.Value[:15]); !ok || m.App != a {
				t.Errorf("LookupProcess(linux, %q) does not find %s", s.Value[:15], a.ID)
			}
		}
	}
}

func TestMatchDisplayName(t *testing.T) {
	c := defaultCatalog(t)
	tests := []struct {
		name string
		want string
		weak bool
	}{
		{"Discord", "discord", false},
		{"Discord Canary", "discord", true},
		{"Vesktop 1.5.3", "discord", true},
		{"Telegram Desktop", "telegram", false},
		{"Telegram Desktop version 5.5.0", "telegram", false},
		{"Roblox Player for sam", "roblox", false},
		{"Zoom Workplace (64-bit)", "zoom", false},
		{"Signal 7.30.0", "signal", true},
		{"LINE", "line", false},
		{"WeChat", "wechat", false},
		{"微信", "wechat", false},
		{"Skype version 8.120", "skype", false},
		{"Viber", "viber", false},
		{"Slack", "slack", false},
		{"Messenger", "messenger", false},
		{"Steam", "steam", true},
	}
	for _, tc := range tests {
		m, ok := c.MatchDisplayName(tc.name)
		if !ok {
			t.Errorf("MatchDisplayName(%q): no app, want %s", tc.name, tc.want)
			continue
		}
		if m.App.ID != tc.want || m.Weak != tc.weak {
			t.Errorf("MatchDisplayName(%q) = %s weak=%v, want %s weak=%v", tc.name, m.App.ID, m.Weak, tc.want, tc.weak)
		}
	}
}

func TestMatchGlob(t *testing.T) {
	c := defaultCatalog(t)
	tests := []struct {
		os   catalog.OS
		kind catalog.Kind
		path string
		want string
		weak bool
	}{
		{catalog.Linux, catalog.InstallDir, "/opt/Discord/Discord", "discord", false},
		{catalog.Linux, catalog.InstallDir, "/opt/discord/discord", "discord", false}, // case is ignored
		{catalog.Linux, catalog.InstallDir, "~/Telegram/Telegram", "telegram", false},
		{catalog.Linux, catalog.InstallDir, "/opt/Signal/signal-desktop", "signal", false},
		{catalog.Linux, catalog.InstallDir, "/opt/zoom/zoom", "zoom", false},
		{catalog.Linux, catalog.DataDir, "~/.config/discord", "discord", true},
		{catalog.Linux, catalog.DataDir, "~/.local/share/TelegramDesktop", "telegram", true},
		{catalog.Linux, catalog.DataDir, "~/.var/app/com.discordapp.Discord", "discord", false},
		{catalog.Linux, catalog.DataDir, "~/.minecraft", "minecraft", false},
		{catalog.Linux, catalog.DataDir, "~/.config/Session/Local Storage", "session", true},
		{catalog.Linux, catalog.ExePath, "/usr/share/discord/Discord", "discord", false},
		{catalog.Linux, catalog.ExePath, "/opt/Signal/signal-desktop", "signal", false},
		{catalog.Linux, catalog.ExePath, "/home/sam/Downloads/Telegram/Telegram", "telegram", false},
		{catalog.Linux, catalog.AppImage, "Vesktop-1.5.3.AppImage", "discord", true},
		{catalog.Linux, catalog.AppImage, "/home/sam/Apps/Vesktop-1.5.3.AppImage", "discord", true},
		{catalog.Linux, catalog.AppImage, "session-desktop-linux-x86_64-1.14.2.AppImage", "session", true},
		{catalog.Darwin, catalog.ExePath, "/Applications/Discord.app/Contents/MacOS/Discord", "discord", false},
		{catalog.Darwin, catalog.ExePath, "/Users/sam/Applications/Signal.app/Contents/MacOS/Signal", "signal", false},
		{catalog.Darwin, catalog.ExePath, "/Applications/Roblox.app/Contents/MacOS/RobloxPlayer", "roblox", false},
		{catalog.Darwin, catalog.DataDir, "~/Library/Application Support/discord", "discord", false},
		{catalog.Darwin, catalog.DataDir, "~/Library/Containers/net.whatsapp.WhatsApp", "whatsapp", false},
		{catalog.Windows, catalog.InstallDir, "%LOCALAPPDATA%/Discord/Update.exe", "discord", false},
		{catalog.Windows, catalog.InstallDir, "%APPDATA%/Telegram Desktop/Telegram.exe", "telegram", false},
		{catalog.Windows, catalog.InstallDir, "%LOCALAPPDATA%/Programs/signal-desktop/Signal.exe", "signal", false},
		{catalog.Windows, catalog.InstallDir, "%LOCALAPPDATA%/Roblox/Versions/version-0a1b/RobloxPlayerBeta.exe", "roblox", false},
		{catalog.Windows, catalog.DataDir, "%APPDATA%/discord", "discord", true},
		{catalog.Windows, catalog.ExePath, `C:\Users\sam\AppData\Local\Discord\app-1.0.9033\Discord.exe`, "discord", false},
		{catalog.Windows, catalog.ExePath, `C:\Program Files\WindowsApps\5319275A.WhatsAppDesktop_2.2450.6.0_x64__cv1g1gvanyjgm\WhatsApp.Root.exe`, "whatsapp", false},
		{catalog.Windows, catalog.ExePath, `C:\Program Files\WindowsApps\MSTeams_25044.2208.3471.2155_x64__8wekyb3d8bbwe\ms-teams.exe`, "teams", false},
		{catalog.Windows, catalog.ExePath, `C:\Users\sam\AppData\Local\Roblox\Versions\version-0a1b\RobloxPlayerBeta.exe`, "roblox", false},
		{catalog.Windows, catalog.ExePath, `D:\Games\Epic Games\Fortnite\FortniteGame\Binaries\Win64\FortniteClient-Win64-Shipping_EAC_EOS.exe`, "epic-games", false},
		{catalog.Windows, catalog.ExePath, "C:/Users/sam/AppData/Roaming/Zoom/bin/Zoom.exe", "zoom", false},
	}
	for _, tc := range tests {
		m, ok := c.MatchGlob(tc.os, tc.kind, tc.path)
		if !ok {
			t.Errorf("MatchGlob(%s, %s, %q): no app, want %s", tc.os, tc.kind, tc.path, tc.want)
			continue
		}
		if m.App.ID != tc.want || m.Weak != tc.weak {
			t.Errorf("MatchGlob(%s, %s, %q) = %s weak=%v, want %s weak=%v", tc.os, tc.kind, tc.path, m.App.ID, m.Weak, tc.want, tc.weak)
		}
	}
}
