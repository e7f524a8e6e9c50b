# A walk through the TUI as a user takes it, on three kinds of group (the
# default one with a board and a calendar, a feed, the Batch meeting notes),
# at 80x24 and 40x10, in both terminal types: what each walk found wrong.
#  - switching group starts its lists at the top (not at the row the last
#    group's list was on);
#  - a post without a description (a feed's entry, a meeting's notes) shows
#    the start of its body under its title in the preview, not a blank;
#  - in a reader, u toggles (unread, then read again), and u, Enter, l and o
#    say what they cannot do where there is no post, no link or no address;
#  - what an empty pane says to do is wrapped, never cut, at 40 and 80 columns.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
mkdir -p "$SRV_ROOT/calendars" "$SRV_ROOT/feeds"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
python3 "$ROOT/tests/data/feeds/gen_feeds.py" "$SRV_ROOT/feeds"
serve_batch
mkdir -p "$XDG_CONFIG_HOME/catchup/groups"
printf 'name = A feed group\nposts = feed:%s/feed/hugo.xml\n' "$API" \
    >"$XDG_CONFIG_HOME/catchup/groups/hugo.group"
printf 'name = Batch notes\nposts = github:cncf/toc/%s@main\n' "$BATCH" \
    >"$XDG_CONFIG_HOME/catchup/groups/notes.group"
# the onboarding page is missing upstream: the refresh has a warning to show
write_config "board = github:cncf/projects/38" "calendar = $API/cal/cnai.ics" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/missing.md@main" \
    "[ui]" "refresh_after = 0"
export GITHUB_TOKEN=test-token CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
run refresh
check_rc "setup: the default group refreshes, warning of the onboarding page" 0
for g in hugo notes; do
    run --group $g refresh
    check_rc "setup: the $g group refreshes" 0
done

# pick_group KEY: chooses the group by the number the w picker shows for it
pick_group() {
    tmux_keys w
    tmux_wait "Working groups"
    tmux_keys "$(tmux_screen | sed -n "s/.*\[\([0-9]*\)\].*($1[,)].*/\1/p" | head -1)"
}

for TMUX_TERM in tmux-256color xterm-256color; do
    T="[$TMUX_TERM]"

    # -- switching group: the lists start at the top
    tmux_start 80 24
    tmux_wait "1/7"
    tmux_keys G
    tmux_wait "7/7"
    pick_group hugo
    tmux_wait "switched to A feed group"
    check_on_screen "$T a feed group opens at its newest post, not at the last group's row" "1/4"
    tmux_keys j
    tmux_wait "2/4"
    pick_group cnai
    tmux_wait "switched to Cloud Native AI"
    check_on_screen "$T ... and back in the first group, at its newest post again" "1/7"
    pick_group cnai
    check_on_screen "$T choosing the group in use says so and changes nothing" "already in Cloud Native AI"

    # -- the preview of posts without a description
    pick_group hugo
    tmux_wait "1/4"
    check_on_screen "$T a feed entry's preview shows the start of its body" "Meeting moved."
    pick_group notes
    tmux_wait "1/58"
    check_on_screen "$T a meeting's notes show their start in the preview" "Recording[1]"
    check_eq "$T ... without their first heading again (the title is above)" 2 \
        "$(tmux_screen | grep -c 'Meeting Notes — Jun 2, 2026')"

    # -- the reader's keys where they cannot act
    pick_group cnai
    tmux_wait "1/7"
    tmux_keys Enter
    tmux_wait "2024-07-19 · July_latest_in_CNAI"
    tmux_keys u
    check_on_screen "$T u in a post marks it unread" "marked unread"
    tmux_keys u
    check_on_screen "$T u again marks it read, as the help says" "marked read"
    tmux_keys q 3
    tmux_wait "Artificial Intelligence panel"
    tmux_keys Enter
    tmux_wait "When: Thu 11 Mar 2027"
    tmux_keys u
    check_on_screen "$T u in an event says it is not for here" "mark-unread: not here"
    tmux_keys Enter
    check_on_screen "$T Enter in an event says it is not for here" "enter: not here"
    tmux_keys q '!'
    tmux_wait "What the last refresh warned about"
    tmux_keys l
    check_on_screen "$T l in the warnings does not call them a post" "no links here"
    tmux_keys o
    check_on_screen "$T o in the warnings does not send to l, which has none" \
        "this has no web address and no links"
    tmux_stop

    # -- what an empty pane says, whole at 80 and 40 columns
    tmux_start 80 24 --group hugo
    tmux_wait "1/4"
    tmux_keys 3
    tmux_wait "No calendar is configured"
    check_on_screen "$T 80 columns: the config file to edit is named whole" "$CONFIG"
    tmux_stop
    tmux_start 40 10 --group hugo
    tmux_wait "1/4"
    tmux_keys 2
    tmux_wait "no project board"
    check_on_screen "$T 40 columns: the board's key is whole" "github:ORG/projects/N"
    tmux_keys 1 / zzzz Enter
    tmux_wait "0 matches"
    check_on_screen "$T 40 columns: a search without matches says what to try, whole" \
        "prefix like sched*."
    tmux_stop
done
