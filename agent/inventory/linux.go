package inventory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/words"
)

// The Linux sources. This file has no build tag: the Linux layout is read the
// same way from any OS (scan --os linux --root DIR).

func init() {
	register(catalog.Linux,
		Source{Name: "desktop-entries", Dirs: desktopDirPaths, Scan: scanDesktopEntries},
		Source{Name: "flatpak", Dirs: flatpakDirs, Scan: scanFlatpak},
		Source{Name: "snap", Dirs: snapDirs, Scan: scanSnap},
		Source{Name: "appimages", Dirs: appImageDirs, Scan: scanAppImages},
	)
}

// Fixed Linux folders, as FS paths.
const (
	flatpakSystemDir     = "var/lib/flatpak"
	flatpakExportsSuffix = "flatpak/exports/share/applications"
	snapDesktopDir       = "var/lib/snapd/desktop/applications"
	snapMountDir         = "snap"
)

// hasHome reports whether the env names a home folder; without one the
// per-user folders are not read (they would resolve against the root).
func (e *Env) hasHome() bool { return e.Home != "" }

// --- desktop entries -------------------------------------------------------

// appDir is a folder of desktop entries and who put them there.
type appDir struct {
	path string
	by   string // "", "flatpak" or "snap": which installer exported the entries
	user bool   // a per-user flatpak install
}

// desktopDirs lists the folders desktop entries are read from: every XDG data
// folder's applications/ (user first, as the spec orders them), the flatpak
// exports and the snapd desktop folder. A folder listed twice (XDG_DATA_DIRS
// often names the flatpak exports) is read once.
func (e *Env) desktopDirs() []appDir {
	var paths []string
	if e.hasHome() || e.XDGDataHome != "" {
		paths = append(paths, e.xdgDataHome()+"/applications")
	}
	for _, d := range e.xdgDataDirs() {
		paths = append(paths, path.Join(d, "applications"))
	}
	paths = append(paths, flatpakSystemDir+"/exports/share/applications")
	if e.hasHome() || e.XDGDataHome != "" {
		paths = append(paths, e.xdgDataHome()+"/"+flatpakExportsSuffix)
	}
	paths = append(paths, snapDesktopDir)

	seen := map[string]bool{}
	var dirs []appDir
	for _, p := range paths {
		p = path.Clean(p)
		if seen[p] || p == "." || !fs.ValidPath(p) {
			continue
		}
		seen[p] = true
		d := appDir{path: p}
		switch {
		case p == flatpakExportsSuffix || strings.HasSuffix(p, "/"+flatpakExportsSuffix):
			d.by = "flatpak"
			d.user = e.Home != "" && strings.HasPrefix(p, e.Home+"/")
		case p == snapDesktopDir:
			d.by = "snap"
		}
		dirs = append(dirs, d)
	}
	return dirs
}

func desktopDirPaths(e *Env) []string {
	var out []string
	for _, d := range e.desktopDirs() {
		out = append(out, d.path)
	}
	return out
}

// desktopFile is one desktop entry file to read.
type desktopFile struct {
	path string // FS path
	id   string // desktop file id: the path under applications/ with "/" as "-", without ".desktop"
	dir  appDir
}

// maxDesktopDepth bounds how deep folders under applications/ are read; real
// trees are at most a few levels deep (wine/Programs/<vendor>/).
const maxDesktopDepth = 8

// desktopWorkers is how many desktop entries are read and parsed at once.
func desktopWorkers() int { return min(2, runtime.GOMAXPROCS(0)) }

// scanDesktopEntries reads every desktop entry and reports the ones that
// belong to a catalog app, one hit per file. The folders are walked in one
// goroutine while a few workers read and parse the files.
//
// Each file is evidence on its own. The XDG rule that a user's entry hides a
// system entry with the same id decides what a menu shows, not what is
// installed: a package's entry stays evidence that the package is installed
// when the user's Hidden=true copy takes it off the menu (the copy itself is
// skipped).
func scanDesktopEntries(ctx context.Context, e *Env, hit func(Hit)) error {
	files := make(chan desktopFile, 256)
	var wg sync.WaitGroup
	for range desktopWorkers() {
		wg.Go(func() {
			var buf []byte
			for f := range files {
				if ctx.Err() != nil {
					continue // drain
				}
				buf = e.readDesktopFile(f, buf, hit)
			}
		})
	}
	for _, d := range e.desktopDirs() {
		e.walkApplications(ctx, d, d.path, "", 0, files)
	}
	close(files)
	wg.Wait()
	return nil
}

var (
	errLinkLoop = errors.New("symlink loops back to a folder above it")
	errTooDeep  = errors.New("folder nested too deeply")
)

// walkApplications sends every *.desktop file under dir to files. Symlinked
// folders are followed unless they point back above themselves.
func (e *Env) walkApplications(ctx context.Context, root appDir, dir, idPrefix string, depth int, files chan<- desktopFile) {
	entries, err := readDirUnsorted(e.FS, dir)
	if err != nil {
		if depth > 0 || !errors.Is(err, fs.ErrNotExist) {
			e.Skip(dir, err)
		}
		return
	}
	for _, de := range entries {
		if ctx.Err() != nil {
			return
		}
		name := de.Name()
		p := dir + "/" + name
		isDir := de.IsDir()
		if !isDir && de.Type()&fs.ModeSymlink != 0 && !strings.HasSuffix(name, ".desktop") {
			// a symlink that may be a folder; links named *.desktop are
			// read as files without a stat (flatpak exports are links)
			st, err := fs.Stat(e.FS, p)
			if err != nil {
				e.Skip(p, err)
				continue
			}
			if !st.IsDir() {
				continue
			}
			if linksAbove(e.FS, p) {
				e.Skip(p, errLinkLoop)
				continue
			}
			isDir = true
		}
		switch {
		case isDir:
			if depth+1 >= maxDesktopDepth {
				e.Skip(p, errTooDeep)
				continue
			}
			e.walkApplications(ctx, root, p, idPrefix+name+"-", depth+1, files)
		case strings.HasSuffix(name, ".desktop") && len(name) > len(".desktop"):
			files <- desktopFile{path: p, id: idPrefix + strings.TrimSuffix(name, ".desktop"), dir: root}
		}
	}
}

// linksAbove reports whether the symlink p points at itself or a folder above
// it. Other loops are stopped by maxDesktopDepth. Without fs.ReadLinkFS it
// reports false.
func linksAbove(fsys fs.FS, p string) bool {
	target, err := fs.ReadLink(fsys, p)
	if err != nil {
		return false
	}
	var t string
	if strings.HasPrefix(target, "/") {
		t = path.Clean(strings.TrimLeft(target, "/"))
		if t == "" {
			t = "."
		}
	} else {
		t = path.Join(path.Dir(p), target)
	}
	return t == "." || p == t || strings.HasPrefix(p, t+"/")
}

// readDirUnsorted lists a folder without sorting it: a scan does not need
// the order, and 3,000 names are sorted for nothing otherwise.
func readDirUnsorted(fsys fs.FS, dir string) ([]fs.DirEntry, error) {
	f, err := fsys.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd, ok := f.(fs.ReadDirFile)
	if !ok {
		return fs.ReadDir(fsys, dir)
	}
	return rd.ReadDir(-1)
}

// listDir lists dir for a source. A folder that does not exist is normal
// (the app is simply not there) and passes quietly; any other failure is
// skipped with a debug line. ok is false when there is nothing to list.
func (e *Env) listDir(dir string) (entries []fs.DirEntry, ok bool) {
	entries, err := readDirUnsorted(e.FS, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			e.Skip(dir, err)
		}
		return nil, false
	}
	return entries, true
}

// readSmallInto is readSmall reading into buf's storage when it is big
// enough, so that a worker reads thousands of files with one buffer. The
// result aliases buf.
func readSmallInto(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a folder")
	}
	if st.Size() > maxFileSize {
		return nil, fmt.Errorf("file of %d bytes is over the %d-byte limit", st.Size(), maxFileSize)
	}
	if need := int(st.Size()) + 1; cap(buf) < need {
		buf = make([]byte, 0, max(need, 32<<10))
	}
	buf = buf[:0]
	size, regular := int(st.Size()), st.Mode().IsRegular()
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 4096)
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > maxFileSize {
			return nil, fmt.Errorf("file grew over the %d-byte limit", maxFileSize)
		}
		if err == nil && regular && n > 0 && len(buf) == size {
			// all of a regular file is read: skip the read that would
			// only say EOF (a fifth of the system calls per file)
			return buf, nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return buf, nil
			}
			return nil, err
		}
	}
}

// readDesktopFile reads, parses and matches one desktop entry, reusing buf;
// it returns the buffer for the next file.
func (e *Env) readDesktopFile(f desktopFile, buf []byte, hit func(Hit)) []byte {
	data, err := readSmallInto(e.FS, f.path, buf)
	if err != nil {
		e.Skip(f.path, err)
		return buf
	}
	buf = data
	de, err := parseDesktopEntry(data)
	if err != nil {
		e.Skip(f.path, err)
		return buf
	}
	if de.Hidden || (de.Type != "" && de.Type != "Application") {
		return buf
	}
	if e.tryExecMissing(de.TryExec) {
		e.Skip(f.path, errors.New("its TryExec program is gone"))
		return buf
	}
	if h, ok := e.matchDesktopEntry(f, de); ok {
		hit(h)
	}
	return buf
}

// tryExecMissing reports whether TryExec names an absolute path that does not
// exist: the spec says such an entry is not shown, and it is what a program
// that was deleted by hand (a tarball's folder) leaves behind.
func (e *Env) tryExecMissing(tryExec string) bool {
	if !strings.HasPrefix(tryExec, "/") {
		return false
	}
	p := path.Clean(strings.TrimLeft(tryExec, "/"))
	if p == "" || p == "." || !fs.ValidPath(p) {
		return false
	}
	_, err := fs.Stat(e.FS, p)
	return errors.Is(err, fs.ErrNotExist)
}

// matchDesktopEntry finds the catalog app an entry belongs to. It tries the
// identifiers from the most to the least specific: the desktop id, the flatpak
// id, the snap name, the window class, then the program Exec starts.
func (e *Env) matchDesktopEntry(f desktopFile, de desktopEntry) (Hit, bool) {
	cat := e.Cat
	m, ok := cat.Lookup(catalog.Linux, catalog.DesktopID, f.id)
	if !ok {
		// Telegram's tarball registers org.telegram.desktop._<hash>.desktop.
		if i := strings.Index(f.id, "._"); i > 0 {
			m, ok = cat.Lookup(catalog.Linux, catalog.DesktopID, f.id[:i])
		}
	}
	if !ok && de.Flatpak != "" {
		m, ok = cat.Lookup(catalog.Linux, catalog.FlatpakID, de.Flatpak)
	}
	if !ok {
		if name := snapName(de.SnapInstance); name != "" {
			m, ok = cat.Lookup(catalog.Linux, catalog.SnapName, name)
		} else if f.dir.by == "snap" {
			m, ok = cat.Lookup(catalog.Linux, catalog.SnapName, snapName(f.id))
		}
	}
	if !ok && de.StartupWMClass != "" {
		m, ok = cat.Lookup(catalog.Linux, catalog.WMClass, de.StartupWMClass)
	}
	var ex execInfo
	if !ok && de.Exec != "" {
		// Matches from here on come from the command line; for a launcher's
		// shortcut (a Steam game's entry runs `steam steam://rungameid/N`)
		// they show the launcher was installed when the shortcut was made,
		// which a shortcut outlives, so they are weak.
		ex = parseExec(de.Exec)
		if ex.Flatpak != "" {
			m, ok = cat.Lookup(catalog.Linux, catalog.FlatpakID, ex.Flatpak)
		}
		if !ok {
			m, ok = e.matchProgram(ex.Program)
		}
	}
	if !ok && de.TryExec != "" {
		m, ok = e.matchProgram(baseName(de.TryExec))
	}
	if !ok {
		return Hit{}, false
	}
	found := words.FoundDesktop
	switch f.dir.by {
	case "flatpak":
		found = words.FoundDesktopFlatpak
		if f.dir.user {
			found = words.FoundDesktopFlatpakU
		}
	case "snap":
		found = words.FoundDesktopSnap
	}
	via := ""
	if ex.Shortcut {
		via = cmp.Or(ex.Program, ex.Flatpak)
	}
	return Hit{AppID: m.App.ID, Evidence: Evidence{
		Kind:  KindDesktop,
		Found: found,
		Name:  f.id,
		Via:   via,
		Path:  e.DisplayPath(f.path),
		Weak:  m.Weak || ex.Shortcut,
	}}, true
}

// matchProgram matches a program's file name: an AppImage by the catalog's
// AppImage patterns, anything else by process name.
func (e *Env) matchProgram(name string) (catalog.Match, bool) {
	if name == "" {
		return catalog.Match{}, false
	}
	if hasSuffixFold(name, ".appimage") {
		return e.Cat.MatchGlob(catalog.Linux, catalog.AppImage, name)
	}
	return e.Cat.Lookup(catalog.Linux, catalog.Process, name)
}

// snapName returns the snap name in a snap instance name ("discord_work"),
// or in a snapd desktop file id ("discord_discord", "discord+work_discord").
func snapName(s string) string {
	if i := strings.IndexAny(s, "_+"); i >= 0 {
		return s[:i]
	}
	return s
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// --- flatpak ---------------------------------------------------------------

func (e *Env) flatpakUserDir() string { return e.xdgDataHome() + "/flatpak/app" }

func flatpakDirs(e *Env) []string {
	dirs := []string{flatpakSystemDir + "/app"}
	if e.hasHome() || e.XDGDataHome != "" {
		dirs = append(dirs, e.flatpakUserDir())
	}
	if e.hasHome() {
		dirs = append(dirs, e.homePath(".var/app"))
	}
	return dirs
}

// scanFlatpak reports installed flatpaks (a folder per app id under the
// system and the per-user installation) and used ones (~/.var/app/<id>, the
// app's sandboxed home, created when it first runs).
func scanFlatpak(ctx context.Context, e *Env, hit func(Hit)) error {
	e.eachSubdir(ctx, flatpakSystemDir+"/app", catalog.FlatpakID, func(id, p string, m catalog.Match) {
		hit(Hit{AppID: m.App.ID, Evidence: Evidence{Kind: KindFlatpak, Found: words.FoundFlatpak, Name: id, Path: e.DisplayPath(p), Weak: m.Weak}})
	})
	if e.hasHome() || e.XDGDataHome != "" {
		e.eachSubdir(ctx, e.flatpakUserDir(), catalog.FlatpakID, func(id, p string, m catalog.Match) {
			hit(Hit{AppID: m.App.ID, Evidence: Evidence{Kind: KindFlatpak, Found: words.FoundFlatpakU, Name: id, Path: e.DisplayPath(p), Weak: m.Weak}})
		})
	}
	if e.hasHome() {
		e.eachSubdir(ctx, e.homePath(".var/app"), catalog.FlatpakID, func(id, p string, m catalog.Match) {
			hit(Hit{AppID: m.App.ID, Evidence: Evidence{Kind: KindData, Found: words.FoundData, Name: e.contract(p), Path: e.DisplayPath(p), Weak: true}})
		})
	}
	return nil
}

// eachSubdir calls fn for every folder in dir whose name is an identifier of
// kind k in the catalog. A missing dir is not worth a log line.
func (e *Env) eachSubdir(ctx context.Context, dir string, k catalog.Kind, fn func(name, p string, m catalog.Match)) {
	entries, ok := e.listDir(dir)
	if !ok {
		return
	}
	for _, de := range entries {
		if ctx.Err() != nil {
			return
		}
		m, ok := e.Cat.Lookup(catalog.Linux, k, de.Name())
		if !ok {
			continue
		}
		p := dir + "/" + de.Name()
		if !isDirEntryDir(e.FS, dir, de) {
			continue
		}
		fn(de.Name(), p, m)
	}
}

// --- snap ------------------------------------------------------------------

func snapDirs(e *Env) []string {
	dirs := []string{snapMountDir}
	if e.hasHome() {
		dirs = append(dirs, e.homePath("snap"))
	}
	return dirs
}

// scanSnap reports installed snaps (/snap/<name>, where snapd mounts them)
// and used ones (~/snap/<name>, the snap's per-user data, made on first run).
func scanSnap(ctx context.Context, e *Env, hit func(Hit)) error {
	e.eachSubdir(ctx, snapMountDir, catalog.SnapName, func(name, p string, m catalog.Match) {
		hit(Hit{AppID: m.App.ID, Evidence: Evidence{Kind: KindSnap, Found: words.FoundSnap, Name: name, Path: e.DisplayPath(p), Weak: m.Weak}})
	})
	if e.hasHome() {
		e.eachSubdir(ctx, e.homePath("snap"), catalog.SnapName, func(name, p string, m catalog.Match) {
			hit(Hit{AppID: m.App.ID, Evidence: Evidence{Kind: KindData, Found: words.FoundData, Name: e.contract(p), Path: e.DisplayPath(p), Weak: true}})
		})
	}
	return nil
}

// --- AppImages -------------------------------------------------------------

// appImageHomeDirs are the folders under home where AppImages are kept:
// AppImageLauncher's ~/Applications, Gear Lever's ~/AppImages, the per-user
// bin folders, and where a download or a drag lands. Desktop entries that
// start an AppImage elsewhere are matched by the desktop-entries source.
var appImageHomeDirs = []string{"Applications", "AppImages", ".local/bin", "bin", "Downloads", "Desktop"}

func appImageDirs(e *Env) []string {
	var dirs []string
	if e.hasHome() {
		for _, d := range appImageHomeDirs {
			dirs = append(dirs, e.homePath(d))
		}
	}
	return append(dirs, "opt")
}

// scanAppImages reports *.AppImage files (any case) in the AppImage folders
// and in /opt and its direct subfolders, matched by file name.
func scanAppImages(ctx context.Context, e *Env, hit func(Hit)) error {
	for _, dir := range appImageDirs(e) {
		e.scanAppImageDir(ctx, dir, dir == "opt", hit)
	}
	return nil
}

func (e *Env) scanAppImageDir(ctx context.Context, dir string, descend bool, hit func(Hit)) {
	entries, ok := e.listDir(dir)
	if !ok {
		return
	}
	for _, de := range entries {
		if ctx.Err() != nil {
			return
		}
		name := de.Name()
		if !hasSuffixFold(name, ".appimage") {
			if descend && isDirEntryDir(e.FS, dir, de) {
				e.scanAppImageDir(ctx, dir+"/"+name, false, hit)
			}
			continue
		}
		m, ok := e.Cat.MatchGlob(catalog.Linux, catalog.AppImage, name)
		if !ok || isDirEntryDir(e.FS, dir, de) {
			continue
		}
		p := dir + "/" + name
		hit(Hit{AppID: m.App.ID, Evidence: Evidence{Kind: KindAppImage, Found: words.FoundAppImage, Name: name, Path: e.DisplayPath(p), Weak: m.Weak}})
	}
}
