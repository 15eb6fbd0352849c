package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The inventory's Linux test tree: a disk whose teen, sam, has per-user
// installs (Telegram from a tarball, Vesktop and Session AppImages) beside
// system-wide ones.
var linuxDisk = filepath.Join("..", "inventory", "testdata", "linux", "home")

func scanIDs(t *testing.T, r result) []string {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var v struct {
		Apps []struct{ ID string } `json:"apps"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("scan JSON: %v\n%s", err, r.stdout)
	}
	var ids []string
	for _, a := range v.Apps {
		ids = append(ids, a.ID)
	}
	return ids
}

// --home may be given inside the root or as the full path of the home under
// it; both find the per-user apps. A home that is not there is an error,
// never an empty result.
func TestScanHome(t *testing.T) {
	root, err := filepath.Abs(linuxDisk)
	if err != nil {
		t.Fatal(err)
	}
	inside := scanIDs(t, run(t, "", "scan", "--json", "--os", "linux", "--root", root, "--home", "/home/sam"))
	if !slices.Contains(inside, "telegram") {
		t.Fatalf("scan with --home /home/sam: %v, want telegram (a per-user install)", inside)
	}
	full := scanIDs(t, run(t, "", "scan", "--json", "--os", "linux", "--root", root, "--home", filepath.Join(root, "home", "sam")))
	if !slices.Equal(full, inside) {
		t.Errorf("scan with --home as a full path: %v, want the same as inside the root: %v", full, inside)
	}
	tests := []struct {
		name string
		home string
		want string
	}{
		{"inside the root", "/home/teen", "talkfirst-agent: scan: home folder /home/teen not found under " + root + "\n"},
		{"full path", filepath.Join(root, "home", "teen"), "talkfirst-agent: scan: home folder /home/teen not found under " + root + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", "scan", "--json", "--os", "linux", "--root", root, "--home", tc.home)
			if r.code != 1 || r.stderr != tc.want || strings.TrimSpace(r.stdout) != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
}

// The table's first line counts the apps in words that fit the number.
func TestScanTableCount(t *testing.T) {
	root := t.TempDir()
	apps := filepath.Join(root, "home", "teen", ".local", "share", "applications")
	entry := func(id string) {
		t.Helper()
		body := "[Desktop Entry]\nType=Application\nName=" + id + "\nExec=" + id + "\n"
		if err := os.MkdirAll(apps, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(apps, id+".desktop"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scan := func() string {
		t.Helper()
		r := run(t, "", "scan", "--os", "linux", "--root", root, "--home", "/home/teen")
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		first, _, _ := strings.Cut(r.stdout, "\n")
		return first
	}
	if err := os.MkdirAll(apps, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ add, want string }{
		{"", "No chat apps or games with chat found."},
		{"discord", "1 chat app or game with chat found."},
		{"signal-desktop", "2 chat apps and games with chat found."},
	} {
		if c.add != "" {
			entry(c.add)
		}
		if got := scan(); got != c.want {
			t.Errorf("after adding %q: %q, want %q", c.add, got, c.want)
		}
	}
}
