package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kardianos/service"
)

// stopGrace bounds how long Run waits for fn to return once asked to stop.
const stopGrace = 10 * time.Second

// Run runs fn as the agent's body until fn returns or the agent is asked to
// stop, which cancels fn's context.
//
// Started by a service manager (kardianos/service Interactive() is false:
// systemd or launchd as parent, or the Windows service control manager),
// fn runs under kardianos/service, whose Start must not block: fn runs on
// its own goroutine and Stop cancels it and waits up to 10 s. Otherwise
// (a terminal, the desktop's autostart, the Run key, Start's detached child)
// fn runs directly. Either way SIGINT and SIGTERM stop it, and on windows
// so does Stop's named event (the agent has no console to send Ctrl+C to).
//
// A fn that ends by itself with an error makes Run return that error, so the
// process exits non-zero and systemd's Restart=on-failure or launchd's
// KeepAlive start it again. A cancelled context is a clean stop: Run returns
// nil when fn returns context.Canceled.
func Run(name string, fn func(ctx context.Context) error, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "service")
	stopReq, closeReq := stopRequests(name, log)
	defer closeReq()

	if service.Interactive() {
		ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer cancel()
		go func() {
			select {
			case <-stopReq:
				log.Info("stop requested")
				cancel()
			case <-ctx.Done():
			}
		}()
		log.Info("agent running", "mode", "direct")
		err := ignoreCanceled(fn(ctx))
		log.Info("agent ended", "err", err)
		return err
	}

	p := &program{fn: fn, log: log, stopReq: stopReq}
	s, err := service.New(p, &service.Config{
		Name: name,
		// POSIX managers: wait for a signal or for fn to end by itself
		// (kardianos's own wait knows only signals).
		Option: service.KeyValue{"RunWait": p.wait},
	})
	if err != nil {
		return fmt.Errorf("service %s: %w", name, err)
	}
	log.Info("agent running", "mode", "service", "platform", service.Platform())
	err = s.Run()
	log.Info("agent ended", "err", err)
	return err
}

func ignoreCanceled(err error) error {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// program adapts fn to kardianos/service.Interface.
type program struct {
	fn      func(ctx context.Context) error
	log     *slog.Logger
	stopReq <-chan struct{}

	cancel context.CancelFunc
	done   chan struct{}
	err    error // fn's result, read after done is closed
}

// Start starts fn and returns at once.
func (p *program) Start(service.Service) error {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel, p.done = cancel, make(chan struct{})
	go func() {
		defer close(p.done)
		p.err = p.fn(ctx)
		if ctx.Err() == nil {
			p.log.Error("agent ended by itself", "err", p.err)
			serviceEnded(p.err)
		}
	}()
	return nil
}

// wait returns on SIGINT or SIGTERM, a stop request, or when fn ends.
func (p *program) wait() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	select {
	case <-sig:
	case <-p.stopReq:
	case <-p.done:
	}
}

// Stop cancels fn and waits for it, at most stopGrace.
func (p *program) Stop(service.Service) error {
	p.cancel()
	select {
	case <-p.done:
		return ignoreCanceled(p.err)
	case <-time.After(stopGrace):
		return fmt.Errorf("agent did not stop within %s", stopGrace)
	}
}
