#!/usr/bin/env bash
# measure-agent.sh: the agent's steady-state cost, as DESIGN.md budgets it:
# CPU share of one core and peak RSS over SECONDS (default 60) at the default
# 2 s interval, with PROCS (default 400) processes running, some of them
# named like chat apps. Linux only (reads /proc). Used by `make bench`.
set -euo pipefail
seconds=${1:-60}
procs=${2:-400}
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin
tmp=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

CGO_ENABLED=0 go build -o "$tmp/talkfirst-agent" ./cmd/talkfirst-agent
echo 2468 >"$tmp/pin"
"$tmp/talkfirst-agent" setup --data-dir "$tmp/data" --teen Sam --age 14 --country NL --parent-pin-file "$tmp/pin" --agree >/dev/null

# PROCS processes: sleep copied under chat-app names and plain names
names=(Discord telegram-desktop wireshark sleep)
for ((i = 0; i < procs; i++)); do
  n=${names[$((i % ${#names[@]}))]}
  [[ -x "$tmp/$n" ]] || cp "$(command -v sleep)" "$tmp/$n"
  "$tmp/$n" $((seconds + 60)) &
  pids+=($!)
done
total=$(ls /proc | grep -c '^[0-9]')

"$tmp/talkfirst-agent" run --data-dir "$tmp/data" --root "$tmp" --home /nohome --log-level warn &
agent=$!
pids+=($agent)
tick=$(getconf CLK_TCK)
read -r -a s0 < <(cut -d' ' -f14,15 "/proc/$agent/stat")
sleep "$seconds"
read -r -a s1 < <(cut -d' ' -f14,15 "/proc/$agent/stat")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$agent/status")
kill -INT "$agent"; wait "$agent" || true
cpu_ticks=$(( (s1[0] + s1[1]) - (s0[0] + s0[1]) ))
awk -v t="$cpu_ticks" -v hz="$tick" -v s="$seconds" -v kb="$hwm" -v p="$total" 'BEGIN {
  printf "agent over %d s with %d processes: CPU %.3f%% of one core, peak RSS %.1f MiB\n", s, p, 100 * t / hz / s, kb / 1024
  printf "budget: at most 0.5%% of one core and 30 MiB\n"
}'
"$tmp/talkfirst-agent" summary --data-dir "$tmp/data" | sed -n '5,9p'
