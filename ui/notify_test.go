package ui

import (
	"context"
	"regexp"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// New prompts are announced once, with their topic only: never figures,
// app names from the evidence, or anything seen before the app started.
func TestNotificationsCarryTopicsOfNewPromptsOnly(t *testing.T) {
	a := test.NewTempApp(t)
	src := newFakeSource().withAgreement()
	src.summary = weekData()
	src.prompts = promptData()[:1]
	w := test.NewTempWindow(t, nil)
	u := screensNew(t, a, w, src, Options{Lang: "en", Now: func() time.Time { return fakeNow }})
	var got [][]string
	u.OnNewPrompts(func(topics []string) { got = append(got, topics) })
	ctx := context.Background()

	u.Refresh(ctx) // prompts that existed when the app opened are not announced
	if len(got) != 0 {
		t.Fatalf("announced prompts that were already there: %v", got)
	}
	src.prompts = promptData()
	u.Refresh(ctx)
	if len(got) != 1 || len(got[0]) != 1 || got[0][0] != "Late nights online" {
		t.Fatalf("notifications = %v, want one with the late-night topic", got)
	}
	digits := regexp.MustCompile(`[0-9]`)
	for _, topics := range got {
		for _, topic := range topics {
			if digits.MatchString(topic) {
				t.Errorf("a notification carries a figure: %q", topic)
			}
		}
	}
	u.Refresh(ctx) // nothing new: nothing announced again
	if len(got) != 1 {
		t.Errorf("announced again: %v", got)
	}
}
