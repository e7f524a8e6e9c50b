# A meeting's join link and the agenda's words, from a calendar shaped like
# the CNCF one (tests/data/ical/lfx.ics): LFX Zoom rooms as the location and
# an agenda document first in the description, a Google Meet CONFERENCE, a
# Teams link in HTML, Jitsi as the URL, Webex in the text, a recording that
# joins nothing.  `agenda` names the service, `agenda --json` gives
# join_url, `start` shows the join link, and a window past what the cache
# holds says how far it reaches and whether a refresh would help.
. tests/lib.sh

start_server
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
CAL="$API/cal/lfx.ics"
LFX="https://zoom-lfx.platform.linuxfoundation.org/meeting/96033536484?password=4b1c"
write_config "calendar = $CAL" "calendar_match ="
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)

run refresh
check_rc "setup: refresh" 0

# -- the place is the service, LFX's Zoom included
run agenda --days 16
check_rc "agenda exits 0" 0
cat >"$TMP/want.txt" <<'EOF'
Thu 2027-03-11  16:00-17:00  TAG Runtime WG meeting (Zoom)
Fri 2027-03-12  17:00-17:30  AI Sandbox office hours (Google Meet)
Mon 2027-03-15  16:00-17:00  Model serving sync (Microsoft Teams Meeting)
Tue 2027-03-16  14:00-15:00  Storage sync (Jitsi)
Wed 2027-03-17  15:00-16:00  Security review (Webex)
Thu 2027-03-18  20:00-21:00  Recording review
Fri 2027-03-19  09:00-10:00  Docs sprint (Google Meet)
Fri 2027-03-19  15:00-16:00  TAG Runtime WG meeting (moved) (Zoom)
Mon 2027-03-22  all day      KubeCon Japan (Yokohama, JP) (until Wed 24 Mar)
Thu 2027-03-25  15:00-16:00  TAG Runtime WG meeting (Zoom)
EOF
check_eq "agenda names each meeting's service, (Zoom) for an LFX room, not its host" \
    "$(cat "$TMP/want.txt")" "$(cat "$OUT_FILE")"
check_file_lacks "no host where a service name belongs" "$OUT_FILE" "linuxfoundation.org"

# -- join_url in --json
run agenda --days 16 --json
check_rc "agenda --json exits 0" 0
check_eq "every item has join_url" "True" "$(json "all('join_url' in i for i in j)" "$OUT_FILE")"
check_eq "LFX room in LOCATION: join_url, while url stays the agenda document" \
    "$LFX https://docs.google.com/document/d/runtime-agenda/edit" \
    "$(json "'%s %s' % (j[0]['join_url'], j[0]['url'])" "$OUT_FILE")"
check_eq "the moved occurrence joins the same room" "$LFX" "$(json "j[7]['join_url']" "$OUT_FILE")"
check_eq "a CONFERENCE (not its tel: one)" "https://meet.google.com/cat-chup-tst" \
    "$(json "j[1]['join_url']" "$OUT_FILE")"
check_eq "a Teams link in an HTML description, after the agenda document" \
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_catchup%40thread.v2/0" \
    "$(json "j[2]['join_url']" "$OUT_FILE")"
check_eq "Jitsi as the event's URL" "https://meet.jit.si/CatchupStorageSync" "$(json "j[3]['join_url']" "$OUT_FILE")"
check_eq "Webex in the description, after the slides" "https://cncf.webex.com/cncf/j.php?MTID=m123abc" \
    "$(json "j[4]['join_url']" "$OUT_FILE")"
check_eq "a Zoom recording joins nothing: null" "None https://zoom.us/rec/share/catchup-rec" \
    "$(json "'%s %s' % (j[5]['join_url'], j[5]['url'])" "$OUT_FILE")"
check_eq "X-GOOGLE-CONFERENCE" "https://meet.google.com/doc-spri-nta" "$(json "j[6]['join_url']" "$OUT_FILE")"
check_eq "a conference in a city: null" "None" "$(json "j[8]['join_url']" "$OUT_FILE")"

# -- Start here: the next meeting's join link, not its agenda document
run start --json
check_eq "start: the LFX room is the join link, the agenda document the details" \
    "- **Join**: <$LFX>|- **Details**: <https://docs.google.com/document/d/runtime-agenda/edit>" \
    "$(json "'|'.join(l for l in j['body'].splitlines() if l.startswith(('- **Join', '- **Details')))" "$OUT_FILE")"

# -- past what the cache holds: how far it reaches, and whether a refresh helps
run agenda --from 2028-05-01
check_rc "a window past the cache exits 0" 0
check_err "it says how far the cache reaches" "catchup: the cache holds events up to Thu 2028-04-13"
check_err "and that a refresh now would not look further" \
    "a refresh looks 400 days ahead, so later events cannot be shown yet"
check_file_lacks "no advice to refresh when a refresh reaches no further" "$ERR_FILE" "run 'catchup refresh'"
check_file_lacks "no 'nothing in the 14 days' for days it cannot know" "$ERR_FILE" "nothing in the"
# a month later, a refresh would reach further: say so, and how far
CATCHUP_NOW=$(date -u -d 2027-04-10T12:00:00Z +%s) run agenda --from 2028-05-01
check_err "a month on, it advises a refresh and says how far it would look" \
    "catchup: the cache holds events up to Thu 2028-04-13; run 'catchup refresh' to look up to Sun 2028-05-14"
CATCHUP_NOW=$(date -u -d 2027-04-10T12:00:00Z +%s) run refresh
CATCHUP_NOW=$(date -u -d 2027-04-10T12:00:00Z +%s) run agenda --from 2028-05-01 --days 7
check_out "after that refresh the window is there" "Thu 2028-05-04  15:00-16:00  TAG Runtime WG meeting (Zoom)"
check_eq "and nothing is said" "" "$(cat "$ERR_FILE")"

# -- a meeting whose location is empty: Start here joins its CONFERENCE, not
# the notes its description starts with
write_config "calendar = $CAL" "calendar_match = Sandbox"
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
run refresh
run start --json
check_eq "start: the Meet room of a CONFERENCE is the join link, the notes the details" \
    "- **Join**: <https://meet.google.com/cat-chup-tst>|- **Details**: <https://docs.google.com/document/d/sandbox-notes/edit>" \
    "$(json "'|'.join(l for l in j['body'].splitlines() if l.startswith(('- **Join', '- **Details')))" "$OUT_FILE")"
