package insight

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/guide"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

func TestNoDuplicateWithin14Days(t *testing.T) {
	ctx := context.Background()
	t.Run("app rule", func(t *testing.T) {
		st := newStore(t, nil)
		t0 := now0
		install(t, st, "telegram", t0.Add(-time.Hour))
		first := only(evaluate(t, st, t0), RuleNewApp)
		if len(first) != 1 {
			t.Fatalf("first evaluation: %v, want one new-app", rulesOf(first))
		}
		// talked about it: still not raised again
		if err := SetStatus(ctx, st, first[0].ID, StatusTalked, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got := only(evaluate(t, st, t0.Add(2*time.Hour)), RuleNewApp); len(got) != 0 {
			t.Errorf("raised again an hour later: %v", rulesOf(got))
		}
		// removed and installed again five days later: within 14 days of the prompt
		remove(t, st, "telegram", t0.Add(days(2)))
		install(t, st, "telegram", t0.Add(days(5)))
		if got := only(evaluate(t, st, t0.Add(days(5)+time.Hour)), RuleNewApp); len(got) != 0 {
			t.Errorf("raised again for a reinstall within 14 days: %v", rulesOf(got))
		}
		if got := only(evaluate(t, st, t0.Add(days(14)-time.Minute)), RuleNewApp); len(got) != 0 {
			t.Errorf("raised again 1 minute before 14 days: %v", rulesOf(got))
		}
		// 14 days after the first prompt the reinstall is raised
		got := only(evaluate(t, st, t0.Add(days(14))), RuleNewApp)
		if len(got) != 1 || !hasFact(got[0], words.New(words.EvInstalled, words.App("telegram"), words.Date(t0.Add(days(5))))) {
			t.Errorf("after 14 days: %+v, want the reinstall raised", got)
		}
		// another app is not held back by telegram's prompt
		install(t, st, "discord", t0.Add(days(14)+time.Hour))
		if got := only(evaluate(t, st, t0.Add(days(14)+2*time.Hour)), RuleNewApp); len(got) != 1 || got[0].Apps[0] != "discord" {
			t.Errorf("another app: %v, want new-app:discord", rulesOf(got))
		}
	})
	t.Run("pattern rule", func(t *testing.T) {
		st := newStore(t, nil)
		addIntervals(t, st, fg("discord", nightAt(0), time.Hour), fg("discord", nightAt(1), time.Hour))
		if got := only(evaluate(t, st, now0), RuleLateNight); len(got) != 1 {
			t.Fatalf("first evaluation: %v, want a late-night prompt", rulesOf(got))
		}
		// two more late nights the next days, and another two 13 days on
		addIntervals(t, st, fg("discord", nightAt(-1), time.Hour), fg("roblox", nightAt(-2), time.Hour),
			fg("discord", nightAt(-12), time.Hour), fg("discord", nightAt(-13), time.Hour))
		for _, at := range []time.Time{now0.Add(days(3)), now0.Add(days(14) - time.Minute)} {
			if got := only(evaluate(t, st, at), RuleLateNight); len(got) != 0 {
				t.Errorf("raised again at %v: %v", at, rulesOf(got))
			}
		}
		if got := only(evaluate(t, st, now0.Add(days(14))), RuleLateNight); len(got) != 1 {
			t.Errorf("14 days on: %v, want it raised again", rulesOf(got))
		}
	})
	t.Run("evaluating twice at once", func(t *testing.T) {
		st := newStore(t, nil)
		install(t, st, "telegram", now0.Add(-time.Hour))
		if got := evaluate(t, st, now0); len(got) != 1 {
			t.Fatalf("first: %v", rulesOf(got))
		}
		if got := evaluate(t, st, now0); len(got) != 0 {
			t.Errorf("second evaluation at the same moment: %v", rulesOf(got))
		}
		all, err := List(ctx, st, now0)
		if err != nil || len(all) != 1 {
			t.Errorf("stored %d prompts (%v), want 1", len(all), err)
		}
	})
	t.Run("platform-hop replaces new-app also after it was raised", func(t *testing.T) {
		st := newStore(t, nil)
		addIntervals(t, st, fg("roblox", now0.Add(-days(3)), time.Hour))
		install(t, st, "discord", now0.Add(-time.Hour))
		if got := installRules(evaluate(t, st, now0)); !slices.Equal(got, []string{"platform-hop:discord+roblox"}) {
			t.Fatalf("first: %v", got)
		}
		// the hop is held back by the 14 days; new-app must not fill in for it
		if got := installRules(evaluate(t, st, now0.Add(days(1)))); len(got) != 0 {
			t.Errorf("a day later: %v, want nothing", got)
		}
	})
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, nil)
	install(t, st, "telegram", now0.Add(-time.Hour))
	ps := evaluate(t, st, now0)
	if len(ps) != 1 || ps[0].Status != StatusNew {
		t.Fatalf("evaluate: %+v", ps)
	}
	id := ps[0].ID
	at := now0.Add(time.Hour)
	if err := SetStatus(ctx, st, id, StatusLater, at); err != nil {
		t.Fatal(err)
	}
	status := func(now time.Time) Prompt {
		t.Helper()
		all, err := List(ctx, st, now)
		if err != nil || len(all) != 1 {
			t.Fatalf("List: %v, %v", all, err)
		}
		return all[0]
	}
	tests := []struct {
		name   string
		now    time.Time
		status string
		until  time.Time
	}{
		{"just after", at.Add(time.Minute), StatusLater, at.Add(SnoozeFor)},
		{"a moment before 3 days", at.Add(SnoozeFor - time.Millisecond), StatusLater, at.Add(SnoozeFor)},
		{"3 days later it is new again", at.Add(SnoozeFor), StatusNew, time.Time{}},
		{"and stays new", at.Add(days(10)), StatusNew, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := status(tc.now)
			if p.Status != tc.status || !p.SnoozedUntil.Equal(tc.until) {
				t.Errorf("status %q until %v, want %q until %v", p.Status, p.SnoozedUntil, tc.status, tc.until)
			}
		})
	}
	if err := SetStatus(ctx, st, id, StatusTalked, at.Add(days(4))); err != nil {
		t.Fatal(err)
	}
	if p := status(at.Add(days(30))); p.Status != StatusTalked || !p.StatusAt.Equal(at.Add(days(4))) || !p.SnoozedUntil.IsZero() {
		t.Errorf("after talked: %+v", p)
	}
	if err := SetStatus(ctx, st, id, StatusNotRelevant, at.Add(days(5))); err != nil {
		t.Fatal(err)
	}
	if p := status(at.Add(days(5))); p.Status != StatusNotRelevant {
		t.Errorf("after not-relevant: %+v", p)
	}
	if err := SetStatus(ctx, st, "p-00000000", StatusTalked, at); !errors.Is(err, store.ErrNoPrompt) || !strings.Contains(err.Error(), "p-00000000") {
		t.Errorf("unknown id: %v, want ErrNoPrompt naming the id", err)
	}
	if err := SetStatus(ctx, st, id, "done", at); err == nil || !strings.Contains(err.Error(), `"done"`) {
		t.Errorf("unknown status: %v, want an error naming it", err)
	}
}

// everything builds a store where every rule but check-in fires at now0.
func everything(t *testing.T, lang string) *store.Store {
	st := newStore(t, func(a *consent.Agreement) { a.Lang = lang; a.Expires = now0.Add(days(3)) })
	addIntervals(t, st, fg("minecraft", now0.Add(-days(3)), time.Hour))
	install(t, st, "telegram", now0.Add(-2*time.Hour))
	install(t, st, "teams", now0.Add(-time.Hour))
	install(t, st, "roblox", now0.Add(-30*time.Minute))
	addIntervals(t, st, fg("discord", nightAt(0), 30*time.Minute), fg("discord", nightAt(1), 40*time.Minute))
	addIntervals(t, st, baseline(time.Hour)...)
	addIntervals(t, st, fg("discord", thisWeek, 4*time.Hour))
	event(t, st, store.EventPause, now0.Add(-days(4)), now0.Add(-days(2)), "exam week")
	event(t, st, store.EventGap, now0.Add(-days(7)), now0.Add(-days(6)).Add(time.Hour), "")
	return st
}

// words that accuse or alarm, in both languages; none may appear in a prompt.
var accusing = regexp.MustCompile(`(?i)\b(suspicious|suspect|danger\w*|caught|alarm\w*|warning|risk\w*|threat\w*|predator\w*|groom\w*|secret\w*|hid\w*|sneak\w*|verdacht\w*|gevaar\w*|betrapt|waarschuwing|risico\w*|dreig\w*|stiekem|geheim\w*|verstopt)\b`)

// language markers: words of one language that the other's texts never use.
var (
	englishWords = regexp.MustCompile(`\b(the|and|were|installed|night|days|with|used|before|ago)\b`)
	dutchWords   = regexp.MustCompile(`\b(de|het|en|op|geïnstalleerd|nacht|dagen|met|gebruikte|daarvoor|geleden)\b`)
)

func TestContent(t *testing.T) {
	lib, err := guide.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range guide.Languages {
		t.Run(lang, func(t *testing.T) {
			// three stores: every rule but check-in; check-in; an agreement that ended
			checkIn := newStore(t, func(a *consent.Agreement) { a.Lang = lang })
			expired := newStore(t, func(a *consent.Agreement) { a.Lang = lang; a.Expires = now0.Add(-days(2)) })
			var ps []Prompt
			for _, st := range []*store.Store{everything(t, lang), checkIn, expired} {
				got := evaluate(t, st, now0)
				ids := map[string]bool{}
				for _, p := range got {
					if !regexp.MustCompile(`^p-[0-9a-f]{8}$`).MatchString(p.ID) || ids[p.ID] {
						t.Errorf("id %q is not p- and 8 hex digits, or not unique", p.ID)
					}
					ids[p.ID] = true
				}
				ps = append(ps, got...)
			}
			var rules []string
			for _, p := range ps {
				if !slices.Contains(rules, p.Rule) {
					rules = append(rules, p.Rule)
				}
				t.Logf("%s %s %v [%s] %s", p.ID, p.Rule, p.Apps, p.Guide, p.Topic)
				for _, l := range p.Evidence {
					t.Logf("    %s", l)
				}
				if len(p.Evidence) == 0 || len(p.Evidence) != len(p.Facts) {
					t.Errorf("%s has %d evidence lines for %d facts, want some", p.Rule, len(p.Evidence), len(p.Facts))
				}
				for _, f := range p.Facts {
					if err := f.Check(); err != nil || f.Code == words.Legacy {
						t.Errorf("%s fact %v: %v, want a defined code with its arguments", p.Rule, f, err)
					}
				}
				for _, l := range p.Evidence {
					if accusing.MatchString(l) {
						t.Errorf("%s evidence %q has an accusing word %q", p.Rule, l, accusing.FindString(l))
					}
					if !strings.HasSuffix(l, ".") || strings.Contains(l, "%!") || strings.Contains(l, "  ") {
						t.Errorf("%s evidence %q is not a clean sentence", p.Rule, l)
					}
					other := englishWords
					if lang == "en" {
						other = dutchWords
					}
					if w := other.FindString(l); w != "" {
						t.Errorf("%s evidence %q in %s has the word %q of the other language", p.Rule, l, lang, w)
					}
				}
				for _, gl := range guide.Languages {
					for _, band := range guide.AgeBands {
						if _, ok := lib.Find(gl, p.Guide, band); !ok {
							t.Errorf("%s: guide %q has no %s version for %s", p.Rule, p.Guide, gl, band)
						}
					}
				}
				for _, r := range p.Related {
					if !slices.Contains(lib.IDs("en"), r) || !slices.Contains(lib.IDs("nl"), r) {
						t.Errorf("%s: related guide %q does not exist in both languages", p.Rule, r)
					}
				}
				if p.Topic == "" || accusing.MatchString(p.Topic) || regexp.MustCompile(`\d`).MatchString(p.Topic) {
					t.Errorf("%s: topic %q is empty, alarming or has figures", p.Rule, p.Topic)
				}
				if p.Guide != "school-work" && p.Topic != Topic(p.Rule, lang) {
					t.Errorf("%s: topic %q, want Topic() = %q", p.Rule, p.Topic, Topic(p.Rule, lang))
				}
			}
			slices.Sort(rules)
			want := slices.Clone(Rules)
			slices.Sort(want)
			if !slices.Equal(rules, want) {
				t.Errorf("rules that fired: %v, want every rule %v", rules, want)
			}
		})
	}
}

func TestTopics(t *testing.T) {
	for _, r := range Rules {
		en, nl := Topic(r, "en"), Topic(r, "nl")
		if en == "" || nl == "" || en == nl {
			t.Errorf("Topic(%s) = %q / %q, want an English and a Dutch topic", r, en, nl)
		}
		if Topic(r, "fr") != en {
			t.Errorf("Topic(%s, fr) should fall back to English", r)
		}
	}
	if Topic("new-app", "nl") != "Een nieuwe chatapp of game" {
		t.Errorf("Topic(new-app, nl) = %q", Topic("new-app", "nl"))
	}
	if got := Topic("no-such-rule", "en"); got == "" {
		t.Error("an unknown rule has no topic")
	}
}

// The Dutch evidence of the examples in the issue.
func TestDutchInstallEvidence(t *testing.T) {
	st := newStore(t, dutch)
	addIntervals(t, st, fg("minecraft", now0.Add(-days(12)), 9*time.Hour+10*time.Minute))
	install(t, st, "telegram", now0.Add(-time.Hour))
	install(t, st, "teams", now0.Add(-time.Hour))
	ps := evaluate(t, st, now0)
	hop := only(ps, RulePlatformHop)
	if len(hop) != 1 {
		t.Fatalf("prompts %v", rulesOf(ps))
	}
	for _, l := range []string{
		"Telegram is op dinsdag 24 november geïnstalleerd.",
		"In de 30 dagen daarvoor gebruikte Sam Minecraft 9 u 10 min, voor het laatst op donderdag 12 november (tijd vooraan).",
	} {
		if !hasLine(hop[0], l) {
			t.Errorf("evidence %q lacks %q", hop[0].Evidence, l)
		}
	}
	if hop[0].Topic != "Van een game naar een privéchat" {
		t.Errorf("topic %q", hop[0].Topic)
	}
	news := only(ps, RuleNewApp)
	if len(news) != 1 || !hasLine(news[0], "Microsoft Teams wordt vooral voor school of werk gebruikt.") || news[0].Topic != "Een nieuwe app voor school of werk" {
		t.Errorf("school app in Dutch: %+v", news)
	}
}

// Evidence is kept as facts and put into words when shown: a prompt made
// while the agreement was in English reads in Dutch once the family chose
// Dutch, and names the teen by the name the agreement has then.
func TestEvidenceInTheLanguageOfReading(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, nil)
	install(t, st, "telegram", now0.Add(-time.Hour))
	addIntervals(t, st, fg("minecraft", now0.Add(-days(2)), time.Hour))
	made := evaluate(t, st, now0)
	if len(made) != 1 || made[0].Evidence[0] != "Telegram was installed on Tuesday 24 November." {
		t.Fatalf("in English: %+v", made)
	}
	a, err := consent.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	a.Lang, a.Teen = "nl", "Sanne"
	if err := consent.Save(ctx, st, a, now0, words.New(words.AgreementChanged, words.Parts())); err != nil {
		t.Fatal(err)
	}
	ps, err := List(ctx, st, now0.Add(time.Hour))
	if err != nil || len(ps) != 1 {
		t.Fatalf("List = %v, %v", ps, err)
	}
	want := []string{
		"Telegram is op dinsdag 24 november geïnstalleerd.",
		"In de 30 dagen daarvoor gebruikte Sanne Minecraft 1 u, voor het laatst op zondag 22 november (tijd vooraan).",
	}
	if !slices.Equal(ps[0].Evidence, want) || ps[0].Topic != "Van een game naar een privéchat" {
		t.Errorf("in Dutch: %q, topic %q; want %q", ps[0].Evidence, ps[0].Topic, want)
	}
	if !slices.EqualFunc(ps[0].Facts, made[0].Facts, words.Fact.Equal) {
		t.Errorf("the facts changed with the language: %v, was %v", ps[0].Facts, made[0].Facts)
	}
}
