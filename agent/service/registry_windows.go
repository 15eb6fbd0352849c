package service

import (
	"errors"

	"golang.org/x/sys/windows/registry"
)

// winRegistry is HKEY_CURRENT_USER.
type winRegistry struct{}

func newRegistry() userRegistry { return winRegistry{} }

func (winRegistry) open(key string, access uint32) (registry.Key, bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, key, access)
	if errors.Is(err, registry.ErrNotExist) {
		return 0, false, nil
	}
	return k, err == nil, err
}

func (r winRegistry) stringValue(key, name string) (string, bool, error) {
	k, ok, err := r.open(key, registry.QUERY_VALUE)
	if !ok {
		return "", false, err
	}
	defer k.Close()
	v, _, err := k.GetStringValue(name)
	if errors.Is(err, registry.ErrNotExist) {
		return "", false, nil
	}
	return v, err == nil, err
}

func (r winRegistry) binaryValue(key, name string) ([]byte, bool, error) {
	k, ok, err := r.open(key, registry.QUERY_VALUE)
	if !ok {
		return nil, false, err
	}
	defer k.Close()
	v, _, err := k.GetBinaryValue(name)
	if errors.Is(err, registry.ErrNotExist) {
		return nil, false, nil
	}
	return v, err == nil, err
}

func (winRegistry) setString(key, name, value string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, key, registry.SET_VALUE)
	if err != nil {
		return err
	}
	defer k.Close()
	return k.SetStringValue(name, value)
}

func (r winRegistry) deleteValue(key, name string) error {
	k, ok, err := r.open(key, registry.SET_VALUE)
	if !ok {
		return err
	}
	defer k.Close()
	if err := k.DeleteValue(name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return err
	}
	return nil
}
