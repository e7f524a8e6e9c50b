# The Board pane and the reader's issue badges, driven through tmux at
# 80x24: the linked issues without a token, the whole board with one,
# toggling closed/Done, search, details with the posts that mention an item,
# opening items and posts, the mouse, and a board that failed.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
write_config "board = github:cncf/projects/38" "[ui]" "refresh_after = 0"
# the issues were updated on 2025-06-01 12:00 UTC; "now" is two and a half days later
export CATCHUP_NOW=1749000000
run refresh
check_eq "setup: the first refresh fetches the linked issues" "board: 8 linked issues (3 open, 8 new) in 8 requests" \
    "$(grep '^board:' "$OUT_FILE")"
fake_browser

# -- without a token: the issues the posts link to
tmux_start 80 24
tmux_wait "1/7"
tmux_keys 2
check_on_screen "2 shows the Board pane" "Issues the posts link to — set GITHUB_TOKEN to see the whole board"
check_screen "the linked issues at 80x24" board_linked_80x24.txt
tmux_keys a
check_on_screen "a shows closed items too" "3 open · 5 closed shown: a hides them"
check_on_screen "the closed ones are listed" "merged"
check_on_screen "the position counts them" "1/8"
tmux_keys a
check_on_screen "a hides them again" "5 closed hidden: a shows them"
tmux_keys / "Survey" Enter
check_on_screen "/ finds an item by title" "2/3"
tmux_keys / "zanet" Enter
check_on_screen "/ finds an item by assignee" "3/3"
tmux_keys o
check_eq "o opens the item on GitHub" "https://github.com/cncf/tag-runtime/issues/168" "$(opened)"
tmux_keys g Enter
check_on_screen "Enter shows the item's details" "Mentioned in"
check_on_screen "the details list the posts that link to it" "2024-05-27 · This Week in CN AI (20-25 May 2024) · 20_25_May_2024"
check_screen "an item's details at 80x24" board_detail_80x24.txt
tmux_keys 1
check_eq "1 in the details opens the item" "https://github.com/cncf/tag-runtime/issues/126" "$(opened)"
tmux_keys Enter
check_on_screen "Enter asks which of the posts" "Which post?"
tmux_keys j Enter
check_on_screen "the chosen post opens in the reader" "2024-05-27 · 20_25_May_2024"
tmux_keys q
check_on_screen "q goes back to the details" "Mentioned in"
tmux_keys q
check_on_screen "q goes back to the Board pane" "1/3"
# the mouse: a click on the third row (screen row 5: the tab bar and two
# header lines above) selects it (xterm: ESC [ M button col row, each + 33)
tmux_keys -l "$(printf '\033[M %%&\033[M#%%&')"
check_on_screen "a click selects a row" "3/3"
tmux_stop

# -- the reader badges issue links with their state
tmux_start 80 24
tmux_wait "1/7"
tmux_keys j Enter
tmux_wait "Key Developments"
tmux_keys j j j j j j j j j j j j j j j j
check_on_screen "an open issue link shows [2 open]" "tracked here[2 open]."
check_on_screen "a closed issue link shows [3 closed]" "The Kubeflow intro [3 closed] blog"
check_screen "the reader with issue states at 80x24" reader_badges_80x24.txt
tmux_keys l
check_on_screen "the link list shows the state" "[2] here — https://github.com/cncf/tag-runtime/issues/126"
tmux_stop

# -- with a token: the whole board, grouped by Status
GITHUB_TOKEN=test-token run refresh
check_rc "setup: a refresh with a token" 0
tmux_start 80 24
tmux_wait "1/7"
tmux_keys 2
check_on_screen "the Board pane shows the board" "Cloud Native AI · github:cncf/projects/38"
check_screen "the board at 80x24" board_80x24.txt
tmux_keys G
check_on_screen "G goes to the draft" "9/9"
tmux_keys Enter
check_on_screen "a draft's details show its body" "Track which cloud native AI projects are adopted"
tmux_keys o
check_eq "o on a draft opens the board" "https://github.com/orgs/cncf/projects/38" "$(opened)"
tmux_keys q a
check_on_screen "a shows the Done items" "9 open · 3 closed/Done shown: a hides them"
tmux_keys G
check_on_screen "the Done ones come last" "12/12"
check_on_screen "... a Done draft among them" "CNAI sub-landscape on the CNCF Landscape"
tmux_stop

# -- the board fails: the pane says why, and keeps what it had
fault "$(python3 -c 'import json,sys; print(json.dumps({"match": "/graphql", "body": open(sys.argv[1]).read()}))' "$ROOT/tests/data/board/insufficient_scopes.json")"
GITHUB_TOKEN=test-token run refresh
check_rc "setup: a refresh whose board fails" 1
clear_faults
tmux_start 80 24
tmux_wait "1/7"
tmux_keys 2
check_on_screen "the pane says why the board failed" \
    "board: the token lacks read:project: create one with that scope"
check_on_screen "the board it had is still listed" "1/9"
tmux_stop

# -- a group without a board
write_config "[ui]" "refresh_after = 0"
tmux_start 80 24
tmux_wait "1/7"
tmux_keys 2
check_on_screen "a group without a board says how to add one" "config: board = github:ORG/projects/N"
tmux_stop
