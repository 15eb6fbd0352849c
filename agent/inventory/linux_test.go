package inventory

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// testCatalog is the small catalog in testdata, so that these tests do not
// move when the real catalog grows.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	data, err := os.ReadFile("testdata/linux/catalog.toml")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// logLines collects log records as "msg path err" lines.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) Enabled(context.Context, slog.Level) bool { return true }
func (l *logLines) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logLines) WithGroup(string) slog.Handler            { return l }
func (l *logLines) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", r.Level, r.Message)
	r.Attrs(func(a slog.Attr) bool { fmt.Fprintf(&b, " %s=%v", a.Key, a.Value); return true })
	l.mu.Lock()
	l.lines = append(l.lines, b.String())
	l.mu.Unlock()
	return nil
}

func (l *logLines) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.lines)
}

// linuxEnv is an Env over a fixture root, with home/sam as the home folder.
func linuxEnv(t testing.TB, fsys fs.FS, cat *catalog.Catalog) (*Env, *logLines) {
	t.Helper()
	logs := &logLines{}
	return &Env{OS: catalog.Linux, FS: fsys, Cat: cat, Log: slog.New(logs), Home: "home/sam"}, logs
}

// runSource runs the named Linux source and returns its hits, sorted.
func runSource(t testing.TB, e *Env, name string) []Hit {
	t.Helper()
	for _, src := range Sources(catalog.Linux) {
		if src.Name != name {
			continue
		}
		var (
			mu   sync.Mutex
			hits []Hit
		)
		if err := src.Scan(context.Background(), e, func(h Hit) { mu.Lock(); hits = append(hits, h); mu.Unlock() }); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		slices.SortFunc(hits, func(a, b Hit) int {
			return cmp.Or(cmp.Compare(a.AppID, b.AppID), cmp.Compare(a.Evidence.Path, b.Evidence.Path))
		})
		return hits
	}
	t.Fatalf("no linux source %q", name)
	return nil
}

func hitLines(hits []Hit) string {
	var b strings.Builder
	for _, h := range hits {
		weak := ""
		if h.Evidence.Weak {
			weak = " weak"
		}
		fmt.Fprintf(&b, "%s %s %q %s%s\n", h.AppID, h.Evidence.Kind, english.Fact(h.Evidence.Fact()), h.Evidence.Path, weak)
	}
	return b.String()
}

func TestLinuxSources(t *testing.T) {
	cat := testCatalog(t)
	tests := []struct {
		tree, source string
		want         string // hitLines of the expected hits
	}{
		{"home", "desktop-entries", `
discord desktop "desktop entry appimagekit_5d2b9e4c1a7f3e8d0b6c4a2f1e9d7c5b-Vesktop" /home/sam/.local/share/applications/appimagekit_5d2b9e4c1a7f3e8d0b6c4a2f1e9d7c5b-Vesktop.desktop
matrix desktop "flatpak desktop entry im.riot.Riot (user)" /home/sam/.local/share/flatpak/exports/share/applications/im.riot.Riot.desktop
mumble desktop "desktop entry wine-Programs-Mumble-Mumble" /home/sam/.local/share/applications/wine/Programs/Mumble/Mumble.desktop
roblox desktop "flatpak desktop entry org.vinegarhq.Sober" /var/lib/flatpak/exports/share/applications/org.vinegarhq.Sober.desktop
signal desktop "desktop entry signal-desktop" /usr/share/applications/signal-desktop.desktop
slack desktop "snap desktop entry slack_slack" /var/lib/snapd/desktop/applications/slack_slack.desktop
telegram desktop "desktop entry org.telegram.desktop._8a1c2e3f4b5d6a7e" /home/sam/.local/share/applications/org.telegram.desktop._8a1c2e3f4b5d6a7e.desktop
`},
		{"home", "flatpak", `
matrix flatpak "flatpak im.riot.Riot (user)" /home/sam/.local/share/flatpak/app/im.riot.Riot
matrix data "used: data folder ~/.var/app/im.riot.Riot" /home/sam/.var/app/im.riot.Riot weak
roblox data "used: data folder ~/.var/app/org.vinegarhq.Sober" /home/sam/.var/app/org.vinegarhq.Sober weak
roblox flatpak "flatpak org.vinegarhq.Sober" /var/lib/flatpak/app/org.vinegarhq.Sober
`},
		{"home", "snap", `
slack data "used: data folder ~/snap/slack" /home/sam/snap/slack weak
slack snap "snap slack" /snap/slack
`},
		{"home", "appimages", `
discord appimage "AppImage Vesktop-1.5.3.AppImage" /home/sam/Applications/Vesktop-1.5.3.AppImage
session appimage "AppImage session-desktop-linux-x86_64-1.14.5.AppImage" /home/sam/Applications/session-desktop-linux-x86_64-1.14.5.AppImage
`},
		// A Steam game's entry shows that Steam was installed when the game
		// was: weak evidence for Steam, never evidence for the game's name.
		{"decoys", "desktop-entries", `
steam desktop "desktop entry Discord Bot Maker (a steam shortcut)" /home/sam/.local/share/applications/Discord Bot Maker.desktop weak
`},
		{"decoys", "flatpak", ""},
		{"decoys", "snap", ""},
		{"decoys", "appimages", ""},
	}
	for _, tc := range tests {
		t.Run(tc.tree+"/"+tc.source, func(t *testing.T) {
			e, logs := linuxEnv(t, os.DirFS(filepath.Join("testdata/linux", tc.tree)), cat)
			got := hitLines(runSource(t, e, tc.source))
			if want := strings.TrimPrefix(tc.want, "\n"); got != want {
				t.Errorf("hits:\n%s\nwant:\n%s", got, want)
			}
			for _, l := range logs.all() {
				// the fixtures hold one stale entry on purpose
				if !strings.Contains(l, "viber.desktop") {
					t.Errorf("unexpected log line: %s", l)
				}
			}
		})
	}
}

// TestLinuxScanFixtures runs a whole scan, with the install and data folder
// patterns of the catalog, over each fixture tree.
func TestLinuxScanFixtures(t *testing.T) {
	tests := []struct {
		name string
		cat  func(testing.TB) *catalog.Catalog
		tree string
		want []string // app ids
		// evidence each app must have, as "id kind path"
		evidence []string
	}{
		{
			name: "home, test catalog", cat: testCatalog, tree: "home",
			want: []string{"discord", "matrix", "minecraft", "mumble", "roblox", "session", "signal", "slack", "telegram"},
			evidence: []string{
				"discord install /opt/Discord/Discord",
				"discord data /home/sam/.config/discord",
				"telegram install /home/sam/Telegram/Telegram",
				"telegram data /home/sam/.local/share/TelegramDesktop",
				"minecraft data /home/sam/.minecraft",
			},
		},
		{name: "decoys, test catalog", cat: testCatalog, tree: "decoys", want: []string{"steam"}},
		{
			name: "home, real catalog", cat: defaultCatalog, tree: "home",
			want: []string{"discord", "matrix", "minecraft", "roblox", "session", "signal", "slack", "telegram"},
			evidence: []string{
				"signal desktop /usr/share/applications/signal-desktop.desktop",
				"discord install /opt/Discord/Discord",
				"discord data /home/sam/.config/discord",
				"discord appimage /home/sam/Applications/Vesktop-1.5.3.AppImage",
				"discord desktop /home/sam/.local/share/applications/appimagekit_5d2b9e4c1a7f3e8d0b6c4a2f1e9d7c5b-Vesktop.desktop",
				"roblox flatpak /var/lib/flatpak/app/org.vinegarhq.Sober",
				"roblox data /home/sam/.var/app/org.vinegarhq.Sober",
				"matrix flatpak /home/sam/.local/share/flatpak/app/im.riot.Riot",
				"slack snap /snap/slack",
				"session appimage /home/sam/Applications/session-desktop-linux-x86_64-1.14.5.AppImage",
				"telegram install /home/sam/Telegram/Telegram",
				"telegram desktop /home/sam/.local/share/applications/org.telegram.desktop._8a1c2e3f4b5d6a7e.desktop",
				"telegram data /home/sam/.local/share/TelegramDesktop",
				"minecraft data /home/sam/.minecraft",
			},
		},
		{name: "decoys, real catalog", cat: defaultCatalog, tree: "decoys", want: []string{"steam"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewScanner(Env{OS: catalog.Linux, FS: os.DirFS(filepath.Join("testdata/linux", tc.tree)), Cat: tc.cat(t), Home: "/home/sam"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Scan(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := res.IDs(); !slices.Equal(got, tc.want) {
				t.Errorf("apps = %v, want %v", got, tc.want)
			}
			have := map[string]bool{}
			for _, a := range res.Apps {
				for _, ev := range a.Evidence {
					have[a.ID+" "+ev.Kind+" "+ev.Path] = true
					if a.ID == "steam" && tc.tree == "decoys" && !ev.Weak {
						t.Errorf("steam has strong evidence in the decoy tree: %+v", ev)
					}
				}
			}
			for _, ev := range tc.evidence {
				if !have[ev] {
					t.Errorf("no evidence %q", ev)
				}
			}
			if t.Failed() {
				for _, a := range res.Apps {
					t.Logf("%s: %+v", a.ID, a.Evidence)
				}
			}
		})
	}
}

func defaultCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestDesktopDirs(t *testing.T) {
	e := &Env{OS: catalog.Linux, Home: "home/sam", XDGDataDirs: []string{
		"/home/sam/.local/share/flatpak/exports/share", "/var/lib/flatpak/exports/share",
		"/usr/local/share/", "/usr/share", "/var/lib/snapd/desktop", "/usr/share", "/opt/extra/flatpak/exports/share",
	}}
	var got []string
	for _, d := range e.desktopDirs() {
		got = append(got, fmt.Sprintf("%s %s %v", d.path, d.by, d.user))
	}
	want := []string{
		"home/sam/.local/share/applications  false",
		"home/sam/.local/share/flatpak/exports/share/applications flatpak true",
		"var/lib/flatpak/exports/share/applications flatpak false",
		"usr/local/share/applications  false",
		"usr/share/applications  false",
		"var/lib/snapd/desktop/applications snap false",
		"opt/extra/flatpak/exports/share/applications flatpak false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("desktopDirs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// without a home folder, only system folders are read
	e = &Env{OS: catalog.Linux, Cat: testCatalog(t)}
	for _, d := range desktopDirPaths(e) {
		if !strings.HasPrefix(d, "usr/") && !strings.HasPrefix(d, "var/") {
			t.Errorf("without a home: reads %s", d)
		}
	}
	for _, src := range Sources(catalog.Linux) {
		if src.Name == "install-folders" || src.Name == "data-folders" {
			continue // shared with the other platforms, not tested here
		}
		for _, d := range src.Dirs(e) {
			if !fs.ValidPath(d) || d == "." {
				t.Errorf("%s: folder %q is not a valid FS path", src.Name, d)
			}
		}
	}
}

// denyFS is an os.DirFS that refuses to open some paths, as a folder the
// scanning user may not read does (tests run as root here, where chmod 000
// denies nothing).
type denyFS struct {
	fs.FS
	deny map[string]bool
}

func (d denyFS) Open(name string) (fs.File, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.FS.Open(name)
}

func (d denyFS) Stat(name string) (fs.FileInfo, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrPermission}
	}
	return fs.Stat(d.FS, name)
}

func (d denyFS) ReadLink(name string) (string, error)   { return fs.ReadLink(d.FS, name) }
func (d denyFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.FS, name) }

// TestLinuxBadInput builds a tree of broken input and checks that each bad
// thing is skipped with exactly one debug line, while the good entries around
// it are still found.
func TestLinuxBadInput(t *testing.T) {
	root := t.TempDir()
	apps := filepath.Join(root, "usr/share/applications")
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, rel)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	const good = "[Desktop Entry]\nType=Application\nExec=signal-desktop %U\n"
	write("usr/share/applications/signal-desktop.desktop", good)
	write("usr/share/applications/sub/wire-desktop.desktop", "[Desktop Entry]\nExec=wire-desktop\n")
	write("usr/share/applications/empty.desktop", "")
	write("usr/share/applications/latin1.desktop", "[Desktop Entry]\nName=Caf\xe9\nExec=discord\n")
	write("usr/share/applications/binary.desktop", "\x7fELF\x02\x01\x01\x00\x00")
	write("usr/share/applications/locked/slack.desktop", "[Desktop Entry]\nExec=slack\n")
	write("usr/share/applications/secret.desktop", "[Desktop Entry]\nExec=slack\n")
	// a huge file: sparse, so it costs no disk
	huge := filepath.Join(apps, "huge.desktop")
	write("usr/share/applications/huge.desktop", good)
	if err := os.Truncate(huge, 64<<20); err != nil {
		t.Fatal(err)
	}
	link("self.desktop", "usr/share/applications/self.desktop")             // a link to itself
	link("nowhere.desktop", "usr/share/applications/dangling.desktop")      // a link to nothing
	link(".", "usr/share/applications/loop")                                // a folder that contains itself
	link("..", "usr/share/applications/sub/up")                             // a folder that contains its parent
	link("/usr/share", "usr/share/applications/sub/abs")                    // the same, absolute (inside the root)
	link("pong", "usr/share/applications/ping")                             // two links pointing at each other
	link("ping", "usr/share/applications/pong")                             //
	link("sub/wire-desktop.desktop", "usr/share/applications/wire.desktop") // a good link, read as a file
	if err := os.Mkdir(filepath.Join(apps, "folder.desktop"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("usr/share/applications/folder.desktop/x.txt", "")
	link("../sub", "usr/share/applications/folder.desktop/linked") // a linked folder, followed
	// flatpak and snap folders that cannot be read
	write("var/lib/flatpak/app/org.signal.Signal/current/active/metadata", "")
	write("snap/slack/current/meta/snap.yaml", "")
	write("home/sam/Applications/session-desktop-linux-x86_64-1.0.AppImage", "")

	fsys := denyFS{FS: os.DirFS(root), deny: map[string]bool{
		"usr/share/applications/locked":         true,
		"usr/share/applications/secret.desktop": true,
		"var/lib/flatpak/app":                   true,
		"snap":                                  true,
		"home/sam/Applications":                 true,
	}}
	e, logs := linuxEnv(t, fsys, testCatalog(t))

	got := hitLines(runSource(t, e, "desktop-entries"))
	want := `signal desktop "desktop entry signal-desktop" /usr/share/applications/signal-desktop.desktop
wire desktop "desktop entry folder.desktop-linked-wire-desktop" /usr/share/applications/folder.desktop/linked/wire-desktop.desktop
wire desktop "desktop entry sub-wire-desktop" /usr/share/applications/sub/wire-desktop.desktop
wire desktop "desktop entry wire" /usr/share/applications/wire.desktop
`
	if got != want {
		t.Errorf("hits:\n%s\nwant:\n%s", got, want)
	}
	for _, name := range []string{"flatpak", "snap", "appimages"} {
		if hits := runSource(t, e, name); len(hits) != 0 {
			t.Errorf("%s: hits from unreadable folders: %v", name, hits)
		}
	}

	skipped := map[string]int{}
	for _, l := range logs.all() {
		if !strings.HasPrefix(l, "DEBUG skipped path=") {
			t.Errorf("unexpected log line: %s", l)
			continue
		}
		p := strings.TrimPrefix(l, "DEBUG skipped path=")
		p = p[:strings.Index(p, " err=")]
		skipped[p]++
	}
	for _, p := range []string{
		"empty.desktop", "latin1.desktop", "binary.desktop", "huge.desktop", "locked", "secret.desktop",
		"self.desktop", "dangling.desktop", "loop", "sub/up", "sub/abs", "ping", "pong",
		"folder.desktop/linked/up", "folder.desktop/linked/abs",
	} {
		p = "/usr/share/applications/" + p
		if skipped[p] != 1 {
			t.Errorf("%s skipped %d times, want once", p, skipped[p])
		}
		delete(skipped, p)
	}
	for _, p := range []string{"/var/lib/flatpak/app", "/snap", "/home/sam/Applications"} {
		if skipped[p] != 1 {
			t.Errorf("%s skipped %d times, want once", p, skipped[p])
		}
		delete(skipped, p)
	}
	for p, n := range skipped {
		t.Errorf("also skipped: %s (%d times)", p, n)
	}
}

func TestLinuxTooDeep(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "usr/share/applications", strings.Repeat("d/", maxDesktopDepth+2))
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	e, logs := linuxEnv(t, os.DirFS(root), testCatalog(t))
	runSource(t, e, "desktop-entries")
	if l := logs.all(); len(l) != 1 || !strings.Contains(l[0], errTooDeep.Error()) {
		t.Errorf("logs = %q, want one line about nesting", l)
	}
}

func TestLinuxScanCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e, _ := linuxEnv(t, os.DirFS("testdata/linux/home"), testCatalog(t))
	for _, src := range Sources(catalog.Linux) {
		n := 0
		_ = src.Scan(ctx, e, func(Hit) { n++ })
		if n != 0 {
			t.Errorf("%s: %d hits after cancel", src.Name, n)
		}
	}
}

// --- benchmarks ----------------------------------------------------------------

// benchTree builds, under root, a Linux system with 2,400 system desktop
// entries, 300 per-user ones and 300 system flatpaks exported the way flatpak
// does it (a symlink per entry).
func benchTree(tb testing.TB, root string) {
	tb.Helper()
	write := func(rel string, data []byte) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	locales := []string{"af", "ar", "ast", "be", "bg", "bn", "ca", "cs", "da", "de", "el", "en_GB", "eo", "es", "et",
		"eu", "fa", "fi", "fr", "ga", "gl", "he", "hi", "hr", "hu", "id", "it", "ja", "ka", "kk", "ko", "lt", "lv", "ml",
		"nb", "nl", "oc", "pa", "pl", "pt", "pt_BR", "ro", "ru", "sk", "sl", "sr", "sv", "ta", "th", "tr", "uk", "vi", "zh_CN", "zh_TW"}
	words := []string{"Файлы", "ファイル", "Dateien", "Bestanden", "文件", "Αρχεία", "ملفات", "Fichiers", "קבצים", "Tệp"}
	entry := func(i int, exec, extra string) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "[Desktop Entry]\nType=Application\nName=App %d\nGenericName=Tool\nComment=Does things number %d\n", i, i)
		n := 12
		if i%4 == 0 {
			n = len(locales) // a quarter are big, fully translated entries
		}
		for j, l := range locales[:n] {
			w := words[(i+j)%len(words)]
			fmt.Fprintf(&b, "Name[%s]=%s %d\nComment[%s]=%s: %s %s %s\nKeywords[%s]=%s;%s;app;\n", l, w, i, l, w, w, w, w, l, w, w)
		}
		fmt.Fprintf(&b, "Exec=%s %%U\nIcon=app%d\nTerminal=false\nCategories=Utility;\n%s", exec, i, extra)
		b.WriteString("Actions=new;\n\n[Desktop Action new]\nName=New\nExec=app --new\n")
		return b.Bytes()
	}
	known := []string{"discord", "signal-desktop", "slack", "zoom", "teams-for-linux", "steam", "element-desktop"}
	for i := range 2400 {
		name, exec := fmt.Sprintf("org.example.App%04d", i), fmt.Sprintf("/usr/bin/app%04d", i)
		if i < len(known) {
			name, exec = known[i], known[i]
		}
		write(fmt.Sprintf("usr/share/applications/%s.desktop", name), entry(i, exec, ""))
	}
	for i := range 300 {
		rel := fmt.Sprintf("home/sam/.local/share/applications/user%03d.desktop", i)
		if i%10 == 0 {
			rel = fmt.Sprintf("home/sam/.local/share/applications/wine/Programs/Vendor%d/Game%03d.desktop", i%3, i)
		}
		write(rel, entry(i, fmt.Sprintf("/home/sam/bin/user%03d", i), ""))
	}
	flatpaks := []string{"com.discordapp.Discord", "org.telegram.desktop", "org.signal.Signal", "im.riot.Riot", "org.vinegarhq.Sober"}
	for i := range 300 {
		id := fmt.Sprintf("org.example.Flat%03d", i)
		if i < len(flatpaks) {
			id = flatpaks[i]
		}
		app := fmt.Sprintf("var/lib/flatpak/app/%s", id)
		write(app+"/x86_64/stable/0123abcd/metadata", []byte("[Application]\nname="+id+"\n"))
		write(app+"/x86_64/stable/0123abcd/export/share/applications/"+id+".desktop",
			entry(i, "/usr/bin/flatpak run --branch=stable --arch=x86_64 --command=run "+id, "X-Flatpak="+id+"\n"))
		for _, l := range [][2]string{{"x86_64/stable", app + "/current"}, {"0123abcd", app + "/x86_64/stable/active"}} {
			if err := os.Symlink(l[0], filepath.Join(root, l[1])); err != nil {
				tb.Skipf("no symlinks here: %v", err)
			}
		}
		if err := os.MkdirAll(filepath.Join(root, "var/lib/flatpak/exports/share/applications"), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.Symlink("../../../app/"+id+"/current/active/export/share/applications/"+id+".desktop",
			filepath.Join(root, "var/lib/flatpak/exports/share/applications", id+".desktop")); err != nil {
			tb.Fatal(err)
		}
		if i%5 == 0 {
			write(fmt.Sprintf("home/sam/.var/app/%s/config/x", id), nil)
		}
	}
	for _, s := range []string{"core22", "snapd", "bare", "gnome-42-2204", "slack", "discord"} {
		write("snap/"+s+"/current/meta/snap.yaml", []byte("name: "+s+"\n"))
	}
	write("home/sam/.config/discord/settings.json", []byte("{}"))
	write("home/sam/Applications/session-desktop-linux-x86_64-1.0.AppImage", nil)
	// Write the tree out now: the kernel writing it back later, while the
	// benchmark runs, makes the numbers jump by 2-3x.
	syncDisks()
}

// BenchmarkScanLinux is a full scan (every Linux source, the real catalog)
// of the benchTree system.
func BenchmarkScanLinux(b *testing.B) {
	root := b.TempDir()
	benchTree(b, root)
	s, err := NewScanner(Env{OS: catalog.Linux, FS: os.DirFS(root), Cat: defaultCatalog(b), Home: "home/sam"})
	if err != nil {
		b.Fatal(err)
	}
	res, err := s.Scan(context.Background())
	if err != nil || len(res.Apps) == 0 {
		b.Fatalf("scan: %d apps, %v", len(res.Apps), err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Scan(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadOnlyLinux is the baseline for BenchmarkScanLinux: it walks the
// same desktop-entry folders and reads every file in them, as
// `find <dirs> -type f | xargs cat` would, and does nothing else.
func BenchmarkReadOnlyLinux(b *testing.B) {
	root := b.TempDir()
	benchTree(b, root)
	fsys := os.DirFS(root)
	e := &Env{OS: catalog.Linux, Home: "home/sam"}
	dirs := desktopDirPaths(e)
	var n int
	b.ReportAllocs()
	for b.Loop() {
		n = 0
		for _, d := range dirs {
			err := fs.WalkDir(fsys, d, func(p string, de fs.DirEntry, err error) error {
				if err != nil {
					if errors.Is(err, fs.ErrNotExist) {
						return nil
					}
					return err
				}
				if de.IsDir() {
					return nil
				}
				data, err := fs.ReadFile(fsys, p)
				if err != nil {
					return err
				}
				n += len(data)
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n), "bytes/op")
}
