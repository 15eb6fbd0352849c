package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/talkfirst/talkfirst/agent/cli"
	"github.com/talkfirst/talkfirst/agent/store"
)

// runEnv runs the command line as run does, with env as the rest of the
// environment.
func runEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	noData := filepath.Join(t.TempDir(), "no-data")
	code := cli.Main(args, &cli.IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if v, ok := env[k]; ok {
				return v
			}
			if k == "TALKFIRST_DATA_DIR" {
				return noData
			}
			return ""
		}})
	return result{code, out.String(), errb.String()}
}

var dutchSystem = map[string]string{"LANG": "nl_NL.UTF-8"}

// helpFlag is one flag as <command> -h shows it.
type helpFlag struct{ placeholder, usage string }

var (
	flagLineRe    = regexp.MustCompile(`^  -([a-z-]+)(?: (\S+))?$`)
	defaultRe     = regexp.MustCompile(` \((default|standaard) ("[^"]*"|[^ ()]+)\)$`)
	commandLineRe = regexp.MustCompile(`^  ([a-z]+) +(.+)$`)
)

// helpFlags reads the flags out of <command> -h: a line "  -name
// PLACEHOLDER", then the usage on the next line after "    \t", without
// the default at its end.
func helpFlags(t *testing.T, out string) map[string]helpFlag {
	t.Helper()
	flags := map[string]helpFlag{}
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		m := flagLineRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "    \t") {
			t.Fatalf("flag -%s has no usage line:\n%s", m[1], out)
		}
		flags[m[1]] = helpFlag{m[2], defaultRe.ReplaceAllString(strings.TrimPrefix(lines[i+1], "    \t"), "")}
	}
	return flags
}

// helpCommands reads the commands and their summaries out of help.
func helpCommands(out string) map[string]string {
	cmds := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if m := commandLineRe.FindStringSubmatch(line); m != nil {
			cmds[m[1]] = m[2]
		}
	}
	return cmds
}

// The Dutch placeholders of the English ones; the others (CC, ID, N) are
// the same in both.
var dutchPlaceholder = map[string]string{"DIR": "MAP", "NAME": "NAAM", "FILE": "BESTAND", "DUR": "DUUR", "TEXT": "TEKST",
	"YYYY-MM-DD": "JJJJ-MM-DD", "HH:MM-HH:MM": "UU:MM-UU:MM", "string": "tekst", "int": "getal", "duration": "duur"}

// help and every command's -h say everything in Dutch on a Dutch system,
// or with --lang nl: every command has a summary and every flag a usage
// in both languages, the Dutch ones differ from the English ones, and no
// English summary or usage is left in the Dutch help. A new command or
// flag without its texts fails here.
func TestHelpInDutch(t *testing.T) {
	en := runEnv(t, nil, "help")
	cmds := helpCommands(en.stdout)
	if en.code != 0 || len(cmds) < 15 || !strings.HasPrefix(en.stdout, "usage: talkfirst-agent <command> [flags]\n\ncommands:\n") {
		t.Fatalf("help: exit %d, %d commands:\n%s", en.code, len(cmds), en.stdout)
	}
	for _, how := range []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"LANG=nl_NL.UTF-8", dutchSystem, nil},
		{"--lang nl", nil, []string{"--lang", "nl"}},
	} {
		t.Run(how.name, func(t *testing.T) {
			nl := runEnv(t, how.env, append([]string{"help"}, how.args...)...)
			nlCmds := helpCommands(nl.stdout)
			if nl.code != 0 || !strings.HasPrefix(nl.stdout, "gebruik: talkfirst-agent <opdracht> [flags]\n\nopdrachten:\n") || len(nlCmds) != len(cmds) {
				t.Fatalf("help in Dutch: exit %d:\n%s", nl.code, nl.stdout)
			}
			for c, sum := range cmds {
				switch {
				case strings.HasPrefix(sum, "cli.") || strings.HasPrefix(nlCmds[c], "cli."):
					t.Errorf("%s has no summary: %q, %q", c, sum, nlCmds[c])
				case strings.Contains(nl.stdout, sum):
					t.Errorf("the Dutch help says %s's English summary %q", c, sum)
				}
			}
			for c := range cmds {
				enHelp := runEnv(t, nil, c, "-h")
				nlHelp := runEnv(t, how.env, append([]string{c, "-h"}, how.args...)...)
				if enHelp.code != 0 || nlHelp.code != 0 {
					t.Fatalf("%s -h: exit %d and %d", c, enHelp.code, nlHelp.code)
				}
				if !strings.HasPrefix(enHelp.stdout, "usage: talkfirst-agent "+c+" ") || !strings.Contains(enHelp.stdout, "\n\nflags:\n") ||
					!strings.HasPrefix(nlHelp.stdout, "gebruik: talkfirst-agent "+c+" ") {
					t.Errorf("%s -h does not start with its usage line:\n%s\n%s", c, enHelp.stdout, nlHelp.stdout)
				}
				enFlags, nlFlags := helpFlags(t, enHelp.stdout), helpFlags(t, nlHelp.stdout)
				if len(enFlags) == 0 || len(enFlags) != len(nlFlags) {
					t.Errorf("%s -h: %d flags in English, %d in Dutch", c, len(enFlags), len(nlFlags))
				}
				for name, e := range enFlags {
					n := nlFlags[name]
					switch {
					case e.usage == "" || n.usage == "" || strings.Contains(e.usage+n.usage, "cli.flag."):
						t.Errorf("%s -%s has no usage in both languages: %q, %q", c, name, e.usage, n.usage)
					case e.usage == n.usage:
						t.Errorf("%s -%s has the same usage in Dutch: %q", c, name, n.usage)
					case strings.Contains(nlHelp.stdout, e.usage):
						t.Errorf("%s -h in Dutch says the English usage %q", c, e.usage)
					}
					if want, ok := dutchPlaceholder[e.placeholder]; ok && n.placeholder != want || !ok && n.placeholder != e.placeholder {
						t.Errorf("%s -%s: placeholder %q in Dutch for %q", c, name, n.placeholder, e.placeholder)
					}
				}
				for en, nl := range dutchPlaceholder {
					if regexp.MustCompile(`\b` + en + `\b`).MatchString(strings.SplitN(nlHelp.stdout, "\n", 2)[0]) {
						t.Errorf("%s -h in Dutch has the placeholder %s, not %s:\n%s", c, en, nl, nlHelp.stdout)
					}
				}
				if strings.Contains(nlHelp.stdout, "(default ") {
					t.Errorf("%s -h in Dutch says default:\n%s", c, nlHelp.stdout)
				}
			}
		})
	}
}

// The help's language: --lang wherever it stands, else the agreement's
// in --data-dir (not for setup, which makes a new one), else the
// system's; a damaged data file is not opened for it.
func TestHelpLanguage(t *testing.T) {
	dutch := filepath.Join(t.TempDir(), "data")
	pin := writePIN(t, "2468")
	if r := run(t, "", "setup", "--data-dir", dutch, "--lang", "nl", "--teen", "Sam", "--age", "14", "--country", "NL", "--parent-pin-file", pin, "--agree"); r.code != 0 {
		t.Fatalf("setup: %+v", r)
	}
	damaged := t.TempDir()
	junk := bytes.Repeat([]byte("not a database "), 500)
	if err := os.WriteFile(filepath.Join(damaged, store.FileName), junk, 0o600); err != nil {
		t.Fatal(err)
	}
	const en, nl = "usage: talkfirst-agent", "gebruik: talkfirst-agent"
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // the start of stdout, or for exit 2 a part of stderr
	}{
		{"no system language", nil, []string{"summary", "-h"}, 0, en},
		{"--lang before -h", nil, []string{"summary", "--lang", "nl", "-h"}, 0, nl},
		{"--lang after -h", nil, []string{"summary", "-h", "--lang=nl"}, 0, nl},
		{"--lang en on a Dutch system", dutchSystem, []string{"status", "-h", "-lang", "en"}, 0, en},
		{"--lang de on a Dutch system", dutchSystem, []string{"status", "--lang", "de", "-h"}, 0, nl},
		{"after --, no --lang", nil, []string{"help", "--", "--lang", "nl"}, 0, en},
		{"a Dutch agreement", nil, []string{"summary", "--data-dir", dutch, "-h"}, 0, nl},
		{"a Dutch agreement named after -h", nil, []string{"status", "-h", "--data-dir", dutch}, 0, nl},
		{"a Dutch agreement as the default folder", map[string]string{"TALKFIRST_DATA_DIR": dutch}, []string{"scan", "-h"}, 0, nl},
		{"setup over a Dutch agreement", nil, []string{"setup", "--data-dir", dutch, "-h"}, 0, en},
		{"a damaged data file", dutchSystem, []string{"summary", "--data-dir", damaged, "-h"}, 0, nl},
		{"unknown command", dutchSystem, []string{"frobnicate"}, 2, `talkfirst-agent: onbekende opdracht "frobnicate"` + "\n" + nl + " <opdracht> [flags]"},
		{"unknown command, --lang", nil, []string{"frobnicate", "--lang", "nl"}, 2, "onbekende opdracht"},
		{"stray argument", nil, []string{"summary", "extra", "--lang", "nl", "--data-dir", dutch}, 2,
			`talkfirst-agent: summary: onverwacht argument "extra"` + "\n" + nl + " summary [--data-dir MAP] [--json] [--day JJJJ-MM-DD | --week]\n"},
		{"unknown flag", dutchSystem, []string{"scan", "--frob"}, 2, "talkfirst-agent: scan: onbekende flag: -frob\n" + nl + " scan "},
		{"a value that is not a number", dutchSystem, []string{"setup", "--age", "veertien"}, 2, `"veertien" is geen geldige waarde voor -age`},
		{"a flag without its value", dutchSystem, []string{"summary", "--day"}, 2, "-day heeft een waarde nodig"},
		{"a bad --interval", dutchSystem, []string{"run", "--interval", "1ns"}, 2, "--interval moet tussen 10ms en 1h liggen"},
		{"a usage error in the agreement's language", nil, []string{"forget", "--data-dir", dutch}, 2, "\n" + nl + " forget [--data-dir MAP]"},
		{"the guide's flags after an id", nil, []string{"guides", "platform-hop", "--frob", "--lang", "nl"}, 2, "onbekende flag: -frob"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runEnv(t, tc.env, tc.args...)
			got := r.stdout
			if tc.code != 0 {
				got = r.stderr
			}
			if r.code != tc.code || tc.code == 0 && !strings.HasPrefix(got, tc.want) || tc.code != 0 && !strings.Contains(got, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", r.code, r.stdout, r.stderr, tc.code, tc.want)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(damaged, store.FileName)); err != nil || !bytes.Equal(b, junk) {
		t.Errorf("the damaged data file was changed (%v)", err)
	}
}
