package catalog

import (
	"strings"
	"testing"
)

// Parse rejects exact identifiers shared by two apps; glob and display-name
// patterns can't be compared that way, so these tests check them with sample
// values. MatchGlob and MatchDisplayName return the first app that matches,
// which would hide an overlap: these count every app.

func globApps(c *Catalog, os OS, k Kind, v string) []string {
	lv := strings.ToLower(strings.ReplaceAll(v, `\`, "/"))
	var ids []string
	for _, a := range c.Apps {
		for _, s := range a.Platforms[os][k] {
			if globMatch(strings.ToLower(s.Value), lv) {
				ids = append(ids, a.ID)
				break
			}
		}
	}
	return ids
}

// TestGlobPatternsDoNotOverlap turns every glob pattern into a sample path
// ("*" -> "x1", "?" -> "x") and checks that no other app's pattern of the same
// kind on the same OS matches it.
func TestGlobPatternsDoNotOverlap(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := strings.NewReplacer("*", "x1", "?", "x")
	n := 0
	for _, a := range c.Apps {
		for os, kinds := range a.Platforms {
			for _, k := range []Kind{AppImage, InstallDir, DataDir, ExePath} {
				for _, s := range kinds[k] {
					sample := r.Replace(s.Value)
					ids := globApps(c, os, k, sample)
					n++
					if len(ids) != 1 || ids[0] != a.ID {
						t.Errorf("%s %s sample %q (from %s's %q) matches %v, want only %s", os, k, sample, a.ID, s.Value, ids, a.ID)
					}
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d glob patterns checked; the catalog looks empty", n)
	}
}

// TestDisplayNamesDoNotOverlap checks real DisplayName values against every
// app's patterns: each belongs to exactly one app.
func TestDisplayNamesDoNotOverlap(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	samples := map[string]string{
		"Discord": "discord", "Discord Canary": "discord", "Discord PTB": "discord", "Vesktop 1.5.3": "discord",
		"Telegram Desktop": "telegram", "Telegram Desktop version 5.5.0": "telegram", "AyuGram Desktop version 5.4.1": "telegram",
		"WhatsApp": "whatsapp", "Signal 7.30.0": "signal", "Element": "matrix", "Threema": "threema",
		"Wire": "wire", "Viber": "viber", "LINE": "line", "WeChat": "wechat", "Weixin": "wechat", "微信": "wechat",
		"Skype version 8.120": "skype", "Skype": "skype", "Zoom Workplace (64-bit)": "zoom", "Zoom": "zoom",
		"Slack": "slack", "Messenger": "messenger", "TeamSpeak 3 Client": "teamspeak", "TeamSpeak": "teamspeak",
		"Mumble 1.5.634": "mumble", "Steam": "steam", "Epic Games Launcher": "epic-games",
		"Roblox Player for sam": "roblox", "Roblox Studio for sam": "roblox",
		"Minecraft Launcher": "minecraft", "Prism Launcher 8.4": "minecraft",
	}
	for name, want := range samples {
		var ids []string
		for _, a := range c.Apps {
			for _, re := range a.res[Windows] {
				if re.MatchString(name) {
					ids = append(ids, a.ID)
					break
				}
			}
		}
		if len(ids) != 1 || ids[0] != want {
			t.Errorf("DisplayName %q matches %v, want only %s", name, ids, want)
		}
	}
}

func TestRooted(t *testing.T) {
	for p, want := range map[string]bool{
		"/opt/x": true, "~/.config": true, "%APPDATA%/x": true, "c:/program files/x": true, "D:/x": true,
		"*/discord/app-*/discord.exe": false, "vesktop-*.appimage": false, "discord.app/contents": false, "": false,
	} {
		if got := rooted(p); got != want {
			t.Errorf("rooted(%q) = %v, want %v", p, got, want)
		}
	}
}
