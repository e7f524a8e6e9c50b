# Several catchup processes on one cache at once: a fresh cache is created
# and migrated by whichever comes first, the others see it done; readers
# never wait for a writer.
. tests/lib.sh

cat >"$CONFIG" <<CFG
[group "cnai"]
posts = $ROOT/tests/data/posts
board =
onboarding =
calendar =
CFG

# -- the migration race: commands started together on a fresh cache
fails=0 details=""
i=0
while [ $i -lt 10 ]; do
    i=$((i + 1))
    rm -rf "$XDG_CACHE_HOME"
    timeout 60 "$CATCHUP_BIN" refresh >"$TMP/a.out" 2>"$TMP/a.err" &
    a=$!
    timeout 60 "$CATCHUP_BIN" refresh >"$TMP/b.out" 2>"$TMP/b.err" &
    b=$!
    timeout 60 "$CATCHUP_BIN" posts >"$TMP/c.out" 2>"$TMP/c.err" &
    c=$!
    wait $a; ra=$?
    wait $b; rb=$?
    wait $c; rc=$?
    if [ $ra -ne 0 ] || [ $rb -ne 0 ] || [ $rc -ne 0 ]; then
        fails=$((fails + 1))
        details="run $i: refresh $ra, refresh $rb, posts $rc: $(cat "$TMP/a.err" "$TMP/b.err" "$TMP/c.err" | head -3)"
    fi
done
check_eq "two refreshes and posts started at once on a fresh cache all work (10 runs)" \
    "0 failed" "$fails failed${details:+ (last: $details)}"
run posts
check_out "... and the cache holds the posts" "13-17 May 2024"
