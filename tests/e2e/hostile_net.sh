# A hostile or careless network side: commit pages that never end, a server
# that trickles, links that cost a request each on every refresh, credentials
# in URLs, a token over plain http, and posts specs that bend the URL.
. tests/lib.sh

NEWS="$ROOT/tests/data/server/repos/cncf/tag-runtime/main/wgs/cnai/news"
start_server
P="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
COMMITS="$API/repos/cncf/tag-runtime/commits?path=wgs/cnai/news/12_19_April_2024.md&sha=main&per_page=1"

# elapsed NAME MAX_S CMD...: runs CMD under timeout(1) (30 s); RC, OUT_FILE,
# ERR_FILE as run() leaves them, and checks it ended within MAX_S seconds.
elapsed() {
    name=$1 max=$2
    shift 2
    t0=$(date +%s)
    timeout 30 "$CATCHUP_BIN" "$@" >"$OUT_FILE" 2>"$ERR_FILE"
    RC=$?
    dt=$(($(date +%s) - t0))
    if [ "$RC" != 124 ] && [ "$dt" -le "$max" ]; then ok "$name (${dt} s)"; else
        not_ok "$name" "took ${dt} s (exit $RC), expected at most $max s"
    fi
}

# link_fault MATCH URL: commit pages matching MATCH answer one commit and a
# Link whose rel="last" is URL.
ONE='[{"sha":"1111111111111111111111111111111111111111","commit":{"author":{"date":"2024-01-01T00:00:00Z"},"committer":{"date":"2024-01-01T00:00:00Z"}}}]'
link_fault() {
    fault "$(python3 -c 'import json,sys; print(json.dumps({"match": sys.argv[1], "body": sys.argv[3], "headers": {"Link": "<%s>; rel=\"last\"" % sys.argv[2]}}))' "$1" "$2" "$ONE")"
}

# ---- 4: commit pages that never end ----------------------------------------
write_config
fault '{"match": "/commits\\?", "endless_pages": true}'
clear_log
elapsed "endless commit pages: refresh ends" 20 refresh
check_rc "endless commit pages: exit 1" 1
check_err "endless commit pages: says the pages do not end" "commit pages do not end"
n=$(requests | grep -c '/commits?')
check_eq "endless commit pages: at most 4 pages per file (7 files)" True "$([ "$n" -le 28 ] && echo True || echo "False ($n)")"
check_out "endless commit pages: the posts with a front matter date are stored" "posts: 7 (0 new, 7 failed)"
clear_faults
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"

# a rel="last" that goes back to a page already seen (a ping-pong) is refused
link_fault '12_19_April.*page=3' "$COMMITS&page=2"
clear_log
elapsed "ping-pong commit pages: refresh ends" 20 refresh
check_err "ping-pong commit pages: the backward last page is refused" "12_19_April_2024.md: the commit pages do not end"
check_eq "ping-pong commit pages: page 3 asked once, page 2 never" "1 0" \
    "$(requests | grep -c '12_19_April.*page=3') $(requests | grep -c '12_19_April.*page=2')"
clear_faults

# a rel="last" to another path or another host is not followed
link_fault '12_19_April.*per_page=1$' "$API/repos/cncf/tag-runtime/issues/126?page=9"
clear_log
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
elapsed "last page elsewhere: refresh ends" 20 refresh
check_err "last page elsewhere: refused" "12_19_April_2024.md: the commit pages do not end"
check_eq "last page elsewhere: never asked" 0 "$(requests | grep -c '/issues/126')"
clear_faults

# the ordinary walk is unchanged: first page, then the last
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
clear_log
run refresh
check_rc "a well-behaved server: refresh" 0
check_eq "a well-behaved server: two commit requests per file (7 files, one with 1 page)" 13 "$(requests | grep -c '/commits?')"

# ---- 5: a transfer that trickles --------------------------------------------
write_config "[net]" "transfer_timeout = 2"
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
fault '{"match": "/git/trees/main", "trickle_ms": 500}'
elapsed "a trickling server: refresh ends at the transfer deadline" 10 refresh
check_rc "a trickling server: exit 1" 1
check_err "a trickling server: says the transfer took too long" "127.0.0.1 took longer than 2 s (transfer_timeout)"
clear_faults
printf '[net]\ntransfer_timeout = 0\n' >"$TMP/bad.conf"
elapsed "transfer_timeout = 0: refused at once" 5 --config "$TMP/bad.conf" posts
check_rc "transfer_timeout = 0: exit 2" 2
check_err "transfer_timeout = 0: file and line" "bad.conf:2: transfer_timeout must be 1 to 86400 seconds, not '0'"

# ---- 6: linked issues: 404s remembered, a cap without a token --------------
write_config "board = github:cncf/projects/38"
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
run refresh
check_rc "linked issues: setup" 0
{
    printf -- '---\ntitle: "Dead links"\ndate: 2030-01-01\n---\n'
    for n in 9001 9002 9003; do
        printf -- '- https://github.com/cncf/tag-runtime/issues/%s\n' "$n"
    done
} >"$P/dead_links.md"
clear_log
run refresh
check_eq "404 links: asked once" 3 "$(requests | grep -c '/issues/900[123]')"
check_out "404 links: counted as not found" "3 not found"
clear_log
run refresh
check_eq "404 links: not asked again on the next refresh" 0 "$(requests | grep -c '/issues/900[123]')"
check_out "404 links: remembered" "3 not found, asked again weekly"
clear_log
CATCHUP_NOW=$(($(date +%s) + 8 * 86400)) run refresh
check_eq "404 links: asked again a week later" 3 "$(requests | grep -c '/issues/900[123]')"
rm "$P/dead_links.md"

# one post with 2,000 links: without a token at most 30 asked a refresh
python3 - "$P/many_links.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('---\ntitle: "Many links"\ndate: 2030-01-02\n---\n')
    for n in range(20000, 22000):
        f.write("- https://github.com/cncf/toc/issues/%d\n" % n)
PY
asked() { requests | python3 -c 'import json,sys; [print(json.loads(l)["path"]) for l in sys.stdin if "/issues/" in l]' | sort; }
clear_log
elapsed "2,000 links: refresh ends" 25 refresh
check_rc "2,000 links: exit 0" 0
asked >"$TMP/asked1"
check_eq "2,000 links: 30 issues asked without a token" 30 "$(grep -c . "$TMP/asked1")"
check_out "2,000 links: the deferred are counted" "1973 deferred (without a token at most 30 are asked a refresh"
clear_log
run refresh
asked >"$TMP/asked2"
check_eq "2,000 links: the next refresh asks 30 others" "30 0" \
    "$(grep -c . "$TMP/asked2") $(comm -12 "$TMP/asked1" "$TMP/asked2" | grep -c /cncf/toc/)"
rm "$P/many_links.md"
# with a token there is no cap (304s of authorized requests are free)
{
    printf -- '---\ntitle: "Forty links"\ndate: 2030-01-03\n---\n'
    for n in $(seq 30001 30040); do printf -- '- https://github.com/cncf/toc/issues/%s\n' "$n"; done
} >"$P/forty_links.md"
clear_log
GITHUB_TOKEN=test-token run refresh
check_eq "with a token: all 40 new links asked" 40 "$(asked | grep -c '/issues/300[0-4][0-9]')"
rm "$P/forty_links.md"


# ---- 15: a user name or password in a URL ----------------------------------
# write_config writes 9 lines: extra lines start at line 10
write_config "[github]" "api = http://alice:pw-secret@127.0.0.1:$API_PORT"
clear_log
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
elapsed "api with a password: refused at once" 5 refresh
check_rc "api with a password: exit 2" 2
check_err "api with a password: file, line, why" "config:12: api must not hold a user name or password"
check_file_lacks "api with a password: the password is not printed" "$ERR_FILE" "pw-secret"
check_eq "api with a password: nothing was sent" 0 "$(request_count)"
check_eq "api with a password: no cache holds it" "" "$(grep -rl pw-secret "$XDG_CACHE_HOME" 2>/dev/null)"
for key in "calendar = http://bob:cal-secret@127.0.0.1:$API_PORT/cal/cnai.ics" \
    "meeting = https://carol@meet.example.org/x" "slack = https://u:p@x.slack.com/a"; do
    write_config "$key"
    run refresh
    check_eq "userinfo in '${key%% =*}': exit 2" 2 "$RC"
    check_err "userinfo in '${key%% =*}': file, line, why" "config:11: ${key%% =*} must not hold a user name or password"
    check_file_lacks "userinfo in '${key%% =*}': not printed" "$ERR_FILE" "secret"
done
# a URL the server gives with userinfo is not fetched, stored or printed
write_config
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
link_fault '12_19_April.*per_page=1$' "http://eve:srv-secret@127.0.0.1:$API_PORT/repos/cncf/tag-runtime/commits?path=wgs/cnai/news/12_19_April_2024.md&sha=main&per_page=1&page=3"
clear_log
run refresh
check_eq "userinfo from the server: not followed" 0 "$(requests | grep -c 'authorization.*Basic')"
check_file_lacks "userinfo from the server: not printed" "$ERR_FILE" "srv-secret"
check_eq "userinfo from the server: not stored" "" "$(grep -rl srv-secret "$XDG_CACHE_HOME" 2>/dev/null)"
clear_faults
# ... nor through a redirect's Location
fault "{\"match\": \"/git/trees/main\", \"times\": 1, \"redirect\": \"http://eve:redir-secret@127.0.0.1:$API_PORT/repos/cncf/tag-runtime/git/trees/main?recursive=1&again=1\"}"
clear_log
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
run refresh
check_eq "userinfo in a redirect: followed without the credential" "1 0" \
    "$(requests | grep -c 'again=1') $(requests | grep -ci 'authorization.*basic')"
check_eq "userinfo in a redirect: not stored" "" "$(grep -rl redir-secret "$XDG_CACHE_HOME" 2>/dev/null)"
clear_faults

# ---- 16: the token over plain http -----------------------------------------
write_config "[github]" "api = http://api.catchup-test.invalid:$API_PORT"
GITHUB_TOKEN=tok-secret elapsed "token over plain http: refused at once" 5 refresh
check_rc "token over plain http: exit 2" 2
check_err "token over plain http: file, line, what to do" \
    "config:12: api is plain http to api.catchup-test.invalid: the token would travel unencrypted; use https, or set allow_insecure = true under [github]"
run refresh
check_file_lacks "without a token plain http is allowed" "$ERR_FILE" "allow_insecure"
write_config "[github]" "api = http://api.catchup-test.invalid:$API_PORT" "allow_insecure = true"
GITHUB_TOKEN=tok-secret run refresh
check_file_lacks "allow_insecure = true: allowed" "$ERR_FILE" "allow_insecure"
write_config "[github]" "allow_insecure = maybe"
run posts
check_err "allow_insecure = maybe: refused" "config:12: allow_insecure must be true or false, not 'maybe'"
# loopback stays allowed: every other suite runs this way
write_config
GITHUB_TOKEN=test-token run refresh
check_file_lacks "http://127.0.0.1 with a token: allowed" "$ERR_FILE" "allow_insecure"

# ---- 17: posts specs that bend the URL --------------------------------------
for spec in "github:o/r/../../../orgs/x@main" "github:o/r/a/./b@main" "github:o/r/a//b@main" \
    "github:o/r/p@ma in" "github:o/r/p@../x" "github:o/r/p@a..b" "github:o/r/p@x.lock" \
    "github:o/r/p@-x" "github:-o/r/p" "github:o.x/r/p" "github:o/r.git?/p"; do
    write_config "posts = $spec"
    before=$(request_count)
    elapsed "posts = $spec: refused at once" 5 refresh
    check_eq "posts = $spec: exit 2, file and line, nothing sent" "2 1 0" \
        "$RC $(grep -c '^catchup: .*config:10: posts: ' "$ERR_FILE") $(($(request_count) - before))"
done
write_config "posts = github:o/r/p@ma in"
run refresh
check_err "a ref with a space: says the ref is the problem" "'ma in' is not a valid git ref"
write_config "posts = github:cncf/tag-runtime/wgs/cnai/news@main&per_page=1"
clear_log
run refresh
check_eq "a ref with '&' is percent-encoded, not a second parameter" "1 0" \
    "$(requests | grep -c 'git/trees/main%26per_page%3D1?recursive=1"') $(requests | grep -c '[?&]per_page=1&\|ref=main&')"
