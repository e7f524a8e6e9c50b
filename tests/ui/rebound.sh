# Rebound keys are the keys the TUI names: the help's first line, the
# status line, the search header and the empty panes say the keys in effect,
# never the defaults.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
# back, refresh, help, search and its steps, the errors: all on other keys
write_config "[ui]" "refresh_after = 0" "[keys]" "back = x" "refresh = R" "help = F1" \
    "search = F5" "search-next = F6" "search-prev = F7" "show-errors = E"

# never refreshed (refresh_after = 0 fetches nothing by itself): the Posts
# pane and the status line name R, not r
tmux_start 100 30
tmux_wait "never refreshed"
tmux_keys 1
tmux_wait "No posts cached yet"
check_on_screen "the empty Posts pane names the refresh key in effect" \
    "Press R to fetch the group's weekly posts."
check_on_screen "the status line names the refresh key in effect" "never refreshed: press R"
check_on_screen "the status line names the help key in effect" "F1 help"
tmux_keys F1
check_on_screen "the help says which key goes back" "keys (x goes back; rebind in [keys] of the config)"
check_not_on_screen "the help does not name the default back key" "q goes back"
tmux_stop

# a refresh that failed: the status line names E for the errors
fault '{"match": "git/trees/main", "status": 500}'
timeout 60 "$CATCHUP_BIN" refresh >"$OUT_FILE" 2>"$ERR_FILE"
clear_faults
tmux_start 100 30
tmux_wait "shows why"
check_on_screen "a failed refresh: the status line names the show-errors key in effect" "failed (E shows why)"
tmux_stop

timeout 60 "$CATCHUP_BIN" refresh >"$OUT_FILE" 2>"$ERR_FILE"
tmux_start 100 30
tmux_wait "1/7"
tmux_keys F5 "13-17" Enter
check_on_screen "the search header names the keys in effect" \
    "(Enter opens, F6/F7 move in the post, x goes back)"
tmux_keys x
tmux_wait_gone "move in the post"
tmux_keys q
sleep 0.3
check_not_on_screen "q is no key any more: nothing happens" "EXITED"
tmux_keys x
check_on_screen "x quits from a pane" "EXITED 0"
tmux_stop
