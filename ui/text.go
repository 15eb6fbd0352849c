package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

// Every user-visible string of the screens, in English and Dutch, kept in
// the one text table of package words (under "ui.", so the glossary check
// of words.Check covers the screens too). Each screen file adds its own
// strings in an init function with addTexts, so screens can be written side
// by side. Keys are "screen.thing".

// textPrefix puts the screens' keys apart from the agent's in the table.
const textPrefix = "ui."

// addTexts registers strings as key: {en, nl}. A key registered twice is a
// programming error: words.Add panics.
func addTexts(m map[string][2]string) {
	p := make(map[string][2]string, len(m))
	for k, v := range m {
		p[textPrefix+k] = v
	}
	words.Add(p)
}

// uiTexts returns every screen text by its key (without the prefix).
func uiTexts() map[string][2]string {
	out := map[string][2]string{}
	for _, k := range words.Keys() {
		if key, ok := strings.CutPrefix(k, textPrefix); ok {
			out[key], _ = words.Lookup(k)
		}
	}
	return out
}

// t returns the string for key in the UI's language; a missing key shows
// itself, so it is easy to spot and the tests catch it.
func (u *UI) t(key string) string { return text(u.lang, key) }

// tf formats the string for key with args.
func (u *UI) tf(key string, args ...any) string { return fmt.Sprintf(u.t(key), args...) }

// langOf is the words language of a UI language code ("en", "nl").
func langOf(lang string) words.Lang {
	l, _ := words.ParseLang(lang)
	return l
}

// wordsIn is the renderer of facts in lang, in this computer's time zone.
func wordsIn(lang string) words.Renderer {
	return words.Renderer{Lang: langOf(lang), Loc: time.Local}
}

func text(lang, key string) string {
	v := langOf(lang).T(textPrefix + key)
	return strings.TrimPrefix(v, textPrefix)
}

func init() {
	addTexts(map[string][2]string{
		"tab.week":      {"My week", "Mijn week"},
		"tab.apps":      {"My apps", "Mijn apps"},
		"tab.sees":      {"What my parent sees", "Wat mijn ouder ziet"},
		"tab.help":      {"Get help now", "Nu hulp krijgen"},
		"tab.agreement": {"Our agreement", "Onze afspraak"},
		"tab.parent":    {"Parent", "Ouder"},
		"help.now":      {"Get help now", "Nu hulp krijgen"},
		"status.on":     {"TalkFirst is on", "TalkFirst staat aan"},
		"status.off":    {"TalkFirst is not running", "TalkFirst draait niet"},
		"status.paused": {"Paused until %s", "Gepauzeerd tot %s"},
		"error.title":   {"TalkFirst can't read its data right now", "TalkFirst kan zijn gegevens nu niet lezen"},
		"error.body": {"Nothing is lost. The data may be busy or damaged; if it was damaged, TalkFirst keeps the old file and starts a new one. Try again in a moment.",
			"Er is niets kwijt. De gegevens zijn misschien even bezet of beschadigd; bij schade bewaart TalkFirst het oude bestand en begint een nieuw. Probeer het zo nog eens."},
		"error.retry": {"Try again", "Opnieuw proberen"},
		"back":        {"Back", "Terug"},
	})
}

// langOr is "nl" for Dutch and "en" for anything else.
func langOr(lang string) string { return string(langOf(lang)) }
