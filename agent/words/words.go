// Package words is where TalkFirst's user-facing words are made, in English
// and Dutch. Nothing else writes a sentence that a person reads:
//
//   - Facts: what the agent and the rules find (a prompt's evidence, why
//     time in front is unavailable, a gap, a notice, an install) is kept as
//     a Fact, a Code with typed arguments (app ids, times, durations,
//     counts). A Fact is put into words only when it is shown, in the
//     language chosen then, by a Renderer. Facts are stored, synced and
//     compared as codes, never as text.
//   - Texts: the fixed words of the screens and the command line, by key.
//     Each screen or command registers its own texts with Add, beside the
//     code that shows them; Lang.T looks them up.
//   - Formats: dates, times of day, durations and lists, in one way per
//     language, for the app and the command line alike.
//
// The Glossary fixes one term per concept in each language (one Dutch word
// for a conversation prompt), and Check finds a registered text or code
// that is missing a language or uses another term.
package words

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
)

// Lang is a language TalkFirst speaks: EN or NL. Any other value is
// spoken as English.
type Lang string

// The languages.
const (
	EN Lang = "en"
	NL Lang = "nl"
)

// Langs lists every language, English first.
var Langs = []Lang{EN, NL}

// ParseLang reads "en" or "nl" (any case, with or without a region such as
// nl_BE.UTF-8); ok is false for anything else.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, l := range Langs {
		if s == string(l) || strings.HasPrefix(s, string(l)+"_") || strings.HasPrefix(s, string(l)+"-") || strings.HasPrefix(s, string(l)+".") {
			return l, true
		}
	}
	return EN, false
}

// Known reports whether l is one of Langs.
func (l Lang) Known() bool { return slices.Contains(Langs, l) }

// Or returns l when it is known, else def.
func (l Lang) Or(def Lang) Lang {
	if l.Known() {
		return l
	}
	return def
}

// nl reports whether l is Dutch; everything else is English.
func (l Lang) nl() bool { return l == NL }

// pick returns the text of l from an English and a Dutch one.
func (l Lang) pick(en, nl string) string {
	if l.nl() && nl != "" {
		return nl
	}
	return en
}

// System is the language of this user's session: Dutch when the first of
// LC_ALL, LC_MESSAGES and LANG that is set (then LANGUAGE) starts with
// "nl", else English. getenv nil means os.Getenv.
func System(getenv func(string) string) Lang {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		if v := getenv(k); v != "" && v != "C" && v != "POSIX" {
			// LANGUAGE is a list such as "nl:en"
			l, _ := ParseLang(strings.SplitN(v, ":", 2)[0])
			return l
		}
	}
	return EN
}

// Texts: fixed words by key.

var (
	textsMu sync.RWMutex
	texts   = map[string][2]string{}
)

// Add registers texts as key: {English, Dutch}. Keys are "screen.thing" or
// "command.thing". A key added twice is a programming error: Add panics, so
// the package's tests fail at once.
func Add(m map[string][2]string) {
	textsMu.Lock()
	defer textsMu.Unlock()
	for k, v := range m {
		if _, dup := texts[k]; dup {
			panic("words: text key added twice: " + k)
		}
		texts[k] = v
	}
}

// T returns the text for key in l. A missing key shows itself, so it is
// easy to spot, and Check reports it.
func (l Lang) T(key string) string {
	textsMu.RLock()
	v, ok := texts[key]
	textsMu.RUnlock()
	if !ok {
		return key
	}
	return l.pick(v[0], v[1])
}

// F formats the text for key in l with args, as fmt.Sprintf does.
func (l Lang) F(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Has reports whether key is registered.
func Has(key string) bool {
	textsMu.RLock()
	defer textsMu.RUnlock()
	_, ok := texts[key]
	return ok
}

// Keys lists the registered text keys, sorted.
func Keys() []string {
	textsMu.RLock()
	defer textsMu.RUnlock()
	out := make([]string, 0, len(texts))
	for k := range texts {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Lookup returns the English and Dutch of key.
func Lookup(key string) ([2]string, bool) {
	textsMu.RLock()
	defer textsMu.RUnlock()
	v, ok := texts[key]
	return v, ok
}
