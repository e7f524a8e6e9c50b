#!/bin/sh
# run.sh BIN: catchup's benchmarks (make bench builds BIN with -O2 -DNDEBUG).
# Prints one table and writes it to bench/results.md.  BENCH_ONLY=calendars
# runs only that part and replaces its rows in bench/results.md;
# BENCH_ONLY=commands, only the peak memory of every command, which replaces
# its own section there; BENCH_ONLY=series, only the 400-post series' API
# requests (part 8); BENCH_ONLY=meetings, only the meeting issues' API
# requests (part 9).  Everything happens in
# bench/work/ (git-ignored) under a private HOME and XDG directories, so the
# user's own config and cache are never read or written.  Needs python3,
# newsboat (scripts/deps.sh bench installs it) and a C compiler.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: bench/run.sh BIN [RUNS]" >&2
    exit 2
fi
cd "$(dirname "$0")/.."
BIN=$1
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
RUNS=${2:-5}
TOOLS="python3 newsboat"
[ -n "${BENCH_ONLY:-}" ] && TOOLS=python3
for tool in $TOOLS; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "bench: $tool is missing; 'make bench' installs it (scripts/deps.sh bench)" >&2
        exit 1
    fi
done
[ -x "$BIN" ] || { echo "bench: no program at $BIN; run 'make bench'" >&2; exit 1; }

WORK="$(pwd)/bench/work"
rm -rf "$WORK"
mkdir -p "$WORK/home"
export HOME="$WORK/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache" XDG_DATA_HOME="$HOME/.local/share"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
unset GITHUB_TOKEN GH_TOKEN CATCHUP_CONFIG CATCHUP_NOW BROWSER NO_COLOR COLUMNS LINES \
    CATCHUP_EXIT_AFTER_FIRST_DRAW 2>/dev/null || true

exec python3 bench/bench.py --bin "$BIN" --work "$WORK" --out bench/results.md --runs "$RUNS" \
    ${BENCH_ONLY:+--only "$BENCH_ONLY"}
