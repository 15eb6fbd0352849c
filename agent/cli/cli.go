// Package cli is the command line of talkfirst-agent: the background agent's
// own commands (run, install, status, ...) and the admin and test commands
// (scan, summary, prompts, ...). One file per command; cmd/talkfirst-agent only
// calls Main.
//
// The contract is fixed in DESIGN.md: errors print "talkfirst-agent: <cmd>:
// <reason>" on stderr and exit 1; usage errors exit 2; nothing panics.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"

	"github.com/talkfirst/talkfirst/agent/words"
)

const prog = "talkfirst-agent"

// IO is what a command reads and writes. Tests replace all of it.
type IO struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

func (o *IO) getenv(k string) string {
	if o.Getenv == nil {
		return os.Getenv(k)
	}
	return o.Getenv(k)
}

// command is one subcommand; what it does, for the list of commands, is
// the text "cli.cmd.<name>" (help.go).
type command struct {
	name string
	args string // synopsis of the flags, for usage
	run  func(o *IO, args []string) error
}

// commands is filled by each command's file in init.
var commands []command

func register(c command) {
	commands = append(commands, c)
	slices.SortStableFunc(commands, func(a, b command) int { return order(a.name) - order(b.name) })
}

// order is the contract's order of commands, for the usage text.
func order(name string) int {
	i := slices.Index([]string{"scan", "setup", "run", "summary", "prompts", "guides", "resources", "pause", "resume",
		"forget", "install", "uninstall", "start", "stop", "status"}, name)
	if i < 0 {
		return 100
	}
	return i
}

// usageError marks a mistake in how the command was called: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errHelp means usage was asked for and printed: exit 0.
var errHelp = errors.New("help")

// Main runs the command line and returns the exit code.
func Main(args []string, o *IO) (code int) {
	defer func() {
		// A panic is a bug; report it as an error rather than a crash trace.
		if r := recover(); r != nil {
			fmt.Fprintf(o.Stderr, "%s: %s\n", prog, words.System(o.getenv).F("cli.internal", r))
			code = 1
		}
	}()
	if len(args) == 0 {
		printUsage(o.Stderr, o.helpLang("", nil, nil))
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		printUsage(o.Stdout, o.helpLang("", nil, args[1:]))
		return 0
	}
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		l := o.helpLang("", nil, args[1:])
		fmt.Fprintf(o.Stderr, "%s: %s\n", prog, l.F("cli.unknownCommand", name))
		printUsage(o.Stderr, l)
		return 2
	}
	err := commands[i].run(o, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(o.Stderr, "%s: %s: %s\n", prog, name, ue.msg)
		fmt.Fprintln(o.Stderr, usageLine(o.helpLang(name, nil, args[1:]), name))
		return 2
	default:
		fmt.Fprintf(o.Stderr, "%s: %s: %s\n", prog, name, reason(o, err))
		return 1
	}
}

// newFlags returns a flag set for a command that reports mistakes as usage
// errors. Give each flag the usage "": what it means is its text
// "cli.flag.<name>" in help.go, in both languages.
func newFlags(o *IO, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses the flags of command c, for a command that takes no
// arguments besides them.
func parse(o *IO, fs *flag.FlagSet, c string, args []string) error {
	if err := parseFlags(o, fs, c, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{o.helpLang(c, fs, args).F("cli.unexpectedArg", fs.Arg(0))}
	}
	return nil
}

// parseWithArgs parses the flags of command c, for a command that takes
// arguments before, between and after them; it returns the arguments.
func parseWithArgs(o *IO, fs *flag.FlagSet, c string, args []string) ([]string, error) {
	var out []string
	for {
		if err := parseFlags(o, fs, c, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return out, nil
		}
		out = append(out, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseFlags parses args up to the first argument that is not a flag,
// turning flag errors into usage errors and -h into help, said in
// helpLang's language.
func parseFlags(o *IO, fs *flag.FlagSet, c string, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		printHelp(o.Stdout, fs, c, o.helpLang(c, fs, args))
		return errHelp
	default:
		return usageError{flagError(o.helpLang(c, fs, args), err)}
	}
}

func synopsis(name string) string {
	for _, c := range commands {
		if c.name == name {
			return c.args
		}
	}
	return ""
}

// logFlag adds --log-level to fs and returns a function that builds the logger.
func logFlag(o *IO, fs *flag.FlagSet) func() *slog.Logger {
	return logFlagDefault(o, fs, slog.LevelWarn)
}

// logFlagDefault is logFlag with another default level.
func logFlagDefault(o *IO, fs *flag.FlagSet, def slog.Level) func() *slog.Logger {
	// its usage says def: "cli.flag.log-level" for warn, the command's own for another
	level := fs.String("log-level", "", "")
	return func() *slog.Logger {
		l := *level
		if l == "" {
			l = o.getenv("TALKFIRST_LOG")
		}
		var lv slog.Level
		if err := lv.UnmarshalText([]byte(strings.ToUpper(l))); err != nil || l == "" {
			lv = def
		}
		return slog.New(slog.NewTextHandler(o.Stderr, &slog.HandlerOptions{Level: lv}))
	}
}
