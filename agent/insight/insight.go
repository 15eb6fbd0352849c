// Package insight turns what the store knows (installs, time of use, night
// hours, pauses, the agreement's dates) into conversation prompts for
// parents: invitations to talk, each with the facts that led to it and the id
// of a guide. The teen sees the same prompts and the same facts.
//
// Each rule is a function over store queries and an injected clock; every
// number they use is in the one const block below (DedupeWindow to
// RenewalWithin). Evidence is kept as facts (package words: codes with app
// ids, dates and figures), put into words in English or Dutch only when a
// prompt is shown, and never in accusing words. The same rule about the same apps is raised at
// most once in DedupeWindow, whatever became of the earlier prompt.
//
// Lifecycle: a prompt starts as new; a parent marks it talked, later
// (snoozed for SnoozeFor, after which it shows as new again) or
// not-relevant.
//
// A platform-hop takes the place of the new-app prompt for the same install
// (the same app, installed at the same moment, as kept in the store): one
// event, one prompt. When both are found in one evaluation only the hop is
// made. When the new-app prompt was made first (the game time before the
// install is often written only when the game closes, after the install
// was seen), the hop closes it as superseded, pointing at the hop, if it is
// still new or snoozed; one the parent already talked about or marked not
// relevant stays as it is, as what happened. A superseded prompt is not
// open: it cannot be marked any more, and the screens show it closed, with
// the hop it points to.
package insight

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/guide"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// Thresholds: every number the rules use.
const (
	// DedupeWindow: the same rule about the same apps fires at most once in it,
	// whether the earlier prompt was talked about, snoozed or not relevant.
	DedupeWindow = 14 * 24 * time.Hour
	// SnoozeFor is how long "later" hides a prompt.
	SnoozeFor = 3 * 24 * time.Hour

	// InstallLookback: installs older than this are not new any more
	// (new-app, platform-hop); it matches DedupeWindow.
	InstallLookback = 14 * 24 * time.Hour
	// HopWindow: time in a game with chat this long before a private chat app
	// is installed makes a platform-hop.
	HopWindow = 30 * 24 * time.Hour
	// HopMinGameTime is the least time in one game, inside HopWindow, that counts.
	HopMinGameTime = 10 * time.Minute

	// LateNightMin is the least time in chat apps or games inside the agreed
	// night hours for a night to count.
	LateNightMin = 5 * time.Minute
	// LateNightNights nights out of the last LateNightOf make a late-night prompt.
	LateNightNights = 2
	LateNightOf     = 7

	// SpikeFactor: this week's time is at least this many times the weekly
	// average of the SpikeBaselineWeeks before it (fewer when the agreement
	// is younger, but at least one full week) ...
	SpikeFactor        = 2
	SpikeBaselineWeeks = 4
	// ... and at least SpikeMin.
	SpikeMin = 3 * time.Hour

	// CheckInAfter: no prompt for this long, and an agreement at least this
	// old, makes a check-in.
	CheckInAfter = 14 * 24 * time.Hour

	// PauseLongerThan: a pause, stop or gap longer than this makes a paused
	// prompt; PauseLookback is how far back they are looked for.
	PauseLongerThan = 24 * time.Hour
	PauseLookback   = 14 * 24 * time.Hour

	// RenewalWithin: an agreement that ends within this makes a renewal prompt.
	RenewalWithin = 14 * 24 * time.Hour
)

// hopTargets are the categories of the private messengers and communities a
// conversation moves to from a game; hopApps adds single apps of other
// categories that are used the same way.
var (
	hopTargets = []catalog.Category{catalog.Messenger, catalog.Community, catalog.Anonymous}
	hopApps    = []string{"snapchat"}
)

// The rules; DESIGN.md fixes their ids.
const (
	RuleNewApp      = "new-app"
	RulePlatformHop = "platform-hop"
	RuleLateNight   = "late-night"
	RuleSpike       = "spike"
	RuleCheckIn     = "check-in"
	RulePaused      = "paused"
	RuleRenewal     = "renewal"
)

// Rules lists every rule id, most important first.
var Rules = []string{RulePlatformHop, RuleNewApp, RuleLateNight, RuleSpike, RulePaused, RuleRenewal, RuleCheckIn}

// The statuses of a prompt.
const (
	StatusNew         = "new"
	StatusTalked      = "talked"
	StatusLater       = "later"
	StatusNotRelevant = "not-relevant"
	// StatusSuperseded: another prompt about the same event took this one's
	// place (Prompt.SupersededBy). The rules set it, never a parent.
	StatusSuperseded = "superseded"
)

// ErrSuperseded means a prompt cannot be marked because another took its place.
var ErrSuperseded = errors.New("superseded")

// Statuses lists the statuses a parent can set.
var Statuses = []string{StatusTalked, StatusLater, StatusNotRelevant}

// Prompt is one invitation to talk. The JSON field names are fixed by
// DESIGN.md; fields may be added.
type Prompt struct {
	ID       string    `json:"id"`
	Rule     string    `json:"rule"`
	Apps     []string  `json:"apps"`
	Created  time.Time `json:"created"`
	Evidence []string  `json:"evidence"`
	// Facts are the evidence as codes and arguments; Evidence is them in words.
	Facts []words.Fact `json:"facts"`
	// Guide is the rule's guide id (school-work for a new school or work app).
	Guide  string `json:"guide"`
	Status string `json:"status"`
	// Topic is short, calm and has no figures: what a notification may show.
	Topic        string    `json:"topic"`
	SnoozedUntil time.Time `json:"snoozed_until,omitzero"`
	// Related are other guides that speak to the prompt's apps (from the
	// catalog) or its subject, after Guide.
	Related []string `json:"related"`
	// StatusAt is when the status was last set.
	StatusAt time.Time `json:"status_at,omitzero"`
	// SupersededBy is, for a superseded prompt, the id of the prompt that
	// took its place.
	SupersededBy string `json:"superseded_by,omitempty"`
}

// candidate is what a rule finds: a prompt not yet stored.
type candidate struct {
	rule, guide string
	apps        []string
	evidence    []words.Fact
	// key is the dedupe key: "rule:app1+app2" for rules about apps, the
	// rule alone for rules about a pattern or the agreement.
	key string
	// since: the candidate is dropped when a prompt with key was made at or
	// after since (DedupeWindow back, or earlier when the fact it is about
	// is older and was already raised).
	since time.Time
	// installAt is, for new-app and platform-hop, when apps[0] was installed.
	installAt time.Time
}

// env is what every rule reads.
type env struct {
	st          *store.Store
	ag          consent.Agreement
	now         time.Time
	loc         *time.Location
	cat         *catalog.Catalog
	measurement string // how this computer measures foreground time (store.Measure*)
}

func (e *env) category(app string) catalog.Category {
	if a, ok := e.cat.App(app); ok {
		return a.Category
	}
	return ""
}

// chat reports whether an app's time counts as time in chat apps and games:
// every catalog app except those for school and work.
func (e *env) chat(app string) bool { return e.category(app) != catalog.School }

func (e *env) game(app string) bool { return e.category(app) == catalog.GameChat }

func (e *env) hopTarget(app string) bool {
	return slices.Contains(hopTargets, e.category(app)) || slices.Contains(hopApps, app)
}

// rule is one rule: what it would raise now.
type rule func(ctx context.Context, e *env) ([]candidate, error)

// Evaluate loads the agreement (none: nothing to do), runs every rule at
// now, stores the prompts that are not duplicates and returns them, most
// important first. The evidence is shown in the agreement's language, with
// dates in now's time zone. Once the
// agreement has run out only the renewal rule runs. When a rule fails, the
// prompts stored before it are returned with the error.
func Evaluate(ctx context.Context, st *store.Store, now time.Time) ([]Prompt, error) {
	added := []Prompt{}
	ag, err := consent.Load(ctx, st)
	if errors.Is(err, consent.ErrNoAgreement) {
		return added, nil
	}
	if err != nil {
		return added, fmt.Errorf("evaluate prompts: %w", err)
	}
	e, err := newEnv(ctx, st, ag, now)
	if err != nil {
		return added, fmt.Errorf("evaluate prompts: %w", err)
	}
	rules := []rule{installs, lateNight, spike, paused, renewal, checkIn}
	if ag.Expired(now) {
		rules = []rule{renewal}
	}
	// check-in runs last and reads the store, so it sees what the others
	// just added.
	for _, r := range rules {
		cs, err := r(ctx, e)
		if err != nil {
			return added, fmt.Errorf("evaluate prompts: %w", err)
		}
		for _, c := range cs {
			p, ok, err := e.add(ctx, c)
			if err != nil {
				return added, fmt.Errorf("evaluate prompts: %w", err)
			}
			if ok {
				added = append(added, p)
			}
		}
	}
	return added, nil
}

func newEnv(ctx context.Context, st *store.Store, ag consent.Agreement, now time.Time) (*env, error) {
	cat, err := catalog.Default()
	if err != nil {
		return nil, err
	}
	e := &env{st: st, ag: ag, now: now, loc: now.Location(), cat: cat}
	m, err := st.Measurement(ctx)
	if err != nil {
		return nil, err
	}
	e.measurement = m.Foreground
	if c := m.Why.Code; c == words.MeasureNotYet || c == words.MeasureUnreadable {
		// no record, or an unreadable one, is unknown: kindFor then goes by the data
		e.measurement = ""
	}
	return e, nil
}

// add stores a candidate unless it is a duplicate.
func (e *env) add(ctx context.Context, c candidate) (Prompt, bool, error) {
	created := time.UnixMilli(e.now.UnixMilli()).In(e.loc) // the store keeps milliseconds
	sum := sha256.Sum256([]byte(c.key + "|" + strconv.FormatInt(created.UnixMilli(), 10)))
	sp := store.Prompt{
		ID: "p-" + hex.EncodeToString(sum[:4]), Rule: c.rule, Apps: c.apps, Created: created,
		Evidence: c.evidence, Guide: c.guide, Status: StatusNew, DedupeKey: c.key, InstallAt: c.installAt,
	}
	if sp.Apps == nil {
		sp.Apps = []string{}
	}
	var ok bool
	var err error
	if c.rule == RulePlatformHop {
		// the hop takes the place of the new-app prompt for its install
		ok, _, err = e.st.AddPromptSuperseding(ctx, sp, c.since, store.Supersede{
			Rule: RuleNewApp, App: c.apps[0], InstallAt: c.installAt,
			Statuses: []string{StatusNew, StatusLater}, Status: StatusSuperseded, At: created,
		})
	} else {
		ok, err = e.st.AddPromptOnce(ctx, sp, c.since)
	}
	if err != nil || !ok {
		return Prompt{}, false, err
	}
	return view(sp, e.reader(), e.cat), true, nil
}

// reader puts the evidence into words for the agreement's family: in its
// language, naming its teen, with dates in now's time zone.
func (e *env) reader() words.Renderer { return readerFor(e.ag.Lang, e.ag.Teen, e.now) }

func readerFor(lang, teen string, now time.Time) words.Renderer {
	l, _ := words.ParseLang(lang)
	return words.For(l, now).WithTeen(teen)
}

// recent is the start of the dedupe window: a prompt made at or after it
// holds back another with its key. One made exactly DedupeWindow ago no
// longer does (the store keeps milliseconds).
func (e *env) recent() time.Time { return e.now.Add(-DedupeWindow + time.Millisecond) }

// dedupeKey is "rule:app1+app2", or the rule alone.
func dedupeKey(rule string, apps ...string) string {
	if len(apps) == 0 {
		return rule
	}
	return rule + ":" + strings.Join(apps, "+")
}

// List returns every prompt, newest first, as the parent's and the teen's
// screens show it: a "later" prompt whose snooze has passed is new again.
// Evidence and topics are in the agreement's language (English without one).
func List(ctx context.Context, st *store.Store, now time.Time) ([]Prompt, error) {
	return ListIn(ctx, st, now, "")
}

// ListIn is List with evidence and topics in lang ("en", "nl"); an empty
// lang means the agreement's.
func ListIn(ctx context.Context, st *store.Store, now time.Time, lang string) ([]Prompt, error) {
	teen := ""
	ag, err := consent.Load(ctx, st)
	switch {
	case err == nil:
		teen = ag.Teen
		if lang == "" {
			lang = ag.Lang
		}
	case !errors.Is(err, consent.ErrNoAgreement):
		return nil, fmt.Errorf("list prompts: %w", err)
	}
	if lang == "" {
		lang = "en"
	}
	cat, err := catalog.Default()
	if err != nil {
		return nil, fmt.Errorf("list prompts: %w", err)
	}
	ps, err := st.Prompts(ctx)
	if err != nil {
		return nil, fmt.Errorf("list prompts: %w", err)
	}
	out := make([]Prompt, 0, len(ps))
	for _, p := range ps {
		out = append(out, view(p, readerFor(lang, teen, now), cat))
	}
	return out, nil
}

// view turns a stored prompt into what r shows at r.Now.
func view(p store.Prompt, r words.Renderer, cat *catalog.Catalog) Prompt {
	now, loc := r.Now, r.Now.Location()
	v := Prompt{
		ID: p.ID, Rule: p.Rule, Apps: p.Apps, Created: p.Created.In(loc), Facts: p.Evidence,
		Evidence: r.Facts(p.Evidence), Guide: p.Guide,
		Status: p.Status, Topic: TopicOf(p.Rule, p.Guide, r.Lang), Related: related(p, cat),
		SupersededBy: p.SupersededBy,
	}
	if !p.StatusAt.IsZero() {
		v.StatusAt = p.StatusAt.In(loc)
	}
	if v.Apps == nil {
		v.Apps = []string{}
	}
	if v.Evidence == nil {
		v.Evidence = []string{}
	}
	if v.Facts == nil {
		v.Facts = []words.Fact{}
	}
	if p.Status == StatusLater {
		if p.SnoozedUntil.After(now) {
			v.SnoozedUntil = p.SnoozedUntil.In(loc)
		} else {
			v.Status = StatusNew
		}
	}
	return v
}

// ruleGuides are the guides every prompt of a rule also points to.
var ruleGuides = map[string][]string{
	RulePaused:  {"agreement"},
	RuleRenewal: {"agreement"},
}

// related lists the catalog guides of the prompt's apps and the rule's extra
// guides that exist, without the prompt's own guide.
func related(p store.Prompt, cat *catalog.Catalog) []string {
	out := []string{}
	lib, err := guide.Default()
	if err != nil {
		return out
	}
	known := lib.IDs("en")
	add := func(id string) {
		if id != p.Guide && slices.Contains(known, id) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, app := range p.Apps {
		if a, ok := cat.App(app); ok {
			for _, g := range a.Guides {
				add(g)
			}
		}
	}
	for _, g := range ruleGuides[p.Rule] {
		add(g)
	}
	return out
}

// SetStatus records what a parent did with a prompt at now: talked,
// not-relevant, later (snoozed for SnoozeFor) or new again. An unknown id
// or status is an error, and so is a superseded prompt (ErrSuperseded,
// naming the prompt that took its place): it is marked through that one.
func SetStatus(ctx context.Context, st *store.Store, id, status string, now time.Time) error {
	var until time.Time
	switch status {
	case StatusLater:
		until = now.Add(SnoozeFor)
	case StatusTalked, StatusNotRelevant, StatusNew:
	default:
		return fmt.Errorf("unknown prompt status %q: use talked, later or not-relevant", status)
	}
	p, err := st.Prompt(ctx, id)
	if err != nil {
		return err
	}
	if p.Status == StatusSuperseded {
		return fmt.Errorf("prompt %s was %w by %s, about the same install: mark that one", id, ErrSuperseded, p.SupersededBy)
	}
	return st.SetPromptStatus(ctx, id, status, now, until)
}

// Topic is a rule's short title in lang (en or nl; anything else is
// English), calm and without figures, for a notification.
func Topic(rule, lang string) string {
	l, _ := words.ParseLang(lang)
	return TopicOf(rule, "", l)
}

// TopicOf is the topic of a prompt of rule with guide in lang: a new-app
// prompt about a school or work app has a topic of its own. The words are
// in package words ("prompt.topic.<rule>"), so a screen can show a prompt in
// another language than the agreement's.
func TopicOf(rule, guideID string, lang words.Lang) string {
	k := "prompt.topic." + rule
	if rule == RuleNewApp && guideID == "school-work" {
		k += ".school-work"
	}
	if !words.Has(k) {
		k = "prompt.topic.other"
	}
	return lang.T(k)
}
