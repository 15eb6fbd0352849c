package words

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Term is one concept's word in each language, and the words that must
// not be used for it: a parent and a teen read the same word for the same
// thing, on every screen and on the command line.
type Term struct {
	Concept string
	EN, NL  string
	// AvoidEN and AvoidNL are other words for the concept (matched as whole
	// words, in any case).
	AvoidEN, AvoidNL []string
}

// Glossary is the one term per concept.
var Glossary = []Term{
	{Concept: "a conversation prompt", EN: "conversation prompt", NL: "gespreksidee",
		AvoidEN: []string{"alert", "alerts", "warning", "warnings"}, AvoidNL: []string{"melding", "meldingen", "waarschuwing", "waarschuwingen", "signaal", "signalen"}},
	{Concept: "time the app was in front", EN: "in front", NL: "vooraan",
		AvoidEN: []string{"foreground"}, AvoidNL: []string{"voorgrond", "voorgrondtijd", "op de voorgrond"}},
	{Concept: "time the app was open", EN: "running", NL: "open",
		AvoidNL: []string{"draaiend", "actief open", "alleen open"}},
	{Concept: "the family agreement", EN: "agreement", NL: "afspraak",
		AvoidEN: []string{"contract", "consent form"}, AvoidNL: []string{"overeenkomst", "contract", "toestemmingsformulier"}},
	{Concept: "the parent's secret number", EN: "PIN", NL: "pincode",
		AvoidEN: []string{"password", "passcode"}, AvoidNL: []string{"wachtwoord", "toegangscode"}},
	{Concept: "a guide for parents", EN: "guide", NL: "gids",
		AvoidNL: []string{"handleiding", "leidraad"}},
}

func wordRe(w string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(^|[^\pL])` + regexp.QuoteMeta(w) + `($|[^\pL])`)
}

// avoided returns the glossary words s uses that it must not, in lang.
func avoided(lang Lang, s string) []string {
	var out []string
	for _, t := range Glossary {
		list := t.AvoidEN
		if lang == NL {
			list = t.AvoidNL
		}
		for _, w := range list {
			if wordRe(w).MatchString(s) {
				out = append(out, fmt.Sprintf("%q (say %q for %s)", w, lang.pick(t.EN, t.NL), t.Concept))
			}
		}
	}
	return out
}

// Check finds what is wrong with the registered texts and codes: a missing
// or empty language, a code whose words do not take its arguments, and a
// word the Glossary says to avoid. Each package that registers texts runs
// it in a test, so a missing translation fails.
func Check() []error {
	textsMu.RLock()
	ts := make(map[string][2]string, len(texts))
	for k, v := range texts {
		ts[k] = v
	}
	textsMu.RUnlock()
	defsMu.RLock()
	ds := make(map[Code]Def, len(defs))
	for c, d := range defs {
		ds[c] = d
	}
	defsMu.RUnlock()
	return append(checkTexts(ts), checkDefs(ds)...)
}

func checkTexts(ts map[string][2]string) []error {
	var errs []error
	for _, k := range sortedKeys(ts) {
		v := ts[k]
		for i, l := range Langs {
			if strings.TrimSpace(v[i]) == "" {
				errs = append(errs, fmt.Errorf("text %s has no %s", k, l))
				continue
			}
			for _, a := range avoided(l, v[i]) {
				errs = append(errs, fmt.Errorf("text %s (%s) uses %s", k, l, a))
			}
		}
	}
	return errs
}

// checkDefs renders every code in ds with sample arguments, in every
// language and for the counts 0, 1 and 2. Nested facts in samples use
// codeSamplePart, which is always defined.
func checkDefs(ds map[Code]Def) []error {
	var errs []error
	for _, c := range sortedKeys(ds) {
		d := ds[c]
		if (d.ENOne == "") != (d.NLOne == "") || (d.ENZero == "") != (d.NLZero == "") {
			errs = append(errs, fmt.Errorf("code %s has a plural form in one language only", c))
		}
		args := make([]Arg, 0, len(d.Args))
		for _, k := range d.Args {
			args = append(args, Sample(k))
		}
		for _, l := range Langs {
			if strings.TrimSpace(map[Lang]string{EN: d.EN, NL: d.NL}[l]) == "" {
				errs = append(errs, fmt.Errorf("code %s has no %s", c, l))
				continue
			}
			r := Renderer{Lang: l, Loc: time.UTC, Now: sampleNow, Teen: "Sam"}
			for _, n := range []int{0, 1, 2} {
				s := r.words(New(c, withCount(args, n)...), d)
				if strings.Contains(s, "%!") || strings.Contains(s, "%[") {
					errs = append(errs, fmt.Errorf("code %s (%s) does not take its arguments: %s", c, l, s))
					break
				}
				for _, a := range avoided(l, s) {
					errs = append(errs, fmt.Errorf("code %s (%s) uses %s", c, l, a))
				}
			}
		}
	}
	return errs
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// withCount returns args with every KCount argument set to n.
func withCount(args []Arg, n int) []Arg {
	out := make([]Arg, len(args))
	for i, a := range args {
		if a.kind == KCount {
			a = Count(n)
		}
		out[i] = a
	}
	return out
}

// sampleNow is the time the samples are read at.
var sampleNow = time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)

// Sample returns an argument of kind k with a made-up value, for tests
// that render every code.
func Sample(k Kind) Arg {
	day := time.Date(2026, 11, 24, 21, 5, 0, 0, time.UTC)
	switch k {
	case KApp:
		return App("discord")
	case KApps:
		return Apps("discord", "minecraft")
	case KAppTimes:
		return AppTimes(AppTime{"minecraft", 2*time.Hour + 5*time.Minute}, AppTime{"roblox", 20 * time.Minute})
	case KDate:
		return Date(day)
	case KDateTime:
		return DateTime(day)
	case KClock:
		return Clock(day)
	case KDays:
		return Days(day, day.AddDate(0, 0, 1))
	case KDur:
		return Dur(95 * time.Minute)
	case KSpan:
		return Span(36 * time.Hour)
	case KCount:
		return Count(2)
	case KNight:
		return Night(22*60, 6*60)
	case KKeep:
		return Keep(56)
	case KText:
		return Text("exam week")
	case KTeen:
		return Teen()
	case KFact:
		return Part(New(codeSamplePart))
	case KFacts:
		return Parts(New(codeSamplePart), New(codeSamplePart))
	}
	return Arg{kind: k}
}

// codeSamplePart is the nested fact of samples.
const codeSamplePart Code = "sample.part"

func init() {
	Define(map[Code]Def{
		codeSamplePart: {Part: true, EN: "something else", NL: "iets anders"},
	})
}
