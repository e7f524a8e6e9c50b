# Hostile servers and hostile content: each case exits 1 with a message
# naming the source and the reason, and the cache keeps its meaning.
. tests/lib.sh

start_server
write_config
run refresh
check_rc "setup: first refresh" 0
snapshot before
# Upstream changed, so every listing request below gets a body (a 304 has
# none to cut short or stall), and a failed refresh never stores it.
sed -i 's/^title:.*/title: "Upstream change"/' "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/26_April_2024.md"

LISTING='/git/trees/main'

# expect_fail NAME FAULT_JSON MESSAGE: the listing fault leaves the cache as it was.
expect_fail() {
    clear_faults
    fault "$2"
    run refresh
    check_rc "$1: exit 1" 1
    check_err "$1: message" "$3"
    snapshot after
    check_same_snapshot "$1: cache unchanged" before after
    clear_faults
}

expect_fail "500" '{"match": "'$LISTING'", "status": 500, "body": "{\"message\":\"oops\"}"}' \
    "catchup: posts: 127.0.0.1: server error 500 Internal Server Error; try again later"
expect_fail "502 with HTML" '{"match": "'$LISTING'", "status": 502, "body": "<html><body>Bad gateway</body></html>", "headers": {"Content-Type": "text/html"}}' \
    "server error 502 Bad Gateway"
expect_fail "401" '{"match": "'$LISTING'", "status": 401, "body": "{\"message\":\"Bad credentials\"}"}' \
    "401 Unauthorized: this needs a token; set GITHUB_TOKEN"
GITHUB_TOKEN=wrong expect_fail "401 with a token" '{"match": "'$LISTING'", "status": 401, "body": "{\"message\":\"Bad credentials\"}"}' \
    "401 Unauthorized: Bad credentials: the token was refused; check GITHUB_TOKEN or GH_TOKEN"
expect_fail "403 forbidden" '{"match": "'$LISTING'", "status": 403, "body": "{\"message\":\"Resource not accessible by integration\"}"}' \
    "403 Forbidden: Resource not accessible by integration"
expect_fail "secondary rate limit" '{"match": "'$LISTING'", "status": 403, "headers": {"Retry-After": "60"}, "body": "{\"message\":\"You have exceeded a secondary rate limit.\"}"}' \
    "secondary rate limit; retry in 60 s"
expect_fail "404 for the posts folder" '{"match": "'$LISTING'", "status": 404, "body": "{\"message\":\"Not Found\"}"}' \
    "404 Not Found: check the configured repository, path and ref"
expect_fail "truncated JSON" '{"match": "'$LISTING'", "truncate": 200}' \
    "the response from 127.0.0.1 was cut short"
expect_fail "malformed JSON" '{"match": "'$LISTING'", "body": "[{\"name\": \"x.md\", "}' \
    "the file tree from $API/repos/cncf/tag-runtime/git/trees/main?recursive=1 is not valid JSON"
expect_fail "JSON that is not a list" '{"match": "'$LISTING'", "body": "{\"message\": \"surprise\"}"}' \
    "?recursive=1 is not a git tree: surprise"
expect_fail "body over the cap" '{"match": "'$LISTING'", "oversize": 9437184}' \
    "the response from 127.0.0.1 is larger than the 8 MiB limit"
expect_fail "stalled body" '{"match": "'$LISTING'", "stall": true}' \
    "127.0.0.1 stopped sending: no data for 3 s"
expect_fail "connection reset" '{"match": "'$LISTING'", "reset": true}' \
    "the connection to 127.0.0.1 broke"
expect_fail "invalid UTF-8 and NUL bytes as JSON" '{"match": "'$LISTING'", "body_b64": "W3sibmFtZSI6ICJceDAwIn0A/////w=="}' \
    "is not valid JSON"

# -- rate limit: the reset time in local time, then nothing is sent until then
RESET=$(( $(date +%s) + 3600 ))
HHMM=$(date -d "@$RESET" +%H:%M)
expect_fail "rate limit" '{"match": "'$LISTING'", "status": 403, "headers": {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "'$RESET'"}, "body": "{\"message\":\"API rate limit exceeded\"}"}' \
    "rate limit exceeded; resets at $HHMM (set GITHUB_TOKEN for a higher limit)"
clear_log
run refresh
check_rc "rate limited: the next refresh exits 1" 1
check_err "rate limited: the next refresh says when, without asking" "rate limit exceeded; resets at $HHMM (nothing was sent)"
check_eq "rate limited: no request was sent" 0 "$(request_count)"
CATCHUP_NOW=$((RESET + 1)) run refresh
check_rc "after the reset time, refresh works again" 0

# -- one file fails: the others are stored, the listing is asked again next time
sed -i 's/^title:.*/title: "Retitled"/' "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/13_17_May_2024.md"
sed -i 's/^title:.*/title: "Retitled too"/' "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/05_10_May_2024.md"
fault '{"match": "13_17_May_2024.md", "port": "raw", "status": 500, "times": 1}'
run refresh
check_rc "one file failing exits 1" 1
check_err "one file failing is named" "catchup: posts: 13_17_May_2024.md: 127.0.0.1: server error 500"
check_out "the rest is stored and reported" "posts: 7 (0 new, 1 updated, 5 unchanged, 1 failed)"
clear_log
run refresh
check_rc "next refresh retries the failed file" 0
check_eq "next refresh: the listing is not answered 304" 0 "$(requests | grep -c '"status": 304')"
check_out "next refresh stores it" "posts: 7 (0 new, 1 updated, 6 unchanged)"

# -- malformed YAML in one post: stored without it, the error kept with its
# line (tests/e2e/broken_front_matter.sh has the rest)
P="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
printf -- '---\ntitle: "unclosed\nweight: [1\n---\nbody\n' >"$P/broken.md"
run refresh
check_rc "malformed front matter: the refresh works" 0
check_out "malformed front matter: the refresh says so" "1 with broken front matter: shown without it"
run posts --json
check_eq "the broken post is stored with the error and its line, the others too" "8 front matter line 2" \
    "$(json "'%d %s' % (len(j), [p['front_matter_error'] for p in j if p['id']=='broken'][0][:19])" "$OUT_FILE")"
rm "$P/broken.md"

# -- escape sequences, C1 controls, bidi overrides, invalid UTF-8, NUL in a post
printf -- '---\ntitle: "Evil \033]52;c;cm0gLXJmIC8K\007title \033[31mred\033[0m \302\233 2J\342\200\256 x\377y"\ndescription: "desc \033]0;pwned\007 ok"\nweight: 5\ndate: 2024-09-01\n---\n# Head \033[2J\n\nText\007 with bell\010 and \033]8;;http://evil\033\\link\033]8;;\033\\ and\r return [x](javascript:alert(1)) nul:\000:end\n' >"$P/evil.md"
run refresh
check_rc "hostile post refreshes" 0
catchup posts >"$TMP/posts.txt" 2>&1
catchup show evil >"$TMP/show.txt" 2>&1
catchup show evil --json >"$TMP/show.json" 2>&1
catchup posts --json >"$TMP/posts.json" 2>&1
for f in posts.txt show.txt show.json posts.json; do
    check_eq "no control bytes reach the terminal: $f" 0 \
        "$(python3 -c "import sys; d=open(sys.argv[1],'rb').read(); print(sum(1 for b in d if (b < 32 and b not in (9,10)) or b == 127) + d.count(b'\xc2\x9b') + d.count(b'\xe2\x80\xae'))" "$TMP/$f")"
done
check_file_has "the title keeps its text" "$TMP/posts.txt" "Evil title red  x�y"
check_file_has "show keeps the body text" "$TMP/show.txt" "Text with bell and link and return"
check_eq "posts --json is valid UTF-8 JSON" "Evil title red  x�y" "$(json "[p['title'] for p in j if p['id']=='evil'][0]" "$TMP/posts.json")"
export BROWSER="$TMP/browser" BROWSER_LOG="$TMP/browser.log"
printf '#!/bin/sh\necho "$@" >>"$BROWSER_LOG"\n' >"$TMP/browser"
chmod +x "$TMP/browser"
run open evil --link 1
check_rc "a javascript: link is refused" 1
check_err "a javascript: link is refused with a reason" "only http and https links are opened"
check_eq "the browser never ran" "" "$(cat "$BROWSER_LOG" 2>/dev/null)"
rm "$P/evil.md"

# -- a post the raw host does not have (it lags behind the API) is kept as it was
clear_faults
run refresh
snapshot before2
sed -i 's/^title:.*/title: "Changed again"/' "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/20_25_May_2024.md"
fault '{"match": "20_25_May_2024.md", "port": "raw", "status": 404, "body": "404: Not Found"}'
run refresh
check_rc "a file the raw host has not: exit 1" 1
check_err "a file the raw host has not: named, and what to do" \
    "20_25_May_2024.md: the raw host 127.0.0.1 answers 404 Not Found; try again in a few minutes, or check [github] raw"
snapshot after2
check_same_snapshot "a failed download leaves the post as it was" before2 after2
