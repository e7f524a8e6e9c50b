# What an agenda costs per occurrence, counted in instructions (callgrind),
# not in time: a busy machine cannot make it pass or fail.  A cache of 5,001
# weekly series (14,000 occurrences in the year) was 30,000 instructions an
# occurrence as text and 42,000 as JSON beyond the program's start: a join
# and a sort in SQL per row, a lookup of the event's text per row, and
# snprintf's padding for every date (issue 12: the agenda over 0.2 s of CPU).
# Now about 17,000 and 22,000.
. tests/lib.sh

if ! command -v valgrind >/dev/null 2>&1 || [ "${CATCHUP_VALGRIND:-}" = 1 ] ||
    ldd "$CATCHUP_BIN" 2>/dev/null | grep -q libasan; then
    echo "ok - instruction counts are skipped without valgrind, and under valgrind or ASan"
    exit 0
fi
CAL="$TMP/weekly.ics"
# a group of its own: no preset's calendar_match, every event is kept
printf '[group "weekly"]\nposts =\nboard =\nonboarding =\ncalendar = %s\n' "$CAL" >"$CONFIG"
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
python3 "$ROOT/tests/data/ical/gen_amplify.py" weekly "$CAL" --bytes 4000000
run refresh
check_rc "5,001 weekly series: refresh exits 0" 0

instructions() { # ARGS...: the instructions catchup ARGS executes
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$CATCHUP_BIN" --config "$CONFIG" "$@" \
        2>&1 >"$OUT_FILE" | sed -n 's/.*I *refs: *//p' | tr -d ,
}
start=$(instructions --version)
items=$(CATCHUP_NOW=$CATCHUP_NOW "$CATCHUP_BIN" --config "$CONFIG" agenda --days 366 | wc -l)
if [ "$items" -gt 10000 ]; then ok "the agenda lists the occurrences ($items)"; else not_ok "the agenda lists the occurrences" "only $items lines"; fi
check_per_item() { # name limit ARGS...
    name=$1 limit=$2
    shift 2
    n=$(instructions "$@")
    per=$(((n - start) / items))
    if [ "$per" -le "$limit" ] 2>/dev/null; then
        ok "$name: $per instructions an occurrence (at most $limit)"
    else
        not_ok "$name" "$per instructions an occurrence ($n in all, $start to start); at most $limit"
    fi
}
check_per_item "agenda --days 366" 24000 agenda --days 366
check_per_item "agenda --days 366 --json" 32000 agenda --days 366 --json
