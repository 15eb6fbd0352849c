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

// command is one subcommand.
type command struct {
	name    string
	args    string // synopsis of the flags, for usage
	summary string
	run     func(o *IO, args []string) error
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

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errHelp means usage was asked for and printed: exit 0.
var errHelp = errors.New("help")

// Main runs the command line and returns the exit code.
func Main(args []string, o *IO) (code int) {
	defer func() {
		// A panic is a bug; report it as an error rather than a crash trace.
		if r := recover(); r != nil {
			fmt.Fprintf(o.Stderr, "%s: internal error: %v\n", prog, r)
			code = 1
		}
	}()
	if len(args) == 0 {
		printUsage(o.Stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		printUsage(o.Stdout)
		return 0
	}
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		fmt.Fprintf(o.Stderr, "%s: unknown command %q\n", prog, name)
		printUsage(o.Stderr)
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
		fmt.Fprintf(o.Stderr, "usage: %s %s %s\n", prog, name, commands[i].args)
		return 2
	default:
		fmt.Fprintf(o.Stderr, "%s: %s: %s\n", prog, name, reason(o, err))
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "usage: %s <command> [flags]\n\ncommands:\n", prog)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun '%s <command> -h' for a command's flags.\n", prog)
}

// flags returns a flag set for a command that reports mistakes as usage errors.
func newFlags(o *IO, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args, turning flag errors into usage errors and -h into help.
func parse(o *IO, fs *flag.FlagSet, c string, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(o.Stdout)
			fmt.Fprintf(o.Stdout, "usage: %s %s %s\n\nflags:\n", prog, c, synopsis(c))
			fs.PrintDefaults()
			return errHelp
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
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
	level := fs.String("log-level", "", "log level: debug, info, warn or error (default "+strings.ToLower(def.String())+", or $TALKFIRST_LOG)")
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
