package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/talkfirst/talkfirst/agent/control"
	"github.com/talkfirst/talkfirst/agent/service"
)

func init() {
	for _, c := range []struct{ name, summary string }{
		{"install", "start the agent at every login, as this user"},
		{"uninstall", "stop the agent and remove what install wrote (the data stays; see forget)"},
		{"start", "start the installed agent now"},
		{"stop", "stop the agent now (it starts again at the next login)"},
	} {
		register(command{name: c.name, args: "[--data-dir DIR]", summary: c.summary, run: serviceCommand(c.name)})
	}
}

// serviceManager builds the per-user service manager for the agent, running
// this executable with the given data folder.
func serviceManager(o *IO, dir string) (service.Manager, error) {
	exe, err := control.Self()
	if err != nil {
		return nil, err
	}
	return control.Manager(exe, dir, nil)
}

func serviceCommand(name string) func(o *IO, args []string) error {
	return func(o *IO, args []string) error {
		fs := newFlags(o, name)
		dataDir := dataDirFlag(o, fs)
		if err := parse(o, fs, name, args); err != nil {
			return err
		}
		dir, err := dataDir()
		if err != nil {
			return err
		}
		m, err := serviceManager(o, dir)
		if err != nil {
			return err
		}
		ctx := context.Background()
		switch name {
		case "install":
			method, err := m.Install(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(o.Stdout, "Installed: the agent starts at every login (%s). Start it now with: talkfirst-agent start\n", methodWords(method))
		case "uninstall":
			if err := m.Uninstall(ctx); err != nil {
				return err
			}
			fmt.Fprintln(o.Stdout, "Uninstalled: the agent is stopped and no longer starts at login. The data is still there; talkfirst-agent forget --yes deletes it.")
		case "start":
			if err := m.Start(ctx); errors.Is(err, service.ErrNotInstalled) {
				return errors.New("the agent is not installed; run talkfirst-agent install first")
			} else if err != nil {
				return err
			}
			fmt.Fprintln(o.Stdout, "Started.")
		case "stop":
			if err := m.Stop(ctx); err != nil {
				return err
			}
			fmt.Fprintln(o.Stdout, "Stopped. It starts again at the next login.")
		}
		return nil
	}
}

func methodWords(m service.Method) string {
	switch m {
	case service.MethodSystemdUser:
		return "a systemd user service"
	case service.MethodXDGAutostart:
		return "a desktop autostart entry, because there is no systemd user manager here"
	case service.MethodLaunchAgent:
		return "a LaunchAgent"
	case service.MethodWindowsRunKey:
		return "the Run key of this user"
	}
	return string(m)
}
