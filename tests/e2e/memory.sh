# Memory does not grow with the cache: every command's peak (max RSS) at
# 10,000 cached weeks stays within 5 MiB of its peak at 10 weeks.  Rows are
# printed as they are read (text and --json alike), never held all at once;
# SQLite's page cache (2 MB at most) is most of what is left.  `make bench`
# reports the same peaks as figures (bench/results.md).
. tests/lib.sh

if [ "${CATCHUP_VALGRIND:-}" = 1 ] || ldd "$CATCHUP_BIN" 2>/dev/null | grep -q libasan; then
    echo "ok - memory figures are skipped under valgrind and ASan (they measure those)"
    exit 0
fi
cc -O2 -o "$TMP/maxrss" "$ROOT/bench/maxrss.c" || {
    echo "not ok - cannot build bench/maxrss.c"
    exit 1
}

LIMIT_KIB=5120
for n in 10 10000; do
    python3 "$ROOT/bench/gen_weeks.py" posts "$TMP/posts-$n" "$n"
    cat >"$TMP/config-$n" <<CFG
[github]
api = http://127.0.0.1:9
[group "cnai"]
posts = $TMP/posts-$n
calendar =
onboarding =
board =
CFG
    XDG_CACHE_HOME="$TMP/cache-$n" timeout 120 "$CATCHUP_BIN" --config "$TMP/config-$n" refresh \
        >"$OUT_FILE" 2>"$ERR_FILE"
    check_eq "setup: $n weeks stored" "posts: $n ($n new) in 0 requests" "$(cat "$OUT_FILE")"
done

peak() { # N ARGS...: the peak RSS in KiB of catchup ARGS on the N-week cache
    n=$1
    shift
    XDG_CACHE_HOME="$TMP/cache-$n" timeout 60 "$TMP/maxrss" "$TMP/rss" \
        "$CATCHUP_BIN" --config "$TMP/config-$n" "$@" >/dev/null 2>"$ERR_FILE"
    cat "$TMP/rss"
}

for cmd in "posts" "posts --json" "agenda" "agenda --json" "agenda --from 2020-01-01 --days 366 --json" \
    "new --since 2000-01-01" "new --since 2000-01-01 --json" "search week" "search sched* --json" \
    "show week_00010" "show week_00010 --json" "start" "start --json" "board --json" "refresh"; do
    # shellcheck disable=SC2086
    small=$(peak 10 $cmd)
    # shellcheck disable=SC2086
    big=$(peak 10000 $cmd)
    grow=$((big - small))
    if [ "$grow" -lt "$LIMIT_KIB" ]; then
        ok "'$cmd' at 10,000 weeks: $big KiB, $grow KiB over 10 weeks"
    else
        not_ok "'$cmd' grows with the cache" "10 weeks: $small KiB, 10,000 weeks: $big KiB" \
            "growth $grow KiB, at most $LIMIT_KIB"
    fi
done
