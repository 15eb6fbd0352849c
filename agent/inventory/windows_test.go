package inventory

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// windowsFixture returns an Env over testdata/windows with its registry exports,
// as `talkfirst-agent scan --os windows --root testdata/windows` builds it.
func windowsFixture(t *testing.T, cat *catalog.Catalog) Env {
	t.Helper()
	fsys := os.DirFS(filepath.Join("testdata", "windows"))
	reg, err := LoadRegDir(fsys, "registry")
	if err != nil {
		t.Fatal(err)
	}
	return Env{OS: catalog.Windows, FS: fsys, Cat: cat, Home: "Users/sam", Registry: reg, Display: windowsDisplay("C:")}
}

const (
	hklmUninstall  = `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`
	wow64Uninstall = `HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall`
	hkcuUninstall  = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall`
)

var windowsFixtureApps = []string{"discord", "minecraft", "roblox", "signal", "steam", "teams", "telegram", "whatsapp", "zoom"}

func TestScanWindows(t *testing.T) {
	cat := platformCatalog(t, "windows/catalog.toml")
	r, logs := platformScan(t, windowsFixture(t, cat))
	if got := r.IDs(); !slices.Equal(got, windowsFixtureApps) {
		t.Errorf("found %v, want %v", got, windowsFixtureApps)
	}
	want := map[string][]Evidence{
		"discord": {
			{Kind: KindInstall, Detail: `installed to %LOCALAPPDATA%\Discord`, Path: `C:\Users\sam\AppData\Local\Discord\Update.exe`},
			{Kind: KindRegistry, Detail: `Uninstall entry "Discord"`, Path: hkcuUninstall + `\Discord`},
			{Kind: KindShortcut, Detail: `Start Menu shortcut "Discord.lnk"`, Path: `C:\Users\sam\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Discord Inc\Discord.lnk`},
			{Kind: KindData, Detail: `used: data folder %APPDATA%\discord`, Path: `C:\Users\sam\AppData\Roaming\discord`, Weak: true},
		},
		"telegram": {
			{Kind: KindInstall, Detail: `installed to %APPDATA%\Telegram Desktop`, Path: `C:\Users\sam\AppData\Roaming\Telegram Desktop\Telegram.exe`},
			{Kind: KindRegistry, Detail: `Uninstall entry "Telegram Desktop"`, Path: hkcuUninstall + `\{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1`},
		},
		"signal": {
			{Kind: KindInstall, Detail: `installed to %LOCALAPPDATA%\Programs\signal-desktop`, Path: `C:\Users\sam\AppData\Local\Programs\signal-desktop\Signal.exe`},
			{Kind: KindShortcut, Detail: `Start Menu shortcut "Signal.lnk"`, Path: `C:\Users\sam\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Signal.lnk`},
		},
		"whatsapp": {
			{Kind: KindStore, Detail: "Store package 5319275A.WhatsAppDesktop_cv1g1gvanyjgm", Path: `C:\Users\sam\AppData\Local\Packages\5319275A.WhatsAppDesktop_cv1g1gvanyjgm`},
		},
		"teams": {
			{Kind: KindStore, Detail: "Store package MSTeams_8wekyb3d8bbwe", Path: packagesKey + `\MSTeams_25044.2208.3471.2155_x64__8wekyb3d8bbwe`},
		},
		"minecraft": {
			{Kind: KindStore, Detail: "Store package Microsoft.MinecraftUWP_8wekyb3d8bbwe", Path: packagesKey + `\Microsoft.MinecraftUWP_1.21.4401.0_x64__8wekyb3d8bbwe`},
		},
		"zoom": {
			{Kind: KindRegistry, Detail: `Uninstall entry "Zoom Workplace (64-bit)"`, Path: hklmUninstall + `\{E3A3B9C6-8A27-4E4B-B1D4-9F2C0B4D1A11}`},
		},
		"steam": {
			{Kind: KindInstall, Detail: `installed to %PROGRAMFILES(X86)%\Steam`, Path: `C:\Program Files (x86)\Steam\steam.exe`},
			{Kind: KindRegistry, Detail: `Uninstall entry "Steam"`, Path: wow64Uninstall + `\Steam`},
			{Kind: KindShortcut, Detail: `Start Menu shortcut "Steam.lnk"`, Path: `C:\ProgramData\Microsoft\Windows\Start Menu\Programs\Steam\Steam.lnk`},
		},
		"roblox": {
			{Kind: KindRegistry, Detail: `Uninstall entry "Roblox Player for sam"`, Path: hkcuUninstall + `\roblox-player`},
		},
	}
	for id, w := range want {
		if got := evidenceOf(r, id); !slices.Equal(got, w) {
			t.Errorf("%s evidence:\n got %+v\nwant %+v", id, got, w)
		}
	}
	if strings.Contains(logs, "level=WARN") {
		t.Errorf("warnings in a clean scan:\n%s", logs)
	}
}

// TestScanWindowsFixture scans the Windows fixture with the embedded catalog:
// every app is found, no decoy is.
func TestScanWindowsFixture(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, _ := platformScan(t, windowsFixture(t, cat))
	if got := r.IDs(); !slices.Equal(got, windowsFixtureApps) {
		t.Errorf("found %v, want %v", got, windowsFixtureApps)
	}
	for _, a := range r.Apps {
		for _, ev := range a.Evidence {
			for _, decoy := range []string{"Discord Bot Maker", "Telegraph", "WireGuard", "Wireshark", "TeamViewer", "Calculator", "Viber"} {
				if strings.Contains(ev.Detail, decoy) || strings.Contains(ev.Path, decoy) {
					t.Errorf("%s: evidence from the decoy %q: %+v", a.ID, decoy, ev)
				}
			}
		}
	}
}

// fakeRegistry is a Registry from a map of keys to values; a key's subkeys are
// the keys one level below it.
type fakeRegistry struct {
	keys map[string]map[string]string
	errs map[string]error // by key, for SubKeys and Values
}

func (f fakeRegistry) SubKeys(key string) ([]string, error) {
	if err := f.errs[key]; err != nil {
		return nil, err
	}
	var subs []string
	found := false
	for k := range f.keys {
		if k == key {
			found = true
		}
		if rest, ok := strings.CutPrefix(k, key+`\`); ok && !strings.Contains(rest, `\`) {
			subs = append(subs, rest)
			found = true
		}
	}
	if !found {
		return nil, fmt.Errorf("registry key %s: %w", key, fs.ErrNotExist)
	}
	slices.Sort(subs)
	return subs, nil
}

func (f fakeRegistry) Values(key string) (map[string]string, error) {
	if err := f.errs[key]; err != nil {
		return nil, err
	}
	v, ok := f.keys[key]
	if !ok {
		return nil, fmt.Errorf("registry key %s: %w", key, fs.ErrNotExist)
	}
	return v, nil
}

func TestScanUninstallKeys(t *testing.T) {
	cat := platformCatalog(t, "windows/catalog.toml")
	type evidence struct{ app, detail, path string }
	tests := []struct {
		name string
		keys map[string]map[string]string
		errs map[string]error
		want []evidence
		err  bool
	}{
		{
			name: "by key name, shown by display name",
			keys: map[string]map[string]string{hkcuUninstall + `\ZoomUMX`: {"DisplayName": "Zoom Workplace"}},
			want: []evidence{{"zoom", `Uninstall entry "Zoom Workplace"`, hkcuUninstall + `\ZoomUMX`}},
		},
		{
			// one entry matched by both its key and its name is one piece of evidence
			name: "key and name agree",
			keys: map[string]map[string]string{hkcuUninstall + `\Discord`: {"DisplayName": "Discord"}},
			want: []evidence{{"discord", `Uninstall entry "Discord"`, hkcuUninstall + `\Discord`}},
		},
		{
			name: "by key name, no display name",
			keys: map[string]map[string]string{hkcuUninstall + `\ZoomUMX`: {}},
			want: []evidence{{"zoom", `Uninstall entry "ZoomUMX"`, hkcuUninstall + `\ZoomUMX`}},
		},
		{
			// value names compare case-insensitively and padding is dropped
			name: "value name case and padding",
			keys: map[string]map[string]string{wow64Uninstall + `\{X}`: {"displayname": " Steam "}},
			want: []evidence{{"steam", `Uninstall entry "Steam"`, wow64Uninstall + `\{X}`}},
		},
		{
			name: "system component",
			keys: map[string]map[string]string{hklmUninstall + `\Discord`: {"DisplayName": "Discord", "SystemComponent": "1"}},
		},
		{
			name: "system component 0 is shown",
			keys: map[string]map[string]string{hklmUninstall + `\Discord`: {"DisplayName": "Discord", "SystemComponent": "0"}},
			want: []evidence{{"discord", `Uninstall entry "Discord"`, hklmUninstall + `\Discord`}},
		},
		{
			// display-name patterns are anchored: a name that only contains an app's is not it
			name: "decoys",
			keys: map[string]map[string]string{
				hkcuUninstall + `\Steam App 1090320`: {"DisplayName": "Discord Bot Maker"},
				hkcuUninstall + `\Telegraph`:         {"DisplayName": "Telegraph"},
				hklmUninstall + `\WireGuard`:         {"DisplayName": "WireGuard"},
				hklmUninstall + `\Wireshark`:         {"DisplayName": "Wireshark 4.2.5 x64"},
				hklmUninstall + `\TeamViewer`:        {"DisplayName": "TeamViewer"},
				hklmUninstall + `\discord-helper`:    {"DisplayName": "Discord Helper"},
			},
		},
		{
			// the key name is exact: "Discord" is not "Discord Canary"
			name: "key name is exact",
			keys: map[string]map[string]string{hkcuUninstall + `\DiscordCanary`: {}},
		},
		{
			name: "no uninstall keys at all",
			keys: map[string]map[string]string{`HKLM\SOFTWARE\Other`: {}},
		},
		{
			// an unreadable root is reported; the others are still read
			name: "access denied on one root",
			keys: map[string]map[string]string{hkcuUninstall + `\Discord`: {"DisplayName": "Discord"}},
			errs: map[string]error{hklmUninstall: errors.New("access denied")},
			want: []evidence{{"discord", `Uninstall entry "Discord"`, hkcuUninstall + `\Discord`}},
			err:  true,
		},
		{
			// an unreadable entry is skipped quietly
			name: "unreadable entry",
			keys: map[string]map[string]string{hkcuUninstall + `\Discord`: {"DisplayName": "Discord"}, hkcuUninstall + `\Steam`: {}},
			errs: map[string]error{hkcuUninstall + `\Steam`: errors.New("access denied")},
			want: []evidence{{"discord", `Uninstall entry "Discord"`, hkcuUninstall + `\Discord`}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := &Env{OS: catalog.Windows, Cat: cat, Log: slog.New(slog.DiscardHandler), Registry: fakeRegistry{tc.keys, tc.errs}}
			var got []evidence
			err := scanUninstallKeys(context.Background(), env, func(h Hit) {
				if h.Evidence.Kind != KindRegistry {
					t.Errorf("kind %q", h.Evidence.Kind)
				}
				got = append(got, evidence{h.AppID, english.Fact(h.Evidence.Fact()), h.Evidence.Path})
			})
			if (err != nil) != tc.err {
				t.Errorf("error %v, want one: %v", err, tc.err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestScanWithoutRegistry(t *testing.T) {
	cat := platformCatalog(t, "windows/catalog.toml")
	env := &Env{OS: catalog.Windows, Cat: cat, Log: slog.New(slog.DiscardHandler), FS: fstest.MapFS{}}
	for _, scan := range []func(context.Context, *Env, func(Hit)) error{scanUninstallKeys, scanStorePackages, scanShortcuts} {
		if err := scan(context.Background(), env, func(h Hit) { t.Errorf("hit %+v", h) }); err != nil {
			t.Errorf("no registry: %v", err)
		}
	}
}

func TestPackageFamily(t *testing.T) {
	tests := []struct{ in, want string }{
		{"MSTeams_25044.2208.3471.2155_x64__8wekyb3d8bbwe", "MSTeams_8wekyb3d8bbwe"},
		{"5319275A.WhatsAppDesktop_2.2450.6.0_x64__cv1g1gvanyjgm", "5319275A.WhatsAppDesktop_cv1g1gvanyjgm"},
		{"Microsoft.LanguageExperiencePacknl-NL_26100.1.3.0_neutral_nl-nl_8wekyb3d8bbwe", "Microsoft.LanguageExperiencePacknl-NL_8wekyb3d8bbwe"}, // with a resource id
		{"5319275A.WhatsAppDesktop_cv1g1gvanyjgm", "5319275A.WhatsAppDesktop_cv1g1gvanyjgm"},                                                     // already a family
		{"Deleted", ""},
		{"a_b_c", ""},
		{"_1.0_x64__pub", ""},
		{"Name_1.0_x64__", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, ok := packageFamily(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("packageFamily(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestShortcuts(t *testing.T) {
	cat := platformCatalog(t, "windows/catalog.toml")
	sm := "Users/sam/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/"
	fsys := fstest.MapFS{
		sm + "discord.LNK":                   {},            // case-insensitive
		sm + "Signal.lnk.bak":                {},            // not a shortcut
		sm + "Wire.lnk/x":                    {},            // a folder, not a shortcut
		sm + "WireGuard.lnk":                 {},            // a decoy
		sm + "1/2/3/4/Steam.lnk":             {},            // four levels down: read
		sm + "1/2/3/4/5/Viber.lnk":           {},            // five: not read
		sm + "Telegram Desktop/Telegram.lnk": {Mode: 0o444}, //
	}
	env := Env{OS: catalog.Windows, FS: fsys, Cat: cat, Home: "Users/sam", Display: windowsDisplay("C:")}
	r, _ := platformScan(t, env)
	if got, want := r.IDs(), []string{"discord", "steam", "telegram"}; !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	dirs := shortcutDirs(&env)
	for _, want := range []string{strings.TrimSuffix(sm, "/"), sm + "1/2/3/4", "ProgramData/Microsoft/Windows/Start Menu/Programs"} {
		if !slices.Contains(dirs, want) {
			t.Errorf("shortcutDirs = %q, want it to hold %q", dirs, want)
		}
	}
	if slices.Contains(dirs, sm+"1/2/3/4/5") {
		t.Errorf("shortcutDirs = %q goes deeper than %d levels", dirs, maxShortcutDepth)
	}
}

func TestWindowsContract(t *testing.T) {
	env := &Env{OS: catalog.Windows, Home: "Users/sam"}
	tests := []struct{ in, want string }{
		{"Users/sam/AppData/Local/Discord/Update.exe", `%LOCALAPPDATA%\Discord\Update.exe`},
		{"Users/sam/AppData/Local", `%LOCALAPPDATA%`},
		{"users/SAM/appdata/local/Discord", `%LOCALAPPDATA%\Discord`}, // case-insensitive
		{"Users/sam/AppData/LocalLow/x", `%USERPROFILE%\AppData\LocalLow\x`},
		{"Users/sam/AppData/Roaming/Telegram Desktop", `%APPDATA%\Telegram Desktop`},
		{"Users/sam/Documents", `%USERPROFILE%\Documents`},
		{"Users/samuel/x", `C:\Users\samuel\x`},
		{"ProgramData/Epic", `%PROGRAMDATA%\Epic`},
		{"Program Files (x86)/Steam/steam.exe", `%PROGRAMFILES(X86)%\Steam\steam.exe`},
		{"Program Files/Zoom/bin/Zoom.exe", `%PROGRAMFILES%\Zoom\bin\Zoom.exe`},
		{"Windows/System32", `C:\Windows\System32`},
	}
	for _, tc := range tests {
		if got := env.contract(tc.in); got != tc.want {
			t.Errorf("contract(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	env.Display = windowsDisplay("D:")
	if got := env.contract("Windows"); got != `D:\Windows` {
		t.Errorf("contract with a D: display = %q", got)
	}
	for in, want := range map[string]string{
		`%LOCALAPPDATA%\Discord\Update.exe`: `%LOCALAPPDATA%\Discord`,
		`C:\Zoom.exe`:                       `C:\`,
		`%APPDATA%`:                         ".",
		"/opt/discord/Discord":              "/opt/discord",
		"~/Applications/x.AppImage":         "~/Applications",
		"/x":                                "/",
	} {
		if got := shownDir(in); got != want {
			t.Errorf("shownDir(%q) = %q, want %q", in, got, want)
		}
	}
}
