package words

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/talkfirst/talkfirst/agent/catalog"
)

// Renderer puts facts into words for one reader: in one language, with
// dates in one time zone.
type Renderer struct {
	Lang Lang
	// Loc is the time zone dates are shown in; nil means time.Local.
	Loc *time.Location
	// Now is the time of reading, for leaving out this year's year; zero
	// means time.Now.
	Now time.Time
	// Teen is the teen's first name; empty says "your child".
	Teen string
}

// For returns a Renderer in lang for now, in now's time zone.
func For(lang Lang, now time.Time) Renderer {
	return Renderer{Lang: lang, Loc: now.Location(), Now: now}
}

// WithTeen returns r naming the teen name.
func (r Renderer) WithTeen(name string) Renderer {
	r.Teen = name
	return r
}

func (r Renderer) loc() *time.Location {
	if r.Loc == nil {
		return time.Local
	}
	return r.Loc
}

func (r Renderer) now() time.Time {
	if r.Now.IsZero() {
		return time.Now()
	}
	return r.Now
}

// T returns the text for key in r's language.
func (r Renderer) T(key string) string { return r.Lang.T(key) }

// F formats the text for key in r's language.
func (r Renderer) F(key string, args ...any) string { return r.Lang.F(key, args...) }

// Fact writes f as a sentence (or, for a part, a phrase). A fact that does
// not Check (an unknown code from a newer TalkFirst, arguments of the wrong
// kind) is said in general words, never as its code.
func (r Renderer) Fact(f Fact) string {
	d, ok := lookupDef(f.Code)
	if !ok || f.Check() != nil {
		return r.Lang.pick("TalkFirst noted something this version cannot show.", "TalkFirst heeft iets opgemerkt dat deze versie niet kan tonen.")
	}
	s := r.words(f, d)
	if !d.Part {
		s = Capital(s)
	}
	return s
}

// Facts writes each fact of fs.
func (r Renderer) Facts(fs []Fact) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, r.Fact(f))
	}
	return out
}

// words fills d's form for f's arguments.
func (r Renderer) words(f Fact, d Def) string {
	form := r.Lang.pick(d.EN, d.NL)
	if i := slices.IndexFunc(f.Args, func(a Arg) bool { return a.kind == KCount }); i >= 0 {
		zero, one := d.ENZero, d.ENOne
		if r.Lang.nl() {
			zero, one = d.NLZero, d.NLOne
		}
		switch n := f.Args[i].n; {
		case n == 0 && zero != "":
			form = zero
		case n == 1 && one != "":
			form = one
		}
	}
	args := make([]any, 0, len(f.Args))
	for _, a := range f.Args {
		args = append(args, r.arg(a))
	}
	if len(args) == 0 || !strings.Contains(form, "%") {
		// a plural form may leave every argument out ("In the week before, ...")
		return form
	}
	return fmt.Sprintf(form, args...)
}

// arg writes one argument.
func (r Renderer) arg(a Arg) string {
	switch a.kind {
	case KApp:
		return catalog.Name(a.s)
	case KApps:
		names := make([]string, 0, len(a.list))
		for _, id := range a.list {
			names = append(names, catalog.Name(id))
		}
		return r.List(names)
	case KAppTimes:
		items := make([]string, 0, len(a.times))
		for _, t := range a.times {
			items = append(items, fmt.Sprintf("%s (%s)", catalog.Name(t.App), r.Dur(t.Dur)))
		}
		return r.List(items)
	case KDate:
		return r.Date(a.at)
	case KDateTime:
		return r.DateTime(a.at)
	case KClock:
		return r.Clock(a.at)
	case KDays:
		return r.DayRange(a.at, a.to)
	case KDur:
		return r.Dur(a.d)
	case KSpan:
		return r.Span(a.d)
	case KCount:
		return fmt.Sprint(a.n)
	case KNight:
		return FormatNight(a.n, a.m)
	case KKeep:
		return r.Lang.Keep(a.n)
	case KText:
		return a.s
	case KTeen:
		return r.teen()
	case KFact:
		return r.part(a.facts[0])
	case KFacts:
		parts := make([]string, 0, len(a.facts))
		for _, f := range a.facts {
			parts = append(parts, r.part(f))
		}
		return r.List(parts)
	}
	return ""
}

// part writes a nested fact without a capital.
func (r Renderer) part(f Fact) string {
	d, ok := lookupDef(f.Code)
	if !ok {
		return r.Lang.pick("something this version cannot show", "iets wat deze versie niet kan tonen")
	}
	return r.words(f, d)
}

func (r Renderer) teen() string {
	if n := strings.TrimSpace(r.Teen); n != "" {
		return n
	}
	return r.Lang.pick("your child", "je kind")
}

// Capital upper-cases the first letter of s.
func Capital(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(c) {
		return s
	}
	return string(unicode.ToUpper(c)) + s[n:]
}
