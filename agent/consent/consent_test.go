package consent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

var t0 = time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)

func valid(t *testing.T) Agreement {
	t.Helper()
	a := New(t0)
	a.Teen, a.Age, a.Country = "Sam", 14, "NL"
	a.TeenAgreed, a.ParentAgreed = t0, t0
	a.PIN = testPIN
	return a
}

var testPIN = func() PINHash {
	h, err := HashPIN("2468")
	if err != nil {
		panic(err)
	}
	return h
}()

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Agreement)
		code   words.Code // the one problem; "" means valid
		want   string     // the English of it
	}{
		{"complete", func(a *Agreement) {}, "", ""},
		{"no name", func(a *Agreement) { a.Teen = "  " }, words.InvalidTeenMissing, "the teen's first name is missing"},
		{"name with a line break", func(a *Agreement) { a.Teen = "Sam\nSem" }, words.InvalidTeenName, "the first name is too long or has line breaks"},
		{"age 7", func(a *Agreement) { a.Age = 7 }, words.InvalidAge, "age 7 is outside 8 to 17, the ages TalkFirst is made for"},
		{"age 8", func(a *Agreement) { a.Age = 8 }, "", ""},
		{"age 17", func(a *Agreement) { a.Age = 17 }, "", ""},
		{"age 18", func(a *Agreement) { a.Age = 18 }, words.InvalidAge, "age 18 is outside 8 to 17"},
		{"country lower", func(a *Agreement) { a.Country = "nl" }, words.InvalidCountry, `country "nl" is not a two-letter country code such as NL, GB or US`},
		{"lang de", func(a *Agreement) { a.Lang = "de" }, words.InvalidLang, `language "de" is not en or nl`},
		{"night of no hours", func(a *Agreement) { a.Night.End = a.Night.Start }, words.InvalidNight, "night hours must be two different times of day"},
		{"teen did not agree", func(a *Agreement) { a.TeenAgreed = time.Time{} }, words.InvalidTeenAgreed, "the teen has not agreed"},
		{"parent did not agree", func(a *Agreement) { a.ParentAgreed = time.Time{} }, words.InvalidParentAgreed, "the parent has not agreed"},
		{"no pin", func(a *Agreement) { a.PIN = PINHash{} }, words.InvalidPINMissing, "no parent PIN is set"},
		{"retention 6 days", func(a *Agreement) { a.RetentionDays = 6 }, words.InvalidRetention, "keeping data for 6 days is outside 7 to 366"},
		{"expired at creation", func(a *Agreement) { a.Expires = a.Created }, words.InvalidExpires, "the agreement must expire after it is made"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := valid(t)
			tc.change(&a)
			err := a.Validate()
			if tc.code == "" {
				if err != nil {
					t.Errorf("unexpected error: %v", err)
				}
				return
			}
			ps := Problems(err)
			if !errors.Is(err, ErrInvalid) || len(ps) != 1 || ps[0].Code != tc.code || ps[0].Check() != nil {
				t.Fatalf("error %v, problems %v; want an ErrInvalid with the one problem %s", err, ps, tc.code)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q, want one containing %q", err, tc.want)
			}
		})
	}
}

// Every problem is listed, in order, through wrapping; each can be said in
// Dutch; a PIN's rules are problems of the same kind.
func TestProblems(t *testing.T) {
	t.Parallel()
	a := valid(t)
	a.Age, a.Country, a.PIN = 30, "Narnia", PINHash{}
	err := fmt.Errorf("save: %w", a.Validate())
	var got []words.Code
	for _, p := range Problems(err) {
		got = append(got, p.Code)
	}
	if want := []words.Code{words.InvalidAge, words.InvalidCountry, words.InvalidPINMissing}; !slices.Equal(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	nl := words.Renderer{Lang: words.NL}
	if s := nl.Fact(Problems(err)[0]); s != "leeftijd 30 valt buiten 8 tot en met 17, de leeftijden waarvoor TalkFirst is gemaakt" {
		t.Errorf("in Dutch: %q", s)
	}
	for _, tc := range []struct {
		pin  string
		code words.Code
		want string
	}{
		{"123", words.InvalidPINShort, "the PIN needs at least 4 characters"},
		{strings.Repeat("9", MaxPIN+1), words.InvalidPINLong, "the PIN can have at most 64 characters"},
	} {
		_, err := HashPIN(tc.pin)
		ps := Problems(err)
		if !errors.Is(err, ErrInvalid) || len(ps) != 1 || ps[0].Code != tc.code || err.Error() != tc.want {
			t.Errorf("HashPIN of %d characters: %v (%v); want %s, %q", len(tc.pin), err, ps, tc.code, tc.want)
		}
	}
	if ps := Problems(errors.New("disk full")); len(ps) != 0 {
		t.Errorf("problems of another error: %v", ps)
	}
}

func TestDefaults(t *testing.T) {
	a := New(t0)
	if a.Night != store.DefaultNight || a.RetentionDays != 56 || !a.Expires.Equal(t0.AddDate(0, 6, 0)) {
		t.Errorf("defaults = %+v", a)
	}
}

func TestPIN(t *testing.T) {
	if !testPIN.Verify("2468") {
		t.Error("the right PIN was refused")
	}
	for _, wrong := range []string{"2469", "", "24680", "2468 "} {
		if testPIN.Verify(wrong) {
			t.Errorf("wrong PIN %q accepted", wrong)
		}
	}
	if _, err := HashPIN("123"); err == nil {
		t.Error("a 3-character PIN was accepted")
	}
	if (PINHash{}).Verify("") {
		t.Error("an empty hash verified")
	}
}

func TestPINGateLocksAfterFiveWrongAndRemembers(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir, nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a := valid(t)
	now := t0
	for i := 1; i <= 4; i++ {
		if err := CheckPIN(ctx, st, a, "0000", now); !errors.Is(err, ErrWrongPIN) {
			t.Fatalf("attempt %d: %v, want ErrWrongPIN", i, err)
		}
	}
	if err := CheckPIN(ctx, st, a, "0000", now); !errors.Is(err, ErrWrongPIN) {
		t.Fatalf("attempt 5: %v", err)
	}
	// locked now, even for the right PIN, and across a reopen of the store
	st.Close()
	st, err = store.Open(dir, nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var locked ErrLocked
	if err := CheckPIN(ctx, st, a, "2468", now.Add(29*time.Second)); !errors.As(err, &locked) {
		t.Fatalf("during the lock: %v, want ErrLocked", err)
	}
	if err := CheckPIN(ctx, st, a, "2468", now.Add(30*time.Second)); err != nil {
		t.Fatalf("after the lock, the right PIN: %v", err)
	}
	// a success resets the count
	for i := 1; i <= 4; i++ {
		if err := CheckPIN(ctx, st, a, "0000", now.Add(time.Minute)); !errors.Is(err, ErrWrongPIN) {
			t.Fatalf("after reset, attempt %d: %v", i, err)
		}
	}
}

func TestDiffSaysWhatChangesAndWhatWidens(t *testing.T) {
	old := valid(t)
	n22, n6 := old.Night.Start, old.Night.End
	tests := []struct {
		name   string
		change func(old, new *Agreement)
		field  Field
		widens bool
		want   words.Fact // without the needs-a-yes mark
	}{
		{"keep longer", func(_, a *Agreement) { a.RetentionDays = 90 }, FieldRetention, true,
			words.New(words.SettingRetention, words.Keep(old.RetentionDays), words.Keep(90))},
		{"keep shorter", func(_, a *Agreement) { a.RetentionDays = 28 }, FieldRetention, false,
			words.New(words.SettingRetention, words.Keep(old.RetentionDays), words.Keep(28))},
		{"longer night", func(_, a *Agreement) { a.Night = store.NightHours{Start: 21 * 60, End: 7 * 60} }, FieldNight, true,
			words.New(words.SettingNight, words.Night(n22, n6), words.Night(21*60, 7*60))},
		{"shorter night", func(_, a *Agreement) { a.Night = store.NightHours{Start: 23 * 60, End: 6 * 60} }, FieldNight, false,
			words.New(words.SettingNight, words.Night(n22, n6), words.Night(23*60, 6*60))},
		{"school prompts on", func(o, a *Agreement) { o.SchoolWorkPrompts = false; a.SchoolWorkPrompts = true }, FieldSchool, true,
			words.New(words.SettingSchoolOn)},
		{"school prompts off", func(o, a *Agreement) { o.SchoolWorkPrompts = true; a.SchoolWorkPrompts = false }, FieldSchool, false,
			words.New(words.SettingSchoolOff)},
		{"extend", func(_, a *Agreement) { a.Expires = a.Expires.AddDate(0, 1, 0) }, FieldExpires, true,
			words.New(words.SettingExpires, words.Date(old.Expires), words.Date(old.Expires.AddDate(0, 1, 0)))},
		{"language", func(_, a *Agreement) { a.Lang = "nl" }, FieldLang, false,
			words.New(words.SettingLang, words.Part(words.New(words.LanguageEN)), words.Part(words.New(words.LanguageNL)))},
		{"name", func(_, a *Agreement) { a.Teen = "Sem" }, FieldTeen, false,
			words.New(words.SettingTeen, words.Text("Sam"), words.Text("Sem"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := valid(t)
			n := o
			tc.change(&o, &n)
			d := Diff(o, n)
			if len(d) != 1 {
				t.Fatalf("Diff = %v, want one change", d)
			}
			want := tc.want
			if tc.widens {
				want = words.New(words.SettingNeedsYes, words.Part(tc.want))
			}
			if d[0].Field != tc.field || Widens(d) != tc.widens || !d[0].Fact().Equal(want) {
				t.Errorf("change %s widens=%v %s; want %s widens=%v %s", d[0].Field, Widens(d), d[0].Fact(), tc.field, tc.widens, want)
			}
		})
	}
	if d := Diff(old, old); len(d) != 0 {
		t.Errorf("Diff of an agreement with itself = %v", d)
	}
}

func TestParseNight(t *testing.T) {
	tests := []struct {
		in      string
		want    store.NightHours
		wantErr bool
	}{
		{"22:00-06:00", store.NightHours{Start: 1320, End: 360}, false},
		{"21:30–7:15", store.NightHours{Start: 1290, End: 435}, false},
		{"22:00-22:00", store.NightHours{}, true},
		{"25:00-06:00", store.NightHours{}, true},
		{"late", store.NightHours{}, true},
	}
	for _, tc := range tests {
		got, err := ParseNight(tc.in)
		if (err != nil) != tc.wantErr || (!tc.wantErr && got != tc.want) {
			t.Errorf("ParseNight(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestAgeBandGrowsWithTheAgreement(t *testing.T) {
	a := valid(t)
	a.Age = 12
	if got := a.AgeBand(t0); got != "8-12" {
		t.Errorf("at setup: %s", got)
	}
	if got := a.AgeBand(t0.AddDate(1, 0, 0)); got != "13-17" {
		t.Errorf("a year later: %s", got)
	}
}

func TestSaveLoad(t *testing.T) {
	st, err := store.Open(t.TempDir(), nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := Load(ctx, st); !errors.Is(err, ErrNoAgreement) {
		t.Fatalf("Load before setup: %v", err)
	}
	bad := valid(t)
	bad.TeenAgreed = time.Time{}
	if err := Save(ctx, st, bad, t0, words.New(words.AgreementMade, words.Teen())); err == nil {
		t.Fatal("saved an agreement the teen did not agree to")
	}
	if _, err := Load(ctx, st); !errors.Is(err, ErrNoAgreement) {
		t.Fatal("a refused agreement was stored")
	}
	a := valid(t)
	if err := Save(ctx, st, a, t0, words.New(words.AgreementMade, words.Teen())); err != nil {
		t.Fatal(err)
	}
	got, err := Load(ctx, st)
	if err != nil || got.Teen != "Sam" || !got.PIN.Verify("2468") {
		t.Fatalf("Load = %+v, %v", got, err)
	}
}
