package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talkfirst/talkfirst/agent/cli"
)

type result struct {
	code           int
	stdout, stderr string
}

// run runs the command line with an empty environment, except that the
// default data folder is an empty one of the test's: no family agreement
// on the machine running the tests changes what the commands say.
func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	noData := filepath.Join(t.TempDir(), "no-data")
	code := cli.Main(args, &cli.IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == "TALKFIRST_DATA_DIR" {
				return noData
			}
			return ""
		}})
	return result{code, out.String(), errb.String()}
}

func TestUsageErrorsExit2AndErrorsExit1(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command", nil, 2, "usage:"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", []string{"scan", "--frob"}, 2, "talkfirst-agent: scan: flag provided but not defined"},
		{"bad os", []string{"scan", "--os", "plan9"}, 2, "--os must be"},
		{"missing root", []string{"scan", "--root", filepath.Join(dir, "nope")}, 1, "talkfirst-agent: scan: root"},
		{"stray argument", []string{"summary", "extra", "--data-dir", dir}, 2, "unexpected argument"},
		{"setup without agree", []string{"setup", "--data-dir", dir, "--teen", "Sam", "--age", "14", "--country", "NL", "--parent-pin-file", "x"}, 2, "--agree is required"},
		{"summary before setup", []string{"summary", "--data-dir", filepath.Join(dir, "empty")}, 1, "no TalkFirst data"},
		{"forget without yes", []string{"forget", "--data-dir", dir}, 2, "--yes"},
		{"pause without reason", []string{"pause", "--data-dir", dir, "--for", "2h"}, 2, "--reason"},
		{"resources without country", []string{"resources"}, 2, "--country is required"},
		{"unknown guide", []string{"guides", "no-such-guide"}, 1, "no guide"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tc.code, tc.stderr)
			}
		})
	}
}

func writePIN(t *testing.T, pin string) string {
	p := filepath.Join(t.TempDir(), "pin")
	if err := os.WriteFile(p, []byte(pin+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSetupSummaryPauseForget(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	pin := writePIN(t, "2468")
	if r := run(t, "", "setup", "--data-dir", dir, "--teen", "Sam", "--age", "14", "--country", "nl", "--parent-pin-file", pin, "--agree"); r.code != 0 {
		t.Fatalf("setup: %+v", r)
	}
	// a second setup does not silently replace the first
	if r := run(t, "", "setup", "--data-dir", dir, "--teen", "Alex", "--age", "12", "--country", "GB", "--parent-pin-file", pin, "--agree"); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Fatalf("second setup: %+v", r)
	}
	r := run(t, "", "summary", "--data-dir", dir, "--json")
	if r.code != 0 {
		t.Fatalf("summary: %+v", r)
	}
	var sum map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("summary JSON: %v\n%s", err, r.stdout)
	}
	for _, k := range []string{"from", "to", "measurement", "apps", "changes", "pauses"} {
		if _, ok := sum[k]; !ok {
			t.Errorf("summary JSON lacks %q", k)
		}
	}
	if r := run(t, "", "pause", "--data-dir", dir, "--for", "2h", "--reason", "exam week"); r.code != 0 {
		t.Fatalf("pause: %+v", r)
	}
	if r := run(t, "", "pause", "--data-dir", dir, "--for", "2h", "--reason", "again"); r.code != 1 || !strings.Contains(r.stderr, "already paused") {
		t.Fatalf("second pause: %+v", r)
	}
	r = run(t, "", "summary", "--data-dir", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "exam week") {
		t.Fatalf("the pause is not shown in the summary: %+v", r)
	}
	if r := run(t, "", "resume", "--data-dir", dir); r.code != 0 || !strings.Contains(r.stdout, "Recording again") {
		t.Fatalf("resume: %+v", r)
	}
	if r := run(t, "", "forget", "--data-dir", dir, "--yes"); r.code != 0 {
		t.Fatalf("forget: %+v", r)
	}
	if r := run(t, "", "pause", "--data-dir", dir, "--for", "1h", "--reason", "x"); r.code != 1 || !strings.Contains(r.stderr, "no family agreement") {
		t.Fatalf("pause after forget: %+v", r)
	}
}

// setup says what is wrong with the agreement it was given, each thing on
// its own line, in the language of the agreement.
func TestSetupRejectsBadAgreement(t *testing.T) {
	short, good := writePIN(t, "12"), writePIN(t, "2468")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"short PIN", []string{"--age", "14", "--country", "NL", "--parent-pin-file", short}, []string{"talkfirst-agent: setup: the PIN needs at least 4 characters"}},
		{"short PIN in Dutch", []string{"--lang", "nl", "--age", "14", "--country", "NL", "--parent-pin-file", short},
			[]string{"talkfirst-agent: setup: de pincode moet minstens 4 tekens hebben"}},
		{"age 30", []string{"--age", "30", "--country", "NL", "--parent-pin-file", good}, []string{"outside 8 to 17"}},
		{"age and country in Dutch", []string{"--lang", "nl", "--age", "30", "--country", "Narnia", "--parent-pin-file", good},
			[]string{"talkfirst-agent: setup: leeftijd 30 valt buiten 8 tot en met 17, de leeftijden waarvoor TalkFirst is gemaakt\n" +
				`land "NARNIA" is geen landcode van twee letters, zoals NL, BE of GB` + "\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", append([]string{"setup", "--data-dir", t.TempDir(), "--teen", "Sam", "--agree"}, tc.args...)...)
			if r.code != 1 {
				t.Fatalf("exit %d; want 1: %+v", r.code, r)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q does not say %q", r.stderr, w)
				}
			}
		})
	}
}

func TestGuidesAndResourcesJSON(t *testing.T) {
	r := run(t, "", "guides", "--json", "--lang", "nl")
	var g struct {
		Guides []struct {
			ID, Title, Body string
			Ages, Rules     []string
		} `json:"guides"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &g) != nil || len(g.Guides) < 30 {
		t.Fatalf("guides --json: exit %d, %d guides", r.code, len(g.Guides))
	}
	r = run(t, "", "resources", "--json", "--country", "ZZ")
	var res struct {
		Resources []map[string]any `json:"resources"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &res) != nil || len(res.Resources) == 0 {
		t.Fatalf("resources ZZ: %+v", r)
	}
	if !strings.Contains(r.stderr, "international") {
		t.Errorf("no clear message for an unknown country: %q", r.stderr)
	}
	for _, k := range []string{"name", "phone", "url", "for", "hours"} {
		if _, ok := res.Resources[0][k]; !ok {
			t.Errorf("resource JSON lacks %q", k)
		}
	}
}
