# lib_tmux.sh: driving the real binary in tmux (sourced after tests/lib.sh).
# A private tmux server per suite; screens are captured as text and diffed
# against expected screens in tests/ui/expected/.

TMUX_SOCK="catchup-test-$$"
TMUX_TERM=tmux-256color
infocmp "$TMUX_TERM" >/dev/null 2>&1 || TMUX_TERM=screen-256color
tmux_conf="$TMP/tmux.conf"
printf 'set -g default-terminal %s\n' "$TMUX_TERM" >"$tmux_conf"
tmux_cmd() { tmux -L "$TMUX_SOCK" -f "$tmux_conf" "$@"; }

# tmux_start COLS LINES [catchup args]: starts catchup in a detached session
# with a pinned environment.
tmux_start() {
    cols=$1 lines=$2
    shift 2
    tmux_stop
    # TERM is what tmux emulates, so keys arrive as the terminfo entry says
    tries=0
    until tmux_cmd new-session -d -s t -x "$cols" -y "$lines" \
        "env HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' \
         TERM=$TMUX_TERM LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC COLUMNS='$cols' LINES='$lines' \
         CATCHUP_NOW='${CATCHUP_NOW:-}' BROWSER='${BROWSER:-}' BROWSER_LOG='${BROWSER_LOG:-}' \
         NO_COLOR='${NO_COLOR:-}' CATCHUP_TEST_JOB_MS='${CATCHUP_TEST_JOB_MS:-}' '$CATCHUP_BIN' $*; echo EXITED \$?; sleep 30" 2>/dev/null; do
        tries=$((tries + 1))
        [ $tries -lt 20 ] || { echo "not ok - tmux would not start"; return 1; }
        sleep 0.1
    done
}

# tmux_stop: ends the server and waits until it is gone, so the next start
# does not talk to a dying server.
tmux_stop() {
    tmux_cmd kill-server 2>/dev/null
    n=0
    while tmux_cmd has-session 2>/dev/null && [ $n -lt 40 ]; do
        sleep 0.05
        n=$((n + 1))
    done
}

tmux_screen() { tmux_cmd capture-pane -p -t t | sed 's/[[:space:]]*$//'; }

tmux_keys() { tmux_cmd send-keys -t t "$@"; }

# tmux_wait TEXT [SECONDS]: waits until TEXT is on the screen; 0 when it is.
tmux_wait() {
    n=$(( ${2:-5} * 20 + 1 ))
    while [ $n -gt 0 ]; do
        if tmux_screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.05
        n=$((n - 1))
    done
    return 1
}

# tmux_wait_gone TEXT [SECONDS]
tmux_wait_gone() {
    n=$(( ${2:-5} * 20 + 1 ))
    while [ $n -gt 0 ]; do
        if ! tmux_screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.05
        n=$((n - 1))
    done
    return 1
}

# check_screen NAME EXPECTED_FILE: the screen equals tests/ui/expected/FILE.
# With UPDATE_SCREENS=1 the expected file is (re)written instead.
check_screen() {
    sleep 0.15
    tmux_screen >"$TMP/screen"
    exp="$ROOT/tests/ui/expected/$2"
    if [ "${UPDATE_SCREENS:-}" = 1 ]; then
        cp "$TMP/screen" "$exp"
        ok "$1 (expected screen written)"
    elif diff -u "$exp" "$TMP/screen" >"$TMP/screen.diff" 2>&1; then
        ok "$1"
    else
        not_ok "$1" "screen differs from $2:" "$(head -40 "$TMP/screen.diff")"
    fi
}

check_on_screen() { # NAME TEXT [SECONDS]
    if tmux_wait "$2" "${3:-5}"; then ok "$1"; else not_ok "$1" "'$2' not on screen:" "$(tmux_screen)"; fi
}

check_not_on_screen() { # NAME TEXT
    if tmux_screen | grep -qF -- "$2"; then not_ok "$1" "'$2' on screen:" "$(tmux_screen)"; else ok "$1"; fi
}
