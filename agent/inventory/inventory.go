// Package inventory finds which catalog apps are installed on a computer, and
// how it knows. It reads the places each OS keeps installed software (desktop
// entries, flatpak and snap folders, AppImages, .app bundles, the Windows
// Uninstall keys and Store packages, Start Menu shortcuts) and the folders an
// app leaves behind once it has been used.
//
// Every reader is a pure function over an fs.FS rooted at the scanned system's
// "/" (and, on Windows, a Registry), so every OS's layout is tested on every OS
// and a mounted disk can be scanned with --root. Unreadable, malformed or
// looping input is skipped with one debug log line; it never fails a scan.
package inventory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Evidence kinds.
const (
	KindDesktop  = "desktop"  // a desktop entry (linux)
	KindFlatpak  = "flatpak"  // a flatpak install folder (linux)
	KindSnap     = "snap"     // a snap install folder (linux)
	KindAppImage = "appimage" // an AppImage file (linux)
	KindInstall  = "install"  // a program folder: a tarball under /opt or home, a per-user folder on Windows
	KindData     = "data"     // a folder the app writes once used
	KindBundle   = "bundle"   // a .app bundle (darwin)
	KindRegistry = "registry" // an Uninstall registry key (windows)
	KindStore    = "store"    // a Store package (windows)
	KindShortcut = "shortcut" // a Start Menu shortcut (windows)
)

// Evidence is one reason to believe an app is installed.
type Evidence struct {
	Kind string `json:"kind"`
	// Found is what was found, as a words.Found* code, and Name the
	// identifier that matched (a flatpak id, a folder, a bundle id); Via is
	// set for a desktop entry that only starts another program, Via.
	Found words.Code `json:"found"`
	Name  string     `json:"name"`
	Via   string     `json:"via,omitempty"`
	// Detail is Fact in English, e.g. "flatpak com.discordapp.Discord", for
	// readers of the JSON scan; screens render Fact in their own language.
	Detail string `json:"detail"`
	// Path is where it was found, as the scanned system names it
	// ("/home/sam/.config/discord", `C:\Users\sam\AppData\Local\Discord`,
	// `HKCU\Software\...\Uninstall\Discord`).
	Path string `json:"path"`
	// Weak is set when the identifier that matched is inferred or unverified
	// (tagged I or U in the research), or is a used-data folder on its own.
	Weak bool `json:"weak,omitempty"`
}

// App is one installed catalog app with all of its evidence.
type App struct {
	ID       string           `json:"id"`
	Name     string           `json:"name"`
	Category catalog.Category `json:"category"`
	Evidence []Evidence       `json:"evidence"`
}

// Result is what a scan found. Apps are sorted by category order, then name.
type Result struct {
	Apps []App `json:"apps"`
}

// IDs returns the ids of the apps in r, sorted.
func (r Result) IDs() []string {
	ids := make([]string, 0, len(r.Apps))
	for _, a := range r.Apps {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	return ids
}

// Hit is what a source reports: an app id and one piece of evidence.
type Hit struct {
	AppID    string
	Evidence Evidence
}

// Env is everything a source reads. All paths are slash paths relative to the
// scanned system's root as fs.FS wants them ("home/sam/.config", no leading
// slash), except where noted.
type Env struct {
	OS  catalog.OS
	FS  fs.FS
	Cat *catalog.Catalog
	Log *slog.Logger
	// Home is the home folder of the person whose apps are scanned ("home/sam", "Users/sam").
	Home string
	// XDGDataHome and XDGDataDirs follow the XDG base-directory spec (linux);
	// empty means the spec's defaults.
	XDGDataHome string
	XDGDataDirs []string
	// Windows folders; empty means the defaults under Home and the system drive.
	LocalAppData, AppData, ProgramData, ProgramFiles, ProgramFilesX86 string
	// Registry is the Windows registry; nil means there is none to read.
	Registry Registry
	// Display turns an FS path into the path shown to people; nil shows "/"+p,
	// or on Windows `C:\`+p with backslashes.
	Display func(p string) string
}

// DisplayPath returns p as the scanned system names it.
func (e *Env) DisplayPath(p string) string {
	if e.Display != nil {
		return e.Display(p)
	}
	if e.OS == catalog.Windows {
		return `C:\` + strings.ReplaceAll(p, "/", `\`)
	}
	return "/" + p
}

// Skip logs, at debug level, that input was skipped and why.
func (e *Env) Skip(p string, err error) {
	e.Log.Debug("skipped", "path", e.DisplayPath(p), "err", err)
}

// Registry is the part of the Windows registry the inventory reads. Keys are
// full paths with a hive prefix: HKLM, HKCU (e.g. `HKLM\SOFTWARE\Microsoft\...`).
// The 32-bit view of HKLM is read as `HKLM\SOFTWARE\WOW6432Node\...`.
// A key that does not exist is an error wrapping fs.ErrNotExist. RegFile
// (registry exports) and SystemRegistry (the live registry, on Windows)
// implement it.
type Registry interface {
	// SubKeys lists the names of key's direct subkeys.
	SubKeys(key string) ([]string, error)
	// Values returns key's values; strings as they are, DWORDs and QWORDs in decimal.
	Values(key string) (map[string]string, error)
}

// ErrNoRegistry is returned by registry reads where there is no registry.
var ErrNoRegistry = errors.New("no registry")

// Source is one place a platform keeps installed apps.
type Source struct {
	// Name identifies the source in logs and for targeted rescans ("desktop-entries").
	Name string
	// Dirs lists the folders the source reads, as FS paths, so a watcher can
	// watch them. A source whose folders do not exist yet still lists them.
	Dirs func(e *Env) []string
	// Scan reads the source and reports hits. It returns an error only when the
	// whole source could not be read for a reason worth a warning; per-file
	// problems are skipped with e.Skip.
	Scan func(ctx context.Context, e *Env, hit func(Hit)) error
}

// sources maps an OS to its sources; the per-platform files fill it in init.
var sources = map[catalog.OS][]Source{}

func register(os catalog.OS, s ...Source) { sources[os] = append(sources[os], s...) }

// Sources returns the sources that apply to os.
func Sources(os catalog.OS) []Source { return sources[os] }

// Scanner scans a system and remembers the last hits per source, so that a
// change in one folder needs only that source read again.
type Scanner struct {
	env *Env

	mu   sync.Mutex
	hits map[string][]Hit // by source name
}

// NewScanner returns a scanner over env. env.OS, env.FS and env.Cat are required.
func NewScanner(env Env) (*Scanner, error) {
	if env.FS == nil || env.Cat == nil {
		return nil, errors.New("inventory: no file system or catalog")
	}
	if _, ok := sources[env.OS]; !ok {
		return nil, fmt.Errorf("inventory: no sources for os %q", env.OS)
	}
	if env.Log == nil {
		env.Log = slog.New(slog.DiscardHandler)
	}
	env.Home = strings.Trim(env.Home, "/")
	return &Scanner{env: &env, hits: map[string][]Hit{}}, nil
}

// Env returns the scanner's environment.
func (s *Scanner) Env() *Env { return s.env }

// Dirs returns every folder the scanner reads, by source name.
func (s *Scanner) Dirs() map[string][]string {
	m := map[string][]string{}
	for _, src := range sources[s.env.OS] {
		m[src.Name] = src.Dirs(s.env)
	}
	return m
}

// Scan reads every source and returns what is installed.
func (s *Scanner) Scan(ctx context.Context) (Result, error) {
	var names []string
	for _, src := range sources[s.env.OS] {
		names = append(names, src.Name)
	}
	return s.Rescan(ctx, names...)
}

// Rescan reads the named sources again and returns the full result, reusing
// the last hits of the other sources.
func (s *Scanner) Rescan(ctx context.Context, names ...string) (Result, error) {
	type out struct {
		name string
		hits []Hit
	}
	var (
		wg   sync.WaitGroup
		outs = make(chan out, len(names))
	)
	for _, src := range sources[s.env.OS] {
		if !slices.Contains(names, src.Name) {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var (
				hits []Hit
				mu   sync.Mutex
			)
			err := src.Scan(ctx, s.env, func(h Hit) {
				h.Evidence = h.Evidence.withDetail()
				mu.Lock()
				hits = append(hits, h)
				mu.Unlock()
			})
			if err != nil {
				s.env.Log.Warn("source unreadable", "source", src.Name, "err", err)
			}
			outs <- out{src.Name, hits}
		}()
	}
	wg.Wait()
	close(outs)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for o := range outs {
		s.hits[o.name] = o.hits
	}
	var all []Hit
	for _, h := range s.hits {
		all = append(all, h...)
	}
	return merge(s.env.Cat, all), nil
}

// Fact says what was found as a words.Found* fact.
func (e Evidence) Fact() words.Fact {
	f := words.New(e.Found, words.Text(e.Name))
	if e.Via != "" {
		f = words.New(words.FoundShortcut, words.Part(f), words.Text(e.Via))
	}
	return f
}

// english renders evidence for Detail.
var english = words.Renderer{Lang: words.EN, Loc: time.UTC}

// withDetail fills in Detail from the fact.
func (e Evidence) withDetail() Evidence {
	e.Detail = english.Fact(e.Fact())
	return e
}

// merge groups hits by app, drops duplicate evidence and sorts.
func merge(cat *catalog.Catalog, hits []Hit) Result {
	byApp := map[string]*App{}
	for _, h := range hits {
		a := byApp[h.AppID]
		if a == nil {
			ca, ok := cat.App(h.AppID)
			if !ok {
				continue
			}
			a = &App{ID: ca.ID, Name: ca.Name, Category: ca.Category}
			byApp[h.AppID] = a
		}
		dup := slices.ContainsFunc(a.Evidence, func(e Evidence) bool {
			return e.Kind == h.Evidence.Kind && e.Path == h.Evidence.Path && e.Detail == h.Evidence.Detail
		})
		if !dup {
			a.Evidence = append(a.Evidence, h.Evidence)
		}
	}
	var r Result
	for _, a := range byApp {
		slices.SortFunc(a.Evidence, func(x, y Evidence) int {
			// strong evidence first, then by kind and path
			if x.Weak != y.Weak {
				if y.Weak {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Path, y.Path), cmp.Compare(x.Detail, y.Detail))
		})
		r.Apps = append(r.Apps, *a)
	}
	slices.SortFunc(r.Apps, func(x, y App) int {
		return cmp.Or(cmp.Compare(slices.Index(catalog.Categories, x.Category), slices.Index(catalog.Categories, y.Category)),
			cmp.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)))
	})
	if r.Apps == nil {
		r.Apps = []App{}
	}
	return r
}

// homePath joins elem under the home folder, as an FS path.
func (e *Env) homePath(elem ...string) string {
	return path.Join(append([]string{e.Home}, elem...)...)
}

// maxFileSize bounds every metadata file the inventory reads (a desktop entry,
// an Info.plist, a .reg export). Larger files are skipped, never read whole.
const maxFileSize = 1 << 20

// readSmall reads name from fsys, refusing files over maxFileSize.
func readSmall(fsys fs.FS, name string) ([]byte, error) { return readSmallInto(fsys, name, nil) }
