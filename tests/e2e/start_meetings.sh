# Start here for a group whose meetings are GitHub issues: the next meeting
# from the soonest upcoming meeting issue when the calendar has none (its
# agenda, and the series' video-call link), and the initiatives that ask
# for help (help wanted, good first issue, needs-group; a draft saying
# "Volunteers needed").
. tests/lib.sh

start_server
MEET='github-issues:cncf/toc?title=%5E%5C%5BTOC%20Artificial%20Intelligence%20Initiatives%20Meeting%5C%5D'
ZOOM='https://zoom-lfx.platform.linuxfoundation.org/meeting/96058530101?password=1b424910-5d44-493f-b3ef-0c7ccd8de312'
# 2025-10-01 12:00 UTC: the meetings of 10 Oct .. 19 Dec are ahead
export CATCHUP_NOW=1759320000

write_config "posts = $MEET"
run refresh
check_rc "refresh exits 0" 0
COLUMNS=200 run start
check_rc "start exits 0" 0
check_out "the next meeting is the soonest upcoming meeting issue, named by its series" \
    "TOC Artificial Intelligence Initiatives Meeting: Fri 10 Oct (toc#1895)"
check_out "its video-call link: the series', from the newest meeting that has one" "Join: $ZOOM"
check_out "its agenda, to add an item to" "Agenda: https://github.com/cncf/toc/issues/1895"

# a calendar without a meeting ahead: the meeting issue still names it
write_config "posts = $MEET" "calendar = $API/cal/cnai.ics"
run refresh
COLUMNS=200 run start
check_out "calendar with nothing ahead: the meeting issue" \
    "TOC Artificial Intelligence Initiatives Meeting: Fri 10 Oct (toc#1895)"

# after the last meeting: nothing upcoming, nothing named
CATCHUP_NOW=1767225600 COLUMNS=200 run start
check_file_lacks "no upcoming meeting issue: none named" "$OUT_FILE" "toc#"

# the initiatives asking for help, from the board
write_config "posts = $MEET" "board = github:cncf/projects/38"
GITHUB_TOKEN=test-token run refresh
COLUMNS=200 run start
check_out "an initiative labelled needs-group wants help" "Cloud Native AI Sustainability - Challenges"
check_out "... and says why" "needs-group"
check_out "help wanted still counts" "Cloud Native playground for AI workloads"
