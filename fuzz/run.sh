#!/bin/sh
# fuzz/run.sh SECONDS: builds the core with clang's libFuzzer, ASan and UBSan,
# runs every target (or only those FUZZ_TARGETS names, e.g. "ical") for
# SECONDS on seed corpora made from tests/data (and the
# saved regressions in tests/data/fuzz/TARGET/), and prints the executions per
# target.  A crash leaves its input in build/fuzzer/artifacts/TARGET/: fix
# the bug and copy the input to tests/data/fuzz/TARGET/, where make check
# replays it (tests/unit/test_fuzz_regress.c).
set -eu
cd "$(dirname "$0")/.."
SECS=${1:-60}
B=build/fuzzer
FLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -Wno-unknown-warning-option"
make --no-print-directory -s CC=clang BUILD=$B WERROR= CFLAGS="$FLAGS" $B/libcatchup.a
PKGS="libcurl jansson yaml-0.1 md4c sqlite3 inih libxml-2.0"
pkg-config --exists libical && PKGS="$PKGS libical"
CFLAGS_PKG=$(pkg-config --cflags $PKGS)
LIBS=$(pkg-config --libs $PKGS)
LINK="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
clang -std=c11 -D_DEFAULT_SOURCE -Iinclude -Ifuzz $CFLAGS_PKG $FLAGS -c fuzz/targets.c -o $B/targets.o

# seeds
rm -rf $B/seeds
mkdir -p $B/seeds
seed() { # target files...
    t=$1
    shift
    mkdir -p "$B/seeds/$t"
    for f in "$@"; do [ -f "$f" ] && cp "$f" "$B/seeds/$t/" || true; done
}
seed frontmatter tests/data/posts/*.md tests/data/onboarding/index.md
seed markdown tests/data/posts/*.md tests/data/onboarding/index.md
seed text tests/data/posts/*.md
seed listing tests/data/server/expected/*.json
seed ical tests/data/server/calendars/* tests/data/ical/*.ics
# the amplification feeds (small sizes: every execution expands the whole feed)
for kind in secondly minutely weekly exdates; do
    python3 tests/data/ical/gen_amplify.py $kind "$B/seeds/ical/amplify-$kind.ics" 300
done
seed postevents tests/data/posts/*.md
seed feed tests/data/server/feeds/*
seed board tests/data/server/board.json tests/data/board/*.json tests/data/posts/*.md
python3 - "$B/seeds" <<'PY'
import json, os, sys
out = sys.argv[1]
issues = json.load(open("tests/data/server/issues.json"))
for i, obj in enumerate(issues.values()):
    open(os.path.join(out, "board", "issue%d.json" % i), "w").write(json.dumps(obj))
commits = json.load(open("tests/data/server/commits.json"))
for i, (path, lst) in enumerate(commits.items()):
    open(os.path.join(out, "listing", "commits%d.json" % i), "w").write(json.dumps(lst))
# a git tree (GET .../git/trees/main?recursive=1) of the fixture repository
tree, root = [], "tests/data/server/repos/cncf/tag-runtime/main"
for d, dirs, files in sorted(os.walk(root)):
    rel = os.path.relpath(d, root)
    for name in sorted(dirs) + sorted(files):
        path = name if rel == "." else rel + "/" + name
        kind = "tree" if name in dirs else "blob"
        tree.append({"path": path, "mode": "040000" if kind == "tree" else "100644", "type": kind,
                     "sha": "%040x" % (abs(hash(path)) % (1 << 160))})
json.dump({"sha": "0" * 40, "tree": tree, "truncated": False},
          open(os.path.join(out, "listing", "tree.json"), "w"))
# the issues as GitHub's REST API sends them: a list, a search answer, comments
os.makedirs(os.path.join(out, "issues"), exist_ok=True)
toc = json.load(open("tests/data/server/issues/cncf_toc.json"))
rest = [{k: v for k, v in o.items() if k not in ("comments_list", "excerpted")} for o in toc]
json.dump(rest, open(os.path.join(out, "issues", "toc_list.json"), "w"))
json.dump({"total_count": len(rest), "incomplete_results": False, "items": rest},
          open(os.path.join(out, "issues", "toc_search.json"), "w"))
for i, o in enumerate(o for o in toc if o.get("comments_list")):
    json.dump(o["comments_list"], open(os.path.join(out, "issues", "comments%d.json" % i), "w"))
os.makedirs(os.path.join(out, "linkheader"), exist_ok=True)
links = [
    '<https://api.github.com/repositories/1/commits?path=x&per_page=1&page=2>; rel="next", '
    '<https://api.github.com/repositories/1/commits?path=x&per_page=1&page=3>; rel="last"',
    '<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=3>; rel="next",'
    ' <https://api.github.com/x?page=5>; rel="last", <https://api.github.com/x?page=1>; rel="first"',
    '<a>; rel=next', '<b>;\trel\t=\t"prev next"',
]
for i, l in enumerate(links):
    open(os.path.join(out, "linkheader", "l%d" % i), "w").write(l)
PY
for d in tests/data/fuzz/*/; do
    [ -d "$d" ] || continue
    t=$(basename "$d")
    mkdir -p "$B/seeds/$t"
    cp "$d"* "$B/seeds/$t/" 2>/dev/null || true
done

status=0
printf '%-12s %12s %10s %s\n' target executions exec/s result
for src in fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    t=${t#fuzz_}
    # FUZZ_TARGETS="ical board" runs only those
    case " ${FUZZ_TARGETS:-$t} " in *" $t "*) ;; *) continue ;; esac
    clang -std=c11 -D_DEFAULT_SOURCE -Iinclude -Ifuzz $CFLAGS_PKG $LINK "$src" $B/targets.o \
        $B/libcatchup.a $LIBS -o "$B/fuzz_$t"
    mkdir -p "$B/corpus/$t" "$B/artifacts/$t" "$B/seeds/$t"
    log="$B/fuzz_$t.log"
    if "$B/fuzz_$t" -max_total_time="$SECS" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$B/artifacts/$t/" "$B/corpus/$t" "$B/seeds/$t" >"$log" 2>&1; then
        result=ok
    else
        result="CRASH: see $log and $B/artifacts/$t/"
        status=1
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    printf '%-12s %12s %10s %s\n' "$t" "${execs:-?}" "${rate:-?}" "$result"
done
exit $status
