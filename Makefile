# TalkFirst. `make run` builds and starts the app; `make test` runs every test.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
BIN := bin
AGENT_TARGETS := linux/amd64 linux/arm64 windows/amd64 windows/arm64 darwin/amd64 darwin/arm64

.PHONY: run test bench lint build agent app cross deps windows installer wine-test

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

# Every test: the Go tests, with the cross builds and the Windows build
# beside them, then the Windows tests under Wine (see scripts/test.sh).
test:
	@GO="$(GO)" MAKE="$(MAKE)" MINGW_CC="$(MINGW_CC)" scripts/test.sh

# The agent is pure Go: it must build without cgo for every OS and CPU we ship.
cross:
	@for t in $(AGENT_TARGETS); do \
	  echo "build talkfirst-agent for $$t"; \
	  CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build -o /dev/null ./cmd/talkfirst-agent || exit 1; \
	done

# Go benchmarks (scan against plain reads, one sample of 400 processes, a
# week's summary over a year), then the agent's CPU and memory over 60 s at
# 100, 400 and 2,000 processes with a chat app and at 400 without, each in a
# pid namespace of its own (as root), then the app's first screen.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./agent/...
	ISOLATE=1 scripts/measure-agent-scale.sh 60
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

# Windows, cross-built on Linux: the app (fyne, cgo with mingw-w64) and the
# agent twice, as the console command line and as talkfirst-agentw.exe
# without a console, which is what starts at sign-in.
WIN := $(BIN)/windows
VERSION ?= 0.1.0
MINGW_CC ?= x86_64-w64-mingw32-gcc

windows:
	@scripts/deps.sh windows
	@mkdir -p $(WIN)
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -o $(WIN)/talkfirst-agent.exe ./cmd/talkfirst-agent
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -ldflags=-H=windowsgui -o $(WIN)/talkfirst-agentw.exe ./cmd/talkfirst-agent
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(MINGW_CC) $(GO) build -ldflags=-H=windowsgui -o $(WIN)/talkfirst.exe ./cmd/talkfirst

# The per-user installer, TalkFirst-Setup.exe (NSIS, built with makensis).
installer: windows
	makensis -V2 -DVERSION=$(VERSION) -DBINDIR=$(abspath $(WIN)) -DOUTFILE=$(abspath $(WIN))/TalkFirst-Setup.exe installers/windows/talkfirst.nsi

# WINE_OK says whether this machine can build and test for Windows.
WINE_OK = command -v wine >/dev/null && command -v $(MINGW_CC) >/dev/null && command -v makensis >/dev/null

# The Windows build for real under Wine: the installer, the agent in a
# family's session and the app (installers/windows/wine_test.go). Skipped,
# and said so, where wine, mingw-w64 or makensis are missing.
wine-test:
	@if ! $(WINE_OK); then \
	  echo "wine-test: SKIPPED: needs wine, $(MINGW_CC) and makensis (scripts/deps.sh windows installs them)"; exit 0; fi; \
	$(MAKE) --no-print-directory installer && \
	TALKFIRST_WINDOWS_BIN=$(abspath $(WIN)) TALKFIRST_WINE_SHOTS=$(abspath $(WIN))/shots \
	  $(GO) test -count=1 -timeout 20m -v ./installers/windows/
