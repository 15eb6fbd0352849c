# TalkFirst. `make run` builds and starts the app; `make test` runs every test.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
BIN := bin
AGENT_TARGETS := linux/amd64 linux/arm64 windows/amd64 windows/arm64 darwin/amd64 darwin/arm64

.PHONY: run test bench lint build agent app cross deps

deps:
	@scripts/deps.sh

agent:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/talkfirst-agent ./cmd/talkfirst-agent

# The desktop app uses fyne, which needs cgo and the GL/X11 headers.
app:
	$(GO) build -o $(BIN)/talkfirst ./cmd/talkfirst

build: deps agent app

# The app, with the agent running beside it (see scripts/run.sh).
run: build
	@scripts/run.sh

test:
	$(GO) test -count=1 ./...
	@$(MAKE) --no-print-directory cross

# The agent is pure Go: it must build without cgo for every OS and CPU we ship.
cross:
	@for t in $(AGENT_TARGETS); do \
	  echo "build talkfirst-agent for $$t"; \
	  CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build -o /dev/null ./cmd/talkfirst-agent || exit 1; \
	done

# Go benchmarks (scan against plain reads, one sample of 400 processes, a
# week's summary over a year), then the agent's CPU and memory over 60 s.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./agent/...
	scripts/measure-agent.sh 60 400
	@$(MAKE) --no-print-directory app agent
	scripts/measure-app.sh 5

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@for os in linux windows darwin; do \
	  echo "go vet GOOS=$$os"; \
	  CGO_ENABLED=0 GOOS=$$os $(GO) vet ./agent/... ./cmd/talkfirst-agent/ || exit 1; \
	done
	@# the app: fyne builds for darwin only with cgo and Apple's SDK, the screens are also vetted for windows (the GL driver needs cgo there)
	$(GO) vet ./ui/... ./cmd/talkfirst/
	CGO_ENABLED=0 GOOS=windows $(GO) vet ./ui/...
