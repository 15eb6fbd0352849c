package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/guide"
	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name: "setup",
		args: "[--data-dir DIR] [--lang en|nl] [--install | --no-install] --teen NAME --age N --country CC --parent-pin-file FILE --agree",
		run:  runSetup,
	})
}

// agreementFlags are the flags that give the agreement: with none of them
// set, setup asks the questions.
var agreementFlags = []string{"teen", "age", "country", "parent-pin-file", "agree", "night", "retention-weeks", "months", "no-school-work-prompts"}

func runSetup(o *IO, args []string) error {
	fs := newFlags(o, "setup")
	dataDir := dataDirFlag(o, fs)
	teen := fs.String("teen", "", "")
	age := fs.Int("age", 0, "")
	country := fs.String("country", "", "")
	lang := fs.String("lang", "", "")
	pinFile := fs.String("parent-pin-file", "", "")
	agree := fs.Bool("agree", false, "")
	night := fs.String("night", "22:00-06:00", "")
	weeks := fs.Int("retention-weeks", consent.DefaultRetentionDays/7, "")
	months := fs.Int("months", consent.DefaultMonths, "")
	noSchool := fs.Bool("no-school-work-prompts", false, "")
	replace := fs.Bool("replace", false, "")
	install := fs.Bool("install", false, "")
	noInstall := fs.Bool("no-install", false, "")
	if err := parse(o, fs, "setup", args); err != nil {
		return err
	}
	if err := checkLang(o, *lang); err != nil {
		return err
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	l := pickLang(*lang, "", o.getenv)
	if *install && *noInstall {
		return usageError{l.T("cli.setup.installOrNot")}
	}
	interactive := true
	fs.Visit(func(f *flag.Flag) {
		if slices.Contains(agreementFlags, f.Name) {
			interactive = false
		}
	})
	ctx := context.Background()
	// An agreement already there stops setup before any question is asked.
	if !*replace {
		if old, ok, err := existingAgreement(ctx, dir); err != nil {
			return err
		} else if ok {
			return agreementExists(pickLang(*lang, old.Lang, o.getenv), old)
		}
	}
	now := time.Now()
	a := consent.New(now)
	if interactive {
		if !isTerminal(o.Stdin) {
			return usageError{l.T("cli.setup.needTerminal")}
		}
		a.Lang = string(l)
		if err := askAgreement(o, &a, *lang); errors.Is(err, errUnfinished) {
			return errors.New(words.Lang(a.Lang).Or(l).T("cli.setup.unfinished"))
		} else if err != nil {
			return err
		}
	} else {
		if !*agree {
			return usageError{l.T("cli.setup.needAgree")}
		}
		if *pinFile == "" {
			return usageError{l.T("cli.setup.needPIN")}
		}
		a.Teen, a.Age, a.Lang = strings.TrimSpace(*teen), *age, string(l)
		a.Country = strings.ToUpper(strings.TrimSpace(*country))
		if cc, ok := words.ParseCountry(*country); ok {
			a.Country = cc
		}
		if a.Night, err = consent.ParseNight(*night); err != nil {
			return usageError{l.F("cli.setup.badNightFlag", *night)}
		}
		a.RetentionDays = *weeks * 7
		a.Expires = now.AddDate(0, *months, 0)
		a.SchoolWorkPrompts = !*noSchool
		pin, err := readPINFile(o, l, *pinFile)
		if err != nil {
			return err
		}
		if a.PIN, err = consent.HashPIN(pin); err != nil {
			return sayInvalid(l, err)
		}
		a.TeenAgreed, a.ParentAgreed = now, now
	}
	if err := a.Validate(); err != nil {
		return sayInvalid(words.Lang(a.Lang).Or(l), err)
	}
	r := words.For(words.Lang(a.Lang).Or(words.EN), now)
	st, err := openStore(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	// again, now that the store is open for writing: another setup may
	// have finished in the meantime
	if old, err := consent.Load(ctx, st); err == nil && !*replace {
		return agreementExists(r.Lang, old)
	} else if err != nil && !errors.Is(err, consent.ErrNoAgreement) {
		return err
	}
	if err := consent.Save(ctx, st, a, now, words.New(words.AgreementMade, words.Teen())); err != nil {
		return err
	}
	fmt.Fprintln(o.Stdout, r.F("cli.setup.saved", r.DayMonth(a.Expires)))
	fmt.Fprintln(o.Stdout, r.F("cli.setup.dataFolder", dir))
	if *install || (interactive && !*noInstall) {
		return startAgent(ctx, o, r, dir)
	}
	if agentRecordsHere(dir) {
		fmt.Fprintln(o.Stdout, r.T("cli.setup.running"))
		return nil
	}
	extra := ""
	if isSet(fs, "data-dir") {
		extra = " --data-dir " + shellQuote(dir)
	}
	fmt.Fprintln(o.Stdout, r.T("cli.setup.next"))
	fmt.Fprintf(o.Stdout, "  %s install%s\n  %s start%s\n", prog, extra, prog, extra)
	return nil
}

// sayInvalid says what is wrong with the agreement or the PIN
// (consent.Problems) in l, a line each; it still is err for errors.Is.
// Another error is returned as it is.
func sayInvalid(l words.Lang, err error) error {
	ps := consent.Problems(err)
	if len(ps) == 0 {
		return err
	}
	r := words.For(l, time.Now())
	return saidError{msg: strings.Join(r.Facts(ps), "\n"), err: err}
}

// existingAgreement reads the agreement in dir without creating anything
// there; ok is false when there is none.
func existingAgreement(ctx context.Context, dir string) (consent.Agreement, bool, error) {
	st, err := store.Open(dir, nil, store.Options{ReadOnly: true})
	if errors.Is(err, store.ErrNoStore) {
		return consent.Agreement{}, false, nil
	}
	if err != nil {
		return consent.Agreement{}, false, err
	}
	defer st.Close()
	ag, err := consent.Load(ctx, st)
	if errors.Is(err, consent.ErrNoAgreement) {
		return consent.Agreement{}, false, nil
	}
	return ag, err == nil, err
}

// agreementExists is the error for setup over an agreement, in l.
func agreementExists(l words.Lang, old consent.Agreement) error {
	r := words.For(l, time.Now())
	return errors.New(r.F("cli.setup.exists", old.Teen, r.DayMonth(old.Created)))
}

// startAgent installs the agent for this user and starts it, as the app's
// setup does, and says so; when it cannot, it says what to run.
func startAgent(ctx context.Context, o *IO, r words.Renderer, dir string) error {
	m, err := serviceManager(o, dir)
	if err != nil {
		return errors.New(r.F("cli.setup.installFailed", err))
	}
	method, err := m.Install(ctx)
	if err != nil {
		return errors.New(r.F("cli.setup.installFailed", err))
	}
	if err := m.Start(ctx); err != nil {
		return errors.New(r.F("cli.setup.startFailed", err))
	}
	fmt.Fprintln(o.Stdout, r.F("cli.setup.recording", methodWords(r.Lang, method)))
	return nil
}

// agentRecordsHere reports whether an agent runs on this data folder: one
// holds the folder's lease (agent/lease), the service or one started by
// hand. Such an agent starts recording by itself as soon as the agreement
// is saved.
func agentRecordsHere(dir string) bool {
	_, held, err := lease.Who(dir)
	return err == nil && held
}

// shellQuote quotes a folder for a command to copy into a shell.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, " \t'\"$&;|<>()*?`!#~{}[]") {
		return s
	}
	if runtime.GOOS == "windows" {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func isSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

func readPINFile(o *IO, l words.Lang, name string) (string, error) {
	var r io.Reader
	if name == "-" {
		r = o.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return "", fmt.Errorf("%s: %w", l.T("cli.setup.readPIN"), err)
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(io.LimitReader(r, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("%s: %w", l.T("cli.setup.readPIN"), err)
	}
	pin := strings.TrimRight(line, "\r\n")
	if pin == "" {
		return "", errors.New(l.T("cli.setup.emptyPIN"))
	}
	return pin, nil
}

// errUnfinished: the questions were not all answered (end of input).
var errUnfinished = errors.New("setup was not finished")

// asker asks the questions of the agreement on a terminal, in one language.
type asker struct {
	o  *IO
	in *bufio.Reader
	l  words.Lang
}

// ask writes the question with its default and reads one answer; an empty
// answer is the default.
func (k *asker) ask(q, def string) (string, error) {
	if def != "" {
		fmt.Fprintf(k.o.Stdout, "%s [%s]: ", q, def)
	} else {
		fmt.Fprintf(k.o.Stdout, "%s: ", q)
	}
	line, err := k.in.ReadString('\n')
	if err != nil && (!errors.Is(err, io.EOF) || line == "") {
		return "", errUnfinished
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return def, nil
	}
	return line, nil
}

// until asks q until parse accepts the answer; after each answer it does
// not, it says why with the text again.
func (k *asker) until(q, def string, parse func(string) bool, again func(string) string) error {
	for {
		v, err := k.ask(q, def)
		if err != nil {
			return err
		}
		if parse(v) {
			return nil
		}
		fmt.Fprintln(k.o.Stdout, "  "+again(v))
	}
}

// yesNo reads a clear yes or no, in either language; anything else is
// neither.
func yesNo(s string) (yes, ok bool) {
	switch strings.ToLower(strings.Trim(s, ".! ")) {
	case "yes", "y", "ja", "j":
		return true, true
	case "no", "n", "nee":
		return false, true
	}
	return false, false
}

// agrees reports whether s is "I agree" or "ik ga akkoord", in any case,
// with or without quotes around it and a full stop after it.
func agrees(s string) bool {
	s = strings.ToLower(strings.Trim(s, " .!\"'`“”‘’"))
	s = strings.Join(strings.Fields(s), " ")
	return s == "i agree" || s == "ik ga akkoord"
}

// askLang reads en or nl, or the language's name in either language.
func askLang(s string) (words.Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en", "english", "engels":
		return words.EN, true
	case "nl", "nederlands", "dutch":
		return words.NL, true
	}
	return words.EN, false
}

// askAgreement walks the family through the agreement on a terminal. The
// first question is the language (unless lang, from --lang, gives it);
// everything after it is in that language.
func askAgreement(o *IO, a *consent.Agreement, lang string) error {
	k := &asker{o: o, in: bufio.NewReader(o.Stdin), l: pickLang(lang, "", o.getenv)}
	w := o.Stdout
	if lang == "" {
		err := k.until(k.l.T("cli.setup.askLang"), string(k.l), func(v string) bool {
			l, ok := askLang(v)
			k.l = l
			return ok
		}, func(string) string { return k.l.T("cli.setup.badLang") })
		if err != nil {
			return err
		}
	}
	l := k.l
	a.Lang = string(l)
	fmt.Fprint(w, "\n"+l.T("cli.setup.intro"))
	err := k.until(l.T("cli.setup.askTeen"), "", func(v string) bool {
		a.Teen = v
		return v != ""
	}, func(string) string { return l.T("cli.setup.badTeen") })
	if err != nil {
		return err
	}
	err = k.until(l.F("cli.setup.askAge", consent.MinAge, consent.MaxAge), "", func(v string) bool {
		n, err := strconv.Atoi(v)
		a.Age = n
		return err == nil && n >= consent.MinAge && n <= consent.MaxAge
	}, func(string) string { return l.F("cli.setup.badAge", consent.MinAge, consent.MaxAge) })
	if err != nil {
		return err
	}
	var names []string
	for _, cc := range guide.Countries() {
		names = append(names, l.Country(cc))
	}
	err = k.until(l.T("cli.setup.askCountry"), "", func(v string) bool {
		cc, ok := words.ParseCountry(v)
		a.Country = cc
		return ok
	}, func(v string) string { return l.F("cli.setup.badCountry", v, l.OrList(names)) })
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "  "+l.F("cli.setup.country", l.Country(a.Country)))
	err = k.until(l.T("cli.setup.askNight"), consent.FormatNight(a.Night), func(v string) bool {
		n, err := consent.ParseNight(v)
		if err == nil {
			a.Night = n
		}
		return err == nil
	}, func(string) string { return l.T("cli.setup.badNight") })
	if err != nil {
		return err
	}
	err = k.until(l.T("cli.setup.askWeeks"), strconv.Itoa(a.RetentionDays/7), func(v string) bool {
		n, err := strconv.Atoi(v)
		if err == nil && n >= 1 && n <= 52 {
			a.RetentionDays = n * 7
			return true
		}
		return false
	}, func(string) string { return l.T("cli.setup.badWeeks") })
	if err != nil {
		return err
	}
	err = k.until(l.T("cli.setup.askSchool"), l.T("cli.setup.yes"), func(v string) bool {
		yes, ok := yesNo(v)
		a.SchoolWorkPrompts = yes
		return ok
	}, func(string) string { return l.T("cli.setup.badYesNo") })
	if err != nil {
		return err
	}

	fmt.Fprintln(w, "\n"+l.F("cli.setup.forTeen", a.Teen))
	err = k.until(l.F("cli.setup.askTeenAgrees", a.Teen), "", func(v string) bool {
		if agrees(v) {
			a.TeenAgreed = time.Now()
		}
		return agrees(v)
	}, func(string) string { return l.T("cli.setup.teenMust") })
	if err != nil {
		return err
	}
	err = k.until(l.T("cli.setup.askParentAgrees"), "", func(v string) bool {
		if agrees(v) {
			a.ParentAgreed = time.Now()
		}
		return agrees(v)
	}, func(string) string { return l.T("cli.setup.parentMust") })
	if err != nil {
		return err
	}
	for {
		pin, err := readSecret(o, k.in, l.F("cli.setup.askPIN", consent.MinPIN)+" ")
		if err != nil {
			return err
		}
		switch n := utf8.RuneCountInString(pin); {
		case n < consent.MinPIN:
			fmt.Fprintln(w, "  "+l.F("cli.setup.pinShort", consent.MinPIN))
			continue
		case n > consent.MaxPIN:
			fmt.Fprintln(w, "  "+l.F("cli.setup.pinLong", consent.MaxPIN))
			continue
		}
		again, err := readSecret(o, k.in, l.T("cli.setup.askPINAgain")+" ")
		if err != nil {
			return err
		}
		if again != pin {
			fmt.Fprintln(w, "  "+l.T("cli.setup.pinDiffer"))
			continue
		}
		if a.PIN, err = consent.HashPIN(pin); err != nil {
			return err
		}
		return nil
	}
}

func readSecret(o *IO, in *bufio.Reader, prompt string) (string, error) {
	fmt.Fprint(o.Stdout, prompt)
	if f, ok := o.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(o.Stdout)
		if err != nil {
			return "", fmt.Errorf("read PIN: %w", err)
		}
		return string(b), nil
	}
	line, err := in.ReadString('\n')
	if err != nil && line == "" {
		return "", errUnfinished
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func init() {
	words.Add(map[string][2]string{
		"cli.setup.installOrNot": {"give --install or --no-install, not both", "geef --install of --no-install, niet allebei"},
		"cli.setup.needTerminal": {"give the flags, or run setup on a terminal to be asked the questions",
			"geef de flags, of start setup in een terminal om de vragen te krijgen"},
		"cli.setup.needAgree": {"--agree is required: the teen and the parent must both agree", "--agree is nodig: de tiener en de ouder moeten allebei akkoord gaan"},
		"cli.setup.needPIN":   {"--parent-pin-file is required", "--parent-pin-file is nodig"},
		"cli.setup.badNightFlag": {"--night %q is not written like 22:00-06:00, with two different times",
			"--night %q is niet geschreven als 22:00-06:00, met twee verschillende tijden"},
		"cli.setup.readPIN":    {"read the PIN", "pincode lezen"},
		"cli.setup.emptyPIN":   {"the PIN file is empty", "het bestand met de pincode is leeg"},
		"cli.setup.unfinished": {"setup was not finished", "het instellen is niet afgemaakt"},
		"cli.setup.exists": {"an agreement for %s already exists (made %s); use --replace to make a new one",
			"er is al een afspraak voor %s (gemaakt op %s); gebruik --replace om een nieuwe te maken"},

		// The language question comes before the language is known, so it
		// is asked in both.
		"cli.setup.askLang": {"Language / Taal: en (English) or/of nl (Nederlands)", "Language / Taal: en (English) or/of nl (Nederlands)"},
		"cli.setup.badLang": {"Type en or nl. / Typ en of nl.", "Type en or nl. / Typ en of nl."},

		"cli.setup.intro": {`TalkFirst family agreement
Sit down together at this computer: the teen and a parent.

What TalkFirst sees:
  - which chat apps and games with chat are installed, and when that changes
  - how much time goes into each, per day and per hour, and whether it was in front or only running

What TalkFirst never sees:
  - messages, who you talk to, contacts, screenshots, keystrokes, websites or window titles

The teen sees everything the parent sees, including every conversation prompt and why it appeared.
The teen can pause recording with a reason; pauses are shown to both. Nothing leaves this computer.

`, `De TalkFirst-afspraak
Ga samen bij deze computer zitten: de tiener en een ouder.

Wat TalkFirst ziet:
  - welke chatapps en games met chat er zijn geïnstalleerd, en wanneer dat verandert
  - hoeveel tijd er in elke app gaat, per dag en per uur, en of de app vooraan stond of open was zonder vooraan te staan

Wat TalkFirst nooit ziet:
  - berichten, met wie je praat, contacten, schermafbeeldingen, toetsaanslagen, websites of venstertitels

De tiener ziet alles wat de ouder ziet, ook elk gespreksidee en waarom het er is.
De tiener kan het bijhouden pauzeren, met een reden; jullie zien allebei elke pauze. Niets gaat deze computer uit.

`},
		"cli.setup.askTeen":    {"The teen's first name", "De voornaam van de tiener"},
		"cli.setup.badTeen":    {"Please type the teen's first name.", "Typ de voornaam van de tiener."},
		"cli.setup.askAge":     {"Age (%d to %d)", "Leeftijd (%d tot en met %d)"},
		"cli.setup.badAge":     {"Please type an age from %d to %d.", "Typ een leeftijd van %d tot en met %d."},
		"cli.setup.askCountry": {"Country, by name or two-letter code (for example Netherlands or NL)", "Land, als naam of als code van twee letters (bijvoorbeeld Nederland of NL)"},
		"cli.setup.badCountry": {"TalkFirst doesn't know %q as a country. Type its name, such as %s, or its two-letter code, such as NL or GB.",
			"TalkFirst kent %q niet als land. Typ de naam, zoals %s, of de code van twee letters, zoals NL of BE."},
		"cli.setup.country":  {"Country: %s.", "Land: %s."},
		"cli.setup.askNight": {"Night hours", "Nachturen"},
		"cli.setup.badNight": {"Please write them like 22:00-06:00, with two different times.", "Schrijf ze zo: 22:00-06:00, met twee verschillende tijden."},
		"cli.setup.askWeeks": {"Keep data for how many weeks", "Hoeveel weken blijven de gegevens bewaard"},
		"cli.setup.badWeeks": {"Please type a number of weeks from 1 to 52.", "Typ een aantal weken van 1 tot en met 52."},
		"cli.setup.askSchool": {"A conversation prompt when school or work apps (Teams, Slack, Zoom) are installed? yes or no",
			"Een gespreksidee als er school- of werkapps (Teams, Slack, Zoom) worden geïnstalleerd? ja of nee"},
		"cli.setup.yes":      {"yes", "ja"},
		"cli.setup.badYesNo": {"Please answer yes or no.", "Antwoord met ja of nee."},
		"cli.setup.forTeen":  {"%s, this is for you. Read above what TalkFirst sees and never sees.", "%s, dit is voor jou. Lees hierboven wat TalkFirst wel en nooit ziet."},
		"cli.setup.askTeenAgrees": {"%s, if you agree, type I agree (Ctrl+C stops setup)",
			"%s, als je akkoord gaat, typ dan ik ga akkoord (Ctrl+C stopt het instellen)"},
		"cli.setup.teenMust":        {"Nothing is recorded unless you type I agree yourself.", "Er wordt niets bijgehouden, tenzij je zelf ik ga akkoord typt."},
		"cli.setup.askParentAgrees": {"Parent, if you agree, type I agree", "Ouder, als je akkoord gaat, typ dan ik ga akkoord"},
		"cli.setup.parentMust":      {"Type I agree to go on, or press Ctrl+C to stop.", "Typ ik ga akkoord om verder te gaan, of druk op Ctrl+C om te stoppen."},
		"cli.setup.askPIN":          {"Parent, choose a PIN (at least %d characters):", "Ouder, kies een pincode (minstens %d tekens):"},
		"cli.setup.pinShort":        {"The PIN needs at least %d characters.", "De pincode moet minstens %d tekens hebben."},
		"cli.setup.pinLong":         {"The PIN can have at most %d characters.", "De pincode mag hoogstens %d tekens hebben."},
		"cli.setup.askPINAgain":     {"The PIN again:", "De pincode nog een keer:"},
		"cli.setup.pinDiffer":       {"The two PINs are not the same. Let's try again.", "De twee pincodes zijn niet hetzelfde. Probeer het nog een keer."},

		"cli.setup.saved":      {"The family agreement is saved; it ends on %s.", "De afspraak is bewaard en loopt af op %s."},
		"cli.setup.dataFolder": {"Data folder: %s", "Gegevensmap: %s"},
		"cli.setup.recording": {"TalkFirst is recording now, and the agent starts at every login (%s).",
			"TalkFirst houdt nu bij, en de agent start elke keer dat je inlogt (%s)."},
		"cli.setup.running": {"The agent is already running here, so it starts recording now.", "De agent draait hier al, dus het bijhouden begint nu."},
		"cli.setup.next": {"Nothing is recorded yet: the agent isn't running. To start it now and at every login, run:",
			"Er wordt nog niets bijgehouden: de agent draait niet. Start hem nu en bij elke keer inloggen met:"},
		"cli.setup.installFailed": {"the agreement is saved, but the agent could not be installed (%v); nothing is recorded until it runs: try talkfirst-agent install, then talkfirst-agent start",
			"de afspraak is bewaard, maar de agent kon niet worden geïnstalleerd (%v); er wordt niets bijgehouden tot hij draait: probeer talkfirst-agent install en daarna talkfirst-agent start"},
		"cli.setup.startFailed": {"the agreement is saved and the agent installed, but it could not start now (%v); it starts at the next login, or run talkfirst-agent start",
			"de afspraak is bewaard en de agent geïnstalleerd, maar hij kon nu niet starten (%v); hij start bij de volgende keer inloggen, of voer talkfirst-agent start uit"},
	})
}
