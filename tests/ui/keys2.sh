# Keys that must not leak into the wrong place (issue 13): digits in a
# picker pick its numbered entry and never switch panes; Home, End and any
# other escape sequence arrive as one key whatever the terminfo entry says;
# Ctrl-C at the / prompt cancels the prompt.  Every case runs with TERM as
# tmux itself sets it and with TERM=xterm-256color inside tmux (whose Home
# and End, ESC [ 1 ~ and ESC [ 4 ~, that entry does not know).
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
write_config "slack = https://slack.example/one" "slack = https://slack.example/two" "[ui]" "refresh_after = 0"
run refresh
check_rc "setup: refresh" 0
fake_browser

# raw BYTES...: sends the bytes (printf escapes) as they are
raw() { tmux_keys -l "$(printf "$1")"; }

# open_post: the second post (20-25 May, eight links) in the reader, from
# wherever the last step left the screen (Esc never quits)
open_post() {
    tmux_keys Escape Escape Escape 1 g j Enter
    tmux_wait "Key Developments"
}

# send KEYS...: the browser log emptied first, so opened says what they opened
send() {
    : >"$BROWSER_LOG"
    tmux_keys "$@"
}

# Each part starts afresh, so that one part failing says nothing of the next.
for TMUX_TERM in tmux-256color xterm-256color; do
    T="[$TMUX_TERM]"

    # -- 1. digits in a picker pick that numbered entry
    tmux_start 80 24
    tmux_wait "1/7"
    open_post
    tmux_keys l
    tmux_wait "Links"
    send 2
    check_eq "$T l 2 opens link 2" "https://github.com/cncf/tag-runtime/issues/126" "$(opened)"
    check_on_screen "$T ... and the reader stays in front" "Key Developments"
    check_not_on_screen "$T ... the Board pane does not open" "This group has no project board."
    check_not_on_screen "$T ... the picker is closed" "[8] onboarding documentation"
    open_post
    tmux_keys l
    tmux_wait "[8] onboarding documentation"
    send 5
    check_eq "$T l 5 opens link 5 (no pane has that digit)" \
        "https://docs.google.com/document/d/1tS6gL5qjGLaHDtAChssqJhBVm8BIpopUA3Ddzm9LHwg/edit#bookmark=id.l7cysm8ez6sz" "$(opened)"
    open_post
    tmux_keys i
    tmux_wait "Which issue?"
    send 3
    check_eq "$T i 3 opens the issue numbered [3]" "https://github.com/cncf/tag-runtime/issues/144" "$(opened)"
    check_on_screen "$T ... and the reader stays" "Key Developments"
    open_post
    tmux_keys s
    tmux_wait "Which Slack channel?"
    tmux_keys 1
    check_on_screen "$T a digit no entry has says so" "no entry 1 here"
    check_on_screen "$T ... and the picker stays" "Which Slack channel?"
    send 7
    check_eq "$T s 7 opens the channel numbered [7]" "https://cloud-native.slack.com/archives/C05TYJE81SR" "$(opened)"
    open_post
    send 2
    check_eq "$T 2 in the reader still opens link 2" "https://github.com/cncf/tag-runtime/issues/126" "$(opened)"
    tmux_keys q
    check_on_screen "$T q after the pickers goes back to the list" "2/7"
    check_not_on_screen "$T ... and does not quit" "EXITED"
    # the group's own Slack channels, numbered 1 and 2
    tmux_keys Escape Escape Escape 1 g j
    tmux_wait "2/7"
    tmux_keys s
    check_on_screen "$T the group's channels are numbered" "[2] https://slack.example/two"
    send 2
    check_eq "$T s 2 opens the group's second channel" "https://slack.example/two" "$(opened)"
    check_on_screen "$T ... and the Posts pane stays" "2/7"
    tmux_stop

    # -- 2. Home and End in every encoding; unknown sequences do nothing
    tmux_start 80 24
    tmux_wait "1/7"
    tmux_keys End
    check_on_screen "$T End goes to the last post" "7/7"
    tmux_keys Home
    check_on_screen "$T Home goes to the first post" "1/7"
    for seq in '[4~:[1~' '[F:[H' '[8~:[7~' 'OF:OH'; do
        raw "\033${seq%%:*}"
        check_on_screen "$T ESC ${seq%%:*} is End" "7/7"
        raw "\033${seq#*:}"
        check_on_screen "$T ESC ${seq#*:} is Home" "1/7"
    done
    open_post
    tmux_keys End
    check_on_screen "$T End in the reader goes to its end" "end"
    check_on_screen "$T ... and keeps the reader" "[8] onboarding documentation"
    tmux_keys Home
    check_on_screen "$T Home in the reader goes to its top" "top"
    check_on_screen "$T ... and keeps the reader" "Key Developments"
    tmux_keys q
    check_on_screen "$T q after Home and End goes back to the list" "2/7"
    check_not_on_screen "$T ... and does not quit" "EXITED"
    tmux_stop

    tmux_start 80 24
    tmux_wait "1/7"
    tmux_keys 2
    tmux_wait "This group has no project board."
    # F5 with modifiers, an unknown CSI with a 3 in it, an unknown SS3
    raw '\033[15;5~'
    raw '\033[3;9~'
    raw '\033OR'
    raw '\033[1;5P'
    sleep 0.3
    check_on_screen "$T unknown sequences leave the pane alone" "This group has no project board."
    check_not_on_screen "$T ... none of their bytes is a key" "Nothing in the next"
    tmux_keys 1
    check_on_screen "$T ... and a digit then still switches panes" "[July] Cloud Native AI"
    tmux_keys q
    check_on_screen "$T q still quits from a pane" "EXITED 0"
    tmux_stop

    # -- 3. Ctrl-C at the prompt cancels it; elsewhere it quits
    tmux_start 80 24
    tmux_wait "1/7"
    tmux_keys / "Kube"
    tmux_wait "/Kube"
    tmux_keys C-c
    check_on_screen "$T Ctrl-C at / cancels the prompt" "1/7"
    sleep 0.3
    check_not_on_screen "$T ... the prompt is gone" "/Kube"
    check_not_on_screen "$T ... and catchup runs on" "EXITED"
    tmux_keys j
    check_on_screen "$T ... keys work again" "2/7"
    tmux_keys C-c
    check_on_screen "$T Ctrl-C in a pane quits" "EXITED"
    tmux_stop
done

# -- numbers of two digits: [1] waits while a [12] could follow
set --
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do set -- "$@" "slack = https://slack.example/c$i"; done
write_config "$@" "[ui]" "refresh_after = 0"
tmux_start 80 24
tmux_wait "1/7"
tmux_keys s
tmux_wait "[12] https://slack.example/c12"
send 1
sleep 0.3
check_eq "1 with a [12] in the list waits" "" "$(cat "$BROWSER_LOG")"
send 2
check_eq "... and 2 then picks [12]" "https://slack.example/c12" "$(opened)"
tmux_keys s
tmux_wait "[12] https://slack.example/c12"
send 1 Enter
check_eq "1 and Enter pick [1]" "https://slack.example/c1" "$(opened)"
tmux_keys s
tmux_wait "[12] https://slack.example/c12"
send 1 7
check_eq "1 and 7 (no [17]) pick [7]" "https://slack.example/c7" "$(opened)"
tmux_keys s
tmux_wait "[12] https://slack.example/c12"
send 3
check_eq "3 picks [3] at once" "https://slack.example/c3" "$(opened)"
tmux_stop
