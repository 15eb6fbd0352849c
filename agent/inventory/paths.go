package inventory

import (
	"context"
	"io/fs"
	"path"
	"strings"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Default folders, as FS paths, when the Env leaves them empty.

func (e *Env) xdgDataHome() string {
	if e.XDGDataHome != "" {
		return strings.Trim(e.XDGDataHome, "/")
	}
	return e.homePath(".local/share")
}

func (e *Env) xdgDataDirs() []string {
	if len(e.XDGDataDirs) > 0 {
		out := make([]string, 0, len(e.XDGDataDirs))
		for _, d := range e.XDGDataDirs {
			out = append(out, strings.Trim(d, "/"))
		}
		return out
	}
	return []string{"usr/local/share", "usr/share"}
}

func (e *Env) localAppData() string {
	if e.LocalAppData != "" {
		return strings.Trim(e.LocalAppData, "/")
	}
	return e.homePath("AppData/Local")
}

func (e *Env) appData() string {
	if e.AppData != "" {
		return strings.Trim(e.AppData, "/")
	}
	return e.homePath("AppData/Roaming")
}

func (e *Env) programData() string     { return orDefault(e.ProgramData, "ProgramData") }
func (e *Env) programFiles() string    { return orDefault(e.ProgramFiles, "Program Files") }
func (e *Env) programFilesX86() string { return orDefault(e.ProgramFilesX86, "Program Files (x86)") }

func orDefault(v, def string) string {
	if v != "" {
		return strings.Trim(v, "/")
	}
	return def
}

// expand turns a catalog path pattern into an FS path pattern: "~" is the home
// folder, a leading "/" is the root, and on Windows %LOCALAPPDATA%, %APPDATA%,
// %PROGRAMDATA%, %PROGRAMFILES% and %PROGRAMFILES(X86)% are their folders.
// Windows patterns may use "\" or "/".
func (e *Env) expand(pattern string) string {
	p := strings.ReplaceAll(pattern, `\`, "/")
	switch {
	case p == "~" || strings.HasPrefix(p, "~/"):
		p = e.Home + p[1:]
	case strings.HasPrefix(p, "%"):
		end := strings.Index(p[1:], "%")
		if end < 0 {
			return strings.TrimPrefix(p, "/")
		}
		v, rest := strings.ToUpper(p[1:end+1]), p[end+2:]
		var base string
		switch v {
		case "LOCALAPPDATA":
			base = e.localAppData()
		case "APPDATA":
			base = e.appData()
		case "PROGRAMDATA":
			base = e.programData()
		case "PROGRAMFILES":
			base = e.programFiles()
		case "PROGRAMFILES(X86)":
			base = e.programFilesX86()
		case "USERPROFILE":
			base = e.Home
		default:
			return strings.TrimPrefix(p, "/")
		}
		p = base + rest
	}
	return path.Clean(strings.TrimPrefix(p, "/"))
}

// contract turns an FS path back into the catalog's form ("~/..." for the home
// folder), for matching and for details people read. On Windows it is the
// %LOCALAPPDATA%\... form (see windowsContract).
func (e *Env) contract(p string) string {
	if e.OS == catalog.Windows {
		return e.windowsContract(p)
	}
	if e.Home != "" && (p == e.Home || strings.HasPrefix(p, e.Home+"/")) {
		return "~" + p[len(e.Home):]
	}
	return "/" + p
}

// shownDir is path.Dir for a contracted path, which on Windows is written
// with "\" (%LOCALAPPDATA%\Discord, C:\Program Files\Zoom).
func shownDir(p string) string {
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") {
		return path.Dir(p)
	}
	i := strings.LastIndexByte(p, '\\')
	switch {
	case i < 0:
		return "."
	case i == 2 && p[1] == ':':
		return p[:3] // `C:\`
	}
	return p[:i]
}

// globCI is fs.Glob that ignores case in the parts of the pattern, because
// Windows and macOS file systems ignore case and install folders vary in it
// ("Discord" vs "discord"). It reads one folder per pattern element, so it is
// only used for the short, fixed patterns of the catalog.
func globCI(fsys fs.FS, pattern string) []string {
	parts := strings.Split(pattern, "/")
	cur := []string{"."}
	for i, part := range parts {
		var next []string
		for _, dir := range cur {
			entries, err := fs.ReadDir(fsys, dir)
			if err != nil {
				continue
			}
			lp := strings.ToLower(part)
			for _, de := range entries {
				if ok, _ := path.Match(lp, strings.ToLower(de.Name())); !ok {
					continue
				}
				if i < len(parts)-1 && !isDirEntryDir(fsys, dir, de) {
					continue
				}
				next = append(next, path.Join(dir, de.Name()))
			}
		}
		if len(next) == 0 {
			return nil
		}
		cur = next
	}
	return cur
}

// isDirEntryDir reports whether de is a folder, following a symlink once.
func isDirEntryDir(fsys fs.FS, dir string, de fs.DirEntry) bool {
	if de.IsDir() {
		return true
	}
	if de.Type()&fs.ModeSymlink == 0 {
		return false
	}
	st, err := fs.Stat(fsys, path.Join(dir, de.Name()))
	return err == nil && st.IsDir()
}

// patternSource reports every catalog app whose install_dirs or data_dirs
// pattern for the env's OS matches something on disk. It is shared by all
// platforms: the catalog carries the paths, this only looks them up.
func patternSource(name string, kind catalog.Kind, evKind string, found words.Code, shown func(string) string) Source {
	return Source{
		Name: name,
		Dirs: func(e *Env) []string {
			seen := map[string]bool{}
			var dirs []string
			for _, a := range e.Cat.Apps {
				for _, s := range a.Signatures(e.OS, kind) {
					// watch the deepest folder with no wildcard above the match
					p := e.expand(s.Value)
					d := path.Dir(p)
					for strings.ContainsAny(d, "*?[") {
						d = path.Dir(d)
					}
					if !seen[d] {
						seen[d] = true
						dirs = append(dirs, d)
					}
				}
			}
			return dirs
		},
		Scan: func(ctx context.Context, e *Env, hit func(Hit)) error {
			for _, a := range e.Cat.Apps {
				for _, s := range a.Signatures(e.OS, kind) {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					for _, m := range globCI(e.FS, e.expand(s.Value)) {
						hit(Hit{AppID: a.ID, Evidence: Evidence{
							Kind:  evKind,
							Found: found,
							Name:  shown(e.contract(m)),
							Path:  e.DisplayPath(m),
							Weak:  s.Weak || evKind == KindData,
						}})
					}
				}
			}
			return nil
		},
	}
}

func init() {
	for _, os := range catalog.OSes {
		register(os,
			patternSource("install-folders", catalog.InstallDir, KindInstall, words.FoundInstall, shownDir),
			patternSource("data-folders", catalog.DataDir, KindData, words.FoundData, func(p string) string { return p }),
		)
	}
}
