# The catalog of groups: shipped groups/NAME.group files, the user's own in
# $XDG_CONFIG_HOME/catchup/groups/, config sections over both; catchup
# groups (+ --json); --group NAME on any of them; a feed group end to end.
. tests/lib.sh

start_server
python3 "$ROOT/tests/data/feeds/gen_feeds.py" "$SRV_ROOT/feeds"
export CATCHUP_GROUPS_DIR="$ROOT/groups"
USER_GROUPS="$XDG_CONFIG_HOME/catchup/groups"
NEWS="$API/feed/tag-runtime_wgs_cnaiwg_news_index.xml.BUILT-LOCALLY.xml"

# -- no config: the shipped groups, cnai the default
rm -f "$CONFIG"
run groups
check_rc "groups exits 0" 0
check_eq "groups: the shipped ones, cnai first and in use" \
    "* cnai shipped|  batch shipped|  cnai-site shipped" \
    "$(sed 's/^\(.\) \([^ ]*\) .*  shipped  .*/\1 \2 shipped/' "$OUT_FILE" | paste -sd'|')"
check_out "groups: a group never fetched says so" "not fetched yet"

# -- a user file replaces the shipped one; a config section overrides it
mkdir -p "$USER_GROUPS"
cat >"$USER_GROUPS/cnai-site.group" <<GRP
; the website's news from the test server
name = The website, from my file
posts = feed:$NEWS
GRP
cat >"$USER_GROUPS/mine.group" <<GRP
name = My own group
posts = feed:$API/feed/hugo.xml
GRP
run groups --json
check_eq "groups --json: a user file replaces the shipped one of its name" \
    "user The website, from my file $USER_GROUPS/cnai-site.group" \
    "$(json "' '.join([g for g in j if g['name'] == 'cnai-site'][0][k] for k in ('origin', 'title', 'file'))" "$OUT_FILE")"
check_eq "groups --json: every group, in order" "cnai batch cnai-site mine" \
    "$(json "' '.join(g['name'] for g in j)" "$OUT_FILE")"
{
    echo "[github]"
    echo "api = $API"
    echo "[group \"cnai-site\"]"
    echo "name = The website, from my config"
} >"$CONFIG"
run groups --json
check_eq "a config section wins over the file of its name, and starts from it" \
    "config user The website, from my config True" \
    "$(json "' '.join(str([g for g in j if g['name'] == 'cnai-site'][0][k]) for k in ('origin', 'based_on', 'title', 'current'))" "$OUT_FILE")"
check_eq "the config's first section is the group in use, listed first" "cnai-site" \
    "$(json "j[0]['name']" "$OUT_FILE")"
run groups
check_eq "groups: the text line of a config section over a file" \
    "* cnai-site  The website, from my config  config (over your file)  not fetched yet" \
    "$(head -1 "$OUT_FILE" | sed 's/   */  /g')"

# -- the feed group: refresh, posts, and groups' cache column
run refresh
check_rc "the feed group refreshes (posts from the user file)" 0
check_eq "the feed group's refresh line" \
    "posts: 7 (7 new, 7 dated before 1900: shown without a date) in 1 request" "$(cat "$OUT_FILE")"
run posts
check_eq "catchup posts for the feed group: seven, none dated" 7 "$(grep -c ' -  ' "$OUT_FILE")"
run groups
check_out "groups: the cache's posts and age" "7 posts, refreshed just now"
run --group mine refresh
check_rc "--group switches to a group from a user file" 0
run --group mine posts
check_out "--group mine lists its own posts" "Scheduling <AI> workloads & more"
run --group batch posts
check_rc "--group works for a shipped group never fetched" 0
run --group nope posts
check_rc "an unknown group: exit 2" 2
check_err "an unknown group lists them" "groups: cnai-site, cnai, batch, mine"

# -- bad group files are config errors with file and line
printf 'name = x\nboards = 1\n' >"$USER_GROUPS/bad.group"
run groups
check_rc "a bad key in a group file: exit 2" 2
check_err "a bad key in a group file: file and line" "$USER_GROUPS/bad.group:2: unknown key 'boards'"
printf '[group "x"]\nname = x\n' >"$USER_GROUPS/bad.group"
run groups
check_err "a group file has no sections" "$USER_GROUPS/bad.group:1: a group file holds the keys of its group only"
rm "$USER_GROUPS/bad.group"
run groups
check_rc "without the bad file all is well again" 0

# -- new --all: every group you have opened, each since its own last visit
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
T1=1717000000
CATCHUP_NOW=$T1 run --group mine refresh
CATCHUP_NOW=$T1 run --group cnai-site refresh
visit() { # GROUP TIME: as the TUI records a visit when it opens
    python3 - "$CACHE" "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", ("last_visit:" + sys.argv[2], sys.argv[3]))
db.commit()
PY
}
CATCHUP_NOW=$((T1 + 60)) run new --all
check_err "new --all before any visit says how to get one" "no visit recorded in any group yet"
visit mine $((T1 + 60))
visit cnai-site $((T1 + 60))
python3 - "$SRV_ROOT/feeds/hugo.xml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("<item>", "<item>\n      <title>Brand new</title>\n      <guid>https://wg.example.org/news/new/</guid>\n      <description>&lt;p&gt;new&lt;/p&gt;</description>\n    </item>\n    <item>", 1)
open(p, "w", encoding="utf-8").write(s)
PY
CATCHUP_NOW=$((T1 + 3600)) run --group mine refresh
CATCHUP_NOW=$((T1 + 7200)) run new --all
check_rc "new --all exits 0" 0
check_eq "new --all: a heading per opened group, each with its news" \
    "== The website, from my config (cnai-site)|Nothing new since your last visit (1 h ago).||== My own group (mine)|Since your last visit (1 h ago): 1 new week|new week      Brand new  [new-" \
    "$(cut -c1-50 "$OUT_FILE" | sed 's/\(\[new-\).*/\1/' | paste -sd'|')"
check_file_lacks "new --all: a group never opened is not listed" "$OUT_FILE" "(batch)"
CATCHUP_NOW=$((T1 + 7200)) run new --all --json
check_eq "new --all --json: groups with their items" "cnai-site 0|mine 1" \
    "$(json "'|'.join('%s %d' % (g['group'], len(g['items'])) for g in j)" "$OUT_FILE")"
