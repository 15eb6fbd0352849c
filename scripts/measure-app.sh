#!/usr/bin/env bash
# measure-app.sh: how long the desktop app takes from start to its first
# screen, under Xvfb, on an empty data folder and on one with data. Median of
# RUNS (default 5). DESIGN.md budgets 1.5 s for the first content drawn (not
# just the frame). Used by `make bench`.
#
# Two times per run, both from just before the app is started:
#   window   the window is mapped (xdotool, which looks twice a second, so
#            this one is coarse); it may still be an empty frame
#   content  the first real screen (the wizard, the main tabs or the error
#            page, not the loading page) was painted: the app writes that
#            time to $TALKFIRST_FIRST_DRAW from inside fyne's paint of the
#            frame that shows it (ui/firstdraw.go)
set -euo pipefail
runs=${1:-5}
cd "$(dirname "$0")/.."
for p in Xvfb xdotool; do command -v $p >/dev/null || { echo "measure-app: $p is missing" >&2; exit 1; }; done
tmp=$(mktemp -d)
Xvfb :71 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
export DISPLAY=:71
until xdotool getmouselocation >/dev/null 2>&1; do :; done
echo 2468 >"$tmp/pin"
bin/talkfirst-agent setup --data-dir "$tmp/data" --teen Sam --age 14 --country NL --parent-pin-file "$tmp/pin" --agree >/dev/null
export TALKFIRST_FIRST_DRAW=$tmp/drawn
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
for case in empty data; do
  dir="$tmp/$case"; [[ $case == data ]] && dir="$tmp/data"
  windows=() contents=()
  for ((i = 0; i < runs; i++)); do
    rm -f "$TALKFIRST_FIRST_DRAW"
    start=$(date +%s%N)
    bin/talkfirst --data-dir "$dir" 2>/dev/null & app=$!
    xdotool search --sync --onlyvisible --name '^TalkFirst$' >/dev/null
    mapped=$(date +%s%N)
    until [[ -s $TALKFIRST_FIRST_DRAW ]]; do
      kill -0 $app 2>/dev/null || { echo "measure-app: the app exited before drawing its first screen" >&2; exit 1; }
      sleep 0.005
    done
    drawn=$(<"$TALKFIRST_FIRST_DRAW")
    kill $app; wait $app 2>/dev/null || true
    windows+=($(( (mapped - start) / 1000000 )))
    contents+=($(( (drawn - start) / 1000000 )))
  done
  echo "first screen ($case data folder): content drawn median $(median "${contents[@]}") ms over $runs runs (${contents[*]}); window mapped median $(median "${windows[@]}") ms (${windows[*]}); budget 1500 ms for the content"
done
