package cli

import (
	"context"
	"flag"
	"strings"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Every command that prints words speaks one language, picked in one way:
// --lang when given, else the language of the family agreement in the data
// folder, else the language of this user's session (words.System), else
// English.

// langFlag adds --lang to fs.
func langFlag(fs *flag.FlagSet) *string { return fs.String("lang", "", "") }

// pickLang is the rule: given (--lang, "" when not given), else agreed (the
// agreement's language, "" without one), else the system's language.
func pickLang(given, agreed string, getenv func(string) string) words.Lang {
	if l, ok := words.ParseLang(given); ok {
		return l
	}
	if l, ok := words.ParseLang(agreed); ok {
		return l
	}
	return words.System(getenv)
}

// helpLang is the language of the help and the usage errors of command c
// ("" before a command is known), the same rule before its flags are
// parsed: --lang as far as fs parsed it, else as a simple look through
// args finds it; else the agreement's, in --data-dir (found in the same
// way) or the default data folder, except for setup, which makes a new
// one; else the system's. A --lang that is not en or nl is the system's,
// as checkLang says. The agreement is only read when the folder has a
// data file, read-only, and a damaged one is left unread (readAgreement).
func (o *IO) helpLang(c string, fs *flag.FlagSet, args []string) words.Lang {
	given := flagValue(fs, args, "lang")
	if given != "" || c == "setup" {
		return pickLang(given, "", o.getenv)
	}
	if dir := flagValue(fs, args, "data-dir"); dir != "" {
		return o.speak("", dir)
	}
	return o.speakDefault("")
}

// flagValue is flag name's value: as fs parsed it (fs may be nil), else
// the last one given in args before a "--", as -name V, --name V,
// -name=V or --name=V; "" when there is none.
func flagValue(fs *flag.FlagSet, args []string, name string) string {
	if fs != nil {
		if f := fs.Lookup(name); f != nil && f.Value.String() != "" {
			return f.Value.String()
		}
	}
	v := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		k, val, hasVal := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if !strings.HasPrefix(a, "-") || k != name {
			continue
		}
		if hasVal {
			v = val
		} else if i+1 < len(args) {
			i++
			v = args[i]
		}
	}
	return v
}

// checkLang reports a --lang that is not en or nl as a usage error, in the
// system's language (no other is known yet).
func checkLang(o *IO, given string) error {
	if given == "" {
		return nil
	}
	if _, ok := words.ParseLang(given); ok {
		return nil
	}
	return usageError{words.System(o.getenv).F("cli.lang.bad", given)}
}

// speak is the language a command run on the data folder dir speaks, for
// --lang given; it reads the agreement only when given is empty. A folder
// without TalkFirst data, or one that cannot be read, has no agreement.
func (o *IO) speak(given, dir string) words.Lang {
	if given != "" {
		return pickLang(given, "", o.getenv)
	}
	return pickLang("", agreedLang(dir), o.getenv)
}

// speakDefault is speak for a command that has no --data-dir: the
// agreement is looked for in the default data folder.
func (o *IO) speakDefault(given string) words.Lang {
	if given != "" {
		return pickLang(given, "", o.getenv)
	}
	dir, err := store.DefaultDir(o.getenv)
	if err != nil {
		return pickLang("", "", o.getenv)
	}
	return o.speak("", dir)
}

// agreedLang is the language of the agreement in dir, "" when there is
// none or it cannot be read.
func agreedLang(dir string) string {
	ag, ok := readAgreement(dir)
	if !ok {
		return ""
	}
	return ag.Lang
}

// readAgreement reads the agreement in dir without creating anything there.
func readAgreement(dir string) (consent.Agreement, bool) {
	if dir == "" {
		return consent.Agreement{}, false
	}
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if err != nil {
		return consent.Agreement{}, false
	}
	defer st.Close()
	ag, err := consent.Load(context.Background(), st)
	return ag, err == nil
}

func init() {
	words.Add(map[string][2]string{
		"cli.lang.bad": {"--lang must be en or nl, not %q", "--lang moet en of nl zijn, niet %q"},
	})
}

// chosen checks the --lang a command was given and finds its data folder:
// the language it speaks in (speak) and the folder.
func (o *IO) chosen(lang string, dataDir func() (string, error)) (words.Lang, string, error) {
	if err := checkLang(o, lang); err != nil {
		return "", "", err
	}
	dir, err := dataDir()
	if err != nil {
		return "", "", err
	}
	return o.speak(lang, dir), dir, nil
}
