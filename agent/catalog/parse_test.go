package catalog_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// TestParseRejects feeds Parse broken catalogs from testdata/; each must fail
// for the reason named in the row.
func TestParseRejects(t *testing.T) {
	tests := []struct {
		file string
		want string // part of the error message
	}{
		{"not-toml.toml", "parse catalog"},
		{"unknown-key.toml", "unknown key"},
		{"bad-id.toml", "not lowercase words"},
		{"no-name.toml", "no name"},
		{"unknown-category.toml", `unknown category "chat"`},
		{"duplicate-id.toml", `duplicate id "discord"`},
		{"bad-glob.toml", "bad glob"},
		{"bad-regexp.toml", "error parsing regexp"},
		{"unanchored-display-name.toml", "anchored"},
		{"kind-wrong-os.toml", `kind "bundle_ids" does not apply`},
		{"unknown-kind.toml", `kind "package_names" does not apply`},
		{"absent-and-signatures.toml", "both signatures and an absent reason"},
		{"empty-absent.toml", "empty reason"},
		{"unknown-absent-os.toml", `unknown os "android"`},
		{"padded-value.toml", "empty or padded"},
		{"weak-marker-only.toml", "empty or padded"},
		{"wildcard-in-exact.toml", "wildcards are not allowed"},
		// identifiers are compared ignoring case, so these two collide
		{"shared-identifier.toml", "belongs to both"},
		{"comm-collision.toml", `both show as "whatsapp-deskto"`},
		{"comm-shadow.toml", "cut-off comm"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			c, err := catalog.Parse(data)
			if err == nil {
				t.Fatalf("Parse accepted %s (%d apps)", tc.file, len(c.Apps))
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %q, want it to mention %q", err, tc.want)
			}
		})
	}
}

// TestParseAcceptsMinimal shows the bad files fail for their own reason: the
// same shapes, fixed, parse.
func TestParseAcceptsMinimal(t *testing.T) {
	data := `
[[app]]
id = "discord"
name = "Discord"
category = "community"
absent.darwin = "not in this test"
[app.linux]
install_dirs = ["/opt/Discord/Discord"]
processes = ["?Discord", "whatsapp-desktop-linux"]
[app.windows]
display_names = ["^Discord$"]
`
	c, err := catalog.Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	a, ok := c.App("discord")
	if !ok {
		t.Fatal("discord missing")
	}
	got := a.Signatures(catalog.Linux, catalog.Process)
	if len(got) != 2 || got[0] != (catalog.Signature{Value: "Discord", Weak: true}) || got[1].Weak {
		t.Errorf("linux processes = %+v, want the leading ? read as Weak", got)
	}
	if a.Absent[catalog.Darwin] == "" {
		t.Error("absent reason for darwin lost")
	}
}

// TestDisplayNameAnchoredAsAWhole: "^Discord|Bot$" passes the ^...$ check but
// would match "Discord Bot Maker" as a plain regexp; Parse anchors the whole
// alternation.
func TestDisplayNameAnchoredAsAWhole(t *testing.T) {
	data := `
[[app]]
id = "discord"
name = "Discord"
category = "community"
[app.windows]
display_names = ["^Discord|Bot$"]
`
	c, err := catalog.Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"Discord": true, "Bot": true, "Discord Bot Maker": false, "My Bot": false} {
		if _, ok := c.MatchDisplayName(name); ok != want {
			t.Errorf("MatchDisplayName(%q) = %v, want %v", name, ok, want)
		}
	}
}
