package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/talkfirst/talkfirst/agent/consent"
	"github.com/talkfirst/talkfirst/agent/guide"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name: "guides",
		args: "[--json] [--lang en|nl] [--data-dir DIR] [--age 8-12|13-17] [ID]",
		run:  runGuides,
	})
	register(command{
		name: "resources",
		args: "[--json] [--lang en|nl] [--data-dir DIR] [--country CC]",
		run:  runResources,
	})
}

func runGuides(o *IO, args []string) error {
	fs := newFlags(o, "guides")
	asJSON := fs.Bool("json", false, "")
	lang := langFlag(fs)
	dataDir := dataDirFlag(o, fs)
	age := fs.String("age", "", "")
	// the guide id may stand before, between or after the flags
	ids, err := parseWithArgs(o, fs, "guides", args)
	if err != nil {
		return err
	}
	l, _, err := o.chosen(*lang, dataDir)
	if err != nil {
		return err
	}
	if len(ids) > 1 {
		return usageError{l.T("cli.guides.oneID")}
	}
	var id string
	if len(ids) == 1 {
		id = ids[0]
	}
	if *age != "" && !slices.Contains(guide.AgeBands, *age) {
		return usageError{l.T("cli.guides.badAge")}
	}
	lib, err := guide.Default()
	if err != nil {
		return err
	}
	var out []guide.Guide
	for _, g := range lib.All(string(l)) {
		if (id == "" || g.ID == id) && (*age == "" || g.Ages[0] == *age) {
			out = append(out, g)
		}
	}
	if id != "" && len(out) == 0 {
		return errors.New(l.F("cli.guides.none", id))
	}
	if *asJSON {
		if out == nil {
			out = []guide.Guide{}
		}
		return writeJSON(o, map[string]any{"guides": out})
	}
	r := words.For(l, time.Now())
	if id == "" {
		fmt.Fprintln(o.Stdout, r.F("cli.guides.list", len(lib.IDs(string(l))), r.Fact(words.New(words.LanguageCode(l))), "talkfirst-agent guides --lang "+string(l)+" ID"))
		fmt.Fprintln(o.Stdout)
		for _, g := range out {
			fmt.Fprintf(o.Stdout, "  %-20s %-6s %s\n", g.ID, g.Ages[0], g.Title)
		}
		return nil
	}
	for i, g := range out {
		if i > 0 {
			fmt.Fprintln(o.Stdout)
		}
		fmt.Fprintf(o.Stdout, "# %s (%s)\n\n%s", g.Title, r.F("cli.guides.ages", g.Ages[0]), g.Body)
	}
	return nil
}

func runResources(o *IO, args []string) error {
	fs := newFlags(o, "resources")
	asJSON := fs.Bool("json", false, "")
	lang := langFlag(fs)
	dataDir := dataDirFlag(o, fs)
	country := fs.String("country", "", "")
	if err := parse(o, fs, "resources", args); err != nil {
		return err
	}
	if err := checkLang(o, *lang); err != nil {
		return err
	}
	var ag consent.Agreement
	hasAgreement := false
	if dir, err := dataDir(); err == nil {
		ag, hasAgreement = readAgreement(dir)
	}
	l := pickLang(*lang, ag.Lang, o.getenv)
	cc, fromAgreement := strings.ToUpper(strings.TrimSpace(*country)), false
	if c, ok := words.ParseCountry(*country); ok {
		cc = c // a name works too: --country Nederland
	}
	if cc == "" {
		if !hasAgreement || ag.Country == "" {
			return usageError{l.T("cli.resources.needCountry")}
		}
		cc, fromAgreement = ag.Country, true
	}
	rs, known, err := guide.ForCountry(cc)
	if err != nil {
		return err
	}
	msg := ""
	if !known {
		var names []string
		for _, c := range guide.Countries() {
			names = append(names, l.Country(c))
		}
		msg = l.F("cli.resources.unknown", cc, l.List(names))
		fmt.Fprintln(o.Stderr, msg)
	}
	if *asJSON {
		type entry struct {
			Name     string `json:"name"`
			Phone    string `json:"phone"`
			URL      string `json:"url"`
			For      string `json:"for"`
			Hours    string `json:"hours"`
			Country  string `json:"country"`
			Kind     string `json:"kind"`
			Audience string `json:"audience"`
			Verified bool   `json:"verified"`
			Source   string `json:"source"`
			Note     string `json:"note,omitempty"`
		}
		out := struct {
			Resources []entry `json:"resources"`
			Message   string  `json:"message,omitempty"`
			// Country is the country asked for: --country, or the agreement's.
			Country string `json:"country"`
		}{Resources: []entry{}, Message: msg, Country: cc}
		for _, r := range rs {
			out.Resources = append(out.Resources, entry{r.Name, r.Phone, r.URL, r.For(string(l)), r.Hours(string(l)), r.Country, r.Kind, r.Audience, r.Verified(), r.Source, r.Note})
		}
		return writeJSON(o, out)
	}
	if fromAgreement {
		fmt.Fprintln(o.Stdout, words.Capital(l.F("cli.resources.agreed", l.Country(cc))))
		fmt.Fprintln(o.Stdout)
	}
	for _, r := range rs {
		fmt.Fprint(o.Stdout, r.Name)
		if r.Country == guide.International {
			fmt.Fprint(o.Stdout, " "+l.T("cli.resources.international"))
		}
		fmt.Fprintln(o.Stdout)
		var rows [][2]string
		if r.Phone != "" {
			rows = append(rows, [2]string{l.T("cli.resources.phone"), r.Phone})
		}
		if r.URL != "" {
			rows = append(rows, [2]string{l.T("cli.resources.web"), r.URL})
		}
		if h := r.Hours(string(l)); h != "" {
			rows = append(rows, [2]string{l.T("cli.resources.hours"), h})
		}
		writeFields(&indent{w: o.Stdout}, rows)
		fmt.Fprintf(o.Stdout, "  %s\n", r.For(string(l)))
		if !r.Verified() {
			fmt.Fprintf(o.Stdout, "  %s\n", l.T("resource.unverified"))
		}
		fmt.Fprintln(o.Stdout)
	}
	return nil
}

// indent writes what it is given two spaces in, line by line.
type indent struct {
	w   io.Writer
	mid bool // in the middle of a line
}

func (in *indent) Write(b []byte) (int, error) {
	out := make([]byte, 0, len(b)+8)
	for _, c := range b {
		if !in.mid {
			out = append(out, ' ', ' ')
		}
		out = append(out, c)
		in.mid = c != '\n'
	}
	if _, err := in.w.Write(out); err != nil {
		return 0, err
	}
	return len(b), nil
}

func init() {
	words.Add(map[string][2]string{
		"cli.guides.oneID":  {"give at most one guide id", "geef hoogstens één gids-id"},
		"cli.guides.badAge": {"--age must be 8-12 or 13-17", "--age moet 8-12 of 13-17 zijn"},
		"cli.guides.none":   {"no guide %q; run talkfirst-agent guides to list them", "geen gids %q; talkfirst-agent guides laat ze allemaal zien"},
		"cli.guides.list":   {"%d guides (%s). Read one with: %s", "%d gidsen (%s). Lees er een met: %s"},
		"cli.guides.ages":   {"ages %s", "%s jaar"},

		"cli.resources.needCountry": {"--country is required: there is no family agreement to take the country from",
			"--country is nodig: er is geen afspraak om het land uit te halen"},
		"cli.resources.unknown": {"TalkFirst has no help lines for %s yet, so these are the international ones. Your local emergency number always works. Countries with their own list: %s.",
			"TalkFirst heeft nog geen hulplijnen voor %s, dus dit zijn de internationale. Het alarmnummer van je eigen land werkt altijd. Landen met een eigen lijst: %s."},
		"cli.resources.agreed":        {"help lines for %s, the country in your family agreement (--country picks another).", "hulplijnen voor %s, het land uit jullie afspraak (--country kiest een ander land)."},
		"cli.resources.international": {"(international)", "(internationaal)"},
		"cli.resources.phone":         {"phone", "telefoon"},
		"cli.resources.web":           {"web", "website"},
		"cli.resources.hours":         {"hours", "bereikbaar"},
	})
}

func writeJSON(o *IO, v any) error {
	enc := json.NewEncoder(o.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
