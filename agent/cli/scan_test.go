package cli_test

import (
	"encoding/json"
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
