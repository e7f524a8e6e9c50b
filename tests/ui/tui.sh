# The TUI driven through tmux: first screen, reader, help, panes, resize,
# live refresh, hostile titles, keys from the help.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
write_config "[ui]" "refresh_after = 0"
# the cache was filled three hours before "now" in the UI
export CATCHUP_NOW=1780000000
run refresh
check_rc "setup: refresh" 0
export CATCHUP_NOW=$((1780000000 + 3 * 3600))

# -- first screen at 80x24
tmux_start 80 24
check_on_screen "the Posts pane opens from the cache" "This Week in CN AI (20-25 May 2024)"
check_screen "first screen at 80x24" first_80x24.txt

# -- the reader
tmux_keys j Enter
check_on_screen "Enter opens the reader" "Key Developments"
check_screen "the reader at 80x24" reader_80x24.txt
tmux_keys G
check_on_screen "G goes to the end of the post, with the links" "[8] onboarding documentation"
tmux_keys g
check_on_screen "g goes back to the top" "2024-05-27 · 20_25_May_2024"
tmux_keys / "Kepler" Enter
check_on_screen "/ finds text in the post" "tools like Kepler"
tmux_keys l
check_on_screen "l lists the numbered links" "[5] here — https://docs.google.com"
tmux_keys q
tmux_keys q
check_on_screen "q goes back to the list" "2/7"
check_on_screen "the opened post is marked read" "   2024-05-27  This Week in CN AI (20-25 May 2024)"

# -- help: every action from the table, in a tall window
tmux_keys "?"
check_on_screen "? shows the keys" "Everywhere"
tmux_stop
tmux_start 100 60
tmux_keys "?"
check_on_screen "? shows the keys (tall)" "In the reader"
check_screen "the help screen lists every action" help_100x60.txt
tmux_stop

# -- panes
tmux_start 80 24
tmux_wait "1/7"
tmux_keys 2
check_on_screen "2 shows the Board pane (no board in this config)" "This group has no project board."
tmux_keys Tab
check_on_screen "Tab shows the Events pane" "config: calendar ="
tmux_keys BTab BTab
check_on_screen "Shift-Tab goes back to the Posts pane" "1/7"
tmux_keys 4
check_on_screen "4 shows the Start here pane" "Get involved with the Cloud Native AI Working Group"
tmux_keys 1

# -- resizing
tmux_cmd resize-window -t t -x 30 -y 8
check_on_screen "below 40x10: a line that says too small" "too small: 30x8, needs 40x10"
tmux_cmd resize-window -t t -x 40 -y 10
check_on_screen "at 40x10 the list is back" "? help"
tmux_cmd resize-window -t t -x 80 -y 24
tmux_wait "1/7"
check_screen "back at 80x24 the screen is as before" first_80x24_after.txt
tmux_stop

# -- at 200x60 the description sits beside the list
tmux_start 200 60
check_on_screen "at 200x60 the list opens" "1/7"
check_screen "first screen at 200x60" first_200x60.txt
tmux_keys Enter
check_on_screen "the reader at 200x60" "Demos and presentations on"
tmux_stop

# -- the UI stays responsive while the server is slow
fault '{"match": "git/trees/main", "delay_ms": 2500}'
sed -i 's/^title:.*/title: "Slow but new"/' "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/26_April_2024.md"
tmux_start 80 24
tmux_wait "1/7"
tmux_keys r
check_on_screen "r starts a refresh in the background" "refreshing posts 0/1"
tmux_keys j j
check_on_screen "a key pressed during the refresh is handled at once" "3/7" 1
check_on_screen "... while the refresh is still running" "refreshing posts 0/1" 0
check_on_screen "the refresh ends and the list updates in place" "Slow but new" 8
check_on_screen "the status line reports what arrived" "posts: 7 (0 new, 1 updated, 6 unchanged)" 2
check_on_screen "the selection stayed on the same post" "3/7"
tmux_stop
clear_faults

# -- a failed refresh: offline, with the reason one key away
stop_server
tmux_start 80 24
tmux_wait "1/7"
tmux_keys r
check_on_screen "a failed refresh says offline" "offline (! shows why)" 8
tmux_keys "!"
check_on_screen "! shows the reason" "posts: cannot connect to 127.0.0.1"
tmux_keys q Q
tmux_stop
start_server
write_config "[ui]" "refresh_after = 0"

# -- hostile titles render harmlessly
P="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
printf -- '---\ntitle: "Evil \033]0;pwned\007title \033[31mred\033[2J \033]52;c;ZWNobyBoaQ==\007end"\nweight: 1\ndate: 2030-01-01\n---\nbody \033[H\033[2J here\n' >"$P/evil.md"
CATCHUP_NOW=1780000000 run refresh
tmux_start 80 24
check_on_screen "a hostile title is shown as text" "Evil title red end"
check_eq "the terminal's title was not changed" "0" "$(tmux_cmd display -p -t t '#{pane_title}' | grep -c pwned)"
tmux_keys Enter
check_on_screen "the hostile body is shown as text" "body here"
check_not_on_screen "no escape sequence text leaks" "[2J"
tmux_stop
rm "$P/evil.md"
CATCHUP_NOW=1780000000 run refresh

# -- NO_COLOR and themes
NO_COLOR=1 tmux_start 80 24
check_on_screen "NO_COLOR works" "1/7"
tmux_cmd capture-pane -e -p -t t >"$TMP/nocolor"
check_eq "NO_COLOR: no colour escapes on the screen" 0 \
    "$(grep -cE '\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m' "$TMP/nocolor")"
check_eq "NO_COLOR: the selection is still visible (reverse video)" 1 \
    "$(grep -c "$(printf '\033')\[7m" "$TMP/nocolor" | awk '{print ($1 > 0)}')"
tmux_stop
tmux_start 80 24
tmux_wait "1/7"
tmux_cmd capture-pane -e -p -t t >"$TMP/color"
check_eq "with colours, the default theme's 256-colour status bar is used" 1 \
    "$(grep -c '48;5;25' "$TMP/color" | awk '{print ($1 > 0)}')"
tmux_stop
printf '[github]\napi = %s\nraw = %s\n[ui]\nrefresh_after = 0\ntheme = nosuch\n' "$API" "http://127.0.0.1:$RAW_PORT" >"$CONFIG"
tmux_start 80 24
check_on_screen "an unknown theme is a status message" "theme 'nosuch' not found; using the built-in default"
tmux_stop
