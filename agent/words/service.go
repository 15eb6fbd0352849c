package words

// How the agent starts at login, as the status command and the app say it.
const (
	StartNotInstalled     Code = "start.not-installed"       // nothing starts it at login
	StartRegistryUnread   Code = "start.registry-unreadable" // windows: the user's registry could not be read
	StartRunKey           Code = "start.run-key"             // windows: from the user's Run key
	StartRunKeyOff        Code = "start.run-key-off"         // in the Run key, but switched off in Startup apps
	StartRunKeyOther      Code = "start.run-key-other"       // in the Run key with another command line
	StartSystemd          Code = "start.systemd"             // a systemd user service, enabled
	StartSystemdInstalled Code = "start.systemd-installed"   // a systemd user service, state unknown
	StartSystemdOff       Code = "start.systemd-off"         // [Text: the unit file state]: switched off
	StartSystemdNoAnswer  Code = "start.systemd-no-answer"   // installed, but systemd did not answer
	StartSystemdFailed    Code = "start.systemd-failed"      // [Text: the unit's name]: it failed
	StartAutostart        Code = "start.autostart"           // the desktop's autostart folder
	StartAutostartOff     Code = "start.autostart-off"       // there, but switched off
	StartLaunchAgent      Code = "start.launchagent"         // a LaunchAgent, loaded
	StartLaunchAgentIdle  Code = "start.launchagent-idle"    // a LaunchAgent, stopped until the next login
	StartLaunchdLeftover  Code = "start.launchd-leftover"    // not installed, but launchd still has it loaded
	StartLaunchdNoAnswer  Code = "start.launchd-no-answer"   // launchd did not answer
)

// Whether the agent runs now.
const (
	RunningPID Code = "running.pid" // [Count: pid]
	Running    Code = "running.yes"
	NotRunning Code = "running.no"
	// RunningHere: it runs inside the desktop app while the app is open.
	RunningHere Code = "running.in-app"
)

func init() {
	Define(map[Code]Def{
		StartNotInstalled:     {EN: "Not installed: the agent does not start at login.", NL: "Niet geïnstalleerd: de agent start niet bij het inloggen."},
		StartRegistryUnread:   {EN: "The user's registry could not be read.", NL: "Het register van de gebruiker kon niet worden gelezen."},
		StartRunKey:           {EN: "Starts at sign-in from the user's Run key.", NL: "Start bij het aanmelden vanuit de Run-sleutel van de gebruiker."},
		StartRunKeyOff:        {EN: "In the user's Run key, but switched off in Startup apps: it will not start at sign-in.", NL: "Staat in de Run-sleutel, maar is uitgezet bij Opstart-apps: de agent start niet bij het aanmelden."},
		StartRunKeyOther:      {EN: "In the user's Run key, but with another command line; install again to fix it.", NL: "Staat in de Run-sleutel, maar met een andere opdracht; installeer opnieuw om dat te herstellen."},
		StartSystemd:          {EN: "Starts at login as a systemd user service.", NL: "Start bij het inloggen als systemd-gebruikersservice."},
		StartSystemdInstalled: {EN: "Installed as a systemd user service.", NL: "Geïnstalleerd als systemd-gebruikersservice."},
		StartSystemdOff: {Args: []Kind{KText}, EN: "Installed as a systemd user service, but switched off (%s): it will not start at login.",
			NL: "Geïnstalleerd als systemd-gebruikersservice, maar uitgezet (%s): de agent start niet bij het inloggen."},
		StartSystemdNoAnswer: {EN: "Installed as a systemd user service, but systemd did not answer.", NL: "Geïnstalleerd als systemd-gebruikersservice, maar systemd gaf geen antwoord."},
		StartSystemdFailed: {Args: []Kind{KText}, EN: "Starts at login as a systemd user service, but it failed; see journalctl --user -u %s.",
			NL: "Start bij het inloggen als systemd-gebruikersservice, maar is vastgelopen; zie journalctl --user -u %s."},
		StartAutostart:       {EN: "Starts at login through the desktop's autostart folder.", NL: "Start bij het inloggen via de map voor automatisch starten van het bureaublad."},
		StartAutostartOff:    {EN: "Installed in the desktop's autostart folder, but switched off: it will not start at login.", NL: "Staat in de map voor automatisch starten, maar is uitgezet: de agent start niet bij het inloggen."},
		StartLaunchAgent:     {EN: "Starts at login as a LaunchAgent.", NL: "Start bij het inloggen als LaunchAgent."},
		StartLaunchAgentIdle: {EN: "Starts at login as a LaunchAgent; stopped until the next login or start.", NL: "Start bij het inloggen als LaunchAgent; gestopt tot de volgende keer inloggen of starten."},
		StartLaunchdLeftover: {EN: "Not installed, but launchd still has the agent loaded.", NL: "Niet geïnstalleerd, maar launchd heeft de agent nog geladen."},
		StartLaunchdNoAnswer: {EN: "launchd did not answer.", NL: "launchd gaf geen antwoord."},

		RunningPID:  {Args: []Kind{KCount}, EN: "Running (pid %s).", NL: "Draait (pid %s)."},
		Running:     {EN: "Running.", NL: "Draait."},
		NotRunning:  {EN: "Not running.", NL: "Draait niet."},
		RunningHere: {EN: "Running inside the TalkFirst app while it is open.", NL: "Draait in de TalkFirst-app zolang die open is."},
	})
}

// RunningFact says whether the agent runs, with its pid when known.
func RunningFact(running bool, pid int) Fact {
	switch {
	case running && pid > 0:
		return New(RunningPID, Count(pid))
	case running:
		return New(Running)
	}
	return New(NotRunning)
}
