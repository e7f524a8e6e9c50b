# The Start here pane at 80x24 from the fixture data, and as the first
# screen of a newcomer whose cache is empty while the first refresh runs.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
write_config "board = github:cncf/projects/38" "calendar = $API/cal/cnai.ics" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main"
export GITHUB_TOKEN=test-token CATCHUP_NOW=1804680000

# a newcomer: nothing cached; the first refresh runs behind Start here
fault '{"match": "git/trees/main", "delay_ms": 1500, "times": 1}'
tmux_start 80 24
check_on_screen "with an empty cache Start here is the first screen" "Get involved with the Cloud Native AI Working Group"
check_on_screen "... while the first refresh runs" "refreshing"
check_on_screen "... with the Slack channel at once" "Slack: https://cloud-native.slack.com/archives/C05TYJE81SR"
check_on_screen "... and says the calendar is on its way" "calendar arrives with the refresh"
check_on_screen "the page fills in when the refresh ends" "Next meeting" 10
tmux_stop
clear_faults

# the first refresh could not fetch the calendar: say so, not "no meeting"
rm -f "$CACHE"
fault '{"match": "^/cal/", "status": 500}'
tmux_start 80 24
check_on_screen "calendar failed: the pane says why it is missing" \
    "The group's calendar could not be fetched: calendar" 10
tmux_keys '!'
check_on_screen "... and ! says why the calendar failed" "What went wrong in the last refresh"
check_on_screen "... naming the calendar" "events: calendar http://127.0.0.1"
tmux_stop
clear_faults
run refresh
check_rc "a refresh brings the calendar after all" 0

tmux_start 80 24
tmux_wait "1/7"
tmux_keys 4
check_on_screen "4 shows Start here" "Get involved with the Cloud Native AI Working Group"
check_screen "Start here at 80x24" start_80x24.txt
tmux_stop
fake_browser
tmux_start 80 24
tmux_wait "1/7"
tmux_keys 4 s
sleep 0.3
check_eq "s opens the group's Slack channel" "https://cloud-native.slack.com/archives/C05TYJE81SR" "$(opened)"
tmux_keys l
check_on_screen "l lists the page's links" "Links"
tmux_keys q j
check_on_screen "j scrolls the page (no longer at the top)" "%"
tmux_keys 1
check_on_screen "1 still switches panes from Start here" "1/7"
tmux_stop
