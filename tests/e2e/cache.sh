# A damaged, newer or unwritable cache: a clear message and a way on
# (--reset-cache), never silent data loss.
. tests/lib.sh

start_server
write_config
run refresh
check_rc "setup: refresh" 0
cp "$CACHE" "$TMP/good.db"

# -- garbage
head -c 8192 /dev/urandom >"$CACHE"
rm -f "$CACHE-wal" "$CACHE-shm"
run posts
check_rc "garbage cache: posts exits 1" 1
check_err "garbage cache: says damaged and how to go on" "is damaged (file is not a database); run 'catchup --reset-cache' to move it aside and start a fresh one"
run refresh
check_rc "garbage cache: refresh exits 1" 1
check_err "garbage cache: refresh says the same" "run 'catchup --reset-cache'"
run --reset-cache
check_rc "--reset-cache exits 0" 0
check_out "--reset-cache says where the old cache went" "moved the cache aside to $CACHE.broken-"
check_eq "the damaged file is kept, not deleted" 1 "$(ls "$CACHE".broken-* | wc -l | tr -d ' ')"
run refresh
check_rc "after --reset-cache, refresh starts a fresh cache" 0
check_out "the fresh cache gets everything again" "posts: 7 (7 new)"

# -- truncated (a half-written copy, as a full disk might leave)
rm -f "$CACHE-wal" "$CACHE-shm"
head -c 6000 "$TMP/good.db" >"$CACHE"
run posts
check_rc "truncated cache: posts exits 1" 1
check_err "truncated cache: says damaged" "run 'catchup --reset-cache'"

# -- from a newer catchup
cp "$TMP/good.db" "$CACHE"
python3 -c "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute('PRAGMA user_version = 99'); d.commit()" "$CACHE"
run posts
check_rc "newer schema: exit 1" 1
check_err "newer schema: says upgrade or reset" "was written by a newer catchup (schema 99;"
check_eq "newer schema: the file is left alone" 99 \
    "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0])" "$CACHE")"

# -- a read-only cache directory: reading works, refresh says why not
cp "$TMP/good.db" "$CACHE"
rm -f "$CACHE-wal" "$CACHE-shm"
DIR=$(dirname "$CACHE")
chmod 0555 "$DIR"
chmod 0444 "$CACHE"
chmod 0755 "$TMP" "$HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_CONFIG_HOME/catchup"
chmod 0644 "$CONFIG"
AS=""
BIN="$CATCHUP_BIN"
SKIP=""
if [ "$(id -u)" = 0 ]; then
    # root writes anywhere; an unprivileged user sees what users see
    if command -v setpriv >/dev/null; then
        AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
        # That user cannot enter a clone in /root or a mktemp -d folder (mode
        # 700): it runs a copy of the binary from $TMP (mode 755, in /tmp).
        BIN="$TMP/bin/catchup"
        mkdir -p "$TMP/bin" && cp "$CATCHUP_BIN" "$BIN" && chmod 0755 "$TMP/bin" "$BIN"
        if ! $AS "$BIN" --version >/dev/null 2>"$ERR_FILE"; then
            SKIP="user 65534 cannot run a copy of catchup in $TMP/bin: $(head -1 "$ERR_FILE")"
        fi
    else
        SKIP="root without setpriv"
    fi
fi
if [ -n "$SKIP" ]; then
    ok "read-only cache: skipped ($SKIP)"
else
    $AS env HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
        "$BIN" posts >"$OUT_FILE" 2>"$ERR_FILE"
    RC=$?
    check_rc "read-only cache: posts still works" 0
    check_eq "read-only cache: all seven posts" 7 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
    $AS env HOME="$HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
        "$BIN" refresh >"$OUT_FILE" 2>"$ERR_FILE"
    RC=$?
    check_rc "read-only cache: refresh exits 1" 1
    check_err "read-only cache: refresh says it cannot write" "cannot write the cache $CACHE"
fi
chmod 0755 "$DIR"
chmod 0644 "$CACHE"
