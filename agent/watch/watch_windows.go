package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

// uninstallKeys are the keys the uninstall-keys source reads; installers add
// and remove their subkeys. HKLM is opened in its 64-bit view, as the
// inventory reads it, so WOW6432Node is the 32-bit one.
var uninstallKeys = []struct {
	hive   registry.Key
	name   string // for logs
	path   string
	access uint32
}{
	{registry.LOCAL_MACHINE, `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`,
		`SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`, registry.WOW64_64KEY},
	{registry.LOCAL_MACHINE, `HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall`,
		`SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall`, registry.WOW64_64KEY},
	{registry.CURRENT_USER, `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall`,
		`Software\Microsoft\Windows\CurrentVersion\Uninstall`, 0},
}

// regNotifyFilter asks for subkeys added or removed and values set, anywhere
// below the key. REG_NOTIFY_THREAD_AGNOSTIC (Windows 8 and later; Go needs
// Windows 10) keeps the registration alive when the OS thread that made it
// exits, which a goroutine cannot promise:
// https://learn.microsoft.com/windows/win32/api/winreg/nf-winreg-regnotifychangekeyvalue (read 2025).
const regNotifyFilter = windows.REG_NOTIFY_CHANGE_NAME | windows.REG_NOTIFY_CHANGE_LAST_SET | windows.REG_NOTIFY_THREAD_AGNOSTIC

type regWatch struct {
	name string
	key  registry.Key
	ev   windows.Handle
}

func (r regWatch) arm() error {
	if err := windows.RegNotifyChangeKeyValue(windows.Handle(r.key), true, regNotifyFilter, r.ev, true); err != nil {
		return fmt.Errorf("watch registry key %s: %w", r.name, err)
	}
	return nil
}

// watchRegistry sends on changed, without blocking, after each change below
// the Uninstall keys, until ctx ends; then it returns ctx.Err(). A key that
// does not exist (no per-user installs yet) is not watched.
func watchRegistry(ctx context.Context, log *slog.Logger, changed chan<- struct{}) error {
	stop, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return fmt.Errorf("create event: %w", err)
	}
	defer windows.CloseHandle(stop)

	var keys []regWatch
	defer func() {
		for _, k := range keys {
			k.key.Close()
			windows.CloseHandle(k.ev)
		}
	}()
	for _, u := range uninstallKeys {
		k, err := registry.OpenKey(u.hive, u.path, registry.NOTIFY|u.access)
		if err != nil {
			log.Debug("registry key not watched", "path", u.name, "err", err)
			continue
		}
		ev, err := windows.CreateEvent(nil, 0, 0, nil)
		if err != nil {
			k.Close()
			return fmt.Errorf("create event: %w", err)
		}
		keys = append(keys, regWatch{u.name, k, ev})
		if err := keys[len(keys)-1].arm(); err != nil {
			return err
		}
	}
	if len(keys) == 0 {
		return errors.New("watch registry: no uninstall key could be opened")
	}

	var wg sync.WaitGroup
	done := make(chan struct{})
	defer wg.Wait()
	defer close(done) // before wg.Wait, and both before stop is closed
	wg.Go(func() {
		select {
		case <-ctx.Done():
			windows.SetEvent(stop)
		case <-done:
		}
	})

	handles := []windows.Handle{stop}
	for _, k := range keys {
		handles = append(handles, k.ev)
	}
	for {
		r, err := windows.WaitForMultipleObjects(handles, false, windows.INFINITE)
		if err != nil {
			return fmt.Errorf("wait for registry change: %w", err)
		}
		i := int(r - windows.WAIT_OBJECT_0)
		switch {
		case i == 0:
			return ctx.Err()
		case i < 0 || i >= len(handles):
			return fmt.Errorf("wait for registry change: unexpected result %#x", r)
		}
		if err := keys[i-1].arm(); err != nil {
			return err
		}
		select {
		case changed <- struct{}{}:
		default:
		}
	}
}
