# A first run: no cache at all, no network (the API on a closed port), then
# a cache and the server gone.  Every message names what failed and what to
# do; none says "nothing new" or "run refresh" as if nothing had been tried.
. tests/lib.sh

DEAD=http://127.0.0.1:9
# no calendar: the built-in group's is on the internet, which tests never touch
cat >"$CONFIG" <<CFG
[github]
api = $DEAD
raw = $DEAD/raw
[group "cnai"]
calendar =
CFG

run --help
check_rc "--help exits 0" 0
check_out "--help says how to see a command's usage" "'catchup COMMAND --help' shows a command's usage"
for c in refresh posts show open board agenda new start groups search; do
    run "$c" --help
    check_rc "$c --help exits 0" 0
    check_out "$c --help: its usage" "Usage: catchup $c"
done
run status
check_rc "an unknown command is a usage error" 2
check_err "... that says where the commands are listed" "Try 'catchup --help'"

# ---- nothing cached, nothing tried ---------------------------------------------
run groups
check_out "groups: not fetched yet" "not fetched yet"
run posts
check_err "posts: none cached, run refresh" "no posts cached for Cloud Native AI Working Group yet: run 'catchup refresh'"
run board
check_err "board: none cached, run refresh" "no board cached yet: run 'catchup refresh'"
run agenda
check_err "agenda: no calendar, and where to set one" "no calendar is configured for Cloud Native AI Working Group: set 'calendar = URL'"
run new
check_err "new: no visit yet, and what to do" "no visit recorded yet: open catchup (the terminal UI) once, or give --since YYYY-MM-DD"
run new --since 2024-01-01
check_err "new --since: nothing was ever fetched, not only 'nothing new'" "nothing was fetched for Cloud Native AI Working Group yet: run 'catchup refresh'"

# ---- a refresh with no network -------------------------------------------------
run refresh
check_rc "refresh with no network exits 1" 1
check_err "refresh: which source, which host" "catchup: posts: cannot connect to 127.0.0.1"
check_err "refresh: and what to do" "check the network or the URL, or try again later"
run posts
check_err "posts after it: never fetched, and why" "catchup: no posts cached for Cloud Native AI Working Group: the last refresh failed: cannot connect to 127.0.0.1"
check_file_lacks "posts after it: not only 'run refresh'" "$ERR_FILE" "yet: run 'catchup refresh'"
run new --since 2024-01-01
check_err "new --since after it: the refresh failed, and why" "nothing was fetched for Cloud Native AI Working Group yet: the last refresh failed: posts: cannot connect to 127.0.0.1"
run groups
check_out "groups after it: never refreshed, and why" "never refreshed; last refresh failed just now: posts: cannot connect to 127.0.0.1"
run board
check_err "board after it: no posts yet, not 'the posts link to no issues'" \
    "no posts are cached yet, so no issues they link to: run 'catchup refresh'; set GITHUB_TOKEN to see the whole board"

# ---- a cache, then the server gone (within the same second) ---------------------
start_server
write_config
run refresh
check_rc "a refresh with the server works" 0
stop_server
run refresh
check_rc "then a refresh with the server gone exits 1" 1
run groups
check_out "groups: the posts cached, and the refresh that failed after (not 'posts failed' in it)" \
    "7 posts, refreshed just now; last refresh failed just now: posts: cannot connect to 127.0.0.1"
run posts
check_rc "posts: the cache still lists them" 0
check_out "posts: the cached weeks" "This Week in CN AI (20-25 May 2024)"
