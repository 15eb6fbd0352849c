package cli_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/cli"
	"github.com/talkfirst/talkfirst/agent/guide"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// A data folder with an English agreement for Sam and a week of things to
// say: time in Minecraft (at night too), a Telegram install found as a
// flatpak, a time the computer slept, a measurement made with X11 and a
// prompt.
func familyData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	pin := writePIN(t, "2468")
	if r := run(t, "", "setup", "--data-dir", dir, "--lang", "en", "--teen", "Sam", "--age", "14", "--country", "NL", "--parent-pin-file", pin, "--agree"); r.code != 0 {
		t.Fatalf("setup: %+v", r)
	}
	now := time.Now()
	st, err := store.Open(dir, nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.AddIntervals(ctx, []store.Interval{
		{App: "minecraft", Kind: store.Foreground, Start: now.Add(-26 * time.Hour), End: now.Add(-24 * time.Hour)},
		{App: "minecraft", Kind: store.Running, Start: now.Add(-27 * time.Hour), End: now.Add(-24 * time.Hour)},
	}))
	_, err = st.AddChange(ctx, store.Change{App: "telegram", Change: store.Installed, At: now.Add(-time.Millisecond),
		Found: words.New(words.FoundFlatpak, words.Text("org.telegram.desktop"))})
	must(err)
	_, err = st.AddEvent(ctx, store.Event{Kind: store.EventGap, Start: now.Add(-50 * time.Hour), End: now.Add(-40 * time.Hour),
		Why: words.New(words.GapAsleep, words.Span(10*time.Hour))})
	must(err)
	must(st.SetMeasurement(ctx, store.Measurement{Foreground: store.MeasureX11}))
	_, err = st.AddEvent(ctx, store.Event{Kind: store.EventStart, Start: now.Add(-time.Hour),
		Why: words.New(words.Started, words.Part(words.New(words.MethodX11)))})
	must(err)
	must(st.Put(ctx, store.KeyLastSample, []byte(fmt.Sprint(now.Add(-90*time.Second).UnixMilli()))))
	st.Close()
	if r := run(t, "", "prompts", "--data-dir", dir, "--evaluate", "--json"); r.code != 0 {
		t.Fatalf("evaluate: %+v", r)
	}
	return dir
}

// Each command says everything in the language chosen with --lang, its
// labels included: in Dutch none of its English labels, and in English none
// of its Dutch ones. The agreement is in English, so --lang nl must win
// over it.
func TestCommandsSpeakTheChosenLanguage(t *testing.T) {
	dir := familyData(t)
	root, err := filepath.Abs(linuxDisk)
	if err != nil {
		t.Fatal(err)
	}
	type labels struct{ en, nl []string }
	tests := []struct {
		name string
		args []string
		// prepare runs before each language's run and returns extra args
		prepare func(t *testing.T) []string
		want    labels
	}{
		{name: "summary", args: []string{"summary", "--data-dir", dir}, want: labels{
			en: []string{"TalkFirst summary for Sam", "Time in front is measured with X11", "Running time:", "In front", "Running", "at night",
				"Installed and removed", "installed (flatpak org.telegram.desktop)", "When TalkFirst was not recording", "the computer was probably asleep", " to ", "2 h"},
			nl: []string{"TalkFirst-overzicht van Sam", "Tijd vooraan is gemeten met X11", "Open:", "Vooraan", "in de nacht",
				"Geïnstalleerd en verwijderd", "geïnstalleerd (flatpak org.telegram.desktop)", "Wanneer TalkFirst niets bijhield", "de computer sliep waarschijnlijk", " tot ", "2 u"},
		}},
		{name: "prompts", args: []string{"prompts", "--data-dir", dir}, want: labels{
			// The evidence is not listed: the rules still keep it as the
			// sentences they wrote in the agreement's language (words.Legacy).
			en: []string{"Conversation prompts for Sam, newest first", "From a game to a private chat", "[new]", "Guide:", "see also:", "Read a guide:", "Mark a prompt:"},
			nl: []string{"Gespreksideeën voor Sam, nieuwste eerst", "Van een game naar een privéchat", "[nieuw]", "Gids:", "zie ook:", "Een gids lezen:", "Een gespreksidee markeren:"},
		}},
		{name: "prompts later", args: []string{"prompts", "--data-dir", dir, "--status", "later"},
			prepare: func(t *testing.T) []string {
				ps := decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--json"))
				return []string{"--set", ps[0]["id"].(string)}
			},
			want: labels{en: []string{"as later; it shows as new again on "}, nl: []string{"staat op later; op ", "staat het weer als nieuw"}}},
		{name: "status", args: []string{"status", "--data-dir", dir}, want: labels{
			en: []string{"Agent:", "Agreement:", "with Sam, until", "Last sample:", " ago)", "Data folder:", "Time in front:",
				"now, in this terminal's session:", "the agent, at its last start (", "measured with X11"},
			nl: []string{"Agent:", "Afspraak:", "met Sam, tot", "Laatste meting:", " geleden)", "Gegevensmap:", "Tijd vooraan:",
				"nu, in de sessie van deze terminal:", "de agent, bij de laatste start (", "gemeten met X11"},
		}},
		{name: "resources", args: []string{"resources", "--data-dir", dir}, want: labels{
			en: []string{"Help lines for the Netherlands, the country in your family agreement", "phone:", "web:", "hours:", "(international)"},
			nl: []string{"Hulplijnen voor Nederland, het land uit jullie afspraak", "telefoon:", "website:", "bereikbaar:", "(internationaal)"},
		}},
		{name: "resources of an unknown country", args: []string{"resources", "--data-dir", dir, "--country", "ZZ"}, want: labels{
			en: []string{"TalkFirst has no help lines for ZZ yet", "Countries with their own list", "the Netherlands", "(international)"},
			nl: []string{"TalkFirst heeft nog geen hulplijnen voor ZZ", "Landen met een eigen lijst", "Nederland", "(internationaal)"},
		}},
		{name: "guides", args: []string{"guides", "--data-dir", dir}, want: labels{
			en: []string{"guides (English). Read one with: talkfirst-agent guides --lang en ID"},
			nl: []string{"gidsen (Nederlands). Lees er een met: talkfirst-agent guides --lang nl ID"},
		}},
		{name: "one guide", args: []string{"guides", "platform-hop", "--age", "13-17"}, want: labels{
			en: []string{"(ages 13-17)"}, nl: []string{"(13-17 jaar)"},
		}},
		{name: "pause", args: []string{"pause", "--data-dir", dir, "--for", "2h", "--reason", "exam week"},
			prepare: func(t *testing.T) []string { run(t, "", "resume", "--data-dir", dir); return nil },
			want:    labels{en: []string{"Paused until ", "shown to both of you"}, nl: []string{"Gepauzeerd tot ", "Jullie zien allebei"}}},
		{name: "resume", args: []string{"resume", "--data-dir", dir},
			prepare: func(t *testing.T) []string {
				run(t, "", "pause", "--data-dir", dir, "--for", "1h", "--reason", "x")
				return nil
			},
			want: labels{en: []string{"Recording again."}, nl: []string{"Er wordt weer bijgehouden."}}},
		{name: "setup", args: []string{"setup", "--teen", "Sam", "--age", "14", "--country", "NL", "--agree"},
			prepare: func(t *testing.T) []string {
				return []string{"--data-dir", filepath.Join(t.TempDir(), "new"), "--parent-pin-file", writePIN(t, "2468")}
			},
			want: labels{
				en: []string{"The family agreement is saved; it ends on ", "Data folder:", "Nothing is recorded yet", "talkfirst-agent install --data-dir "},
				nl: []string{"De afspraak is bewaard en loopt af op ", "Gegevensmap:", "Er wordt nog niets bijgehouden", "talkfirst-agent install --data-dir "},
			}},
		{name: "forget", args: []string{"forget", "--yes", "--keep-agreement"},
			prepare: func(t *testing.T) []string { return []string{"--data-dir", familyData(t)} },
			want:    labels{en: []string{"All collected data is deleted. The agreement is kept"}, nl: []string{"Alle bijgehouden gegevens zijn gewist. De afspraak blijft"}}},
		{name: "scan", args: []string{"scan", "--os", "linux", "--root", root, "--home", "/home/sam"}, want: labels{
			en: []string{"chat apps and games with chat found.", "Messengers", "Games with chat", "installed to", "TalkFirst reads only where apps are installed"},
			nl: []string{"chatapps en games met chat gevonden.", "Berichtenapps", "Games met chat", "geïnstalleerd in", "TalkFirst kijkt alleen waar apps zijn geïnstalleerd"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []string{"en", "nl"} {
				args := append([]string{}, tc.args...)
				if tc.prepare != nil {
					args = append(args, tc.prepare(t)...)
				}
				r := run(t, "", append(args, "--lang", lang)...)
				if r.code != 0 {
					t.Fatalf("--lang %s: exit %d: %s", lang, r.code, r.stderr)
				}
				out := r.stdout + r.stderr
				own, other := tc.want.en, tc.want.nl
				if lang == "nl" {
					own, other = other, own
				}
				for _, s := range own {
					if !strings.Contains(out, s) {
						t.Errorf("--lang %s does not say %q:\n%s", lang, s, out)
					}
				}
				for _, s := range other {
					if !slices.Contains(own, s) && strings.Contains(out, s) {
						t.Errorf("--lang %s says %q, of the other language:\n%s", lang, s, out)
					}
				}
			}
		})
	}
}

// Without --lang a command speaks the agreement's language, and without an
// agreement the system's.
func TestLanguageDefaults(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	dutch := func(k string) string {
		if k == "LANG" {
			return "nl_NL.UTF-8"
		}
		return ""
	}
	var out, errb strings.Builder
	// no agreement: the system's language
	cli.Main([]string{"summary", "--data-dir", dir}, &cli.IO{Stdout: &out, Stderr: &errb, Getenv: dutch})
	if !strings.Contains(errb.String(), "nog geen TalkFirst-gegevens") {
		t.Errorf("without an agreement on a Dutch system: %q", errb.String())
	}
	// an English agreement wins over the Dutch system
	pin := writePIN(t, "2468")
	if r := run(t, "", "setup", "--data-dir", dir, "--lang", "en", "--teen", "Sam", "--age", "14", "--country", "NL", "--parent-pin-file", pin, "--agree"); r.code != 0 {
		t.Fatalf("setup: %+v", r)
	}
	out.Reset()
	cli.Main([]string{"summary", "--data-dir", dir}, &cli.IO{Stdout: &out, Stderr: &errb, Getenv: dutch})
	if !strings.HasPrefix(out.String(), "TalkFirst summary for Sam") {
		t.Errorf("an English agreement on a Dutch system: %q", out.String())
	}
	// a setup without --lang on a Dutch system makes a Dutch agreement
	other := filepath.Join(t.TempDir(), "data")
	out.Reset()
	cli.Main([]string{"setup", "--data-dir", other, "--teen", "Sam", "--age", "14", "--country", "NL", "--parent-pin-file", pin, "--agree"},
		&cli.IO{Stdout: &out, Stderr: &errb, Getenv: dutch})
	if !strings.HasPrefix(out.String(), "De afspraak is bewaard") {
		t.Errorf("setup on a Dutch system: %q", out.String())
	}
	if r := run(t, "", "status", "--data-dir", other); !strings.Contains(r.stdout, "Afspraak:") {
		t.Errorf("status of a Dutch agreement on an English system: %s", r.stdout)
	}
	if r := run(t, "", "summary", "--data-dir", dir, "--lang", "de"); r.code != 2 || !strings.Contains(r.stderr, "--lang must be en or nl") {
		t.Errorf("--lang de: %+v", r)
	}
}

// The texts the commands registered are complete in both languages and
// use the glossary's terms, and every country with help lines and every
// category of the catalog has a name.
func TestCLITexts(t *testing.T) {
	for _, err := range words.Check() {
		t.Error(err)
	}
	for _, cc := range guide.Countries() {
		if !words.Has("country." + cc) {
			t.Errorf("country %s has help lines but no name", cc)
		}
	}
	for _, c := range catalog.Categories {
		if !words.Has("cli.scan.cat." + string(c)) {
			t.Errorf("category %s has no heading", c)
		}
	}
}

// status tells what this terminal's session can measure now from what the
// agent recorded at its last start, each on its own labelled line: a
// terminal without a desktop beside an agent that measured with X11 is two
// facts, not a contradiction.
func TestStatusSaysNowAndBefore(t *testing.T) {
	dir := familyData(t)
	r := run(t, "", "status", "--data-dir", dir, "--lang", "en")
	if r.code != 0 {
		t.Fatalf("status: %+v", r)
	}
	var now, agent string
	for _, line := range strings.Split(r.stdout, "\n") {
		switch {
		case strings.HasPrefix(line, "  now, in this terminal's session:"):
			now = line
		case strings.HasPrefix(line, "  the agent, at its last start ("):
			agent = line
		}
	}
	if now == "" || !strings.HasSuffix(strings.TrimSpace(agent), "measured with X11") {
		t.Errorf("want a line for now and one saying the agent measured with X11:\n%s", r.stdout)
	}
	for _, old := range []string{"In front:", "Recorded:", "can't be measured in this session"} {
		if strings.Contains(r.stdout, old) {
			t.Errorf("status still says %q:\n%s", old, r.stdout)
		}
	}
}
