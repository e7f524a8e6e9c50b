# A post whose front matter cannot be read is in the Posts pane (titled by
# its first heading) and the reader shows its body with the error on top.
. tests/lib.sh
. tests/lib_tmux.sh
trap 'tmux_stop; cleanup' EXIT

start_server
write_config "[ui]" "refresh_after = 0"
P="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
printf -- '---\ntitle: "unclosed\nweight: [1\n---\nIntro line.\n\n## Zanzibar planning notes\n\nThe body talks of quokkas.\n' >"$P/broken.md"
run refresh
check_rc "setup: refresh" 0

tmux_start 80 24
tmux_wait "/8"
check_on_screen "the Posts pane lists it by its first heading" "Zanzibar planning notes"
# its date is its first commit's (the file is new): the newest, on top
tmux_keys g Enter
check_on_screen "the reader puts the error on top" "│ The front matter of this post is broken: front matter line 2: found"
check_on_screen "the status line says so too" "broken: its front matter is broken; shown without it"
check_on_screen "the reader shows the body" "The body talks of quokkas."
check_on_screen "and the text before the heading" "Intro line."
tmux_keys q q
tmux_stop
