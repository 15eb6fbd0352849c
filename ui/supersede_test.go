package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/insight"
	"github.com/talkfirst/talkfirst/agent/source"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// supersededData is promptData with the new-app prompt that the hop took
// the place of.
func supersededData() []Prompt {
	ps := promptData()
	return append(ps, Prompt{ID: "p-new", Rule: "new-app", Apps: []string{"telegram"}, Created: fakeNow.Add(-48 * time.Hour),
		Status: StatusSuperseded, SupersededBy: "p-hop", Topic: "A new app or game", Guide: "new-app",
		Evidence: []string{"Telegram was installed on Tuesday 24 November."}})
}

// The agent's own store: a new-app prompt, then the platform-hop for the
// same install, read through StoreSource by the parent's inbox and the
// teen's "what my parent sees".
func TestSupersededFromTheStore(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	now := time.Now()
	installed := now.Add(-2 * time.Hour)
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
		if _, err := st.AddChange(ctx, store.Change{App: "telegram", Change: store.Installed, At: installed}); err != nil {
			t.Fatal(err)
		}
		if ps, err := insight.Evaluate(ctx, st, installed.Add(time.Minute)); err != nil || len(ps) != 1 || ps[0].Rule != insight.RuleNewApp {
			t.Fatalf("first evaluation: %v, %v; want a new-app prompt", ps, err)
		}
		if err := st.AddIntervals(ctx, []store.Interval{{App: "minecraft", Kind: store.Foreground, Start: installed.Add(-time.Hour), End: installed}}); err != nil {
			t.Fatal(err)
		}
		if ps, err := insight.Evaluate(ctx, st, installed.Add(time.Hour)); err != nil || len(ps) != 1 || ps[0].Rule != insight.RulePlatformHop {
			t.Fatalf("second evaluation: %v, %v; want a platform-hop", ps, err)
		}
	}()
	src := source.NewStoreSource(dir, nil)
	t.Cleanup(func() { src.Close() })
	ps, err := src.Prompts(ctx, "en")
	if err != nil || len(ps) != 2 {
		t.Fatalf("Prompts: %v, %v; want two", ps, err)
	}
	hop, na := ps[0], ps[1]
	if hop.Rule != insight.RulePlatformHop || na.Status != StatusSuperseded || na.SupersededBy != hop.ID {
		t.Fatalf("prompts: %+v, want the new-app superseded by the hop", ps)
	}

	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 700))
	u := screensNew(t, test.NewTempApp(t), w, src, Options{Lang: "en"})
	u.Refresh(ctx)
	p := screensUnlock(t, u)
	c := p.prompts.cards[na.ID]
	want := "Replaced by “From a game to a private chat” (" + fmtDate(hop.Created, "en") + "), about the same install"
	if c == nil || !strings.HasPrefix(c.status.Text, want) {
		t.Fatalf("the parent's card says %v, want %q", c, want)
	}
	texts := screensTexts(p.prompts.content())
	earlier, at := slices.Index(texts, "Earlier"), slices.IndexFunc(texts, func(s string) bool { return strings.HasPrefix(s, want) })
	if earlier < 0 || at < earlier {
		t.Errorf("the superseded prompt is not under Earlier: %q", texts)
	}
	if t2 := screensTexts(c.box); slices.Contains(t2, "We talked about it") || slices.Contains(t2, "Later") || slices.Contains(t2, "Not relevant") {
		t.Errorf("the superseded card still offers actions: %q", t2)
	}

	u.main.SelectIndex(tabSees)
	s := u.sees
	if len(s.promptTexts) != 2 || s.promptTexts[1][2] != "Replaced by a newer prompt" || s.promptTexts[0][2] != "New" {
		t.Errorf("the teen sees %q", s.promptTexts)
	}
	pointer := "This prompt was replaced by “From a game to a private chat” (" + teenDayLong(hop.Created, "en") + "), which is about the same install."
	if !strings.Contains(teenJoined(s.content()), pointer) {
		t.Errorf("the teen's view lacks %q", pointer)
	}
}

func TestSupersededDutch(t *testing.T) {
	u, snap := teenSetup(t, "nl", func(f *fakeSource) { f.prompts = supersededData() })
	s := newParentSeesScreen(u)
	teenShow(t, s.content())
	s.apply(snap)
	hop := snap.prompts[0]
	if got := s.promptTexts[2][2]; got != "Vervangen door een nieuwer gespreksidee" {
		t.Errorf("the teen's status: %q", got)
	}
	pointer := "Dit gespreksidee is vervangen door ‘Van een game naar een privéchat’ (" + teenDayLong(hop.Created, "nl") + "), dat over dezelfde installatie gaat."
	if !strings.Contains(teenJoined(s.content()), pointer) {
		t.Errorf("the teen's view lacks %q", pointer)
	}

	f := newFakeSource().withAgreement()
	f.agreement.Lang = "nl"
	f.prompts = supersededData()
	pu := screensNew(t, test.NewTempApp(t), test.NewTempWindow(t, nil), f, Options{Lang: "nl", Now: func() time.Time { return fakeNow }})
	pu.Refresh(context.Background())
	p := screensUnlock(t, pu)
	want := "Vervangen door ‘Van een game naar een privéchat’ (" + fmtDate(hop.Created, "nl") + "), over dezelfde installatie"
	if c := p.prompts.cards["p-new"]; c == nil || !strings.HasPrefix(c.status.Text, want) {
		t.Errorf("the parent's card: want %q", want)
	}
}

// A superseded prompt is not open: it is never announced.
func TestSupersededIsNotAnnounced(t *testing.T) {
	src := newFakeSource().withAgreement()
	src.prompts = promptData()[1:] // the late night
	u := screensNew(t, test.NewTempApp(t), test.NewTempWindow(t, nil), src, Options{Lang: "en", Now: func() time.Time { return fakeNow }})
	var got [][]string
	u.OnNewPrompts(func(topics []string) { got = append(got, topics) })
	ctx := context.Background()
	u.Refresh(ctx)
	src.prompts = supersededData() // the hop and the new-app it superseded appear together
	u.Refresh(ctx)
	if len(got) != 1 || !slices.Equal(got[0], []string{"From a game to a private chat"}) {
		t.Errorf("notifications = %v, want only the hop's topic", got)
	}
}
