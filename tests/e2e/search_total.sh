# Search says how many it found, and --limit N (0 = all) shows more: over
# 1,050 generated weeks (bench/gen_weeks.py), `Kepler` is in 1 week in 7
# (ranked by bm25) and `cloud` in every week (listed newest first).
. tests/lib.sh

python3 bench/gen_weeks.py posts "$TMP/weeks" 1050
python3 bench/gen_weeks.py posts "$TMP/other" 20
# the posts are folders: the network is never asked
cat >"$CONFIG" <<EOF
[github]
api = http://127.0.0.1:9
[group "cnai"]
posts = $TMP/weeks
board =
calendar =
onboarding =
[group "other"]
posts = $TMP/other
board =
calendar =
onboarding =
EOF
run refresh
check_rc "setup: refresh of 1,050 weeks" 0
run --group other refresh
check_rc "setup: a second group shares the cache" 0

# the totals, counted by SQLite itself (the other group's 20 weeks all say cloud)
count() {
    python3 -c "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); print(d.execute(\"SELECT count(*) FROM posts_fts f JOIN posts p ON p.rowid=f.rowid WHERE posts_fts MATCH ? AND p.grp='cnai'\", (sys.argv[2],)).fetchone()[0])" "$CACHE" "$1"
}
KEPLER=$(count Kepler)
# hits_json: how many hits the JSON output in $OUT_FILE holds
hits_json() { grep -c '"id":' "$OUT_FILE"; }
check_eq "setup: Kepler is in 150 of the weeks" 150 "$KEPLER"

run search Kepler
check_rc "search Kepler exits 0" 0
check_eq "by default 50 hits are listed" 50 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
check_err "the true total is said, and how to see more" "50 of 150 matches; --limit N, or --limit 0 for all"
run search Kepler --limit 0
check_eq "--limit 0 lists every match" 150 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
check_err "all shown: the total alone" "150 matches"
check_eq "all shown: no advice" 0 "$(grep -c -- '--limit' "$ERR_FILE")"
run search Kepler --limit 7
check_eq "--limit 7 lists seven" 7 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
check_err "--limit 7: seven of the total" "7 of 150 matches; --limit N, or --limit 0 for all"
run search Kepler --limit=200
check_eq "--limit=N above the total lists them all" 150 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
run search Kepler --json
check_eq "--json stops at 50 too" 50 "$(hits_json)"
check_err "--json: the total is said on stderr" "50 of 150 matches; --limit N, or --limit 0 for all"
run search Kepler --json --limit 0
check_eq "--json --limit 0 gives every match" 150 "$(hits_json)"
check_eq "--json --limit 0: each once" 150 "$(grep '"id":' "$OUT_FILE" | sort -u | wc -l | tr -d ' ')"
check_eq "--json, all shown: stderr stays quiet" "" "$(cat "$ERR_FILE")"
run search Kepler --json --limit 3
check_eq "--limit 3: the best three, the same as the first three of all" \
    "$(catchup search Kepler --json --limit 0 | grep '"id":' | head -3)" "$(grep '"id":' "$OUT_FILE")"

# more than 1,000 matches: listed newest first, counted all the same
run search cloud
check_err "a match in every week: the thousands separated" "50 of 1,050 matches; --limit N, or --limit 0 for all"
check_eq "newest first" "week_01050" "$(head -1 "$OUT_FILE" | cut -d' ' -f1)"
run search cloud --json --limit 0
check_eq "every week, only this group's (the other's 20 have the same names)" 1050 "$(hits_json)"
check_eq "every week once" 1050 "$(grep '"id":' "$OUT_FILE" | sort -u | wc -l | tr -d ' ')"
run --group other search cloud
check_err "the other group counts its own weeks" "20 matches"
run --group other search Kepler --json --limit 0
check_eq "the other group: its own Kepler weeks" 3 "$(hits_json)"

# bad limits
run search Kepler --limit -1
check_rc "--limit -1: exit 2" 2
check_err "--limit -1: says what it takes" "--limit needs a number of hits (0 for all), not '-1'"
run search Kepler --limit many
check_rc "--limit many: exit 2" 2
run posts --limit 3
check_rc "--limit belongs to search only" 2
check_err "--limit on posts says so" "--limit does not apply to 'posts'"
