package service

import "testing"

func TestHasArgs(t *testing.T) {
	run := "run\x00--data-dir\x00/home/sam/.local/share/talkfirst"
	tests := []struct {
		args []string
		arg  string
		want bool
	}{
		{[]string{"run", "--data-dir", "/home/sam/.local/share/talkfirst"}, run, true},
		{[]string{"run", "--data-dir", "/home/sam/.local/share/talkfirst", "--log-level", "info"}, run, true},
		// another data folder is another agent
		{[]string{"run", "--data-dir", "/tmp/other"}, run, false},
		{[]string{"run", "--data-dir", "/home/sam/.local/share/talkfirst2"}, run, false},
		{[]string{"run"}, run, false},
		{[]string{"status", "--data-dir", "/home/sam/.local/share/talkfirst"}, run, false},
		{[]string{"run"}, "run", true},
		{[]string{"rerun"}, "run", false},
		{nil, "", true},
	}
	for _, tc := range tests {
		if got := hasArgs(tc.args, tc.arg); got != tc.want {
			t.Errorf("hasArgs(%q, %q) = %v, want %v", tc.args, tc.arg, got, tc.want)
		}
	}
}
