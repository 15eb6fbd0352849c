package inventory

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// RegFile is a Registry read from registry export files, the text format that
// regedit and `reg export` write. It is how a Windows disk that is not the
// running system (a mounted disk, a test fixture) is scanned:
//
//	talkfirst-agent scan --os windows --root DIR
//
// reads the file system under DIR and the registry from every DIR/registry/*.reg
// file, merged in name order. On the Windows computer to be scanned, export the
// keys the inventory reads, for example:
//
//	reg export "HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall" hklm.reg
//	reg export "HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall" hklm-wow64.reg
//	reg export "HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall" hkcu.reg
//	reg export "HKCU\Software\Classes\Local Settings\Software\Microsoft\Windows\CurrentVersion\AppModel\Repository\Packages" hkcu-packages.reg
//
// Exports of whole regHives work too, up to 64 MiB per file. A hive loaded from
// another disk (reg load HKU\Disk ...) must be exported and then renamed to
// HKEY_CURRENT_USER or HKEY_LOCAL_MACHINE in the file.
//
// Both formats are read: "Windows Registry Editor Version 5.00" (UTF-16LE with a
// byte-order mark, as regedit writes it, or UTF-8) and REGEDIT4 (ANSI; bytes that
// are not UTF-8 are read as Latin-1). Hive names are shortened (HKEY_LOCAL_MACHINE
// is HKLM, HKEY_CURRENT_USER is HKCU, also HKCR, HKU and HKCC); keys and value
// names compare case-insensitively, as in the registry. Values are returned as
// the Registry interface says: strings as they are (REG_EXPAND_SZ unexpanded),
// REG_MULTI_SZ joined by newlines, DWORDs and QWORDs in decimal, other types as
// lowercase hex. The default value ("@") has the empty name.
type RegFile struct {
	roots map[string]*regKey // by hive, e.g. "HKLM"
}

type regKey struct {
	name   string
	subs   map[string]*regKey   // by lowercased name
	values map[string]regString // by lowercased name
}

type regString struct{ name, value string }

// NewRegFile returns an empty RegFile.
func NewRegFile() *RegFile { return &RegFile{roots: map[string]*regKey{}} }

// maxRegFileSize bounds one export file. Exports of the keys the inventory
// reads are well under 1 MiB; a whole HKLM\SOFTWARE export can pass 100 MiB.
const maxRegFileSize = 64 << 20

// regHives maps the long hive names to the short ones keys are stored under.
var regHives = map[string]string{
	"HKEY_LOCAL_MACHINE":  "HKLM",
	"HKEY_CURRENT_USER":   "HKCU",
	"HKEY_CLASSES_ROOT":   "HKCR",
	"HKEY_USERS":          "HKU",
	"HKEY_CURRENT_CONFIG": "HKCC",
	"HKLM":                "HKLM",
	"HKCU":                "HKCU",
	"HKCR":                "HKCR",
	"HKU":                 "HKU",
	"HKCC":                "HKCC",
}

// splitRegKey splits a full key path into its short hive name and its non-empty
// path elements.
func splitRegKey(key string) (hive string, elems []string, err error) {
	parts := strings.Split(key, `\`)
	hive, ok := regHives[strings.ToUpper(strings.TrimSpace(parts[0]))]
	if !ok {
		return "", nil, fmt.Errorf("unknown hive %q", parts[0])
	}
	for _, p := range parts[1:] {
		if p != "" {
			elems = append(elems, p)
		}
	}
	return hive, elems, nil
}

// find returns the key at a full path, or nil.
func (r *RegFile) find(key string) (*regKey, error) {
	hive, elems, err := splitRegKey(key)
	if err != nil {
		return nil, err
	}
	k := r.roots[hive]
	for _, e := range elems {
		if k == nil {
			break
		}
		k = k.subs[strings.ToLower(e)]
	}
	if k == nil {
		return nil, fmt.Errorf("registry key %s: %w", key, fs.ErrNotExist)
	}
	return k, nil
}

// SubKeys lists the names of key's direct subkeys, sorted. A missing key is an
// error that wraps fs.ErrNotExist.
func (r *RegFile) SubKeys(key string) ([]string, error) {
	k, err := r.find(key)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(k.subs))
	for _, s := range k.subs {
		names = append(names, s.name)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return names, nil
}

// Values returns key's values by name. A missing key is an error that wraps
// fs.ErrNotExist.
func (r *RegFile) Values(key string) (map[string]string, error) {
	k, err := r.find(key)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(k.values))
	for _, v := range k.values {
		m[v.name] = v.value
	}
	return m, nil
}

// create returns the key at hive\elems, creating it and its parents.
func (r *RegFile) create(hive string, elems []string) *regKey {
	k := r.roots[hive]
	if k == nil {
		k = &regKey{name: hive}
		r.roots[hive] = k
	}
	for _, e := range elems {
		le := strings.ToLower(e)
		sub := k.subs[le]
		if sub == nil {
			if k.subs == nil {
				k.subs = map[string]*regKey{}
			}
			sub = &regKey{name: e}
			k.subs[le] = sub
		}
		k = sub
	}
	return k
}

// remove deletes the key at hive\elems and everything under it.
func (r *RegFile) remove(hive string, elems []string) {
	if len(elems) == 0 {
		delete(r.roots, hive)
		return
	}
	k := r.roots[hive]
	for _, e := range elems[:len(elems)-1] {
		if k == nil {
			return
		}
		k = k.subs[strings.ToLower(e)]
	}
	if k != nil {
		delete(k.subs, strings.ToLower(elems[len(elems)-1]))
	}
}

// ParseRegFile reads one registry export.
func ParseRegFile(data []byte) (*RegFile, error) {
	r := NewRegFile()
	if err := r.Merge(data); err != nil {
		return nil, err
	}
	return r, nil
}

// LoadRegDir reads every *.reg file in dir, in name order, into one RegFile:
// a later file adds to and overrides an earlier one, and its deletions apply to
// what was read before. When dir does not exist the error wraps
// fs.ErrNotExist; an empty dir gives an empty registry. A file that cannot be
// read or parsed fails the whole load, naming the file.
func LoadRegDir(fsys fs.FS, dir string) (Registry, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read registry exports: %w", err)
	}
	r := NewRegFile()
	for _, de := range entries { // ReadDir sorts by name
		if !strings.EqualFold(path.Ext(de.Name()), ".reg") || de.IsDir() {
			continue
		}
		p := path.Join(dir, de.Name())
		data, err := readLimited(fsys, p, maxRegFileSize)
		if err != nil {
			return nil, fmt.Errorf("read registry export %s: %w", p, err)
		}
		if err := r.Merge(data); err != nil {
			return nil, fmt.Errorf("registry export %s: %w", p, err)
		}
	}
	return r, nil
}

// readLimited reads name whole, refusing files over limit bytes.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file is over the %d-byte limit", limit)
	}
	return data, nil
}

// RegSyntaxError reports a line of a registry export that could not be read.
type RegSyntaxError struct {
	Line int // 1-based; the first line of a continued value
	Msg  string
}

func (e *RegSyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Merge reads one registry export into r: its keys and values are added, its
// deletions ([-KEY], "Name"=-) applied. On a syntax error r keeps what was read
// before the bad line.
func (r *RegFile) Merge(data []byte) error {
	lines := strings.Split(decodeRegText(data), "\n")
	p := regParser{r: r}
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		line := strings.TrimRight(lines[i], "\r")
		if !p.header {
			h := strings.TrimSpace(line)
			switch h {
			case "":
				continue
			case "Windows Registry Editor Version 5.00":
				p.header, p.unicode = true, true
			case "REGEDIT4":
				p.header = true
			default:
				return &RegSyntaxError{lineNo, fmt.Sprintf("not a registry export: first line is %.40q", h)}
			}
			continue
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, ";") {
			continue
		}
		if strings.HasPrefix(trimmed, "[") {
			if err := p.section(trimmed); err != nil {
				return &RegSyntaxError{lineNo, err.Error()}
			}
			continue
		}
		// A value; hex data may continue on the next lines after a trailing "\".
		full := trimmed
		if strings.HasSuffix(full, `\`) && isHexValueLine(full) {
			b := []byte(full)
			for bytes.HasSuffix(b, []byte(`\`)) && i+1 < len(lines) {
				i++
				b = append(b[:len(b)-1], strings.TrimSpace(lines[i])...)
			}
			full = string(b)
		}
		if err := p.value(full); err != nil {
			return &RegSyntaxError{lineNo, err.Error()}
		}
	}
	if !p.header {
		return &RegSyntaxError{1, "not a registry export: empty"}
	}
	return nil
}

// isHexValueLine reports whether a value line holds hex data, the only kind
// that continues onto the next line. A string value that ends in a backslash
// ends in a quote, so it never looks continued.
func isHexValueLine(s string) bool {
	_, rest, err := cutValueName(s)
	if err != nil {
		return false
	}
	rest = strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(rest), "="), " \t")
	return strings.HasPrefix(strings.ToLower(rest), "hex")
}

type regParser struct {
	r       *RegFile
	header  bool
	unicode bool    // version 5.00: hex(2) and hex(7) hold UTF-16LE
	key     *regKey // current section; nil before the first or after a deletion
	inKey   bool    // a section has been seen (values before it are an error)
}

func (p *regParser) section(line string) error {
	end := strings.LastIndexByte(line, ']')
	if end < 0 {
		return errors.New("section without closing ]")
	}
	if rest := strings.TrimSpace(line[end+1:]); rest != "" && !strings.HasPrefix(rest, ";") {
		return fmt.Errorf("text after section: %.40q", rest)
	}
	name := line[1:end]
	del := strings.HasPrefix(name, "-")
	if del {
		name = name[1:]
	}
	hive, elems, err := splitRegKey(name)
	if err != nil {
		return err
	}
	p.inKey = true
	if del {
		p.r.remove(hive, elems)
		p.key = nil
		return nil
	}
	p.key = p.r.create(hive, elems)
	return nil
}

func (p *regParser) value(line string) error {
	if !p.inKey {
		return errors.New("value before the first [key] section")
	}
	name, rest, err := cutValueName(line)
	if err != nil {
		return err
	}
	rest = strings.TrimSpace(rest)
	if !strings.HasPrefix(rest, "=") {
		return fmt.Errorf("value %q: no = after the name", name)
	}
	rest = strings.TrimSpace(rest[1:])
	val, del, err := p.data(rest)
	if err != nil {
		return fmt.Errorf("value %q: %w", name, err)
	}
	if p.key == nil {
		return nil // values of a deleted key
	}
	ln := strings.ToLower(name)
	if del {
		delete(p.key.values, ln)
		return nil
	}
	if p.key.values == nil {
		p.key.values = map[string]regString{}
	}
	p.key.values[ln] = regString{name, val}
	return nil
}

// cutValueName reads the name at the start of a value line: @ or a quoted
// string with \\ and \" escapes.
func cutValueName(line string) (name, rest string, err error) {
	if strings.HasPrefix(line, "@") {
		return "", line[1:], nil
	}
	if !strings.HasPrefix(line, `"`) {
		return "", "", fmt.Errorf("not a section, value or comment: %.40q", line)
	}
	return cutQuoted(line)
}

// cutQuoted reads a quoted string at the start of s and returns it unescaped
// and what follows it.
func cutQuoted(s string) (str, rest string, err error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return b.String(), s[i+1:], nil
		case '\\':
			if i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '"') {
				i++
				b.WriteByte(s[i])
				continue
			}
			b.WriteByte(c) // a lone backslash stands for itself
		default:
			b.WriteByte(c)
		}
	}
	return "", "", fmt.Errorf("unterminated string %.40q", s)
}

// data reads the part after "=": a quoted string, dword:, hex(...): or "-".
func (p *regParser) data(s string) (val string, del bool, err error) {
	switch {
	case s == "-":
		return "", true, nil
	case strings.HasPrefix(s, `"`):
		str, rest, err := cutQuoted(s)
		if err != nil {
			return "", false, err
		}
		if rest = strings.TrimSpace(rest); rest != "" && !strings.HasPrefix(rest, ";") {
			return "", false, fmt.Errorf("text after string: %.40q", rest)
		}
		return str, false, nil
	}
	typ, body, ok := strings.Cut(s, ":")
	if !ok {
		return "", false, fmt.Errorf("unknown data %.40q", s)
	}
	switch t := strings.ToLower(strings.TrimSpace(typ)); {
	case t == "dword":
		body = strings.TrimSpace(body)
		if body == "" || len(body) > 8 {
			return "", false, fmt.Errorf("dword %q is not 1 to 8 hex digits", body)
		}
		n, err := strconv.ParseUint(body, 16, 32)
		if err != nil {
			return "", false, fmt.Errorf("dword %q is not hex", body)
		}
		return strconv.FormatUint(n, 10), false, nil
	case t == "hex":
		b, err := parseHexList(body)
		return hex.EncodeToString(b), false, err
	case strings.HasPrefix(t, "hex(") && strings.HasSuffix(t, ")"):
		vt, err := strconv.ParseUint(t[len("hex("):len(t)-1], 16, 32)
		if err != nil {
			return "", false, fmt.Errorf("bad value type %q", typ)
		}
		b, err := parseHexList(body)
		if err != nil {
			return "", false, err
		}
		return p.typed(uint32(vt), b), false, nil
	}
	return "", false, fmt.Errorf("unknown data type %.20q", typ)
}

// Registry value types (winnt.h).
const (
	regSZ       = 1
	regExpandSZ = 2
	regBinary   = 3
	regDWORD    = 4
	regDWORDBE  = 5
	regMultiSZ  = 7
	regQWORD    = 11
)

// typed formats the bytes of a value of type vt as the Registry interface wants.
func (p *regParser) typed(vt uint32, b []byte) string {
	switch vt {
	case regSZ, regExpandSZ:
		return strings.TrimRight(p.text(b), "\x00")
	case regMultiSZ:
		s := strings.TrimRight(p.text(b), "\x00")
		return strings.ReplaceAll(s, "\x00", "\n")
	case regDWORD:
		if len(b) == 4 {
			return strconv.FormatUint(uint64(binary.LittleEndian.Uint32(b)), 10)
		}
	case regDWORDBE:
		if len(b) == 4 {
			return strconv.FormatUint(uint64(binary.BigEndian.Uint32(b)), 10)
		}
	case regQWORD:
		if len(b) == 8 {
			return strconv.FormatUint(binary.LittleEndian.Uint64(b), 10)
		}
	}
	return hex.EncodeToString(b)
}

// text decodes string data: UTF-16LE in version 5 exports, ANSI in REGEDIT4.
func (p *regParser) text(b []byte) string {
	if !p.unicode {
		return latin1OrUTF8(b)
	}
	return decodeUTF16LE(b)
}

// parseHexList reads comma-separated hex bytes ("25,00,55,00"), allowing
// spaces and an empty list.
func parseHexList(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	out := make([]byte, 0, (len(s)+1)/3)
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		if len(f) == 0 || len(f) > 2 {
			return nil, fmt.Errorf("bad hex byte %.10q", f)
		}
		n, err := strconv.ParseUint(f, 16, 8)
		if err != nil {
			return nil, fmt.Errorf("bad hex byte %.10q", f)
		}
		out = append(out, byte(n))
	}
	return out, nil
}

// decodeRegText turns an export's bytes into text: UTF-16LE (with a BOM, or
// without one when the first character is ASCII), UTF-16BE with a BOM, UTF-8
// with or without a BOM, else Latin-1.
func decodeRegText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16LE(data[2:])
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16BE(data[2:])
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return latin1OrUTF8(data[3:])
	case len(data) >= 2 && data[0] != 0 && data[1] == 0:
		return decodeUTF16LE(data)
	}
	return latin1OrUTF8(data)
}

func decodeUTF16LE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

func decodeUTF16BE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.BigEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// latin1OrUTF8 returns b as text: as UTF-8 when it is valid UTF-8, else each
// byte as the Latin-1 character of that number (close to Windows-1252, the
// usual ANSI code page of REGEDIT4 exports).
func latin1OrUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
