package insight

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// loc is the test's time zone: fixed, so days and nights never shift.
var loc = time.FixedZone("CET", 3600)

// now0 is Tuesday 24 November 2026, noon.
var now0 = time.Date(2026, 11, 24, 12, 0, 0, 0, loc)

// Hashing a PIN costs about 0.2 s, so every test shares one agreement
// template and only changes its dates and choices.
var (
	pinOnce sync.Once
	pinHash consent.PINHash
	pinErr  error
)

// agreement is the shared template: Sam, 14, made 60 days before now0,
// ending six months after that.
func agreement(t *testing.T) consent.Agreement {
	t.Helper()
	pinOnce.Do(func() { pinHash, pinErr = consent.HashPIN("2468") })
	if pinErr != nil {
		t.Fatal(pinErr)
	}
	created := now0.AddDate(0, 0, -60)
	a := consent.New(created)
	a.Teen, a.Age, a.Country = "Sam", 14, "NL"
	a.TeenAgreed, a.ParentAgreed = created, created
	a.PIN = pinHash
	return a
}

// newStore opens a store in a temporary folder with the template agreement,
// changed by mod (when not nil).
func newStore(t *testing.T, mod func(a *consent.Agreement)) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := agreement(t)
	if mod != nil {
		mod(&a)
	}
	if err := consent.Save(context.Background(), st, a, a.Created, words.New(words.AgreementMade, words.Teen())); err != nil {
		t.Fatal(err)
	}
	return st
}

// created sets when the agreement was made.
func created(at time.Time) func(a *consent.Agreement) {
	return func(a *consent.Agreement) {
		a.Created, a.TeenAgreed, a.ParentAgreed = at, at, at
		if !a.Expires.After(at) {
			a.Expires = at.AddDate(0, 6, 0)
		}
	}
}

func dutch(a *consent.Agreement) { a.Lang = "nl" }

func fg(app string, start time.Time, d time.Duration) store.Interval {
	return store.Interval{App: app, Kind: store.Foreground, Start: start, End: start.Add(d)}
}

func running(app string, start time.Time, d time.Duration) store.Interval {
	return store.Interval{App: app, Kind: store.Running, Start: start, End: start.Add(d)}
}

func addIntervals(t *testing.T, st *store.Store, ivs ...store.Interval) {
	t.Helper()
	if len(ivs) == 0 {
		return
	}
	if err := st.AddIntervals(context.Background(), ivs); err != nil {
		t.Fatal(err)
	}
}

func install(t *testing.T, st *store.Store, app string, at time.Time) {
	t.Helper()
	if _, err := st.AddChange(context.Background(), store.Change{App: app, Change: store.Installed, At: at}); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, st *store.Store, app string, at time.Time) {
	t.Helper()
	if _, err := st.AddChange(context.Background(), store.Change{App: app, Change: store.Removed, At: at}); err != nil {
		t.Fatal(err)
	}
}

func event(t *testing.T, st *store.Store, kind store.EventKind, start, end time.Time, reason string) {
	t.Helper()
	if _, err := st.AddEvent(context.Background(), store.Event{Kind: kind, Start: start, End: end, Reason: reason}); err != nil {
		t.Fatal(err)
	}
}

func measurement(t *testing.T, st *store.Store, fg string) {
	t.Helper()
	v, _ := json.Marshal(store.Measurement{Foreground: fg})
	if err := st.Put(context.Background(), store.KeyMeasurement, v); err != nil {
		t.Fatal(err)
	}
}

func evaluate(t *testing.T, st *store.Store, now time.Time) []Prompt {
	t.Helper()
	ps, err := Evaluate(context.Background(), st, now)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return ps
}

// only returns the prompts of one rule.
func only(ps []Prompt, rule string) []Prompt {
	var out []Prompt
	for _, p := range ps {
		if p.Rule == rule {
			out = append(out, p)
		}
	}
	return out
}

func rulesOf(ps []Prompt) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Rule+":"+strings.Join(p.Apps, "+"))
	}
	return out
}

// hasLine reports whether some evidence line contains want.
func hasLine(p Prompt, want string) bool {
	return slices.ContainsFunc(p.Evidence, func(l string) bool { return strings.Contains(l, want) })
}

// hasFact reports whether p's evidence has the fact want.
func hasFact(p Prompt, want words.Fact) bool { return slices.ContainsFunc(p.Facts, want.Equal) }

// checkFacts fails unless p's evidence is exactly want.
func checkFacts(t *testing.T, p Prompt, want ...words.Fact) {
	t.Helper()
	if !slices.EqualFunc(p.Facts, want, words.Fact.Equal) {
		t.Errorf("%s evidence:\n got  %v\n want %v", p.Rule, p.Facts, want)
	}
}

// The parts that say what a figure measured.
var (
	inFront   = words.Measured(false)
	onlyOpen  = words.Measured(true)
	teen      = words.Teen()
	hopWindow = words.Count(30)
)

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
