package inventory

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"howett.net/plist"
)

// BundleInfo is what the inventory reads from a macOS bundle's
// Contents/Info.plist.
type BundleInfo struct {
	// ID is CFBundleIdentifier ("com.hnc.Discord"), the bundle's identity.
	ID string
	// Executable is CFBundleExecutable, the file name of the main program in
	// Contents/MacOS ("Discord"); empty when the plist does not say. The usage
	// sampler can use it to tie a process to its bundle.
	Executable string
	// Name is CFBundleName, for logs only; it never decides a match.
	Name string
}

// maxPlistDepth bounds how deeply arrays and dictionaries may nest in an
// Info.plist. Real ones nest a handful of levels; the parser recurses once per
// level, so a crafted file must not drive it arbitrarily deep.
const maxPlistDepth = 64

// ParseInfoPlist reads an Info.plist in XML or binary form and returns its
// bundle identifier and executable. It fails on anything that is not a
// dictionary with a non-empty string CFBundleIdentifier. It never panics.
func ParseInfoPlist(data []byte) (info BundleInfo, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return BundleInfo{}, errors.New("empty plist")
	}
	if len(data) > maxFileSize {
		return BundleInfo{}, fmt.Errorf("plist of %d bytes is over the %d-byte limit", len(data), maxFileSize)
	}
	if bytes.HasPrefix(data, []byte("bplist")) {
		n, ok := binaryObjects(data)
		if !ok {
			return BundleInfo{}, errors.New("binary plist too short")
		}
		if n > maxBinaryObjects {
			return BundleInfo{}, fmt.Errorf("binary plist declares %d objects, over the limit of %d", n, maxBinaryObjects)
		}
	} else {
		// Info.plist files are XML or binary. The old text (OpenStep) form is
		// refused: it is not used for bundles, and its parser is the least hardened.
		if !looksLikeXML(data) {
			return BundleInfo{}, errors.New("not an XML or binary plist")
		}
		if d := xmlDepth(data); d > maxPlistDepth {
			return BundleInfo{}, fmt.Errorf("plist nests more than %d levels", maxPlistDepth)
		}
	}
	// howett.net/plist turns malformed input into errors but re-raises runtime
	// errors (index out of range and the like); a bad file must only be skipped.
	defer func() {
		if r := recover(); r != nil {
			info, err = BundleInfo{}, fmt.Errorf("malformed plist: %v", r)
		}
	}()
	var raw struct {
		ID         any `plist:"CFBundleIdentifier"`
		Executable any `plist:"CFBundleExecutable"`
		Name       any `plist:"CFBundleName"`
	}
	if _, err := plist.Unmarshal(data, &raw); err != nil {
		return BundleInfo{}, fmt.Errorf("parse plist: %w", err)
	}
	id, ok := raw.ID.(string)
	if !ok {
		if raw.ID == nil {
			return BundleInfo{}, errors.New("no CFBundleIdentifier")
		}
		return BundleInfo{}, fmt.Errorf("bundle identifier is a %T, not a string", raw.ID)
	}
	id = strings.TrimSpace(id)
	if id == "" {
		return BundleInfo{}, errors.New("empty CFBundleIdentifier")
	}
	exe, _ := raw.Executable.(string)
	name, _ := raw.Name.(string)
	return BundleInfo{ID: id, Executable: strings.TrimSpace(exe), Name: strings.TrimSpace(name)}, nil
}

// looksLikeXML reports whether data starts, after a byte-order mark and white
// space, with an XML declaration, a doctype or a plist element.
func looksLikeXML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return bytes.HasPrefix(data, []byte("<"))
}

// xmlDepth returns how deeply elements nest in data, counting start and end
// tags only roughly (comments, processing instructions, CDATA and self-closing
// tags do not count). It overestimates rather than underestimates for
// well-formed plists, which is all the depth limit needs. It runs in linear time.
func xmlDepth(data []byte) int {
	depth, maxDepth := 0, 0
	nextGT := -1 // index of the first '>' at or after i, or len(data)
	for i := 0; i+1 < len(data); i++ {
		if data[i] != '<' {
			continue
		}
		switch c := data[i+1]; {
		case c == '/':
			if depth > 0 {
				depth--
			}
		case c == '?' || c == '!':
			// declaration, doctype, comment or CDATA: not an element
		default:
			if nextGT < i {
				nextGT = len(data)
				if j := bytes.IndexByte(data[i:], '>'); j >= 0 {
					nextGT = i + j
				}
			}
			if nextGT < len(data) && data[nextGT-1] == '/' {
				continue // <true/>, <dict/>
			}
			depth++
			maxDepth = max(maxDepth, depth)
		}
	}
	return maxDepth
}

// maxBinaryObjects bounds the object count a binary plist may declare. The
// parser checks for reference cycles in time that grows with the square of the
// nesting depth, and the depth can reach the object count; real Info.plists
// hold a few hundred to a few thousand objects.
const maxBinaryObjects = 1 << 15

// binaryObjects returns the object count in a binary plist's trailer, or
// false when data is too short to have one.
func binaryObjects(data []byte) (uint64, bool) {
	if len(data) < 40 {
		return 0, false
	}
	return binary.BigEndian.Uint64(data[len(data)-32+8:]), true
}
