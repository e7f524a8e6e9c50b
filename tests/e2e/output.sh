# The command line's output, files and config at their edges: write errors
# on stdout (a full disk, a reader gone), what a local posts folder may hold
# besides posts, long paths in messages, long config lines, [keys]
# conflicts, a listing that names a file twice.  Every run is bounded by
# timeout: a hang is a failure, not a stuck suite.
. tests/lib.sh

# generous: under ASan and a loaded machine a refresh of 4,000 files takes
# long; a hang still ends, as a failure
T="timeout 120"
TR="timeout 600"
TF="timeout 180" # the refreshes a FIFO used to hang
POSTS="$TMP/posts"
mkdir -p "$POSTS"
cp "$ROOT"/tests/data/posts/*.md "$POSTS/"
local_config() { # [extra lines]
    {
        echo "[github]"
        echo "api = http://127.0.0.1:9"
        echo "[group \"cnai\"]"
        echo "posts = $POSTS"
        echo "calendar ="
        echo "onboarding ="
        echo "board ="
        [ $# -gt 0 ] && printf '%s\n' "$@"
    } >"$CONFIG"
}
local_config
# 4,000 weeks: a list of 200 KiB, far more than a pipe holds (64 KiB)
python3 "$ROOT/bench/gen_weeks.py" posts "$POSTS" 4000
$TR "$CATCHUP_BIN" refresh >"$OUT_FILE" 2>"$ERR_FILE"
check_eq "setup: 4,007 posts stored" "posts: 4007 (4007 new) in 0 requests" "$(cat "$OUT_FILE")"

# ---- 10. write errors on stdout ---------------------------------------------

# a full disk: /dev/full answers every write with ENOSPC
for cmd in "posts" "posts --json" "search cloud --json" "show week_00007" "--help" "--version"; do
    # shellcheck disable=SC2086
    $T "$CATCHUP_BIN" $cmd >/dev/full 2>"$ERR_FILE"
    RC=$?
    check_rc "a full disk: '$cmd' exits 1" 1
    check_err "a full disk: '$cmd' says why" "catchup: cannot write the output: No space left on device"
done

# a file that cannot grow (RLIMIT_FSIZE; SIGXFSZ ignored: write fails EFBIG),
# as a full disk cuts a file: exit 1, not 0 with the JSON cut short
(
    trap '' XFSZ
    ulimit -f 64
    exec $T "$CATCHUP_BIN" posts --json >"$TMP/cut.json" 2>"$ERR_FILE"
)
RC=$?
check_rc "output cut by a file size limit exits 1" 1
check_err "output cut by a file size limit says why" "catchup: cannot write the output: File too large"

# a reader that goes away: the command ends at once, by SIGPIPE (as git and
# grep do; the shell reports 128 + 13); the reader read one line
for cmd in "posts" "posts --json" "new --since 2000-01-01 --json"; do
    # shellcheck disable=SC2086
    first=$({
        $T "$CATCHUP_BIN" $cmd 2>"$ERR_FILE"
        echo $? >"$TMP/rc"
    } | head -1)
    RC=$(cat "$TMP/rc")
    check_rc "a reader gone: '$cmd' ends by SIGPIPE (141)" 141
    check_eq "a reader gone: '$cmd' printed its first line" 1 "$(printf '%s\n' "$first" | grep -c .)"
    check_eq "a reader gone: '$cmd' says nothing" "" "$(cat "$ERR_FILE")"
done

# a reader that reads nothing and quits: the first write ends the command
{
    $T "$CATCHUP_BIN" posts --json 2>"$ERR_FILE"
    echo $? >"$TMP/rc"
} | true
RC=$(cat "$TMP/rc")
check_rc "a reader that quits at once: exit 141" 141

# output that fits is whole and exits 0 (the checks cost nothing when all is well)
run posts --json
check_rc "posts --json to a file exits 0" 0
check_eq "posts --json to a file is whole JSON" 4007 "$(json "len(j)" "$OUT_FILE")"
run search "week" --json
check_eq "search --json to a file is whole JSON" 50 "$(json "len(j)" "$OUT_FILE")"

# ---- 11. a local posts folder: only regular files are posts ----------------

mkfifo "$POSTS/x.md"
mkdir "$POSTS/d.md"
ln -s "$POSTS/week_00001.md" "$POSTS/link.md"
ln -s "$POSTS/nowhere.md" "$POSTS/dangling.md"
$TF "$CATCHUP_BIN" refresh >"$OUT_FILE" 2>"$ERR_FILE"
RC=$?
check_rc "a FIFO, a directory and a dangling link named *.md: refresh exits 0 (no hang)" 0
check_eq "only the regular files (and a link to one) are posts" \
    "posts: 4008 (1 new, 4007 unchanged) in 0 requests" "$(cat "$OUT_FILE")"
check_eq "nothing to stderr" "" "$(cat "$ERR_FILE")"
$TF "$CATCHUP_BIN" refresh >"$OUT_FILE" 2>"$ERR_FILE"
RC=$?
check_rc "every later refresh too" 0
rm -rf "$POSTS/x.md" "$POSTS/d.md" "$POSTS/link.md" "$POSTS/dangling.md"
run refresh
check_eq "setup: back to the posts" "posts: 4007 (0 new, 4007 unchanged, 1 removed) in 0 requests" \
    "$(cat "$OUT_FILE")"

# ---- 12. a long path keeps the reason ---------------------------------------

: >"$TMP/file"
LONG="$TMP/file/$(python3 -c 'print("p" * 500)')"
XDG_CACHE_HOME="$LONG" $TR "$CATCHUP_BIN" refresh >"$OUT_FILE" 2>"$ERR_FILE"
RC=$?
check_rc "a cache under a 525-character path that cannot exist: exit 1" 1
check_eq "the message ends with the reason" "Not a directory" \
    "$(sed -n 's/.*: \(Not a directory\)$/\1/p' "$ERR_FILE")"
check_err "the message starts with what failed" "catchup: cannot create directory $TMP/file/ppp"
check_err "the path is shortened in its middle" "ppp...ppp"
XDG_CACHE_HOME="$LONG" $T "$CATCHUP_BIN" posts >"$OUT_FILE" 2>"$ERR_FILE"
RC=$?
check_eq "reading a cache there: the reason and the advice are whole" \
    "; check its permissions" "$(grep -o '; check its permissions$' "$ERR_FILE")"

# ---- 13. CATCHUP_NOW=-1 is a time, not an unreadable --from ------------------

CATCHUP_NOW=-1 $T "$CATCHUP_BIN" agenda >"$OUT_FILE" 2>"$ERR_FILE"
RC=$?
check_rc "CATCHUP_NOW=-1 agenda exits 0" 0
check_file_lacks "CATCHUP_NOW=-1 agenda does not blame --from" "$ERR_FILE" "--from"
check_file_lacks "no (null) in any message" "$ERR_FILE" "(null)"
run agenda --from 2024-02-30
check_rc "an impossible --from is still refused" 2

# ---- 14. long config lines ----------------------------------------------------

URL195="https://outlook.office365.com/owa/calendar/$(python3 -c 'print("a" * 139)')/calendar.ics"
URL4K="https://lfx.example.org/ical/$(python3 -c 'print("b" * 4058)')/feed.ics"
check_eq "setup: URLs of 195 and 4,096 characters" "195 4096" "${#URL195} ${#URL4K}"
for url in "$URL195" "$URL4K"; do
    local_config "calendar = $url"
    run agenda
    check_rc "a ${#url}-character calendar URL is read (agenda exits 0)" 0
    check_file_lacks "a ${#url}-character calendar URL: no config error" "$ERR_FILE" "longer than"
    check_file_lacks "a ${#url}-character calendar URL: it is configured" "$ERR_FILE" \
        "no calendar is configured"
done
local_config "calendar = https://x.example/$(python3 -c 'print("c" * 9000)')"
run agenda
check_rc "a 9,000-character line is still refused" 2
check_err "with its file, line and the limit" "catchup: $CONFIG:8: line is longer than 8192 characters"
local_config

# ---- 20. [keys]: conflicts and actions without a key --------------------------

keys_error() { # NAME CONFIG-LINES EXPECTED
    printf '[keys]\n%s\n' "$2" >"$TMP/keys.conf"
    for cmd in "--list-keys" "posts"; do
        $T "$CATCHUP_BIN" --config "$TMP/keys.conf" $cmd >"$OUT_FILE" 2>"$ERR_FILE"
        RC=$?
        check_rc "$1: '$cmd' exits 2" 2
        check_err "$1: '$cmd' names file and line" "catchup: $TMP/keys.conf:$3"
    done
}
keys_error "refresh = q takes back's key" "refresh = q" \
    "2: q would be the key of both refresh and back"
keys_error "back = , leaves back without a key" "back = ,
quit = ," "2: back is left without a key"
keys_error "quit = , leaves quit without a key" "back = x
quit = ," "3: quit is left without a key"
keys_error "a reader key that hides back" "open-recording = q" \
    "2: q would be the key of both open-recording and back in the reader"
keys_error "two user keys on one key: the later line is named" "search = x
open = x" "3: x would be the key of both open and search"
keys_error "a list key that hides a global one" "refresh = a" \
    "2: a would be the key of both refresh and toggle-done in lists"
keys_error "more than six keys" "refresh = r, R, F5, F6, F7, F8, F9" "2: refresh has more than 6 keys"
# what is fine stays fine
printf '[keys]\nback = x\nrefresh = q\nopen-link-1 = 1\nmove-down = j, j, Down\n' >"$TMP/keys.conf"
$T "$CATCHUP_BIN" --config "$TMP/keys.conf" --list-keys >"$OUT_FILE" 2>"$ERR_FILE"
RC=$?
check_rc "swapped keys, a default rebound as it was, a repeated key: accepted" 0
check_out "the keys in effect: back is x" "  x                  back "
check_out "the keys in effect: refresh is q" "  q                  refresh "
check_out "a repeated key is listed once" "  j, Down            move-down "

# ---- 21. a listing that names a file twice ------------------------------------

start_server
write_config
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
LISTING="/repos/cncf/tag-runtime/git/trees/main"
python3 - "$API$LISTING?recursive=1" "$TMP/dup.json" <<'PY'
import json, sys, urllib.request
v = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))
t = v["tree"]
posts = [e for e in t if e["path"].startswith("wgs/cnai/news/") and e["path"].endswith(".md")
         and not e["path"].endswith("/_index.md")]
t.insert(0, dict(posts[2]))   # the same entry twice, the copy first
t.append(dict(posts[4], sha="0" * 40))  # and once more, with another sha
json.dump(v, open(sys.argv[2], "w"))
PY
ctl fault "$(python3 -c 'import json,sys; print(json.dumps({"match": "git/trees/main", "port": "api", "body": open(sys.argv[1]).read()}))' "$TMP/dup.json")" >/dev/null
run refresh
check_rc "a listing with duplicates: refresh exits 0" 0
check_eq "the counts are what was stored" "posts: 7 (7 new) in 21 requests" "$(cat "$OUT_FILE")"
check_eq "7 posts stored" 7 "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from posts').fetchone()[0])" "$CACHE")"
check_eq "each file downloaded once" 7 "$(requests | grep -c '"port": "raw"')"
clear_faults
