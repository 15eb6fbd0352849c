package cli

import (
	"context"
	"fmt"

	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	register(command{
		name: "forget",
		args: "[--data-dir DIR] [--lang en|nl] --yes [--keep-agreement]",
		run:  runForget,
	})
}

func runForget(o *IO, args []string) error {
	fs := newFlags(o, "forget")
	dataDir := dataDirFlag(o, fs)
	yes := fs.Bool("yes", false, "")
	keep := fs.Bool("keep-agreement", false, "")
	lang := langFlag(fs)
	if err := parse(o, fs, "forget", args); err != nil {
		return err
	}
	l, dir, err := o.chosen(*lang, dataDir) // before the agreement may go
	if err != nil {
		return err
	}
	if !*yes {
		return usageError{l.T("cli.forget.yes")}
	}
	st, err := openStore(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Forget(context.Background(), *keep); err != nil {
		return err
	}
	if *keep {
		fmt.Fprintln(o.Stdout, l.T("cli.forget.kept"))
	} else {
		fmt.Fprintln(o.Stdout, l.T("cli.forget.all"))
	}
	return nil
}

func init() {
	words.Add(map[string][2]string{
		"cli.forget.yes": {"this deletes all collected data; add --yes to confirm", "dit wist alle bijgehouden gegevens; voeg --yes toe om dat te bevestigen"},
		"cli.forget.kept": {"All collected data is deleted. The agreement is kept, so recording goes on.",
			"Alle bijgehouden gegevens zijn gewist. De afspraak blijft, dus het bijhouden gaat door."},
		"cli.forget.all": {"All collected data and the agreement are deleted. Nothing is recorded until a new agreement is made.",
			"Alle bijgehouden gegevens en de afspraak zijn gewist. Er wordt niets bijgehouden tot jullie een nieuwe afspraak maken."},
	})
}
