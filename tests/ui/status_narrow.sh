# The status line after a refresh that failed, at 80x24 and 40x10: which
# sources failed and the key that shows why are always readable (a short
# form where the full one does not fit), and "updated" only when the posts
# were fetched (the board without a token needs no request: it "works").
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/*.ics "$SRV_ROOT/calendars/"
write_config "calendar = $API/cal/cnai.ics" "board = github:cncf/projects/38" \
    "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main" "[ui]" "refresh_after = 0"
fault '{"match": ".", "status": 500}'

# status NAME TEXT: the last line has TEXT, and no word cut without '…'
status() {
    last=$(tmux_screen | tail -1)
    case "$last" in
    *"$2"*) ok "$1" ;;
    *) not_ok "$1" "status line: '$last'" "expected in it: '$2'" ;;
    esac
}

# after SIZE...: press r, the message, then the line once the message is gone
for size in 80x24 40x10; do
    tmux_start "${size%x*}" "${size#*x}"
    tmux_wait "never refreshed"
    # the Posts pane: the Start page would show the server's (random) port
    tmux_keys 1
    tmux_wait "Press r to fetch"
    tmux_keys r
    tmux_wait "failed" 15
    case $size in
    80x24)
        status "$size: the refresh message names what failed and the key" \
            "posts, events, onboarding failed (! shows why)"
        check_screen "$size: after a failed refresh" status_failed_80x24.txt
        tmux_wait "never fetched" 15
        status "$size: then: never fetched (the board alone is no refresh), what failed, the key" \
            "cnai │ never fetched │ posts, events, onboarding failed (! shows why)"
        check_screen "$size: later" status_failed_later_80x24.txt
        ;;
    40x10)
        status "$size: the refresh message, short: how many failed and the key" "cnai │ 3 failed: press !"
        check_screen "$size: after a failed refresh" status_failed_40x10.txt
        check_on_screen "$size: the empty pane's hint is wrapped, whole" "  shows why)."
        tmux_wait_gone "board" 15
        sleep 9
        status "$size: then, short" "cnai │ 3 failed: press !"
        check_not_on_screen "$size: not 'updated'" "updated"
        ;;
    esac
    tmux_keys '!'
    check_on_screen "$size: ! shows why" "server error 500"
    tmux_stop
done

# every source failing: a line of its own, short where narrow
write_config "[ui]" "refresh_after = 0"
for size in 80x24 40x10; do
    tmux_start "${size%x*}" "${size#*x}"
    tmux_wait "never refreshed"
    tmux_keys r
    tmux_wait "failed" 15
    case $size in
    80x24) status "$size: the whole refresh failed" "Cloud Native AI Working Group │ refresh failed (! shows why)" ;;
    40x10) status "$size: the whole refresh failed" "cnai │ refresh failed: press !" ;;
    esac
    tmux_stop
done

# the server gone after a refresh that worked: updated, and offline
clear_faults
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
CATCHUP_NOW=1804680000 run refresh
stop_server
for size in 80x24 40x10; do
    tmux_start "${size%x*}" "${size#*x}"
    tmux_wait "1/7"
    tmux_keys r
    tmux_wait "offline" 15
    case $size in
    80x24) status "$size: offline, the key" "refresh failed: offline (! shows why)" ;;
    40x10) status "$size: offline, short" "cnai │ offline: press !" ;;
    esac
    tmux_stop
done

# a source that failed, then taken out of the config: the next refresh
# works, and the line no longer names it (it was not part of that refresh)
start_server
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
write_config "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main" "[ui]" "refresh_after = 0"
fault '{"match": "onboarding", "status": 500}'
# a minute apart: the status records seconds, and a fast machine runs both
# refreshes in one
CATCHUP_NOW=1804680000 run refresh
check_err "setup: the onboarding page fails" "onboarding:"
clear_faults
write_config "[ui]" "refresh_after = 0"
CATCHUP_NOW=1804680060 run refresh
check_rc "setup: without it, the refresh works" 0
tmux_start 80 24
tmux_wait "1/7"
status "a source taken out of the config is not 'failed'" "updated"
check_not_on_screen "... nor named at all" "onboarding failed"
tmux_stop
