// Package consent is the family agreement: who the teen is, what was agreed
// (night hours, how long data is kept, what counts), when both agreed, when it
// expires, and the parent's PIN, hashed with argon2id. Nothing is recorded
// until an agreement exists, and a change that widens collection needs the
// teen's agreement again (see Diff).
package consent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Defaults of a new agreement.
const (
	DefaultRetentionDays = 8 * 7
	DefaultMonths        = 6
	MinAge, MaxAge       = 8, 17
)

// Agreement is what the family agreed together.
type Agreement struct {
	Teen    string `json:"teen"`    // first name
	Age     int    `json:"age"`     // at setup
	Country string `json:"country"` // ISO 3166 alpha-2, upper case
	Lang    string `json:"lang"`    // en or nl
	// Night is when late-night use is noticed (default 22:00–06:00).
	Night store.NightHours `json:"night"`
	// RetentionDays is how long collected data is kept (default 8 weeks).
	RetentionDays int `json:"retention_days"`
	// SchoolWorkPrompts: new school and work apps (Teams, Slack, Zoom) get a
	// gentle prompt; off means none.
	SchoolWorkPrompts bool `json:"school_work_prompts"`
	// TeenAgreed and ParentAgreed are when each said yes.
	TeenAgreed   time.Time `json:"teen_agreed"`
	ParentAgreed time.Time `json:"parent_agreed"`
	Created      time.Time `json:"created"`
	Expires      time.Time `json:"expires"`
	PIN          PINHash   `json:"pin"`
}

// New returns an agreement with the defaults filled in, made at now.
func New(now time.Time) Agreement {
	return Agreement{
		Lang:              "en",
		Night:             store.DefaultNight,
		RetentionDays:     DefaultRetentionDays,
		SchoolWorkPrompts: true,
		Created:           now,
		Expires:           now.AddDate(0, DefaultMonths, 0),
	}
}

var countryRe = regexp.MustCompile(`^[A-Z]{2}$`)

// Validate checks that the agreement is complete and both have agreed.
// Each thing wrong is an InvalidError (so errors.Is(err, ErrInvalid)), all
// of them joined; Problems lists them.
func (a Agreement) Validate() error {
	var errs []error
	bad := func(code words.Code, args ...words.Arg) { errs = append(errs, InvalidError{words.New(code, args...)}) }
	name := strings.TrimSpace(a.Teen)
	switch {
	case name == "":
		bad(words.InvalidTeenMissing)
	case utf8.RuneCountInString(name) > 40 || strings.ContainsAny(name, "\n\r\t"):
		bad(words.InvalidTeenName)
	}
	if a.Age < MinAge || a.Age > MaxAge {
		bad(words.InvalidAge, words.Count(a.Age), words.Count(MinAge), words.Count(MaxAge))
	}
	if !countryRe.MatchString(a.Country) {
		bad(words.InvalidCountry, words.Text(a.Country))
	}
	if a.Lang != "en" && a.Lang != "nl" {
		bad(words.InvalidLang, words.Text(a.Lang))
	}
	if !validMinute(a.Night.Start) || !validMinute(a.Night.End) || a.Night.Start == a.Night.End {
		bad(words.InvalidNight)
	}
	if a.RetentionDays < minRetentionDays || a.RetentionDays > maxRetentionDays {
		bad(words.InvalidRetention, words.Count(a.RetentionDays), words.Count(minRetentionDays), words.Count(maxRetentionDays))
	}
	if a.TeenAgreed.IsZero() {
		bad(words.InvalidTeenAgreed)
	}
	if a.ParentAgreed.IsZero() {
		bad(words.InvalidParentAgreed)
	}
	if !a.Expires.After(a.Created) {
		bad(words.InvalidExpires)
	}
	if a.PIN.IsZero() {
		bad(words.InvalidPINMissing)
	}
	return errors.Join(errs...)
}

// How long data may be kept, in days.
const minRetentionDays, maxRetentionDays = 7, 366

// ErrInvalid is what every InvalidError is (errors.Is): an agreement that
// Validate refuses, or a PIN that CheckPINRules refuses.
var ErrInvalid = errors.New("the agreement is not valid")

// InvalidError is one thing wrong with an agreement or a new PIN, as a
// words.Invalid* fact, so that it is said in the reader's language; Error
// says it in English.
type InvalidError struct{ Fact words.Fact }

func (e InvalidError) Error() string { return words.Renderer{Lang: words.EN}.Fact(e.Fact) }

// Is makes every InvalidError an ErrInvalid.
func (e InvalidError) Is(target error) bool { return target == ErrInvalid }

// Problems are the facts of the InvalidErrors in err (from Validate, Save,
// CheckPINRules or HashPIN, wrapped or joined), in order; none when err has
// none.
func Problems(err error) []words.Fact {
	var out []words.Fact
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case InvalidError:
			out = append(out, e.Fact)
		case interface{ Unwrap() []error }:
			for _, err := range e.Unwrap() {
				walk(err)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	walk(err)
	return out
}

func validMinute(m int) bool { return m >= 0 && m < 24*60 }

// AgeBand is the guide age band for the teen's age now: "8-12" or "13-17".
// The age grows by a year on each anniversary of the agreement.
func (a Agreement) AgeBand(now time.Time) string {
	if a.AgeAt(now) <= 12 {
		return "8-12"
	}
	return "13-17"
}

// AgeAt estimates the teen's age at t from the age given at setup.
func (a Agreement) AgeAt(t time.Time) int {
	age := a.Age
	for y := a.Created.AddDate(1, 0, 0); !y.After(t); y = y.AddDate(1, 0, 0) {
		age++
	}
	return age
}

// Expired reports whether the agreement has run out at now.
func (a Agreement) Expired(now time.Time) bool { return !now.Before(a.Expires) }

// Retention is how long collected data is kept.
func (a Agreement) Retention() time.Duration { return time.Duration(a.RetentionDays) * 24 * time.Hour }

// ErrNoAgreement means the family has not made an agreement yet.
var ErrNoAgreement = errors.New("no family agreement yet")

// Load reads the agreement from the store.
func Load(ctx context.Context, st *store.Store) (Agreement, error) {
	v, ok, err := st.Get(ctx, store.KeyAgreement)
	if err != nil {
		return Agreement{}, err
	}
	if !ok {
		return Agreement{}, ErrNoAgreement
	}
	var a Agreement
	if err := json.Unmarshal(v, &a); err != nil {
		return Agreement{}, fmt.Errorf("read agreement: %w", err)
	}
	return a, nil
}

// Save validates and stores the agreement, and records that it was made or
// changed, and why (a words.Agreement* fact).
func Save(ctx context.Context, st *store.Store, a Agreement, now time.Time, why words.Fact) error {
	if err := a.Validate(); err != nil {
		return err
	}
	v, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if err := st.Put(ctx, store.KeyAgreement, v); err != nil {
		return err
	}
	_, err = st.AddEvent(ctx, store.Event{Kind: store.EventAgreement, Start: now, Why: why})
	return err
}

// End deletes the agreement (collected data is deleted separately with Forget).
func End(ctx context.Context, st *store.Store, now time.Time) error {
	if err := st.Delete(ctx, store.KeyAgreement); err != nil {
		return err
	}
	_, err := st.AddEvent(ctx, store.Event{Kind: store.EventAgreement, Start: now, Why: words.New(words.AgreementEnded)})
	return err
}

// Field names a setting of the agreement.
type Field string

// The agreement's settings, as Diff names them.
const (
	FieldNight     Field = "night"
	FieldRetention Field = "retention"
	FieldSchool    Field = "school_work_prompts"
	FieldExpires   Field = "expires"
	FieldCountry   Field = "country"
	FieldLang      Field = "lang"
	FieldTeen      Field = "teen"
)

// Change is one difference between two agreements.
type Change struct {
	Field Field `json:"field"`
	// Widens is set when the change collects more, keeps it longer or shows
	// more: the teen must agree again.
	Widens bool `json:"widens"`
	// what is the change as a words.Setting* fact
	what words.Fact
}

// Fact says what changes, as a words.Setting* fact, marked with
// words.SettingNeedsYes when it widens the agreement.
func (c Change) Fact() words.Fact {
	if c.Widens {
		return words.New(words.SettingNeedsYes, words.Part(c.what))
	}
	return c.what
}

// Diff lists what changes from old to new.
func Diff(old, new Agreement) []Change {
	var out []Change
	add := func(field Field, changed, widens bool, what words.Fact) {
		if changed {
			out = append(out, Change{Field: field, Widens: widens, what: what})
		}
	}
	add(FieldNight, old.Night != new.Night, nightLonger(old.Night, new.Night),
		words.New(words.SettingNight, words.Night(old.Night.Start, old.Night.End), words.Night(new.Night.Start, new.Night.End)))
	add(FieldRetention, old.RetentionDays != new.RetentionDays, new.RetentionDays > old.RetentionDays,
		words.New(words.SettingRetention, words.Keep(old.RetentionDays), words.Keep(new.RetentionDays)))
	school := words.New(words.SettingSchoolOff)
	if new.SchoolWorkPrompts {
		school = words.New(words.SettingSchoolOn)
	}
	add(FieldSchool, old.SchoolWorkPrompts != new.SchoolWorkPrompts, new.SchoolWorkPrompts, school)
	add(FieldExpires, !sameDay(old.Expires, new.Expires), new.Expires.After(old.Expires),
		words.New(words.SettingExpires, words.Date(old.Expires), words.Date(new.Expires)))
	add(FieldCountry, old.Country != new.Country, false, words.New(words.SettingCountry, words.Text(old.Country), words.Text(new.Country)))
	add(FieldLang, old.Lang != new.Lang, false, words.New(words.SettingLang,
		words.Part(words.New(words.LanguageCode(langOf(old.Lang)))), words.Part(words.New(words.LanguageCode(langOf(new.Lang))))))
	add(FieldTeen, old.Teen != new.Teen, false, words.New(words.SettingTeen, words.Text(old.Teen), words.Text(new.Teen)))
	return out
}

// Facts are the changes as facts, for the agreement's event.
func Facts(changes []Change) []words.Fact {
	out := make([]words.Fact, 0, len(changes))
	for _, c := range changes {
		out = append(out, c.Fact())
	}
	return out
}

// sameDay reports whether a and b are the same calendar day where they
// were set.
func sameDay(a, b time.Time) bool {
	return a.Format(time.DateOnly) == b.Format(time.DateOnly)
}

// Widens reports whether any change needs the teen's agreement again.
func Widens(changes []Change) bool {
	for _, c := range changes {
		if c.Widens {
			return true
		}
	}
	return false
}

func nightLen(n store.NightHours) int {
	if n.End > n.Start {
		return n.End - n.Start
	}
	return 24*60 - n.Start + n.End
}

// nightLonger: more of the day counted as night means more late-night prompts.
func nightLonger(old, new store.NightHours) bool { return nightLen(new) > nightLen(old) }

// FormatNight writes night hours as "22:00–06:00".
func FormatNight(n store.NightHours) string { return words.FormatNight(n.Start, n.End) }

// langOf is the words language of an agreement's language code.
func langOf(code string) words.Lang {
	l, _ := words.ParseLang(code)
	return l
}

var nightRe = regexp.MustCompile(`^\s*([01]?\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]?\d|2[0-3]):([0-5]\d)\s*$`)

// ParseNight reads night hours written as "22:00-06:00".
func ParseNight(s string) (store.NightHours, error) {
	m := nightRe.FindStringSubmatch(s)
	if m == nil {
		return store.NightHours{}, fmt.Errorf("night hours %q are not written like 22:00-06:00", s)
	}
	var h1, m1, h2, m2 int
	fmt.Sscan(m[1], &h1)
	fmt.Sscan(m[2], &m1)
	fmt.Sscan(m[3], &h2)
	fmt.Sscan(m[4], &m2)
	n := store.NightHours{Start: h1*60 + m1, End: h2*60 + m2}
	if n.Start == n.End {
		return n, fmt.Errorf("night hours %q start and end at the same time", s)
	}
	return n, nil
}
