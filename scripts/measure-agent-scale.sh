#!/usr/bin/env bash
# measure-agent-scale.sh: measure-agent.sh at 100, 400 and 2,000 extra
# processes with chat apps among them, and at 400 with no chat app, to show
# how the agent's cost grows with the process count. SECONDS (default 60) per
# run. ISOLATE=1 (as root) runs each in its own pid namespace, away from
# whatever else the machine runs (see measure-agent.sh). Used by `make bench`.
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -z ${AGENT:-} ]]; then
  CGO_ENABLED=0 go build -o "$tmp/talkfirst-agent" ./cmd/talkfirst-agent
  export AGENT=$tmp/talkfirst-agent
fi
for n in 100 400 2000; do
  CHAT=1 scripts/measure-agent.sh "$seconds" "$n"
done
CHAT=0 scripts/measure-agent.sh "$seconds" 400
