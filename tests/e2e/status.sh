# What refresh, start and new say: a missing optional page is a warning (not
# a failed refresh), a source that cannot be reached is told apart from one
# that failed, a group's first refresh is its baseline for "what's new", and
# the what's-new lines say something true about when.
. tests/lib.sh

start_server
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
T1=1804680000 # Wed 2027-03-10 12:00 UTC

# ---- a missing onboarding page is a warning -------------------------------
write_config "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/missing.md@main"
CATCHUP_NOW=$T1 run refresh
check_rc "a missing onboarding page does not fail the refresh" 0
check_out "refresh says the onboarding page was not found" "onboarding: not found in 1 request"
check_err "... as a warning on stderr" "catchup: warning: onboarding: github:cncf/tag-runtime/wgs/cnai/onboarding/missing.md@main does not exist (404 Not Found from 127.0.0.1)"
check_err "... with what to do" 'Set onboarding in [group "cnai"] to a page that exists, or to nothing (onboarding =) to stop looking'
check_out "the posts were stored as usual" "posts: 7 (7 new)"
COLUMNS=300 run start
check_out "start says why the page is missing" "The onboarding page was not fetched: github:cncf/tag-runtime/wgs/cnai/onboarding/missing.md@main does not exist"
check_file_lacks "start does not send the user to a refresh that cannot help" "$OUT_FILE" "run 'catchup refresh'"
CATCHUP_NOW=$((T1 + 60)) run refresh
check_rc "every later refresh also exits 0" 0

# a local onboarding file that does not exist: the same warning
write_config "onboarding = $TMP/nowhere/onboarding.md"
CATCHUP_NOW=$((T1 + 120)) run refresh
check_rc "a missing local onboarding file does not fail the refresh" 0
check_err "... and is named" "warning: onboarding: $TMP/nowhere/onboarding.md does not exist (no such file)"

# the onboarding page failing for another reason still fails the refresh
write_config "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main"
fault '{"match": "contents/wgs/cnai/onboarding", "status": 500, "times": 1}'
CATCHUP_NOW=$((T1 + 180)) run refresh
check_rc "a server error on the onboarding page fails the refresh" 1
check_err "... and says so (not as a warning)" "catchup: onboarding: 127.0.0.1: server error 500"
clear_faults

# the network unreachable: start says so, and does not say "not cached yet"
rm -f "$CACHE"
GOOD_API=$API
sed -i "s|^api = .*|api = http://127.0.0.1:9|" "$CONFIG"
CATCHUP_NOW=$T1 run refresh
check_rc "an unreachable server fails the refresh" 1
COLUMNS=300 run start
check_out "start: the onboarding page could not be fetched: unreachable" "The onboarding page could not be fetched: the network was unreachable; run 'catchup refresh' to try again."
sed -i "s|^api = .*|api = $GOOD_API|" "$CONFIG"

# ---- what's new: a group's first refresh is its baseline ------------------
rm -f "$CACHE"
export GITHUB_TOKEN=test-token
cat >>"$CONFIG" <<EOF
[group "cnai"]
board = github:cncf/projects/38
calendar = $API/cal/cnai.ics
onboarding =
[group "ai2"]
name = The same group again
posts = github:cncf/tag-runtime/wgs/cnai/news@main
board = github:cncf/projects/38
calendar = $API/cal/cnai.ics
calendar_match = (AI|Artificial Intelligence)
onboarding =
EOF
CATCHUP_NOW=$T1 run refresh
check_rc "first refresh of cnai" 0
# visits of both groups, as the TUI records them; ai2 was never refreshed
python3 - "$CACHE" "$((T1 + 60))" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for g in ("cnai", "ai2"):
    db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", ("last_visit:" + g, sys.argv[2]))
db.commit()
PY
CATCHUP_NOW=$((T1 + 600)) run --group ai2 refresh
check_rc "first refresh of ai2" 0
CATCHUP_NOW=$((T1 + 900)) run --group ai2 new
check_out "a group's first refresh is not news" "Nothing new since your last visit (14 min ago)."
check_out "... and new says why" "(the first refresh of this group since then is its baseline: what it stored is not counted as new)"
check_file_lacks "... no board item is new on board" "$OUT_FILE" "new on board"
CATCHUP_NOW=$((T1 + 900)) run --group ai2 new --json
check_eq "new --json lists nothing for the baseline" "[]" "$(json "j" "$OUT_FILE")"
# what changes after the baseline is news
change_upstream
CATCHUP_NOW=$((T1 + 1200)) run --group ai2 refresh
CATCHUP_NOW=$((T1 + 1500)) run --group ai2 new --json
check_eq "after the baseline, changes are news" "board_changed event_moved post_new post_updated" \
    "$(json "' '.join(sorted(i['kind'] for i in j))" "$OUT_FILE")"
CATCHUP_NOW=$((T1 + 1500)) run --group ai2 new --since 2027-01-01 --json
check_eq "--since a date counts everything stored since" "True" "$(json "len(j) > 10" "$OUT_FILE")"

# ---- what's new: wording ---------------------------------------------------
python3 - "$CACHE" "$((T1 + 1480))" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('last_visit:ai2', ?)", (sys.argv[2],))
db.commit()
PY
CATCHUP_NOW=$((T1 + 1500)) run --group ai2 new
check_out "under a minute: no age" "Nothing new since your last visit."
check_file_lacks "... and never 'just now'" "$OUT_FILE" "just now"
CATCHUP_NOW=$((T1 + 1500)) run --group ai2 new --since 2027-03-10
check_out "--since a date: the date, no age" "Since 2027-03-10: 8 new weeks, 15 board changes"
check_file_lacks "... and never 'just now'" "$OUT_FILE" "just now"
CATCHUP_NOW=$T1 run new --since 2030-01-01
check_rc "--since a future date is a usage error" 2
check_err "... that says so" "catchup: --since 2030-01-01 is in the future"
check_file_lacks "... and does not claim nothing is new 'just now'" "$OUT_FILE" "just now"

# ---- agenda after a first refresh that reached nothing ----------------------
rm -f "$CACHE"
write_config "calendar = http://127.0.0.1:9/cal/cnai.ics"
CATCHUP_NOW=$T1 run refresh
CATCHUP_NOW=$T1 run agenda
check_err "agenda: the events were never fetched, and why" "catchup: the events were never fetched: calendar http://127.0.0.1:9/cal/cnai.ics: cannot connect to 127.0.0.1"
check_file_lacks "agenda: nothing was stored before, so it does not say so" "$ERR_FILE" "showing what was stored before"
