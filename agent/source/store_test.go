package source

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/insight"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// TestPromptsInTheScreensLanguage makes a prompt under an English
// agreement and reads it in Dutch and in English: the evidence and the
// topic follow the language asked for, not the agreement's.
func TestPromptsInTheScreensLanguage(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	now := time.Now()
	func() {
		st, err := store.Open(dir, nil, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		pin, err := consent.HashPIN("2468")
		if err != nil {
			t.Fatal(err)
		}
		a := consent.New(now.AddDate(0, 0, -20))
		a.Teen, a.Age, a.Country, a.Lang = "Sam", 14, "NL", "en"
		a.TeenAgreed, a.ParentAgreed, a.PIN = a.Created, a.Created, pin
		if err := consent.Save(ctx, st, a, a.Created, words.New(words.AgreementMade, words.Teen())); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddChange(ctx, store.Change{App: "telegram", Change: store.Installed, At: now.Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if ps, err := insight.Evaluate(ctx, st, now); err != nil || len(ps) != 1 {
			t.Fatalf("evaluate: %v, %v; want one prompt", ps, err)
		}
	}()
	src := NewStoreSource(dir, nil)
	t.Cleanup(func() { src.Close() })
	for _, tc := range []struct{ lang, topic, evidence string }{
		{"nl", insight.TopicOf(insight.RuleNewApp, "", words.NL), "geïnstalleerd"},
		{"en", insight.TopicOf(insight.RuleNewApp, "", words.EN), "installed"},
	} {
		ps, err := src.Prompts(ctx, tc.lang)
		if err != nil || len(ps) != 1 {
			t.Fatalf("Prompts(%s) = %v, %v", tc.lang, ps, err)
		}
		p := ps[0]
		if p.Topic != tc.topic || len(p.Evidence) == 0 || !strings.Contains(p.Evidence[0], tc.evidence) {
			t.Errorf("in %s: topic %q, evidence %q; want %q and %q in it", tc.lang, p.Topic, p.Evidence, tc.topic, tc.evidence)
		}
	}
}
