package store

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
)

func TestUpdate(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	var gotOld []byte
	var gotOK bool
	update := func(v []byte, err error) error {
		return s.Update(ctx, "k", func(old []byte, ok bool) ([]byte, error) {
			gotOld, gotOK = old, ok
			return v, err
		})
	}
	value := func() string {
		v, ok, err := s.Get(ctx, "k")
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return "(none)"
		}
		return string(v)
	}

	if err := update([]byte("one"), nil); err != nil || gotOK || gotOld != nil || value() != "one" {
		t.Fatalf("on a missing key: err %v, fn got (%q, %v), value %s; want (nil, false) and one", err, gotOld, gotOK, value())
	}
	if err := update([]byte("two"), nil); err != nil || !gotOK || string(gotOld) != "one" || value() != "two" {
		t.Fatalf("on a key: err %v, fn got (%q, %v), value %s; want (one, true) and two", err, gotOld, gotOK, value())
	}
	boom := errors.New("boom")
	if err := update([]byte("three"), boom); err != boom || value() != "two" {
		t.Fatalf("fn failing: err %v, value %s; want boom as it is and two kept", err, value())
	}
	if err := update(nil, nil); err != nil || value() != "(none)" {
		t.Fatalf("nil: err %v, value %s; want the key deleted", err, value())
	}
	if err := update(nil, nil); err != nil || gotOK {
		t.Fatalf("nil on a missing key: err %v, fn got ok %v", err, gotOK)
	}
}

// TestUpdateFromSeveralStoresLosesNoWrite counts to 4×25 from four stores
// on one file, as the app and the command line write beside each other: a
// read and a write that another writer can come between would lose counts.
func TestUpdateFromSeveralStoresLosesNoWrite(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	const writers, each = 4, 25
	stores := make([]*Store, writers)
	for i := range stores {
		stores[i] = open(t, dir)
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for _, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				errs <- s.Update(ctx, "count", func(old []byte, ok bool) ([]byte, error) {
					n := 0
					if ok {
						var err error
						if n, err = strconv.Atoi(string(old)); err != nil {
							return nil, err
						}
					}
					return []byte(strconv.Itoa(n + 1)), nil
				})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	v, _, err := stores[0].Get(ctx, "count")
	if err != nil || string(v) != strconv.Itoa(writers*each) {
		t.Errorf("count = %s (%v), want %d", v, err, writers*each)
	}
}
