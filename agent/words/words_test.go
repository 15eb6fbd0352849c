package words

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var ams = func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return l
}()

func TestParseLang(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"en", EN, true},
		{"nl", NL, true},
		{"NL", NL, true},
		{"nl_BE.UTF-8", NL, true},
		{"nl-NL", NL, true},
		{"en_GB.UTF-8", EN, true},
		{"nld", EN, false}, // a three-letter code is not "nl" plus a region
		{"de", EN, false},
		{"", EN, false},
	} {
		got, ok := ParseLang(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSystem(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  map[string]string
		want Lang
	}{
		{"nothing set", nil, EN},
		{"LANG Dutch", map[string]string{"LANG": "nl_NL.UTF-8"}, NL},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, EN},
		{"C is no choice", map[string]string{"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, NL},
		{"LANGUAGE list", map[string]string{"LANGUAGE": "nl:en"}, NL},
		{"another language", map[string]string{"LANG": "de_DE.UTF-8"}, EN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := System(func(k string) string { return tc.env[k] }); got != tc.want {
				t.Errorf("System = %q; want %q", got, tc.want)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, ams)
	tue := time.Date(2026, 11, 24, 21, 5, 0, 0, ams)
	en, nl := Renderer{Lang: EN, Loc: ams, Now: now}, Renderer{Lang: NL, Loc: ams, Now: now}
	for _, tc := range []struct {
		name     string
		got      string
		want     string
		wantDesc string
	}{
		{"date", en.Date(tue), "Tuesday 24 November", ""},
		{"date nl", nl.Date(tue), "dinsdag 24 november", ""},
		{"date other year", en.Date(tue.AddDate(-1, 0, 0)), "Monday 24 November 2025", ""},
		{"date in the reader's zone", en.Date(time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)), "Wednesday 25 November", ""},
		{"date with year", nl.DateYear(tue), "dinsdag 24 november 2026", ""},
		{"day month", nl.DayMonth(tue), "24 november 2026", ""},
		{"date and time", en.DateTime(tue), "Tuesday 24 November 21:05", ""},
		{"short day", en.ShortDay(tue), "Tue 24 Nov", ""},
		{"short day nl", nl.ShortDay(time.Date(2026, 3, 3, 0, 0, 0, 0, ams)), "di 3 mrt", ""},
		{"short date time", nl.ShortDateTime(tue), "di 24 nov 21:05", ""},
		{"no time", en.ShortDateTime(time.Time{}), "—", ""},
		{"day range", en.DayRange(tue.AddDate(0, 0, -1), tue), "Monday 23 to Tuesday 24 November", ""},
		{"day range nl", nl.DayRange(tue.AddDate(0, 0, -1), tue), "maandag 23 op dinsdag 24 november", ""},
		{"day range over a month", en.DayRange(time.Date(2026, 11, 30, 22, 0, 0, 0, ams), time.Date(2026, 12, 1, 6, 0, 0, 0, ams)),
			"Monday 30 November to Tuesday 1 December", ""},
		{"stretch in a day", en.Stretch(tue.Add(-3*time.Hour), tue), "Tuesday 24 November, 18:05 to 21:05", ""},
		{"stretch nl", nl.Stretch(tue, tue.Add(4*time.Hour)), "dinsdag 24 november 21:05 tot woensdag 25 november 01:05", ""},
		{"open stretch", nl.Stretch(tue, time.Time{}), "dinsdag 24 november vanaf 21:05", ""},
		{"dur", EN.Dur(9*time.Hour + 10*time.Minute + 59*time.Second), "9 h 10 min", "rounded down"},
		{"dur nl", NL.Dur(2 * time.Hour), "2 u", ""},
		{"dur minutes", EN.Dur(45 * time.Minute), "45 min", ""},
		{"dur under a minute", NL.Dur(59 * time.Second), "minder dan een minuut", ""},
		{"dur none", EN.Seconds(0), "none", ""},
		{"span", EN.Span(36 * time.Hour), "1 day 12 h", ""},
		{"span nl", NL.Span(48 * time.Hour), "2 dagen", ""},
		{"span under a day", EN.Span(5 * time.Hour), "5 h", ""},
		{"wait", EN.Wait(30 * time.Second), "30 s", ""},
		{"wait minutes", EN.Wait(4*time.Minute + time.Second), "5 min", "rounded up"},
		{"list", EN.List([]string{"A", "B", "C"}), "A, B and C", ""},
		{"list nl", NL.List([]string{"A", "B"}), "A en B", ""},
		{"or list nl", NL.OrList([]string{"A", "B", "C"}), "A, B of C", ""},
		{"night", FormatNight(22*60, 6*60+30), "22:00–06:30", ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q; want %q %s", tc.name, tc.got, tc.want, tc.wantDesc)
		}
	}
}

// testCodes are defined for these tests only.
const (
	tcInstalled Code = "test.installed"
	tcNights    Code = "test.nights"
	tcWhy       Code = "test.why"
	tcPart      Code = "test.part"
)

func init() {
	Define(map[Code]Def{
		tcInstalled: {Args: []Kind{KApp, KDate}, EN: "%s was installed on %s.", NL: "%s is op %s geïnstalleerd."},
		tcNights: {Args: []Kind{KTeen, KCount}, EN: "%s was online on %s nights.", NL: "%s was %s nachten online.",
			ENOne: "%[1]s was online on one night.", NLOne: "%[1]s was één nacht online.",
			ENZero: "%[1]s was not online at night.", NLZero: "%[1]s was 's nachts niet online."},
		tcWhy:  {Args: []Kind{KFact, KText}, EN: "It stopped because %s (%s).", NL: "Het stopte omdat %[1]s (%[2]s)."},
		tcPart: {Part: true, EN: "the clock was set back", NL: "de klok is teruggezet"},
	})
}

func TestRender(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, ams)
	day := time.Date(2026, 12, 4, 9, 30, 0, 0, ams)
	for _, tc := range []struct {
		name   string
		f      Fact
		teen   string
		en, nl string
	}{
		{"app and date", New(tcInstalled, App("telegram"), Date(day)), "",
			"Telegram was installed on Friday 4 December.", "Telegram is op vrijdag 4 december geïnstalleerd."},
		{"an app the catalog does not know keeps its id", New(tcInstalled, App("newchat"), Date(day)), "",
			"Newchat was installed on Friday 4 December.", "Newchat is op vrijdag 4 december geïnstalleerd."},
		{"plural other", New(tcNights, Teen(), Count(3)), "Sam", "Sam was online on 3 nights.", "Sam was 3 nachten online."},
		{"plural one", New(tcNights, Teen(), Count(1)), "Sam", "Sam was online on one night.", "Sam was één nacht online."},
		{"plural zero", New(tcNights, Teen(), Count(0)), "Sam", "Sam was not online at night.", "Sam was 's nachts niet online."},
		{"no name: your child, capitalised", New(tcNights, Teen(), Count(2)), "", "Your child was online on 2 nights.", "Je kind was 2 nachten online."},
		{"nested part and text", New(tcWhy, Part(New(tcPart)), Text("50%")), "",
			"It stopped because the clock was set back (50%).", "Het stopte omdat de klok is teruggezet (50%)."},
		{"unknown code", New("test.from-the-future", Count(1)), "",
			"TalkFirst noted something this version cannot show.", "TalkFirst heeft iets opgemerkt dat deze versie niet kan tonen."},
		{"wrong argument kind", New(tcInstalled, Date(day), App("telegram")), "",
			"TalkFirst noted something this version cannot show.", "TalkFirst heeft iets opgemerkt dat deze versie niet kan tonen."},
		{"legacy sentence", New(Legacy, Text("Telegram was installed on Friday 4 December.")), "",
			"Telegram was installed on Friday 4 December.", "Telegram was installed on Friday 4 December."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for lang, want := range map[Lang]string{EN: tc.en, NL: tc.nl} {
				r := Renderer{Lang: lang, Loc: ams, Now: now, Teen: tc.teen}
				if got := r.Fact(tc.f); got != want {
					t.Errorf("%s: %s = %q; want %q", lang, tc.f, got, want)
				}
			}
		})
	}
}

func TestFactJSONRoundTrip(t *testing.T) {
	t.Parallel()
	args := make([]Arg, 0, len(kinds))
	for _, k := range kinds {
		args = append(args, Sample(k))
	}
	f := New("test.every-kind", args...)
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var g Fact
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("unmarshal %s: %v", b, err)
	}
	if !f.Equal(g) {
		t.Errorf("round trip changed the fact:\n %s\n %s", f, g)
	}
	// the stored form is stable: one key per argument, named for its kind
	want := `{"code":"test.installed","args":[{"app":"telegram"},{"date":"2026-12-04T08:30:00Z"}]}`
	b, _ = json.Marshal(New(tcInstalled, App("telegram"), Date(time.Date(2026, 12, 4, 9, 30, 0, 0, ams))))
	if string(b) != want {
		t.Errorf("JSON = %s; want %s", b, want)
	}
}

func TestFactJSONErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, in, want string }{
		{"two kinds in one argument", `{"code":"x","args":[{"app":"a","n":1}]}`, "want one kind"},
		{"unknown kind", `{"code":"x","args":[{"colour":"red"}]}`, `unknown kind "colour"`},
		{"bad time", `{"code":"x","args":[{"date":"yesterday"}]}`, "read fact argument date"},
		{"not an object", `{"code":"x","args":[3]}`, "read fact argument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f Fact
			err := json.Unmarshal([]byte(tc.in), &f)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Unmarshal(%s) = %v; want an error with %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestFactCheck(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 12, 4, 9, 30, 0, 0, ams)
	for _, tc := range []struct {
		name string
		f    Fact
		want string // "" for no error
	}{
		{"right", New(tcInstalled, App("telegram"), Date(day)), ""},
		{"unknown code", New("test.nothing"), "unknown code"},
		{"too few", New(tcInstalled, App("telegram")), "takes 2 arguments, not 1"},
		{"wrong kind", New(tcInstalled, App("telegram"), DateTime(day)), "argument 2 is datetime, not date"},
		{"bad nested fact", New(tcWhy, Part(New("test.nothing")), Text("x")), "argument 1: unknown code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.f.Check()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Check(%s) = %v", tc.f, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Check(%s) = %v; want %q", tc.f, err, tc.want)
			}
		})
	}
}

// Every code and text this package defines renders in both languages.
func TestCheckPasses(t *testing.T) {
	for _, err := range Check() {
		t.Error(err)
	}
}

// Check finds each kind of mistake it is for.
func TestCheckFinds(t *testing.T) {
	t.Parallel()
	texts := map[string][2]string{
		"ok":          {"Time to talk", "Tijd om te praten"},
		"no.dutch":    {"Later", ""},
		"other.term":  {"New prompts", "Nieuwe meldingen"},
		"en.other":    {"Time in the foreground", "Tijd vooraan"},
		"space.dutch": {"Saved", "  "},
	}
	defs := map[Code]Def{
		"ok":          {Args: []Kind{KApp}, EN: "%s is new.", NL: "%s is nieuw."},
		"no.dutch":    {Args: []Kind{KApp}, EN: "%s is new."},
		"too.many":    {Args: []Kind{KApp}, EN: "%s is new on %s.", NL: "%s is nieuw."},
		"bad.index":   {Args: []Kind{KApp}, EN: "%[2]s is new.", NL: "%s is nieuw."},
		"one.only":    {Args: []Kind{KCount}, EN: "%s nights", NL: "%s nachten", ENOne: "one night"},
		"other.term2": {Args: []Kind{KCount}, EN: "%s prompts", NL: "%s meldingen"},
	}
	var got []string
	for _, err := range append(checkTexts(texts), checkDefs(defs)...) {
		got = append(got, err.Error())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"text no.dutch has no nl",
		"text space.dutch has no nl",
		`text other.term (nl) uses "meldingen"`,
		`text en.other (en) uses "foreground"`,
		"code no.dutch has no nl",
		"code too.many (en) does not take its arguments",
		"code bad.index (en) does not take its arguments",
		"code one.only has a plural form in one language only",
		`code other.term2 (nl) uses "meldingen"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("Check did not find %q; it said:\n%s", want, all)
		}
	}
	for _, notWant := range []string{"text ok", "code ok "} {
		if strings.Contains(all, notWant) {
			t.Errorf("Check complained about a good entry (%q):\n%s", notWant, all)
		}
	}
}

func TestTexts(t *testing.T) {
	Add(map[string][2]string{"test.hello": {"Hello %s", "Hallo %s"}})
	if got := NL.F("test.hello", "Sam"); got != "Hallo Sam" {
		t.Errorf("NL.F = %q", got)
	}
	if got := Lang("de").T("test.hello"); got != "Hello %s" {
		t.Errorf("another language reads English: %q", got)
	}
	if got := EN.T("test.missing"); got != "test.missing" {
		t.Errorf("a missing key shows itself: %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("adding a key twice did not panic")
		}
	}()
	Add(map[string][2]string{"test.hello": {"Hi", "Hoi"}})
}
