package inventory

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseDesktopEntry(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want desktopEntry
		err  error
	}{
		{
			name: "minimal",
			in:   "[Desktop Entry]\nType=Application\nExec=discord\n",
			want: desktopEntry{Type: "Application", Exec: "discord"},
		},
		{
			name: "all keys read",
			in: "[Desktop Entry]\nType=Application\nExec=/snap/bin/slack -s %U\nTryExec=/snap/bin/slack\n" +
				"StartupWMClass=Slack\nX-Flatpak=com.slack.Slack\nX-SnapInstanceName=slack_work\nX-SnapAppName=slack\nHidden=false\n",
			want: desktopEntry{Type: "Application", Exec: "/snap/bin/slack -s %U", TryExec: "/snap/bin/slack",
				StartupWMClass: "Slack", Flatpak: "com.slack.Slack", SnapInstance: "slack_work", SnapApp: "slack"},
		},
		{
			name: "CRLF line ends",
			in:   "[Desktop Entry]\r\nType=Application\r\nExec=telegram-desktop -- %u\r\nStartupWMClass=TelegramDesktop\r\n",
			want: desktopEntry{Type: "Application", Exec: "telegram-desktop -- %u", StartupWMClass: "TelegramDesktop"},
		},
		{
			name: "comments, blank lines and indented lines",
			in:   "# made by hand\n\n[Desktop Entry]\n# Exec=commented-out\n  Exec=signal-desktop\n\t\nType=Application\n",
			want: desktopEntry{Type: "Application", Exec: "signal-desktop"},
		},
		{
			name: "blanks around the equals sign",
			in:   "[Desktop Entry]\nExec = element-desktop %u \nStartupWMClass\t=\telement\n",
			want: desktopEntry{Exec: "element-desktop %u", StartupWMClass: "element"},
		},
		{
			// localized values never stand in for the key itself
			name: "localized keys ignored",
			in:   "[Desktop Entry]\nExec[de]=evil\nStartupWMClass[nl]=Evil\nName=Discord\nName[de]=Diskord\nExec=discord\n",
			want: desktopEntry{Exec: "discord"},
		},
		{
			name: "action groups ignored",
			in:   "[Desktop Entry]\nExec=firefox %u\nActions=new;\n\n[Desktop Action new]\nExec=discord\nStartupWMClass=discord\n",
			want: desktopEntry{Exec: "firefox %u"},
		},
		{
			name: "a group before the entry ignored",
			in:   "[X-Vendor Data]\nExec=discord\nHidden=true\n[Desktop Entry]\nExec=firefox\n",
			want: desktopEntry{Exec: "firefox"},
		},
		{
			name: "string escapes undone",
			in:   "[Desktop Entry]\nExec=\"/opt/My\\sApp/chat\" --dir C:\\\\\\\\x\nStartupWMClass=a\\tb\\\\c\\q\n",
			want: desktopEntry{Exec: `"/opt/My App/chat" --dir C:\\x`, StartupWMClass: "a\tb\\c\\q"},
		},
		{
			name: "Hidden=true",
			in:   "[Desktop Entry]\nExec=wire-desktop\nHidden=true\n",
			want: desktopEntry{Exec: "wire-desktop", Hidden: true},
		},
		{
			name: "a key written twice: the last wins",
			in:   "[Desktop Entry]\nExec=one\nExec=two\n",
			want: desktopEntry{Exec: "two"},
		},
		{
			name: "lines without an equals sign and odd keys skipped",
			in:   "[Desktop Entry]\nExec\nExecutable=x\nX-Flatpak-Tags=proprietary\n=Exec\nExec=ok",
			want: desktopEntry{Exec: "ok"},
		},
		{
			name: "byte order mark",
			in:   "\xef\xbb\xbf[Desktop Entry]\nExec=zoom\n",
			want: desktopEntry{Exec: "zoom"},
		},
		{
			name: "a link",
			in:   "[Desktop Entry]\nType=Link\nURL=https://discord.com/app\n",
			want: desktopEntry{Type: "Link"},
		},
		{
			name: "non-ASCII values",
			in:   "[Desktop Entry]\nName[ru]=Телеграм\nExec=/opt/Телеграм/Telegram\n",
			want: desktopEntry{Exec: "/opt/Телеграм/Telegram"},
		},
		{name: "empty", in: "", err: errEmptyEntry},
		{name: "only blanks", in: " \n\r\n\t", err: errEmptyEntry},
		{name: "invalid UTF-8", in: "[Desktop Entry]\nName=Dis\xffcord\nExec=discord\n", err: errEntryNotUTF8},
		{name: "no group", in: "Exec=discord\n", err: errNoDesktopGroup},
		{name: "only an action group", in: "[Desktop Action x]\nExec=discord\n", err: errNoDesktopGroup},
		{name: "binary junk", in: "\x7fELF\x02\x01\x01\x00\x00\x00", err: errNoDesktopGroup},
		{name: "group name not exact", in: "[desktop entry]\nExec=discord\n", err: errNoDesktopGroup},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseDesktopEntry([]byte(tc.in))
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestParseExec(t *testing.T) {
	tests := []struct {
		exec string
		want execInfo
	}{
		{"discord", execInfo{Program: "discord"}},
		{"/usr/share/discord/Discord", execInfo{Program: "Discord"}},
		{"/opt/Signal/signal-desktop --no-sandbox %U", execInfo{Program: "signal-desktop"}},
		{`"/opt/My App/chat" %U`, execInfo{Program: "chat"}},
		{`"/opt/a \"b\" \\c/prog" %f`, execInfo{Program: "prog"}},
		{`/opt/x/"odd name" %f`, execInfo{Program: "odd name"}},
		{`"/opt/unclosed/prog`, execInfo{Program: "prog"}},
		// snapd's rewrite of a snap's Exec
		{"env BAMF_DESKTOP_FILE_HINT=/var/lib/snapd/desktop/applications/slack_slack.desktop /snap/bin/slack -s %U", execInfo{Program: "slack"}},
		{"env -u GTK_IM_MODULE -i QT_QPA_PLATFORM=xcb --unset=FOO telegram-desktop -- %u", execInfo{Program: "telegram-desktop"}},
		{"/usr/bin/env A=1 B=2 zoom %U", execInfo{Program: "zoom"}},
		// flatpak's rewrite of an exported entry's Exec
		{"/usr/bin/flatpak run --branch=stable --arch=x86_64 --command=com.discordapp.Discord com.discordapp.Discord",
			execInfo{Program: "com.discordapp.Discord", Flatpak: "com.discordapp.Discord"}},
		{"/usr/bin/flatpak run --branch=master --arch=x86_64 --command=sober --file-forwarding org.vinegarhq.Sober @@u %u @@",
			execInfo{Program: "sober", Flatpak: "org.vinegarhq.Sober"}},
		{"flatpak run im.riot.Riot", execInfo{Flatpak: "im.riot.Riot"}},
		{"flatpak --user run --command /app/bin/element --branch stable im.riot.Riot//stable %U", execInfo{Program: "element", Flatpak: "im.riot.Riot"}},
		{"flatpak run org.signal.Signal/x86_64/stable", execInfo{Flatpak: "org.signal.Signal"}},
		{"env GDK_BACKEND=x11 flatpak run com.slack.Slack", execInfo{Flatpak: "com.slack.Slack"}},
		{"flatpak run", execInfo{}},
		{"flatpak install --user flathub org.signal.Signal", execInfo{Program: "flatpak"}},
		// a launcher's shortcut to a game
		{"steam steam://rungameid/123", execInfo{Program: "steam", Shortcut: true}},
		{"/usr/bin/flatpak run com.valvesoftware.Steam steam://rungameid/123", execInfo{Flatpak: "com.valvesoftware.Steam", Shortcut: true}},
		{"xdg-open heroic://launch/legendary/Fortnite", execInfo{Program: "xdg-open", Shortcut: true}},
		{"env LUTRIS_SKIP_INIT=1 lutris lutris:rungameid/12", execInfo{Program: "lutris", Shortcut: true}},
		// wine writes four backslashes, one level is already undone
		{`env WINEPREFIX="/home/sam/.wine" wine C:\\users\\Public\\Desktop\\Mumble.lnk`, execInfo{Program: "wine"}},
		{`sh -c "discord --start-minimized"`, execInfo{Program: "sh"}},
		{"", execInfo{}},
		{"   ", execInfo{}},
		{"env", execInfo{}},
		{"env FOO=1", execInfo{}},
		{"/", execInfo{}},
		{`""`, execInfo{}},
	}
	for _, tc := range tests {
		t.Run(tc.exec, func(t *testing.T) {
			if got := parseExec(tc.exec); got != tc.want {
				t.Errorf("parseExec(%q)\n got  %+v\n want %+v", tc.exec, got, tc.want)
			}
		})
	}
}

func TestSnapName(t *testing.T) {
	for in, want := range map[string]string{
		"slack": "slack", "slack_work": "slack", "slack_slack": "slack", "slack+work_slack": "slack", "": "",
	} {
		if got := snapName(in); got != want {
			t.Errorf("snapName(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParseDesktopEntry checks that no input makes the parser or the Exec
// reader panic, and that what they return is well formed.
func FuzzParseDesktopEntry(f *testing.F) {
	paths, _ := filepath.Glob("testdata/linux/*/*/*/*/*.desktop")
	more, _ := filepath.Glob("testdata/linux/*/home/sam/.local/share/applications/*.desktop")
	for _, p := range append(paths, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("[Desktop Entry]\nExec=\"a\\\\\" b\\ \"\nHidden=true\n"))
	f.Add([]byte("[Desktop Entry]\r\nExec=env -u\r\n"))
	f.Add([]byte("[Desktop Entry]\nExec=flatpak run --command\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		de, err := parseDesktopEntry(data)
		if err != nil {
			if de != (desktopEntry{}) {
				t.Fatalf("error %v with a non-zero entry %+v", err, de)
			}
			return
		}
		for _, v := range []string{de.Type, de.Exec, de.TryExec, de.StartupWMClass, de.Flatpak, de.SnapInstance, de.SnapApp} {
			if !utf8.ValidString(v) {
				t.Fatalf("invalid UTF-8 value %q", v)
			}
		}
		ex := parseExec(de.Exec)
		if strings.Contains(ex.Program, "/") {
			t.Fatalf("program %q is not a base name", ex.Program)
		}
		if strings.Contains(ex.Flatpak, "/") {
			t.Fatalf("flatpak id %q has a slash", ex.Flatpak)
		}
		if len(splitExec(de.Exec, maxExecArgs)) > maxExecArgs {
			t.Fatal("splitExec returned too many arguments")
		}
	})
}
