package inventory

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"howett.net/plist"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// platformCatalog parses a test catalog from testdata.
func platformCatalog(t *testing.T, name string) *catalog.Catalog {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse(data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return c
}

// platformScan scans env with every source of env.OS and returns the result
// and the debug log.
func platformScan(t *testing.T, env Env) (Result, string) {
	t.Helper()
	var logs bytes.Buffer
	env.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := NewScanner(env)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Scan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r, logs.String()
}

// evidenceOf returns the evidence of app id in r.
// evidenceOf returns an app's evidence as tests write it: Kind, Detail (the
// fact in English), Path and Weak.
func evidenceOf(r Result, id string) []Evidence {
	for _, a := range r.Apps {
		if a.ID == id {
			var out []Evidence
			for _, e := range a.Evidence {
				out = append(out, Evidence{Kind: e.Kind, Detail: e.Detail, Path: e.Path, Weak: e.Weak})
			}
			return out
		}
	}
	return nil
}

func darwinEnv(t *testing.T, cat *catalog.Catalog) Env {
	t.Helper()
	return Env{OS: catalog.Darwin, FS: os.DirFS(filepath.Join("testdata", "darwin")), Cat: cat, Home: "Users/sam"}
}

// binaryPlistFixtures are the Info.plist files of testdata/darwin written in
// binary form; the XML ones are plain files.
var binaryPlistFixtures = []struct {
	bundle string
	info   map[string]any
}{
	// Homebrew installs Telegram.app as "Telegram Desktop.app"
	{"Applications/Telegram Desktop.app", map[string]any{"CFBundleIdentifier": "com.tdesktop.Telegram", "CFBundleExecutable": "Telegram", "CFBundleName": "Telegram", "CFBundlePackageType": "APPL", "LSMinimumSystemVersion": "10.13"}},
	{"Applications/WhatsApp.app", map[string]any{"CFBundleIdentifier": "net.whatsapp.WhatsApp", "CFBundleExecutable": "WhatsApp", "CFBundleName": "WhatsApp", "CFBundleVersion": "2.24.1", "LSApplicationCategoryType": "public.app-category.social-networking"}},
	// Homebrew installs RobloxPlayer.app as "Roblox.app"
	{"Applications/Roblox.app", map[string]any{"CFBundleIdentifier": "com.roblox.RobloxPlayer", "CFBundleExecutable": "RobloxPlayer", "CFBundleName": "Roblox", "CFBundleURLTypes": []any{map[string]any{"CFBundleURLSchemes": []any{"roblox-player", "roblox"}}}}},
	{"Applications/Wireshark.app", map[string]any{"CFBundleIdentifier": "org.wireshark.Wireshark", "CFBundleExecutable": "Wireshark", "CFBundleName": "Wireshark", "NSHighResolutionCapable": true, "CFBundleVersionNumber": uint64(42)}},
}

var update = flag.Bool("update", false, "rewrite the binary Info.plist fixtures in testdata/darwin")

// TestBinaryPlistFixtures checks that the binary Info.plist files in
// testdata/darwin are binaryPlistFixtures as they are now, and parse. After
// changing binaryPlistFixtures, rewrite them:
//
//	go test ./agent/inventory -run TestBinaryPlistFixtures -update
func TestBinaryPlistFixtures(t *testing.T) {
	fsys := os.DirFS(filepath.Join("testdata", "darwin"))
	for _, f := range binaryPlistFixtures {
		want, err := plist.Marshal(f.info, plist.BinaryFormat)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			p := filepath.Join("testdata", "darwin", filepath.FromSlash(f.bundle), "Contents", "Info.plist")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		data, err := fs.ReadFile(fsys, f.bundle+"/Contents/Info.plist")
		if err != nil {
			t.Fatalf("%v (write it with go test ./agent/inventory -run TestBinaryPlistFixtures -update)", err)
		}
		if !bytes.Equal(data, want) {
			t.Errorf("%s is stale; rewrite it with go test ./agent/inventory -run TestBinaryPlistFixtures -update", f.bundle)
		}
		if !bytes.HasPrefix(data, []byte("bplist00")) {
			t.Errorf("%s: not a binary plist", f.bundle)
		}
		info, err := ParseInfoPlist(data)
		if err != nil {
			t.Errorf("%s: %v", f.bundle, err)
			continue
		}
		if info.ID != f.info["CFBundleIdentifier"] || info.Executable != f.info["CFBundleExecutable"] {
			t.Errorf("%s: got %+v, want the fixture's id and executable", f.bundle, info)
		}
	}
}

func mustBinaryPlist(t testing.TB, v any) []byte {
	t.Helper()
	data, err := plist.Marshal(v, plist.BinaryFormat)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
`

func TestParseInfoPlist(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		want    BundleInfo
		wantErr string // a part of the error; "" means no error, "*" any error
	}{
		{
			name: "xml",
			data: []byte(xmlHead + `<dict><key>CFBundleExecutable</key><string>Discord</string>
<key>CFBundleIdentifier</key><string>com.hnc.Discord</string><key>CFBundleName</key><string>Discord</string>
<key>LSRequiresNativeExecution</key><true/><key>CFBundleDocumentTypes</key><array/></dict></plist>`),
			want: BundleInfo{ID: "com.hnc.Discord", Executable: "Discord", Name: "Discord"},
		},
		{
			name: "binary",
			data: mustBinaryPlist(t, map[string]any{"CFBundleIdentifier": "org.whispersystems.signal-desktop", "CFBundleExecutable": "Signal", "Other": []any{uint64(1), 2.5, true}}),
			want: BundleInfo{ID: "org.whispersystems.signal-desktop", Executable: "Signal"},
		},
		{
			name: "xml with a byte-order mark and no declaration",
			data: []byte("\xef\xbb\xbf  <plist><dict><key>CFBundleIdentifier</key><string>us.zoom.xos</string></dict></plist>"),
			want: BundleInfo{ID: "us.zoom.xos"},
		},
		{
			// white space around the id is not part of it
			name: "padded id",
			data: []byte(xmlHead + "<dict><key>CFBundleIdentifier</key><string>\n\tcom.hnc.Discord </string></dict></plist>"),
			want: BundleInfo{ID: "com.hnc.Discord"},
		},
		{name: "empty", data: nil, wantErr: "empty"},
		{name: "white space", data: []byte(" \n\t"), wantErr: "empty"},
		{name: "garbage", data: []byte("this is not a plist {{{"), wantErr: "not an XML or binary plist"},
		{
			// the old text format is valid plist, but never an Info.plist today
			name:    "openstep text",
			data:    []byte(`{ CFBundleIdentifier = "com.hnc.Discord"; }`),
			wantErr: "not an XML or binary plist",
		},
		{name: "broken xml", data: []byte(xmlHead + "<dict><key>CFBundleIdentifier</key><string>com.hnc"), wantErr: "parse plist"},
		{name: "html", data: []byte("<html><body>404</body></html>"), wantErr: "*"},
		{name: "no identifier", data: []byte(xmlHead + "<dict><key>CFBundleExecutable</key><string>Threema</string></dict></plist>"), wantErr: "no CFBundleIdentifier"},
		{name: "empty identifier", data: []byte(xmlHead + "<dict><key>CFBundleIdentifier</key><string>  </string></dict></plist>"), wantErr: "empty CFBundleIdentifier"},
		{name: "integer identifier", data: []byte(xmlHead + "<dict><key>CFBundleIdentifier</key><integer>7</integer></dict></plist>"), wantErr: "not a string"},
		{name: "array at the top", data: []byte(xmlHead + "<array><string>com.hnc.Discord</string></array></plist>"), wantErr: "parse plist"},
		{name: "binary array at the top", data: mustBinaryPlist(t, []any{"com.hnc.Discord"}), wantErr: "parse plist"},
		{name: "binary too short", data: []byte("bplist00"), wantErr: "too short"},
		{name: "binary truncated", data: mustBinaryPlist(t, map[string]any{"CFBundleIdentifier": "com.hnc.Discord"})[:45], wantErr: "*"},
		{
			name:    "deeply nested xml",
			data:    []byte(xmlHead + "<dict><key>A</key>" + strings.Repeat("<array>", 100) + strings.Repeat("</array>", 100) + "</dict></plist>"),
			wantErr: "nests more than",
		},
		{name: "too large", data: append([]byte(xmlHead), bytes.Repeat([]byte(" "), maxFileSize)...), wantErr: "over the"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseInfoPlist(tc.data)
			switch {
			case tc.wantErr == "*":
				if err == nil {
					t.Fatalf("got %+v, want an error", got)
				}
			case tc.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %+v, %v; want an error with %q", got, err, tc.wantErr)
				}
				if err.Error() != strings.ToLower(err.Error()[:1])+err.Error()[1:] {
					t.Errorf("error %q does not start in lowercase", err)
				}
			case err != nil:
				t.Fatal(err)
			case got != tc.want:
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// A binary plist whose trailer claims a huge object count is refused before
// the parser allocates for it.
func TestParseInfoPlistObjectCount(t *testing.T) {
	data := mustBinaryPlist(t, map[string]any{"CFBundleIdentifier": "com.hnc.Discord"})
	data[len(data)-32+8] = 0x01 // NumObjects = 2^56 + n
	if _, err := ParseInfoPlist(data); err == nil || !strings.Contains(err.Error(), "objects") {
		t.Fatalf("got %v, want the object count refused", err)
	}
}

func TestXMLDepth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"<plist><dict><key>a</key><true/></dict></plist>", 3},
		{`<?xml version="1.0"?><!DOCTYPE plist><!-- <a><b> --><plist><array/></plist>`, 3}, // the comment's tags count: an overestimate
		{"<<<<<<", 5}, // the last '<' starts nothing
		{"</a></b><c>", 1},
		{strings.Repeat("<", 1<<16), 1<<16 - 1}, // linear time with no '>' at all
	}
	for _, tc := range tests {
		if got := xmlDepth([]byte(tc.in)); got != tc.want {
			t.Errorf("xmlDepth(%.40q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestScanBundles(t *testing.T) {
	cat := platformCatalog(t, "darwin/catalog.toml")
	r, logs := platformScan(t, darwinEnv(t, cat))

	want := []string{"discord", "matrix", "roblox", "signal", "steam", "telegram", "whatsapp", "zoom"}
	if got := r.IDs(); !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	wantEvidence := map[string]Evidence{
		"discord":  {Kind: KindBundle, Detail: "app bundle com.hnc.Discord", Path: "/Applications/Discord.app"},
		"telegram": {Kind: KindBundle, Detail: "app bundle com.tdesktop.Telegram", Path: "/Applications/Telegram Desktop.app"},
		"roblox":   {Kind: KindBundle, Detail: "app bundle com.roblox.RobloxPlayer", Path: "/Applications/Roblox.app"},
		"matrix":   {Kind: KindBundle, Detail: "app bundle im.riot.app", Path: "/Applications/Utilities/Element.app"},
		"zoom":     {Kind: KindBundle, Detail: "app bundle us.zoom.xos", Path: "/Users/sam/Applications/zoom.us.app"},
	}
	for id, want := range wantEvidence {
		if ev := evidenceOf(r, id); !slices.Contains(ev, want) {
			t.Errorf("%s: evidence %+v, want %+v", id, ev, want)
		}
	}
	// every skipped bundle is logged at debug level, with why
	for _, p := range []string{
		"/Applications/Garbage.app/Contents/Info.plist", // garbage
		"/Applications/Empty.app/Contents/Info.plist",   // empty
		"/Applications/No Info.app/Contents/Info.plist", // missing
		"/Applications/No ID.app/Contents/Info.plist",   // no CFBundleIdentifier
	} {
		if !strings.Contains(logs, p) {
			t.Errorf("no skip logged for %s; log:\n%s", p, logs)
		}
	}
}

// The folder name of a bundle never decides: only the bundle id does.
func TestScanBundlesIgnoresFolderNames(t *testing.T) {
	cat := platformCatalog(t, "darwin/catalog.toml")
	info := func(id string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(xmlHead + "<dict><key>CFBundleIdentifier</key><string>" + id + "</string></dict></plist>")}
	}
	fsys := fstest.MapFS{
		"Applications/Discord.app/Contents/Info.plist":                                info("com.example.NotDiscord"),
		"Applications/Chat.app/Contents/Info.plist":                                   info("COM.HNC.DISCORD"), // ids compare case-insensitively
		"Applications/Setapp/Tele.app/Contents/Info.plist":                            info("ru.keepcoder.Telegram"),
		"Applications/Setapp/Deeper/X.app/Contents/Info.plist":                        info("net.whatsapp.WhatsApp"), // two levels down: not read
		"Applications/Huge.app/Contents/Info.plist":                                   {Data: bytes.Repeat([]byte(" "), maxFileSize+1)},
		"Applications/Plain.app":                                                      {Data: []byte("a file, not a bundle")},
		"Applications/Discord.app/Contents/Frameworks/Helper.app/Contents/Info.plist": info("org.whispersystems.signal-desktop"),
	}
	env := Env{OS: catalog.Darwin, FS: fsys, Cat: cat, Home: "Users/sam"}
	r, logs := platformScan(t, env)
	if got, want := r.IDs(), []string{"discord", "telegram"}; !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	if ev := evidenceOf(r, "discord"); len(ev) != 1 || ev[0].Path != "/Applications/Chat.app" {
		t.Errorf("discord evidence %+v, want only /Applications/Chat.app", ev)
	}
	if !strings.Contains(logs, "Huge.app") || !strings.Contains(logs, "limit") {
		t.Errorf("huge Info.plist not skipped with a reason; log:\n%s", logs)
	}
}

func TestBundleDirs(t *testing.T) {
	cat := platformCatalog(t, "darwin/catalog.toml")
	env := darwinEnv(t, cat)
	got := bundleDirs(&env)
	want := []string{"Applications", "Applications/Utilities", "Users/sam/Applications"}
	if !slices.Equal(got, want) {
		t.Errorf("bundleDirs = %v, want %v", got, want)
	}
	env.Home = ""
	if got := bundleDirs(&env); slices.Contains(got, "Users/sam/Applications") || len(got) != 2 {
		t.Errorf("without a home, bundleDirs = %v", got)
	}
}

// TestScanDarwinFixture scans the macOS fixture with the embedded catalog.
func TestScanDarwinFixture(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, _ := platformScan(t, darwinEnv(t, cat))
	want := []string{"discord", "matrix", "roblox", "signal", "steam", "telegram", "whatsapp", "zoom"}
	if got := r.IDs(); !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
}

func FuzzParseInfoPlist(f *testing.F) {
	_ = fs.WalkDir(os.DirFS("testdata/darwin"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "Info.plist" {
			if data, err := fs.ReadFile(os.DirFS("testdata/darwin"), p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	f.Add(mustBinaryPlist(f, map[string]any{"CFBundleIdentifier": "a", "B": []any{map[string]any{"c": []byte{1, 2}}}, "D": 1.5, "E": int64(-3)}))
	f.Add([]byte(xmlHead + "<dict><key>CFBundleIdentifier</key><string>x</string><key>d</key><date>2024-01-01T00:00:00Z</date><key>b</key><data>AAEC</data><key>r</key><real>1.5</real></dict></plist>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := ParseInfoPlist(data)
		if err == nil && (info.ID == "" || info.ID != strings.TrimSpace(info.ID)) {
			t.Fatalf("accepted an empty or padded id %q", info.ID)
		}
	})
}

// TestScanBundlesLive scans this Mac's Applications folders and logs what it
// finds; it runs on macOS only.
func TestScanBundlesLive(t *testing.T) {
	if runtime.GOOS != "darwin" {
		t.Skip("not macOS")
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	home, _ := os.UserHomeDir()
	env := &Env{OS: catalog.Darwin, FS: os.DirFS("/"), Cat: cat, Home: strings.Trim(home, "/"), Log: slog.New(slog.DiscardHandler)}
	if err := scanBundles(context.Background(), env, func(h Hit) { t.Logf("%s: %s at %s", h.AppID, h.Evidence.Detail, h.Evidence.Path) }); err != nil {
		t.Fatal(err)
	}
}
