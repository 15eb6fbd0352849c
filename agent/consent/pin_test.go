package consent

import (
	"context"
	"crypto/rand"
	"errors"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/talkfirst/talkfirst/agent/store"
)

// cheapPIN hashes pin with the smallest argon2id cost, so tests can check
// many PINs; Verify reads the cost from the hash.
func cheapPIN(t *testing.T, pin string) PINHash {
	t.Helper()
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		t.Fatal(err)
	}
	return PINHash{Salt: salt, Time: 1, Memory: 64, Threads: 1, Hash: argon2.IDKey([]byte(pin), salt, 1, 64, 1, pinKeyLen)}
}

func openStore(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(dir, nil, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestPINGateDoublesTheLockUpToTheCap makes each wrong PIN the moment the
// last lock ends, and looks at the lock each one sets.
func TestPINGateDoublesTheLockUpToTheCap(t *testing.T) {
	st := openStore(t, t.TempDir())
	ctx := context.Background()
	a := valid(t)
	a.PIN = cheapPIN(t, "2468")
	want := map[int]time.Duration{ // wrong PINs in a row: the lock the last one sets
		1: 0, 2: 0, 3: 0, 4: 0,
		5:  30 * time.Second,
		6:  time.Minute,
		7:  2 * time.Minute,
		8:  4 * time.Minute,
		9:  8 * time.Minute,
		10: 15 * time.Minute, // 16 min, cut to the cap
		11: 15 * time.Minute,
		30: 15 * time.Minute, // far past the cap: no overflow
	}
	now := t0
	for n := 1; n <= 30; n++ {
		if err := CheckPIN(ctx, st, a, "0000", now); !errors.Is(err, ErrWrongPIN) {
			t.Fatalf("wrong PIN %d: %v, want ErrWrongPIN", n, err)
		}
		lock, ok := want[n]
		if !ok {
			lock = 15 * time.Minute
		}
		if lock == 0 {
			continue // a look with a wrong PIN would count as the next one
		}
		// While locked, a PIN is not checked (and not counted): the right
		// one is refused with the time left.
		var locked ErrLocked
		if err := CheckPIN(ctx, st, a, "0000", now); !errors.As(err, &locked) || locked.Wait != lock {
			t.Fatalf("after wrong PIN %d: %v, want locked for %v", n, err, lock)
		}
		if err := CheckPIN(ctx, st, a, "2468", now.Add(lock-time.Second)); !errors.As(err, &locked) || locked.Wait != time.Second {
			t.Fatalf("after wrong PIN %d, a second before the lock ends: %v, want locked for 1s", n, err)
		}
		now = now.Add(lock)
	}
	// the lock has just ended: the right PIN opens, and the count starts again
	if err := CheckPIN(ctx, st, a, "2468", now); err != nil {
		t.Fatalf("the right PIN after the last lock: %v", err)
	}
	for n := 1; n <= 4; n++ {
		if err := CheckPIN(ctx, st, a, "0000", now); !errors.Is(err, ErrWrongPIN) {
			t.Fatalf("after the reset, wrong PIN %d: %v, want ErrWrongPIN", n, err)
		}
	}
}

// TestPINGateCountsWrongPINsCheckedAtOnce checks five wrong PINs side by
// side, as the app and the command line can, each through a store of its
// own: every one is counted, so the gate locks. All five have read the
// count before any of them writes.
func TestPINGateCountsWrongPINsCheckedAtOnce(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	a := valid(t)
	a.PIN = cheapPIN(t, "2468")
	stores := make([]*store.Store, freeAttempts)
	for i := range stores {
		stores[i] = openStore(t, dir)
	}

	var read sync.WaitGroup
	read.Add(len(stores))
	allRead := make(chan struct{})
	go func() { read.Wait(); close(allRead) }()
	verify = func(h PINHash, pin string) bool {
		read.Done()
		<-allRead
		return h.Verify(pin)
	}
	defer func() { verify = PINHash.Verify }()

	errs := make(chan error, len(stores))
	for _, st := range stores {
		go func() { errs <- CheckPIN(ctx, st, a, "0000", t0) }()
	}
	for range stores {
		if err := <-errs; !errors.Is(err, ErrWrongPIN) {
			t.Errorf("a wrong PIN: %v, want ErrWrongPIN", err)
		}
	}
	verify = PINHash.Verify
	var locked ErrLocked
	if err := CheckPIN(ctx, stores[0], a, "2468", t0); !errors.As(err, &locked) || locked.Wait != lockBase {
		t.Errorf("after %d wrong PINs at once: %v, want locked for %v", freeAttempts, err, lockBase)
	}
}
