# make lint (scripts/lint.py) names, with file and line, a curses or SQLite
# include planted outside its layer, a layer reaching up, a function over
# 100 lines; a clean copy of those files passes those rules.
. tests/lib.sh

L="$TMP/tree"
mkdir -p "$L"
cp -R src include scripts .clang-format "$L/"

lint() { python3 "$L/scripts/lint.py" --no-format "$L" >"$OUT_FILE" 2>"$ERR_FILE"; echo $? >"$TMP/lint.rc"; }

lint
check_eq "the unplanted tree names nothing in src/domain/agenda.c" 0 \
    "$(grep -c '^src/domain/agenda.c:' "$OUT_FILE")"

# plant: sqlite3 in domain, curses in parse, domain reaching sources, a long function
sed -i '1i #include <sqlite3.h>' "$L/src/domain/agenda.c"
sed -i '1i #include <curses.h>' "$L/src/parse/links.c"
sed -i '1i #include "catchup/refresh.h"' "$L/src/domain/search.c"
{
    printf 'int planted_long(void)\n{\n    int x = 0;\n'
    i=0
    while [ $i -lt 105 ]; do printf '    x++;\n'; i=$((i + 1)); done
    printf '    return x;\n}\n'
} >>"$L/src/base/util.c"
lint
check_eq "lint fails on a planted break" 1 "$(cat "$TMP/lint.rc")"
check_out "names the sqlite3 include outside src/store/ with file and line" \
    "src/domain/agenda.c:1: <sqlite3.h>: SQLite is included only in src/store/"
check_out "names the curses include outside src/ui/ with file and line" \
    "src/parse/links.c:1: <curses.h>: curses is included only in src/ui/"
check_out "names a layer including one it may not" \
    "src/domain/search.c:1: \"catchup/refresh.h\": the domain layer may not include the sources layer"
check_out "names a function over 100 lines" "function planted_long is 107 lines; at most 100"
check_err "sums the problems" "lint:"


# make check (what CI and the README run) lints first: a break fails it
# before anything is built or tested
order=$(make -n -s --no-print-directory -C "$ROOT" check 2>/dev/null |
    grep -x -e 'scripts/lint.py' -e 'tests/run.sh' | tr '\n' ' ')
check_eq "make check runs scripts/lint.py before tests/run.sh" "scripts/lint.py tests/run.sh " "$order"
