package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/talkfirst/talkfirst/agent/guide"
)

func init() {
	register(command{
		name:    "guides",
		args:    "[--json] [--lang en|nl] [--age 8-12|13-17] [ID]",
		summary: "the conversation guides for parents",
		run:     runGuides,
	})
	register(command{
		name:    "resources",
		args:    "[--json] [--lang en|nl] --country CC",
		summary: "help lines and reporting services for a country",
		run:     runResources,
	})
}

func runGuides(o *IO, args []string) error {
	fs := newFlags(o, "guides")
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "en", "language: en or nl")
	age := fs.String("age", "", "only the version for this age band: 8-12 or 13-17")
	// the guide id may stand before, between or after the flags
	var ids []string
	for {
		if err := parse(o, fs, "guides", args); err == nil {
			break
		} else if fs.NArg() == 0 {
			return err
		}
		ids = append(ids, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(ids) > 1 {
		return usagef("give at most one guide id")
	}
	var id string
	if len(ids) == 1 {
		id = ids[0]
	}
	if !slices.Contains(guide.Languages, *lang) {
		return usagef("--lang must be en or nl")
	}
	if *age != "" && !slices.Contains(guide.AgeBands, *age) {
		return usagef("--age must be 8-12 or 13-17")
	}
	l, err := guide.Default()
	if err != nil {
		return err
	}
	var out []guide.Guide
	for _, g := range l.All(*lang) {
		if (id == "" || g.ID == id) && (*age == "" || g.Ages[0] == *age) {
			out = append(out, g)
		}
	}
	if id != "" && len(out) == 0 {
		return fmt.Errorf("no guide %q; run talkfirst-agent guides to list them", id)
	}
	if *asJSON {
		if out == nil {
			out = []guide.Guide{}
		}
		return writeJSON(o, map[string]any{"guides": out})
	}
	if id == "" {
		fmt.Fprintf(o.Stdout, "%d guides (%s). Read one with: talkfirst-agent guides --lang %s ID\n\n", len(l.IDs(*lang)), *lang, *lang)
		for _, g := range out {
			fmt.Fprintf(o.Stdout, "  %-20s %-6s %s\n", g.ID, g.Ages[0], g.Title)
		}
		return nil
	}
	for i, g := range out {
		if i > 0 {
			fmt.Fprintln(o.Stdout)
		}
		ages := "ages " + g.Ages[0]
		if *lang == "nl" {
			ages = g.Ages[0] + " jaar"
		}
		fmt.Fprintf(o.Stdout, "# %s (%s)\n\n%s", g.Title, ages, g.Body)
	}
	return nil
}

func runResources(o *IO, args []string) error {
	fs := newFlags(o, "resources")
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "en", "language: en or nl")
	country := fs.String("country", "", "two-letter country `CC`, e.g. NL, GB, US")
	if err := parse(o, fs, "resources", args); err != nil {
		return err
	}
	if *country == "" {
		return usagef("--country is required")
	}
	if !slices.Contains(guide.Languages, *lang) {
		return usagef("--lang must be en or nl")
	}
	rs, known, err := guide.ForCountry(*country)
	if err != nil {
		return err
	}
	cc := strings.ToUpper(*country)
	msg := ""
	if !known {
		msg = fmt.Sprintf("TalkFirst has no help lines for %q yet, so these are the international ones. Your local emergency number always works. Countries with their own list: %s.",
			cc, strings.Join(guide.Countries(), ", "))
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
		}{Resources: []entry{}, Message: msg}
		for _, r := range rs {
			out.Resources = append(out.Resources, entry{r.Name, r.Phone, r.URL, r.For(*lang), r.Hours(*lang), r.Country, r.Kind, r.Audience, r.Verified(), r.Source, r.Note})
		}
		return writeJSON(o, out)
	}
	for _, r := range rs {
		fmt.Fprintf(o.Stdout, "%s", r.Name)
		if r.Country == guide.International {
			fmt.Fprint(o.Stdout, " (international)")
		}
		fmt.Fprintln(o.Stdout)
		if r.Phone != "" {
			fmt.Fprintf(o.Stdout, "  phone: %s\n", r.Phone)
		}
		if r.URL != "" {
			fmt.Fprintf(o.Stdout, "  web:   %s\n", r.URL)
		}
		fmt.Fprintf(o.Stdout, "  %s\n", r.For(*lang))
		if h := r.Hours(*lang); h != "" {
			fmt.Fprintf(o.Stdout, "  hours: %s\n", h)
		}
		if !r.Verified() {
			fmt.Fprintf(o.Stdout, "  not verified: %s\n", r.Note)
		}
		fmt.Fprintln(o.Stdout)
	}
	return nil
}

func writeJSON(o *IO, v any) error {
	enc := json.NewEncoder(o.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
