package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/talkfirst/talkfirst/agent/control"
	"github.com/talkfirst/talkfirst/agent/service"
	"github.com/talkfirst/talkfirst/agent/words"
)

func init() {
	for _, name := range []string{"install", "uninstall", "start", "stop"} {
		register(command{name: name, args: "[--data-dir DIR] [--lang en|nl]", run: serviceCommand(name)})
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
		lang := langFlag(fs)
		if err := parse(o, fs, name, args); err != nil {
			return err
		}
		l, dir, err := o.chosen(*lang, dataDir)
		if err != nil {
			return err
		}
		m, err := serviceManager(o, dir)
		if err != nil {
			return err
		}
		ctx := context.Background()
		var method service.Method
		switch name {
		case "install":
			if method, err = m.Install(ctx); err != nil {
				return err
			}
		case "uninstall":
			if err := m.Uninstall(ctx); err != nil {
				return err
			}
		case "start":
			if err := m.Start(ctx); errors.Is(err, service.ErrNotInstalled) {
				return errors.New(l.T("cli.start.notInstalled"))
			} else if err != nil {
				return err
			}
		case "stop":
			if err := m.Stop(ctx); err != nil {
				return err
			}
		}
		fmt.Fprintln(o.Stdout, serviceDone(l, name, method))
		return nil
	}
}

// serviceDone says what the service command name did; method is how
// install set the agent up.
func serviceDone(l words.Lang, name string, method service.Method) string {
	if name == "install" {
		return l.F("cli.install.done", methodWords(l, method))
	}
	return l.T("cli." + name + ".done")
}

// methodWords says how the agent starts at login.
func methodWords(l words.Lang, m service.Method) string {
	key := "cli.method." + string(m)
	if !words.Has(key) {
		return string(m)
	}
	return l.T(key)
}

func init() {
	words.Add(map[string][2]string{
		"cli.install.done": {"Installed: the agent starts at every login (%s). Start it now with: talkfirst-agent start",
			"Geïnstalleerd: de agent start elke keer dat je inlogt (%s). Start hem nu met: talkfirst-agent start"},
		"cli.uninstall.done": {"Uninstalled: the agent is stopped and no longer starts at login. The data is still there; talkfirst-agent forget --yes deletes it.",
			"Verwijderd: de agent is gestopt en start niet meer bij het inloggen. De gegevens zijn er nog; talkfirst-agent forget --yes wist ze."},
		"cli.start.done":         {"Started.", "Gestart."},
		"cli.start.notInstalled": {"the agent is not installed; run talkfirst-agent install first", "de agent is niet geïnstalleerd; voer eerst talkfirst-agent install uit"},
		"cli.stop.done":          {"Stopped. It starts again at the next login.", "Gestopt. Hij start weer als je de volgende keer inlogt."},

		"cli.method.systemd-user": {"a systemd user service", "een systemd-gebruikersservice"},
		"cli.method.xdg-autostart": {"a desktop autostart entry, because there is no systemd user manager here",
			"een item in de map voor automatisch starten, omdat hier geen systemd voor gebruikers draait"},
		"cli.method.launchagent":     {"a LaunchAgent", "een LaunchAgent"},
		"cli.method.windows-run-key": {"the Run key of this user", "de Run-sleutel van deze gebruiker"},
	})
}
