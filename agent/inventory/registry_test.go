package inventory

import (
	"errors"
	"io/fs"
	"testing"
)

// TestSystemRegistry reads the live registry where there is one (Windows) and
// logs what it finds; elsewhere it checks the unsupported error.
func TestSystemRegistry(t *testing.T) {
	reg, err := SystemRegistry()
	if errors.Is(err, errors.ErrUnsupported) {
		if reg != nil {
			t.Errorf("got a registry %v with the error", reg)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range uninstallRoots {
		subs, err := reg.SubKeys(root)
		if err != nil {
			t.Logf("%s: %v", root, err)
			continue
		}
		t.Logf("%s: %d entries", root, len(subs))
		for _, s := range subs[:min(len(subs), 5)] {
			vals, err := reg.Values(root + `\` + s)
			if err != nil {
				t.Errorf("values of %s: %v", s, err)
				continue
			}
			t.Logf("  %s: DisplayName %q", s, valueFold(vals, "DisplayName"))
		}
	}
	const missingKey = `HKCU\Software\TalkFirst Test Key That Does Not Exist`
	if _, err := reg.SubKeys(missingKey); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("SubKeys of a missing key: %v, want fs.ErrNotExist", err)
	}
	if _, err := reg.Values(missingKey); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Values of a missing key: %v, want fs.ErrNotExist", err)
	}
}
