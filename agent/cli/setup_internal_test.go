package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
)

// The interactive setup: the language comes first and the rest follows in
// it; a country is taken by name or code; only a clear yes or no counts;
// the teen must type the agreement themselves, without quotes; and the PIN
// must be typed twice the same.
func TestAskAgreement(t *testing.T) {
	tests := []struct {
		name    string
		lang    string // --lang
		answers []string
		wantErr bool
		check   func(t *testing.T, a consent.Agreement, out string)
	}{
		{
			name: "English, with a retry for a bad age and country, an unclear yes, a teen who first types yes, and mismatched PINs",
			answers: []string{"en", "Sam", "30", "14", "Narnia", "Netherlands", "", "4", "sure", "no",
				"yes", "I agree", `"I agree."`, "12", "1234", "4321", "2468", "2468"},
			check: func(t *testing.T, a consent.Agreement, out string) {
				if a.Teen != "Sam" || a.Age != 14 || a.Country != "NL" || a.Lang != "en" || a.RetentionDays != 28 || a.SchoolWorkPrompts {
					t.Errorf("agreement = %+v", a)
				}
				if a.TeenAgreed.IsZero() || a.ParentAgreed.IsZero() || !a.PIN.Verify("2468") {
					t.Errorf("agreed times or PIN missing: %+v", a)
				}
				for _, want := range []string{"from 8 to 17", `doesn't know "Narnia" as a country`, "the Netherlands", "Please answer yes or no",
					"Nothing is recorded unless you type I agree yourself", "at least 4 characters", "not the same", "never sees"} {
					if !strings.Contains(out, want) {
						t.Errorf("the dialogue never said %q", want)
					}
				}
			},
		},
		{
			name: "Dutch from the first answer on, a country by its Dutch name and ik ga akkoord",
			answers: []string{"nl", "Sam", "14", "België", "", "", "ja",
				"ik ga akkoord", "Ik ga akkoord", "2468", "2468"},
			check: func(t *testing.T, a consent.Agreement, out string) {
				if a.Lang != "nl" || a.Country != "BE" || !a.SchoolWorkPrompts || a.TeenAgreed.IsZero() || a.ParentAgreed.IsZero() {
					t.Errorf("agreement = %+v", a)
				}
				_, after, _ := strings.Cut(out, "Taal")
				after = after[strings.Index(after, "\n"):]
				for _, english := range []string{"What TalkFirst", "first name", "Age", "Country", "Night hours", "weeks", "yes or no", "I agree", "Parent", "PIN"} {
					if strings.Contains(after, english) {
						t.Errorf("after choosing Dutch the dialogue says %q:\n%s", english, after)
					}
				}
				for _, want := range []string{"Wat TalkFirst nooit ziet", "Land: België.", "ik ga akkoord", "pincode"} {
					if !strings.Contains(out, want) {
						t.Errorf("the dialogue never said %q", want)
					}
				}
			},
		},
		{
			name: "--lang skips the language question",
			lang: "nl", answers: []string{"Sam", "14", "nl", "", "", "nee", "ik ga akkoord", "ik ga akkoord", "2468", "2468"},
			check: func(t *testing.T, a consent.Agreement, out string) {
				if a.Lang != "nl" || a.Country != "NL" || a.SchoolWorkPrompts {
					t.Errorf("agreement = %+v", a)
				}
				if strings.Contains(out, "Language") {
					t.Errorf("asked the language although --lang gave it:\n%s", out)
				}
			},
		},
		{name: "the teen never agrees", answers: []string{"en", "Sam", "14", "NL", "", "", "", "no", "no"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			o := &IO{Stdin: strings.NewReader(strings.Join(tc.answers, "\n") + "\n"), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
			a := consent.New(time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC))
			err := askAgreement(o, &a, tc.lang)
			if tc.wantErr {
				if !errors.Is(err, errUnfinished) {
					t.Fatalf("setup finished without the teen's agreement: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("askAgreement: %v\n%s", err, out.String())
			}
			tc.check(t, a, out.String())
		})
	}
}

func TestYesNoAndAgrees(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in      string
		yes, ok bool
	}{
		{"yes", true, true}, {"Y", true, true}, {"ja", true, true}, {"J", true, true},
		{"no", false, true}, {"n", false, true}, {"Nee", false, true},
		{"yesterday", false, false}, {"nope", false, false}, {"sure", false, false}, {"", false, false},
	} {
		if yes, ok := yesNo(tc.in); yes != tc.yes || ok != tc.ok {
			t.Errorf("yesNo(%q) = %v, %v; want %v, %v", tc.in, yes, ok, tc.yes, tc.ok)
		}
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"I agree", true}, {"i agree.", true}, {`"I agree"`, true}, {"“I agree”", true}, {"  I  agree! ", true},
		{"ik ga akkoord", true}, {"Ik ga akkoord.", true},
		{"yes", false}, {"I agree not", false}, {"agree", false},
	} {
		if got := agrees(tc.in); got != tc.want {
			t.Errorf("agrees(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// What setup says about a refused agreement is in words, and the error is
// still the agreement's: errors.Is finds consent.ErrInvalid behind it.
func TestSetupInvalidIsStillErrInvalid(t *testing.T) {
	pin := filepath.Join(t.TempDir(), "pin")
	if err := os.WriteFile(pin, []byte("2468\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	o := &IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	err := runSetup(o, []string{"--data-dir", t.TempDir(), "--lang", "nl", "--teen", "Sam", "--age", "30", "--country", "NL", "--parent-pin-file", pin, "--agree"})
	if !errors.Is(err, consent.ErrInvalid) || !strings.HasPrefix(err.Error(), "leeftijd 30 valt buiten") {
		t.Fatalf("err = %v; want consent.ErrInvalid said in Dutch", err)
	}
}
