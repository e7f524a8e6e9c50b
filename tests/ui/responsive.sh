# The UI answers keys while a big shared calendar is parsed (the parse runs
# on a worker thread; the loop keeps reading the terminal).
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
mkdir -p "$SRV_ROOT/calendars"
python3 "$ROOT/tests/data/ical/gen_big.py" "$SRV_ROOT/calendars/big.ics" 30000
cat >"$CONFIG" <<CFG
[github]
api = $API
[ui]
refresh_after = 0
[group "cnai"]
posts = $ROOT/tests/data/posts
board =
onboarding =
calendar = $API/cal/big.ics
CFG
run refresh
check_rc "setup: a refresh with a 10 MB shared calendar" 0
check_out "setup: the big calendar is filtered down to the group's meeting" "events: 1 upcoming from 1 calendar"
# the feed changes, so the next refresh downloads and parses it again
sed -i "s/^X-WR-CALNAME:Big shared calendar/X-WR-CALNAME:Big shared calendar (changed)/" "$SRV_ROOT/calendars/big.ics"
tmux_start 80 24
tmux_wait "1/7"
tmux_keys r
check_on_screen "the refresh runs" "refreshing" 2
sleep 0.2
tmux_keys j j
check_on_screen "keys are handled while the calendar is parsed" "3/7" 1
check_on_screen "... before the refresh has ended" "refreshing" 0
check_on_screen "the refresh ends" "updated just now" 20
tmux_stop
