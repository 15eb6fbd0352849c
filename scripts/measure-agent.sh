#!/usr/bin/env bash
# measure-agent.sh: the agent's steady-state cost, as DESIGN.md budgets it:
# CPU share of one core and peak RSS over SECONDS (default 60) at the default
# 2 s interval, with PROCS (default 400) extra processes running. Linux only
# (reads /proc). Used by `make bench` through measure-agent-scale.sh.
#
#   CHAT=1        one chat app runs: 10 of the processes are named Discord
#                 (a main process and its helpers); the rest are named sleep
#                 and wireshark (a name that must not match). The default.
#   CHAT=0        none of the processes is named like a chat app
#   CHAT=half     half of them are: a quarter Discord, a quarter
#                 telegram-desktop (the measurement before issue 9)
#   WARMUP=N      seconds the agent runs before the measurement starts
#                 (default 10), so the one-off start (store, first scan, first
#                 read of every process) is not counted as steady state; it is
#                 reported on its own line
#   AGENT=path    measure this agent binary instead of building one
#   ISOLATE=1     run in a new pid namespace (unshare, needs root) with its own
#                 /proc, so the agent sees only the processes started here and
#                 not whatever else the machine runs (other people's builds
#                 and tests start and end programs all the time, which the
#                 agent rightly reads, but which makes runs incomparable)
#
# CPU is utime+stime from /proc/<agent>/stat, in clock ticks (10 ms).
set -euo pipefail
seconds=${1:-60}
procs=${2:-400}
chat=${CHAT:-1}
warmup=${WARMUP:-10}
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin
if [[ ${ISOLATE:-0} == 1 && -z ${MEASURE_AGENT_ISOLATED:-} ]]; then
  if unshare --pid --fork --mount-proc true 2>/dev/null; then
    MEASURE_AGENT_ISOLATED=1 exec unshare --pid --fork --mount-proc "$0" "$@"
  fi
  echo "measure-agent: cannot make a pid namespace here (needs root); measuring among the machine's processes" >&2
fi
tmp=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

bin=${AGENT:-}
if [[ -z $bin ]]; then
  CGO_ENABLED=0 go build -o "$tmp/talkfirst-agent" ./cmd/talkfirst-agent
  bin=$tmp/talkfirst-agent
fi
echo 2468 >"$tmp/pin"
"$bin" setup --data-dir "$tmp/data" --teen Sam --age 14 --country NL --parent-pin-file "$tmp/pin" --agree >/dev/null

# PROCS processes: sleep copied under chat-app names and plain names
case $chat in
  0 | 1) names=(sleep wireshark) ;;
  half) names=(Discord telegram-desktop wireshark sleep) ;;
  *) echo "measure-agent: CHAT must be 0, 1 or half" >&2; exit 2 ;;
esac
for ((i = 0; i < procs; i++)); do
  n=${names[$((i % ${#names[@]}))]}
  [[ $chat == 1 && $i -lt 10 ]] && n=Discord
  [[ -x "$tmp/$n" ]] || cp "$(command -v sleep)" "$tmp/$n"
  "$tmp/$n" $((seconds + warmup + 60)) &
  pids+=($!)
done
total=$(ls /proc | grep -c '^[0-9]')

mkdir "$tmp/home"
"$bin" run --data-dir "$tmp/data" --root "$tmp" --home /home --log-level warn &
agent=$!
pids+=($agent)
tick=$(getconf CLK_TCK)
sleep "$warmup"
read -r -a s0 < <(cut -d' ' -f14,15 "/proc/$agent/stat")
sleep "$seconds"
read -r -a s1 < <(cut -d' ' -f14,15 "/proc/$agent/stat")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$agent/status")
kill -INT "$agent"; wait "$agent" || true
start_ticks=$((s0[0] + s0[1]))
cpu_ticks=$(( (s1[0] + s1[1]) - start_ticks ))
case $chat in
  0) what="no chat app" ;;
  1) what="one chat app" ;;
  half) what="half of them chat apps" ;;
esac
[[ -n ${MEASURE_AGENT_ISOLATED:-} ]] && what="$what, own pid namespace"
awk -v t="$cpu_ticks" -v t0="$start_ticks" -v hz="$tick" -v s="$seconds" -v w="$warmup" -v kb="$hwm" -v p="$total" -v what="$what" 'BEGIN {
  printf "agent over %d s with %d processes, %s: CPU %.3f%% of one core (%d ticks), peak RSS %.1f MiB\n", s, p, what, 100 * t / hz / s, t, kb / 1024
  printf "  its first %d s (start, first read of every process): %d ticks\n", w, t0
  printf "  budget: at most 0.5%% of one core and 30 MiB\n"
}'
"$bin" summary --data-dir "$tmp/data" | sed -n '5,9p'
