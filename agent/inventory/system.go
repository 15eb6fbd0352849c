package inventory

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
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
	// Home names the home folder inside Root ("/home/sam"); empty means the
	// current user's, or with a Root, the only folder under home/ or Users/.
	Home string
}

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
		env.Home = strings.Trim(filepath.ToSlash(opts.Home), "/")
		if env.Home == "" {
			env.Home = onlyHome(env.FS, goos)
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
	return liveEnv(env, opts.Home)
}

// onlyHome returns the single home folder under a root, or "" when there is
// none or more than one.
func onlyHome(fsys fs.FS, goos catalog.OS) string {
	parent := "home"
	if goos != catalog.Linux {
		parent = "Users"
	}
	entries, err := fs.ReadDir(fsys, parent)
	if err != nil {
		return ""
	}
	var homes []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "Shared" && e.Name() != "Public" && e.Name() != "Default" && e.Name() != "All Users" && e.Name() != "Default User" {
			homes = append(homes, parent+"/"+e.Name())
		}
	}
	if len(homes) == 1 {
		return homes[0]
	}
	return ""
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
