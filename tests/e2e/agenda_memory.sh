# The agenda holds a series' text once, not once per occurrence: 100 weekly
# meetings with a 15,000-byte description each (1.5 MB of feed, about 5,800
# occurrences in a year) were 5,800 copies of 15 KB, twice (175 MB); the
# agenda's peak now stays near the feed's size, as text and as JSON.
. tests/lib.sh

if [ "${CATCHUP_VALGRIND:-}" = 1 ] || ldd "$CATCHUP_BIN" 2>/dev/null | grep -q libasan; then
    echo "ok - memory figures are skipped under valgrind and ASan (they measure those)"
    exit 0
fi
cc -O2 -o "$TMP/maxrss" "$ROOT/bench/maxrss.c" || {
    echo "not ok - cannot build bench/maxrss.c"
    exit 1
}
CAL="$TMP/cal.ics"
cat >"$CONFIG" <<CFG
[group "described"]
posts =
board =
onboarding =
calendar = $CAL
CFG
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
python3 "$ROOT/tests/data/ical/gen_amplify.py" described "$CAL" 100
run refresh
check_rc "100 described weekly series: refresh exits 0" 0

LIMIT_KIB=40960
peak() { # ARGS...: the peak RSS in KiB of catchup ARGS
    timeout 60 "$TMP/maxrss" "$TMP/rss" "$CATCHUP_BIN" --config "$CONFIG" "$@" \
        >"$OUT_FILE" 2>"$ERR_FILE"
    cat "$TMP/rss"
}
rss=$(peak agenda --days 366)
check_under_kib() { # name value
    if [ "$2" -le "$LIMIT_KIB" ] 2>/dev/null; then ok "$1 ($2 KiB)"; else not_ok "$1" "$2 KiB is over $LIMIT_KIB KiB"; fi
}
check_under_kib "agenda of 100 described series: peak under 40 MiB" "$rss"
lines=$(wc -l <"$OUT_FILE")
if [ "$lines" -gt 5000 ]; then ok "the agenda lists the occurrences ($lines)"; else not_ok "the agenda lists the occurrences" "only $lines lines"; fi
rss=$(peak agenda --days 366 --json)
check_under_kib "agenda --json of 100 described series: peak under 40 MiB" "$rss"
check_eq "every item carries its description" "$lines" \
    "$(python3 -c "import json,sys; print(sum(1 for o in json.load(open(sys.argv[1])) if len(o['description']) == 14993))" "$OUT_FILE")"
