package store

import (
	"context"
	"testing"
	"time"
)

// Changed sees what others commit, and not the samples WriteTick writes.
func TestChanged(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	at := time.UnixMilli(1_800_000_000_000)
	tick := &Tick{At: at, Open: []*Interval{{App: "discord", Kind: Running, Start: at}}}
	steps := []struct {
		name string
		do   func() error
		want bool
	}{
		{"first call", func() error { return nil }, true},
		{"nothing happened", func() error { return nil }, false},
		{"a sample", func() error { return s.WriteTick(ctx, tick) }, false},
		{"another sample", func() error {
			return s.WriteTick(ctx, &Tick{At: at.Add(2 * time.Second), Extend: []int64{tick.Open[0].ID}})
		}, false},
		{"a pause through this store", func() error { return s.Pause(ctx, at, at.Add(time.Hour), "homework") }, true},
		{"nothing after it", func() error { return nil }, false},
		{"another process", func() error {
			o, err := Open(dir, nil, Options{})
			if err != nil {
				return err
			}
			defer o.Close()
			_, err = o.Resume(ctx, at.Add(time.Minute))
			return err
		}, true},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got, err := s.Changed(ctx); err != nil || got != st.want {
			t.Errorf("%s: Changed = %v, %v; want %v", st.name, got, err, st.want)
		}
	}
}
