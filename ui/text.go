package ui

import (
	"fmt"
	"sync"
)

// Every user-visible string, in English and Dutch. Each screen file adds its
// own strings in an init function with addTexts, so screens can be written
// side by side. Keys are "screen.thing".
var (
	textsMu sync.Mutex
	texts   = map[string][2]string{}
)

// addTexts registers strings as key: {en, nl}. A key registered twice is a
// programming error caught by TestTextsComplete.
func addTexts(m map[string][2]string) {
	textsMu.Lock()
	defer textsMu.Unlock()
	for k, v := range m {
		if _, dup := texts[k]; dup {
			panic("ui: text key registered twice: " + k)
		}
		texts[k] = v
	}
}

// t returns the string for key in the UI's language; a missing key shows
// itself, so it is easy to spot and the tests catch it.
func (u *UI) t(key string) string { return text(u.lang, key) }

// tf formats the string for key with args.
func (u *UI) tf(key string, args ...any) string { return fmt.Sprintf(u.t(key), args...) }

func text(lang, key string) string {
	textsMu.Lock()
	v, ok := texts[key]
	textsMu.Unlock()
	if !ok {
		return key
	}
	if lang == "nl" && v[1] != "" {
		return v[1]
	}
	return v[0]
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
