package usage

import (
	"os"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/inventory"
)

// Matcher maps a process to a catalog app id, by identifiers only (never a
// substring of a name). It is safe for concurrent use.
//
// The order is: sandbox identity (a flatpak or snap scope in the cgroup line
// on Linux, the Store package family of an exe under WindowsApps on Windows,
// the bundle id of the outermost .app around the exe on macOS), then the exe
// path (catalog exe_paths), then the command line (catalog cmdlines, one whole
// argument such as a Java main class), then the process name (catalog
// processes; a 15-byte Linux comm is compared with the start of longer names).
//
// Electron and Chromium helpers (an argument starting with --type=) run the
// app's own executable, so they match like the main process; the Sampler
// counts apps, not processes, so they are never counted twice.
type Matcher struct {
	cat *catalog.Catalog
	os  catalog.OS

	// bundleID reads the CFBundleIdentifier of a .app folder (macOS). Tests
	// replace it.
	bundleID func(appDir string) (string, bool)
	mu       sync.Mutex
	bundles  map[string]string // appDir → bundle id, "" when unreadable
}

// NewMatcher returns a Matcher over cat for processes of os.
func NewMatcher(cat *catalog.Catalog, os catalog.OS) *Matcher {
	return &Matcher{cat: cat, os: os, bundleID: readBundleID, bundles: map[string]string{}}
}

// Match returns the catalog app id of p.
func (m *Matcher) Match(p Proc) (appID string, ok bool) {
	if a, ok := m.sandbox(p); ok {
		return a, true
	}
	if p.Exe != "" {
		if mt, ok := m.cat.MatchGlob(m.os, catalog.ExePath, p.Exe); ok {
			return mt.App.ID, true
		}
	}
	for _, a := range p.Cmdline {
		if a == "" {
			continue
		}
		if mt, ok := m.cat.Lookup(m.os, catalog.Cmdline, a); ok {
			return mt.App.ID, true
		}
	}
	if p.Name != "" {
		if mt, ok := m.cat.LookupProcess(m.os, p.Name); ok {
			return mt.App.ID, true
		}
	}
	return "", false
}

// MatchClass maps a window's class to a catalog app id: an X11 WM_CLASS
// class or instance on Linux, a bundle id on macOS, a Store package family on
// Windows.
func (m *Matcher) MatchClass(class string) (appID string, ok bool) {
	if class == "" {
		return "", false
	}
	var k catalog.Kind
	switch m.os {
	case catalog.Linux:
		k = catalog.WMClass
	case catalog.Darwin:
		k = catalog.BundleID
	case catalog.Windows:
		k = catalog.StoreFamily
	default:
		return "", false
	}
	if mt, ok := m.cat.Lookup(m.os, k, class); ok {
		return mt.App.ID, true
	}
	return "", false
}

func (m *Matcher) sandbox(p Proc) (string, bool) {
	switch m.os {
	case catalog.Linux:
		kind, id := sandboxFromCgroup(p.Cgroup)
		if kind == "" {
			return "", false
		}
		if mt, ok := m.cat.Lookup(catalog.Linux, kind, id); ok {
			return mt.App.ID, true
		}
	case catalog.Windows:
		if fam, ok := storeFamilyFromExe(p.Exe); ok {
			if mt, ok := m.cat.Lookup(catalog.Windows, catalog.StoreFamily, fam); ok {
				return mt.App.ID, true
			}
		}
	case catalog.Darwin:
		dir, ok := outerApp(p.Exe)
		if !ok {
			return "", false
		}
		if id, ok := m.bundle(dir); ok {
			if mt, ok := m.cat.Lookup(catalog.Darwin, catalog.BundleID, id); ok {
				return mt.App.ID, true
			}
		}
	}
	return "", false
}

func (m *Matcher) bundle(dir string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id, seen := m.bundles[dir]
	if !seen {
		id, _ = m.bundleID(dir)
		if len(m.bundles) > 4096 { // bounded: .app folders are few, but never grow without end
			clear(m.bundles)
		}
		m.bundles[dir] = id
	}
	return id, id != ""
}

func readBundleID(dir string) (string, bool) {
	b, err := os.ReadFile(path.Join(dir, "Contents", "Info.plist"))
	if err != nil {
		return "", false
	}
	info, err := inventory.ParseInfoPlist(b)
	if err != nil {
		return "", false
	}
	return info.ID, true
}

// sandboxFromCgroup finds a flatpak or snap scope in the content of
// /proc/<pid>/cgroup. Flatpak runs an app in
// "app-flatpak-<APPID>-<instance>.scope", a snap in
// "snap.<name>.<app>-<uuid>.scope" (or "snap.<name>.<app>.service" for a
// daemon). systemd escapes "-" in the app id as "\x2d".
func sandboxFromCgroup(cg string) (catalog.Kind, string) {
	for line := range strings.Lines(cg) {
		line = strings.TrimRight(line, "\n")
		// id:controllers:path; the path is the third field and may hold ':'.
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		segs := strings.Split(parts[2], "/")
		for i := len(segs) - 1; i >= 0; i-- {
			seg := segs[i]
			if rest, ok := strings.CutPrefix(seg, "app-flatpak-"); ok {
				if rest, ok = strings.CutSuffix(rest, ".scope"); ok {
					// Drop the "-<instance>" number at the end.
					if j := strings.LastIndexByte(rest, '-'); j > 0 && isDigits(rest[j+1:]) {
						rest = rest[:j]
					}
					if id := unescapeUnit(rest); id != "" {
						return catalog.FlatpakID, id
					}
				}
			}
			if rest, ok := strings.CutPrefix(seg, "snap."); ok && (strings.HasSuffix(rest, ".scope") || strings.HasSuffix(rest, ".service")) {
				if name, _, ok := strings.Cut(rest, "."); ok && name != "" {
					return catalog.SnapName, unescapeUnit(name)
				}
			}
		}
	}
	return "", ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// unescapeUnit undoes systemd's \xNN escaping in unit names.
func unescapeUnit(s string) string {
	if !strings.Contains(s, `\x`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			if v, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// storeFamilyFromExe returns the package family name of an exe under a
// WindowsApps folder. A package full name is
// Name_Version_Architecture_ResourceId_PublisherId; the family is
// Name_PublisherId.
func storeFamilyFromExe(exe string) (string, bool) {
	p := strings.ReplaceAll(exe, `\`, "/")
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if !strings.EqualFold(s, "WindowsApps") || i+2 >= len(segs) {
			continue
		}
		f := strings.Split(segs[i+1], "_")
		if len(f) != 5 || f[0] == "" || f[4] == "" {
			continue
		}
		return f[0] + "_" + f[4], true
	}
	return "", false
}

// outerApp returns the outermost ".app" folder around a macOS exe path:
// helpers live in nested bundles
// (Discord.app/Contents/Frameworks/Discord Helper (Renderer).app/...) and
// belong to the outer one.
func outerApp(exe string) (string, bool) {
	if !strings.HasPrefix(exe, "/") {
		return "", false
	}
	segs := strings.Split(exe, "/")
	for i, s := range segs[:len(segs)-1] {
		if len(s) > 4 && strings.EqualFold(s[len(s)-4:], ".app") {
			return strings.Join(segs[:i+1], "/"), true
		}
	}
	return "", false
}
