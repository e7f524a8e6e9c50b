# Meetings kept as GitHub issues in the TUI: two posts sources in one
# timeline (each row with its source's badge), an upcoming meeting marked in
# the Posts pane, its reader (the date line, the footer saying how to add an
# agenda item, the status line), o opening the issue, and the help.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
fake_browser
MEET='github-issues:cncf/toc?title=%5E%5C%5BTOC%20Artificial%20Intelligence%20Initiatives%20Meeting%5C%5D'
write_config "posts = github:cncf/tag-runtime/wgs/cnai/news@main" "posts = $MEET"
# 2025-12-10 12:00 UTC: the meeting of 19 Dec is ahead, 5 Dec is past
export CATCHUP_NOW=1765368000
run refresh
check_rc "setup: refresh exits 0" 0

tmux_start 80 24
tmux_wait "1/7"
check_on_screen "the meeting of 19 Dec at the top: date, badge, series name" \
    "● 2025-12-19  toc         TOC Artificial Intelligence Initiatives"
check_eq "... and the upcoming mark, the title cut to make room" 1 \
    "$(tmux_screen | grep -c '2025-12-19  toc .*… upcoming$')"
check_eq "the meeting of 5 Dec is past: no mark" 0 "$(tmux_screen | grep -c '2025-12-05.*upcoming')"
check_screen "two sources in the Posts pane at 80x24" meetings_posts_80x24.txt
tmux_keys End
check_on_screen "below the meetings, the weekly posts with their own badge" "tag-runtime"
tmux_keys Home
tmux_wait "upcoming"
tmux_keys Enter
check_on_screen "the reader says it is upcoming under its date" "upcoming: the agenda is open"
check_on_screen "the status line says what o does" "upcoming: o opens the issue to add an agenda item"
check_screen "the upcoming meeting's reader at 80x24" meetings_reader_80x24.txt
tmux_keys End
check_on_screen "the reader's footer says how to add an agenda item" \
    "Upcoming meeting: to add an agenda item, open its issue"
tmux_keys o
check_eq "o opens the meeting's issue" "https://github.com/cncf/toc/issues/1900" "$(opened)"
tmux_stop
tmux_start 100 60
tmux_wait "1/"
tmux_keys '?'
check_on_screen "the help says o adds to an upcoming meeting's agenda" \
    "Open in the browser (upcoming meeting: add an agenda item)"
tmux_stop
