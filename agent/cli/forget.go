package cli

import (
	"context"
	"fmt"
)

func init() {
	register(command{
		name:    "forget",
		args:    "[--data-dir DIR] --yes [--keep-agreement]",
		summary: "delete all collected data (and the agreement, unless --keep-agreement)",
		run:     runForget,
	})
}

func runForget(o *IO, args []string) error {
	fs := newFlags(o, "forget")
	dataDir := dataDirFlag(o, fs)
	yes := fs.Bool("yes", false, "yes, delete it")
	keep := fs.Bool("keep-agreement", false, "keep the family agreement (recording goes on)")
	if err := parse(o, fs, "forget", args); err != nil {
		return err
	}
	if !*yes {
		return usagef("this deletes all collected data; add --yes to confirm")
	}
	st, err := openDataStore(dataDir)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Forget(context.Background(), *keep); err != nil {
		return err
	}
	if *keep {
		fmt.Fprintln(o.Stdout, "All collected data is deleted. The agreement is kept, so recording goes on.")
	} else {
		fmt.Fprintln(o.Stdout, "All collected data and the agreement are deleted. Nothing is recorded until a new agreement is made.")
	}
	return nil
}
