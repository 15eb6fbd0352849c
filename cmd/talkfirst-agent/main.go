// Command talkfirst-agent is TalkFirst's background agent and its command
// line. All logic lives in agent/cli.
package main

import (
	"os"

	"github.com/talkfirst/talkfirst/agent/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], &cli.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
}
