# What's new since your last visit: from what refresh stored, after a second
# refresh where one post changed, one was added, a board item moved to Done
# and an event moved.
. tests/lib.sh

start_server
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
write_config "board = github:cncf/projects/38" "calendar = $API/cal/cnai.ics"
export GITHUB_TOKEN=test-token
T1=1804680000 # Wed 2027-03-10 12:00 UTC
CATCHUP_NOW=$T1 run refresh
check_rc "first refresh" 0

run new
check_rc "new before any visit: exit 0" 0
check_err "new before any visit says how to get one" "no visit recorded yet: open catchup (the terminal UI) once"

# a visit: the TUI records it when it opens
python3 - "$CACHE" "$((T1 + 60))" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('last_visit:cnai', ?)", (sys.argv[2],))
db.commit()
PY
CATCHUP_NOW=$((T1 + 120)) run new
check_out "nothing changed since the visit" "Nothing new since your last visit"

# upstream changes
change_upstream
CATCHUP_NOW=$((T1 + 3600)) run refresh
check_rc "second refresh" 0

CATCHUP_NOW=$((T1 + 7200)) run new --json
check_rc "new --json exits 0" 0
check_eq "the new week" "august A week in August" \
    "$(json "' '.join([[i['key'], i['title']] for i in j if i['kind'] == 'post_new'][0])" "$OUT_FILE")"
check_eq "the changed week" "20_25_May_2024" \
    "$(json "' '.join(i['key'] for i in j if i['kind'] == 'post_updated')" "$OUT_FILE")"
check_eq "the board item moved to Done" "cncf/tag-runtime#126 In Progress -> Done" \
    "$(json "' '.join(i['key'] + ' ' + i['detail'] for i in j if i['kind'] == 'board_changed')" "$OUT_FILE")"
check_eq "the moved event" "event_moved Artificial Intelligence panel: inference at the edge" \
    "$(json "' '.join(i['kind'] + ' ' + i['title'] for i in j if i['kind'].startswith('event'))" "$OUT_FILE")"
check_eq "nothing else" 4 "$(json "len(j)" "$OUT_FILE")"
TZ=Europe/Berlin CATCHUP_NOW=$((T1 + 7200)) run new
check_out "new: the summary line" "Since your last visit (1 h ago): 1 new week, 1 updated, 1 board change, 1 moved event"
check_out "new: the board change" "board         cncf/tag-runtime#126 Create a writeup for challenges with scheduling AI workloads  (In Progress -> Done)"
check_out "new: the move, in local time" "moved         Artificial Intelligence panel: inference at the edge  (Thu 11 Mar 21:00, was Thu 11 Mar 19:00)"
TZ=America/Los_Angeles CATCHUP_NOW=$((T1 + 7200)) run new --since 2024-01-01
check_out "new: an all-day event has its date, in any zone" \
    "new event     KubeCon + CloudNativeCon Europe (Cloud Native AI Day)  (Mon 22 Mar)"
check_out "new: a timed event in local time" \
    "new event     AI Security office hours  (Wed 17 Mar 10:00)"
CATCHUP_NOW=$((T1 + 2 * 86400)) run new --since 2027-03-11
check_out "--since a date after the changes: nothing" "Nothing new since 2027-03-11"
run new --since yesterday
check_rc "--since takes a date" 2
# a refresh that changes nothing adds nothing
CATCHUP_NOW=$((T1 + 9000)) run refresh
CATCHUP_NOW=$((T1 + 9600)) run new --json
check_eq "an unchanged refresh adds nothing" 4 "$(json "len(j)" "$OUT_FILE")"
