package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/inventory"
)

// How deep each source reads below the folders it lists (fsnotify watches one
// folder level per watch):
//
//   - desktop-entries reads applications/ and its subfolders (kde4/,
//     wine/Programs/<vendor>/), up to inventory's maxDesktopDepth of 8 levels:
//     7 levels of subfolders are watched.
//   - appimages reads /opt and each /opt/<x>/: one level below "opt".
//   - every other source (flatpak, snap, install-folders, data-folders,
//     store-packages, shortcuts, app-bundles) looks at the names in the
//     folders it lists, so the folders alone are enough. Pattern sources list
//     the parent of what they look for (/opt/Discord for /opt/Discord/Discord),
//     which for a tarball is not there yet: its nearest existing parent (/opt,
//     the home folder) is watched until it appears.
//
// A folder created inside a watched folder beyond these depths while the
// agent runs is "settling": it is watched, with its direct subfolders, until
// the next full rescan. An install in progress writes there (a new .app
// bundle's Contents/Info.plist, Roblox's Versions/<version>/, a Squirrel
// app-<version>/), and this sees it land without watching every existing
// bundle or version folder.
func depthFor(source, dir string) int {
	switch {
	case source == "desktop-entries":
		return 7
	case source == "appimages" && dir == "opt":
		return 1
	}
	return 0
}

const (
	settleDepth = 1              // levels watched below a settling folder
	maxSettling = 256            // settling folders at once
	maxWatches  = 4096           // watches at once; beyond, the watcher polls
	tooMany     = "\x00too many" // key in tree.told
)

// existenceOnly are the sources that only look at which files and folders
// exist, never into them: a write to a file cannot change what they find.
var existenceOnly = map[string]bool{
	"flatpak": true, "snap": true, "appimages": true, "install-folders": true,
	"data-folders": true, "store-packages": true, "shortcuts": true,
}

// writeMatters reports whether a write to the file p can change what source
// src finds.
func writeMatters(src, p string) bool {
	switch {
	case existenceOnly[src]:
		return false
	case src == "desktop-entries":
		return strings.HasSuffix(p, ".desktop")
	}
	return true
}

// adder is the part of fsnotify.Watcher the tree uses.
type adder interface {
	Add(name string) error
	Remove(name string) error
}

// tree plans which folders are watched and maps events back to sources.
// Folders are FS paths as the inventory names them ("home/sam/.local/share").
type tree struct {
	fsys    fs.FS
	rootDir func(string) string
	fsw     adder
	log     *slog.Logger
	fold    bool // compare paths ignoring case (Windows and macOS file systems)
	max     int

	dirs     map[string][]string // by source, from the last sync
	byFS     map[string]string   // watched folder -> OS path
	byOS     map[string]string   // OS path -> watched folder
	settling map[string]bool
	told     map[string]bool // folders whose failure was logged
}

func newTree(env *inventory.Env, rootDir func(string) string, fsw adder, log *slog.Logger) *tree {
	return &tree{
		fsys:     env.FS,
		rootDir:  rootDir,
		fsw:      fsw,
		log:      log,
		fold:     env.OS != catalog.Linux,
		max:      maxWatches,
		byFS:     map[string]string{},
		byOS:     map[string]string{},
		settling: map[string]bool{},
		told:     map[string]bool{},
	}
}

// sync makes the watches match dirs: the folders of every source to that
// source's depth, the nearest existing parent of a folder that is missing,
// and the settling folders, taking new ones from created. A watch is added
// before the folder is looked into again, so a folder that appears while
// sync runs is either seen now or reported by its parent's watch; sync
// repeats until nothing is left to add. It returns an error when a folder
// that exists could not be watched.
func (t *tree) sync(dirs map[string][]string, created []string) error {
	t.dirs = map[string][]string{}
	for src, ds := range dirs {
		for _, d := range ds {
			d = path.Clean(d)
			if fs.ValidPath(d) && !slices.Contains(t.dirs[src], d) {
				t.dirs[src] = append(t.dirs[src], d)
			}
		}
	}
	var errs []error
	for range 16 {
		want := t.want(created)
		added, err := t.reconcile(want)
		if err != nil {
			errs = append(errs, err)
		}
		if !added {
			break
		}
	}
	return errors.Join(errs...)
}

// want returns the folders that should be watched now.
func (t *tree) want(created []string) map[string]bool {
	want := map[string]bool{}
	for src, ds := range t.dirs {
		for _, d := range ds {
			t.addTree(want, d, depthFor(src, d))
		}
	}
	for _, p := range created {
		if len(t.settling) >= maxSettling {
			break
		}
		if !want[p] && want[path.Dir(p)] && t.underRoot(p) && t.isDir(p) {
			t.settling[p] = true
		}
	}
	for p := range t.settling {
		if t.isDir(p) {
			t.addTree(want, p, settleDepth)
		} else {
			delete(t.settling, p)
		}
	}
	return want
}

// dropSettling ends the settling watches (at a full rescan).
func (t *tree) dropSettling() { clear(t.settling) }

// addTree adds d and its subfolders depth levels down to want, or d's
// nearest existing parent when d does not exist.
func (t *tree) addTree(want map[string]bool, d string, depth int) {
	if !t.isDir(d) {
		for d != "." {
			d = path.Dir(d)
			if t.isDir(d) {
				break
			}
		}
		want[d] = true
		return
	}
	want[d] = true
	if depth > 0 {
		t.walk(want, d, depth)
	}
}

// walk adds the real subfolders of d, depth levels down. Symbolic links to
// folders are not followed (a link can loop back up).
func (t *tree) walk(want map[string]bool, d string, depth int) {
	entries, err := fs.ReadDir(t.fsys, d)
	if err != nil {
		return
	}
	for _, de := range entries {
		if !de.IsDir() || len(want) >= t.max {
			continue
		}
		p := join(d, de.Name())
		want[p] = true
		if depth > 1 {
			t.walk(want, p, depth-1)
		}
	}
}

func (t *tree) isDir(p string) bool {
	st, err := fs.Stat(t.fsys, p)
	return err == nil && st.IsDir()
}

// reconcile adds and removes watches so that want is watched. It reports
// whether it added any.
func (t *tree) reconcile(want map[string]bool) (bool, error) {
	for p, osp := range t.byFS {
		if !want[p] {
			_ = t.fsw.Remove(osp) // may be gone already
			delete(t.byFS, p)
			delete(t.byOS, osp)
		}
	}
	added := false
	var failed []string
	var firstErr error
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if _, ok := t.byFS[p]; ok {
			continue
		}
		if len(t.byFS) >= t.max {
			if t.told[tooMany] {
				return added, nil
			}
			t.told[tooMany] = true
			return added, fmt.Errorf("more than %d folders to watch", t.max)
		}
		osp := t.rootDir(p)
		if osp == "" {
			continue // not on this system (a folder on another drive)
		}
		osp = filepath.Clean(osp)
		err := t.fsw.Add(osp)
		switch {
		case err == nil:
			t.byFS[p] = osp
			t.byOS[osp] = p
			added = true
			t.log.Debug("watching", "path", osp)
		case errors.Is(err, fs.ErrNotExist):
			// removed since it was looked at; its parent's watch reports it
		case errors.Is(err, fs.ErrPermission):
			// the scanner cannot read it either
			if !t.told[p] {
				t.told[p] = true
				t.log.Debug("folder not watched", "path", osp, "err", err)
			}
		default:
			if !t.told[p] {
				t.told[p] = true
				t.log.Debug("folder not watched", "path", osp, "err", err)
				failed = append(failed, p)
				if firstErr == nil {
					firstErr = err
				}
			}
		}
	}
	if len(failed) > 0 {
		return added, fmt.Errorf("watch %d folders: %w", len(failed), firstErr)
	}
	return added, nil
}

// fsPath maps an event's OS path to an FS path.
func (t *tree) fsPath(name string) (string, bool) {
	name = filepath.Clean(name)
	if p, ok := t.byOS[name]; ok {
		return p, true
	}
	if p, ok := t.byOS[filepath.Dir(name)]; ok {
		return join(p, filepath.Base(name)), true
	}
	return "", false
}

// forget drops the watches on p and below: it was removed or renamed.
func (t *tree) forget(p string) {
	for q, osq := range t.byFS {
		if q == p || t.under(q, p) {
			_ = t.fsw.Remove(osq)
			delete(t.byFS, q)
			delete(t.byOS, osq)
		}
	}
}

// sources returns the sources that read p: those with a folder that is p,
// that will be under p (p is a folder created or removed on the way to it),
// or that contains p no deeper than the source reads (or in a settling
// folder). Writes count only for sources that read file contents.
func (t *tree) sources(p string, structural bool) []string {
	var out []string
	for src, ds := range t.dirs {
		if !structural && !writeMatters(src, p) {
			continue
		}
		for _, d := range ds {
			if t.same(p, d) || t.under(d, p) ||
				t.under(p, d) && (levels(p, d) <= depthFor(src, d)+1 || t.settlingUnder(p, d)) {
				out = append(out, src)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// levels returns how many levels p is below dir (1 for a direct entry).
func levels(p, dir string) int {
	if dir == "." {
		return strings.Count(p, "/") + 1
	}
	return strings.Count(p[len(dir)+1:], "/") + 1
}

// settlingUnder reports whether p is in a settling folder below dir.
func (t *tree) settlingUnder(p, dir string) bool {
	for s := range t.settling {
		if (t.same(p, s) || t.under(p, s)) && t.under(s, dir) {
			return true
		}
	}
	return false
}

// underRoot reports whether p is below one of the sources' folders.
func (t *tree) underRoot(p string) bool {
	for _, ds := range t.dirs {
		for _, d := range ds {
			if t.under(p, d) {
				return true
			}
		}
	}
	return false
}

func (t *tree) same(a, b string) bool {
	if t.fold {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// under reports whether p is strictly below dir.
func (t *tree) under(p, dir string) bool {
	if dir == "." {
		return p != "."
	}
	if len(p) <= len(dir) || p[len(dir)] != '/' {
		return false
	}
	return t.same(p[:len(dir)], dir)
}

func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}
