package cli

import (
	"context"
	"flag"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Every command that prints words speaks one language, picked in one way:
// --lang when given, else the language of the family agreement in the data
// folder, else the language of this user's session (words.System), else
// English.

// langFlag adds --lang to fs.
func langFlag(fs *flag.FlagSet) *string {
	return fs.String("lang", "", "language of what is printed: en or nl (default the agreement's language, else the system's)")
}

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
