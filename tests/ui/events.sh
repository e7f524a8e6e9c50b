# The Events pane through tmux at 80x24: days, times, the countdown, the
# posts' events, the reader with numbered links, o, search, a failed
# refresh, and a group without a calendar.  TZ is UTC in the tmux session.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
CAL="$API/cal/cnai.ics"
write_config "calendar = $CAL" "[ui]" "refresh_after = 0"
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
run refresh
check_rc "setup: refresh" 0
fake_browser

tmux_start 80 24
tmux_wait "1/7"
tmux_keys 3
check_on_screen "3 shows the Events pane, grouped by day" "Fri 12 Mar"
check_on_screen "the next one has a countdown" "in 1 d 6 h"
check_on_screen "rows show local start-end, title and place" "16:00–17:00   Cloud Native AI WG meeting  (Zoom)"
check_on_screen "a multi-day event shows its last day" "until 25 Mar  KubeCon + CloudNativeCon Europe"
check_on_screen "the posts' events have their own section" "Mentioned in posts"
check_screen "the Events pane at 80x24" events_80x24.txt

# -- the reader: description with its links numbered
tmux_keys j Enter
check_on_screen "Enter reads the event" "When: Fri 12 Mar 2027, 16:00–17:00 (UTC)"
check_screen "an event in the reader at 80x24" events_reader_80x24.txt
tmux_keys 1
check_eq "1 opens the first link (the Zoom room)" "https://zoom.us/j/91234567890" "$(opened)"
tmux_keys 4
check_eq "4 opens the Slack channel in the description" "https://cloud-native.slack.com/archives/C05TYJE81SR" "$(opened)"
tmux_keys l
check_on_screen "l lists the links" "[3] https://zoom.us/j/91234567890?pwd=catchup"
check_not_on_screen "a URL does not swallow the ';' after it" "pwd=catchup;"
tmux_keys q q
check_on_screen "q goes back to the pane" "2/15"
tmux_keys o
check_eq "o opens the meeting's join link (its Zoom room), not its agenda document" "https://zoom.us/j/91234567890" "$(opened)"
tmux_keys k o
check_eq "o on an event with a URL opens that" "https://events.example.org/ai-panel" "$(opened)"

# -- search and the posts' events
tmux_keys / "Bangalore" Enter
check_on_screen "/ finds a post's event" "11/15"
tmux_keys Enter
check_on_screen "Enter reads a post's event" "Mentioned in: This Week in CN AI (05-10 May 2024)"
check_on_screen "with the date read from its text" "When: Sat 11 May 2024, all day"
tmux_keys o
check_eq "o opens its first link" "https://www.meetup.com/kubernetes-india-meetup/events/300323857/" "$(opened)"
tmux_keys q G
check_on_screen "G goes to the last entry" "15/15"
tmux_keys g
check_on_screen "g goes to the first" "1/15"

# -- a failed refresh: the pane says why and keeps the events
fault '{"match": "^/cal/", "status": 500}'
tmux_keys r
check_on_screen "a failed refresh of the events is said in the pane" "The last refresh of the events failed: calendar"
check_on_screen "with the reason" "server error 500"
check_on_screen "the stored events stay" "Cloud Native AI WG meeting"
clear_faults
tmux_stop

# -- no calendar configured
write_config "[ui]" "refresh_after = 0"
run refresh
tmux_start 80 24
tmux_wait "1/7"
tmux_keys 3
check_on_screen "without a calendar the pane says so" "No calendar is configured for Cloud Native AI Working Group."
check_on_screen "and names the key" "config: calendar = URL of an iCalendar feed, in [group \"cnai\"]"
check_on_screen "the posts' events are there all the same" "KubeCon China 2024 · Wed 21 Aug 2024"
tmux_stop
