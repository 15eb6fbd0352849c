package inventory

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"
)

// utf16LE encodes s as UTF-16LE with a byte-order mark, as regedit writes.
func utf16LE(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2+2*len(u))
	b[0], b[1] = 0xFF, 0xFE
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2+2*i:], c)
	}
	return b
}

// swapPairs swaps the bytes of each pair: UTF-16LE to UTF-16BE.
func swapPairs(b []byte) []byte {
	out := bytes.Clone(b)
	for i := 0; i+1 < len(out); i += 2 {
		out[i], out[i+1] = out[i+1], out[i]
	}
	return out
}

const v5 = "Windows Registry Editor Version 5.00\r\n\r\n"

func TestParseRegFileValues(t *testing.T) {
	src := v5 + `[HKEY_LOCAL_MACHINE\SOFTWARE\Test]
@="default"
"Plain"="Discord"
"Escaped"="C:\\Program Files\\Zoom\\ \"quoted\""
"Lone"="a\b"
"Empty"=""
"Equals=Name"="x=y"
"Dword"=dword:0000001
"DwordMax"=dword:ffffffff
"Binary"=hex:00,01,fe,FF
"EmptyBinary"=hex:
"Expand"=hex(2):25,00,4c,00,4f,00,43,00,41,00,4c,00,41,00,50,00,50,00,44,00,41,\
  00,54,00,41,00,25,00,5c,00,44,00,69,00,73,00,63,00,6f,00,72,00,64,00,00,00
"Multi"=hex(7):61,00,00,00,62,00,63,00,00,00,00,00
"Qword"=hex(b):00,00,00,00,01,00,00,00
"DwordLE"=hex(4):01,02,00,00
"DwordBE"=hex(5):00,00,01,02
"SZ"=hex(1):48,00,69,00,00,00
"None"=hex(0):
"Odd"=hex(b):01,02
"Spaced" = "yes"   ; a comment after the value
"Unicode"="微信 ✓"
`
	r, err := ParseRegFile([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Values(`HKLM\SOFTWARE\Test`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"":            "default",
		"Plain":       "Discord",
		"Escaped":     `C:\Program Files\Zoom\ "quoted"`,
		"Lone":        `a\b`,
		"Empty":       "",
		"Equals=Name": "x=y",
		"Dword":       "1",
		"DwordMax":    "4294967295",
		"Binary":      "0001feff",
		"EmptyBinary": "",
		"Expand":      `%LOCALAPPDATA%\Discord`,
		"Multi":       "a\nbc",
		"Qword":       "4294967296",
		"DwordLE":     "513",
		"DwordBE":     "258",
		"SZ":          "Hi",
		"None":        "",
		"Odd":         "0102",
		"Spaced":      "yes",
		"Unicode":     "微信 ✓",
	}
	if !maps.Equal(got, want) {
		for k := range maps.Keys(want) {
			if got[k] != want[k] {
				t.Errorf("%q = %q, want %q", k, got[k], want[k])
			}
		}
		for k := range maps.Keys(got) {
			if _, ok := want[k]; !ok {
				t.Errorf("unexpected value %q = %q", k, got[k])
			}
		}
	}
}

func TestParseRegFileEncodings(t *testing.T) {
	body := "[HKEY_CURRENT_USER\\Software\\Test]\r\n\"Name\"=\"Viber Media S.\u00e0 r.l.\"\r\n" +
		"\"Expand\"=hex(2):25,00,41,00,25,00,00,00\r\n"
	tests := []struct {
		name      string
		data      []byte
		wantName  string
		wantExpnd string
	}{
		{"utf-16le with bom", utf16LE(v5 + body), "Viber Media S.\u00e0 r.l.", "%A%"},
		{"utf-16le without bom", utf16LE(v5 + body)[2:], "Viber Media S.\u00e0 r.l.", "%A%"},
		{"utf-16be with bom", swapPairs(utf16LE(v5 + body)), "Viber Media S.\u00e0 r.l.", "%A%"},
		{"utf-8 with bom", append([]byte("\xef\xbb\xbf"), v5+body...), "Viber Media S.\u00e0 r.l.", "%A%"},
		{"utf-8", []byte(v5 + body), "Viber Media S.\u00e0 r.l.", "%A%"},
		{"lf line ends", []byte(strings.ReplaceAll(v5+body, "\r\n", "\n")), "Viber Media S.\u00e0 r.l.", "%A%"},
		// REGEDIT4 is ANSI; its hex(2) holds 8-bit text
		{"regedit4 latin-1", []byte("REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Test]\r\n\"Name\"=\"Viber Media S.\xe0 r.l.\"\r\n\"Expand\"=hex(2):25,41,25,00\r\n"), "Viber Media S.\u00e0 r.l.", "%A%"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseRegFile(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			v, err := r.Values(`HKCU\Software\Test`)
			if err != nil {
				t.Fatal(err)
			}
			if v["Name"] != tc.wantName || v["Expand"] != tc.wantExpnd {
				t.Errorf("got %q", v)
			}
		})
	}
}

func TestParseRegFileKeys(t *testing.T) {
	src := v5 + `[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\Discord]
"DisplayName"="Discord"

; a comment
[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{Zoom}]
"DisplayName"="Zoom"

[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\odd]name]
"x"="1"

[hkey_current_user\Software\A]

[HKEY_CURRENT_USER\Software\a\B]
"v"="1"

[HKEY_CURRENT_USER\SOFTWARE\A\c]

[-HKEY_CURRENT_USER\Software\A\C]

[HKEY_CURRENT_USER\Software\Gone]
"v"="1"
"w"="2"
"V"=-

[-HKEY_CURRENT_USER\Software\Gone]
"ignored"="values of a deleted key"

[HKEY_CURRENT_USER\Software\Stays]
"Keep"="1"
"Drop"="1"
"drop"=-
`
	r, err := ParseRegFile([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	uninstall := `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`
	tests := []struct {
		key  string
		want []string
	}{
		// parents that have no section of their own exist
		{`HKLM`, []string{"SOFTWARE"}},
		{`HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion`, []string{"Uninstall"}},
		// sorted, ignoring case; a "]" inside a name is kept
		{uninstall, []string{"Discord", "odd]name", "{Zoom}"}},
		// long and short hive names and any case reach the same key; the
		// first spelling of a name is kept
		{`HKEY_LOCAL_MACHINE\software\microsoft\windows\currentversion\uninstall`, []string{"Discord", "odd]name", "{Zoom}"}},
		{`HKCU\Software`, []string{"A", "Stays"}},
		{`HKCU\Software\A`, []string{"B"}},
		{`HKCU\Software\A\B`, []string{}},
		// doubled and trailing backslashes are ignored
		{`HKCU\\Software\A\`, []string{"B"}},
	}
	for _, tc := range tests {
		got, err := r.SubKeys(tc.key)
		if err != nil {
			t.Errorf("SubKeys(%s): %v", tc.key, err)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("SubKeys(%s) = %q, want %q", tc.key, got, tc.want)
		}
	}
	if v, _ := r.Values(uninstall + `\DISCORD`); v["DisplayName"] != "Discord" {
		t.Errorf("values by another case: %q", v)
	}
	if v, _ := r.Values(`HKCU\Software\Stays`); !maps.Equal(v, map[string]string{"Keep": "1"}) {
		t.Errorf("after a value deletion: %q", v)
	}
	for _, missing := range []string{`HKCU\Software\Gone`, `HKCU\Software\A\c`, `HKLM\Nothing`, `HKU\x`} {
		if _, err := r.SubKeys(missing); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("SubKeys(%s): %v, want fs.ErrNotExist", missing, err)
		}
		if _, err := r.Values(missing); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Values(%s): %v, want fs.ErrNotExist", missing, err)
		}
	}
	if _, err := r.SubKeys(`HKEY_NOWHERE\x`); err == nil || errors.Is(err, fs.ErrNotExist) {
		t.Errorf("unknown hive: %v", err)
	}
}

func TestParseRegFileErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"empty", "", 1, "empty"},
		{"blank", "\r\n\r\n", 1, "empty"},
		{"no header", "[HKEY_CURRENT_USER\\x]\r\n", 1, "not a registry export"},
		{"other text", "hello\r\n", 1, "not a registry export"},
		{"value before key", v5 + `"a"="b"`, 3, "before the first"},
		{"unterminated section", v5 + `[HKEY_CURRENT_USER\x`, 3, "closing ]"},
		{"text after section", v5 + `[HKEY_CURRENT_USER\x] y`, 3, "text after section"},
		{"unknown hive", v5 + `[HKEY_NOWHERE\x]`, 3, "unknown hive"},
		{"empty section", v5 + `[]`, 3, "unknown hive"},
		{"unterminated name", v5 + "[HKCU\\x]\r\n\"ab\r\n", 4, "unterminated"},
		{"unterminated value", v5 + "[HKCU\\x]\r\n\"a\"=\"b\r\n", 4, "unterminated"},
		{"no equals", v5 + "[HKCU\\x]\r\n\"a\" \"b\"\r\n", 4, "no ="},
		{"junk line", v5 + "[HKCU\\x]\r\nfoo\r\n", 4, "not a section, value or comment"},
		{"text after string", v5 + "[HKCU\\x]\r\n\"a\"=\"b\" c\r\n", 4, "text after string"},
		{"bad dword", v5 + "[HKCU\\x]\r\n\"a\"=dword:xyz\r\n", 4, "not hex"},
		{"long dword", v5 + "[HKCU\\x]\r\n\"a\"=dword:000000001\r\n", 4, "1 to 8"},
		{"empty dword", v5 + "[HKCU\\x]\r\n\"a\"=dword:\r\n", 4, "1 to 8"},
		{"bad hex", v5 + "[HKCU\\x]\r\n\"a\"=hex:0g\r\n", 4, "bad hex byte"},
		{"long hex byte", v5 + "[HKCU\\x]\r\n\"a\"=hex:001\r\n", 4, "bad hex byte"},
		{"empty hex byte", v5 + "[HKCU\\x]\r\n\"a\"=hex:00,,01\r\n", 4, "bad hex byte"},
		{"bad type", v5 + "[HKCU\\x]\r\n\"a\"=hex(zz):00\r\n", 4, "bad value type"},
		{"unknown type", v5 + "[HKCU\\x]\r\n\"a\"=qword:00\r\n", 4, "unknown data type"},
		{"bare word", v5 + "[HKCU\\x]\r\n\"a\"=yes\r\n", 4, "unknown data"},
		// a continuation at the end of the file leaves a dangling "\"
		{"continuation at end", v5 + "[HKCU\\x]\r\n\"a\"=hex:00,\\\r\n", 4, "bad hex byte"},
		// the error names the first line of a continued value
		{"bad continued hex", v5 + "[HKCU\\x]\r\n\"a\"=hex:00,\\\r\n  01,zz\r\n\"b\"=\"c\"\r\n", 4, "bad hex byte"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseRegFile([]byte(tc.src))
			var se *RegSyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *RegSyntaxError", err)
			}
			if se.Line != tc.line || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("got %q, want line %d with %q", err, tc.line, tc.msg)
			}
			if strings.ToLower(err.Error()[:1]) != err.Error()[:1] {
				t.Errorf("error %q does not start in lowercase", err)
			}
		})
	}
}

// A value that continues over many lines is joined in linear time.
func TestParseRegFileLongContinuation(t *testing.T) {
	var b strings.Builder
	b.WriteString(v5 + "[HKCU\\x]\r\n\"big\"=hex:")
	const lines = 50000
	for range lines {
		b.WriteString("01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,16,17,18,\\\r\n  ")
	}
	b.WriteString("ff\r\n\"after\"=\"yes\"\r\n")
	r, err := ParseRegFile([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := r.Values(`HKCU\x`)
	if len(v["big"]) != 2*(lines*24+1) || v["after"] != "yes" {
		t.Errorf("big value of %d hex digits, after = %q", len(v["big"]), v["after"])
	}
}

func TestLoadRegDir(t *testing.T) {
	reg, err := LoadRegDir(os.DirFS(filepath.Join("testdata", "windows")), "registry")
	if err != nil {
		t.Fatal(err)
	}
	subs, err := reg.SubKeys(hkcuUninstall)
	if err != nil {
		t.Fatal(err)
	}
	// 4-removed.reg deletes the Viber entry of 3-hkcu.reg
	want := []string{"Discord", "roblox-player", "Steam App 1090320", "Telegraph", "{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1"}
	if !slices.Equal(subs, want) {
		t.Errorf("HKCU Uninstall = %q, want %q", subs, want)
	}
	v, err := reg.Values(hklmUninstall + `\{E3A3B9C6-8A27-4E4B-B1D4-9F2C0B4D1A11}`)
	if err != nil {
		t.Fatal(err)
	}
	if v["UninstallString"] != "MsiExec.exe /X{E3A3B9C6-8A27-4E4B-B1D4-9F2C0B4D1A11}" || v["Language"] != "1033" || v["InstallLocation"] != `C:\Program Files\Zoom\` {
		t.Errorf("Zoom values %q", v)
	}
	v, _ = reg.Values(wow64Uninstall + `\TeamViewer`)
	if v["UninstallString"] != `"C:\Program Files (x86)\TeamViewer\uninstall.exe"` {
		t.Errorf("REGEDIT4 hex(2) = %q", v["UninstallString"])
	}

	t.Run("missing folder", func(t *testing.T) {
		_, err := LoadRegDir(fstest.MapFS{}, "registry")
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("got %v, want fs.ErrNotExist", err)
		}
	})
	t.Run("empty folder", func(t *testing.T) {
		reg, err := LoadRegDir(fstest.MapFS{"registry/README.txt": {Data: []byte("not an export")}}, "registry")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := reg.SubKeys("HKLM"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("empty registry: %v", err)
		}
	})
	t.Run("bad file", func(t *testing.T) {
		_, err := LoadRegDir(fstest.MapFS{
			"registry/a.reg": {Data: []byte(v5 + "[HKCU\\x]\r\n")},
			"registry/b.REG": {Data: []byte(v5 + "[HKCU\\x]\r\nbroken\r\n")},
		}, "registry")
		if err == nil || !strings.Contains(err.Error(), "registry/b.REG: line 4") {
			t.Errorf("got %v, want the file and line named", err)
		}
	})
	t.Run("too large", func(t *testing.T) {
		_, err := LoadRegDir(fstest.MapFS{
			"registry/big.reg": {Data: bytes.Repeat([]byte(" "), maxRegFileSize+1)},
		}, "registry")
		if err == nil || !strings.Contains(err.Error(), "limit") {
			t.Errorf("got %v, want the size limit", err)
		}
	})
}

func FuzzParseRegFile(f *testing.F) {
	entries, _ := os.ReadDir(filepath.Join("testdata", "windows", "registry"))
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join("testdata", "windows", "registry", e.Name())); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(v5 + "[HKCU\\x]\r\n@=\"d\"\r\n\"a\"=hex(7):61,00,00,00,00,00\r\n\"b\"=-\r\n[-HKCU\\x]\r\n"))
	f.Add([]byte("REGEDIT4\n[HKEY_USERS\\x\\y]\n\"q\"=hex(b):01,02,03,04,05,06,07,08\n\"d\"=dword:1\n"))
	f.Add(utf16LE(v5 + "[HKCU\\x]\r\n\"a\"=hex:00,\\\r\n  01\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRegFile(data)
		if err != nil {
			var se *RegSyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *RegSyntaxError", err)
			}
			return
		}
		// every key the tree holds can be listed and read
		var walk func(key string, depth int)
		walk = func(key string, depth int) {
			if depth > 64 {
				return
			}
			subs, err := r.SubKeys(key)
			if err != nil {
				t.Fatalf("SubKeys(%q): %v", key, err)
			}
			if _, err := r.Values(key); err != nil {
				t.Fatalf("Values(%q): %v", key, err)
			}
			for _, s := range subs {
				if s == "" || strings.Contains(s, `\`) {
					t.Fatalf("bad subkey name %q under %q", s, key)
				}
				walk(key+`\`+s, depth+1)
			}
		}
		for _, hive := range []string{"HKLM", "HKCU", "HKCR", "HKU", "HKCC"} {
			if _, err := r.SubKeys(hive); err == nil {
				walk(hive, 0)
			}
		}
	})
}
