package inventory

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// SystemOptions says which system to scan.
type SystemOptions struct {
	// OS picks the platform layout; empty means the running OS.
	OS catalog.OS
	// Root reads the file system as if it were "/" (a mounted disk, a test
	// tree); empty means this computer. With a Root and the Windows layout, the
	// registry is read from the .reg exports in Root/registry.
	Root string
	// Home names the home folder ("/home/sam"); empty means the current
	// user's, or with a Root, the only folder under home/ or Users/ (when
	// there are several, none, and with RequireHome an error). With a
	// Root, a Home that already lies under it ("/mnt/disk/home/sam" for the
	// root "/mnt/disk") has the root taken off; any other Home is read inside
	// the root. With the Windows layout, a drive ("C:\Users\sam") is left
	// off and "\" is a separator.
	Home string
	// RequireHome makes a Home that was given but is not a folder an error
	// (ErrNoHome), and so are several homes under Root with no Home given;
	// without it, that is logged as a warning and only the
	// system-wide sources find anything. A one-off scan wants the error, a
	// running agent keeps going.
	RequireHome bool
}

// ErrNoHome means the home folder given is not there. Its text reads as
// part of the message: "home folder /home/sam not found under /mnt/disk".
var ErrNoHome = errors.New("not found")

// SystemEnv builds the Env for a scan of this computer or of a root folder.
func SystemEnv(opts SystemOptions, cat *catalog.Catalog, log *slog.Logger) (Env, error) {
	goos := opts.OS
	if goos == "" {
		goos = catalog.OS(runtime.GOOS)
	}
	if _, ok := sources[goos]; !ok {
		return Env{}, fmt.Errorf("unknown os %q (want linux, darwin or windows)", goos)
	}
	env := Env{OS: goos, Cat: cat, Log: log}
	if opts.Root != "" {
		st, err := os.Stat(opts.Root)
		if errors.Is(err, fs.ErrNotExist) {
			return Env{}, fmt.Errorf("root %s does not exist", opts.Root)
		}
		if err != nil {
			return Env{}, fmt.Errorf("root %s: %w", opts.Root, err)
		}
		if !st.IsDir() {
			return Env{}, fmt.Errorf("root %s: not a folder", opts.Root)
		}
		env.FS = os.DirFS(opts.Root)
		if opts.Home != "" {
			env.Home = homeUnderRoot(opts.Root, opts.Home, goos, filepath.EvalSymlinks)
			if env.Home == "" {
				return Env{}, fmt.Errorf("home folder %s is the root %s itself, not a home folder in it", opts.Home, opts.Root)
			}
			shown := "/" + env.Home
			if goos == catalog.Windows {
				shown = windowsDisplay("C:")(env.Home)
			}
			stat := func() (fs.FileInfo, error) { return fs.Stat(env.FS, env.Home) }
			if err := checkHome(opts, log, stat, shown, " under "+opts.Root); err != nil {
				return Env{}, err
			}
		} else {
			homes := homesUnder(env.FS, goos)
			switch {
			case len(homes) == 1:
				env.Home = homes[0]
			case len(homes) > 1 && opts.RequireHome:
				return Env{}, fmt.Errorf("%d home folders under %s (%s): choose one with --home", len(homes), opts.Root, strings.Join(homes, ", "))
			case len(homes) > 1:
				log.Warn("several home folders: only system-wide installs are found", "count", len(homes))
			}
		}
		if goos == catalog.Windows {
			env.Display = windowsDisplay("C:")
			reg, err := LoadRegDir(env.FS, "registry")
			switch {
			case err == nil:
				env.Registry = reg
			case errors.Is(err, fs.ErrNotExist):
				log.Debug("no registry exports", "path", filepath.Join(opts.Root, "registry"))
			default:
				log.Warn("registry exports unreadable", "err", err)
			}
		}
		return env, nil
	}
	env, err := liveEnv(env, opts.Home)
	if err != nil || opts.Home == "" {
		return env, err
	}
	if err := checkHome(opts, log, func() (fs.FileInfo, error) { return os.Stat(opts.Home) }, opts.Home, ""); err != nil {
		return Env{}, err
	}
	return env, nil
}

// homeUnderRoot turns the --home given into an FS path under root: with
// the root taken off when home already lies under it, and otherwise read
// inside it. Only whole path elements count ("/mnt/disk2/home/sam" is not
// under "/mnt/disk"), and when the plain paths differ, the paths with
// symlinks resolved (by evalSymlinks) are compared too, so a home given
// through the disk's real mount point is found. The result never leaves
// the root: ".." elements stop at it.
func homeUnderRoot(root, home string, goos catalog.OS, evalSymlinks func(string) (string, error)) string {
	if goos == catalog.Windows {
		home = strings.ReplaceAll(home, `\`, "/")
		if len(home) >= 2 && home[1] == ':' && ('a' <= home[0]|0x20 && home[0]|0x20 <= 'z') {
			// a drive: the root is that drive
			return strings.TrimPrefix(path.Clean("/"+home[2:]), "/")
		}
	}
	home = filepath.ToSlash(home)
	if filepath.IsAbs(filepath.FromSlash(home)) {
		if rel, ok := under(root, home); ok {
			return rel
		}
		if r, err := evalSymlinks(root); err == nil {
			if h, err := evalSymlinks(filepath.FromSlash(home)); err == nil {
				if rel, ok := under(r, h); ok {
					return rel
				}
			}
		}
	}
	return strings.TrimPrefix(path.Clean("/"+home), "/")
}

// under reports whether p lies inside root or is root (both absolute, or
// root relative to the working folder), and returns it as a slash path
// relative to root ("" for root itself).
func under(root, p string) (string, bool) {
	r, err := filepath.Abs(root)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(r, filepath.Clean(p))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	if rel == "." {
		return "", true
	}
	return filepath.ToSlash(rel), true
}

// checkHome makes sure the home folder exists: stat reads it, shown is how
// it is named in the message and where says under which root. Without
// RequireHome a missing home is logged, not returned.
func checkHome(opts SystemOptions, log *slog.Logger, stat func() (fs.FileInfo, error), shown, where string) error {
	var err error
	switch st, serr := stat(); {
	case errors.Is(serr, fs.ErrNotExist):
		err = fmt.Errorf("home folder %s %w%s", shown, ErrNoHome, where)
	case serr != nil:
		err = fmt.Errorf("home folder %s%s: %w", shown, where, serr)
	case !st.IsDir():
		err = fmt.Errorf("home folder %s%s is not a folder", shown, where)
	}
	if err == nil || opts.RequireHome {
		return err
	}
	log.Warn("home folder missing: only system-wide installs are found", "err", err)
	return nil
}

// homesUnder returns the home folders under a root.
func homesUnder(fsys fs.FS, goos catalog.OS) []string {
	parent := "home"
	if goos != catalog.Linux {
		parent = "Users"
	}
	entries, err := fs.ReadDir(fsys, parent)
	if err != nil {
		return nil
	}
	var homes []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "Shared" && e.Name() != "Public" && e.Name() != "Default" && e.Name() != "All Users" && e.Name() != "Default User" {
			homes = append(homes, parent+"/"+e.Name())
		}
	}
	return homes
}

// windowsDisplay shows FS paths as paths on the given drive.
func windowsDisplay(drive string) func(string) string {
	return func(p string) string { return drive + `\` + strings.ReplaceAll(p, "/", `\`) }
}

// liveEnv fills env for this computer, from the environment.
func liveEnv(env Env, home string) (Env, error) {
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return Env{}, fmt.Errorf("find home folder: %w", err)
		}
		home = h
	}
	if runtime.GOOS != "windows" {
		env.FS = os.DirFS("/")
		env.Home = strings.Trim(home, "/")
		if env.OS == catalog.Linux && catalog.OS(runtime.GOOS) == catalog.Linux {
			if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
				env.XDGDataHome = d
			}
			for _, d := range filepath.SplitList(os.Getenv("XDG_DATA_DIRS")) {
				if filepath.IsAbs(d) {
					env.XDGDataDirs = append(env.XDGDataDirs, d)
				}
			}
		}
		return env, nil
	}
	// Windows: read the system drive; folders on other drives are left out.
	drive := os.Getenv("SystemDrive")
	if drive == "" {
		drive = "C:"
	}
	env.FS = os.DirFS(drive + `\`)
	env.Display = windowsDisplay(drive)
	rel := func(p string) string {
		if len(p) < len(drive) || !strings.EqualFold(p[:len(drive)], drive) {
			return ""
		}
		return strings.Trim(filepath.ToSlash(p[len(drive):]), "/")
	}
	env.Home = rel(home)
	env.LocalAppData = rel(os.Getenv("LOCALAPPDATA"))
	env.AppData = rel(os.Getenv("APPDATA"))
	env.ProgramData = rel(os.Getenv("ProgramData"))
	env.ProgramFiles = rel(os.Getenv("ProgramFiles"))
	env.ProgramFilesX86 = rel(os.Getenv("ProgramFiles(x86)"))
	reg, err := SystemRegistry()
	if err != nil {
		env.Log.Warn("registry unreadable", "err", err)
	} else {
		env.Registry = reg
	}
	return env, nil
}
