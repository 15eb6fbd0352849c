package inventory

import (
	"context"
	"io/fs"
	"path"
	"strings"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/words"
)

// macOS: apps are .app bundles in /Applications and ~/Applications, and one
// folder level below them (/Applications/Utilities, /Applications/Setapp). A
// bundle is known by the CFBundleIdentifier in its Contents/Info.plist, never by
// its folder name: Homebrew installs Telegram as "Telegram Desktop.app" and
// Roblox as "Roblox.app", and anyone can name a folder "Discord.app".

func init() {
	register(catalog.Darwin, Source{
		Name: "app-bundles",
		Dirs: bundleDirs,
		Scan: scanBundles,
	})
}

// applicationsDirs returns the top-level Applications folders as FS paths.
func (e *Env) applicationsDirs() []string {
	dirs := []string{"Applications"}
	if h := e.homePath("Applications"); h != dirs[0] {
		dirs = append(dirs, h)
	}
	return dirs
}

// bundleDirs lists the Applications folders and the plain folders inside them
// that the scan reads, so a watcher sees a bundle land in either.
func bundleDirs(e *Env) []string {
	var dirs []string
	for _, top := range e.applicationsDirs() {
		dirs = append(dirs, top)
		entries, _ := fs.ReadDir(e.FS, top)
		for _, de := range entries {
			if !isBundleName(de.Name()) && isDirEntryDir(e.FS, top, de) {
				dirs = append(dirs, path.Join(top, de.Name()))
			}
		}
	}
	return dirs
}

// isBundleName reports whether a folder name is an application bundle's.
func isBundleName(name string) bool {
	return len(name) > len(".app") && strings.EqualFold(path.Ext(name), ".app")
}

// findBundles returns the .app bundles in dir and, when depth allows, in the
// plain folders inside it. It does not look inside bundles.
func findBundles(fsys fs.FS, dir string, depth int) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, de := range entries {
		if !isDirEntryDir(fsys, dir, de) {
			continue
		}
		p := path.Join(dir, de.Name())
		switch {
		case isBundleName(de.Name()):
			out = append(out, p)
		case depth > 0:
			out = append(out, findBundles(fsys, p, depth-1)...)
		}
	}
	return out
}

func scanBundles(ctx context.Context, e *Env, hit func(Hit)) error {
	for _, top := range e.applicationsDirs() {
		for _, b := range findBundles(e.FS, top, 1) {
			if err := ctx.Err(); err != nil {
				return err
			}
			plistPath := path.Join(b, "Contents", "Info.plist")
			data, err := readSmall(e.FS, plistPath)
			if err != nil {
				e.Skip(plistPath, err)
				continue
			}
			info, err := ParseInfoPlist(data)
			if err != nil {
				e.Skip(plistPath, err)
				continue
			}
			m, ok := e.Cat.Lookup(catalog.Darwin, catalog.BundleID, info.ID)
			if !ok {
				continue
			}
			hit(Hit{AppID: m.App.ID, Evidence: Evidence{
				Kind:  KindBundle,
				Found: words.FoundBundle,
				Name:  info.ID,
				Path:  e.DisplayPath(b),
				Weak:  m.Weak,
			}})
		}
	}
	return nil
}
