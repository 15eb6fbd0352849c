package inventory

import (
	"bytes"
	"errors"
	"path"
	"strings"
	"unicode/utf8"
)

// desktopEntry is what the inventory needs from the [Desktop Entry] group of a
// desktop entry file (freedesktop.org Desktop Entry Specification 1.5,
// https://specifications.freedesktop.org/desktop-entry-spec/latest/). Other
// groups ([Desktop Action …]) and localized keys (Name[de]) are ignored.
type desktopEntry struct {
	// Type is "Application", "Link" or "Directory"; empty when the key is missing.
	Type string
	// Exec is the command line, with the string escapes (\s, \\) undone and
	// the Exec quoting kept; parseExec reads it.
	Exec string
	// TryExec names the program that must exist for the entry to be shown.
	TryExec string
	// StartupWMClass is the X11 WM_CLASS the program's window will have.
	StartupWMClass string
	// Flatpak is X-Flatpak, the app id flatpak writes into the entries it exports.
	Flatpak string
	// SnapInstance is X-SnapInstanceName, which snapd writes into the entries
	// it installs: the snap name, with "_<key>" for a parallel install.
	SnapInstance string
	// SnapApp is X-SnapAppName, the app inside the snap.
	SnapApp string
	// Hidden=true means the entry was deleted and must be treated as absent.
	Hidden bool
}

var (
	errEmptyEntry     = errors.New("empty file")
	errEntryNotUTF8   = errors.New("not valid utf-8")
	errNoDesktopGroup = errors.New("no [Desktop Entry] group")
)

// parseDesktopEntry reads the [Desktop Entry] group of a desktop entry file.
// It is lenient where desktops are (CRLF line ends, blanks around "=", keys
// written twice: the last wins) and strict where the spec is: the file must be
// UTF-8 and have a [Desktop Entry] group.
func parseDesktopEntry(data []byte) (desktopEntry, error) {
	var de desktopEntry
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte order mark some editors write
	if len(bytes.TrimSpace(data)) == 0 {
		return de, errEmptyEntry
	}
	if !utf8.Valid(data) {
		return de, errEntryNotUTF8
	}
	found, in := false, false
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		line = trimBlanks(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			if in {
				break // the group has ended; actions and other groups follow
			}
			if string(line) == "[Desktop Entry]" {
				in, found = true, true
			}
			continue
		}
		if !in {
			continue
		}
		// Only keys that start with these letters are read; this skips the
		// many localized Name[xx]= and Comment[xx]= lines cheaply.
		switch line[0] {
		case 'E', 'H', 'S', 'T', 'X':
		default:
			continue
		}
		eq := bytes.IndexByte(line, '=')
		if eq < 0 {
			continue
		}
		key, val := trimBlanks(line[:eq]), trimBlanks(line[eq+1:])
		switch string(key) {
		case "Type":
			de.Type = unescapeValue(val)
		case "Exec":
			de.Exec = unescapeValue(val)
		case "TryExec":
			de.TryExec = unescapeValue(val)
		case "StartupWMClass":
			de.StartupWMClass = unescapeValue(val)
		case "X-Flatpak":
			de.Flatpak = unescapeValue(val)
		case "X-SnapInstanceName":
			de.SnapInstance = unescapeValue(val)
		case "X-SnapAppName":
			de.SnapApp = unescapeValue(val)
		case "Hidden":
			de.Hidden = string(val) == "true" || string(val) == "True" || string(val) == "1"
		}
	}
	if !found {
		return desktopEntry{}, errNoDesktopGroup
	}
	return de, nil
}

// trimBlanks trims spaces, tabs and a CR.
func trimBlanks(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// unescapeValue undoes the escapes of a string value: \s, \n, \t, \r and \\.
// Other backslashes are kept, for the Exec quoting that comes after.
func unescapeValue(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 {
		return string(v)
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' || i+1 == len(v) {
			out = append(out, c)
			continue
		}
		i++
		switch v[i] {
		case 's':
			out = append(out, ' ')
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case '\\':
			out = append(out, '\\')
		default:
			out = append(out, '\\', v[i])
		}
	}
	return string(out)
}

// execInfo is what an Exec line says about the program it starts.
type execInfo struct {
	// Program is the base name of the program started, after `env VAR=x` and
	// `flatpak run`; for `flatpak run` it is the --command, if one is given.
	Program string
	// Flatpak is the app id of `flatpak run [options] <id>`.
	Flatpak string
	// Shortcut is set when an argument is a launcher URL (steam://rungameid/…):
	// the entry is a shortcut a launcher made to something it runs, such as a
	// Steam game, not the launcher's own entry.
	Shortcut bool
}

// maxExecArgs bounds how many arguments of an Exec line are looked at.
const maxExecArgs = 64

// parseExec reads an Exec value (string escapes already undone).
func parseExec(s string) execInfo {
	args := splitExec(s, maxExecArgs)
	var info execInfo
	i := 0
	// Unwrap env and flatpak run; a wrapper around a wrapper is unwrapped too,
	// a few times at most.
unwrap:
	for hops := 0; i < len(args) && hops < 4; hops++ {
		switch path.Base(args[i]) {
		case "env":
			i = skipEnv(args, i+1)
		case "flatpak":
			j, ok := flatpakRun(args, i+1, &info)
			if !ok {
				break unwrap
			}
			info.Shortcut = anyLauncherURL(args[j:])
			return info
		default:
			break unwrap
		}
	}
	if i < len(args) {
		info.Program = baseName(args[i])
		info.Shortcut = anyLauncherURL(args[i+1:])
	}
	return info
}

// skipEnv returns the index of the program env starts: past its options and
// VAR=value arguments.
func skipEnv(args []string, i int) int {
	for i < len(args) {
		a := args[i]
		switch {
		case a == "-u" || a == "--unset" || a == "-C" || a == "--chdir":
			i += 2
		case strings.HasPrefix(a, "-") || strings.Contains(a, "="):
			i++
		default:
			return i
		}
	}
	return i
}

// flatpakRunValueOpts are the `flatpak run` options that may take their
// value as the next argument (flatpak-run(1)).
var flatpakRunValueOpts = map[string]bool{
	"--arch": true, "--branch": true, "--command": true, "--cwd": true, "--runtime": true,
	"--runtime-version": true, "--commit": true, "--runtime-commit": true, "--filesystem": true,
	"--nofilesystem": true, "--socket": true, "--nosocket": true, "--device": true, "--nodevice": true,
	"--share": true, "--unshare": true, "--allow": true, "--disallow": true, "--env": true,
	"--unset-env": true, "--own-name": true, "--talk-name": true, "--no-talk-name": true,
	"--system-own-name": true, "--system-talk-name": true, "--system-no-talk-name": true,
	"--add-policy": true, "--remove-policy": true, "--persist": true, "--app-path": true,
	"--usr-path": true, "--installation": true, "--env-fd": true, "--instance-id-fd": true,
	"--parent-pid": true, "--a11y-own-name": true, "--session-bus-address": true,
}

// flatpakRun reads `flatpak [global options] run [options] <ref> ...` from
// args[i:], filling info.Flatpak and info.Program. It returns the index after
// the ref, and false when this is not a `flatpak run` line.
func flatpakRun(args []string, i int, info *execInfo) (int, bool) {
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		i++ // global options: --user, --system, -v, --installation=NAME
	}
	if i >= len(args) || args[i] != "run" {
		return i, false
	}
	i++
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		a := args[i]
		i++
		name, val, hasVal := strings.Cut(a, "=")
		if !hasVal && flatpakRunValueOpts[name] && i < len(args) {
			val, hasVal = args[i], true
			i++
		}
		if name == "--command" && hasVal {
			info.Program = baseName(val)
		}
	}
	if i >= len(args) {
		return i, true
	}
	// the ref is ID, ID//BRANCH or ID/ARCH/BRANCH
	info.Flatpak, _, _ = strings.Cut(args[i], "/")
	return i + 1, true
}

// anyLauncherURL reports whether an argument is a launcher's URL
// (steam://rungameid/N, heroic://launch/…, lutris:rungameid/N).
func anyLauncherURL(args []string) bool {
	for _, a := range args {
		if strings.Contains(a, "://") || strings.Contains(a, ":rungameid/") {
			return true
		}
	}
	return false
}

// baseName is path.Base that returns "" for paths with no name ("", "/", ".").
func baseName(p string) string {
	b := path.Base(p)
	if b == "." || b == "/" {
		return ""
	}
	return b
}

// splitExec splits an Exec value into arguments, at most max of them.
// Arguments are separated by blanks and may be quoted with double quotes, in
// which \", \`, \$ and \\ stand for the character. It is lenient as shells
// are: a quote may start mid-argument, an unclosed quote runs to the end.
func splitExec(s string, max int) []string {
	var args []string
	for i := 0; i < len(s) && len(args) < max; {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i == len(s) {
			break
		}
		start, quoted, simple := i, false, true
		var b []byte
		for ; i < len(s); i++ {
			c := s[i]
			if !quoted && (c == ' ' || c == '\t' || c == '\n') {
				break
			}
			if c == '"' || (quoted && c == '\\' && i+1 < len(s)) {
				if simple {
					b, simple = append(b, s[start:i]...), false
				}
				if c == '"' {
					quoted = !quoted
					continue
				}
				i++
				c = s[i]
			}
			if !simple {
				b = append(b, c)
			}
		}
		if simple {
			args = append(args, s[start:i])
		} else {
			args = append(args, string(b))
		}
	}
	return args
}
