# Events end to end against the fixture server: a refresh expands the
# calendar (tests/data/ical/cnai.ics, served at /cal/cnai.ics) and derives the
# posts' events; `catchup agenda` shows them in two zones, as text and JSON;
# the feed is fetched with its ETag; every kind of bad feed is an error naming
# the calendar, and what was stored stays.
. tests/lib.sh

start_server
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
CAL="$API/cal/cnai.ics"
write_config "calendar = $CAL"
# Wednesday 10 March 2027, 12:00 UTC: the US changes clocks on 14 March,
# the EU on 28 March.
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)

events_line() { grep '^events:' "$OUT_FILE"; }

# -- first refresh
run refresh
check_rc "refresh with a calendar exits 0" 0
check_eq "the report counts the next 14 days, the calendar and the posts' events" \
    "events: 6 upcoming from 1 calendar (12 from posts) in 1 request" "$(events_line)"
check_eq "the calendar was fetched once" 1 "$(requests | grep -c '"/cal/cnai.ics"')"

cat >"$TMP/berlin.txt" <<'EOF'
Thu 2027-03-11  19:00-20:00  Artificial Intelligence panel: inference at the edge
Fri 2027-03-12  17:00-18:00  Cloud Native AI WG meeting (Zoom)
Tue 2027-03-16  10:00-10:30  CNAI Sustainability subgroup (Google Meet)
Wed 2027-03-17  18:00-18:45  AI Security office hours
Mon 2027-03-22  all day      KubeCon + CloudNativeCon Europe (Cloud Native AI Day) (Amsterdam, NL) (until Thu 25 Mar)
Tue 2027-03-23  10:00-10:30  CNAI Sustainability subgroup (Google Meet)
EOF
cat >"$TMP/la.txt" <<'EOF'
Thu 2027-03-11  10:00-11:00  Artificial Intelligence panel: inference at the edge
Fri 2027-03-12  08:00-09:00  Cloud Native AI WG meeting (Zoom)
Tue 2027-03-16  02:00-02:30  CNAI Sustainability subgroup (Google Meet)
Wed 2027-03-17  10:00-10:45  AI Security office hours
Mon 2027-03-22  all day      KubeCon + CloudNativeCon Europe (Cloud Native AI Day) (Amsterdam, NL) (until Thu 25 Mar)
Tue 2027-03-23  02:00-02:30  CNAI Sustainability subgroup (Google Meet)
EOF
TZ=Europe/Berlin run agenda
check_rc "agenda exits 0" 0
check_eq "nothing on stderr when all is well" "" "$(cat "$ERR_FILE")"
check_eq "agenda in Berlin: the next 14 days, filtered, in local time" "$(cat "$TMP/berlin.txt")" "$(cat "$OUT_FILE")"
TZ=America/Los_Angeles run agenda
check_eq "agenda in Los Angeles: the same occurrences in its time" "$(cat "$TMP/la.txt")" "$(cat "$OUT_FILE")"
check_file_lacks "the filter keeps other groups' meetings out" "$OUT_FILE" "TAG Security"

# -- the weeks between the US and the EU clock changes
TZ=Europe/Berlin run agenda --from 2027-03-08 --days 28
check_eq "Berlin: the US meeting is an hour earlier between 14 and 28 March" \
    "Fri 2027-03-12  17:00-18:00  Cloud Native AI WG meeting (Zoom)
Fri 2027-03-26  16:00-17:00  Cloud Native AI WG meeting (Zoom)" \
    "$(grep 'WG meeting' "$OUT_FILE")"
check_err "a window before what was expanded says so" \
    "catchup: the calendars were expanded from Tue 2027-03-09 on (a day before the last refresh)"
TZ=America/Los_Angeles run agenda --from 2027-03-08 --days 28
check_eq "Los Angeles: always 08:00" \
    "Fri 2027-03-12  08:00-09:00  Cloud Native AI WG meeting (Zoom)
Fri 2027-03-26  08:00-09:00  Cloud Native AI WG meeting (Zoom)" \
    "$(grep 'WG meeting' "$OUT_FILE")"
TZ=Europe/Berlin run agenda --from 2027-03-29 --days 3
check_eq "Berlin after its own change: 10:00 Berlin again for the Berlin meeting" \
    "Tue 2027-03-30  10:00-10:30  CNAI Sustainability subgroup (Google Meet)" "$(cat "$OUT_FILE")"
TZ=America/Los_Angeles run agenda --from 2027-03-29 --days 3
check_eq "... which is 01:00 in Los Angeles" \
    "Tue 2027-03-30  01:00-01:30  CNAI Sustainability subgroup (Google Meet)" "$(cat "$OUT_FILE")"

# -- a moved occurrence, an excluded one, COUNT and UNTIL
TZ=Europe/Berlin run agenda --from 2027-04-01 --days 30
check_eq "9 April moved to Thursday 8 April and renamed; 23 April excluded" \
    "Thu 2027-04-08  18:00-19:00  Cloud Native AI WG meeting (moved for KubeCon) (Zoom)" \
    "$(cat "$OUT_FILE")"
TZ=UTC run agenda --from 2027-03-31 --days 60
check_eq "COUNT=6 ended in March, UNTIL ended on 17 March" "" "$(grep -E 'Sustainability|Security' "$OUT_FILE")"

# -- JSON
TZ=Europe/Berlin run agenda --json
check_rc "agenda --json exits 0" 0
check_eq "six items" 6 "$(json "len(j)" "$OUT_FILE")"
check_eq "start and end with the local offset" "2027-03-12T17:00:00+01:00 2027-03-12T18:00:00+01:00" \
    "$(json "'%s %s' % (j[1]['start'], j[1]['end'])" "$OUT_FILE")"
check_eq "the SPEC's keys" "all_day calendar end location start title url" \
    "$(json "' '.join(sorted(k for k in j[1] if k in ('start','end','all_day','title','location','url','calendar')))" "$OUT_FILE")"
check_eq "location, calendar and link" "Zoom, https://zoom.us/j/91234567890|$CAL|https://docs.google.com/document/d/1cnai-agenda/edit" \
    "$(json "'%s|%s|%s' % (j[1]['location'], j[1]['calendar'], j[1]['url'])" "$OUT_FILE")"
check_eq "all-day: dates alone, the end exclusive" "True 2027-03-22 2027-03-26" \
    "$(json "'%s %s %s' % (j[4]['all_day'], j[4]['start'], j[4]['end'])" "$OUT_FILE")"
check_eq "an event's own URL wins" "https://events.example.org/ai-panel" "$(json "j[0]['url']" "$OUT_FILE")"
TZ=America/Los_Angeles run agenda --json
check_eq "the same instant in Los Angeles" "2027-03-12T08:00:00-08:00" "$(json "j[1]['start']" "$OUT_FILE")"
TZ=Europe/Berlin run agenda --json --from 2027-04-08 --days 1
check_eq "a moved occurrence says where the rule had it" "True 2027-04-09T17:00:00+02:00" \
    "$(json "'%s %s' % (j[0]['moved'], j[0]['original_start'])" "$OUT_FILE")"

# -- unchanged feed: one conditional request, 304
clear_log
run refresh
check_eq "second refresh: unchanged" "events: 6 upcoming from 1 calendar (12 from posts), unchanged in 1 request" "$(events_line)"
check_eq "the calendar request was conditional and got 304" "1 1" \
    "$(requests | grep '"/cal/cnai.ics"' | grep -c 'if-none-match') $(requests | grep '"/cal/cnai.ics"' | grep -c '"status": 304')"
snapshot good

# -- bad feeds: an error naming the calendar, exit 1, nothing lost
bad_feed() { # name fault-json expected-text
    fault "$2"
    run refresh
    check_rc "$1: refresh exits 1" 1
    check_err "$1: the error names the calendar and why" "catchup: events: calendar $CAL: $3"
    snapshot after
    check_same_snapshot "$1: the stored events stay" good after
    clear_faults
}
bad_feed "HTTP 500" '{"match": "^/cal/", "status": 500}' "127.0.0.1: server error 500"
bad_feed "404" '{"match": "^/cal/", "status": 404}' "404 Not Found: check the calendar URL"
bad_feed "no END:VCALENDAR" "{\"match\": \"^/cal/\", \"body_b64\": \"$(base64 -w0 "$ROOT/tests/data/ical/truncated.ics")\"}" \
    "the feed is cut short or malformed"
bad_feed "an impossible date" "{\"match\": \"^/cal/\", \"body_b64\": \"$(base64 -w0 "$ROOT/tests/data/ical/bad_date.ics")\"}" \
    "event 'CNAI meeting with an impossible date': its start (DTSTART) '20271345T250000Z' is not a valid date"
bad_feed "an unknown TZID" "{\"match\": \"^/cal/\", \"body_b64\": \"$(base64 -w0 "$ROOT/tests/data/ical/unknown_tz.ics")\"}" \
    "event 'CNAI meeting on Mars time': its start (DTSTART) uses the unknown time zone 'Mars/Olympus_Mons'"
bad_feed "an HTML page" '{"match": "^/cal/", "body": "<!DOCTYPE html><html>Sign in</html>", "content_type": "text/html"}' \
    "not an iCalendar feed (it starts with '<!DOCTYPE html>"
bad_feed "over 16 MiB" '{"match": "^/cal/", "oversize": 17000000}' \
    "the response from 127.0.0.1 is larger than the 16 MiB limit"
# a changed feed (so no 304) whose transfer is cut short
cp "$SRV_ROOT/calendars/cnai.ics" "$TMP/cnai.orig"
sed -i 's/^DTSTAMP:20270101T000000Z/DTSTAMP:20270102T000000Z/' "$SRV_ROOT/calendars/cnai.ics"
bad_feed "a connection cut mid-body" '{"match": "^/cal/", "truncate": 500}' ""
cp "$TMP/cnai.orig" "$SRV_ROOT/calendars/cnai.ics"
check_out "the report says it failed and counts what stayed" "events: failed (6 upcoming kept from before, 12 from posts)"
TZ=Europe/Berlin run agenda
check_eq "after the failures the agenda is as before" "$(cat "$TMP/berlin.txt")" "$(cat "$OUT_FILE")"
check_err "the agenda says the last refresh of the events failed" "catchup: the last refresh of the events failed: calendar $CAL:"
check_rc "and still exits 0" 0

# -- the ETag was not replaced by a failed feed: unchanged again
clear_log
run refresh
check_eq "after the faults: 304 again" "events: 6 upcoming from 1 calendar (12 from posts), unchanged in 1 request" "$(events_line)"

# -- a changed feed replaces what was stored
sed -i 's/^EXDATE;TZID=America\/Los_Angeles:20270423T080000\r$/EXDATE;TZID=America\/Los_Angeles:20270312T080000\r/' \
    "$SRV_ROOT/calendars/cnai.ics"
run refresh
check_eq "a changed feed is read again" "events: 5 upcoming from 1 calendar (12 from posts) in 1 request" "$(events_line)"
TZ=Europe/Berlin run agenda --from 2027-04-20 --days 7
check_out "23 April is back" "Fri 2027-04-23  17:00-18:00  Cloud Native AI WG meeting (Zoom)"
TZ=Europe/Berlin run agenda
check_file_lacks "12 March is excluded now" "$OUT_FILE" "2027-03-12"

# -- a week later the stored expansion is renewed: no If-None-Match
clear_log
CATCHUP_NOW=$((CATCHUP_NOW + 8 * 86400)) run refresh
check_eq "an old expansion is fetched in full" "0 200" \
    "$(requests | grep '"/cal/cnai.ics"' | grep -c 'if-none-match') $(requests | grep '"/cal/cnai.ics"' | grep -o '"status": [0-9]*' | grep -o '[0-9]*$')"

# -- a local file as the calendar
cp "$ROOT/tests/data/ical/cnai.ics" "$TMP/local.ics"
write_config "calendar = $TMP/local.ics"
run refresh
check_eq "a file calendar needs no request" "events: 6 upcoming from 1 calendar (12 from posts) in 0 requests" "$(events_line)"
TZ=Europe/Berlin run agenda --json
check_eq "the file is the calendar" "$TMP/local.ics" "$(json "j[1]['calendar']" "$OUT_FILE")"
TZ=Europe/Berlin run agenda --from 2027-04-20 --days 7
check_eq "the URL calendar was forgotten with its config (23 April is excluded again)" "" \
    "$(cat "$OUT_FILE")"

# -- no calendar: the posts' events still are there
write_config
run refresh
check_rc "refresh without a calendar exits 0" 0
check_eq "no events line without a calendar" "" "$(events_line)"
TZ=Europe/Berlin run agenda
check_rc "agenda without a calendar exits 0" 0
check_err "agenda says which key to set" "no calendar is configured for Cloud Native AI Working Group: set 'calendar = URL'"
TZ=Europe/Berlin run agenda --from 2024-08-20 --days 7
check_eq "a dated event from a post, in its week" \
    "Wed 2024-08-21  all day      KubeCon China 2024 (mentioned in week of 13 May 2024)" "$(cat "$OUT_FILE")"
TZ=Europe/Berlin run agenda --from 2024-08-20 --days 7 --json
check_eq "JSON of a post's event" "None 13_17_May_2024 2024-08-21 2024-08-22" \
    "$(json "'%s %s %s %s' % (j[0]['calendar'], j[0]['post'], j[0]['start'], j[0]['end'])" "$OUT_FILE")"
# a post changed upstream: its entries are read again, the others kept
sed -i 's/Hong Kong on August 21\./Hong Kong on August 23./' \
    "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/13_17_May_2024.md"
run refresh
TZ=Europe/Berlin run agenda --from 2024-08-20 --days 7
check_eq "a changed post's event moves with its text" \
    "Fri 2024-08-23  all day      KubeCon China 2024 (mentioned in week of 13 May 2024)" "$(cat "$OUT_FILE")"
TZ=Europe/Berlin run agenda --from 2024-05-11 --days 1
check_eq "an unchanged post's event stays" \
    "Sat 2024-05-11  all day      Kubernetes Bangalore Meetup (mentioned in week of 6 May 2024)" "$(cat "$OUT_FILE")"

# -- never refreshed, bad usage
rm -rf "$XDG_CACHE_HOME"
write_config "calendar = $CAL"
run agenda
check_rc "agenda before any refresh exits 0" 0
check_err "and says to refresh" "no events cached yet: run 'catchup refresh'"
run agenda --from 2027-13-01
check_rc "a bad --from is usage (2)" 2
run agenda --days 0
check_rc "--days 0 is usage (2)" 2
run agenda tomorrow
check_rc "agenda takes no arguments (2)" 2
