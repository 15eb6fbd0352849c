package service

import (
	"strconv"
	"testing"
)

func TestProcDead(t *testing.T) {
	for stat, want := range map[string]bool{
		"123 (talkfirst-agent) S 1 123":  false,
		"123 (a) b) c) R 1":              false,
		"123 (talkfirst-agent) Z 1 123":  true,
		"123 (x) X 1":                    true,
		"garbage":                        true,
		"123 (" + strconv.Itoa(1) + ") ": true,
	} {
		if got := procDead(stat); got != want {
			t.Errorf("procDead(%q) = %v, want %v", stat, got, want)
		}
	}
}
