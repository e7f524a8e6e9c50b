# Every key in the help does what the help says (the ones not covered by
# tui.sh), the mouse, [keys] rebinding, group switching, signals.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
write_config "[ui]" "refresh_after = 0"
run refresh
check_rc "setup: refresh" 0
fake_browser

tmux_start 80 24
tmux_wait "1/7"
# -- movement in the list
tmux_keys j j
check_on_screen "j moves down" "3/7"
tmux_keys k
check_on_screen "k moves up" "2/7"
tmux_keys G
check_on_screen "G goes to the last" "7/7"
tmux_keys g
check_on_screen "g goes to the first" "1/7"
tmux_keys Down Down Down
check_on_screen "Down moves down" "4/7"
tmux_keys Up
check_on_screen "Up moves up" "3/7"
tmux_keys NPage
check_on_screen "PgDn moves a page" "7/7"
tmux_keys PPage
check_on_screen "PgUp moves a page" "1/7"
tmux_keys End
check_on_screen "End goes to the last" "7/7"
tmux_keys Home
check_on_screen "Home goes to the first" "1/7"
# -- search: / searches every week (full text), n/N step through the list
tmux_keys / "13-17" Enter
check_on_screen "/ searches all weeks" "1 match for 13-17"
tmux_keys Enter
check_on_screen "Enter opens the hit" "2024-05-20 · 13_17_May_2024"
tmux_keys q q
check_on_screen "back in the list on the same row" "1/7"
tmux_keys / "This Week" Enter
check_on_screen "a phrase of several words" "6 matches for This Week"
tmux_keys q n
check_on_screen "n goes to the next post with the words" "2/7"
tmux_keys n
check_on_screen "n again" "3/7"
tmux_keys N
check_on_screen "N goes to the previous one" "2/7"
tmux_keys / "no such words" Enter
check_on_screen "a search without hits says so" "Nothing matches. Try fewer words"
tmux_keys q
# -- open in the browser, unread marks
tmux_keys g o
check_eq "o opens the selected post" "https://github.com/cncf/tag-runtime/blob/main/wgs/cnai/news/July_latest_in_CNAI.md" "$(opened)"
tmux_keys u
check_on_screen "u marks the post read when it was unread" "marked read"
check_on_screen "the mark is gone" "   2024-07-19  [July]"
tmux_keys u
check_on_screen "u marks it unread again" "marked unread"
check_on_screen "the mark is back" " ● 2024-07-19  [July]"
# -- the reader: recording, issues (a picker: two of them), Slack, links
tmux_keys j Enter
tmux_wait "Key Developments"
tmux_keys v
check_eq "v opens the recording" "https://youtu.be/ldAvmboR8fI" "$(opened)"
tmux_keys i
check_on_screen "i with two issues asks which" "Which issue?"
check_on_screen "the picker lists both" "[3] Kubeflow intro — https://github.com/cncf/tag-runtime/issues/144"
tmux_keys j Enter
check_eq "the picker opens the chosen issue" "https://github.com/cncf/tag-runtime/issues/144" "$(opened)"
tmux_keys s
check_on_screen "s with two Slack channels asks which" "Which Slack channel?"
tmux_keys q
check_on_screen "q closes the picker" "Key Developments"
tmux_keys 4
check_eq "4 in the reader opens link 4" "https://github.com/orgs/cncf/projects/38" "$(opened)"
tmux_keys l
check_on_screen "l lists the links" "[7] #wg-artificial-intelligence"
tmux_keys G Enter
check_eq "Enter in the links list opens the link" "https://tag-runtime.cncf.io/wgs/cnaiwg/onboarding/" "$(opened)"
tmux_keys o
check_eq "o in the reader opens the post" "https://github.com/cncf/tag-runtime/blob/main/wgs/cnai/news/20_25_May_2024.md" "$(opened)"
tmux_keys Space
check_on_screen "Space pages down in the reader" "Sustainable AI Initiative"
tmux_keys C-b
check_on_screen "C-b pages up" "2024-05-27 · 20_25_May_2024"
tmux_keys C-l
check_on_screen "C-l redraws" "2024-05-27 · 20_25_May_2024"
tmux_keys u
check_on_screen "u in the reader marks the post unread" "marked unread"
tmux_keys Escape
check_on_screen "Esc goes back" "2/7"
check_on_screen "the post shows as unread again" " ● 2024-05-27  This Week in CN AI (20-25 May 2024)"
tmux_keys w
check_on_screen "w with one group says how to add more" "only one group is configured"
tmux_keys Q
check_on_screen "Q quits at once" "EXITED 0"
tmux_stop

# -- the mouse (xterm reporting: ESC [ M button col row, each + 32)
tmux_start 80 24
tmux_wait "1/7"
tmux_keys -l "$(printf '\033[M %%$\033[M#%%$')"
check_on_screen "a click selects the row" "3/7"
tmux_keys -l "$(printf '\033[Ma%%$')"
check_on_screen "the wheel scrolls down" "6/7"
tmux_keys -l "$(printf '\033[M`%%$')"
check_on_screen "the wheel scrolls up" "3/7"
tmux_keys -l "$(printf '\033[M -!\033[M#-!')"
check_on_screen "a click on a tab switches pane" "config: board ="
tmux_stop

# -- [keys] rebinding, shown in the help
printf '[github]\napi = %s\nraw = %s\n[ui]\nrefresh_after = 0\n[keys]\nrefresh = R\nmove-down = C-n, j\n[group "cnai"]\ncalendar =\nposts = github:cncf/tag-runtime/wgs/cnai/news@main\n' "$API" "http://127.0.0.1:$RAW_PORT" >"$CONFIG"
tmux_start 80 24
tmux_wait "1/7"
tmux_keys C-n
check_on_screen "a rebound key moves" "2/7"
tmux_keys r
sleep 0.3
check_not_on_screen "the old key r no longer refreshes" "refreshing"
tmux_keys R
check_on_screen "the new key refreshes" "posts: 7 (0 new, 7 unchanged)" 5
tmux_keys "?"
check_on_screen "the help shows the keys in effect" "R                  refresh"
check_on_screen "the help shows both keys" "C-n, j             move-down"
tmux_stop

# -- two groups: w switches
cat >"$CONFIG" <<CFG
[github]
api = $API
raw = http://127.0.0.1:$RAW_PORT
[ui]
refresh_after = 0
[group "cnai"]
calendar =
posts = github:cncf/tag-runtime/wgs/cnai/news@main
[group "local"]
name = Local copy
posts = $ROOT/tests/data/posts
CFG
tmux_start 80 24
tmux_wait "1/7"
tmux_keys w
check_on_screen "w lists the groups" "Working groups"
tmux_keys j Enter
check_on_screen "choosing a group switches to it" "switched to Local copy"
check_on_screen "an empty group offers a refresh" "Press r to fetch the group's weekly posts." 3
tmux_keys r
check_on_screen "its refresh fills the list" "1/7" 5
check_on_screen "the status line names the group" " Local copy │"
tmux_stop

# -- SIGTERM restores the terminal
tmux_start 80 24
tmux_wait "1/7"
shell_pid=$(tmux_cmd display -p -t t '#{pane_pid}')
kill -TERM "$(pgrep -P "$shell_pid" -x catchup)"
check_on_screen "SIGTERM ends catchup cleanly" "EXITED 0"
check_not_on_screen "the normal screen is back after SIGTERM" "1 Posts  2 Board"
tmux_stop
