package cli_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/cli"
	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/store"
)

type promptsJSON struct {
	Prompts []map[string]any `json:"prompts"`
}

func decodePrompts(t *testing.T, r result) []map[string]any {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var v promptsJSON
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("prompts JSON: %v\n%s", err, r.stdout)
	}
	if v.Prompts == nil {
		t.Fatalf("prompts JSON has no prompts list: %s", r.stdout)
	}
	return v.Prompts
}

// The command runs on the real clock, so the test data is placed around the
// agreement, which setup made a moment ago: Minecraft was played the day
// before and Telegram was installed the moment the agreement was made (the
// rules count installs from then on), which is in the past for every
// command after setup.
func TestPromptsCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	pin := writePIN(t, "2468")
	if r := run(t, "", "setup", "--data-dir", dir, "--teen", "Sam", "--age", "14", "--country", "NL", "--parent-pin-file", pin, "--agree"); r.code != 0 {
		t.Fatalf("setup: %+v", r)
	}
	if r := run(t, "", "prompts", "--data-dir", dir); r.code != 0 || !strings.Contains(r.stdout, "No conversation prompts for Sam yet") {
		t.Fatalf("prompts before any: %+v", r)
	}
	var now time.Time
	func() {
		st, err := store.Open(dir, nil, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ctx := context.Background()
		ag, err := consent.Load(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		now = ag.Created
		if err := st.AddIntervals(ctx, []store.Interval{{App: "minecraft", Kind: store.Foreground, Start: now.Add(-26 * time.Hour), End: now.Add(-24 * time.Hour)}}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddChange(ctx, store.Change{App: "telegram", Change: store.Installed, At: now}); err != nil {
			t.Fatal(err)
		}
	}()

	ps := decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--evaluate", "--json"))
	if len(ps) != 1 {
		t.Fatalf("evaluate: %v, want one platform-hop prompt", ps)
	}
	p := ps[0]
	for _, k := range []string{"id", "rule", "apps", "created", "evidence", "guide", "status", "topic", "related"} {
		if _, ok := p[k]; !ok {
			t.Errorf("prompt JSON lacks %q: %v", k, p)
		}
	}
	if p["rule"] != "platform-hop" || p["guide"] != "platform-hop" || p["status"] != "new" || p["topic"] != "From a game to a private chat" {
		t.Errorf("prompt = %v", p)
	}
	if apps, _ := p["apps"].([]any); !slices.Equal(apps, []any{"telegram", "minecraft"}) {
		t.Errorf("apps = %v, want telegram and minecraft", p["apps"])
	}
	if _, ok := p["snoozed_until"]; ok {
		t.Errorf("a new prompt has snoozed_until: %v", p)
	}
	id := p["id"].(string)

	// a second evaluation finds nothing new
	if again := decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--evaluate", "--json")); len(again) != 0 {
		t.Errorf("second evaluate: %v", again)
	}
	if r := run(t, "", "prompts", "--data-dir", dir, "--evaluate"); r.code != 0 || !strings.Contains(r.stdout, "No new prompts.") {
		t.Errorf("second evaluate, text: %+v", r)
	}

	all := decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--json"))
	if len(all) != 1 || all[0]["id"] != id {
		t.Fatalf("list: %v", all)
	}

	r := run(t, "", "prompts", "--data-dir", dir)
	t.Logf("the table:\n%s", r.stdout)
	for _, want := range []string{id, "From a game to a private chat", "[new]", "Telegram was installed on ", "Sam used Minecraft for 2 h",
		"Guide: platform-hop (see also: telegram, minecraft, meeting-from-games)", "--set ID --status talked|later|not-relevant", "guides --lang en --age 13-17 ID"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the table lacks %q:\n%s", want, r.stdout)
		}
	}

	r = run(t, "", "prompts", "--data-dir", dir, "--set", id, "--status", "later")
	if r.code != 0 || !strings.Contains(r.stdout, "Marked "+id+" as later; it shows as new again on ") {
		t.Fatalf("set later: %+v", r)
	}
	all = decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--json"))
	if all[0]["status"] != "later" || all[0]["snoozed_until"] == nil {
		t.Errorf("after later: %v", all[0])
	}
	if until, err := time.Parse(time.RFC3339, all[0]["snoozed_until"].(string)); err != nil || until.Sub(now) < 71*time.Hour || until.Sub(now) > 73*time.Hour {
		t.Errorf("snoozed until %v (%v), want about 3 days from now", all[0]["snoozed_until"], err)
	}

	r = run(t, "", "prompts", "--data-dir", dir, "--set", id, "--status", "talked", "--json")
	if r.code != 0 {
		t.Fatalf("set talked: %+v", r)
	}
	var one struct {
		Prompt map[string]any `json:"prompt"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &one); err != nil || one.Prompt["status"] != "talked" || one.Prompt["id"] != id {
		t.Errorf("set --json: %v %s", err, r.stdout)
	}
	if _, ok := one.Prompt["snoozed_until"]; ok {
		t.Errorf("talked about, still snoozed: %v", one.Prompt)
	}

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown id", []string{"--set", "p-00000000", "--status", "talked"}, 1, `there is no prompt "p-00000000"`},
		{"unknown status", []string{"--set", id, "--status", "done"}, 2, "--status must be talked, later or not-relevant"},
		{"set without status", []string{"--set", id}, 2, "--set needs --status"},
		{"status without set", []string{"--status", "talked"}, 2, "--status needs --set"},
		{"set and evaluate", []string{"--set", id, "--status", "talked", "--evaluate"}, 2, "give --set or --evaluate, not both"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", append([]string{"prompts", "--data-dir", dir}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, "talkfirst-agent: prompts: "+tc.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tc.code, tc.stderr)
			}
		})
	}
}

func TestPromptsWithoutData(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nothing-here")
	for _, args := range [][]string{{"--json"}, {"--evaluate"}, {"--set", "p-00000000", "--status", "talked"}} {
		r := run(t, "", append([]string{"prompts", "--data-dir", missing}, args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, "no TalkFirst data in") {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and no data", args, r.code, r.stderr)
		}
	}
	// and nothing was created there
	var out strings.Builder
	if code := cli.Main([]string{"summary", "--data-dir", missing}, &cli.IO{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}); code != 1 {
		t.Errorf("the prompts command left a store in %s", missing)
	}
}

// A platform-hop found after the new-app prompt for the same install takes
// its place; prompts --json shows the new-app prompt superseded.
func TestPromptsSuperseded(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	pin := writePIN(t, "2468")
	if r := run(t, "", "setup", "--data-dir", dir, "--teen", "Sam", "--age", "14", "--country", "NL", "--parent-pin-file", pin, "--agree"); r.code != 0 {
		t.Fatalf("setup: %+v", r)
	}
	at := time.Now() // after the agreement, and before every command below
	write := func(fn func(ctx context.Context, st *store.Store) error) {
		t.Helper()
		st, err := store.Open(dir, nil, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := fn(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	}
	write(func(ctx context.Context, st *store.Store) error {
		_, err := st.AddChange(ctx, store.Change{App: "telegram", Change: store.Installed, At: at})
		return err
	})
	first := decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--evaluate", "--json"))
	if len(first) != 1 || first[0]["rule"] != "new-app" {
		t.Fatalf("first evaluate: %v, want one new-app prompt", first)
	}
	// the Minecraft time before the install is written when the game closes
	write(func(ctx context.Context, st *store.Store) error {
		return st.AddIntervals(ctx, []store.Interval{{App: "minecraft", Kind: store.Foreground, Start: at.Add(-2 * time.Hour), End: at}})
	})
	second := decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--evaluate", "--json"))
	if len(second) != 1 || second[0]["rule"] != "platform-hop" {
		t.Fatalf("second evaluate: %v, want one platform-hop prompt", second)
	}
	newID, hopID := first[0]["id"].(string), second[0]["id"].(string)

	all := decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--json"))
	byID := map[string]map[string]any{}
	for _, p := range all {
		byID[p["id"].(string)] = p
	}
	if len(all) != 2 || byID[newID] == nil || byID[hopID] == nil {
		t.Fatalf("list: %v, want the new-app and the hop", all)
	}
	if p := byID[newID]; p["status"] != "superseded" || p["superseded_by"] != hopID || p["rule"] != "new-app" {
		t.Errorf("the new-app prompt: %v, want status superseded, superseded_by %s", p, hopID)
	}
	if p := byID[hopID]; p["status"] != "new" {
		t.Errorf("the hop: %v, want status new", p)
	}
	if _, ok := byID[hopID]["superseded_by"]; ok {
		t.Errorf("the hop has superseded_by: %v", byID[hopID])
	}
	if r := run(t, "", "prompts", "--data-dir", dir); r.code != 0 || !strings.Contains(r.stdout, "[superseded by "+hopID+"]") {
		t.Errorf("the table does not say the new-app prompt was superseded: %+v", r)
	}
	r := run(t, "", "prompts", "--data-dir", dir, "--set", newID, "--status", "talked")
	want := "talkfirst-agent: prompts: prompt " + newID + " was superseded by " + hopID + ", about the same install: mark that one\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("marking the superseded prompt: exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
	}
}

// TestEvaluateInTheChosenLanguage: prompts an evaluation just made, under
// an English agreement, are shown in the language asked for.
func TestEvaluateInTheChosenLanguage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	pin := writePIN(t, "2468")
	if r := run(t, "", "setup", "--data-dir", dir, "--teen", "Sam", "--age", "14", "--country", "NL", "--lang", "en", "--parent-pin-file", pin, "--agree"); r.code != 0 {
		t.Fatalf("setup: %+v", r)
	}
	func() {
		st, err := store.Open(dir, nil, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ctx := context.Background()
		ag, err := consent.Load(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddChange(ctx, store.Change{App: "telegram", Change: store.Installed, At: ag.Created}); err != nil {
			t.Fatal(err)
		}
	}()
	ps := decodePrompts(t, run(t, "", "prompts", "--data-dir", dir, "--evaluate", "--json", "--lang", "nl"))
	if len(ps) != 1 {
		t.Fatalf("evaluate: %v, want one new-app prompt", ps)
	}
	ev, _ := ps[0]["evidence"].([]any)
	if ps[0]["topic"] != "Een nieuwe chatapp of game" || len(ev) == 0 || !strings.Contains(ev[0].(string), "geïnstalleerd") {
		t.Errorf("evaluated prompt in Dutch: topic %v, evidence %v", ps[0]["topic"], ev)
	}
}
