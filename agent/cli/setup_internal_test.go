package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
)

// The interactive setup: the teen must type the agreement themselves, and
// the PIN must be typed twice the same.
func TestAskAgreement(t *testing.T) {
	tests := []struct {
		name    string
		answers []string
		wantErr bool
		check   func(t *testing.T, a consent.Agreement, out string)
	}{
		{
			name: "complete, with a retry for a bad age, a teen who first types yes, and mismatched PINs",
			answers: []string{"Sam", "30", "14", "nl", "nl", "", "4", "no",
				"yes", "I agree", "I agree", "1234", "4321", "2468", "2468"},
			check: func(t *testing.T, a consent.Agreement, out string) {
				if a.Teen != "Sam" || a.Age != 14 || a.Country != "NL" || a.Lang != "nl" || a.RetentionDays != 28 || a.SchoolWorkPrompts {
					t.Errorf("agreement = %+v", a)
				}
				if a.TeenAgreed.IsZero() || a.ParentAgreed.IsZero() || !a.PIN.Verify("2468") {
					t.Errorf("agreed times or PIN missing: %+v", a)
				}
				for _, want := range []string{"from 8 to 17", "Nothing is recorded unless you type I agree yourself", "not the same", "never sees"} {
					if !strings.Contains(out, want) {
						t.Errorf("the dialogue never said %q", want)
					}
				}
			},
		},
		{name: "the teen never agrees", answers: []string{"Sam", "14", "NL", "en", "", "", "", "no", "no"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			o := &IO{Stdin: strings.NewReader(strings.Join(tc.answers, "\n") + "\n"), Stdout: &out, Stderr: &out}
			a := consent.New(time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC))
			err := askAgreement(o, &a)
			if tc.wantErr {
				if err == nil {
					t.Fatal("setup finished without the teen's agreement")
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
