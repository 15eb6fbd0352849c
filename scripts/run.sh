#!/usr/bin/env bash
# run.sh: start TalkFirst as a family would: the agent beside the app, then
# the app. Called by `make run` after the build.
#   - the agent installed as a service (the app's setup does that): start it;
#   - otherwise: run the agent beside the app until the app closes. Without an
#     agreement it records nothing; it starts the moment setup is done.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bin
agent_pid=
if "$bin/talkfirst-agent" start >/dev/null 2>&1; then
  echo "run: the installed agent is running"
else
  "$bin/talkfirst-agent" run --log-level warn &
  agent_pid=$!
  trap 'kill "$agent_pid" 2>/dev/null' EXIT INT TERM
  echo "run: the agent runs beside the app until it closes (setup installs it to start at login)"
fi
if [[ -z ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]; then
  echo "run: no desktop session here (DISPLAY is not set); this is what the agent finds:" >&2
  "$bin/talkfirst-agent" scan
  exit 0
fi
"$bin/talkfirst" "$@"
