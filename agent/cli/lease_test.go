package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/cli"
	"github.com/talkfirst/talkfirst/agent/lease"
	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// runLang is run with LANG set to lang.
func runLang(t *testing.T, lang string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"LANG": lang}
	code := cli.Main(args, &cli.IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }})
	return result{code, out.String(), errb.String()}
}

// TestRunRefusesAFolderAnotherAgentRecords holds the data folder's lease as
// a running agent does; run must refuse before it opens the store, and say
// who records the folder, in the session's language.
func TestRunRefusesAFolderAnotherAgentRecords(t *testing.T) {
	dir := t.TempDir()
	since := time.Now().Add(-time.Hour).Truncate(time.Minute)
	l, err := lease.Acquire(dir, since)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	root := t.TempDir()
	for _, tc := range []struct {
		lang  words.Lang
		env   string
		start string
	}{
		{words.EN, "en_GB.UTF-8", fmt.Sprintf("Another TalkFirst agent is already recording this folder (process %d, since ", os.Getpid())},
		{words.NL, "nl_NL.UTF-8", fmt.Sprintf("Er houdt al een andere TalkFirst-agent deze map bij (proces %d, sinds ", os.Getpid())},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			r := runLang(t, tc.env, "run", "--data-dir", dir, "--root", root, "--interval", "20ms", "--log-level", "error")
			want := "talkfirst-agent: run: " + words.For(tc.lang, time.Now()).Fact(words.LeaseHeldFact(os.Getpid(), since)) + "\n"
			if r.code != 1 || r.stderr != want || !strings.Contains(r.stderr, tc.start) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err == nil {
		t.Error("the refused agent opened the store")
	}
}

// TestCommandsReportADamagedStoreAndLeaveIt: the command line never moves a
// damaged store aside (an agent may be running on it); it says so.
func TestCommandsReportADamagedStoreAndLeaveIt(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, store.FileName)
	damaged := []byte(strings.Repeat("this is not a database ", 400))
	if err := os.WriteFile(p, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"summary"},
		{"prompts"},
		{"status"},
		{"pause", "--for", "1h", "--reason", "exams"},
		{"forget", "--yes"},
	} {
		t.Run(args[0], func(t *testing.T) {
			r := run(t, "", append(args, "--data-dir", dir)...)
			want := "talkfirst-agent: " + args[0] + ": TalkFirst's saved data is damaged, so it can't be opened; nothing was changed."
			if r.code != 1 || !strings.HasPrefix(r.stderr, want) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
			}
			if b, err := os.ReadFile(p); err != nil || !bytes.Equal(b, damaged) {
				t.Fatalf("the damaged file was moved or changed (%v)", err)
			}
		})
	}
	if names, _ := filepath.Glob(p + ".corrupt-*"); len(names) > 0 {
		t.Errorf("moved aside: %v", names)
	}
}

func TestStatusSaysWhichAgentRecords(t *testing.T) {
	dir := t.TempDir()
	r := run(t, "", "status", "--data-dir", dir)
	if !strings.Contains(r.stdout, "Recording:   No agent is recording this folder now.\n") {
		t.Errorf("status without an agent:\n%s", r.stdout)
	}
	l, err := lease.Acquire(dir, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	r = run(t, "", "status", "--data-dir", dir)
	if want := fmt.Sprintf("Recording:   Process %d records this folder, since ", os.Getpid()); !strings.Contains(r.stdout, want) {
		t.Errorf("status with an agent:\n%s\nwant %q", r.stdout, want)
	}
}

// TestSetupAndRunBesideARecordingAgent: an agent started by hand holds the
// lease while it waits for the agreement; setup sees it (it starts
// recording by itself), and a second run is refused in the agreement's
// language, not the session's.
func TestSetupAndRunBesideARecordingAgent(t *testing.T) {
	dir := t.TempDir()
	since := time.Now().Add(-time.Minute)
	l, err := lease.Acquire(dir, since)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	pin := writePIN(t, "2468")
	r := run(t, "", "setup", "--data-dir", dir, "--teen", "Sam", "--age", "14", "--country", "NL", "--lang", "nl", "--parent-pin-file", pin, "--agree")
	if want := words.NL.T("cli.setup.running"); r.code != 0 || !strings.Contains(r.stdout, want) {
		t.Errorf("setup beside a recording agent: exit %d, stdout %q, stderr %q; want %q", r.code, r.stdout, r.stderr, want)
	}
	r = runLang(t, "en_GB.UTF-8", "run", "--data-dir", dir, "--root", t.TempDir(), "--log-level", "error")
	want := "talkfirst-agent: run: " + words.For(words.NL, time.Now()).Fact(words.LeaseHeldFact(os.Getpid(), since)) + "\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("run: exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
	}
}
