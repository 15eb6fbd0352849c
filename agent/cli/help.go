package cli

import (
	"flag"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/talkfirst/talkfirst/agent/words"
)

// The help of the command line, in the language helpLang picks: the list
// of commands (help), each command's flags (<command> -h), and the usage
// line after a usage error. A command's summary is the text
// "cli.cmd.<name>"; a flag's usage is "cli.flag.<command>.<flag>" when
// its meaning differs by command, else "cli.flag.<flag>". A usage names
// its value between backquotes, as the flag package wants (`DIR`); a
// Dutch usage names the Dutch placeholder (`MAP`).

// printUsage writes the list of commands in l.
func printUsage(w io.Writer, l words.Lang) {
	fmt.Fprint(w, l.F("cli.help.commands", prog))
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, l.T("cli.cmd."+c.name))
	}
	fmt.Fprint(w, l.F("cli.help.more", prog))
}

// printHelp writes command c's usage line and its flags in l.
func printHelp(w io.Writer, fs *flag.FlagSet, c string, l words.Lang) {
	fmt.Fprintln(w, usageLine(l, c))
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T("cli.help.flags"))
	printFlags(w, fs, c, l)
}

// usageLine is "usage: talkfirst-agent <c> <synopsis>" in l.
func usageLine(l words.Lang, c string) string {
	return l.F("cli.help.usage", prog, c, placeholders(l, synopsis(c)))
}

// flagUsage is the usage of flag name of command c in l.
func flagUsage(l words.Lang, c, name string) string {
	if k := "cli.flag." + c + "." + name; words.Has(k) {
		return l.T(k)
	}
	return l.T("cli.flag." + name)
}

// printFlags writes the flags of command c with their usage in l, laid
// out as flag.PrintDefaults does (in English, to the byte), with the
// flag package's words (its type names, "default") in l too.
func printFlags(w io.Writer, fs *flag.FlagSet, c string, l words.Lang) {
	fs.VisitAll(func(f *flag.Flag) {
		f.Usage = flagUsage(l, c, f.Name)
		var b strings.Builder
		fmt.Fprintf(&b, "  -%s", f.Name)
		name, usage := flag.UnquoteUsage(f)
		if !strings.Contains(f.Usage, "`") {
			name = placeholders(l, name) // a type name: string, int, duration
		}
		if name != "" {
			b.WriteString(" " + name)
		}
		if b.Len() <= 4 { // a one-letter bool flag: on one line
			b.WriteString("\t")
		} else {
			b.WriteString("\n    \t")
		}
		b.WriteString(strings.ReplaceAll(usage, "\n", "\n    \t"))
		if !isZeroValue(f) {
			v := f.DefValue
			if g, ok := f.Value.(flag.Getter); ok {
				if _, ok := g.Get().(string); ok {
					v = strconv.Quote(v)
				}
			}
			b.WriteString(l.F("cli.help.default", v))
		}
		fmt.Fprintln(w, b.String())
	})
}

// isZeroValue reports whether f's default is its type's zero value, which
// flag.PrintDefaults does not show; as there, a Value whose zero panics
// in String has no default to show.
func isZeroValue(f *flag.Flag) (zero bool) {
	defer func() {
		if recover() != nil {
			zero = true
		}
	}()
	t := reflect.TypeOf(f.Value)
	var z reflect.Value
	if t.Kind() == reflect.Pointer {
		z = reflect.New(t.Elem())
	} else {
		z = reflect.Zero(t)
	}
	return f.DefValue == z.Interface().(flag.Value).String()
}

var placeholderRe = regexp.MustCompile(`\b[A-Za-z][A-Za-z:-]*[A-Za-z]\b`)

// placeholders says the placeholders in s (DIR, FILE, a flag's type
// name) in l; everything else, flags and values such as en|nl, stays.
func placeholders(l words.Lang, s string) string {
	return placeholderRe.ReplaceAllStringFunc(s, func(w string) string {
		if k := "cli.placeholder." + w; words.Has(k) {
			return l.T(k)
		}
		return w
	})
}

// flagErrors are the flag package's errors, as it writes them, and the
// text that says each in words.
var flagErrors = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^flag provided but not defined: -(.*)$`), "cli.flagErr.undefined"},
	{regexp.MustCompile(`^flag needs an argument: -(.*)$`), "cli.flagErr.needsValue"},
	{regexp.MustCompile(`^invalid value (".*") for flag -([^\s:]+): (.*)$`), "cli.flagErr.badValue"},
	{regexp.MustCompile(`^invalid boolean value (".*") for -([^\s:]+): (.*)$`), "cli.flagErr.badBool"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "cli.flagErr.syntax"},
}

// flagError says an error of fs.Parse in l; one it does not know it gives
// as the flag package wrote it.
func flagError(l words.Lang, err error) string {
	msg := err.Error()
	for _, e := range flagErrors {
		if m := e.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, 0, len(m)-1)
			for _, s := range m[1:] {
				args = append(args, s)
			}
			return l.F(e.key, args...)
		}
	}
	return msg
}

func init() {
	words.Add(map[string][2]string{
		"cli.help.commands": {"usage: %s <command> [flags]\n\ncommands:\n", "gebruik: %s <opdracht> [flags]\n\nopdrachten:\n"},
		"cli.help.more":     {"\nRun '%s <command> -h' for a command's flags.\n", "\nTyp '%s <opdracht> -h' voor de flags van een opdracht.\n"},
		"cli.help.usage":    {"usage: %s %s %s", "gebruik: %s %s %s"},
		"cli.help.flags":    {"flags:", "flags:"},
		"cli.help.default":  {" (default %s)", " (standaard %s)"},

		"cli.unknownCommand": {"unknown command %q", "onbekende opdracht %q"},
		"cli.unexpectedArg":  {"unexpected argument %q", "onverwacht argument %q"},
		"cli.internal":       {"internal error: %v", "interne fout: %v"},

		// The flag package's errors: the English is its own words, the
		// Dutch leaves out its reason ("parse error").
		"cli.flagErr.undefined":  {"flag provided but not defined: -%s", "onbekende flag: -%s"},
		"cli.flagErr.needsValue": {"flag needs an argument: -%s", "-%s heeft een waarde nodig"},
		"cli.flagErr.badValue":   {"invalid value %s for flag -%s: %s", "%[1]s is geen geldige waarde voor -%[2]s"},
		"cli.flagErr.badBool":    {"invalid boolean value %s for -%s: %s", "%[1]s is geen geldige waarde voor -%[2]s: alleen true of false"},
		"cli.flagErr.syntax":     {"bad flag syntax: %s", "verkeerd geschreven flag: %s"},

		// Placeholders, in the synopses and as the flag package names a
		// flag's type.
		"cli.placeholder.DIR":         {"DIR", "MAP"},
		"cli.placeholder.NAME":        {"NAME", "NAAM"},
		"cli.placeholder.FILE":        {"FILE", "BESTAND"},
		"cli.placeholder.DUR":         {"DUR", "DUUR"},
		"cli.placeholder.TEXT":        {"TEXT", "TEKST"},
		"cli.placeholder.YYYY-MM-DD":  {"YYYY-MM-DD", "JJJJ-MM-DD"},
		"cli.placeholder.HH:MM-HH:MM": {"HH:MM-HH:MM", "UU:MM-UU:MM"},
		"cli.placeholder.string":      {"string", "tekst"},
		"cli.placeholder.int":         {"int", "getal"},
		"cli.placeholder.duration":    {"duration", "duur"},
		"cli.placeholder.value":       {"value", "waarde"},

		"cli.cmd.scan": {"list the chat apps and games installed here, and how TalkFirst knows",
			"de chatapps en games die hier zijn geïnstalleerd, en hoe TalkFirst dat weet"},
		"cli.cmd.setup": {"make the family agreement (asks the questions when run on a terminal without them)",
			"de afspraak maken (stelt de vragen als je setup zonder flags in een terminal start)"},
		"cli.cmd.run": {"run the agent here until it is stopped (what the service starts)",
			"de agent hier laten draaien tot hij wordt gestopt (dit is wat de service start)"},
		"cli.cmd.summary": {"time per app, installs and removals, pauses (default: the last 7 days)",
			"tijd per app, installaties en verwijderingen, pauzes (standaard: de laatste 7 dagen)"},
		"cli.cmd.prompts": {"conversation prompts for parents, each with the facts behind it and a guide",
			"gespreksideeën voor ouders, elk met de feiten erachter en een gids"},
		"cli.cmd.guides": {"the conversation guides for parents", "de gidsen voor ouders, voor het gesprek met je tiener"},
		"cli.cmd.resources": {"help lines and reporting services for a country (default the agreement's)",
			"hulplijnen en meldpunten van een land (standaard het land uit de afspraak)"},
		"cli.cmd.pause":  {"pause recording for a while, with a reason both can see", "het bijhouden even pauzeren, met een reden die jullie allebei zien"},
		"cli.cmd.resume": {"end a pause now", "een pauze nu beëindigen"},
		"cli.cmd.forget": {"delete all collected data (and the agreement, unless --keep-agreement)",
			"alle bijgehouden gegevens wissen (en de afspraak, behalve met --keep-agreement)"},
		"cli.cmd.install": {"start the agent at every login, as this user", "de agent bij elke keer inloggen starten, voor deze gebruiker"},
		"cli.cmd.uninstall": {"stop the agent and remove what install wrote (the data stays; see forget)",
			"de agent stoppen en weghalen wat install heeft neergezet (de gegevens blijven; zie forget)"},
		"cli.cmd.start": {"start the installed agent now", "de geïnstalleerde agent nu starten"},
		"cli.cmd.stop":  {"stop the agent now (it starts again at the next login)", "de agent nu stoppen (hij start weer bij de volgende keer inloggen)"},
		"cli.cmd.status": {"is the agent running, when did it last sample, how time in front is measured now and was by the agent",
			"draait de agent, wanneer hij voor het laatst mat, en hoe tijd vooraan nu wordt gemeten en hoe de agent dat deed"},

		// Flags that mean the same in every command.
		"cli.flag.data-dir": {"the data `DIR` (default the per-user data folder, or $TALKFIRST_DATA_DIR)",
			"de `MAP` met de gegevens (standaard de gegevensmap van deze gebruiker, of $TALKFIRST_DATA_DIR)"},
		"cli.flag.lang": {"language of what is printed: en or nl (default the agreement's language, else the system's)",
			"taal van wat er wordt getoond: en of nl (standaard de taal van de afspraak, anders die van het systeem)"},
		"cli.flag.json": {"print JSON", "als JSON tonen"},
		"cli.flag.log-level": {"log level: debug, info, warn or error (default warn, or $TALKFIRST_LOG)",
			"logniveau: debug, info, warn of error (standaard warn, of $TALKFIRST_LOG)"},
		"cli.flag.os": {"which OS's layout to read: linux, darwin or windows (default this OS)",
			"van welk besturingssysteem de indeling lezen: linux, darwin of windows (standaard dit systeem)"},
		"cli.flag.root": {"read the file system as if `DIR` were / (a mounted disk, a test tree)",
			"het bestandssysteem lezen alsof `MAP` / is (een gekoppelde schijf, een testmap)"},
		"cli.flag.home": {"the home `DIR` to read: inside --root, or a full path under it (default yours, or the only one under --root)",
			"de thuismap (`MAP`) om te lezen: binnen --root, of een volledig pad eronder (standaard die van jou, of de enige onder --root)"},

		// setup
		"cli.flag.teen":      {"the teen's first `NAME`", "de voornaam (`NAAM`) van de tiener"},
		"cli.flag.setup.age": {"the teen's age, 8 to 17", "de leeftijd van de tiener, 8 tot en met 17"},
		"cli.flag.setup.country": {"the country, as a two-letter code `CC` or its name (for help lines), for example NL, GB or US",
			"het land, als code van twee letters (`CC`) of als naam (voor de hulplijnen), bijvoorbeeld NL, BE of GB"},
		"cli.flag.setup.lang": {"language of the agreement and of what is printed: en or nl (default the system's)",
			"taal van de afspraak en van wat er wordt getoond: en of nl (standaard die van het systeem)"},
		"cli.flag.parent-pin-file": {"read the parent's PIN from the first line of `FILE` (- for standard input)",
			"de pincode van de ouder lezen uit de eerste regel van `BESTAND` (- voor standaardinvoer)"},
		"cli.flag.agree": {"the teen and the parent have both read and agree to the agreement",
			"de tiener en de ouder hebben de afspraak allebei gelezen en gaan akkoord"},
		"cli.flag.night":           {"night hours, `HH:MM-HH:MM`", "nachturen, `UU:MM-UU:MM`"},
		"cli.flag.retention-weeks": {"how many weeks collected data is kept", "hoeveel weken de bijgehouden gegevens bewaard blijven"},
		"cli.flag.months": {"months until the agreement ends and is renewed together",
			"aantal maanden tot de afspraak afloopt en jullie hem samen vernieuwen"},
		"cli.flag.no-school-work-prompts": {"no prompts when school and work apps (Teams, Slack, Zoom) are installed",
			"geen gespreksideeën als er school- en werkapps (Teams, Slack, Zoom) worden geïnstalleerd"},
		"cli.flag.replace": {"replace an existing agreement", "een bestaande afspraak vervangen"},
		"cli.flag.install": {"after saving, install the agent to start at every login and start it now (what setup does when it asks the questions)",
			"na het bewaren de agent installeren, zodat hij bij elke keer inloggen start, en hem nu starten (wat setup doet als het de vragen stelt)"},
		"cli.flag.no-install": {"after asking the questions, only save the agreement: don't install or start the agent",
			"na de vragen alleen de afspraak bewaren: de agent niet installeren en niet starten"},

		// guides, resources
		"cli.flag.guides.age": {"only the version for this age band: 8-12 or 13-17", "alleen de versie voor deze leeftijdsgroep: 8-12 of 13-17"},
		"cli.flag.resources.country": {"two-letter country `CC`, e.g. NL, GB, US (default the agreement's country)",
			"landcode van twee letters (`CC`), bijvoorbeeld NL, BE, GB (standaard het land uit de afspraak)"},

		// forget, pause
		"cli.flag.yes":            {"yes, delete it", "ja, wis het"},
		"cli.flag.keep-agreement": {"keep the family agreement (recording goes on)", "de afspraak bewaren (het bijhouden gaat door)"},
		"cli.flag.for":            {"how long (`DUR`), for example 2h or 3d (at most 7d)", "hoe lang (`DUUR`), bijvoorbeeld 2h of 3d (hoogstens 7d)"},
		"cli.flag.reason": {"why (`TEXT`), in a few words, for example \"exam week\"; shown to the teen and the parent",
			"waarom (`TEKST`), in een paar woorden, bijvoorbeeld \"toetsweek\"; de tiener en de ouder zien het allebei"},

		// prompts
		"cli.flag.evaluate": {"run the prompt rules once now and show the prompts that are new",
			"de regels voor gespreksideeën nu één keer toepassen en de nieuwe gespreksideeën tonen"},
		"cli.flag.set": {"mark the prompt with this `ID` (use with --status)", "het gespreksidee met deze `ID` markeren (samen met --status)"},
		"cli.flag.status": {"with --set: talked, later (back in 3 days) or not-relevant",
			"met --set: talked (besproken), later (over 3 dagen terug) of not-relevant (niet van toepassing)"},

		// summary
		"cli.flag.day":  {"one local day, `YYYY-MM-DD`", "één dag (lokale tijd), `JJJJ-MM-DD`"},
		"cli.flag.week": {"this calendar week, from Monday", "deze kalenderweek, vanaf maandag"},

		// run
		"cli.flag.interval": {"how often to sample", "hoe vaak er wordt gemeten"},
		"cli.flag.idle": {"after this long without input, time no longer counts as in front",
			"na zo lang zonder invoer telt de tijd niet meer als vooraan"},
		"cli.flag.run.root": {"read installed apps as if `DIR` were / (tests)", "geïnstalleerde apps lezen alsof `MAP` / is (voor tests)"},
		"cli.flag.run.home": {"the home `DIR` to read: inside --root, or a full path under it (a missing one is logged, and only system-wide installs are found)",
			"de thuismap (`MAP`) om te lezen: binnen --root, of een volledig pad eronder (een ontbrekende komt in het log, en dan worden alleen installaties voor het hele systeem gevonden)"},
		"cli.flag.run.os": {"which OS's install layout to read (tests)", "van welk besturingssysteem de installatie-indeling lezen (voor tests)"},
		"cli.flag.run.log-level": {"log level: debug, info, warn or error (default info, or $TALKFIRST_LOG)",
			"logniveau: debug, info, warn of error (standaard info, of $TALKFIRST_LOG)"},
		"cli.run.interval": {"--interval must be between 10ms and 1h", "--interval moet tussen 10ms en 1h liggen"},
	})
}
