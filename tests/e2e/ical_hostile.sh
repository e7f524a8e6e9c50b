# Hostile and unlucky calendars, read from a local file: each refresh ends
# within a wall-clock guard (timeout), says what it cut, refused or skipped
# and names the calendar; what is stored is bounded.  Wall times at clock
# changes are checked against Python's zoneinfo.  Speed itself is measured
# by make bench (bench/results.md), not asserted here.
. tests/lib.sh

CAL="$TMP/cal.ics"
{
    echo "[group \"hostile\"]"
    echo "posts ="
    echo "board ="
    echo "onboarding ="
    echo "calendar = $CAL"
} >"$CONFIG"
# Wednesday 10 March 2027, 12:00 UTC
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
GEN="$ROOT/tests/data/ical/gen_amplify.py"

# The guard: generous, since the machine may be loaded; valgrind is slower.
GUARD=30
[ -n "${ASAN_OPTIONS:-}" ] && GUARD=180 # make asan: about 5 times slower
[ "${CATCHUP_VALGRIND:-}" = 1 ] && GUARD=900

# run_guarded ARGS: run, but killed after $GUARD s (RC 124 then).
run_guarded() {
    timeout -s KILL "$GUARD" $VG "$CATCHUP_BIN" "$@" >"$OUT_FILE" 2>"$ERR_FILE"
    RC=$?
}

# stored_count: occurrences in the cache.
stored_count() {
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM occurrences').fetchone()[0])" "$CACHE"
}

check_under() { # name limit value
    if [ "$3" -le "$2" ] 2>/dev/null; then ok "$1"; else not_ok "$1" "$3 is over $2"; fi
}

# -- clock changes (RFC 5545 3.3.5), against Python's zoneinfo -------------
cp "$ROOT/tests/data/ical/dst.ics" "$CAL"
export CATCHUP_NOW=$(date -u -d 2027-03-01T12:00:00Z +%s)
run_guarded refresh
check_rc "clock changes: refresh exits 0" 0
run_guarded agenda --days 366 --json
check_rc "clock changes: agenda exits 0" 0
python3 - "$OUT_FILE" >"$TMP/dst.txt" <<'PY'
import json, sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

def utc(zone, y, mo, d, h, mi):
    # fold=0: a skipped wall time takes the offset before the change, a
    # repeated one is its first occurrence, as RFC 5545 3.3.5 says
    t = datetime(y, mo, d, h, mi, tzinfo=ZoneInfo(zone))
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")

want = {
    "NY gap": [utc("America/New_York", 2027, 3, 14, 2, 30)],
    "NY twice": [utc("America/New_York", 2027, 11, 7, 1, 30)],
    "Berlin gap": [utc("Europe/Berlin", 2027, 3, 28, 2, 30)],
    "LA gap single": [utc("America/Los_Angeles", 2027, 3, 14, 2, 30)],
    # weekly from 7 March 02:30, three times: the second is in the gap
    "LA gap series": [utc("America/Los_Angeles", 2027, 3, d, 2, 30) for d in (7, 14, 21)],
}
got = {}
for o in json.load(open(sys.argv[1])):
    got.setdefault(o["title"], []).append(o["start"])
for title in sorted(want):
    status = "ok" if sorted(got.get(title, [])) == sorted(want[title]) else "not ok"
    print("%s - clock changes: %s is %s (zoneinfo)" % (status, title, " ".join(want[title])))
    if status != "ok":
        print("#   catchup stored %s" % " ".join(sorted(got.get(title, []))))
PY
cat "$TMP/dst.txt"
check_eq "clock changes: every case was compared" 5 "$(grep -c 'clock changes: ' "$TMP/dst.txt")"
# the values RFC 5545 itself gives, in case zoneinfo were wrong too
check_eq "clock changes: New York 02:30 on 14 March 2027 is 07:30Z" "2027-03-14T07:30:00+00:00" \
    "$(json "[o['start'] for o in j if o['title'] == 'NY gap'][0]" "$OUT_FILE")"
check_eq "clock changes: New York 01:30 on 7 November 2027 is 05:30Z" "2027-11-07T05:30:00+00:00" \
    "$(json "[o['start'] for o in j if o['title'] == 'NY twice'][0]" "$OUT_FILE")"
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
run_guarded refresh
snapshot good

# -- a VTIMEZONE whose DAYLIGHT rule is FREQ=SECONDLY (416 bytes) ----------
cp "$ROOT/tests/data/ical/tz_secondly.ics" "$CAL"
run_guarded refresh
check_rc "SECONDLY zone: refresh ends and exits 1" 1
check_err "SECONDLY zone: refused, naming the calendar, the zone and why" \
    "catchup: events: calendar $CAL: event 'Meeting in a zone that changes every second': its start (DTSTART) uses the time zone 'Fast/Zone', which the feed defines so that it changes its offset too often (its DAYLIGHT RRULE:FREQ=SECONDLY)"
snapshot after
check_same_snapshot "SECONDLY zone: the events stored before are kept" good after

# -- one event outside 1800-2500 does not discard the calendar --------------
cp "$ROOT/tests/data/ical/far_year.ics" "$CAL"
run_guarded refresh
check_rc "years 1700 and 2600: refresh exits 0" 0
check_out "years 1700 and 2600: the refresh says what it skipped" \
    "events: calendar $CAL: 2 events skipped, the first: event 'Weekly since 1700': its start (DTSTART) '17000310T090000Z' is outside the years 1800-2500"
run_guarded agenda --json
check_eq "years 1700 and 2600: the rest of the calendar is kept" "Meeting next Thursday" \
    "$(json "' | '.join(o['title'] for o in j)" "$OUT_FILE")"

# -- amplification: small feeds, huge expansions -----------------------------
# 100 series of FREQ=SECONDLY;COUNT=10000000 (18 KB): was 105 s
python3 "$GEN" secondly "$CAL" 100
run_guarded refresh
check_rc "100 SECONDLY series: refresh ends and exits 0" 0
check_out "100 SECONDLY series: the refresh says the expansion was cut" \
    "events: calendar $CAL: 100 recurring series not expanded, or only in part (the calendar would need more than 200,000 rule steps)"

# 2,000 MINUTELY series (330 KB): were 2 million stored occurrences
python3 "$GEN" minutely "$CAL" 2000
run_guarded refresh
check_rc "2,000 MINUTELY series: refresh ends and exits 0" 0
check_out "2,000 MINUTELY series: the refresh says what was cut" \
    "events: calendar $CAL: 2,000 recurring series cut to 10 occurrences each"
check_eq "2,000 MINUTELY series: 20,000 occurrences stored" 20000 "$(stored_count)"
run_guarded agenda --json --days 366
check_rc "2,000 MINUTELY series: the agenda prints" 0
check_eq "2,000 MINUTELY series: the agenda lists the stored occurrences from now on" \
    "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM occurrences WHERE "end" > ?', (int(sys.argv[2]),)).fetchone()[0])" "$CACHE" "$CATCHUP_NOW")" \
    "$(json "len(j)" "$OUT_FILE")"

# 5,000 weekly series (830 KB): bounded in steps and in what is stored
python3 "$GEN" weekly "$CAL" 5000
run_guarded refresh
check_rc "5,000 weekly series: refresh ends and exits 0" 0
check_out "5,000 weekly series: the refresh says what was cut" "events: calendar $CAL: "
check_under "5,000 weekly series: at most 20,000 occurrences stored" 20000 "$(stored_count)"
check_under "5,000 weekly series: the cache stays under 16 MB" 16000000 "$(wc -c <"$CACHE")"

# A MINUTELY series whose first 75,000 minutes are EXDATEs (1.9 MB): each
# instance was compared with every EXDATE (5.6 x 10^9 comparisons, 10 s of
# CPU); the guard here is 4 s of CPU, which load on the machine does not eat
python3 "$GEN" exdates "$CAL" 75000
CPU_GUARD="ulimit -t 4;"
[ -n "${ASAN_OPTIONS:-}" ] && CPU_GUARD="ulimit -t 20;"
[ "${CATCHUP_VALGRIND:-}" = 1 ] && CPU_GUARD=""
timeout -s KILL "$GUARD" sh -c "$CPU_GUARD exec $VG \"\$0\" refresh" "$CATCHUP_BIN" >"$OUT_FILE" 2>"$ERR_FILE"
RC=$?
check_rc "75,000 EXDATEs: refresh ends within 4 s of CPU and exits 0" 0
run_guarded agenda --json --from 2027-05-01 --days 1
check_eq "75,000 EXDATEs: the first minute not excluded is the first occurrence" \
    "2027-05-01T02:00:00+00:00" "$(json "j[0]['start']" "$OUT_FILE")"

# A UID whose VEVENTs take more than 2 MiB is skipped, and said
python3 "$GEN" exdates "$CAL" 100000
run_guarded refresh
check_rc "a 2.5 MiB event: refresh exits 0" 0
check_out "a 2.5 MiB event: skipped, and said" \
    "1 event skipped, the first: the event with UID 'minutely@amplify.test' takes 2.4 MiB (1 VEVENT); catchup reads at most 2 MiB for one event"
