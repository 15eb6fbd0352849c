package inventory

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Windows: installed programs are read from the Uninstall keys (per machine,
// 64- and 32-bit, and per user), Store packages from the per-user AppModel
// repository and %LOCALAPPDATA%\Packages, and Start Menu shortcuts by file name.
// Per-user install folders (%LOCALAPPDATA%\Discord, ...) are catalog
// install_dirs, read by the shared install-folders source.

// uninstallRoots are the keys whose subkeys are installed programs.
var uninstallRoots = []string{
	`HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`,
	`HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall`,
	`HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall`,
}

// packagesKey holds one subkey per Store package installed for the user, named
// by its package full name.
const packagesKey = `HKCU\Software\Classes\Local Settings\Software\Microsoft\Windows\CurrentVersion\AppModel\Repository\Packages`

// maxShortcutDepth bounds how many folder levels below a Start Menu Programs
// folder are searched for shortcuts.
const maxShortcutDepth = 4

func init() {
	register(catalog.Windows,
		Source{Name: "uninstall-keys", Dirs: registryDirs, Scan: scanUninstallKeys},
		Source{Name: "store-packages", Dirs: storeDirs, Scan: scanStorePackages},
		Source{Name: "shortcuts", Dirs: shortcutDirs, Scan: scanShortcuts},
	)
}

// registryDirs is the Dirs of a source that reads no folders (the registry).
func registryDirs(*Env) []string { return nil }

// valueFold returns the value called name, ignoring case as the registry does.
func valueFold(vals map[string]string, name string) string {
	if v, ok := vals[name]; ok {
		return v
	}
	for k, v := range vals {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// keyMissing reports whether err says a registry key or folder does not exist,
// which is normal (no 32-bit programs, no per-user installs) and not worth a warning.
func keyMissing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrNoRegistry)
}

func scanUninstallKeys(ctx context.Context, e *Env, hit func(Hit)) error {
	if e.Registry == nil {
		return nil
	}
	var errs []error
	for _, root := range uninstallRoots {
		subs, err := e.Registry.SubKeys(root)
		if err != nil {
			if !keyMissing(err) {
				errs = append(errs, err)
			}
			continue
		}
		for _, sub := range subs {
			if err := ctx.Err(); err != nil {
				return err
			}
			key := root + `\` + sub
			vals, err := e.Registry.Values(key)
			if err != nil {
				e.Log.Debug("skipped", "path", key, "err", err)
				continue
			}
			for _, h := range matchUninstallEntry(e.Cat, key, sub, vals) {
				hit(h)
			}
		}
	}
	return errors.Join(errs...)
}

// matchUninstallEntry returns the hits for one Uninstall subkey: by the key's
// name and by its DisplayName. Entries Windows hides from Programs and
// Features (SystemComponent=1) are left out.
func matchUninstallEntry(cat *catalog.Catalog, key, sub string, vals map[string]string) []Hit {
	if strings.TrimSpace(valueFold(vals, "SystemComponent")) == "1" {
		return nil
	}
	name := strings.TrimSpace(valueFold(vals, "DisplayName"))
	var matches []catalog.Match
	if m, ok := cat.Lookup(catalog.Windows, catalog.UninstallKey, sub); ok {
		matches = append(matches, m)
	}
	if name != "" {
		if m, ok := cat.MatchDisplayName(name); ok {
			matches = append(matches, m)
		}
	}
	shown := name
	if shown == "" {
		shown = sub
	}
	var hits []Hit
	for i, m := range matches {
		if i == 1 && m.App == matches[0].App {
			// key and name agree: one piece of evidence, strong if either is
			hits[0].Evidence.Weak = hits[0].Evidence.Weak && m.Weak
			continue
		}
		hits = append(hits, Hit{AppID: m.App.ID, Evidence: Evidence{
			Kind:  KindRegistry,
			Found: words.FoundRegistry,
			Name:  shown,
			Path:  key,
			Weak:  m.Weak,
		}})
	}
	return hits
}

// packageFamily turns a package full name (Name_Version_Arch_ResourceId_PublisherId,
// the resource id often empty) into its family name (Name_PublisherId). A name
// that is already a family name is returned as is; anything else gives false.
func packageFamily(fullName string) (string, bool) {
	parts := strings.Split(fullName, "_")
	switch {
	case len(parts) == 5 && parts[0] != "" && parts[4] != "":
		return parts[0] + "_" + parts[4], true
	case len(parts) == 2 && parts[0] != "" && parts[1] != "":
		return fullName, true
	}
	return "", false
}

func (e *Env) packagesDir() string { return path.Join(e.localAppData(), "Packages") }

func storeDirs(e *Env) []string { return []string{e.packagesDir()} }

func scanStorePackages(ctx context.Context, e *Env, hit func(Hit)) error {
	report := func(family, where string) {
		m, ok := e.Cat.Lookup(catalog.Windows, catalog.StoreFamily, family)
		if !ok {
			return
		}
		hit(Hit{AppID: m.App.ID, Evidence: Evidence{
			Kind:  KindStore,
			Found: words.FoundStore,
			Name:  family,
			Path:  where,
			Weak:  m.Weak,
		}})
	}
	var errs []error
	if e.Registry != nil {
		subs, err := e.Registry.SubKeys(packagesKey)
		if err != nil && !keyMissing(err) {
			errs = append(errs, err)
		}
		for _, full := range subs {
			if family, ok := packageFamily(full); ok {
				report(family, packagesKey+`\`+full)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	dir := e.packagesDir()
	entries, err := fs.ReadDir(e.FS, dir)
	if err != nil && !keyMissing(err) {
		errs = append(errs, fmt.Errorf("read %s: %w", e.DisplayPath(dir), err))
	}
	for _, de := range entries {
		if !isDirEntryDir(e.FS, dir, de) {
			continue
		}
		if family, ok := packageFamily(de.Name()); ok && family == de.Name() {
			report(family, e.DisplayPath(path.Join(dir, de.Name())))
		}
	}
	return errors.Join(errs...)
}

// startMenuDirs returns the per-user and the all-users Start Menu Programs folders.
func (e *Env) startMenuDirs() []string {
	const programs = "Microsoft/Windows/Start Menu/Programs"
	return []string{path.Join(e.appData(), programs), path.Join(e.programData(), programs)}
}

// walkShortcuts calls fn for every folder (at most maxShortcutDepth levels
// deep) and every .lnk file under root. Symbolic links are not followed.
func walkShortcuts(fsys fs.FS, root string, dir func(p string), lnk func(p, name string)) {
	_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable folder: WalkDir goes on with the rest
		}
		if d.IsDir() {
			if p != root && strings.Count(p[len(root)+1:], "/") >= maxShortcutDepth {
				return fs.SkipDir
			}
			dir(p)
			return nil
		}
		if d.Type().IsRegular() && strings.EqualFold(path.Ext(d.Name()), ".lnk") {
			lnk(p, d.Name())
		}
		return nil
	})
}

func shortcutDirs(e *Env) []string {
	var dirs []string
	for _, root := range e.startMenuDirs() {
		n := len(dirs)
		walkShortcuts(e.FS, root, func(p string) { dirs = append(dirs, p) }, func(string, string) {})
		if len(dirs) == n {
			dirs = append(dirs, root) // not there yet: still watched
		}
	}
	return dirs
}

func scanShortcuts(ctx context.Context, e *Env, hit func(Hit)) error {
	for _, root := range e.startMenuDirs() {
		if err := ctx.Err(); err != nil {
			return err
		}
		walkShortcuts(e.FS, root, func(string) {}, func(p, name string) {
			m, ok := e.Cat.Lookup(catalog.Windows, catalog.StartShortcut, name)
			if !ok {
				return
			}
			hit(Hit{AppID: m.App.ID, Evidence: Evidence{
				Kind:  KindShortcut,
				Found: words.FoundStartMenu,
				Name:  name,
				Path:  e.DisplayPath(p),
				Weak:  m.Weak,
			}})
		})
	}
	return nil
}

// windowsContract is contract for the Windows layout: a path under a known
// folder starts with that folder's variable, the most specific first
// (%LOCALAPPDATA%\Discord\Update.exe, %APPDATA%\Telegram Desktop), anything
// else as DisplayPath shows it (C:\Windows\Fonts). Folder names compare
// case-insensitively, as on Windows.
func (e *Env) windowsContract(p string) string {
	for _, v := range []struct{ name, dir string }{
		{"%LOCALAPPDATA%", e.localAppData()},
		{"%APPDATA%", e.appData()},
		{"%USERPROFILE%", e.Home},
		{"%PROGRAMDATA%", e.programData()},
		{"%PROGRAMFILES(X86)%", e.programFilesX86()},
		{"%PROGRAMFILES%", e.programFiles()},
	} {
		d := v.dir
		if d == "" || len(p) < len(d) || !strings.EqualFold(p[:len(d)], d) || (len(p) > len(d) && p[len(d)] != '/') {
			continue
		}
		return v.name + strings.ReplaceAll(p[len(d):], "/", `\`)
	}
	return e.DisplayPath(p)
}
