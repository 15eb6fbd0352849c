package cli

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/talkfirst/talkfirst/agent/words"
)

// In English, the flags are written as flag.PrintDefaults writes them, to
// the byte: every kind of flag the commands use, with and without a
// placeholder and a default; in Dutch, the flag package's own words are
// Dutch too.
func TestPrintFlagsIsPrintDefaults(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	fs.String("data-dir", "", "")
	fs.String("night", "22:00-06:00", "")
	fs.String("lang", "", "")
	fs.Int("months", 6, "")
	fs.Int("age", 0, "")
	fs.Bool("agree", false, "")
	fs.Bool("x", false, "") // one letter: on one line
	fs.Duration("interval", 2*time.Second, "")
	fs.Duration("idle", 0, "")
	var got, want strings.Builder
	printFlags(&got, fs, "setup", words.EN) // sets the usages
	fs.SetOutput(&want)
	fs.PrintDefaults()
	if got.String() != want.String() {
		t.Errorf("printFlags:\n%s\nflag.PrintDefaults:\n%s", got.String(), want.String())
	}
	var nl strings.Builder
	printFlags(&nl, fs, "setup", words.NL)
	for _, s := range []string{"  -data-dir MAP\n", "  -lang tekst\n", "  -months getal\n", `(standaard "22:00-06:00")`, "(standaard 6)", "  -interval duur\n", "(standaard 2s)"} {
		if !strings.Contains(nl.String(), s) {
			t.Errorf("in Dutch no %q:\n%s", s, nl.String())
		}
	}
}

// The flag package's errors are said in Dutch, and in English as it
// wrote them.
func TestFlagError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		nl   string
	}{
		{[]string{"--frob"}, "onbekende flag: -frob"},
		{[]string{"--age"}, "-age heeft een waarde nodig"},
		{[]string{"--age", "veertien"}, `"veertien" is geen geldige waarde voor -age`},
		{[]string{"--for", "soon"}, `"soon" is geen geldige waarde voor -for`},
		{[]string{"--agree=maybe"}, `"maybe" is geen geldige waarde voor -agree: alleen true of false`},
		{[]string{"---agree"}, "verkeerd geschreven flag: ---agree"},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.Int("age", 0, "")
		fs.Duration("for", 0, "")
		fs.Bool("agree", false, "")
		err := fs.Parse(tc.args)
		if err == nil {
			t.Fatalf("%v parsed", tc.args)
		}
		if got := flagError(words.EN, err); got != err.Error() {
			t.Errorf("%v in English: %q, want the flag package's %q", tc.args, got, err)
		}
		if got := flagError(words.NL, err); got != tc.nl {
			t.Errorf("%v in Dutch: %q, want %q", tc.args, got, tc.nl)
		}
	}
	if got := flagError(words.NL, errors.New("something new")); got != "something new" {
		t.Errorf("an unknown error: %q", got)
	}
}

func TestFlagValue(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"--lang", "nl"}, "nl"},
		{[]string{"-lang", "nl"}, "nl"},
		{[]string{"--lang=nl"}, "nl"},
		{[]string{"-lang=nl"}, "nl"},
		{[]string{"-h", "--json", "--lang", "nl", "x"}, "nl"},
		{[]string{"--lang", "en", "--lang", "nl"}, "nl"},
		{[]string{"--lang"}, ""},
		{[]string{"--language", "nl", "lang", "nl", "---lang", "nl"}, ""},
		{[]string{"--", "--lang", "nl"}, ""},
	} {
		if got := flagValue(nil, tc.args, "lang"); got != tc.want {
			t.Errorf("flagValue(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
	// what fs parsed counts first: the args may be only what is left
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	langFlag(fs)
	if err := fs.Parse([]string{"--lang", "nl", "id"}); err != nil {
		t.Fatal(err)
	}
	if got := flagValue(fs, []string{"-h"}, "lang"); got != "nl" {
		t.Errorf("flagValue after parsing --lang nl = %q", got)
	}
}
