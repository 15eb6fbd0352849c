package store

import (
	"path/filepath"
	"testing"
)

func TestDefaultDir(t *testing.T) {
	home := func() (string, error) { return "/home/sam", nil }
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name, goos string
		env        map[string]string
		want       string
	}{
		{"linux default", "linux", nil, "/home/sam/.local/share/talkfirst"},
		{"linux xdg", "linux", map[string]string{"XDG_DATA_HOME": "/data"}, "/data/talkfirst"},
		{"linux relative xdg is ignored", "linux", map[string]string{"XDG_DATA_HOME": "rel"}, "/home/sam/.local/share/talkfirst"},
		{"darwin", "darwin", nil, "/home/sam/Library/Application Support/TalkFirst"},
		{"windows", "windows", map[string]string{"LOCALAPPDATA": "/lad"}, "/lad/TalkFirst"},
	}
	for _, tc := range tests {
		got, err := defaultDir(tc.goos, env(tc.env), home)
		if err != nil || got != filepath.FromSlash(tc.want) {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	got, _ := DefaultDir(env(map[string]string{"TALKFIRST_DATA_DIR": "/x"}))
	if got != "/x" {
		t.Errorf("TALKFIRST_DATA_DIR ignored: %q", got)
	}
}
