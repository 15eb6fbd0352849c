package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/inventory"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name: "scan",
		args: "[--json] [--lang en|nl] [--os linux|darwin|windows] [--root DIR] [--home DIR]",
		run:  runScan,
	})
}

func runScan(o *IO, args []string) error {
	fs := newFlags(o, "scan")
	asJSON := fs.Bool("json", false, "")
	goos := fs.String("os", "", "")
	root := fs.String("root", "", "")
	home := fs.String("home", "", "")
	lang := langFlag(fs)
	logger := logFlag(o, fs)
	if err := parse(o, fs, "scan", args); err != nil {
		return err
	}
	if err := checkLang(o, *lang); err != nil {
		return err
	}
	l := o.speakDefault(*lang)
	switch catalog.OS(*goos) {
	case "", catalog.Linux, catalog.Darwin, catalog.Windows:
	default:
		return usageError{l.F("cli.scan.badOS", *goos)}
	}
	log := logger()
	cat, err := catalog.Default()
	if err != nil {
		return err
	}
	env, err := inventory.SystemEnv(inventory.SystemOptions{OS: catalog.OS(*goos), Root: *root, Home: *home, RequireHome: true}, cat, log)
	if err != nil {
		return err
	}
	sc, err := inventory.NewScanner(env)
	if err != nil {
		return err
	}
	res, err := sc.Scan(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(o.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	writeScanTable(o.Stdout, res, words.For(l, time.Now()))
	return nil
}

// writeScanTable writes the apps found by category, each with how
// TalkFirst knows, in r's language.
func writeScanTable(w io.Writer, res inventory.Result, r words.Renderer) {
	switch len(res.Apps) {
	case 0:
		fmt.Fprintln(w, r.T("cli.scan.none"))
		return
	case 1:
		fmt.Fprintln(w, r.T("cli.scan.one"))
	default:
		fmt.Fprintln(w, r.F("cli.scan.many", len(res.Apps)))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var last catalog.Category
	for _, a := range res.Apps {
		if a.Category != last {
			fmt.Fprintf(tw, "\n%s\n", r.T("cli.scan.cat."+string(a.Category)))
			last = a.Category
		}
		for i, e := range a.Evidence {
			name := ""
			if i == 0 {
				name = a.Name
			}
			d := r.Fact(e.Fact())
			if e.Weak {
				d += " " + r.T("cli.scan.weak")
			}
			fmt.Fprintf(tw, "  %s\t%s\n", name, d)
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "\n"+r.T("cli.scan.never"))
}

func init() {
	words.Add(map[string][2]string{
		"cli.scan.badOS":           {"--os must be linux, darwin or windows, not %q", "--os moet linux, darwin of windows zijn, niet %q"},
		"cli.scan.none":            {"No chat apps or games with chat found.", "Geen chatapps of games met chat gevonden."},
		"cli.scan.one":             {"1 chat app or game with chat found.", "1 chatapp of game met chat gevonden."},
		"cli.scan.many":            {"%d chat apps and games with chat found.", "%d chatapps en games met chat gevonden."},
		"cli.scan.cat.messenger":   {"Messengers", "Berichtenapps"},
		"cli.scan.cat.community":   {"Communities and voice chat", "Community's en spraakchat"},
		"cli.scan.cat.social":      {"Social media", "Sociale media"},
		"cli.scan.cat.game-chat":   {"Games with chat", "Games met chat"},
		"cli.scan.cat.anonymous":   {"Anonymous messengers", "Anonieme berichtenapps"},
		"cli.scan.cat.video-call":  {"Video calls", "Videobellen"},
		"cli.scan.cat.school-work": {"School and work", "School en werk"},
		"cli.scan.weak":            {"(weaker sign)", "(zwakkere aanwijzing)"},
		"cli.scan.never":           {"TalkFirst reads only where apps are installed. It never opens messages.", "TalkFirst kijkt alleen waar apps zijn geïnstalleerd. Het opent nooit berichten."},
	})
}
