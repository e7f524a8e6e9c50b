# The TUI beside other catchup processes on the same cache: it opens at once
# while another one is writing, and it notices when a command line refresh
# changes the cache under it.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; [ -n "${HOLDER:-}" ] && kill "$HOLDER" 2>/dev/null; cleanup' EXIT

POSTS="$TMP/posts"
cp -R "$ROOT/tests/data/posts" "$POSTS"
cat >"$CONFIG" <<CFG
[ui]
refresh_after = 0
[group "cnai"]
posts = $POSTS
board =
onboarding =
calendar =
CFG
run refresh
check_rc "setup: refresh" 0

# hold SECONDS: another process takes the cache's write lock (as a refresh
# storing its results does) and keeps it SECONDS; it touches $TMP/released
# just before letting go.  Returns once the lock is held.
hold() {
    rm -f "$TMP/held" "$TMP/released"
    python3 - "$CACHE" "$1" "$TMP" <<'PY' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT OR REPLACE INTO state VALUES ('test:holder', 'x')")
open(os.path.join(sys.argv[3], "held"), "w").close()
time.sleep(float(sys.argv[2]))
open(os.path.join(sys.argv[3], "released"), "w").close()
db.execute("COMMIT")
PY
    HOLDER=$!
    n=0
    while [ ! -e "$TMP/held" ] && [ $n -lt 400 ]; do sleep 0.05; n=$((n + 1)); done
}

# -- the first screen does not wait for a writer.  The lock is held for less
# than SQLite's busy wait, so a TUI that waited for it would show its first
# screen only once it was released.
hold 4.5
tmux_start 80 24
if tmux_wait "1/7" 15 && [ ! -e "$TMP/released" ]; then
    ok "the first screen shows while another catchup holds the write lock"
else
    not_ok "the first screen shows while another catchup holds the write lock" \
        "it came only after the lock was released" "$(tmux_screen)"
fi
wait "$HOLDER"
HOLDER=""
tmux_keys j
check_on_screen "keys work after the writer is done" "2/7"
# the visit that could not be recorded while the lock was held is recorded
# once it is free (the TUI tries again every second)
visits() {
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM state WHERE key='last_visit:cnai'\").fetchone()[0])" "$CACHE"
}
n=0
while [ "$(visits)" != 1 ] && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
check_eq "the visit is recorded once the lock is free" "1" "$(visits)"
tmux_stop

# -- a refresh by the command line shows in an open TUI without r
tmux_start 80 24
tmux_wait "1/7"
printf -- '---\ntitle: "A week in August"\ndate: 2024-08-09\nweight: 1\n---\nNews.\n' >"$POSTS/august.md"
run refresh
check_rc "a command line refresh beside the TUI" 0
check_out "... stores a new post" "1 new"
check_on_screen "the open TUI shows the new post without r" "2/8" 10
check_on_screen "... in its list, the selection staying on the post it was on" "2024-08-09  A week in August"
tmux_stop

# -- the TUI's own refresh ends while another catchup is writing for longer
# than SQLite's busy wait (5 s): the screen keeps answering, and the results
# are stored once the other one is done, not dropped as "busy"
hold 12
tmux_start 80 24
tmux_wait "/8"
tmux_keys r
check_on_screen "a refresh that ends while another catchup writes waits for it" \
    "waiting for another catchup" 10
tmux_keys j
if tmux_wait "2/8" 5 && [ ! -e "$TMP/released" ]; then
    ok "... and keys work meanwhile"
else
    not_ok "... and keys work meanwhile" "$(tmux_screen)"
fi
check_on_screen "its results are stored once the other one is done" "posts: 8 (" 20
check_not_on_screen "... not refused as busy" "not stored"
wait "$HOLDER"
HOLDER=""
tmux_stop
