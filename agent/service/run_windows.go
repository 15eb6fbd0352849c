package service

import (
	"errors"
	"log/slog"
	"os"

	"golang.org/x/sys/windows"
)

// stopEventName names the event Stop sets to ask the agents of this name in
// the caller's logon session to stop ("Local\" is per session).
func stopEventName(name string) string { return `Local\` + name + "-stop" }

// stopRequests returns a channel closed when another process (Stop) sets
// the stop event, and a function that ends the watch.
func stopRequests(name string, log *slog.Logger) (<-chan struct{}, func()) {
	evName, err := windows.UTF16PtrFromString(stopEventName(name))
	if err != nil {
		log.Warn("no stop event", "err", err)
		return nil, func() {}
	}
	// Manual reset, so every agent of this name in the session sees it.
	ev, err := windows.CreateEvent(nil, 1, 0, evName)
	if ev == 0 {
		log.Warn("no stop event", "err", err)
		return nil, func() {}
	}
	if errors.Is(err, windows.ERROR_ALREADY_EXISTS) {
		windows.ResetEvent(ev) // a stop meant for an agent that already ended
	}
	quit, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		windows.CloseHandle(ev)
		log.Warn("no stop event", "err", err)
		return nil, func() {}
	}
	req, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		r, err := windows.WaitForMultipleObjects([]windows.Handle{ev, quit}, false, windows.INFINITE)
		if err == nil && r == windows.WAIT_OBJECT_0 {
			close(req)
		}
	}()
	return req, func() {
		windows.SetEvent(quit)
		<-ended
		windows.CloseHandle(quit)
		windows.CloseHandle(ev)
	}
}

// serviceEnded ends the process when fn ended by itself under the service
// control manager: kardianos/service's Windows loop waits only for the
// manager's commands, so exiting is the only way to report the failure (and
// let recovery actions run).
func serviceEnded(err error) {
	if err != nil {
		os.Exit(1)
	}
	os.Exit(0)
}
