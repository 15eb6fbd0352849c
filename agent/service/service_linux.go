package service

import "log/slog"

func newManager(cfg Config, log *slog.Logger, d deps) (Manager, error) {
	m, err := newLinuxManager(cfg, log, d)
	if err != nil {
		return nil, err
	}
	return m, nil
}
