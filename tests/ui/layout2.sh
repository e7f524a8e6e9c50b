# Layout fixes of issue 13: the Board gives its title column the room first
# (at 40 and 80 columns; a leading "[Initiative]:" becomes a badge), every
# help line is whole at 80 columns, and Start here keeps its place across a
# refresh.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
write_config "board = github:cncf/projects/38" "calendar = $API/cal/cnai.ics" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main" "[ui]" "refresh_after = 0"
export GITHUB_TOKEN=test-token CATCHUP_NOW=1749000000
run refresh
check_rc "setup: refresh" 0

# -- 8. the Board at 40 and 80 columns
for TMUX_TERM in tmux-256color xterm-256color; do
    T="[$TMUX_TERM]"
    tmux_start 40 24
    tmux_wait "1/7"
    tmux_keys 2
    tmux_wait "Cloud Native AI · github"
    check_on_screen "$T 40 columns: the title follows the number" "#126 Create a writeup"
    check_on_screen "$T ... the repository is shortened, the number kept" "ta…#126"
    check_on_screen "$T ... the initiatives show what they are about" "#1641 Cloud Native"
    tmux_screen >"$TMP/board40"
    # the list rows (screen rows 4 to 12) hold no age and no assignee
    if sed -n '4,12p' "$TMP/board40" | grep -qE 'ago|zanetworker'; then
        not_ok "$T ... the age and assignee columns make way" "$(cat "$TMP/board40")"
    else
        ok "$T ... the age and assignee columns make way"
    fi
    check_screen "$T the board at 40x24" board_40x24.txt
    tmux_stop

    tmux_start 80 24
    tmux_wait "1/7"
    tmux_keys 2
    tmux_wait "Cloud Native AI · github"
    check_on_screen "$T 80 columns: the three initiatives differ" "Cloud Native AI Scheduling Challeng"
    check_on_screen "$T ... the second" "Cloud Native AI Sustainability Pape"
    check_on_screen "$T ... the third" "Cloud Native AI Sustainability - Ch"
    check_not_on_screen "$T ... the tag is not in the title column" "[Initiative]: Cloud"
    check_on_screen "$T ... the assignee stays" "raravena80"
    # the tag shows as a badge when there is room for it
    tmux_stop
    tmux_start 160 30
    tmux_wait "1/7"
    tmux_keys 2
    check_on_screen "$T wide: the tag is a badge after the title" "Cloud Native AI Sustainability Papers  Initiative"
    tmux_stop
done

# -- 12. the help at 80 columns: every line whole
tmux_start 80 70
tmux_wait "1/7"
tmux_keys '?'
tmux_wait "Show every key"
check_on_screen "the Slack line wraps at a space" "Open the Slack channel (the post's, else"
check_on_screen "... and goes on under itself" "                                       the group's)"
check_not_on_screen "no help line is cut" "…"
check_on_screen "the help says a number picks in a list" "typing a number picks that entry"
tmux_stop
tmux_start 40 70
tmux_wait "1/7"
tmux_keys '?'
tmux_wait "Show every"
# (the tab bar above is cut at 40 columns; the help below it is not)
if tmux_screen | sed 1d | grep -q "…"; then
    not_ok "at 40 columns no help line is cut either" "$(tmux_screen)"
else
    ok "at 40 columns no help line is cut either"
fi
tmux_stop

# -- 10. Start here keeps its place across a refresh
tmux_start 80 24
tmux_wait "1/7"
tmux_keys 4
tmux_wait "Get involved with"
tmux_keys j j j j j j j j j j j j
sleep 0.3
before=$(tmux_screen | sed -n 2,5p)
check_not_on_screen "setup: Start here is scrolled" "Get involved with"
tmux_keys r
check_on_screen "the refresh ends" "posts: 7" 10
after=$(tmux_screen | sed -n 2,5p)
check_eq "Start here keeps its place after a refresh" "$before" "$after"
tmux_keys 1 4
check_eq "... and when the pane is shown again" "$before" "$(tmux_screen | sed -n 2,5p)"
tmux_stop
