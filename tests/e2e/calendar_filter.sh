# A change of calendar_match takes effect at the next refresh, also when the
# server says the feed is unchanged: the stored occurrences were filtered
# with the old pattern, so the conditional request is keyed on the filter
# (and the group) and a changed filter fetches the feed whole.
. tests/lib.sh

start_server
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
CAL="$API/cal/cnai.ics"
# Wednesday 10 March 2027, 12:00 UTC
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
cal_requests() { requests | grep '"/cal/cnai.ics"'; }

write_config "calendar = $CAL" "calendar_match = Sustainability"
run refresh
check_rc "refresh with calendar_match = Sustainability exits 0" 0
run agenda --days 14
check_eq "the agenda holds only what the filter keeps" "2" "$(grep -c 'Sustainability' "$OUT_FILE")"
check_file_lacks "... and not the office hours" "$OUT_FILE" "AI Security office hours"

# the same filter: one conditional request, answered 304, nothing changes
clear_log
run refresh
check_eq "the same filter: the request is conditional and gets 304" "1 1" \
    "$(cal_requests | grep -c 'if-none-match') $(cal_requests | grep -c '"status": 304')"

# another filter: the feed is fetched whole and filtered anew
write_config "calendar = $CAL" "calendar_match = Security"
clear_log
run refresh
check_rc "refresh after calendar_match changed exits 0" 0
check_eq "a changed filter: the request is not conditional" "1 0" \
    "$(cal_requests | wc -l | tr -d ' ') $(cal_requests | grep -c 'if-none-match')"
run agenda --days 14
check_out "the agenda shows what the new filter keeps" "AI Security office hours"
check_file_lacks "... and no longer what only the old one kept" "$OUT_FILE" "Sustainability"

# and once more with the new filter: conditional again
clear_log
run refresh
check_eq "the new filter, unchanged: conditional again" "1 1" \
    "$(cal_requests | grep -c 'if-none-match') $(cal_requests | grep -c '"status": 304')"

# removing the filter (the group's preset) is a change too
write_config "calendar = $CAL"
clear_log
run refresh
check_eq "back to the preset filter: the request is not conditional" "0" \
    "$(cal_requests | grep -c 'if-none-match')"
run agenda --days 14
check_out "the preset's filter keeps both kinds" "AI Security office hours"
check_out "... the subgroup too" "CNAI Sustainability subgroup"
