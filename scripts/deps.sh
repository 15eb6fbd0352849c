#!/usr/bin/env bash
# deps.sh: install what building and running TalkFirst needs on Debian or
# Ubuntu, and nothing that is already there. Used by `make run` and .ci/run.
#   scripts/deps.sh          build packages (Go's cgo toolchain and fyne's GL/X11 headers)
#   scripts/deps.sh test     also what the tests use (Xvfb, a window manager, xdotool, xterm, strace)
#                            and the Windows build and its tests (mingw-w64, NSIS, Wine)
#   scripts/deps.sh windows  the build packages and the Windows build (mingw-w64, NSIS)
set -euo pipefail

pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev)
windows=(gcc-mingw-w64-x86-64 nsis)
case ${1:-} in
  test) pkgs+=(xvfb openbox xdotool xterm strace x11-utils "${windows[@]}" wine wine64) ;;
  windows) pkgs+=("${windows[@]}") ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then
  export PATH=$PATH:/usr/local/go/bin
fi
if ! command -v go >/dev/null; then
  missing+=(golang-go)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "deps: missing ${missing[*]}; this script installs them on Debian and Ubuntu only" >&2
  exit 1
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
