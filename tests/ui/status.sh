# What the status line, the empty panes, Start here and what's new say at
# 80x24: "offline" only when the network is unreachable, which source failed
# otherwise, a missing onboarding page as a warning, empty states that tell
# the truth (never fetched, offline mode), refresh progress per source, one
# summary for a failed refresh, refresh_after = 0, and a group's first
# refresh as its what's-new baseline.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
export GITHUB_TOKEN=test-token CATCHUP_NOW=1804680000
GOOD_API=$API
DEAD_API=http://127.0.0.1:9

# ---- the network works, only the onboarding page is missing --------------
write_config "calendar = $API/cal/cnai.ics" "board = github:cncf/projects/38" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/missing.md@main" "[ui]" "refresh_after = 1"
tmux_start 80 24
check_on_screen "the refresh ends with what each source brought" "onboarding: not found" 10
tmux_wait_gone "onboarding: not found" 10
check_not_on_screen "a missing onboarding page is not 'offline'" "offline"
check_not_on_screen "... nor a failure" "failed"
check_on_screen "the status line says when it was updated" "updated just now"
tmux_keys 4 G
check_on_screen "Start here says why the page is missing" "The onboarding page was not fetched:"
check_on_screen "... naming the page" "missing.md@main does not exist"
check_not_on_screen "Start here does not send the user to r for it" "press r to fetch it"
tmux_keys '!'
check_on_screen "! lists the warning" "What the last refresh warned about"
tmux_stop

# ---- one source fails with the network up: say which ----------------------
fault '{"match": "^/graphql", "status": 502}'
tmux_start 80 24
tmux_wait "1/7"
tmux_keys r
check_on_screen "a failed source: named once, first" "board failed (! shows why); onboarding: not found; posts: 7" 10
check_not_on_screen "... not as 'board: failed'" "board: failed"
tmux_wait_gone "board failed (! shows why);" 12
check_on_screen "then the status line names the source" "board failed (! shows why)"
check_not_on_screen "... and does not say offline" "offline"
tmux_stop
clear_faults

# ---- one host out of reach while the others answer: not "offline" ----------
write_config "calendar = $DEAD_API/cal/cnai.ics" "board = github:cncf/projects/38" "[ui]" "refresh_after = 1"
tmux_start 80 24
tmux_wait "1/7"
tmux_keys r
check_on_screen "an unreachable calendar host: named, 'cannot connect'" "events failed: cannot connect (! shows why); posts: 7" 10
tmux_wait_gone "events failed: cannot connect" 12
check_on_screen "then the status line names the source" "events failed (! shows why)"
check_not_on_screen "... and does not say offline" "offline"
tmux_stop

# ---- first run with the server down ----------------------------------------
rm -f "$CACHE"
write_config "calendar = $DEAD_API/cal/cnai.ics" "board = github:cncf/projects/38"
sed -i "s|^api = .*|api = $DEAD_API|" "$CONFIG"
tmux_start 80 24
check_on_screen "a refresh nothing reached: one summary" "refresh failed: offline (! shows why)" 10
check_not_on_screen "... not one 'failed' per source" "posts: failed"
tmux_keys 3
check_on_screen "Events: never fetched, and why" "Never fetched: the network was unreachable."
check_not_on_screen "Events does not claim stored events" "Showing what was stored before"
check_not_on_screen "Events does not claim an empty fortnight" "Nothing in the next 14 days"
tmux_keys 1
check_on_screen "Posts: never fetched, and why" "Never fetched: the network was unreachable."
tmux_wait_gone "refresh failed" 12
check_on_screen "the status line: never fetched, offline" "never fetched │ offline (! shows why)"
tmux_stop

# ---- --offline with an empty cache -----------------------------------------
rm -f "$CACHE"
sed -i "s|^api = .*|api = $GOOD_API|" "$CONFIG"
write_config "calendar = $API/cal/cnai.ics" "board = github:cncf/projects/38" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main"
tmux_start 80 24 --offline
check_on_screen "an empty cache opens on Start here" "Get involved with the Cloud Native AI Working Group"
check_on_screen "Start here: offline mode, how to fetch" "The onboarding page is not cached: offline mode; start catchup without"
check_not_on_screen "... not 'press r'" "press r"
tmux_keys 1
check_on_screen "Posts: offline mode, how to fetch" "offline mode: start catchup without --offline to fetch"
check_not_on_screen "... not 'Press r'" "Press r"
tmux_keys 3
check_on_screen "Events: offline mode" "offline mode: start catchup without --offline to fetch them."
tmux_keys r
check_on_screen "r in offline mode says how to fetch" "offline mode: start catchup without --offline to fetch"
tmux_stop

# ---- refresh_after = 0: never by itself, not even the first run ------------
rm -f "$CACHE"
clear_log
write_config "calendar = $API/cal/cnai.ics" "board = github:cncf/projects/38" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main" "[ui]" "refresh_after = 0"
tmux_start 80 24
check_on_screen "refresh_after = 0 with an empty cache: Start here" "Get involved with the Cloud Native AI Working Group"
check_on_screen "... says press r" "press r to fetch it"
sleep 1
check_eq "... and nothing was fetched by itself" 0 "$(request_count)"
check_on_screen "... the status line says how" "never refreshed: press r"

# ---- refresh progress per source ---------------------------------------------
fault '{"match": "^/cal/", "delay_ms": 2500, "times": 1}'
tmux_keys r
check_on_screen "progress counts per source" "events 0/1" 3
check_not_on_screen "... without one moving total" "refreshing 0/"
tmux_wait_gone "refreshing" 10
tmux_stop
clear_faults

# ---- what's new after switching to a group on the same board ---------------
cat >>"$CONFIG" <<EOF
[group "ai2"]
name = The same group again
posts = github:cncf/tag-runtime/wgs/cnai/news@main
board = github:cncf/projects/38
calendar = $API/cal/cnai.ics
calendar_match = (AI|Artificial Intelligence)
onboarding =
EOF
# a visit of cnai now, then its changes, then a visit an hour later
run refresh
tmux_start 80 24
tmux_wait "1/7"
tmux_stop
change_upstream
CATCHUP_NOW=$((CATCHUP_NOW + 1800)) run refresh
CATCHUP_NOW=$((CATCHUP_NOW + 3600)) tmux_start 80 24
check_on_screen "cnai has news" "what's new: 4 (W)"
tmux_keys w
check_on_screen "w lists the groups" "The same group again"
tmux_keys j Enter
check_on_screen "the switch to ai2" "switched to The same group again"
tmux_keys r
check_on_screen "ai2 refreshed" "posts: 8 (8 new)" 10
tmux_wait_gone "refreshing" 10
check_not_on_screen "ai2's first refresh is not news" "what's new"
tmux_keys W
check_on_screen "W on ai2: its first visit" "this is your first visit"
check_not_on_screen "... no board item 'new on board'" "new on board"
tmux_stop

# ---- "Since just now" -------------------------------------------------------
CATCHUP_NOW=$((CATCHUP_NOW + 7200))
tmux_start 80 24
tmux_wait "1/8"
tmux_stop
P="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
printf -- '---\ntitle: "A week in September"\ndate: 2024-09-06\nweight: 1\n---\nNews.\n' >"$P/september.md"
CATCHUP_NOW=$((CATCHUP_NOW + 10)) run refresh
CATCHUP_NOW=$((CATCHUP_NOW + 30)) tmux_start 80 24
check_on_screen "a visit under a minute ago: the banner leaves the age out" "Since your last visit: 1 new week"
check_not_on_screen "... and never says 'just now'" "just now:"
tmux_keys W
check_on_screen "W says the same" "Since your last visit: 1 new week"
check_not_on_screen "... without 'just now'" "(just now)"
tmux_stop
