# The command line as a user and a script use it, against the fixture
# server: what `catchup refresh` prints when a source fails (a line that
# says so, never a count that reads as success), for every source kind and
# for a timeline where one posts source of two fails.
. tests/lib.sh

start_server
python3 "$ROOT/tests/data/feeds/gen_feeds.py" "$SRV_ROOT/feeds"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
CAL="$API/cal/cnai.ics"
ONB="github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main"
write_config "calendar = $CAL" "onboarding = $ONB" "board = github:cncf/projects/38"
RL='{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1999999999"}'

# line NAME: the stdout line of that source
line() { grep "^$1: " "$OUT_FILE"; }

export GITHUB_TOKEN=test-token
run refresh
check_rc "setup: every source refreshes" 0
check_eq "setup: four lines, one per source" 4 "$(grep -c . "$OUT_FILE")"

# -- one source fails: its line says failed and what stays; the others count
fault '{"match": "/git/trees/", "status": 500}'
run refresh
check_rc "posts 500: exit 1" 1
check_eq "posts 500: the line says it failed and that the cached posts stay" \
    "posts: failed (7 kept from before) in 1 request" "$(line posts)"
check_err "posts 500: stderr says why" "catchup: posts: 127.0.0.1: server error 500"
check_out "posts 500: the board still counts" "board: 12 items (9 open)"
check_out "posts 500: the events still count" "events: 6 upcoming from 1 calendar"
clear_faults

fault "{\"match\": \"/git/trees/\", \"status\": 403, \"headers\": $RL}"
run refresh
check_rc "posts rate limited: exit 1" 1
check_eq "posts rate limited: the line says it failed" \
    "posts: failed (7 kept from before) in 1 request" "$(line posts)"
check_err "posts rate limited: stderr says when it resets" "rate limit exceeded; resets at"
clear_faults
# The cache keeps the limit the last response said; the other sources'
# answers race the 403, so which one was last varies: forget it here.
python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("DELETE FROM ratelimit"); db.commit()' "$CACHE"

fault '{"match": "/graphql", "status": 500}'
run refresh
check_rc "board 500: exit 1" 1
check_eq "board 500: the line says the board failed, the linked issues still count" \
    "board: failed (12 items kept from before), 8 linked issues (3 open, 5 updated, 3 unchanged) in 9 requests" \
    "$(line board)"
check_err "board 500: stderr says why" "catchup: board: 127.0.0.1: server error 500"
check_out "board 500: the posts still count" "posts: 7 (0 new, 7 unchanged) in 1 request"
clear_faults

fault '{"match": "/cal/cnai.ics", "status": 404}'
run refresh
check_rc "events 404: exit 1" 1
check_eq "events 404: the line says it failed and what stays" \
    "events: failed (6 upcoming kept from before, 12 from posts) in 1 request" "$(line events)"
check_err "events 404: stderr names the calendar and what to do" "cnai.ics: 404 Not Found: check the calendar URL"
clear_faults

fault '{"match": "/onboarding/", "status": 500}'
run refresh
check_rc "onboarding 500: exit 1" 1
check_eq "onboarding 500: the line says it failed" "onboarding: failed in 1 request" "$(line onboarding)"
check_err "onboarding 500: stderr says why" "catchup: onboarding: 127.0.0.1: server error 500"
clear_faults

# -- the server down: every source's line says failed, stderr why
stop_server
run refresh
check_rc "server down: exit 1" 1
check_eq "server down: every line says failed" \
    "posts: failed (7 kept from before) in 1 request|board: failed (12 items kept from before), 8 linked issues (3 open, 8 failed) in 9 requests|events: failed (6 upcoming kept from before, 12 from posts) in 1 request|onboarding: failed in 1 request" \
    "$(paste -sd'|' "$OUT_FILE")"
check_err "server down: stderr says it cannot connect" "catchup: posts: cannot connect to 127.0.0.1"
unset GITHUB_TOKEN
start_server

# -- a timeline of two feeds, one failing: the other's counts stay true
NEWS="$API/feed/tag-runtime_wgs_cnaiwg_news_index.xml.BUILT-LOCALLY.xml"
write_config "posts = feed:$NEWS" "posts = feed:$API/feed/hugo.xml"
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
run refresh
check_eq "two feeds: setup" "posts: 11 (11 new, 7 dated before 1900: shown without a date) in 2 requests" \
    "$(cat "$OUT_FILE")"
fault '{"match": "hugo.xml", "status": 500}'
run refresh
check_rc "one feed of two fails: exit 1" 1
check_eq "one feed of two fails: the other's counts, the failure said, the failed one's posts kept" \
    "posts: 7 (0 new, 7 unchanged, 1 of 2 sources failed, 4 more kept from before) in 2 requests" \
    "$(cat "$OUT_FILE")"
check_err "one feed of two fails: stderr names the feed" "hugo.xml"
fault '{"match": "BUILT-LOCALLY", "status": 500}'
run refresh
check_eq "both feeds fail: failed, with what stays" "posts: failed (11 kept from before) in 2 requests" \
    "$(cat "$OUT_FILE")"
clear_faults

# -- github-issues: a failed search does not read as "unchanged"
MEET='github-issues:cncf/toc?title=%5E%5C%5BTOC%20Artificial%20Intelligence%20Initiatives%20Meeting%5C%5D'
write_config "posts = $MEET"
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
run refresh
check_rc "issues: setup" 0
N=$(sed -n 's/^posts: \([0-9]*\) .*/\1/p' "$OUT_FILE")
fault '{"match": "/search/issues", "status": 500}'
run refresh
check_rc "issues search 500: exit 1" 1
check_eq "issues search 500: the line says failed, not unchanged" \
    "posts: failed ($N kept from before) in 1 request" "$(cat "$OUT_FILE")"
clear_faults

# -- --json is JSON on stdout in every case: an empty cache, a group without
# a board or calendar, a last refresh that failed; why is on stderr
write_config
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
for cmd in posts board agenda "search kepler" "new --since 2024-01-01" groups start; do
    run $cmd --json
    if json "j" "$OUT_FILE" >/dev/null 2>&1; then ok "empty cache: $cmd --json is JSON"; else
        not_ok "empty cache: $cmd --json is JSON" "stdout: $(head -c 200 "$OUT_FILE")"
    fi
done
run board --json
check_rc "no board configured: board --json still exits 1" 1
check_eq "no board configured: board --json prints an empty array" "[]" "$(json "j" "$OUT_FILE")"
check_err "no board configured: stderr names the group's section and the file" \
    "has no project board: add board = github:ORG/projects/N to [group \"cnai\"] of $CONFIG"
fault '{"match": "/git/trees/", "status": 500}'
run refresh
run posts --json
check_eq "posts --json after a failed first refresh: an empty array" "[]" "$(json "j" "$OUT_FILE")"
check_err "posts --json after a failed first refresh: stderr says why, as the text does" \
    "catchup: no posts cached for Cloud Native AI Working Group: the last refresh failed: 127.0.0.1: server error 500"
clear_faults

# -- rate limited: the refresh after one that hit the limit sends nothing and
# says what to do, as the first one did
RESET=$((CATCHUP_NOW + 1800))
fault "{\"match\": \"/repos/\", \"port\": \"api\", \"status\": 403, \"headers\": {\"X-RateLimit-Remaining\": \"0\", \"X-RateLimit-Reset\": \"$RESET\"}}"
run refresh
check_err "rate limited: says to set a token" "rate limit exceeded; resets at 12:30 (set GITHUB_TOKEN for a higher limit)"
clear_log
run refresh
check_rc "rate limited, next refresh: exit 1" 1
check_eq "rate limited, next refresh: nothing is sent" 0 "$(request_count)"
check_eq "rate limited, next refresh: the line says failed" "posts: failed in 0 requests" "$(cat "$OUT_FILE")"
check_err "rate limited, next refresh: says to set a token too" \
    "catchup: posts: rate limit exceeded; resets at 12:30 (nothing was sent); set GITHUB_TOKEN for a higher limit"
clear_faults

# -- a timeline of a github: source and a feed: the error names the source
# that failed (the feed's always did; a github: one said only the host)
RESET_NOW=$((RESET + 3600))
CATCHUP_NOW=$RESET_NOW
write_config "posts = github:cncf/tag-runtime/wgs/cnai/news@main" "posts = feed:$API/feed/hugo.xml"
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
run refresh
check_rc "github and feed: setup" 0
fault '{"match": "/git/trees/", "status": 500}'
run refresh
check_eq "github and feed, the tree 500: the feed counts, the failure said" \
    "posts: 4 (0 new, 4 unchanged, 1 of 2 sources failed, 7 more kept from before) in 2 requests" \
    "$(cat "$OUT_FILE")"
check_err "github and feed, the tree 500: stderr names the github: source" \
    "catchup: posts: github:cncf/tag-runtime/wgs/cnai/news@main: 127.0.0.1: server error 500"
clear_faults
