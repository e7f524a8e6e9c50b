# Quitting while a refresh is parsing a big calendar: q, SIGTERM, SIGINT and
# SIGHUP each end catchup at once and cleanly (exit 0, terminal restored,
# nothing stored from the refresh), however long the parse would still run.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

# A 10 MB shared calendar plus 100 series of a rule that never reaches the
# window: parsing and expanding it takes a minute, so a quit that waited for
# it would show.
BIG="$TMP/big.ics"
python3 "$ROOT/tests/data/ical/gen_big.py" "$BIG" 30000
python3 - "$BIG" <<'PY'
import sys
p = sys.argv[1]
s = open(p, newline="").read()
s = s[:s.rindex("END:VCALENDAR")]
for i in range(100):
    s += ("BEGIN:VEVENT\r\nUID:tick-%d@big.test\r\nDTSTART:20200101T000000Z\r\n"
          "DTEND:20200101T000001Z\r\nRRULE:FREQ=SECONDLY;COUNT=10000000\r\n"
          "SUMMARY:AI tick %d\r\nEND:VEVENT\r\n" % (i, i))
open(p, "w", newline="").write(s + "END:VCALENDAR\r\n")
PY

config() { # CALENDAR
    cat >"$CONFIG" <<CFG
[ui]
refresh_after = 1
[group "cnai"]
posts = $ROOT/tests/data/posts
board =
onboarding =
calendar = $1
CFG
}
config "$ROOT/tests/data/ical/cnai.ics"
run refresh
check_rc "setup: a refresh with a small calendar" 0
snapshot before
config "$BIG"
# the cache is now older than refresh_after, so the TUI refreshes on start
sleep 1.1
# the parse is bounded (about a second); holding the job back a minute makes
# sure the quit comes while it runs, however loaded the machine is
export CATCHUP_TEST_JOB_MS=60000

# quit_during_parse NAME HOW: HOW is a key or a signal name.
quit_during_parse() {
    tmux_start 80 24
    if ! tmux_wait "refreshing" 10; then
        not_ok "$1: the refresh starts" "$(tmux_screen)"
        return
    fi
    # the parse has begun: give it a moment to be well inside
    sleep 0.5
    if ! tmux_screen | grep -qF "refreshing"; then
        not_ok "$1: the parse still runs when quitting" "$(tmux_screen)"
        return
    fi
    pid=$(pgrep -P "$(tmux_cmd display -p -t t '#{pane_pid}')" -x catchup)
    start=$(date +%s)
    case "$2" in
    q) tmux_keys q ;;
    *) kill -"$2" "$pid" ;;
    esac
    if tmux_wait "EXITED" 20; then
        took=$(($(date +%s) - start))
        check_on_screen "$1: catchup exits cleanly" "EXITED 0" 0
        # the parse alone would take a minute; a prompt quit is seconds
        if [ "$took" -le 10 ]; then ok "$1: at once (${took}s)"; else
            not_ok "$1: at once" "it took ${took}s: the quit waited for the parse"
        fi
    else
        not_ok "$1: catchup exits" "still running 20s later:" "$(tmux_screen)"
        kill -KILL "$pid" 2>/dev/null
    fi
    check_not_on_screen "$1: the normal screen is back" "1 Posts  2 Board"
    modes=$(tmux_cmd display -p -t t '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}')
    check_eq "$1: no alternate screen, cursor shown, keypad reset" "0 1 0" "$modes"
    tmux_stop
}

quit_during_parse "q while a calendar is parsed" q
quit_during_parse "SIGTERM while a calendar is parsed" TERM
quit_during_parse "SIGINT while a calendar is parsed" INT
quit_during_parse "SIGHUP while a calendar is parsed" HUP

snapshot after
check_same_snapshot "a refresh cut short by quitting stores nothing" before after
