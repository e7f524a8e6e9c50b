# A second walk through the TUI (the setup of ui/walkthrough), in both
# terminal types: what it found wrong.
#  - the group picker opens on the group in use;
#  - switching to a group never fetched refreshes it, as startup would;
#  - l in the Events pane says what Enter opens there (an event);
#  - an error about a view goes when the user leaves that view;
#  - a post whose id is its date shows the date once;
#  - a reader at its end stays at the end when the terminal shrinks.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
mkdir -p "$SRV_ROOT/calendars" "$SRV_ROOT/feeds"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
python3 "$ROOT/tests/data/feeds/gen_feeds.py" "$SRV_ROOT/feeds"
serve_batch
mkdir -p "$XDG_CONFIG_HOME/catchup/groups"
printf 'name = Batch notes\nposts = github:cncf/toc/%s@main\n' "$BATCH" \
    >"$XDG_CONFIG_HOME/catchup/groups/notes.group"
# two feed groups never fetched, one for each terminal type's walk
for n in 1 2; do
    printf 'name = Unfetched feed %s\nposts = feed:%s/feed/hugo.xml\n' $n "$API" \
        >"$XDG_CONFIG_HOME/catchup/groups/unfetched$n.group"
done
# the onboarding page is missing upstream: the refresh has a warning to show;
# the cache is fresh (refreshed now), so startup starts no refresh
write_config "board = github:cncf/projects/38" "calendar = $API/cal/cnai.ics" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/missing.md@main" \
    "[ui]" "refresh_after = 3600"
export GITHUB_TOKEN=test-token CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
run refresh
check_rc "setup: the default group refreshes, warning of the onboarding page" 0
run --group notes refresh
check_rc "setup: the notes group refreshes" 0

# pick_group KEY: chooses the group by the number the w picker shows for it
pick_group() {
    tmux_keys w
    tmux_wait "Working groups"
    tmux_keys "$(tmux_screen | sed -n "s/.*\[\([0-9]*\)\].*($1[,)].*/\1/p" | head -1)"
}

walk=0
for TMUX_TERM in tmux-256color xterm-256color; do
    T="[$TMUX_TERM]"
    walk=$((walk + 1))

    # -- the picker opens on the group in use
    tmux_start 80 24 --group notes
    tmux_wait "1/58"
    tmux_keys w
    tmux_wait "Working groups"
    tmux_keys Enter
    check_on_screen "$T the group picker opens on the group in use (Enter keeps it)" \
        "already in Batch notes"

    # -- a group never fetched is refreshed on the switch, as at startup
    clear_log
    pick_group unfetched$walk
    tmux_wait "switched to Unfetched feed $walk"
    check_on_screen "$T a group never fetched is refreshed when switched to" "1/4" 10
    check_eq "$T ... from its feed" 1 "$(requests | grep -c 'feed/hugo.xml')"
    tmux_stop

    # -- a date for an id, once
    tmux_start 80 24 --group notes
    tmux_wait "1/58"
    check_not_on_screen "$T the preview of notes named by their date shows it once" \
        "2026-06-02 · 2026-06-02"
    check_on_screen "$T ... and shows the date" "2026-06-02"
    tmux_keys Enter
    tmux_wait "Recording"
    check_not_on_screen "$T the reader of notes named by their date shows it once" \
        "2026-06-02 · 2026-06-02"
    check_on_screen "$T ... and shows the date" "2026-06-02"
    tmux_stop

    # -- l in the Events pane, errors that outlive their view
    tmux_start 80 24
    tmux_wait "1/7"
    tmux_keys 3
    tmux_wait "Artificial Intelligence panel"
    tmux_keys l
    check_on_screen "$T l in the Events pane says Enter opens an event" \
        "open an event with Enter"
    check_not_on_screen "$T ... not a post" "open a post"
    tmux_keys 1 '!'
    tmux_wait "What the last refresh warned about"
    tmux_keys o
    tmux_wait "this has no web address and no links"
    tmux_keys q
    tmux_wait "1/7"
    check_not_on_screen "$T an error about a view goes when the view is left" \
        "this has no web address"

    # -- a reader at its end stays there when the terminal shrinks
    tmux_keys Enter
    tmux_wait "2024-07-19"
    tmux_keys G
    tmux_wait "end"
    check_on_screen "$T G shows the post's last link" "[16] current initiatives"
    tmux_cmd resize-window -t t -x 40 -y 10
    check_on_screen "$T a reader at its end stays at the end at 40x10" \
        "[16] current initiatives"
    tmux_stop
done
