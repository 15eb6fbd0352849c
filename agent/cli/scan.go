package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/talkfirst/talkfirst/agent/catalog"
	"github.com/talkfirst/talkfirst/agent/inventory"
)

func init() {
	register(command{
		name:    "scan",
		args:    "[--json] [--os linux|darwin|windows] [--root DIR] [--home DIR]",
		summary: "list the chat apps and games installed here, and how TalkFirst knows",
		run:     runScan,
	})
}

func runScan(o *IO, args []string) error {
	fs := newFlags(o, "scan")
	asJSON := fs.Bool("json", false, "print JSON")
	goos := fs.String("os", "", "which OS's layout to read: linux, darwin or windows (default this OS)")
	root := fs.String("root", "", "read the file system as if `DIR` were / (a mounted disk, a test tree)")
	home := fs.String("home", "", "the home `DIR` to read: inside --root, or a full path under it (default yours, or the only one under --root)")
	logger := logFlag(o, fs)
	if err := parse(o, fs, "scan", args); err != nil {
		return err
	}
	switch catalog.OS(*goos) {
	case "", catalog.Linux, catalog.Darwin, catalog.Windows:
	default:
		return usagef("--os must be linux, darwin or windows, not %q", *goos)
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
	writeScanTable(o.Stdout, res)
	return nil
}

// categoryTitle is the heading of a category in the readable table.
var categoryTitle = map[catalog.Category]string{
	catalog.Messenger: "Messengers",
	catalog.Community: "Communities and voice chat",
	catalog.Social:    "Social media",
	catalog.GameChat:  "Games with chat",
	catalog.Anonymous: "Anonymous messengers",
	catalog.VideoCall: "Video calls",
	catalog.School:    "School and work",
}

func writeScanTable(w io.Writer, res inventory.Result) {
	if len(res.Apps) == 0 {
		fmt.Fprintln(w, "No chat apps or games with chat found.")
		return
	}
	if len(res.Apps) == 1 {
		fmt.Fprintln(w, "1 chat app or game with chat found.")
	} else {
		fmt.Fprintf(w, "%d chat apps and games with chat found.\n", len(res.Apps))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var last catalog.Category
	for _, a := range res.Apps {
		if a.Category != last {
			fmt.Fprintf(tw, "\n%s\n", categoryTitle[a.Category])
			last = a.Category
		}
		for i, e := range a.Evidence {
			name := ""
			if i == 0 {
				name = a.Name
			}
			d := e.Detail
			if e.Weak {
				d += " (weaker sign)"
			}
			fmt.Fprintf(tw, "  %s\t%s\n", name, d)
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "\nTalkFirst reads only where apps are installed. It never opens messages.")
}
