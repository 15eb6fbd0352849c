package words

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Code names a kind of fact, such as "install.installed". Codes are stored
// and synced: never rename one that has shipped; add a new one.
type Code string

// Fact is something TalkFirst found, as a code and typed arguments. It
// holds no words: a Renderer makes them when the fact is shown.
//
// In JSON a fact is {"code": "install.installed", "args": [{"app":
// "telegram"}, {"date": "2026-12-04T09:30:00Z"}]}: each argument is an
// object with one key, its kind.
type Fact struct {
	Code Code  `json:"code"`
	Args []Arg `json:"args,omitempty"`
}

// New returns the fact code with args.
func New(code Code, args ...Arg) Fact { return Fact{Code: code, Args: args} }

// IsZero reports whether f is the zero Fact (no code).
func (f Fact) IsZero() bool { return f.Code == "" }

// Equal reports whether f and g have the same code and arguments; times
// are compared as instants.
func (f Fact) Equal(g Fact) bool {
	return f.Code == g.Code && slices.EqualFunc(f.Args, g.Args, Arg.Equal)
}

// String writes f for tests and logs: the code and its arguments, never
// in words: "install.installed(app:telegram, date:2026-12-04T09:30:00Z)".
func (f Fact) String() string {
	var b strings.Builder
	b.WriteString(string(f.Code))
	b.WriteByte('(')
	for i, a := range f.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.String())
	}
	b.WriteByte(')')
	return b.String()
}

// Check reports whether f's code is defined and its arguments are of the
// kinds the code takes, nested facts included.
func (f Fact) Check() error {
	d, ok := lookupDef(f.Code)
	if !ok {
		return fmt.Errorf("unknown code %q", f.Code)
	}
	if len(f.Args) != len(d.Args) {
		return fmt.Errorf("%s takes %d arguments, not %d", f.Code, len(d.Args), len(f.Args))
	}
	for i, a := range f.Args {
		if a.kind != d.Args[i] {
			return fmt.Errorf("%s argument %d is %s, not %s", f.Code, i+1, a.kind, d.Args[i])
		}
		for _, g := range a.facts {
			if err := g.Check(); err != nil {
				return fmt.Errorf("%s argument %d: %w", f.Code, i+1, err)
			}
		}
	}
	return nil
}

// Kind is the kind of an argument. The names are stored: never rename one.
type Kind string

// The argument kinds.
const (
	KApp      Kind = "app"       // a catalog app id, shown as its name
	KApps     Kind = "apps"      // catalog app ids, shown as "A, B and C"
	KAppTimes Kind = "app_times" // apps with a time each: "A (2 h), B (20 min)"
	KDate     Kind = "date"      // a calendar day: "Tuesday 24 November"
	KDateTime Kind = "datetime"  // a day and a time of day: "Tuesday 24 November 21:05"
	KClock    Kind = "clock"     // a time of day: "21:05"
	KDays     Kind = "days"      // two days in a row: "Monday 23 to Tuesday 24 November"
	KDur      Kind = "dur"       // a time of use, rounded down to minutes: "2 h 5 min"
	KSpan     Kind = "span"      // a longer stretch: "1 day 12 h"
	KCount    Kind = "n"         // a whole number; also picks the plural form
	KNight    Kind = "night"     // night hours: "22:00–06:00"
	KKeep     Kind = "keep"      // how many days data is kept: "8 weeks", "10 days"
	KText     Kind = "text"      // the family's own words (a pause reason), or an identifier
	KTeen     Kind = "teen"      // the teen's first name, from the Renderer
	KFact     Kind = "fact"      // a nested fact: a part of a sentence
	KFacts    Kind = "facts"     // nested facts, shown as a list: "a, b and c"
)

var kinds = []Kind{KApp, KApps, KAppTimes, KDate, KDateTime, KClock, KDays, KDur, KSpan, KCount, KNight, KKeep, KText, KTeen, KFact, KFacts}

// AppTime is an app with a time of use.
type AppTime struct {
	App string        `json:"app"`
	Dur time.Duration `json:"-"`
}

type appTimeJSON struct {
	App     string `json:"app"`
	Seconds int64  `json:"seconds"`
}

// Arg is one argument of a fact. Make one with the function named for its
// kind (App, Date, Dur, ...).
type Arg struct {
	kind  Kind
	s     string    // KApp, KText
	list  []string  // KApps
	times []AppTime // KAppTimes
	at    time.Time // KDate, KDateTime, KClock, KDays (first day)
	to    time.Time // KDays (second day)
	d     time.Duration
	n     int    // KCount, KKeep, KNight (start, minutes after midnight)
	m     int    // KNight (end)
	facts []Fact // KFact (one), KFacts
}

// App is a catalog app id.
func App(id string) Arg { return Arg{kind: KApp, s: id} }

// Apps are catalog app ids.
func Apps(ids ...string) Arg { return Arg{kind: KApps, list: slices.Clone(ids)} }

// AppTimes are apps with a time each.
func AppTimes(ts ...AppTime) Arg { return Arg{kind: KAppTimes, times: slices.Clone(ts)} }

// Date is the calendar day of t.
func Date(t time.Time) Arg { return Arg{kind: KDate, at: t} }

// DateTime is the day and time of day of t.
func DateTime(t time.Time) Arg { return Arg{kind: KDateTime, at: t} }

// Clock is the time of day of t.
func Clock(t time.Time) Arg { return Arg{kind: KClock, at: t} }

// Days are two days, a and b, such as the two days a night spans.
func Days(a, b time.Time) Arg { return Arg{kind: KDays, at: a, to: b} }

// Dur is a time of use.
func Dur(d time.Duration) Arg { return Arg{kind: KDur, d: d} }

// Span is a longer stretch of time, in days and hours.
func Span(d time.Duration) Arg { return Arg{kind: KSpan, d: d} }

// Count is a whole number.
func Count(n int) Arg { return Arg{kind: KCount, n: n} }

// Keep is how many days data is kept.
func Keep(days int) Arg { return Arg{kind: KKeep, n: days} }

// Night is night hours from start to end, in minutes after midnight.
func Night(start, end int) Arg { return Arg{kind: KNight, n: start, m: end} }

// Text is words the family wrote themselves (a pause reason) or an
// identifier (a flatpak id, a file name); it is shown as it is, in every
// language. Never put TalkFirst's own sentences in a Text.
func Text(s string) Arg { return Arg{kind: KText, s: s} }

// Teen is the teen's first name, filled in by the Renderer when shown.
func Teen() Arg { return Arg{kind: KTeen} }

// Part is a nested fact, shown as a part of the sentence.
func Part(f Fact) Arg { return Arg{kind: KFact, facts: []Fact{f}} }

// Parts are nested facts, shown as a list.
func Parts(fs ...Fact) Arg { return Arg{kind: KFacts, facts: slices.Clone(fs)} }

// Kind is the argument's kind.
func (a Arg) Kind() Kind { return a.kind }

// ID is the app id of a KApp argument, or the text of a KText one.
func (a Arg) ID() string { return a.s }

// IDs are the app ids of a KApps argument, or the apps of a KAppTimes one.
func (a Arg) IDs() []string {
	if a.kind == KAppTimes {
		out := make([]string, 0, len(a.times))
		for _, t := range a.times {
			out = append(out, t.App)
		}
		return out
	}
	return slices.Clone(a.list)
}

// Times are the apps and times of a KAppTimes argument.
func (a Arg) Times() []AppTime { return slices.Clone(a.times) }

// Time is the time of a KDate, KDateTime or KClock argument, or the first
// day of a KDays one.
func (a Arg) Time() time.Time { return a.at }

// Until is the second day of a KDays argument.
func (a Arg) Until() time.Time { return a.to }

// Duration is the time of a KDur or KSpan argument.
func (a Arg) Duration() time.Duration { return a.d }

// N is the number of a KCount argument, or the start of a KNight one.
func (a Arg) N() int { return a.n }

// End is the end of a KNight argument.
func (a Arg) End() int { return a.m }

// Facts are the nested facts of a KFact or KFacts argument.
func (a Arg) Facts() []Fact { return slices.Clone(a.facts) }

// Equal reports whether a and b are the same argument; times are compared
// as instants.
func (a Arg) Equal(b Arg) bool {
	return a.kind == b.kind && a.s == b.s && slices.Equal(a.list, b.list) &&
		slices.EqualFunc(a.times, b.times, func(x, y AppTime) bool { return x.App == y.App && x.Dur == y.Dur }) &&
		a.at.Equal(b.at) && a.to.Equal(b.to) && a.d == b.d && a.n == b.n && a.m == b.m &&
		slices.EqualFunc(a.facts, b.facts, Fact.Equal)
}

// String writes the argument for tests and logs.
func (a Arg) String() string {
	v, err := a.value()
	if err != nil {
		return string(a.kind) + ":?"
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if a.kind == KFact || a.kind == KFacts {
		var parts []string
		for _, f := range a.facts {
			parts = append(parts, f.String())
		}
		s = strings.Join(parts, ", ")
	}
	return string(a.kind) + ":" + strings.Trim(s, `"`)
}

// Times are stored in UTC with milliseconds, as the store keeps them.
const timeFormat = "2006-01-02T15:04:05.999Z07:00"

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// value is the JSON value of the argument, under its kind.
func (a Arg) value() (any, error) {
	switch a.kind {
	case KApp, KText:
		return a.s, nil
	case KApps:
		if a.list == nil {
			return []string{}, nil
		}
		return a.list, nil
	case KAppTimes:
		out := make([]appTimeJSON, 0, len(a.times))
		for _, t := range a.times {
			out = append(out, appTimeJSON{t.App, int64(t.Dur / time.Second)})
		}
		return out, nil
	case KDate, KDateTime, KClock:
		return fmtTime(a.at), nil
	case KDays:
		return []string{fmtTime(a.at), fmtTime(a.to)}, nil
	case KDur, KSpan:
		return int64(a.d / time.Second), nil
	case KCount, KKeep:
		return a.n, nil
	case KNight:
		return [2]int{a.n, a.m}, nil
	case KTeen:
		return true, nil
	case KFact:
		if len(a.facts) != 1 {
			return nil, errors.New("a fact argument holds one fact")
		}
		return a.facts[0], nil
	case KFacts:
		if a.facts == nil {
			return []Fact{}, nil
		}
		return a.facts, nil
	}
	return nil, fmt.Errorf("unknown argument kind %q", a.kind)
}

// MarshalJSON writes the argument as {"<kind>": value}.
func (a Arg) MarshalJSON() ([]byte, error) {
	v, err := a.value()
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[Kind]any{a.kind: v})
}

// UnmarshalJSON reads {"<kind>": value}.
func (a *Arg) UnmarshalJSON(b []byte) error {
	var m map[Kind]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("read fact argument: %w", err)
	}
	if len(m) != 1 {
		return fmt.Errorf("read fact argument: want one kind, got %d", len(m))
	}
	var (
		k   Kind
		raw json.RawMessage
	)
	for k, raw = range m {
	}
	*a = Arg{kind: k}
	str := func(dst *string) error { return json.Unmarshal(raw, dst) }
	tm := func(dst *time.Time) error {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		*dst = t
		return err
	}
	var err error
	switch k {
	case KApp, KText:
		err = str(&a.s)
	case KApps:
		err = json.Unmarshal(raw, &a.list)
	case KAppTimes:
		var ts []appTimeJSON
		if err = json.Unmarshal(raw, &ts); err == nil {
			for _, t := range ts {
				a.times = append(a.times, AppTime{App: t.App, Dur: time.Duration(t.Seconds) * time.Second})
			}
		}
	case KDate, KDateTime, KClock:
		err = tm(&a.at)
	case KDays:
		var ss [2]string
		if err = json.Unmarshal(raw, &ss); err == nil {
			if a.at, err = time.Parse(time.RFC3339Nano, ss[0]); err == nil {
				a.to, err = time.Parse(time.RFC3339Nano, ss[1])
			}
		}
	case KDur, KSpan:
		var secs int64
		err = json.Unmarshal(raw, &secs)
		a.d = time.Duration(secs) * time.Second
	case KCount, KKeep:
		err = json.Unmarshal(raw, &a.n)
	case KNight:
		var nm [2]int
		err = json.Unmarshal(raw, &nm)
		a.n, a.m = nm[0], nm[1]
	case KTeen:
	case KFact:
		var f Fact
		err = json.Unmarshal(raw, &f)
		a.facts = []Fact{f}
	case KFacts:
		err = json.Unmarshal(raw, &a.facts)
	default:
		return fmt.Errorf("read fact argument: unknown kind %q", k)
	}
	if err != nil {
		return fmt.Errorf("read fact argument %s: %w", k, err)
	}
	return nil
}

// ParseFacts reads a JSON list of facts, as Marshal writes it.
func ParseFacts(b []byte) ([]Fact, error) {
	var fs []Fact
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(&fs); err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	return fs, nil
}

// Definitions: what each code says.

// Def is what a code says: the kinds of its arguments and its words in
// each language, as fmt formats with %s for each argument (rendered to
// text first); use %[2]s to take the arguments in another order. A code
// whose sentence depends on a number has a form per case: Zero and One
// are used when the first KCount argument is 0 or 1 and they are set; a
// form that leaves an argument out names the others by index (%[1]s), and
// one may leave them all out.
type Def struct {
	Args           []Kind
	EN, NL         string
	ENOne, NLOne   string
	ENZero, NLZero string
	// Part marks words that are a part of a sentence (used through Part or
	// Parts): they are not capitalised or checked as whole sentences.
	Part bool
}

var (
	defsMu sync.RWMutex
	defs   = map[Code]Def{}
)

// Define registers what codes say. Each domain's codes are defined in one
// file of this package. A code defined twice is a programming error.
func Define(m map[Code]Def) {
	defsMu.Lock()
	defer defsMu.Unlock()
	for c, d := range m {
		if _, dup := defs[c]; dup {
			panic("words: code defined twice: " + string(c))
		}
		defs[c] = d
	}
}

func lookupDef(c Code) (Def, bool) {
	defsMu.RLock()
	defer defsMu.RUnlock()
	d, ok := defs[c]
	return d, ok
}

// Codes lists every defined code, sorted.
func Codes() []Code {
	defsMu.RLock()
	defer defsMu.RUnlock()
	out := make([]Code, 0, len(defs))
	for c := range defs {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// DefOf returns what code says.
func DefOf(c Code) (Def, bool) { return lookupDef(c) }
