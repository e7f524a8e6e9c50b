#!/bin/sh
# Runs every test: the unit binaries (cmocka, TAP output), the fixture
# server's self-test, and the shell suites (command line, UI).  Each prints
# "ok - NAME" / "not ok - NAME" lines; this counts them and ends with
# "N passed, N failed" on a line of its own.
#
# Environment: CATCHUP_BIN (default ./catchup), CATCHUP_UNIT_DIR (default
# build/tests), CATCHUP_VALGRIND=1 (unit and command-line tests under
# valgrind; UI suites are skipped there), TESTS="pattern" to run a subset.
cd "$(dirname "$0")/.." || exit 2
export CATCHUP_BIN="${CATCHUP_BIN:-./catchup}"
UNIT_DIR="${CATCHUP_UNIT_DIR:-build/tests}"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
passed=0
failed=0

run_suite() { # name command...
    name=$1
    shift
    case "$name" in *${TESTS:-}*) ;; *) return ;; esac
    log="$OUT/$(echo "$name" | tr '/ ' '__').log"
    start=$(date +%s)
    "$@" >"$log" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$log")
    # cmocka reports a skipped test as "not ok N # SKIP"
    f=$(grep '^not ok ' "$log" | grep -vc '# SKIP')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - $name exited with status $rc" >>"$log"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    printf '%-40s %4d passed %4d failed  (%ss)\n' "$name" "$p" "$f" "$(($(date +%s) - start))"
    if [ "$f" -ne 0 ]; then
        grep -B3 -A12 '^not ok ' "$log" | sed 's/^/    /' | head -80
    fi
}

VG=""
if [ "${CATCHUP_VALGRIND:-}" = 1 ]; then
    VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
fi

export CMOCKA_MESSAGE_OUTPUT=TAP
for t in "$UNIT_DIR"/test_*; do
    [ -x "$t" ] || continue
    run_suite "unit/$(basename "$t")" $VG "$t"
done

run_suite "server/self-test" python3 tests/server/test_fixture_server.py

for s in tests/e2e/*.sh; do
    [ -f "$s" ] || continue
    run_suite "e2e/$(basename "$s" .sh)" sh "$s"
done

if [ "${CATCHUP_VALGRIND:-}" != 1 ]; then
    for s in tests/ui/*.sh; do
        [ -f "$s" ] || continue
        run_suite "ui/$(basename "$s" .sh)" sh "$s"
    done
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
