// Package catalog is TalkFirst's list of chat apps and chat-capable games: one
// embedded, human-readable data file (catalog.toml) plus the lookups the
// inventory and the usage sampler use to turn an identifier seen on a computer
// into a catalog app.
//
// An entry is a service, not a binary: alternative clients (Vesktop, 64Gram,
// Element, Sober, Prism Launcher, …) map to the service they talk to.
//
// Matching is always by identifier (a desktop id, a flatpak id, a bundle id, a
// process name, an exe path pattern, an anchored display-name pattern), never by
// a substring of a name: "Telegraph" is not Telegram and "WireGuard" is not Wire.
package catalog

import (
	"bytes"
	_ "embed"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

//go:embed catalog.toml
var embedded []byte

// Category groups apps by the kind of contact they allow.
type Category string

// The categories; DESIGN.md fixes this list.
const (
	Messenger Category = "messenger"
	Community Category = "community"
	Social    Category = "social"
	VideoCall Category = "video-call"
	GameChat  Category = "game-chat"
	Anonymous Category = "anonymous"
	School    Category = "school-work"
)

// Categories lists every category in display order.
var Categories = []Category{Messenger, Community, Social, GameChat, Anonymous, VideoCall, School}

// OS names a platform layout; the values are runtime.GOOS values.
type OS string

// The supported platforms.
const (
	Linux   OS = "linux"
	Darwin  OS = "darwin"
	Windows OS = "windows"
)

// OSes lists the supported platforms.
var OSes = []OS{Linux, Darwin, Windows}

// Kind is one kind of signature. Which kinds apply depends on the OS; see the
// header of catalog.toml for what each one means.
type Kind string

// Signature kinds. Exact kinds are compared case-insensitively; Glob kinds are
// path.Match patterns (case-insensitive); DisplayName is an anchored regular
// expression.
const (
	DesktopID     Kind = "desktop_ids"    // linux: .desktop file id without ".desktop"
	FlatpakID     Kind = "flatpak_ids"    // linux: flatpak application id
	SnapName      Kind = "snap_names"     // linux: snap name
	WMClass       Kind = "wm_classes"     // linux: X11 WM_CLASS class or instance, StartupWMClass
	AppImage      Kind = "appimages"      // linux: glob over AppImage file names
	InstallDir    Kind = "install_dirs"   // all: glob over a file whose presence shows an install, "~" is home; windows uses %LOCALAPPDATA% style roots
	DataDir       Kind = "data_dirs"      // all: a folder that shows the app was used, "~" is home
	Process       Kind = "processes"      // all: process name (linux comm is cut at 15 bytes when compared)
	ExePath       Kind = "exe_paths"      // all: glob over the executable's full path
	Cmdline       Kind = "cmdlines"       // all: an argument that must appear whole in the command line (e.g. a Java main class)
	BundleID      Kind = "bundle_ids"     // darwin: CFBundleIdentifier
	DisplayName   Kind = "display_names"  // windows: anchored regexp over an Uninstall key's DisplayName
	UninstallKey  Kind = "uninstall_keys" // windows: exact Uninstall subkey name
	StoreFamily   Kind = "store_families" // windows: Store package family name
	StartShortcut Kind = "shortcuts"      // windows: Start Menu shortcut file name, e.g. "Discord.lnk"
)

// Kinds lists every signature kind in the order the data file uses.
var Kinds = []Kind{DesktopID, FlatpakID, SnapName, WMClass, AppImage, InstallDir, DataDir,
	Process, ExePath, Cmdline, BundleID, DisplayName, UninstallKey, StoreFamily, StartShortcut}

// kindsFor says which kinds make sense on which OS; the validator rejects others.
var kindsFor = map[OS][]Kind{
	Linux:   {DesktopID, FlatpakID, SnapName, WMClass, AppImage, InstallDir, DataDir, Process, ExePath, Cmdline},
	Darwin:  {BundleID, InstallDir, DataDir, Process, ExePath, Cmdline},
	Windows: {DisplayName, UninstallKey, StoreFamily, StartShortcut, InstallDir, DataDir, Process, ExePath, Cmdline},
}

// KindsFor returns the signature kinds that apply on os.
func KindsFor(os OS) []Kind { return kindsFor[os] }

// Signature is one identifier. Weak is set for identifiers the research tags
// I (inferred) or U (unverified): they are written with a leading "?" in the
// data file and are shown as weaker evidence.
type Signature struct {
	Value string
	Weak  bool
}

// App is one catalog entry.
type App struct {
	ID       string
	Name     string
	Category Category
	// Know is the short "what parents should know" line, by language ("en", "nl").
	Know map[string]string
	// Guides are the guide ids that speak to this app.
	Guides []string
	// Aliases names alternative clients that map to this service (for people, not matching).
	Aliases []string
	// Platforms holds the signatures per OS. An OS with no entry means the app
	// has no client there (for example Snapchat on Linux).
	Platforms map[OS]map[Kind][]Signature
	// Absent explains, per OS, why an app has no signatures there.
	Absent map[OS]string

	res map[OS][]*regexp.Regexp // compiled DisplayName patterns
}

// Signatures returns the app's signatures of kind k on os.
func (a *App) Signatures(os OS, k Kind) []Signature { return a.Platforms[os][k] }

// KnowLine returns the "what parents should know" line in lang, falling back to English.
func (a *App) KnowLine(lang string) string {
	if s, ok := a.Know[lang]; ok && s != "" {
		return s
	}
	return a.Know["en"]
}

// Match is the result of a lookup: the app and whether the identifier that
// matched is weaker evidence.
type Match struct {
	App  *App
	Weak bool
}

// Catalog is the parsed, indexed data file. It is safe for concurrent use.
type Catalog struct {
	Apps  []*App
	byID  map[string]*App
	exact map[OS]map[Kind]map[string]Match
	comm  map[string]Match // linux process names cut to 15 bytes, as /proc/<pid>/comm shows them
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
	defaultErr  error
)

// Default returns the embedded catalog, parsed once.
func Default() (*Catalog, error) {
	defaultOnce.Do(func() { defaultCat, defaultErr = Parse(embedded) })
	return defaultCat, defaultErr
}

// MustDefault is Default for callers that ship the catalog; the tests make sure it parses.
func MustDefault() *Catalog {
	c, err := Default()
	if err != nil {
		panic(err)
	}
	return c
}

// Raw returns the embedded data file.
func Raw() []byte { return bytes.Clone(embedded) }

// file mirrors catalog.toml.
type file struct {
	App []fileApp `toml:"app"`
}

type fileApp struct {
	ID       string              `toml:"id"`
	Name     string              `toml:"name"`
	Category string              `toml:"category"`
	Aliases  []string            `toml:"aliases"`
	Guides   []string            `toml:"guides"`
	Know     map[string]string   `toml:"know"`
	Absent   map[string]string   `toml:"absent"`
	Linux    map[string][]string `toml:"linux"`
	Darwin   map[string][]string `toml:"darwin"`
	Windows  map[string][]string `toml:"windows"`
}

// Parse reads a catalog data file and checks that it is well formed: known
// categories and kinds, unique ids, patterns that compile.
func Parse(data []byte) (*Catalog, error) {
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, fmt.Errorf("parse catalog: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("parse catalog: unknown key %s", und[0])
	}
	c := &Catalog{byID: map[string]*App{}, exact: map[OS]map[Kind]map[string]Match{}, comm: map[string]Match{}}
	for _, os := range OSes {
		c.exact[os] = map[Kind]map[string]Match{}
	}
	for i, fa := range f.App {
		a, err := buildApp(fa)
		if err != nil {
			return nil, fmt.Errorf("catalog entry %d (%q): %w", i+1, fa.ID, err)
		}
		if _, dup := c.byID[a.ID]; dup {
			return nil, fmt.Errorf("catalog entry %d: duplicate id %q", i+1, a.ID)
		}
		c.byID[a.ID] = a
		c.Apps = append(c.Apps, a)
		for os, kinds := range a.Platforms {
			for k, sigs := range kinds {
				if !exactKind(k) {
					continue
				}
				m := c.exact[os][k]
				if m == nil {
					m = map[string]Match{}
					c.exact[os][k] = m
				}
				for _, s := range sigs {
					key := strings.ToLower(s.Value)
					if prev, ok := m[key]; ok && prev.App != a {
						return nil, fmt.Errorf("catalog: %s %s %q belongs to both %s and %s", os, k, s.Value, prev.App.ID, a.ID)
					}
					m[key] = Match{App: a, Weak: s.Weak}
					if os == Linux && k == Process && len(key) > commLen {
						cut := key[:commLen]
						if prev, ok := c.comm[cut]; ok && prev.App != a {
							return nil, fmt.Errorf("catalog: linux process names of %s and %s both show as %q in /proc/<pid>/comm", prev.App.ID, a.ID, cut)
						}
						c.comm[cut] = Match{App: a, Weak: s.Weak}
					}
				}
			}
		}
	}
	for cut, m := range c.comm {
		if prev, ok := c.exact[Linux][Process][cut]; ok && prev.App != m.App {
			return nil, fmt.Errorf("catalog: linux process name %q of %s is also the cut-off comm of a longer name of %s", cut, prev.App.ID, m.App.ID)
		}
	}
	return c, nil
}

// exactKind reports whether k is compared by equality (and so indexed).
func exactKind(k Kind) bool {
	switch k {
	case AppImage, InstallDir, DataDir, ExePath, DisplayName:
		return false
	}
	return true
}

var idRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func buildApp(fa fileApp) (*App, error) {
	if !idRe.MatchString(fa.ID) {
		return nil, fmt.Errorf("id %q is not lowercase words joined by dashes", fa.ID)
	}
	if strings.TrimSpace(fa.Name) == "" {
		return nil, fmt.Errorf("no name")
	}
	cat := Category(fa.Category)
	if !slices.Contains(Categories, cat) {
		return nil, fmt.Errorf("unknown category %q", fa.Category)
	}
	a := &App{ID: fa.ID, Name: fa.Name, Category: cat, Know: fa.Know, Guides: fa.Guides, Aliases: fa.Aliases,
		Platforms: map[OS]map[Kind][]Signature{}, Absent: map[OS]string{}, res: map[OS][]*regexp.Regexp{}}
	for os, why := range fa.Absent {
		if !slices.Contains(OSes, OS(os)) {
			return nil, fmt.Errorf("absent: unknown os %q", os)
		}
		if strings.TrimSpace(why) == "" {
			return nil, fmt.Errorf("absent.%s: empty reason", os)
		}
		a.Absent[OS(os)] = why
	}
	for os, raw := range map[OS]map[string][]string{Linux: fa.Linux, Darwin: fa.Darwin, Windows: fa.Windows} {
		if len(raw) == 0 {
			continue
		}
		if _, ok := a.Absent[os]; ok {
			return nil, fmt.Errorf("%s: both signatures and an absent reason", os)
		}
		kinds := map[Kind][]Signature{}
		for ks, vals := range raw {
			k := Kind(ks)
			if !slices.Contains(kindsFor[os], k) {
				return nil, fmt.Errorf("%s: kind %q does not apply", os, ks)
			}
			for _, v := range vals {
				s := Signature{Value: v}
				if strings.HasPrefix(v, "?") {
					s = Signature{Value: v[1:], Weak: true}
				}
				if strings.TrimSpace(s.Value) == "" || s.Value != strings.TrimSpace(s.Value) {
					return nil, fmt.Errorf("%s %s: empty or padded value %q", os, k, v)
				}
				if err := checkPattern(k, s.Value); err != nil {
					return nil, fmt.Errorf("%s %s %q: %w", os, k, s.Value, err)
				}
				if k == DisplayName {
					// Wrapped so that "^a$|^b$"-style alternations stay anchored
					// as a whole: "^Discord|Bot$" must not match "Discord Bot Maker".
					re, err := regexp.Compile(`^(?:` + s.Value + `)$`)
					if err != nil {
						return nil, fmt.Errorf("%s %s %q: %w", os, k, s.Value, err)
					}
					a.res[os] = append(a.res[os], re)
				}
				kinds[k] = append(kinds[k], s)
			}
		}
		a.Platforms[os] = kinds
	}
	return a, nil
}

func checkPattern(k Kind, v string) error {
	switch k {
	case AppImage, InstallDir, DataDir, ExePath:
		if _, err := path.Match(strings.ToLower(v), ""); err != nil {
			return fmt.Errorf("bad glob: %w", err)
		}
	case DisplayName:
		if !strings.HasPrefix(v, "^") || !strings.HasSuffix(v, "$") {
			return fmt.Errorf("display-name patterns must be anchored with ^ and $")
		}
	default:
		// Exact kinds are compared with ==; a wildcard there is a mistake.
		if strings.ContainsAny(v, "*?[") {
			return fmt.Errorf("wildcards are not allowed in %s (it is matched exactly)", k)
		}
	}
	return nil
}

// App returns the app with the given id.
func (c *Catalog) App(id string) (*App, bool) {
	a, ok := c.byID[id]
	return a, ok
}

// Lookup finds the app that owns an exact identifier of kind k on os.
// Glob kinds and display names are not indexed; use MatchGlob and MatchDisplayName.
//
// A Linux desktop id of the form "<id>._<suffix>" is also looked up as <id>:
// Telegram's tarball registers itself as org.telegram.desktop._<hash>.desktop.
func (c *Catalog) Lookup(os OS, k Kind, value string) (Match, bool) {
	lv := strings.ToLower(value)
	if m, ok := c.exact[os][k][lv]; ok {
		return m, true
	}
	if os == Linux && k == DesktopID {
		if i := strings.LastIndex(lv, "._"); i > 0 {
			m, ok := c.exact[os][k][lv[:i]]
			return m, ok
		}
	}
	return Match{}, false
}

// commLen is how much of a process name Linux keeps in /proc/<pid>/comm.
const commLen = 15

// LookupProcess finds the app that owns a process name on os. On Linux a name
// of exactly 15 bytes may be a cut-off comm ("telegram-deskto"), so it is also
// compared with the first 15 bytes of the catalog's longer names.
func (c *Catalog) LookupProcess(os OS, name string) (Match, bool) {
	if m, ok := c.Lookup(os, Process, name); ok {
		return m, true
	}
	if os == Linux && len(name) == commLen {
		m, ok := c.comm[strings.ToLower(name)]
		return m, ok
	}
	return Match{}, false
}

// MatchGlob finds the app whose glob signature of kind k matches value
// (case-insensitively). For InstallDir and DataDir, value is a slash path with
// the home folder already written as "~" (for example "~/.config/discord").
// Backslashes in value are read as "/", so a Windows path can be passed as it
// is. A pattern that does not start at a root ("/", "~", "%FOLDER%" or a
// drive "C:") matches the end of value, whole folders at a time:
// "*/Roblox/Versions/*/RobloxPlayerBeta.exe" matches
// `C:\Users\sam\AppData\Local\Roblox\Versions\version-1\RobloxPlayerBeta.exe`.
func (c *Catalog) MatchGlob(os OS, k Kind, value string) (Match, bool) {
	lv := strings.ToLower(strings.ReplaceAll(value, `\`, "/"))
	for _, a := range c.Apps {
		for _, s := range a.Platforms[os][k] {
			if globMatch(strings.ToLower(s.Value), lv) {
				return Match{App: a, Weak: s.Weak}, true
			}
		}
	}
	return Match{}, false
}

// globMatch reports whether the lowercase pattern pat matches the lowercase
// slash path v, trying every trailing part of v when pat is not rooted.
func globMatch(pat, v string) bool {
	if ok, _ := path.Match(pat, v); ok {
		return true
	}
	if rooted(pat) {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] == '/' {
			if ok, _ := path.Match(pat, v[i+1:]); ok {
				return true
			}
		}
	}
	return false
}

// rooted reports whether a path pattern starts at a root: "/", "~", a
// %FOLDER% or a drive letter.
func rooted(p string) bool {
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") || strings.HasPrefix(p, "%") {
		return true
	}
	return len(p) >= 2 && p[1] == ':' && ('a' <= p[0] && p[0] <= 'z' || 'A' <= p[0] && p[0] <= 'Z')
}

// MatchDisplayName finds the app whose anchored display-name pattern matches
// name, a Windows Uninstall key's DisplayName.
func (c *Catalog) MatchDisplayName(name string) (Match, bool) {
	for _, a := range c.Apps {
		for i, re := range a.res[Windows] {
			if re.MatchString(name) {
				return Match{App: a, Weak: a.Platforms[Windows][DisplayName][i].Weak}, true
			}
		}
	}
	return Match{}, false
}

// Name is the name of the catalog app id, or the id itself when the
// catalog has no such app (an app a newer TalkFirst knows). It is the one
// way an app id is turned into what people read.
func Name(id string) string {
	if c, err := Default(); err == nil {
		if a, ok := c.App(id); ok {
			return a.Name
		}
	}
	return id
}
