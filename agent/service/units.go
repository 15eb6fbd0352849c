package service

import (
	"encoding/xml"
	"path/filepath"
	"strings"
)

// The texts below are pure functions of a Config, tested on every OS. They
// expect a Config that New would accept (no control characters).

// SystemdUnit returns the systemd user unit for cfg, written to
// ~/.config/systemd/user/<Name>.service.
//
// It is written here rather than rendered by kardianos/service: v1.3.0's
// template says WantedBy=multi-user.target even for user services, a target
// that exists only in the system manager, so `systemctl --user enable` links
// the unit into a target the user manager never reaches and the agent never
// starts at login (kardianos/service PR #415, systemd/systemd#2690,
// FiloSottile/yubikey-agent#40, as collected in research/app-signatures.md
// B4). default.target is the user manager's start target.
//
// A user manager is started at the first login, often before the desktop
// has exported DISPLAY or WAYLAND_DISPLAY to it. Install and Start therefore
// run `systemctl --user import-environment DISPLAY XAUTHORITY WAYLAND_DISPLAY
// XDG_SESSION_TYPE` (the ones that are set) first; GNOME and KDE import them
// themselves at later logins. The agent must still cope with a missing
// display: it reports foreground time as unavailable rather than failing,
// and Restart=on-failure covers a crash.
func SystemdUnit(cfg Config) string {
	var b strings.Builder
	b.WriteString("# Written by \"talkfirst-agent install\"; \"talkfirst-agent uninstall\" removes it.\n")
	b.WriteString("[Unit]\n")
	b.WriteString("Description=" + systemdValue(displayName(cfg)) + "\n")
	b.WriteString("\n[Service]\n")
	b.WriteString("Type=simple\n")
	b.WriteString("ExecStart=" + systemdQuote(cfg.Executable, true))
	for _, a := range cfg.Args {
		b.WriteString(" " + systemdArg(a))
	}
	b.WriteString("\n")
	for _, kv := range envList(cfg) {
		b.WriteString("Environment=" + systemdQuote(kv, false) + "\n")
	}
	b.WriteString("Restart=on-failure\n")
	b.WriteString("RestartSec=5s\n")
	b.WriteString("\n[Install]\n")
	b.WriteString("WantedBy=default.target\n")
	return b.String()
}

func displayName(cfg Config) string {
	if cfg.DisplayName != "" {
		return cfg.DisplayName
	}
	return cfg.Name
}

// systemdValue escapes specifiers in a plain setting value.
func systemdValue(s string) string { return strings.ReplaceAll(s, "%", "%%") }

// systemdArg writes a: bare when it has only safe characters, else quoted.
func systemdArg(a string) string {
	if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:,+@=") == "" {
		return a
	}
	return systemdQuote(a, true)
}

// systemdQuote double-quotes s for a systemd command line or Environment=
// (systemd.syntax(7), systemd.service(7) "Command lines"): backslash and
// quote are C-escaped, "%" becomes "%%" (specifiers), and on command lines
// "$" becomes "$$" (variable expansion).
func systemdQuote(s string, cmdline bool) string {
	r := []string{`\`, `\\`, `"`, `\"`, "%", "%%"}
	if cmdline {
		r = append(r, "$", "$$")
	}
	return `"` + strings.NewReplacer(r...).Replace(s) + `"`
}

// AutostartEntry returns the XDG autostart entry for cfg, written to
// ~/.config/autostart/<Name>.desktop (XDG Autostart and Desktop Entry
// specifications). Env is passed with env(1), the usual way for an Exec
// line.
func AutostartEntry(cfg Config) string {
	var exec []string
	if env := envList(cfg); len(env) > 0 {
		exec = append(exec, "env")
		exec = append(exec, env...)
	}
	exec = append(exec, cfg.Executable)
	exec = append(exec, cfg.Args...)
	for i, a := range exec {
		exec[i] = desktopArg(a)
	}

	var b strings.Builder
	b.WriteString("# Written by \"talkfirst-agent install\"; \"talkfirst-agent uninstall\" removes it.\n")
	b.WriteString("[Desktop Entry]\n")
	b.WriteString("Type=Application\n")
	b.WriteString("Name=" + desktopString(displayName(cfg)) + "\n")
	if cfg.Description != "" {
		b.WriteString("Comment=" + desktopString(cfg.Description) + "\n")
	}
	b.WriteString("Exec=" + strings.Join(exec, " ") + "\n")
	// Without the program the entry is skipped rather than failing at login.
	b.WriteString("TryExec=" + desktopString(cfg.Executable) + "\n")
	b.WriteString("Terminal=false\n")
	b.WriteString("NoDisplay=true\n")
	b.WriteString("Hidden=false\n")
	b.WriteString("X-GNOME-Autostart-enabled=true\n")
	return b.String()
}

// desktopString escapes a string value (Desktop Entry spec, "Possible
// value types": \\ for a backslash).
func desktopString(s string) string { return strings.ReplaceAll(s, `\`, `\\`) }

// desktopArg quotes one Exec argument (Desktop Entry spec, "The Exec key"):
// an argument with a reserved character is double-quoted with ", `, $ and \
// backslash-escaped inside; "%" becomes "%%" (field codes); then the string
// escape doubles every backslash again.
func desktopArg(a string) string {
	const reserved = " \t\n\"'\\><~|&;$*?#()`"
	s := a
	if a == "" || strings.ContainsAny(a, reserved) {
		s = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", "$", `\$`).Replace(a) + `"`
	}
	s = strings.ReplaceAll(s, "%", "%%")
	return desktopString(s)
}

// LaunchAgentPlist returns the LaunchAgent for cfg, written to
// ~/Library/LaunchAgents/<Label>.plist (launchd.plist(5)). It loads at login
// in the user's GUI (Aqua) session only, starts when loaded (RunAtLoad), is
// restarted when it exits with an error (KeepAlive SuccessfulExit=false,
// like systemd's Restart=on-failure; a clean exit, e.g. after the teen
// stops it, stays stopped), and appends its output to the log folder.
func LaunchAgentPlist(cfg Config) string {
	label := cfg.Label
	if label == "" {
		label = cfg.Name
	}
	log := filepath.ToSlash(logFile(cfg, "darwin"))

	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by "talkfirst-agent install"; "talkfirst-agent uninstall" removes it. -->
<plist version="1.0">
<dict>
`)
	plistKey(&b, 1, "Label")
	plistString(&b, 1, label)
	plistKey(&b, 1, "ProgramArguments")
	b.WriteString("\t<array>\n")
	plistString(&b, 2, cfg.Executable)
	for _, a := range cfg.Args {
		plistString(&b, 2, a)
	}
	b.WriteString("\t</array>\n")
	if env := envList(cfg); len(env) > 0 {
		plistKey(&b, 1, "EnvironmentVariables")
		b.WriteString("\t<dict>\n")
		for _, kv := range env {
			k, v, _ := strings.Cut(kv, "=")
			plistKey(&b, 2, k)
			plistString(&b, 2, v)
		}
		b.WriteString("\t</dict>\n")
	}
	if cfg.Home != "" {
		plistKey(&b, 1, "WorkingDirectory")
		plistString(&b, 1, filepath.ToSlash(cfg.Home))
	}
	plistKey(&b, 1, "RunAtLoad")
	b.WriteString("\t<true/>\n")
	plistKey(&b, 1, "KeepAlive")
	b.WriteString("\t<dict>\n")
	plistKey(&b, 2, "SuccessfulExit")
	b.WriteString("\t\t<false/>\n")
	b.WriteString("\t</dict>\n")
	plistKey(&b, 1, "LimitLoadToSessionType")
	plistString(&b, 1, "Aqua")
	plistKey(&b, 1, "StandardOutPath")
	plistString(&b, 1, log)
	plistKey(&b, 1, "StandardErrorPath")
	plistString(&b, 1, log)
	b.WriteString("</dict>\n</plist>\n")
	return b.String()
}

func plistKey(b *strings.Builder, depth int, k string) {
	b.WriteString(strings.Repeat("\t", depth) + "<key>" + xmlText(k) + "</key>\n")
}

func plistString(b *strings.Builder, depth int, s string) {
	b.WriteString(strings.Repeat("\t", depth) + "<string>" + xmlText(s) + "</string>\n")
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder never fail
	return b.String()
}

// WindowsRunCommand returns the command line stored as the <Name> value under
// HKCU\Software\Microsoft\Windows\CurrentVersion\Run: the executable always
// quoted (so a path with spaces cannot be read as a shorter program), then
// the arguments quoted as CommandLineToArgvW and Go's os.Args expect. The Run
// key cannot carry environment variables; Env is left out.
func WindowsRunCommand(cfg Config) string {
	parts := []string{`"` + cfg.Executable + `"`}
	for _, a := range cfg.Args {
		parts = append(parts, windowsArg(a))
	}
	return strings.Join(parts, " ")
}

// windowsArg quotes a as syscall.EscapeArg does on windows: quoted when
// empty or holding a space, tab or quote; backslashes are doubled only
// before a quote or the closing quote.
func windowsArg(a string) string {
	if a == "" {
		return `""`
	}
	if !strings.ContainsAny(a, " \t\"") {
		return a
	}
	var b strings.Builder
	b.WriteByte('"')
	slashes := 0
	for i := 0; i < len(a); i++ {
		c := a[i]
		switch c {
		case '\\':
			slashes++
		case '"':
			b.WriteString(strings.Repeat(`\`, slashes+1))
			slashes = 0
		default:
			slashes = 0
		}
		b.WriteByte(c)
	}
	b.WriteString(strings.Repeat(`\`, slashes))
	b.WriteByte('"')
	return b.String()
}
