#!/bin/sh
# Installs the Debian packages catchup needs to build and test.
# As root: runs `apt-get update` once, then installs only what is missing.
# Otherwise: prints the exact apt-get line to run, and fails if anything is missing.
# Usage: scripts/deps.sh [build|bench]
set -eu

PKGS="make gcc pkg-config libncurses-dev libcurl4-openssl-dev libjansson-dev \
libyaml-dev libmd4c-dev libical-dev libsqlite3-dev libinih-dev libgit2-dev libxml2-dev libcmocka-dev \
tmux python3 valgrind clang-format"
case "${1:-build}" in
  bench) PKGS="$PKGS newsboat" ;;
  fuzz) PKGS="$PKGS clang" ;;
esac

missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # python3 may come from elsewhere (pyenv); any python3 on PATH will do.
    if [ "$p" = python3 ] && command -v python3 >/dev/null 2>&1; then continue; fi
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "catchup: missing build packages:$missing" >&2
  echo "run as root:  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
  exit 1
fi

echo "catchup: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
