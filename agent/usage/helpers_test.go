package usage

import (
	"log/slog"
	"os"
	"testing"
)

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// atExit are run after all tests (files shared between tests).
var atExit []func()

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range atExit {
		f()
	}
	os.Exit(code)
}
