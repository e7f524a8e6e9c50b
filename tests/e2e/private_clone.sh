# The suites pass wherever the clone is: root in /root (mode 700) or in a
# `mktemp -d` folder.  cache.sh drops to an unprivileged user for its
# read-only case; that user cannot enter such a folder, so the suite must not
# run the binary from there.  This runs cache.sh with the binary in a private
# folder, as a clone in /root has it.
. tests/lib.sh

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
    ok "binary in a private folder: skipped (only root drops privileges in cache.sh)"
    exit 0
fi
PRIV=$(mktemp -d "$TMP/private.XXXXXX")
chmod 0700 "$PRIV"
cp "$CATCHUP_BIN" "$PRIV/catchup"
chmod 0755 "$TMP"
CATCHUP_BIN="$PRIV/catchup" sh tests/e2e/cache.sh >"$TMP/cache.log" 2>&1
RC=$?
check_rc "cache.sh with the binary in a mode-700 folder exits 0" 0
check_eq "cache.sh with the binary in a mode-700 folder: no failure" 0 \
    "$(grep -c '^not ok' "$TMP/cache.log")"
grep '^not ok' "$TMP/cache.log" | sed 's/^/#   cache.sh: /'
check_file_has "the read-only case ran (or said why it was skipped)" "$TMP/cache.log" "read-only cache"
