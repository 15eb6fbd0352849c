package inventory

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// homeTree makes a disk under a temporary folder:
//
//	disk/home/teen/           the teen's home
//	disk/home/notes           a file, not a folder
//	disk/Users/teen/          a Windows or macOS home
//	disk2/home/teen/          another disk whose path starts like disk's
//	link -> disk              the same disk through a symlink ("" when symlinks can't be made)
func homeTree(t *testing.T) (tmp, disk, link string) {
	t.Helper()
	tmp = t.TempDir()
	disk = filepath.Join(tmp, "disk")
	for _, d := range []string{"disk/home/teen", "disk/Users/teen", "disk2/home/teen"} {
		if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(disk, "home", "notes"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link = filepath.Join(tmp, "link")
	if err := os.Symlink(disk, link); err != nil {
		link = ""
	}
	return tmp, disk, link
}

func TestSystemEnvHome(t *testing.T) {
	tmp, disk, link := homeTree(t)
	cat := catalog.MustDefault()
	tests := []struct {
		name    string
		os      catalog.OS
		root    string // "link" is the symlink to the disk
		home    string
		want    string // Env.Home
		wantErr string // the whole message, "ROOT" standing for the root given
		noHome  bool   // the error is ErrNoHome
	}{
		{name: "inside the root", root: disk, home: "/home/teen", want: "home/teen"},
		{name: "relative, inside the root", root: disk, home: "home/teen", want: "home/teen"},
		{name: "full path under the root", root: disk, home: filepath.Join(disk, "home", "teen"), want: "home/teen"},
		{name: "full path with a trailing slash", root: disk + string(filepath.Separator), home: filepath.Join(disk, "home", "teen") + string(filepath.Separator), want: "home/teen"},
		{name: "full path with dots", root: disk, home: disk + "/home/../home/./teen", want: "home/teen"},
		// disk2 starts with disk's path but is not under it: it is read inside the root, where it is not
		{name: "a longer name is not under the root", root: disk, home: filepath.Join(tmp, "disk2", "home", "teen"),
			wantErr: "home folder " + filepath.ToSlash(filepath.Join(tmp, "disk2", "home", "teen")) + " not found under ROOT", noHome: true},
		{name: "dots cannot leave the root", root: disk, home: "../../home/teen", want: "home/teen"},
		{name: "missing", root: disk, home: "/home/nobody", wantErr: "home folder /home/nobody not found under ROOT", noHome: true},
		{name: "full path, missing", root: disk, home: filepath.Join(disk, "home", "nobody"), wantErr: "home folder /home/nobody not found under ROOT", noHome: true},
		{name: "a file", root: disk, home: "/home/notes", wantErr: "home folder /home/notes under ROOT is not a folder"},
		{name: "the root itself", root: disk, home: disk, wantErr: "home folder " + disk + " is the root ROOT itself, not a home folder in it"},
		{name: "the root of the root", root: disk, home: "/", wantErr: "home folder / is the root ROOT itself, not a home folder in it"},
		{name: "full path through a symlink to the root", root: disk, home: "link/home/teen", want: "home/teen"},
		{name: "full path, the root given through a symlink", root: "link", home: filepath.Join(disk, "home", "teen"), want: "home/teen"},
		{name: "windows drive", os: catalog.Windows, root: disk, home: `C:\Users\teen`, want: "Users/teen"},
		{name: "windows drive, small letter and slashes", os: catalog.Windows, root: disk, home: `c:/Users/teen`, want: "Users/teen"},
		{name: "windows without a drive", os: catalog.Windows, root: disk, home: "/Users/teen", want: "Users/teen"},
		{name: "windows, full path under the root", os: catalog.Windows, root: disk, home: filepath.Join(disk, "Users", "teen"), want: "Users/teen"},
		{name: "windows, missing", os: catalog.Windows, root: disk, home: `C:\Users\nobody`, wantErr: `home folder C:\Users\nobody not found under ROOT`, noHome: true},
		{name: "macos", os: catalog.Darwin, root: disk, home: "/Users/teen", want: "Users/teen"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, home := tc.root, tc.home
			if strings.HasPrefix(root, "link") || strings.HasPrefix(home, "link") {
				if link == "" {
					t.Skip("symlinks can't be made here")
				}
				root = strings.Replace(root, "link", link, 1)
				home = strings.Replace(home, "link", link, 1)
			}
			goos := tc.os
			if goos == "" {
				goos = catalog.Linux
			}
			env, err := SystemEnv(SystemOptions{OS: goos, Root: root, Home: home, RequireHome: true}, cat, slog.New(slog.DiscardHandler))
			if tc.wantErr != "" {
				want := strings.ReplaceAll(tc.wantErr, "ROOT", root)
				if err == nil || err.Error() != want {
					t.Fatalf("err = %v, want %q", err, want)
				}
				if errors.Is(err, ErrNoHome) != tc.noHome {
					t.Errorf("errors.Is(err, ErrNoHome) = %v, want %v", !tc.noHome, tc.noHome)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if env.Home != tc.want {
				t.Errorf("Home = %q, want %q", env.Home, tc.want)
			}
		})
	}
}

// Without RequireHome (the running agent), a missing home is a warning in
// the log and the scan goes on with the system-wide sources.
func TestSystemEnvMissingHomeWarns(t *testing.T) {
	_, disk, _ := homeTree(t)
	var log bytes.Buffer
	env, err := SystemEnv(SystemOptions{OS: catalog.Linux, Root: disk, Home: "/nohome"}, catalog.MustDefault(),
		slog.New(slog.NewTextHandler(&log, nil)))
	if err != nil {
		t.Fatalf("err = %v, want none", err)
	}
	if env.Home != "nohome" {
		t.Errorf("Home = %q, want nohome", env.Home)
	}
	if !strings.Contains(log.String(), "level=WARN") || !strings.Contains(log.String(), "home folder /nohome not found under "+disk) {
		t.Errorf("log = %q, want a warning naming the home and the root", log.String())
	}
}

func TestSystemEnvHomeGuessed(t *testing.T) {
	tmp := t.TempDir()
	one, two := filepath.Join(tmp, "one"), filepath.Join(tmp, "two")
	for _, d := range []string{"one/home/sam", "two/home/sam", "two/home/alex", "none/etc"} {
		if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		root    string
		require bool
		want    string
		wantErr string
	}{
		{"one home", one, true, "home/sam", ""},
		{"two homes, a scan", two, true, "", "2 home folders under " + two + " (home/alex, home/sam): choose one with --home"},
		{"two homes, the agent", two, false, "", ""},
		{"no home", filepath.Join(tmp, "none"), true, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, err := SystemEnv(SystemOptions{OS: catalog.Linux, Root: tc.root, RequireHome: tc.require}, catalog.MustDefault(), slog.New(slog.DiscardHandler))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || env.Home != tc.want {
				t.Errorf("Home = %q, err = %v; want %q", env.Home, err, tc.want)
			}
		})
	}
}

// Without a root, a --home that does not exist fails a scan too.
func TestSystemEnvLiveHome(t *testing.T) {
	tmp := t.TempDir()
	goos := catalog.OS(runtime.GOOS)
	if _, ok := sources[goos]; !ok {
		t.Skipf("no sources for %s", goos)
	}
	if _, err := SystemEnv(SystemOptions{Home: tmp, RequireHome: true}, catalog.MustDefault(), slog.New(slog.DiscardHandler)); err != nil {
		t.Errorf("an existing home: %v", err)
	}
	missing := filepath.Join(tmp, "nobody")
	_, err := SystemEnv(SystemOptions{Home: missing, RequireHome: true}, catalog.MustDefault(), slog.New(slog.DiscardHandler))
	if !errors.Is(err, ErrNoHome) || err.Error() != "home folder "+missing+" not found" {
		t.Errorf("a missing home: %v, want %q", err, "home folder "+missing+" not found")
	}
}
