package service

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"howett.net/plist"
)

// agentConfig is a typical install for the OS whose paths it uses.
func agentConfig(exe, home string, args ...string) Config {
	return Config{
		Name:        "talkfirst-agent",
		DisplayName: "TalkFirst agent",
		Description: "Sees which chat apps are installed and how much time goes into them.",
		Executable:  exe,
		Args:        args,
		Home:        home,
		UID:         501,
	}
}

func TestSystemdUnit(t *testing.T) {
	cfg := agentConfig("/usr/bin/talkfirst-agent", "/home/sam", "run")
	cfg.Env = map[string]string{"TALKFIRST_DATA_DIR": "/home/sam/.local/share/talkfirst"}
	want := `# Written by "talkfirst-agent install"; "talkfirst-agent uninstall" removes it.
[Unit]
Description=TalkFirst agent

[Service]
Type=simple
ExecStart="/usr/bin/talkfirst-agent" run
Environment="TALKFIRST_DATA_DIR=/home/sam/.local/share/talkfirst"
Restart=on-failure
RestartSec=5s

[Install]
WantedBy=default.target
`
	if got := SystemdUnit(cfg); got != want {
		t.Errorf("SystemdUnit:\n%s\nwant:\n%s", got, want)
	}
}

func TestSystemdUnitQuoting(t *testing.T) {
	cfg := agentConfig(`/opt/Talk First/bin/talkfirst-agent`, "/home/sam",
		"run", "--data-dir", `/home/sam/my "data" 100%`, "--price=$5", `back\slash`)
	cfg.Env = map[string]string{"B": "two words", "A": `50% "q"`}
	unit := SystemdUnit(cfg)
	for _, want := range []string{
		`ExecStart="/opt/Talk First/bin/talkfirst-agent" run --data-dir "/home/sam/my \"data\" 100%%" "--price=$$5" "back\\slash"` + "\n",
		// Sorted by name; no $ escaping outside command lines.
		`Environment="A=50%% \"q\""` + "\nEnvironment=\"B=two words\"\n",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("unit lacks %q:\n%s", want, unit)
		}
	}
	if strings.Contains(unit, "multi-user.target") {
		t.Error("a user unit must not want multi-user.target")
	}
}

func TestAutostartEntry(t *testing.T) {
	cfg := agentConfig("/usr/bin/talkfirst-agent", "/home/sam", "run")
	cfg.Env = map[string]string{"TALKFIRST_DATA_DIR": "/home/sam/data"}
	want := `# Written by "talkfirst-agent install"; "talkfirst-agent uninstall" removes it.
[Desktop Entry]
Type=Application
Name=TalkFirst agent
Comment=Sees which chat apps are installed and how much time goes into them.
Exec=env TALKFIRST_DATA_DIR=/home/sam/data /usr/bin/talkfirst-agent run
TryExec=/usr/bin/talkfirst-agent
Terminal=false
NoDisplay=true
Hidden=false
X-GNOME-Autostart-enabled=true
`
	if got := AutostartEntry(cfg); got != want {
		t.Errorf("AutostartEntry:\n%s\nwant:\n%s", got, want)
	}
}

func TestDesktopArg(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"run", "run"},
		{"", `""`},
		{"/opt/Talk First/agent", `"/opt/Talk First/agent"`},
		{"100%", "100%%"}, // field codes
		{`say "hi" $HOME`, `"say \\"hi\\" \\$HOME"`},
		// Quoting rule (\\) then the string escape rule (\\\\): four.
		{`a\b`, `"a\\\\b"`},
		{"a`b", "\"a\\\\`b\""},
	} {
		if got := desktopArg(tc.in); got != tc.want {
			t.Errorf("desktopArg(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestLaunchAgentPlist(t *testing.T) {
	cfg := agentConfig("/Applications/TalkFirst.app/Contents/MacOS/talkfirst-agent", "/Users/sam", "run", "--data-dir", "/Users/sam/T&F <data>")
	cfg.Label = "org.talkfirst.agent"
	cfg.Env = map[string]string{"TALKFIRST_LOG": "debug"}
	text := LaunchAgentPlist(cfg)

	var got struct {
		Label                  string
		ProgramArguments       []string
		EnvironmentVariables   map[string]string
		WorkingDirectory       string
		RunAtLoad              bool
		KeepAlive              map[string]bool
		LimitLoadToSessionType string
		StandardOutPath        string
		StandardErrorPath      string
	}
	if _, err := plist.Unmarshal([]byte(text), &got); err != nil {
		t.Fatalf("plist does not parse: %v\n%s", err, text)
	}
	wantArgs := []string{cfg.Executable, "run", "--data-dir", "/Users/sam/T&F <data>"}
	if got.Label != "org.talkfirst.agent" || !slices.Equal(got.ProgramArguments, wantArgs) ||
		got.EnvironmentVariables["TALKFIRST_LOG"] != "debug" || got.WorkingDirectory != "/Users/sam" ||
		!got.RunAtLoad || got.LimitLoadToSessionType != "Aqua" {
		t.Errorf("plist = %+v\n%s", got, text)
	}
	if v, ok := got.KeepAlive["SuccessfulExit"]; !ok || v {
		t.Errorf("KeepAlive = %v, want restart on failure only", got.KeepAlive)
	}
	// The data folder named in Args holds the logs.
	if want := "/Users/sam/T&F <data>/logs/talkfirst-agent.log"; got.StandardOutPath != want || got.StandardErrorPath != want {
		t.Errorf("log paths = %q, %q; want %q", got.StandardOutPath, got.StandardErrorPath, want)
	}
}

func TestLaunchAgentPlistDefaults(t *testing.T) {
	text := LaunchAgentPlist(agentConfig("/usr/local/bin/talkfirst-agent", "/Users/sam", "run"))
	for _, want := range []string{
		"\t<key>Label</key>\n\t<string>talkfirst-agent</string>\n",
		"\t<key>RunAtLoad</key>\n\t<true/>\n",
		"<string>/Users/sam/Library/Logs/TalkFirst/talkfirst-agent.log</string>",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plist lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "EnvironmentVariables") {
		t.Error("no Env, but EnvironmentVariables written")
	}
}

func TestWindowsRunCommand(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"plain", []string{"run"}, `"C:\Program Files\TalkFirst\talkfirst-agent.exe" run`},
		{"spaces", []string{"run", "--data-dir", `C:\Users\Sam Lee\TalkFirst`},
			`"C:\Program Files\TalkFirst\talkfirst-agent.exe" run --data-dir "C:\Users\Sam Lee\TalkFirst"`},
		// A trailing backslash is doubled before the closing quote.
		{"trailing backslash", []string{`C:\My Data\`}, `"C:\Program Files\TalkFirst\talkfirst-agent.exe" "C:\My Data\\"`},
		{"quote", []string{`say "hi"`, ""}, `"C:\Program Files\TalkFirst\talkfirst-agent.exe" "say \"hi\"" ""`},
		{"backslashes before a quote", []string{`a\\"b`}, `"C:\Program Files\TalkFirst\talkfirst-agent.exe" "a\\\\\"b"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := agentConfig(`C:\Program Files\TalkFirst\talkfirst-agent.exe`, `C:\Users\sam`, tc.args...)
			cfg.Env = map[string]string{"IGNORED": "x"} // the Run key cannot carry it
			if got := WindowsRunCommand(cfg); got != tc.want {
				t.Errorf("WindowsRunCommand = %s\nwant                %s", got, tc.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	ok := agentConfig("/usr/bin/talkfirst-agent", "/home/sam", "run")
	for _, tc := range []struct {
		name string
		edit func(*Config)
	}{
		{"no name", func(c *Config) { c.Name = "" }},
		{"name with slash", func(c *Config) { c.Name = "a/b" }},
		{"relative executable", func(c *Config) { c.Executable = "talkfirst-agent" }},
		{"relative home", func(c *Config) { c.Home = "home" }},
		{"newline in arg", func(c *Config) { c.Args = []string{"run\n[Service]"} }},
		{"bad env name", func(c *Config) { c.Env = map[string]string{"A=B": "c"} }},
		{"relative data dir", func(c *Config) { c.Args = []string{"run", "--data-dir", "data"} }},
		{"relative data env", func(c *Config) { c.Env = map[string]string{dataEnv: "data"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.edit(&c)
			if _, err := c.normalize(); err == nil {
				t.Errorf("normalize accepted %+v", c)
			}
		})
	}
	c, err := ok.normalize()
	if err != nil {
		t.Fatal(err)
	}
	if c.Label != "talkfirst-agent" || c.UID != 501 {
		t.Errorf("defaults: %+v", c)
	}
}

func TestLogDir(t *testing.T) {
	home := filepath.FromSlash("/home/sam")
	for _, tc := range []struct {
		name string
		cfg  Config
		goos string
		want string
	}{
		{"linux default", Config{Home: home}, "linux", "/home/sam/.local/state/talkfirst"},
		{"darwin default", Config{Home: home}, "darwin", "/home/sam/Library/Logs/TalkFirst"},
		{"windows default", Config{Home: home}, "windows", "/home/sam/AppData/Local/TalkFirst/logs"},
		{"--data-dir", Config{Home: home, Args: []string{"run", "--data-dir", "/d"}}, "linux", "/d/logs"},
		{"--data-dir=", Config{Home: home, Args: []string{"run", "--data-dir=/d"}}, "linux", "/d/logs"},
		{"env", Config{Home: home, Env: map[string]string{dataEnv: "/e"}}, "linux", "/e/logs"},
		{"LogDir wins", Config{Home: home, LogDir: "/l", Env: map[string]string{dataEnv: "/e"}}, "linux", "/l"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := filepath.ToSlash(logDir(tc.cfg, tc.goos)); got != tc.want {
				t.Errorf("logDir = %s, want %s", got, tc.want)
			}
		})
	}
}

var update = flag.Bool("update", false, "rewrite the reference copies in installers/linux")

// TestReferenceCopies keeps installers/linux's copies of the unit and the
// autostart entry (for packagers and reviewers) equal to what install
// writes for /usr/bin/talkfirst-agent. Run with -update to rewrite them.
func TestReferenceCopies(t *testing.T) {
	cfg := agentConfig("/usr/bin/talkfirst-agent", "/home/user", "run")
	dir := filepath.Join("..", "..", "installers", "linux")
	for name, text := range map[string]string{
		"talkfirst-agent.service": SystemdUnit(cfg),
		"talkfirst-agent.desktop": AutostartEntry(cfg),
	} {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./agent/service -run TestReferenceCopies -update)", err)
		}
		if strings.ReplaceAll(string(b), "\r\n", "\n") != text { // a CRLF checkout
			t.Errorf("%s is stale; run go test ./agent/service -run TestReferenceCopies -update", path)
		}
	}
}
