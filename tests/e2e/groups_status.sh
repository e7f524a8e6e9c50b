# What catchup groups says of a group's cache must be true: "refreshed" only
# when the posts were fetched, a refresh that failed says so (when, which
# source, why), and --json has the same in fields of its own.
. tests/lib.sh

start_server
T1=1804680000 # Wed 2027-03-10 12:00 UTC
E500="127.0.0.1: server error 500 Internal Server Error; try again later"

# g: the cnai line of catchup groups at time $1
g() {
    CATCHUP_NOW=$1 run groups
    sed -n 's/^\* cnai .*config (over built in)  //p' "$OUT_FILE"
}

# ---- every source fails: never refreshed, and why -------------------------
# the board without a token needs no request: it "works" alone
write_config "board = github:cncf/projects/38"
fault '{"match": ".", "status": 500}'
CATCHUP_NOW=$T1 run refresh
check_rc "a refresh with the posts failing exits 1" 1
check_eq "groups: a failed first refresh is not 'refreshed'" \
    "never refreshed; last refresh failed 2 min ago: posts: $E500" "$(g $((T1 + 120)))"
CATCHUP_NOW=$((T1 + 120)) run groups --json
check_eq "groups --json: refreshed stays null after a failed refresh" None "$(json "j[0]['refreshed']" "$OUT_FILE")"
check_eq "groups --json: when it was last tried" 2027-03-10T12:00:00Z "$(json "j[0]['last_try']" "$OUT_FILE")"
check_eq "groups --json: which source failed and why" "posts: $E500" \
    "$(json "'; '.join(f['source'] + ': ' + f['error'] for f in j[0]['failures'])" "$OUT_FILE")"
clear_faults

# ---- a refresh that works ---------------------------------------------------
CATCHUP_NOW=$((T1 + 600)) run refresh
check_rc "the refresh works" 0
check_eq "groups: the posts and when they were fetched" "7 posts, refreshed 5 min ago" "$(g $((T1 + 900)))"
CATCHUP_NOW=$((T1 + 900)) run groups --json
check_eq "groups --json: refreshed, last_try, no failures" "2027-03-10T12:10:00Z 2027-03-10T12:10:00Z []" \
    "$(json "'%s %s %s' % (j[0]['refreshed'], j[0]['last_try'], j[0]['failures'])" "$OUT_FILE")"

# ---- then the server goes away: the cache stays, the failure is told ----------
stop_server
CATCHUP_NOW=$((T1 + 3600)) run refresh
check_rc "a refresh with the server down exits 1" 1
line=$(g $((T1 + 3720)))
case "$line" in
"7 posts, refreshed 52 min ago; last refresh failed 2 min ago: posts: cannot connect to 127.0.0.1"*"(also failed: board)")
    ok "groups: the posts still cached, and the refresh that failed" ;;
*) not_ok "groups: the posts still cached, and the refresh that failed" "actual: $line" ;;
esac
CATCHUP_NOW=$((T1 + 3720)) run groups --json
check_eq "groups --json: refreshed is the last success, last_try the failure" \
    "2027-03-10T12:10:00Z 2027-03-10T13:00:00Z posts board" \
    "$(json "'%s %s %s' % (j[0]['refreshed'], j[0]['last_try'], ' '.join(f['source'] for f in j[0]['failures']))" "$OUT_FILE")"

# ---- the posts work, another source fails: refreshed, and what failed ---------
start_server
write_config "calendar = $API/cal/nowhere.ics"
CATCHUP_NOW=$((T1 + 7200)) run refresh
check_rc "a refresh with the calendar missing exits 1" 1
line=$(g $((T1 + 7200)))
case "$line" in
"7 posts, refreshed just now; events failed: "*nowhere.ics*) ok "groups: refreshed, and the source that failed" ;;
*) not_ok "groups: refreshed, and the source that failed" "actual: $line" ;;
esac

# ---- a fresh cache ----------------------------------------------------------
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
check_eq "groups: a group never fetched" "not fetched yet" "$(g $T1)"
CATCHUP_NOW=$T1 run groups --json
check_eq "groups --json: never fetched, never tried" "None None []" \
    "$(json "'%s %s %s' % (j[0]['refreshed'], j[0]['last_try'], j[0]['failures'])" "$OUT_FILE")"
