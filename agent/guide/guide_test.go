package guide

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestEmbeddedGuidesParse(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.IDs("en")); n < 15 {
		t.Errorf("%d guide ids in English, want at least 15", n)
	}
}

func TestBothLanguagesHaveTheSameIDsAndBothAgeBands(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	en, nl := l.IDs("en"), l.IDs("nl")
	if !slices.Equal(en, nl) {
		t.Fatalf("ids differ:\n en %v\n nl %v", en, nl)
	}
	for _, lang := range Languages {
		for _, id := range en {
			for _, age := range AgeBands {
				g, ok := l.Find(lang, id, age)
				if !ok {
					t.Errorf("%s %s %s missing", lang, id, age)
					continue
				}
				if len([]rune(g.Body)) < MinBody {
					t.Errorf("%s %s %s: body too short", lang, id, age)
				}
			}
		}
	}
}

func TestEveryRuleHasAGuide(t *testing.T) {
	l, _ := Default()
	for _, rule := range []string{"new-app", "platform-hop", "late-night", "spike", "check-in", "paused", "renewal"} {
		if _, ok := l.ForRule(rule); !ok {
			t.Errorf("no guide for rule %s", rule)
		}
	}
}

func TestTeenTextsInBothLanguages(t *testing.T) {
	l, _ := Default()
	for _, lang := range Languages {
		for _, id := range TextIDs {
			tx, ok := l.Text(lang, id)
			if !ok || strings.TrimSpace(tx.Body) == "" || tx.Title == "" {
				t.Errorf("%s teen text %s missing or empty", lang, id)
			}
		}
	}
}

func TestParseRejectsBrokenGuides(t *testing.T) {
	body := func(heads []string) string {
		var b strings.Builder
		for _, h := range heads {
			b.WriteString("## " + h + "\n\n" + strings.Repeat("Some calm and useful words for a parent. ", 6) + "\n\n")
		}
		return b.String()
	}
	good := body(Sections["en"])
	fm := func(id, ages, lang string) string {
		return "---\nid: " + id + "\ntitle: A title\nages: [" + ages + "]\nrules: []\napps: []\nlanguage: " + lang + "\n---\n"
	}
	swapped := slices.Clone(Sections["en"])
	swapped[0], swapped[1] = swapped[1], swapped[0]
	tests := []struct {
		name, file, content, want string
	}{
		{"fine", "en/x/8-12.md", fm("x", "8-12", "en") + good, ""},
		{"wrong id", "en/x/8-12.md", fm("y", "8-12", "en") + good, "folder name"},
		{"wrong age", "en/x/8-12.md", fm("x", "13-17", "en") + good, "file name"},
		{"wrong language", "en/x/8-12.md", fm("x", "8-12", "nl") + good, "language"},
		{"sections out of order", "en/x/8-12.md", fm("x", "8-12", "en") + body(swapped), "sections"},
		{"a section missing", "en/x/8-12.md", fm("x", "8-12", "en") + body(Sections["en"][:6]), "sections"},
		{"too short", "en/x/8-12.md", fm("x", "8-12", "en") + "## Why this matters\nshort\n", "fewer than"},
		{"no front matter", "en/x/8-12.md", good, "no front matter"},
		{"unclosed front matter", "en/x/8-12.md", "---\nid: x\n" + good, "not closed"},
		{"not utf-8", "en/x/8-12.md", "---\nid: \xff\n---\n", "UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{tc.file: {Data: []byte(tc.content)}, "nl/.keep": {}}
			_, err := Parse(fsys)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestResources(t *testing.T) {
	all, err := Resources()
	if err != nil {
		t.Fatal(err)
	}
	for _, cc := range []string{"NL", "BE", "DE", "GB", "US", "CA", "AU", "IE"} {
		rs, known, err := ForCountry(cc)
		if err != nil || !known {
			t.Fatalf("%s: known=%v err=%v", cc, known, err)
		}
		n := 0
		for _, r := range rs {
			if r.Country == cc && r.Verified() {
				n++
			}
		}
		if n < 3 {
			t.Errorf("%s has %d verified entries, want at least 3", cc, n)
		}
		if rs[len(rs)-1].Country != International {
			t.Errorf("%s: the international entries do not follow", cc)
		}
	}
	names := func(rs []Resource) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Name)
		}
		return out
	}
	gb, _, _ := ForCountry("uk")
	for _, want := range []string{"Report Remove", "Childline"} {
		if !slices.ContainsFunc(names(gb), func(n string) bool { return strings.Contains(n, want) }) {
			t.Errorf("GB lacks %s: %v", want, names(gb))
		}
	}
	if !slices.ContainsFunc(names(all), func(n string) bool { return strings.Contains(n, "Take It Down") }) {
		t.Error("Take It Down is missing")
	}
	xx, known, _ := ForCountry("ZZ")
	if known || len(xx) == 0 {
		t.Errorf("unknown country: known=%v, %d entries; want the international list", known, len(xx))
	}
	for _, r := range all {
		if r.Confidence == "U" && r.Verified() {
			t.Errorf("%s is unverified but counts as verified", r.Name)
		}
	}
}

func TestParseResourcesRejectsUnverifiedWithoutNote(t *testing.T) {
	_, err := ParseResources([]byte(`[[resource]]
country = "NL"
name = "X"
phone = "1"
kind = "crisis"
audience = "teen"
for.en = "a"
for.nl = "b"
confidence = "U"
source = "s"
`))
	if err == nil || !strings.Contains(err.Error(), "needs a note") {
		t.Fatalf("err = %v", err)
	}
}
