# lib.sh: shared by the shell test suites (sourced; POSIX sh).
#
# Every suite gets a private HOME, cache and config, a pinned environment
# (TZ, LANG, TERM, COLUMNS), its own fixture server when it asks for one,
# and assertions that print "ok - NAME" or "not ok - NAME" with details.

set -u
ROOT=$(pwd)
CATCHUP_BIN="${CATCHUP_BIN:-./catchup}"
case "$CATCHUP_BIN" in /*) ;; *) CATCHUP_BIN="$ROOT/${CATCHUP_BIN#./}" ;; esac
TMP=$(mktemp -d /tmp/catchup-test.XXXXXX)
export HOME="$TMP/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color COLUMNS=80
unset GITHUB_TOKEN GH_TOKEN BROWSER NO_COLOR CATCHUP_CONFIG CATCHUP_NOW
# No shipped groups unless a suite asks (CATCHUP_GROUPS_DIR="$ROOT/groups").
export CATCHUP_GROUPS_DIR="$TMP/no-shipped-groups"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/catchup"
CONFIG="$XDG_CONFIG_HOME/catchup/config"
CACHE="$XDG_CACHE_HOME/catchup/cache.db"
SERVER_PID=""
API_PORT="" RAW_PORT="" API=""

cleanup() {
    stop_server
    [ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

VG=""
if [ "${CATCHUP_VALGRIND:-}" = 1 ]; then
    VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
fi

# catchup ARGS: runs the binary (under valgrind when asked); output as is.
catchup() {
    $VG "$CATCHUP_BIN" "$@"
}

# run ARGS: runs catchup, leaving stdout in $OUT_FILE, stderr in $ERR_FILE
# and the exit status in $RC.
OUT_FILE="$TMP/out" ERR_FILE="$TMP/err"
run() {
    catchup "$@" >"$OUT_FILE" 2>"$ERR_FILE"
    RC=$?
}

# ---- fixture server --------------------------------------------------------

# start_server [args]: serves a private copy of tests/data/server.
start_server() {
    stop_server
    SRV_ROOT="$TMP/srv"
    if [ ! -d "$SRV_ROOT" ]; then
        cp -R "$ROOT/tests/data/server" "$SRV_ROOT"
    fi
    rm -f "$TMP/ports"
    python3 "$ROOT/tests/server/fixture_server.py" --root "$SRV_ROOT" \
        --port-file "$TMP/ports" --log "$TMP/requests.log" "$@" &
    SERVER_PID=$!
    i=0
    while [ ! -s "$TMP/ports" ]; do
        i=$((i + 1))
        if [ $i -gt 100 ]; then
            echo "not ok - fixture server did not start"
            exit 1
        fi
        sleep 0.05
    done
    read -r API_PORT RAW_PORT <"$TMP/ports"
    API="http://127.0.0.1:$API_PORT"
}

stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
        SERVER_PID=""
    fi
}

# ctl PATH [JSON]: talks to the server's control API.
ctl() {
    python3 - "$API/_ctl/$1" "${2:-}" <<'PY'
import sys, urllib.request
url, body = sys.argv[1], sys.argv[2]
req = urllib.request.Request(url, data=body.encode() if body else (b"{}" if not url.endswith(("log", "ping", "faults")) else None),
                             headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(req, timeout=10).read().decode())
PY
}

fault() { ctl fault "$1" >/dev/null; }
clear_faults() { ctl clear >/dev/null; }
clear_log() { ctl log/clear >/dev/null; : >"$TMP/requests.log"; }

# requests: the logged requests so far, one JSON object per line.
requests() { cat "$TMP/requests.log" 2>/dev/null; }
request_count() { requests | grep -c . ; }

# write_config [extra lines]: a config using the fixture server (its API,
# and its raw files under /raw); the
# calendar, the onboarding page and the board are off unless the suite's
# extra lines set them (a later key wins); posts are the weekly posts alone
# unless the suite's lines name posts (posts repeat: theirs would add).
write_config() {
    {
        echo "[github]"
        echo "api = $API"
        echo "[net]"
        echo "stall_timeout = 3"
        echo "connect_timeout = 3"
        echo "[group \"cnai\"]"
        echo "calendar ="
        echo "onboarding ="
        echo "board ="
        case "$(printf '%s\n' "$@" | grep -c '^posts *=')" in
        0) echo "posts = github:cncf/tag-runtime/wgs/cnai/news@main" ;;
        esac
        [ $# -gt 0 ] && printf '%s\n' "$@"
        # last, so the lines above keep their numbers
        echo "[github]"
        echo "raw = http://127.0.0.1:$RAW_PORT/raw"
    } >"$CONFIG"
}

# feed_config URL: a fresh cache and a config whose one group ("wg") reads
# the feed at URL.
feed_config() {
    {
        echo "[github]"
        echo "api = $API"
        echo "[net]"
        echo "stall_timeout = 3"
        echo "[group \"wg\"]"
        echo "name = Example WG"
        echo "posts = feed:$1"
    } >"$CONFIG"
    rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
}

# serve_batch: the CNCF Batch subproject's meeting notes (tests/data/toc-batch)
# in the fixture server's cncf/toc at main, below $BATCH.
BATCH="tags/tag-workloads-foundation/subprojects/batch/meeting-notes"
serve_batch() {
    mkdir -p "$SRV_ROOT/repos/cncf/toc/main/$BATCH"
    cp "$ROOT"/tests/data/toc-batch/* "$SRV_ROOT/repos/cncf/toc/main/$BATCH/"
}

# ---- assertions -----------------------------------------------------------

ok() { echo "ok - $1"; }
not_ok() {
    echo "not ok - $1"
    shift
    for line in "$@"; do echo "#   $line"; done
    if [ -s "$ERR_FILE" ]; then sed 's/^/#   stderr: /' "$ERR_FILE" | head -10; fi
}

check_rc() { # name expected
    if [ "$RC" = "$2" ]; then ok "$1"; else not_ok "$1" "exit status $RC, expected $2"; fi
}

check_eq() { # name expected actual
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}

check_file_has() { # name file text
    if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1" "'$3' not in $2:" "$(head -20 "$2")"; fi
}

check_file_lacks() { # name file text
    if grep -qF -- "$3" "$2"; then not_ok "$1" "'$3' unexpectedly in $2"; else ok "$1"; fi
}

check_out() { check_file_has "$1" "$OUT_FILE" "$2"; }
check_err() { check_file_has "$1" "$ERR_FILE" "$2"; }

# json EXPR FILE: evaluates a Python expression on the parsed JSON (as j).
json() {
    python3 -c "import json,sys; j=json.load(open(sys.argv[2])); r=eval(sys.argv[1]); print(r if not isinstance(r,(list,dict)) else json.dumps(r))" "$1" "$2"
}

# snapshot NAME: what the cache holds, in meaning: every content table
# (posts, board, events, ...) dumped in a stable order; bookkeeping tables
# (ETags, source status, rate limits, state) and search indexes are left out.
snapshot() {
    python3 - "$CACHE" "$TMP/snap-$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
skip = ("etags", "sources", "ratelimit", "state")
out = open(sys.argv[2], "w")
tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
for t in tables:
    if t in skip or t.startswith("sqlite_") or "fts" in t:
        continue
    out.write("== %s\n" % t)
    for row in sorted(repr(r) for r in db.execute("SELECT * FROM %s" % t)):
        out.write(row + "\n")
PY
    [ $? -eq 0 ] || echo "not ok - snapshot $1: cannot read the cache"
}

# check_same_snapshot NAME A B
check_same_snapshot() {
    if cmp -s "$TMP/snap-$2" "$TMP/snap-$3"; then ok "$1"; else
        not_ok "$1" "the cache changed:" "$(diff "$TMP/snap-$2" "$TMP/snap-$3" | head -10)"
    fi
}

# change_upstream: what the what's-new suites change on the fixture server
# between two refreshes: one post retitled, one added, cncf/tag-runtime#126
# moved to Done on the board, the 11 Mar panel moved two hours later.
change_upstream() {
    P="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
    sed -i 's/^title:.*/title: "This Week in CN AI (20-25 May 2024), revised"/' "$P/20_25_May_2024.md"
    printf -- '---\ntitle: "A week in August"\ndate: 2024-08-09\nweight: 1\n---\nNews.\n' >"$P/august.md"
    python3 - "$SRV_ROOT/board.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for it in d["data"]["organization"]["projectV2"]["items"]["nodes"]:
    c = it.get("content") or {}
    if c.get("number") == 126:
        for fv in it["fieldValues"]["nodes"]:
            if fv.get("field", {}).get("name") == "Status":
                fv["name"] = "Done"
json.dump(d, open(sys.argv[1], "w"))
PY
    sed -i 's/^DTSTART:20270311T180000Z/DTSTART:20270311T200000Z/; s/^DTEND:20270311T190000Z/DTEND:20270311T210000Z/' \
        "$SRV_ROOT/calendars/cnai.ics"
}

# fake_browser: BROWSER becomes a script that logs each argument it gets on a
# line of $BROWSER_LOG (emptied here); opened prints the last one.
fake_browser() {
    cat >"$TMP/browser" <<'SH'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >>"$BROWSER_LOG"
SH
    chmod +x "$TMP/browser"
    export BROWSER="$TMP/browser" BROWSER_LOG="$TMP/browser.log"
    : >"$BROWSER_LOG"
}
# opened waits (up to 10 s, on the condition) for the browser to log a whole
# line, prints it and empties the log: the browser runs detached, later than
# the key that started it, and the next opened must wait for the next open,
# not find this one again (a loaded machine made a test read the old URL).
opened() {
    _i=0
    while [ $_i -lt 100 ]; do
        [ -s "$BROWSER_LOG" ] && [ "$(tail -c 1 "$BROWSER_LOG" | od -An -c | tr -d ' ')" = '\n' ] && break
        sleep 0.1
        _i=$((_i + 1))
    done
    tail -1 "$BROWSER_LOG"
    : >"$BROWSER_LOG"
}
