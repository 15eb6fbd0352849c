#!/usr/bin/env bash
# test.sh: every test, as `make test` runs it. Installs what the tests use
# (scripts/deps.sh test), then runs the Go tests. Beside them it builds the
# agent for every OS and CPU we ship and the Windows build with its
# installer. Then it runs the Windows tests under Wine.
#
# Why beside: built cold, fyne's cgo packages keep one core busy for about
# seven minutes per OS, and modernc's SQLite takes about a minute per
# target. The Go tests leave the second core idle much of the time (they
# wait on Xvfb, real processes and the agent).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin
GO=${GO:-go}
MAKE=${MAKE:-make}
if ! scripts/deps.sh test; then
  echo "test: could not install every test package; the tests that need one are skipped and say so" >&2
fi

wine_ok=1
for c in wine "${MINGW_CC:-x86_64-w64-mingw32-gcc}" makensis; do
  command -v "$c" >/dev/null || wine_ok=0
done

mkdir -p bin
# Two builds beside the tests: the Windows one first, whose cgo compile is
# the longest single piece of work, and the cross builds.
pids=() logs=()
if [[ $wine_ok == 1 ]]; then
  "$MAKE" --no-print-directory installer >bin/test-windows.log 2>&1 &
  pids+=($!) logs+=(bin/test-windows.log)
fi
"$MAKE" --no-print-directory cross >bin/test-cross.log 2>&1 &
pids+=($!) logs+=(bin/test-cross.log)

rc=0
"$GO" test -count=1 ./... || rc=1

for i in "${!pids[@]}"; do
  ok=1
  wait "${pids[$i]}" || ok=0
  cat "${logs[$i]}"
  if [[ $ok == 0 ]]; then
    echo "test: a build failed: ${logs[$i]} (above)" >&2
    exit 1
  fi
done

# wine-test says SKIPPED itself where this machine cannot build for Windows.
"$MAKE" --no-print-directory wine-test || rc=1
exit $rc
