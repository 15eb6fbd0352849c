package ui

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/talkfirst/talkfirst/agent/words"
)

// TestTextsComplete checks every registered string: both languages filled in
// and the same format verbs in each; then that every key the wizard and the
// parent's screens use, literally or built from data, is registered.
func TestTextsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%(?:\[\d\])?[a-z]`)
	all := uiTexts()
	if len(all) == 0 {
		t.Fatal("no texts registered")
	}
	for k, v := range all {
		if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
			t.Errorf("%s: a language is empty: %q", k, v)
		}
		a, b := verbs.FindAllString(v[0], -1), verbs.FindAllString(v[1], -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("%s: format verbs differ: %q / %q", k, a, b)
		}
	}

	used := regexp.MustCompile(`\b(?:t|tf|text)\((?:lang, )?"([a-zA-Z0-9.\-]+)"[,)]`)
	for _, f := range []string{"wizard.go", "parent.go", "prompts.go", "settings.go", "end.go", "agreement.go", "ui.go"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			n++
			if _, ok := all[m[1]]; !ok {
				t.Errorf("%s uses %q, which is not registered", f, m[1])
			}
		}
		if n == 0 {
			t.Errorf("%s: no text keys found; is the pattern out of date?", f)
		}
	}
	var built []string
	for _, c := range wizCountries {
		built = append(built, "wiz.c."+c)
	}
	for _, st := range []string{StatusTalked, StatusLater, StatusNotRelevant, StatusSuperseded} {
		built = append(built, "inbox.status."+st)
	}
	for _, d := range pactDurations {
		built = append(built, d.key)
	}
	for _, k := range built {
		if _, ok := all[k]; !ok {
			t.Errorf("key %q is built from data but not registered", k)
		}
	}
}

// TestTextsUseTheGlossary runs the words package's check over every text,
// the screens' included: each in both languages, one term per concept (a
// conversation prompt is a "gespreksidee" on the teen's side and the
// parent's alike), and every fact code rendering in both languages.
func TestTextsUseTheGlossary(t *testing.T) {
	for _, err := range words.Check() {
		t.Error(err)
	}
}
