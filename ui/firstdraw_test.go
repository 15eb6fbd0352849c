package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// With FirstDrawFile, the time the first real screen is painted is written
// there, and not the time the loading page is.
func TestFirstDrawFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "drawn")
	f := newFakeSource().withAgreement()
	w := test.NewTempWindow(t, nil)
	u := screensNew(t, test.NewTempApp(t), w, f, Options{Lang: "en", FirstDrawFile: path})
	w.Canvas().Capture() // paints the loading page
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the loading page counted as the first screen: %v", err)
	}
	u.Refresh(t.Context())
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("written before the screen was painted: %v", err)
	}
	before := time.Now()
	w.Canvas().Capture()
	after := time.Now()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if at := time.Unix(0, ns); err != nil || at.Before(before) || at.After(after) {
		t.Errorf("first draw %q (%v), want a time while the screen was painted", b, err)
	}
}
