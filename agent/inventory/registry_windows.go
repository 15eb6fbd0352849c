package inventory

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"golang.org/x/sys/windows/registry"
)

// SystemRegistry returns the running system's registry, read live. Keys are
// opened for reading only. HKLM is read in its 64-bit view, also by a 32-bit
// build; the 32-bit view is the WOW6432Node path inside it, read as written.
func SystemRegistry() (Registry, error) { return liveRegistry{}, nil }

type liveRegistry struct{}

var liveHives = map[string]registry.Key{
	"HKLM": registry.LOCAL_MACHINE,
	"HKCU": registry.CURRENT_USER,
	"HKCR": registry.CLASSES_ROOT,
	"HKU":  registry.USERS,
	"HKCC": registry.CURRENT_CONFIG,
}

func (liveRegistry) open(key string) (registry.Key, error) {
	hive, elems, err := splitRegKey(key)
	if err != nil {
		return 0, err
	}
	access := uint32(registry.QUERY_VALUE | registry.ENUMERATE_SUB_KEYS)
	if hive == "HKLM" {
		access |= registry.WOW64_64KEY
	}
	k, err := registry.OpenKey(liveHives[hive], strings.Join(elems, `\`), access)
	if err != nil {
		if errors.Is(err, registry.ErrNotExist) {
			return 0, fmt.Errorf("registry key %s: %w", key, fs.ErrNotExist)
		}
		return 0, fmt.Errorf("open registry key %s: %w", key, err)
	}
	return k, nil
}

// SubKeys lists the names of key's direct subkeys. A missing key is an error
// that wraps fs.ErrNotExist.
func (r liveRegistry) SubKeys(key string) ([]string, error) {
	k, err := r.open(key)
	if err != nil {
		return nil, err
	}
	defer k.Close()
	names, err := k.ReadSubKeyNames(-1)
	if err != nil {
		return nil, fmt.Errorf("list registry key %s: %w", key, err)
	}
	return names, nil
}

// Values returns key's values by name, formatted as RegFile formats them. A
// value that cannot be read is left out.
func (r liveRegistry) Values(key string) (map[string]string, error) {
	k, err := r.open(key)
	if err != nil {
		return nil, err
	}
	defer k.Close()
	names, err := k.ReadValueNames(-1)
	if err != nil {
		return nil, fmt.Errorf("list registry values of %s: %w", key, err)
	}
	m := make(map[string]string, len(names))
	for _, name := range names {
		if v, ok := readValue(k, name); ok {
			m[name] = v
		}
	}
	return m, nil
}

// readValue reads one value: strings as they are (REG_EXPAND_SZ unexpanded),
// REG_MULTI_SZ joined by newlines, integers in decimal, anything else as
// lowercase hex.
func readValue(k registry.Key, name string) (string, bool) {
	size, typ, err := k.GetValue(name, nil)
	if err != nil {
		return "", false
	}
	switch typ {
	case registry.SZ, registry.EXPAND_SZ:
		s, _, err := k.GetStringValue(name)
		return s, err == nil
	case registry.MULTI_SZ:
		ss, _, err := k.GetStringsValue(name)
		return strings.Join(ss, "\n"), err == nil
	case registry.DWORD, registry.QWORD:
		n, _, err := k.GetIntegerValue(name)
		return strconv.FormatUint(n, 10), err == nil
	}
	if size > maxFileSize {
		return "", false
	}
	buf := make([]byte, size)
	n, _, err := k.GetValue(name, buf)
	if err != nil || n > len(buf) {
		return "", false // changed while read, or unreadable
	}
	if typ == registry.DWORD_BIG_ENDIAN && n == 4 {
		return strconv.FormatUint(uint64(binary.BigEndian.Uint32(buf)), 10), true
	}
	return hex.EncodeToString(buf[:n]), true
}
