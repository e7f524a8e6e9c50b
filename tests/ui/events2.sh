# The Events pane through tmux: o joins the meeting (an LFX Zoom room in
# LOCATION, a Meet CONFERENCE), the same on a moved occurrence; the reader
# puts the join link first; "Mentioned in posts" lists events only, newest
# week first, every week labelled one way, the last 8 weeks' until m shows
# the rest (in the help and at 80x24 after G).  Calendar:
# tests/data/ical/lfx.ics; TZ is UTC in the tmux session.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
LFX="https://zoom-lfx.platform.linuxfoundation.org/meeting/96033536484?password=4b1c"
write_config "calendar = $API/cal/lfx.ics" "calendar_match =" "[ui]" "refresh_after = 0"
export CATCHUP_NOW=$(date -u -d 2027-03-10T12:00:00Z +%s)
run refresh
check_rc "setup: refresh" 0
fake_browser

tmux_start 100 50
tmux_wait "1/7"
tmux_keys 3
check_on_screen "the Events pane" "TAG Runtime WG meeting"
check_on_screen "an LFX room is (Zoom)" "16:00–17:00   TAG Runtime WG meeting  (Zoom)"
check_on_screen "a meeting with only a CONFERENCE is where that is" "AI Sandbox office hours  (Google Meet)"

# -- o joins
tmux_keys o
check_eq "o on a meeting opens its join link (the LFX room), not its agenda document" "$LFX" "$(opened)"
tmux_keys / "(moved)" Enter
check_on_screen "/ finds the moved occurrence" "8/"
tmux_keys o
check_eq "o on the moved occurrence opens the same room" "$LFX" "$(opened)"
tmux_keys / "Sandbox" Enter
check_on_screen "/ finds the office hours" "2/"
tmux_keys o
check_eq "o opens a CONFERENCE's Meet room, not the notes" "https://meet.google.com/cat-chup-tst" "$(opened)"
tmux_keys Enter
check_on_screen "the reader says how to join, first" "Join: https://meet.google.com/cat-chup-tst[1]"
tmux_keys 1
check_eq "1 in the reader opens the join link" "https://meet.google.com/cat-chup-tst" "$(opened)"
tmux_keys l
check_on_screen "the other links stay in l" "[2] https://docs.google.com/document/d/sandbox-notes/edit"
tmux_keys q o
check_eq "o in the reader opens the join link" "https://meet.google.com/cat-chup-tst" "$(opened)"
tmux_keys q g Enter
check_on_screen "an LFX room in LOCATION is link 1" "Where: $LFX[1]"
tmux_keys q

# -- Mentioned in posts: events only, one week format
check_on_screen "the posts' section" "Mentioned in posts"
check_on_screen "a dated entry with its week" "week of 13 May 2024  KubeCon China 2024 · Wed 21 Aug 2024"
check_on_screen "an undated event" "week of 15 Jul 2024  AI_Dev Summit"
check_on_screen "the oldest week last" "week of 29 Apr 2024  The RSA conference"
check_not_on_screen "a recurring meeting's notice is no event" "Working Group Meetings"
check_not_on_screen "a pointer to a list is no event" "Check upcoming events here"
check_not_on_screen "a discussion is no event" "Discussions around building a book"
check_not_on_screen "no week labelled from a title's own words (13-17 May)" "13-17 May 2024"
check_not_on_screen "... or 03 May" "  03 May 2024"
check_not_on_screen "four weeks: nothing behind m" "more from earlier weeks"
tmux_keys m
check_on_screen "m when every week is shown says so" "every post's events are shown"
tmux_stop

# -- ten more weeks of posts: the last 8 weeks' show, m shows the rest
NEWS="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
for k in 1 2 3 4 5 6 7 8 9 10; do
    mon=$(date -u -d "2025-01-06 + $(( (k - 1) * 7 )) days" +%Y-%m-%d)
    fri=$(date -u -d "$mon + 4 days" +%Y-%m-%d)
    if [ $((k % 2)) = 0 ]; then
        title="This Week in CN AI ($(date -u -d "$mon" +%-d)-$(date -u -d "$fri" +'%-d %B %Y'))"
    else
        title="Weekly notes $k"
    fi
    printf -- '---\ntitle: "%s"\ndate: %s\nweight: 1\n---\n## Events and Participation\n\n- **Cloud Native Meetup %s**: our talk there.\n- Notes are [here](https://example.org/notes/%s).\n' \
        "$title" "$fri" "$k" "$k" >"$NEWS/gen_$k.md"
done
run refresh
check_rc "setup: refresh with ten more weeks" 0
tmux_start 100 50
tmux_wait "1/17"
tmux_keys 3
check_on_screen "the newest week first" "week of 10 Mar 2025  Cloud Native Meetup 10"
check_on_screen "the eighth newest week" "week of 20 Jan 2025  Cloud Native Meetup 3"
check_not_on_screen "the ninth is behind m" "Cloud Native Meetup 2"
check_not_on_screen "and so are the 2024 weeks" "The RSA conference"
check_not_on_screen "a line that is no event is not listed" "Notes are here"
check_on_screen "the pane says how many are behind m" "11 more from earlier weeks: press m to show them"
tmux_keys m
check_on_screen "m shows every week" "week of 29 Apr 2024  The RSA conference"
check_on_screen "the ninth week too" "week of 13 Jan 2025  Cloud Native Meetup 2"
check_on_screen "and how to go back" "press m to show only the last 8 weeks'"
tmux_keys m
check_on_screen "m again hides them" "11 more from earlier weeks"
check_not_on_screen "the 2024 weeks are hidden again" "The RSA conference"
tmux_keys / "RSA conference" Enter
check_on_screen "/ finds an entry of an earlier week and shows them all" "week of 29 Apr 2024  The RSA conference"
check_on_screen "... and selects it" "27/28"
tmux_keys '?'
check_on_screen "the help lists m" "m                  toggle-mentions   Show every post's events, or 8 weeks'"
tmux_stop

# -- at 80x24, G shows the note under the last entry
tmux_start 80 24
tmux_wait "1/17"
tmux_keys 3
tmux_wait "TAG Runtime WG meeting"
tmux_keys G
check_on_screen "G at 80x24: the last of the 8 weeks" "Cloud Native Meetup 3"
check_on_screen "with the note under it" "11 more from earlier weeks: press m to show them"
tmux_stop
