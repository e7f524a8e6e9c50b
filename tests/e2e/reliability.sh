# What gets in and what is lost: tokens and redirects, hostile URLs given to
# the browser, and kill -9 at random moments of refreshes.
. tests/lib.sh

start_server
write_config
run refresh
check_rc "setup: refresh" 0

# -- a redirect to another origin never carries the token
LISTING='/git/trees/main'
sed -i 's/^title:.*/title: "Changed upstream"/' "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/26_April_2024.md"
fault "{\"match\": \"$LISTING\", \"redirect\": \"http://127.0.0.1:$RAW_PORT/leak\"}"
clear_log
GITHUB_TOKEN=sekrit-redirect run refresh
check_rc "redirect to another host: exit 1" 1
check_eq "the redirect was followed to the other host" 1 "$(requests | grep '"port": "raw"' | grep -c '/leak')"
check_eq "the token did not follow the redirect" 0 "$(requests | grep '"port": "raw"' | grep -c 'sekrit')"
check_eq "the token went only to the API host" 1 "$(requests | grep '"port": "api"' | grep -c 'sekrit-redirect')"
clear_faults
fault "{\"match\": \"$LISTING\", \"redirect\": \"ftp://127.0.0.1:$RAW_PORT/x\"}"
run refresh
check_rc "redirect to ftp: exit 1" 1
check_err "redirect to ftp: refused" "redirected to a URL that is not http(s)"
clear_faults
fault "{\"match\": \"$LISTING\", \"redirect\": \"$API/repos/cncf/tag-runtime/git/trees/main?recursive=1&again=1\"}"
run refresh
check_rc "a redirect loop: exit 1" 1
check_err "a redirect loop: says so" "redirected too many times"
clear_faults

# -- hostile URLs reach the browser as one argument; nothing else runs
P="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
cat >"$P/evil_links.md" <<'MD'
---
title: "Evil links"
date: 2030-01-02
---
[a](https://example.com/$(touch${IFS}PWNED_A))
[b](https://example.com/`touch${IFS}PWNED_B`)
[c](https://example.com/x;touch${IFS}PWNED_C;'q'"q")
[d](https://example.com/x%0Atouch%20PWNED_D%0A)
[e](<https://example.com/a b;touch PWNED_E>)
[f](javascript:touch%20PWNED_F)
[g](file:///etc/passwd)
[h](https://example.com/|touch${IFS}PWNED_H&&touch${IFS}PWNED_H2)
MD
run refresh
check_rc "hostile links: refresh" 0
mkdir -p "$TMP/cwd"
cat >"$TMP/browser" <<'SH'
#!/bin/sh
printf '%s\n' "$#" >>"$BROWSER_LOG"
for a in "$@"; do printf '[%s]\n' "$a" >>"$BROWSER_LOG"; done
SH
chmod +x "$TMP/browser"
export BROWSER_LOG="$TMP/browser.log"
catchup show evil_links --json >"$TMP/links.json"
n=$(json "len(j['links'])" "$TMP/links.json")
check_eq "the hostile post has its links numbered" "True" "$( [ "$n" -ge 6 ] && echo True || echo False)"
i=1
while [ "$i" -le "$n" ]; do
    url=$(json "j['links'][$((i - 1))]['url']" "$TMP/links.json")
    : >"$BROWSER_LOG"
    (cd "$TMP/cwd" && BROWSER="$TMP/browser" catchup open evil_links --link "$i" >/dev/null 2>"$TMP/open.err")
    rc=$?
    sleep 0.2
    case "$url" in
    http://* | https://*)
        if printf '%s' "$url" | grep -q '[[:space:]]'; then
            check_eq "link $i with white space is refused" 1 "$rc"
        else
            check_eq "link $i opens with exactly one argument, the URL" "1 [$url]" "$(tr '\n' ' ' <"$BROWSER_LOG" | sed 's/ $//')"
        fi
        ;;
    *)
        check_eq "link $i ($url) is refused" 1 "$rc"
        check_eq "link $i: the browser never ran" "" "$(cat "$BROWSER_LOG")"
        ;;
    esac
    i=$((i + 1))
done
# a browser command with %s gets the URL substituted into one argument
: >"$BROWSER_LOG"
(cd "$TMP/cwd" && BROWSER="$TMP/browser --new-tab=%s --flag" catchup open evil_links --link 1 >/dev/null 2>&1)
sleep 0.2
check_eq "%s in the browser command: still one argument for the URL" \
    "2 [--new-tab=https://example.com/\$(touch\${IFS}PWNED_A)] [--flag]" "$(head -3 "$BROWSER_LOG" | tr '\n' ' ' | sed 's/ $//')"
check_eq "nothing in the hostile URLs ran" "" "$(ls "$TMP/cwd" "$ROOT" /tmp 2>/dev/null | grep PWNED)"
rm "$P/evil_links.md"

# -- kill -9 at random moments of refreshes: the cache always opens whole
stop_server
python3 - "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news" <<'PY'
import glob, os, sys
d = sys.argv[1]
src = [open(f).read() for f in sorted(glob.glob(os.path.join(d, "[0-9J]*.md")))]
for i in range(100):
    body = src[i % len(src)].replace("title:", "title: \"Week %03d\" #" % i, 1)
    open(os.path.join(d, "gen_%03d.md" % i), "w").write(body)
PY
mkdir -p "$SRV_ROOT/calendars"
cp "$ROOT"/tests/data/ical/cnai.ics "$SRV_ROOT/calendars/"
start_server --latency-ms 3
# every source writes: posts, the board (a token reads it) and a calendar
write_config "board = github:cncf/projects/38" "calendar = $API/cal/cnai.ics"
export GITHUB_TOKEN=test-token CATCHUP_NOW=1804680000
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
run refresh
check_rc "kill -9: the baseline refresh" 0
check_out "kill -9: baseline has 107 posts" "posts: 107 (107 new)"
check_out "kill -9: baseline has the board" "board: 12 items"
check_out "kill -9: baseline has the events" "events: 6 upcoming"
# the cache whole: SQLite's and FTS5's integrity checks, and the rows held
count_ok() {
    python3 - "$CACHE" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=5)
ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
db.execute("INSERT INTO posts_fts (posts_fts) VALUES ('integrity-check')")
db.execute("INSERT INTO board_fts (board_fts) VALUES ('integrity-check')")
n = [db.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
     for t in ("posts", "board_items", "occurrences", "post_events")]
print("%s %s" % ("ok" if ok else "damaged", " ".join(map(str, n))))
PY
}
baseline=$(count_ok)
echo "# the baseline cache: $baseline (integrity, posts, board items, occurrences, post events)"
# every round changes a board item's title and the calendar too
change_all() { # ROUND
    for f in "$SRV_ROOT"/repos/cncf/tag-runtime/main/wgs/cnai/news/gen_*.md; do
        printf '\nround %s\n' "$1" >>"$f"
    done
    python3 - "$SRV_ROOT/board.json" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["data"]["organization"]["projectV2"]["items"]["nodes"][0]["content"]["title"] = "Round %s" % sys.argv[2]
json.dump(d, open(sys.argv[1], "w"))
PY
    sed -i "s/^SUMMARY:Cloud Native AI WG meeting.*/SUMMARY:Cloud Native AI WG meeting $1/" \
        "$SRV_ROOT/calendars/cnai.ics"
}
# The kill rounds run the plain binary even under valgrind: the kills are
# timed on it, and the cache's state is what is checked here.
VG=""
# how long a refresh rewriting every post takes (the fastest of three): the
# kills below land anywhere from its start to near its end, commit included
best=""
for round in 1 2 3; do
    change_all "warm$round"
    t0=$(date +%s%N)
    run refresh
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
check_out "kill -9: a full rewrite refresh works" "posts: 107 (0 new, 100 updated, 7 unchanged)"
MAXKILL=$(python3 -c "print(round($best / 1000 * 0.9, 3))")
echo "# a refresh rewriting 100 posts takes $best ms at best; kills land in 0-$MAXKILL s"
# until 50 kills have landed inside a running refresh
survived=0
interrupted=0
i=1
while [ $interrupted -lt 50 ] && [ $i -le 150 ]; do
    # every source changes upstream, so each refresh rewrites them all
    change_all "$i"
    "$CATCHUP_BIN" refresh >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v seed="$i$$" -v max="$MAXKILL" 'BEGIN { srand(seed); printf "%.3f", rand() * max }')"
    kill -9 "$pid" 2>/dev/null && interrupted=$((interrupted + 1))
    wait "$pid" 2>/dev/null
    state=$(count_ok 2>&1)
    if [ "$state" = "$baseline" ] && catchup posts >/dev/null 2>&1 && catchup search Kepler >/dev/null 2>&1 &&
        catchup board >/dev/null 2>&1 && catchup agenda >/dev/null 2>&1; then
        survived=$((survived + 1))
        last_round=$i
    else
        not_ok "kill -9 round $i: the cache is not whole" "$state"
    fi
    i=$((i + 1))
done
rounds=$((i - 1))
echo "# $interrupted of $rounds refreshes were killed mid-way (the rest had finished first)"
check_eq "kill -9: 50 kills landed inside a refresh" 50 "$interrupted"
check_eq "kill -9: the cache was whole after every round" "$rounds" "$survived"
run refresh
check_rc "after the kills, a refresh completes" 0
run show gen_007 --json
check_eq "after the kills, the last round is stored" "True" "$(json "'round $rounds' in j['body']" "$OUT_FILE")"
run board --json
check_eq "after the kills, the board's last round is stored" "True" "$(json "any(i['title'] == 'Round $rounds' for i in j)" "$OUT_FILE")"
TZ=UTC run agenda
check_out "after the kills, the calendar's last round is stored" "Cloud Native AI WG meeting $rounds"
