package consent

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/talkfirst/talkfirst/agent/store"
	"github.com/talkfirst/talkfirst/agent/words"
)

// PINHash is an argon2id hash of the parent's PIN with its parameters.
type PINHash struct {
	Salt    []byte `json:"salt"`
	Hash    []byte `json:"hash"`
	Time    uint32 `json:"time"`
	Memory  uint32 `json:"memory_kib"`
	Threads uint8  `json:"threads"`
}

// IsZero reports whether no PIN is set.
func (h PINHash) IsZero() bool { return len(h.Hash) == 0 }

// argon2id parameters: RFC 9106's second recommended option (t=3, 64 MiB).
const (
	pinTime    = 3
	pinMemory  = 64 * 1024
	pinThreads = 2
	pinKeyLen  = 32
)

// A new PIN has MinPIN to MaxPIN characters.
const (
	MinPIN = 4
	MaxPIN = 64
)

// CheckPINRules says whether pin is acceptable as a new PIN: nil, or an
// InvalidError.
func CheckPINRules(pin string) error {
	n := utf8.RuneCountInString(pin)
	if n < MinPIN {
		return InvalidError{words.New(words.InvalidPINShort, words.Count(MinPIN))}
	}
	if n > MaxPIN {
		return InvalidError{words.New(words.InvalidPINLong, words.Count(MaxPIN))}
	}
	return nil
}

// HashPIN hashes a new PIN.
func HashPIN(pin string) (PINHash, error) {
	if err := CheckPINRules(pin); err != nil {
		return PINHash{}, err
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return PINHash{}, err
	}
	return PINHash{
		Salt: salt, Time: pinTime, Memory: pinMemory, Threads: pinThreads,
		Hash: argon2.IDKey([]byte(pin), salt, pinTime, pinMemory, pinThreads, pinKeyLen),
	}, nil
}

// Verify reports whether pin matches, in constant time.
func (h PINHash) Verify(pin string) bool {
	if h.IsZero() || h.Time == 0 || h.Memory == 0 || h.Threads == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pin), h.Salt, h.Time, h.Memory, h.Threads, uint32(len(h.Hash)))
	return subtle.ConstantTimeCompare(got, h.Hash) == 1
}

// The PIN gate: the freeAttempts-th wrong PIN in a row locks the gate for
// lockBase, and each wrong PIN after it for twice as long as the one before,
// up to lockMax. The count is kept in the store so restarting the app does
// not reset it; a right PIN resets it.
const (
	freeAttempts = 5
	lockBase     = 30 * time.Second
	lockMax      = 15 * time.Minute
	keyPINGate   = "pin_gate"
)

type gateState struct {
	Failures    int   `json:"failures"`
	LockedUntil int64 `json:"locked_until_ms"`
}

// readGate decodes a stored gate; a damaged record starts the count again.
func readGate(v []byte, ok bool) gateState {
	var g gateState
	if ok {
		_ = json.Unmarshal(v, &g)
	}
	return g
}

// wait is how long the gate stays locked after now; 0 when it is open.
func (g gateState) wait(now time.Time) time.Duration {
	if until := time.UnixMilli(g.LockedUntil); now.Before(until) {
		return until.Sub(now)
	}
	return 0
}

// lockFor is how long the gate locks after failures wrong PINs in a row.
func lockFor(failures int) time.Duration {
	if failures < freeAttempts {
		return 0
	}
	return min(lockBase<<min(failures-freeAttempts, 10), lockMax)
}

// ErrLocked means too many wrong PINs; try again after the wait.
type ErrLocked struct{ Wait time.Duration }

func (e ErrLocked) Error() string {
	return fmt.Sprintf("too many wrong PINs; try again in %s", e.Wait.Round(time.Second))
}

// verify is PINHash.Verify; a test holds it to check PINs side by side.
var verify = PINHash.Verify

// CheckPIN checks pin against the agreement's PIN, rate-limited. It returns
// nil when the PIN is right, ErrLocked while the gate is locked (without
// checking the PIN), and ErrWrongPIN for a wrong PIN.
//
// The app and the command line may check PINs at the same moment, so the
// count is read and written in one store transaction (store.Update), which
// also looks at the lock again: a wrong PIN checked beside this one may have
// locked the gate meanwhile. The hash is checked before that transaction,
// because it takes a while (64 MiB of argon2id) and the agent's samples
// would wait for it.
func CheckPIN(ctx context.Context, st *store.Store, a Agreement, pin string, now time.Time) error {
	v, ok, err := st.Get(ctx, keyPINGate)
	if err != nil {
		return err
	}
	g := readGate(v, ok)
	if wait := g.wait(now); wait > 0 {
		return ErrLocked{Wait: wait}
	}
	right := verify(a.PIN, pin)
	if right && g.Failures == 0 {
		return nil // nothing to reset
	}
	err = st.Update(ctx, keyPINGate, func(v []byte, ok bool) ([]byte, error) {
		g := readGate(v, ok)
		if wait := g.wait(now); wait > 0 {
			return nil, ErrLocked{Wait: wait}
		}
		if right {
			return nil, nil // a right PIN resets the count
		}
		g.Failures++
		if d := lockFor(g.Failures); d > 0 {
			g.LockedUntil = now.Add(d).UnixMilli()
		}
		return json.Marshal(g)
	})
	if err != nil {
		return err
	}
	if right {
		return nil
	}
	return ErrWrongPIN
}

// ErrWrongPIN is a PIN that does not match.
var ErrWrongPIN = errors.New("that PIN is not right")
