package words

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"
)

// legacyCase is one sentence of testdata/legacy_evidence.txt.
type legacyCase struct {
	line     int
	lang     Lang
	same     bool // renders back into the same words
	sentence string
	created  time.Time
	teen     string
	fact     string // Fact.String of what it must become
}

func readLegacyCases(t *testing.T) []legacyCase {
	t.Helper()
	f, err := os.Open("testdata/legacy_evidence.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		out     []legacyCase
		pending []legacyCase
		created time.Time
		teen    = "Sam"
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		key, val, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("line %d: no key: %q", n, l)
		}
		val = strings.TrimSpace(val)
		switch key {
		case "created":
			if created, err = time.Parse(time.RFC3339, val); err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
		case "teen":
			teen = val
		case "en", "nl", "en-was", "nl-was":
			pending = append(pending, legacyCase{line: n, lang: Lang(key[:2]), same: len(key) == 2, sentence: val, created: created, teen: teen})
		case "fact":
			if len(pending) == 0 {
				t.Fatalf("line %d: a fact with no sentence before it", n)
			}
			for _, c := range pending {
				c.fact = val
				out = append(out, c)
			}
			pending = nil
		default:
			t.Fatalf("line %d: unknown key %q", n, key)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(pending) > 0 {
		t.Fatalf("sentences at the end with no fact: %v", pending)
	}
	return out
}

// Every sentence of the fixture becomes its fact, and, unless its words
// changed since, renders back into the words it was written in; every old
// sentence form is in the fixture, in English and in Dutch.
func TestReadLegacyEvidence(t *testing.T) {
	t.Parallel()
	covered := map[legacyMatch]bool{}
	for _, c := range readLegacyCases(t) {
		got := ReadLegacyEvidence(c.sentence, c.created)
		if got.String() != c.fact {
			t.Errorf("line %d: %q\n got  %s\n want %s", c.line, c.sentence, got, c.fact)
			continue
		}
		if err := got.Check(); err != nil {
			t.Errorf("line %d: %s: %v", c.line, got, err)
		}
		if _, m, ok := readLegacy(c.sentence, c.created); ok {
			if m.lang != c.lang {
				t.Errorf("line %d: read as %s, want %s", c.line, m.lang, c.lang)
			}
			covered[m] = true
		}
		r := Renderer{Lang: c.lang, Loc: c.created.Location(), Now: c.created, Teen: c.teen}
		if back := r.Fact(got); c.same && back != c.sentence {
			t.Errorf("line %d: %s renders as\n %q, want\n %q", c.line, got, back, c.sentence)
		} else if !c.same && back == c.sentence {
			t.Errorf("line %d: %q renders back the same; mark it %s:", c.line, c.sentence, c.lang)
		}
	}
	for i, f := range legacyForms {
		for _, l := range Langs {
			if !covered[legacyMatch{form: i, lang: l}] {
				t.Errorf("no %s sentence of %s in the fixture", l, f.code)
			}
		}
	}
}

// The Dutch words that changed since the old rules wrote them: the
// glossary's terms.
var dutchNowSays = strings.NewReplacer(
	"(voorgrondtijd)", "(tijd vooraan)",
	"(alleen open: de app draaide, maar", "(tijd open: de app was open, maar",
	"nog geen melding geweest", "nog geen gespreksidee geweest",
	"geen melding geweest; de laatste", "geen gespreksidee geweest; het laatste",
)

// Every sentence the old rules wrote in their tests, in both languages, is
// read back into a fact (never kept as a legacy sentence), and that fact
// says the same again, in the new Dutch words where those changed.
func TestReadOldRulesEvidence(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/legacy_evidence_old_rules.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, l := range strings.Split(string(b), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		at, s, ok := strings.Cut(l, "|")
		created, err := time.Parse(time.RFC3339, at)
		if !ok || err != nil {
			t.Fatalf("line %d: want created|sentence: %q (%v)", i+1, l, err)
		}
		n++
		f, m, ok := readLegacy(s, created)
		if !ok {
			t.Errorf("line %d: %q was not read", i+1, s)
			continue
		}
		want := s
		if m.lang == NL {
			want = dutchNowSays.Replace(s)
		}
		r := Renderer{Lang: m.lang, Loc: created.Location(), Now: created, Teen: "Sam"}
		if got := r.Fact(f); got != want {
			t.Errorf("line %d: %s renders as\n %q, want\n %q", i+1, f, got, want)
		}
	}
	if n < 100 {
		t.Errorf("only %d sentences in the fixture", n)
	}
}
