# The catalog in the TUI: w lists every group (shipped, the user's, the
# config's) and switches to a feed group; Start here has a line per group
# with what is new there since your last visit.
. tests/lib.sh
. tests/lib_tmux.sh

start_server
export CATCHUP_GROUPS_DIR="$ROOT/groups"
mkdir -p "$XDG_CONFIG_HOME/catchup/groups"
cat >"$XDG_CONFIG_HOME/catchup/groups/site.group" <<GRP
name = The group's website
posts = feed:$API/feed/tag-runtime_wgs_cnaiwg_news_index.xml.BUILT-LOCALLY.xml
GRP
cat >"$CONFIG" <<CFG
[github]
api = $API
[ui]
refresh_after = 0
[group "cnai"]
posts = $ROOT/tests/data/posts
calendar =
board =
onboarding =
CFG
run refresh
run --group site refresh
check_eq "the feed group refreshes" \
    "posts: 7 (7 new, 7 dated before 1900: shown without a date) in 1 request" "$(cat "$OUT_FILE")"

# a visit to the feed group, then the default group
tmux_start 80 24 --group site
tmux_wait "1/7"
check_on_screen "--group opens a group from a user file" "Wgs: [July] Cloud Native AI Working Group"
tmux_keys q
tmux_wait "EXITED"
tmux_start 80 24
tmux_wait "1/7"
tmux_keys w
check_on_screen "w lists the groups" "Working groups"
check_on_screen "w lists a shipped group" "CNCF Batch subproject (batch)"
check_on_screen "w lists the user's group" "The group's website (site)"
tmux_keys G Enter
check_on_screen "choosing the feed group switches to it" "switched to The group's website"
check_on_screen "the feed group's posts, in the feed's order" "Wgs: [July] Cloud Native AI Working Group"
tmux_keys 4
check_on_screen "Start here: a line per group" "Your groups"
tmux_keys G
check_on_screen "Start here: a group opened before says what is new there" "Nothing new since your last visit"
check_on_screen "Start here: a group never opened says so" "(batch): not opened yet"
check_on_screen "Start here: the group in use" "(site, in use)"
tmux_stop
