package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name:    "setup",
		args:    "[--data-dir DIR] --teen NAME --age N --country CC [--lang en|nl] --parent-pin-file FILE --agree",
		summary: "make the family agreement (asks the questions when run on a terminal without flags)",
		run:     runSetup,
	})
}

func runSetup(o *IO, args []string) error {
	fs := newFlags(o, "setup")
	dataDir := dataDirFlag(o, fs)
	teen := fs.String("teen", "", "the teen's first `NAME`")
	age := fs.Int("age", 0, "the teen's age, 8 to 17")
	country := fs.String("country", "", "two-letter country `CC` (for help lines), e.g. NL, GB, US")
	lang := fs.String("lang", "en", "language: en or nl")
	pinFile := fs.String("parent-pin-file", "", "read the parent's PIN from the first line of `FILE` (- for standard input)")
	agree := fs.Bool("agree", false, "the teen and the parent have both read and agree to the agreement")
	night := fs.String("night", "22:00-06:00", "night hours, `HH:MM-HH:MM`")
	weeks := fs.Int("retention-weeks", consent.DefaultRetentionDays/7, "how many weeks collected data is kept")
	months := fs.Int("months", consent.DefaultMonths, "months until the agreement ends and is renewed together")
	noSchool := fs.Bool("no-school-work-prompts", false, "no prompts when school and work apps (Teams, Slack, Zoom) are installed")
	replace := fs.Bool("replace", false, "replace an existing agreement")
	if err := parse(o, fs, "setup", args); err != nil {
		return err
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	now := time.Now()
	a := consent.New(now)
	interactive := fs.NFlag() == 0 || (fs.NFlag() == 1 && isSet(fs, "data-dir"))
	if interactive {
		if !isTerminal(o.Stdin) {
			return usagef("give the flags, or run setup on a terminal to be asked the questions")
		}
		if err := askAgreement(o, &a); err != nil {
			return err
		}
	} else {
		if !*agree {
			return usagef("--agree is required: the teen and the parent must both agree")
		}
		if *pinFile == "" {
			return usagef("--parent-pin-file is required")
		}
		a.Teen, a.Age, a.Country, a.Lang = strings.TrimSpace(*teen), *age, strings.ToUpper(*country), *lang
		if a.Night, err = consent.ParseNight(*night); err != nil {
			return usagef("%v", err)
		}
		a.RetentionDays = *weeks * 7
		a.Expires = now.AddDate(0, *months, 0)
		a.SchoolWorkPrompts = !*noSchool
		pin, err := readPINFile(o, *pinFile)
		if err != nil {
			return err
		}
		if a.PIN, err = consent.HashPIN(pin); err != nil {
			return err
		}
		a.TeenAgreed, a.ParentAgreed = now, now
	}
	if err := a.Validate(); err != nil {
		return err
	}
	st, err := openStore(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if old, err := consent.Load(ctx, st); err == nil && !*replace {
		return fmt.Errorf("an agreement for %s already exists (made %s); use --replace to make a new one", old.Teen, old.Created.Format("2 January 2006"))
	} else if err != nil && !errors.Is(err, consent.ErrNoAgreement) {
		return err
	}
	if err := consent.Save(ctx, st, a, now, words.New(words.AgreementMade, words.Teen())); err != nil {
		return err
	}
	fmt.Fprintf(o.Stdout, "The family agreement is saved. TalkFirst starts recording now, and the agreement ends on %s.\n", a.Expires.Format("2 January 2006"))
	fmt.Fprintf(o.Stdout, "Data folder: %s\n", dir)
	return nil
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

func readPINFile(o *IO, name string) (string, error) {
	var r io.Reader
	if name == "-" {
		r = o.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return "", fmt.Errorf("read PIN: %w", err)
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(io.LimitReader(r, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read PIN: %w", err)
	}
	pin := strings.TrimRight(line, "\r\n")
	if pin == "" {
		return "", errors.New("the PIN file is empty")
	}
	return pin, nil
}

// askAgreement walks the family through the agreement on a terminal.
func askAgreement(o *IO, a *consent.Agreement) error {
	in := bufio.NewReader(o.Stdin)
	w := o.Stdout
	ask := func(q, def string) (string, error) {
		if def != "" {
			fmt.Fprintf(w, "%s [%s]: ", q, def)
		} else {
			fmt.Fprintf(w, "%s: ", q)
		}
		line, err := in.ReadString('\n')
		if err != nil && (!errors.Is(err, io.EOF) || line == "") {
			return "", errors.New("setup was not finished")
		}
		line = strings.TrimSpace(line)
		if line == "" {
			return def, nil
		}
		return line, nil
	}
	fmt.Fprint(w, setupIntro)
	for {
		v, err := ask("The teen's first name", "")
		if err != nil {
			return err
		}
		if a.Teen = v; v != "" {
			break
		}
	}
	for {
		v, err := ask("Age (8 to 17)", "")
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(v)
		if err == nil && n >= consent.MinAge && n <= consent.MaxAge {
			a.Age = n
			break
		}
		fmt.Fprintln(w, "  Please type an age from 8 to 17.")
	}
	for {
		v, err := ask("Country, as two letters (NL, BE, DE, GB, US, CA, AU, IE, ...)", "")
		if err != nil {
			return err
		}
		if v = strings.ToUpper(v); len(v) == 2 {
			a.Country = v
			break
		}
	}
	for {
		v, err := ask("Language, en or nl", "en")
		if err != nil {
			return err
		}
		if v == "en" || v == "nl" {
			a.Lang = v
			break
		}
	}
	for {
		v, err := ask("Night hours", consent.FormatNight(a.Night))
		if err != nil {
			return err
		}
		n, err := consent.ParseNight(v)
		if err == nil {
			a.Night = n
			break
		}
		fmt.Fprintln(w, "  Please write them like 22:00-06:00.")
	}
	for {
		v, err := ask("Keep data for how many weeks", strconv.Itoa(a.RetentionDays/7))
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(v)
		if err == nil && n >= 1 && n <= 52 {
			a.RetentionDays = n * 7
			break
		}
		fmt.Fprintln(w, "  Please type a number of weeks from 1 to 52.")
	}
	v, err := ask("A gentle prompt when school or work apps (Teams, Slack, Zoom) are installed? yes or no", "yes")
	if err != nil {
		return err
	}
	a.SchoolWorkPrompts = !strings.HasPrefix(strings.ToLower(v), "n")

	fmt.Fprintf(w, "\n%s, this is for you. Read what TalkFirst sees and never sees above.\n", a.Teen)
	for {
		v, err := ask(fmt.Sprintf("%s, type I agree to agree, or press Ctrl+C to stop", a.Teen), "")
		if err != nil {
			return err
		}
		if strings.EqualFold(strings.Trim(v, ".! "), "I agree") {
			a.TeenAgreed = time.Now()
			break
		}
		fmt.Fprintln(w, "  Nothing is recorded unless you type I agree yourself.")
	}
	for {
		v, err := ask("Parent, type I agree to agree", "")
		if err != nil {
			return err
		}
		if strings.EqualFold(strings.Trim(v, ".! "), "I agree") {
			a.ParentAgreed = time.Now()
			break
		}
	}
	for {
		pin, err := readSecret(o, in, "Parent, choose a PIN (at least 4 characters): ")
		if err != nil {
			return err
		}
		if err := consent.CheckPINRules(pin); err != nil {
			fmt.Fprintf(w, "  %v.\n", err)
			continue
		}
		again, err := readSecret(o, in, "The PIN again: ")
		if err != nil {
			return err
		}
		if again != pin {
			fmt.Fprintln(w, "  The two PINs are not the same. Let's try again.")
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
		return "", errors.New("setup was not finished")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

const setupIntro = `TalkFirst family agreement
Sit down together at this computer: the teen and a parent.

What TalkFirst sees:
  - which chat apps and games with chat are installed, and when that changes
  - how much time goes into each, per day and per hour, and whether it was in front or only running

What TalkFirst never sees:
  - messages, who you talk to, contacts, screenshots, keystrokes, websites or window titles

The teen sees everything the parent sees, including every conversation prompt and why it appeared.
The teen can pause recording with a reason; pauses are shown to both. Nothing leaves this computer.

`
