# The Start here page from the fixture data: Slack, the next meeting in
# local time with its join link, issues that want help, the latest posts'
# advice, the onboarding page.
. tests/lib.sh

start_server
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
write_config "board = github:cncf/projects/38" "calendar = $API/cal/cnai.ics" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main"
export GITHUB_TOKEN=test-token CATCHUP_NOW=1804680000 # Wed 2027-03-10 12:00 UTC
# before any refresh: what is missing says how to get it, not "no meeting"
run start
check_rc "start on an empty cache exits 0" 0
check_out "empty cache: the calendar is not cached yet" \
    "The group's calendar is not cached yet: run 'catchup refresh'."
check_file_lacks "empty cache: no claim that there is no meeting" "$OUT_FILE" "No meeting"
check_out "empty cache: the onboarding page is not cached yet" \
    "The onboarding page is not cached yet: run 'catchup refresh'."
run refresh
check_rc "refresh" 0
TZ=Europe/Berlin run start
check_rc "start exits 0" 0
check_out "the next meeting, in local time, with a countdown" \
    "Cloud Native AI WG meeting: Fri 12 Mar, 17:00–18:00 CET (in 2 d 4 h)"
check_out "its join link" "Join: https://zoom.us/j/91234567890"
check_out "issues that want help" "cncf/tag-runtime#162 Cloud Native playground for AI workloads"
check_out "the label that says so" "· help wanted"
check_out "the onboarding page" "Step 1: Read the White Paper"
TZ=America/Los_Angeles run start
check_out "the next meeting in another zone" "Cloud Native AI WG meeting: Fri 12 Mar, 08:00–09:00 PST"
# without a calendar or a board, those sections are left out, not empty
write_config "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main"
run start
check_file_lacks "no calendar: no meeting section" "$OUT_FILE" "Next meeting"
check_file_lacks "no board: no help section" "$OUT_FILE" "Issues that want help"
check_out "the rest is still there" "From the latest posts"
