# The Posts pane's search counts every match and pages through all of them
# (it stopped at 200): 250 generated weeks (bench/gen_weeks.py) all say cloud.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

python3 bench/gen_weeks.py posts "$TMP/weeks" 250
# the posts are a folder: the network is never asked
cat >"$CONFIG" <<CFG
[github]
api = http://127.0.0.1:9
[ui]
refresh_after = 0
[group "cnai"]
posts = $TMP/weeks
board =
calendar =
onboarding =
CFG
run refresh
check_rc "setup: refresh of 250 weeks" 0

tmux_start 80 24
tmux_wait "1/250"
tmux_keys / cloud Enter
check_on_screen "the head counts every match" "250 matches for cloud"
check_on_screen "the position counts every match" "1/250"
tmux_keys G
check_on_screen "G goes to the last of all 250" "250/250"
check_on_screen "the last hits are drawn" "This Week in CN AI (week"
tmux_keys Enter
check_on_screen "Enter opens the last hit" "› This Week in CN AI (week"
tmux_keys q
check_on_screen "back on the last hit" "250/250"
tmux_keys PPage PPage
check_not_on_screen "PgUp moves back through the list" "250/250"
tmux_keys g
check_on_screen "g goes back to the first" "1/250"
tmux_keys q q
tmux_stop
