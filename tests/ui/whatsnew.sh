# What's new in the TUI at 80x24: the first screen says what changed since
# the last visit, the status line keeps it, W lists it, Enter opens each.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
write_config "board = github:cncf/projects/38" "calendar = $API/cal/cnai.ics" "[ui]" "refresh_after = 0"
export GITHUB_TOKEN=test-token
T1=1804680000
CATCHUP_NOW=$T1 run refresh
check_rc "first refresh" 0

# the first visit: nothing to say yet, and it is recorded
CATCHUP_NOW=$((T1 + 60)) tmux_start 80 24
tmux_wait "1/7"
check_not_on_screen "a first visit has no what's new" "what's new"
tmux_keys W
check_on_screen "W on a first visit explains" "this is your first visit"
tmux_keys Q
tmux_stop

change_upstream
CATCHUP_NOW=$((T1 + 3600)) run refresh
check_rc "second refresh" 0

CATCHUP_NOW=$((T1 + 3 * 3600)) tmux_start 80 24
check_on_screen "the first screen says what changed" \
    "Since 2 h ago: 1 new week, 1 updated, 1 board change, 1 moved event (W)"
tmux_keys j
check_on_screen "the status line keeps a what's new count" "what's new: 4 (W)"
tmux_keys W
check_on_screen "W lists the changes" "Since 2 h ago: 1 new week, 1 updated, 1 board change, 1 moved event"
check_on_screen "the board change says how" "In Progress -> Done"
check_screen "the what's new list at 80x24" whatsnew_80x24.txt
tmux_keys Enter
check_on_screen "Enter on the new week opens it" "A week in August"
tmux_keys q j j Enter
check_on_screen "Enter on the board change opens the item" "Status: Done (was In Progress"
tmux_keys q j Enter
check_on_screen "Enter on the moved event opens it" "Artificial Intelligence panel: inference at the edge"
tmux_keys q q
check_on_screen "q goes back to the list" "what's new: 4 (W)"
check_not_on_screen "once the list was seen, the banner goes" "Since 2 h ago"
tmux_stop
