package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/inventory"
)

// wait bounds every wait on the watcher. It only fails a test that would
// otherwise hang; nothing is tuned by it.
const wait = 30 * time.Second

// testCatalogTOML stands in for the shipped catalog while it lacks an
// identifier these tests use.
const testCatalogTOML = `
[[app]]
id = "discord"
name = "Discord"
category = "community"
[app.linux]
desktop_ids = ["discord", "com.discordapp.Discord"]
flatpak_ids = ["com.discordapp.Discord"]

[[app]]
id = "telegram"
name = "Telegram"
category = "messenger"
[app.linux]
desktop_ids = ["org.telegram.desktop", "telegramdesktop"]
wm_classes = ["TelegramDesktop"]

[[app]]
id = "signal"
name = "Signal"
category = "messenger"
[app.linux]
desktop_ids = ["signal-desktop"]
install_dirs = ["/opt/Signal/signal-desktop"]
`

// testCatalog returns catalog.Default() when it knows every identifier the
// tests write, else a small catalog with just those.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Default()
	if err == nil {
		for _, want := range []struct {
			k      catalog.Kind
			v, app string
		}{
			{catalog.DesktopID, "org.telegram.desktop", "telegram"},
			{catalog.DesktopID, "telegramdesktop", "telegram"},
			{catalog.WMClass, "TelegramDesktop", "telegram"},
			{catalog.DesktopID, "com.discordapp.Discord", "discord"},
			{catalog.DesktopID, "signal-desktop", "signal"},
		} {
			if m, ok := cat.Lookup(catalog.Linux, want.k, want.v); !ok || m.App.ID != want.app {
				err = fmt.Errorf("no %s %s for %s", want.k, want.v, want.app)
				break
			}
		}
	}
	if err != nil {
		t.Logf("using the test catalog: default catalog: %v", err)
		if cat, err = catalog.Parse([]byte(testCatalogTOML)); err != nil {
			t.Fatal(err)
		}
	}
	return cat
}

func testLog(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// linuxTree builds the fixture: a Linux root with a user and a system
// applications folder and a system flatpak folder, and nothing else.
func linuxTree(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"home/sam/.local/share/applications", "usr/share/applications", "var/lib/flatpak/app"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func linuxScanner(t testing.TB, root string, cat *catalog.Catalog) *inventory.Scanner {
	t.Helper()
	env, err := inventory.SystemEnv(inventory.SystemOptions{OS: catalog.Linux, Root: root, Home: "/home/sam"}, cat, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := inventory.NewScanner(env)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func rootDirIn(root string) func(string) string {
	return func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
}

func writeFile(t testing.TB, root, p, content string) {
	t.Helper()
	full := filepath.Join(root, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t testing.TB, root string, ps ...string) {
	t.Helper()
	for _, p := range ps {
		if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
	}
}

func entry(name, extra string) string {
	return "[Desktop Entry]\nType=Application\nName=" + name + "\n" + extra
}

// harness runs a Watcher and hands its Updates and handled batches to the test.
type harness struct {
	w       *Watcher
	updates chan Update
	batches chan batchReport
	done    chan error
}

// start runs a watcher over root; before returning it waits for the first
// scan, so the watches are in place.
func start(t testing.TB, root string, cat *catalog.Catalog, baseline []string, opts Options, seam func(*Watcher)) *harness {
	t.Helper()
	if opts.Debounce == 0 {
		opts.Debounce = 20 * time.Millisecond // fast tests; the window's length is not what is tested
	}
	if opts.RootDir == nil {
		opts.RootDir = rootDirIn(root)
	}
	if opts.Log == nil {
		opts.Log = testLog(t)
	}
	w, err := New(linuxScanner(t, root, cat), baseline, opts)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{w: w, updates: make(chan Update, 64), batches: make(chan batchReport, 4096), done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	w.batchDone = func(b batchReport) {
		select {
		case h.batches <- b:
		case <-ctx.Done():
		}
	}
	if seam != nil {
		seam(w)
	}
	go func() {
		h.done <- w.Run(ctx, func(u Update) {
			select {
			case h.updates <- u:
			case <-ctx.Done():
			}
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-h.done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run returned %v, want context.Canceled", err)
			}
		case <-time.After(wait):
			t.Errorf("Run did not return within %v of its context ending", wait)
		}
	})
	h.waitBatch(t, "the first scan", func(b batchReport) bool { return b.Why == "start" })
	return h
}

func (h *harness) nextUpdate(t testing.TB, what string) Update {
	t.Helper()
	select {
	case u := <-h.updates:
		return u
	case <-time.After(wait):
		t.Fatalf("no Update within %v: %s", wait, what)
	}
	return Update{}
}

// waitBatch waits until a batch matching ok was handled.
func (h *harness) waitBatch(t testing.TB, what string, ok func(batchReport) bool) batchReport {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case b := <-h.batches:
			if ok(b) {
				return b
			}
		case <-timeout:
			t.Fatalf("no batch within %v: %s", wait, what)
		}
	}
}

// waitPath waits until an event on p was handled. Events are handled in the
// order they come, so every earlier event was handled too.
func (h *harness) waitPath(t testing.TB, p string) {
	t.Helper()
	h.waitBatch(t, "an event on "+p, func(b batchReport) bool { return slices.Contains(b.Paths, p) })
}

func (h *harness) noUpdate(t testing.TB, why string) {
	t.Helper()
	select {
	case u := <-h.updates:
		t.Errorf("unexpected Update (%s): installed %v, removed %v", why, ids(u.Installed), u.Removed)
	default:
	}
}

func ids(apps []inventory.App) []string {
	var out []string
	for _, a := range apps {
		out = append(out, a.ID)
	}
	return out
}

func checkUpdate(t testing.TB, u Update, installed, removed []string, full bool) {
	t.Helper()
	if got := slices.Sorted(slices.Values(ids(u.Installed))); !slices.Equal(got, installed) {
		t.Errorf("Installed = %v, want %v", got, installed)
	}
	if !slices.Equal(u.Removed, removed) {
		t.Errorf("Removed = %v, want %v", u.Removed, removed)
	}
	if u.Full != full {
		t.Errorf("Full = %v, want %v", u.Full, full)
	}
	if u.At.IsZero() {
		t.Error("At is zero")
	}
	for _, a := range u.Installed {
		if len(a.Evidence) == 0 {
			t.Errorf("installed %s has no evidence", a.ID)
		}
	}
}

// TestInstallRemove drives the watcher with real files: installs, a
// duplicate entry, removals, a folder that appears, and a burst.
func TestInstallRemove(t *testing.T) {
	root := linuxTree(t)
	h := start(t, root, testCatalog(t), nil, Options{}, nil)
	if len(h.w.Current().Apps) != 0 {
		t.Fatalf("fixture has apps: %v", ids(h.w.Current().Apps))
	}

	const (
		userApps = "home/sam/.local/share/applications"
		tg1      = userApps + "/org.telegram.desktop.desktop"
		tg2      = userApps + "/telegramdesktop.desktop"
	)
	writeFile(t, root, tg1, entry("Telegram Desktop", "Exec=telegram-desktop -- %u\n"))
	u := h.nextUpdate(t, "after a Telegram desktop entry was written")
	checkUpdate(t, u, []string{"telegram"}, nil, false)
	if got := ids(h.w.Current().Apps); !slices.Equal(got, []string{"telegram"}) {
		t.Errorf("Current() = %v, want [telegram]", got)
	}

	// A second entry for an app already known is not a change.
	writeFile(t, root, tg2, entry("Telegram", "Exec=telegram-desktop\n"))
	h.waitPath(t, tg2)
	h.noUpdate(t, "a second entry for telegram")

	// Removing one entry leaves telegram installed; removing both removes it.
	remove(t, root, tg1, tg2)
	u = h.nextUpdate(t, "after both Telegram entries were removed")
	checkUpdate(t, u, nil, []string{"telegram"}, false)

	// The user's flatpak exports folder is absent at start (watched through
	// its nearest existing parent) and appears on the first user install.
	const exports = "home/sam/.local/share/flatpak/exports/share/applications"
	if _, err := os.Stat(filepath.Join(root, exports)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("fixture already has %s", exports)
	}
	writeFile(t, root, exports+"/com.discordapp.Discord.desktop", entry("Discord", "Exec=/usr/bin/flatpak run com.discordapp.Discord\n"))
	u = h.nextUpdate(t, "after the flatpak exports folder appeared with Discord's entry")
	checkUpdate(t, u, []string{"discord"}, nil, false)

	// A burst of 200 desktop entries (a big package, a wine prefix), one of
	// them Signal's, is one Update, however the events are batched.
	var paths []string
	for i := range 200 {
		p := fmt.Sprintf("usr/share/applications/org.example.Tool%03d.desktop", i)
		content := entry(fmt.Sprintf("Tool %d", i), fmt.Sprintf("Exec=tool%d\n", i))
		if i == 100 {
			p, content = "usr/share/applications/signal-desktop.desktop", entry("Signal", "Exec=signal-desktop --no-sandbox %U\n")
		}
		writeFile(t, root, p, content)
		paths = append(paths, p)
	}
	u = h.nextUpdate(t, "after the 200-file burst")
	checkUpdate(t, u, []string{"signal"}, nil, false)
	h.waitPath(t, paths[len(paths)-1])
	h.noUpdate(t, "the rest of the burst")

	// Removing them all: the next Update is the removal, so there was no
	// duplicate install Update in between.
	remove(t, root, paths...)
	u = h.nextUpdate(t, "after the burst was removed")
	checkUpdate(t, u, nil, []string{"signal"}, false)
	if got := ids(u.Result.Apps); !slices.Equal(got, []string{"discord"}) {
		t.Errorf("Result = %v, want [discord]", got)
	}
}

// TestSubfolders checks the depth rules: desktop entries in nested
// subfolders of applications/, including folders created after the start.
func TestSubfolders(t *testing.T) {
	root := linuxTree(t)
	if err := os.MkdirAll(filepath.Join(root, "usr/share/applications/wine/Programs"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := start(t, root, testCatalog(t), nil, Options{}, nil)

	// A folder that exists at start, two levels down.
	p := "usr/share/applications/wine/Programs/telegram.desktop"
	writeFile(t, root, p, entry("Telegram", "StartupWMClass=TelegramDesktop\n"))
	checkUpdate(t, h.nextUpdate(t, "after an entry two folders down"), []string{"telegram"}, nil, false)
	remove(t, root, p)
	checkUpdate(t, h.nextUpdate(t, "after it was removed"), nil, []string{"telegram"}, false)

	// Folders created at once (mkdir -p), then an entry three levels down.
	p = "home/sam/.local/share/applications/a/b/c/telegram.desktop"
	writeFile(t, root, p, entry("Telegram", "StartupWMClass=TelegramDesktop\n"))
	checkUpdate(t, h.nextUpdate(t, "after an entry in new nested folders"), []string{"telegram"}, nil, false)
	remove(t, root, p)
	checkUpdate(t, h.nextUpdate(t, "after it was removed"), nil, []string{"telegram"}, false)

	// A tarball unpacked into /opt, which is absent at start: its program
	// file (an install-folders pattern) is two levels below the nearest
	// existing folder.
	p = "opt/Signal/signal-desktop"
	writeFile(t, root, "opt/Signal/resources/app.asar", "x")
	writeFile(t, root, p, "#!/bin/sh\n")
	checkUpdate(t, h.nextUpdate(t, "after a tarball landed in a new /opt"), []string{"signal"}, nil, false)
	remove(t, root, p)
	checkUpdate(t, h.nextUpdate(t, "after its program was removed"), nil, []string{"signal"}, false)
}

// TestBaseline checks what the first scan reports.
func TestBaseline(t *testing.T) {
	for _, tc := range []struct {
		name               string
		baseline           []string
		installed, removed []string // nil, nil: no Update
	}{
		{"nil baseline reports nothing", nil, nil, nil},
		{"known discord", []string{"discord"}, []string{"telegram"}, nil},
		{"known both", []string{"discord", "telegram"}, nil, nil},
		// an empty store: everything found is new
		{"empty baseline", []string{}, []string{"discord", "telegram"}, nil},
		// signal was known and is gone
		{"known signal", []string{"discord", "signal", "telegram"}, nil, []string{"signal"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := linuxTree(t)
			writeFile(t, root, "home/sam/.local/share/applications/org.telegram.desktop.desktop", entry("Telegram", ""))
			writeFile(t, root, "var/lib/flatpak/exports/share/applications/com.discordapp.Discord.desktop", entry("Discord", ""))
			h := start(t, root, testCatalog(t), tc.baseline, Options{}, nil)
			if got := h.w.Current().IDs(); !slices.Equal(got, []string{"discord", "telegram"}) {
				t.Errorf("Current() = %v, want [discord telegram]", got)
			}
			if tc.installed == nil && tc.removed == nil {
				h.noUpdate(t, "first scan")
				return
			}
			// onUpdate runs before the first scan's batch is reported, so
			// the Update is already there.
			select {
			case u := <-h.updates:
				checkUpdate(t, u, tc.installed, tc.removed, true)
			default:
				t.Fatal("no Update for the first scan")
			}
		})
	}
}

// TestFullEvery drives the periodic full rescan with a channel: the watched
// folders are a decoy, so only the full rescan can see the install.
func TestFullEvery(t *testing.T) {
	root := linuxTree(t)
	decoy := t.TempDir()
	full := make(chan time.Time)
	opts := Options{FullEvery: 42 * time.Minute, RootDir: rootDirIn(decoy)}
	h := start(t, root, testCatalog(t), nil, opts, func(w *Watcher) {
		w.newTicker = func(d time.Duration) (<-chan time.Time, func()) {
			if d == opts.FullEvery {
				return full, func() {}
			}
			return realTicker(d)
		}
	})
	writeFile(t, root, "usr/share/applications/signal-desktop.desktop", entry("Signal", ""))
	select {
	case full <- time.Now():
	case <-time.After(wait):
		t.Fatal("the watcher did not take the periodic tick")
	}
	checkUpdate(t, h.nextUpdate(t, "after the periodic tick"), []string{"signal"}, nil, true)

	// Nothing changed: a periodic rescan reports nothing.
	full <- time.Now()
	h.waitBatch(t, "the second periodic rescan", func(b batchReport) bool { return b.Why == "periodic" })
	h.noUpdate(t, "a periodic rescan with no change")
}

// TestNoFileWatching checks the fallback when fsnotify cannot start: Run
// keeps going and rescans everything every PollEvery.
func TestNoFileWatching(t *testing.T) {
	root := linuxTree(t)
	poll := make(chan time.Time)
	opts := Options{PollEvery: 3 * time.Minute}
	h := start(t, root, testCatalog(t), nil, opts, func(w *Watcher) {
		w.newFSWatcher = func() (*fsnotify.Watcher, error) { return nil, errors.New("too many open files") }
		w.newTicker = func(d time.Duration) (<-chan time.Time, func()) {
			if d == opts.PollEvery {
				return poll, func() {}
			}
			return realTicker(d)
		}
	})
	writeFile(t, root, "home/sam/.local/share/applications/org.telegram.desktop.desktop", entry("Telegram", ""))
	select {
	case poll <- time.Now():
	case <-time.After(wait):
		t.Fatal("the watcher did not poll")
	}
	checkUpdate(t, h.nextUpdate(t, "after a poll"), []string{"telegram"}, nil, true)
}

// TestWatchError checks that lost events and watcher errors lead to a full
// rescan after the debounce window.
func TestWatchError(t *testing.T) {
	for _, err := range []error{fsnotify.ErrEventOverflow, errors.New("some error")} {
		root := linuxTree(t)
		w, e := New(linuxScanner(t, root, testCatalog(t)), nil, Options{Log: testLog(t)})
		if e != nil {
			t.Fatal(e)
		}
		l := &loop{w: w}
		l.watchError(err)
		if !l.pending.full || l.timerC == nil {
			t.Errorf("after %v: full = %v, armed = %v; want a full rescan pending", err, l.pending.full, l.timerC != nil)
		}
		l.timer.Stop()
	}
}

// TestSources checks which sources an event path leads to.
func TestSources(t *testing.T) {
	tr := &tree{dirs: map[string][]string{
		"desktop-entries": {"home/sam/.local/share/applications", "home/sam/.local/share/flatpak/exports/share/applications"},
		"flatpak":         {"var/lib/flatpak/app", "home/sam/.var/app"},
		"install-folders": {"opt/Discord", "home/sam/Telegram"},
		"appimages":       {"opt", "home/sam/Applications"},
		"app-bundles":     {"Applications"},
		"data-folders":    {"home/sam/.local/share"},
	}, settling: map[string]bool{"Applications/New.app": true}}
	for _, tc := range []struct {
		path       string
		structural bool
		want       []string
	}{
		// data-folders reads only the names in ~/.local/share, not below
		{"home/sam/.local/share/applications/x.desktop", true, []string{"desktop-entries"}},
		{"home/sam/.local/share/TelegramDesktop", true, []string{"data-folders"}},
		{"home/sam/.local/share/applications/x.desktop", false, []string{"desktop-entries"}},
		// desktop-entries reads only *.desktop files
		{"home/sam/.local/share/applications/mimeinfo.cache", false, nil},
		{"home/sam/.local/share/applications/sub", true, []string{"desktop-entries"}},
		// the parent of a missing folder being created
		{"home/sam/.local/share/flatpak", true, []string{"data-folders", "desktop-entries"}},
		{"home/sam/.var", true, []string{"flatpak"}},
		// a file next to a missing folder's parent
		{"home/sam/.bash_history", false, nil},
		{"home/sam/.bash_history", true, nil},
		{"opt/Discord", true, []string{"appimages", "install-folders"}},
		// existence-only sources ignore writes
		{"opt/Discord/Discord", false, nil},
		{"opt/Discord/Discord", true, []string{"appimages", "install-folders"}},
		{"var/lib/flatpak/app/com.discordapp.Discord", true, []string{"flatpak"}},
		{"var/lib/flatpak/apps", true, nil},
		// below a bundle only while it settles (being copied in)
		{"Applications/Telegram.app/Contents/Info.plist", false, nil},
		{"Applications/New.app/Contents/Info.plist", false, []string{"app-bundles"}},
		{"Applications/New.app", true, []string{"app-bundles"}},
		{"home/sam", true, []string{"appimages", "data-folders", "desktop-entries", "flatpak", "install-folders"}},
		{"home/sam/.local/share/applications/a/b/c/d/e/f/g/x.desktop", true, []string{"desktop-entries"}},
		{"home/sam/.local/share/applications/a/b/c/d/e/f/g/h/x.desktop", true, nil},
	} {
		if got := tr.sources(tc.path, tc.structural); !slices.Equal(got, tc.want) {
			t.Errorf("sources(%q, structural %v) = %v, want %v", tc.path, tc.structural, got, tc.want)
		}
	}
}

// fakeAdder records watches; Add fails like fsnotify for a missing folder.
type fakeAdder struct{ watched map[string]bool }

func (f *fakeAdder) Add(name string) error {
	if st, err := os.Stat(name); err != nil || !st.IsDir() {
		return &os.PathError{Op: "add", Path: name, Err: os.ErrNotExist}
	}
	f.watched[name] = true
	return nil
}

func (f *fakeAdder) Remove(name string) error { delete(f.watched, name); return nil }

// TestPlan checks which folders are watched: depths per source, missing
// folders through their parent, settling folders.
func TestPlan(t *testing.T) {
	root := linuxTree(t)
	for _, d := range []string{
		"usr/share/applications/wine/Programs/Vendor/deep", // desktop entries: subfolders watched
		"opt/Foo/bar",                      // appimages: /opt/<x> watched, not below
		"var/lib/flatpak/app/org.x/x86_64", // flatpak: the app folder only
	} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sc := linuxScanner(t, root, testCatalog(t))
	fa := &fakeAdder{watched: map[string]bool{}}
	tr := newTree(sc.Env(), rootDirIn(root), fa, testLog(t))
	check := func(when string, want, notWant []string) {
		t.Helper()
		for _, p := range want {
			if !fa.watched[filepath.Join(root, p)] {
				t.Errorf("%s: %s not watched", when, p)
			}
		}
		for _, p := range notWant {
			if fa.watched[filepath.Join(root, p)] {
				t.Errorf("%s: %s watched", when, p)
			}
		}
	}
	if err := tr.sync(sc.Dirs(), nil); err != nil {
		t.Fatal(err)
	}
	check("at start", []string{
		"usr/share/applications",
		"usr/share/applications/wine/Programs/Vendor/deep",
		"opt", "opt/Foo",
		"var/lib/flatpak/app",
		"home/sam/.local/share/applications",
		// home/sam/.local/share/flatpak/exports/share/applications and ~/.var/app are missing
		"home/sam/.local/share", "home/sam",
	}, []string{
		"opt/Foo/bar",
		"var/lib/flatpak/app/org.x",
		"home/sam/.local/share/flatpak",
	})

	// The missing folder appears, all at once.
	exports := "home/sam/.local/share/flatpak/exports/share/applications"
	if err := os.MkdirAll(filepath.Join(root, exports), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := tr.sync(sc.Dirs(), []string{"home/sam/.local/share/flatpak"}); err != nil {
		t.Fatal(err)
	}
	check("after the exports folder appeared", []string{exports}, []string{"home/sam/.local/share/flatpak/exports"})

	// A new folder inside a depth-0 folder settles: watched with its direct
	// subfolders until the next full rescan.
	if err := os.MkdirAll(filepath.Join(root, "var/lib/flatpak/app/org.new/x86_64/stable"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := tr.sync(sc.Dirs(), []string{"var/lib/flatpak/app/org.new", "home/sam/unrelated"}); err != nil {
		t.Fatal(err)
	}
	check("after a new app folder", []string{"var/lib/flatpak/app/org.new", "var/lib/flatpak/app/org.new/x86_64"},
		[]string{"var/lib/flatpak/app/org.new/x86_64/stable", "var/lib/flatpak/app/org.x"})
	tr.dropSettling()
	if err := tr.sync(sc.Dirs(), nil); err != nil {
		t.Fatal(err)
	}
	check("after a full rescan", nil, []string{"var/lib/flatpak/app/org.new"})

	// A removed folder is forgotten and, when it comes back, watched again.
	remove(t, root, exports)
	tr.forget(exports)
	if err := tr.sync(sc.Dirs(), nil); err != nil {
		t.Fatal(err)
	}
	check("after the exports folder was removed", []string{"home/sam/.local/share/flatpak/exports/share"}, []string{exports})

	// Event paths map back to FS paths.
	for name, want := range map[string]string{
		filepath.Join(root, "usr/share/applications"):           "usr/share/applications",
		filepath.Join(root, "usr/share/applications/x.desktop"): "usr/share/applications/x.desktop",
	} {
		if got, ok := tr.fsPath(name); !ok || got != want {
			t.Errorf("fsPath(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if got, ok := tr.fsPath(filepath.Join(root, "etc/x/y")); ok {
		t.Errorf("fsPath of an unwatched folder's file = %q", got)
	}
}

func TestNew(t *testing.T) {
	if _, err := New(nil, nil, Options{}); err == nil {
		t.Error("New(nil scanner) did not fail")
	}
	sc := linuxScanner(t, linuxTree(t), testCatalog(t))
	if _, err := New(sc, nil, Options{Debounce: -time.Second}); err == nil || strings.ToLower(err.Error()) != err.Error() {
		t.Errorf("New(negative debounce) = %v, want a lowercase error", err)
	}
	w, err := New(sc, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w.opts.Debounce != time.Second || w.opts.FullEvery != time.Hour {
		t.Errorf("defaults: debounce %v, full every %v", w.opts.Debounce, w.opts.FullEvery)
	}
	if got := w.Current(); got.Apps == nil || len(got.Apps) != 0 {
		t.Errorf("Current() before Run = %#v", got)
	}
}

// BenchmarkInstallToUpdate measures the time from writing a desktop entry to
// the Update, over a system with 3,000 other desktop entries: with the
// default 1s debounce (the budget is 2s), and with 10ms (scan and plumbing).
func BenchmarkInstallToUpdate(b *testing.B) {
	for _, debounce := range []time.Duration{time.Second, 10 * time.Millisecond} {
		b.Run("debounce="+debounce.String(), func(b *testing.B) {
			root := linuxTree(b)
			for i := range 3000 {
				writeFile(b, root, fmt.Sprintf("usr/share/applications/org.example.App%04d.desktop", i),
					entry(fmt.Sprintf("App %d", i), fmt.Sprintf("Exec=app%d %%U\nStartupWMClass=app%d\n", i, i)))
			}
			h := start(b, root, testCatalog(b), nil, Options{Debounce: debounce, Log: slog.New(slog.DiscardHandler)}, nil)
			go func() { // batches are not waited on here
				for {
					select {
					case <-h.batches:
					case <-b.Context().Done():
						return
					}
				}
			}()
			const p = "home/sam/.local/share/applications/org.telegram.desktop.desktop"
			b.ResetTimer()
			for range b.N {
				writeFile(b, root, p, entry("Telegram", ""))
				if u := h.nextUpdate(b, "install"); len(u.Installed) != 1 {
					b.Fatalf("installed %v", ids(u.Installed))
				}
				b.StopTimer()
				remove(b, root, p)
				if u := h.nextUpdate(b, "removal"); len(u.Removed) != 1 {
					b.Fatalf("removed %v", u.Removed)
				}
				b.StartTimer()
			}
		})
	}
}
