# The board end to end against the fixture server: the linked issues
# without a token (ETags, only 304s when nothing changed), the board through
# GraphQL with one (paging, filtering), where the token goes, GitHub's
# errors, and a board that fails while the posts are stored.
. tests/lib.sh

start_server
write_config "board = github:cncf/projects/38"

# what the requests since the last clear_log were: "METHOD PATH STATUS"
sent() {
    requests | python3 -c '
import json, sys
for line in sys.stdin:
    j = json.loads(line)
    print(j["method"], j["path"], j["status"])' | sort
}
# dump_board FILE: the board rows, every column but checked_at (when GitHub
# last answered 304 is bookkeeping, not content), in a stable order
dump_board() {
    python3 - "$CACHE" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
cur = db.execute("SELECT * FROM board_items ORDER BY grp, key")
keep = [i for i, d in enumerate(cur.description) if d[0] != "checked_at"]
with open(sys.argv[2], "w") as out:
    for row in cur:
        out.write(repr(tuple(row[i] for i in keep)) + "\n")
PY
}
db() { python3 -c 'import sqlite3,sys; print("\n".join("|".join(str(c) for c in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))' "$CACHE" "$1"; }

# -- usage and an empty cache
run board extra
check_rc "board takes no arguments: exit 2" 2
run board --days 3
check_rc "board with an agenda option: exit 2" 2
run board
check_rc "board before any refresh exits 0" 0
check_err "board before any refresh says what to do" "no board cached yet: run 'catchup refresh'"

# -- without a token: the issues the posts link to, asked in the same refresh
clear_log
run refresh
check_rc "first refresh exits 0" 0
check_eq "first refresh: the links of the posts it brought are asked at once" \
    "board: 8 linked issues (3 open, 8 new) in 8 requests" "$(grep '^board:' "$OUT_FILE")"
check_eq "each linked issue through the REST issues endpoint, no GraphQL" \
    "GET /repos/cncf/landscape/issues/3876 200
GET /repos/cncf/tag-runtime/issues/126 200
GET /repos/cncf/tag-runtime/issues/127 200
GET /repos/cncf/tag-runtime/issues/144 200
GET /repos/cncf/tag-runtime/issues/154 200
GET /repos/cncf/tag-runtime/issues/168 200
GET /repos/kubernetes/community/issues/7823 200
GET /repos/open-telemetry/semantic-conventions/issues/825 200" "$(sent | grep '/issues/')"
check_eq "no GraphQL without a token" 0 "$(requests | grep -c graphql)"
check_eq "no token, no Authorization header" 0 "$(requests | grep -c '"authorization"')"
clear_log
run refresh
check_eq "a refresh that changes nothing: 304s only, closed ones not asked" \
    "board: 8 linked issues (3 open, 3 unchanged, 5 closed, not asked) in 3 requests" "$(grep '^board:' "$OUT_FILE")"
check_eq "every request was conditional and answered 304" "4 4" \
    "$(requests | grep -c 'if-none-match') $(requests | grep -c '"status": 304')"
check_eq "the open ones were asked" "3" "$(requests | grep -c '/issues/1[256][468]')"
clear_log
CATCHUP_NOW=$(( $(date +%s) + 8 * 86400 )) run refresh
check_eq "a week later the closed issues are asked again, merged pull requests never" \
    "board: 8 linked issues (3 open, 5 unchanged, 3 closed, not asked) in 5 requests" "$(grep '^board:' "$OUT_FILE")"
check_eq "... and only those" "0" "$(sent | grep -c '/pulls/\|/issues/7823 \|/issues/825 \|/issues/3876 ')"

run board
check_rc "board (no token) exits 0" 0
check_eq "board (no token): the open linked issues" \
    "open  cncf/tag-runtime#126  Create a writeup for challenges with scheduling AI workloads
open  cncf/tag-runtime#154  Create a CNAI User Survey for AI_Dev Paris 2024
open  cncf/tag-runtime#168  Proposal: white paper on AI and sustainability" "$(cat "$OUT_FILE")"
check_err "board (no token) says a token shows the whole board" \
    "catchup: issues the posts link to; set GITHUB_TOKEN to see the whole board"
check_err "board (no token) counts what it hides" "catchup: 5 closed or Done not shown (--all shows them)"
run board --all
check_out "board --all (no token): closed ones too" "closed  cncf/tag-runtime#127 "
check_out "board --all (no token): merged pull requests too" "merged  cncf/landscape#3876 "
check_eq "board --all (no token): 8 lines" 8 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
run board --json --all
check_eq "board --json: a pull request from the issues endpoint" \
    "kubernetes/community 7823 merged pr None" \
    "$(json "[' '.join(str(x) for x in (i['repo'], i['number'], i['state'], i['kind'], i['status'])) for i in j if i['number'] == 7823][0]" "$OUT_FILE")"
check_eq "board --json: which posts mention an issue" "July_latest_in_CNAI 20_25_May_2024" \
    "$(json "' '.join([i['mentioned_in'] for i in j if i['number'] == 126][0])" "$OUT_FILE")"

run show 20_25
check_out "show badges an open issue link" "tracked here[2 open]."
check_out "show badges a closed issue link" "The Kubeflow intro [3 closed] blog"
check_out "show's link list carries the state" "[2] here — https://github.com/cncf/tag-runtime/issues/126  (issue, open)"

# -- with a token: the whole board through GraphQL
clear_log
GITHUB_TOKEN=test-token run refresh
check_rc "refresh with a token exits 0" 0
check_eq "the board and the linked issues off it" \
    "board: 12 items (9 open), 3 linked issues off the board (0 open, 3 unchanged) in 4 requests" \
    "$(grep '^board:' "$OUT_FILE")"
requests | grep '/graphql' >"$TMP/gql.log"
check_eq "one GraphQL request, with the token" "1 1" \
    "$(grep -c '"method": "POST"' "$TMP/gql.log") $(grep -c '"authorization": "Bearer test-token"' "$TMP/gql.log")"
python3 - "$TMP/gql.log" >"$TMP/gql.vars" <<'PY'
import json, sys
j = json.loads(json.loads(open(sys.argv[1]).readline())["body"])
v = j["variables"]
print(v["login"], v["number"], v["firstItems"], v["afterItems"], "projectV2(number: $number)" in j["query"])
PY
check_eq "the query asks for 100 items of cncf's project 38" "cncf 38 100 None True" "$(cat "$TMP/gql.vars")"
check_eq "the token goes to no other host" 0 "$(requests | grep '"port": "raw"' | grep -c authorization)"
check_eq "the token is not in the cache" 0 "$(cat "$CACHE"* | grep -c 'test-token')"

run board
check_eq "board: the open initiatives, by Status" \
    "In Progress  cncf/tag-runtime#126  Create a writeup for challenges with scheduling AI workloads
In Progress  cncf/tag-runtime#168  Proposal: white paper on AI and sustainability
In Progress  cncf/toc#1641         [Initiative]: Cloud Native AI Scheduling Challenges Whitepaper
In Progress  cncf/toc#1675         [Initiative]: Cloud Native AI Sustainability Papers
Todo         cncf/tag-runtime#154  Create a CNAI User Survey for AI_Dev Paris 2024
Todo         cncf/tag-runtime#162  Cloud Native playground for AI workloads
Todo         cncf/tag-runtime#211  Cloud Native AI Working Group - Meeting Schedule
Todo         cncf/toc#1918         [Initiative]: Cloud Native AI Sustainability - Challenges & Opportunities
Todo         draft                 CNAI Radar" "$(cat "$OUT_FILE")"
check_err "board: the hidden ones are counted" "3 closed or Done not shown"
run board --all
check_eq "board --all: Done last" "12 Done Done Done" \
    "$(wc -l <"$OUT_FILE" | tr -d ' ') $(tail -3 "$OUT_FILE" | awk '{printf "%s ", $1}' | sed 's/ $//')"
run board --json
check_rc "board --json exits 0" 0
check_eq "board --json: 9 open initiatives" 9 "$(json "len(j)" "$OUT_FILE")"
check_eq "board --json: the SPEC's keys" "True" \
    "$(json "all(set(['repo','number','title','state','status','url','labels','assignees','updated']) <= set(i) for i in j)" "$OUT_FILE")"
check_eq "board --json: an issue" \
    "cncf/tag-runtime 162 open Todo ['cnai', 'help wanted'] [] 2025-06-01T12:00:00Z https://github.com/cncf/tag-runtime/issues/162" \
    "$(json "[' '.join(str(x) for x in (i['repo'], i['number'], i['state'], i['status'], i['labels'], i['assignees'], i['updated'], i['url'])) for i in j if i['number'] == 162][0]" "$OUT_FILE")"
check_eq "board --json: a draft has no repo or number" "None None draft Todo True" \
    "$(json "[' '.join(str(x) for x in (i['repo'], i['number'], i['state'], i['status'], 'adopted' in i['body'])) for i in j if i['kind'] == 'draft'][0]" "$OUT_FILE")"

# -- filtering: closed but not Done, open but Done
cp "$SRV_ROOT/board.json" "$TMP/board.orig.json"
python3 - "$SRV_ROOT/board.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
for n in b["data"]["organization"]["projectV2"]["items"]["nodes"]:
    c = n["content"]
    if c.get("number") == 162:      # closed, Status still Todo
        c["state"], c["closed"] = "CLOSED", True
    if c.get("number") == 211:      # open, Status Done
        for f in n["fieldValues"]["nodes"]:
            if f.get("field", {}).get("name") == "Status":
                f["name"] = "Done"
json.dump(b, open(sys.argv[1], "w"))
PY
GITHUB_TOKEN=test-token run refresh
check_eq "a closed item and a Done item are not open" "board: 12 items (7 open), 3 linked issues off the board (0 open, 3 unchanged) in 4 requests" \
    "$(grep '^board:' "$OUT_FILE")"
run board
check_eq "board: neither is listed" 0 "$(grep -c '#162\|#211' "$OUT_FILE")"
run board --all
check_out "board --all: a closed item whose Status is not Done says it is closed" \
    "Todo         cncf/tag-runtime#162  Cloud Native playground for AI workloads (closed)"
check_eq "the change is remembered for 'what is new'" "Done|Todo|open" \
    "$(db "SELECT status, prev_status, prev_state FROM board_items WHERE key = 'cncf/tag-runtime#211'")"
cp "$TMP/board.orig.json" "$SRV_ROOT/board.json"

# -- paging: 230 items in three pages
python3 - "$SRV_ROOT/board.json" <<'PY'
import copy, json, sys
b = json.load(open(sys.argv[1]))
nodes = b["data"]["organization"]["projectV2"]["items"]["nodes"]
model = nodes[0]
for i in range(218):
    n = copy.deepcopy(model)
    n["id"] = "PVTI_big_%d" % i
    n["content"]["number"] = 1000 + i
    n["content"]["title"] = "Bulk item %d" % i
    n["content"]["url"] = "https://github.com/cncf/big/issues/%d" % (1000 + i)
    n["content"]["repository"]["nameWithOwner"] = "cncf/big"
    nodes.append(n)
json.dump(b, open(sys.argv[1], "w"))
PY
clear_log
GITHUB_TOKEN=test-token run refresh
check_rc "a board of three pages refreshes" 0
check_eq "every page is read" "board: 230 items (227 open), 3 linked issues off the board (0 open, 3 unchanged) in 6 requests" \
    "$(grep '^board:' "$OUT_FILE")"
requests | grep '/graphql' | python3 -c '
import json, sys
for line in sys.stdin:
    v = json.loads(json.loads(line)["body"])["variables"]
    print(v["firstItems"], v["afterItems"])' >"$TMP/pages"
check_eq "pages follow endCursor" "100 None
100 Y3Vyc29yOnYyOjk5
100 Y3Vyc29yOnYyOjE5OQ==" "$(cat "$TMP/pages")"
check_eq "the cache keeps the paging state" "cncf/projects/38|3|230|Y3Vyc29yOnYyOjIyOQ==" \
    "$(db "SELECT board, pages, total, end_cursor FROM board_sync")"
cp "$TMP/board.orig.json" "$SRV_ROOT/board.json"
GITHUB_TOKEN=test-token run refresh
check_eq "back to 12 items on the board" 12 "$(db "SELECT count(*) FROM board_items WHERE on_board = 1")"
check_eq "items gone from the board and linked from no post leave the cache" 0 \
    "$(db "SELECT count(*) FROM board_items WHERE repo = 'cncf/big'")"

# -- GitHub's errors: a clear message, exit 1, the board rows as they were
dump_board "$TMP/board.before"
board_unchanged() { # NAME
    dump_board "$TMP/board.after"
    if cmp -s "$TMP/board.before" "$TMP/board.after"; then ok "$1: the board rows are as they were"; else
        not_ok "$1: the board rows changed" "$(diff "$TMP/board.before" "$TMP/board.after" | head -5)"
    fi
}
# gql_fail NAME FAULT MESSAGE [TOKEN]
gql_fail() {
    clear_faults
    [ -n "$2" ] && fault "$2"
    clear_log
    GITHUB_TOKEN=${4:-test-token} run refresh
    check_rc "$1: exit 1" 1
    check_err "$1: message" "$3"
    check_out "$1: the posts are still stored" "posts: 7 (0 new, 7 unchanged)"
    board_unchanged "$1"
    clear_faults
}
body_of() { python3 -c 'import json,sys; print(json.dumps({"match": "/graphql", "body": open(sys.argv[1]).read()}))' "$1"; }

gql_fail "INSUFFICIENT_SCOPES" "$(body_of "$ROOT/tests/data/board/insufficient_scopes.json")" \
    "catchup: board: the token lacks read:project: create one with that scope (https://github.com/settings/tokens)"
check_out "INSUFFICIENT_SCOPES: every linked issue is still asked" "board: failed (12 items kept from before), 8 linked issues (3 open, 8 unchanged) in 9 requests"
gql_fail "the older missing-scope error" "$(body_of "$ROOT/tests/data/board/scopes_old_format.json")" \
    "catchup: board: the token lacks read:project"
gql_fail "NOT_FOUND (recorded body)" "$(body_of "$ROOT/tests/data/board/not_found.json")" \
    "catchup: board: github:cncf/projects/38 was not found: check the board key"
gql_fail "401" "" "catchup: board: the token was refused (401): check GITHUB_TOKEN or GH_TOKEN" wrong-token
check_eq "401: no issue is asked with a refused token" 0 "$(requests | grep -c '/issues/')"
gql_fail "another GraphQL error" "$(body_of "$ROOT/tests/data/board/unprocessable.json")" \
    "catchup: board: GitHub could not read the board: UNPROCESSABLE: Column value must be a valid value for text column"
gql_fail "500" '{"match": "/graphql", "status": 502, "body": "<html>bad gateway</html>"}' \
    "catchup: board: 127.0.0.1: server error 502"
gql_fail "secondary rate limit" '{"match": "/graphql", "status": 403, "headers": {"Retry-After": "60"}, "body": "{\"message\":\"You have exceeded a secondary rate limit.\"}"}' \
    "secondary rate limit; retry in 60 s"
gql_fail "truncated answer" '{"match": "/graphql", "truncate": 100}' "was cut short"
gql_fail "not JSON" '{"match": "/graphql", "body": "{\"data\": {\"organization\": "}' \
    "catchup: board: the board's answer from GitHub is unreadable: the answer is not valid JSON"
# the first page promises more, the second fails: nothing of the board is stored
first=$(python3 - "$SRV_ROOT/board.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
items = b["data"]["organization"]["projectV2"]["items"]
items["nodes"] = items["nodes"][:3]
items["pageInfo"] = {"hasNextPage": True, "endCursor": "bogus"}
print(json.dumps({"match": "/graphql", "times": 1, "body": json.dumps(b)}))
PY
)
gql_fail "a failed second page" "$first" "catchup: board: GitHub could not read the board: INVALID_CURSOR_ARGUMENTS"
check_eq "a failed second page: both pages were asked" 2 "$(requests | grep -c '/graphql')"

# wrong board number: the fixture server's own NOT_FOUND
write_config "board = github:cncf/projects/99"
GITHUB_TOKEN=test-token run refresh
check_rc "a board that does not exist: exit 1" 1
check_err "a board that does not exist is named" "catchup: board: github:cncf/projects/99 was not found: check the board key"
run board
check_err "board says why the last refresh failed" \
    "catchup: the last board refresh failed: github:cncf/projects/99 was not found: check the board key"
write_config "board = github:cncf/projects/38"

# -- the board fails while the posts succeed: the new post is stored
cat >"$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/new_week.md" <<'MD'
---
title: "A new week"
date: 2024-08-02
---
We opened [an issue](https://github.com/cncf/tag-runtime/issues/211).
MD
fault "$(body_of "$ROOT/tests/data/board/insufficient_scopes.json")"
GITHUB_TOKEN=test-token run refresh
check_rc "board fails, posts succeed: exit 1" 1
check_out "board fails, posts succeed: the new post is stored" "posts: 8 (1 new, 7 unchanged)"
run posts
check_out "the new post is listed" "A new week"
check_eq "its link is recorded for 'Mentioned in'" "new_week" \
    "$(db "SELECT post_id FROM board_mentions WHERE key = 'cncf/tag-runtime#211'")"
clear_faults
rm "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/new_week.md"

# -- linked issues: one failing, a redirect to another host, one gone
fault '{"match": "/issues/126", "status": 500, "times": 1}'
run refresh
check_rc "a linked issue failing: exit 1" 1
check_err "a linked issue failing is named" "catchup: board: cncf/tag-runtime#126: 127.0.0.1: server error 500"
check_out "the other linked issues are still counted" "1 failed"
clear_faults
fault "{\"match\": \"/issues/7823\", \"port\": \"api\", \"redirect\": \"http://127.0.0.1:$RAW_PORT/elsewhere\"}"
clear_log
GITHUB_TOKEN=test-token run refresh
check_rc "a redirect to nowhere is not a failure" 0
check_eq "the token did not follow the redirect to the other host" "1 0" \
    "$(requests | grep -c '"port": "raw"') $(requests | grep '"port": "raw"' | grep -c authorization)"
clear_faults
# an open issue off the board, linked by a new week, then deleted upstream
python3 - "$SRV_ROOT/issues.json" <<'PY'
import copy, json, sys
d = json.load(open(sys.argv[1]))
i = copy.deepcopy(d["cncf/tag-runtime#162"])
i["number"], i["title"] = 300, "An issue off the board"
i["html_url"] = "https://github.com/cncf/tag-runtime/issues/300"
d["cncf/tag-runtime#300"] = i
json.dump(d, open(sys.argv[1], "w"))
PY
cat >"$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/new_week.md" <<'MD'
---
title: "Another week"
date: 2024-08-09
---
See <https://github.com/cncf/tag-runtime/issues/300>.
MD
run refresh
run refresh
check_eq "an issue off the board linked by a new week is cached" "open|0" \
    "$(db "SELECT state, on_board FROM board_items WHERE key = 'cncf/tag-runtime#300'")"
python3 - "$SRV_ROOT/issues.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
del d["cncf/tag-runtime#300"]
json.dump(d, open(sys.argv[1], "w"))
PY
run refresh
check_rc "a linked issue that is gone is not a failure" 0
check_out "a linked issue that is gone is counted" "1 not found"
check_eq "... and its row is gone" 0 "$(db "SELECT count(*) FROM board_items WHERE key = 'cncf/tag-runtime#300'")"
rm "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/new_week.md"

# -- a draft that leaves the board: pruning it asks no API URL of it (a
# draft has none; building one from its key crashed the refresh)
write_config "board = github:cncf/projects/38"
cp "$SRV_ROOT/board.json" "$TMP/board.keep.json"
GITHUB_TOKEN=test-token run refresh
ndrafts=$(db "SELECT count(*) FROM board_items WHERE key NOT LIKE '%#%'")
python3 - "$SRV_ROOT/board.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
items = d["data"]["organization"]["projectV2"]["items"]
items["nodes"] = [n for n in items["nodes"] if (n.get("content") or {}).get("__typename") != "DraftIssue"]
json.dump(d, open(sys.argv[1], "w"))
PY
GITHUB_TOKEN=test-token run refresh
check_rc "drafts that left the board: the refresh ends well" 0
check_eq "the board had drafts before" 1 "$([ "$ndrafts" -gt 0 ] && echo 1 || echo 0)"
check_eq "... and none after" 0 "$(db "SELECT count(*) FROM board_items WHERE key NOT LIKE '%#%'")"
cp "$TMP/board.keep.json" "$SRV_ROOT/board.json"

# -- a group without a board
write_config
run board
check_rc "no board configured: exit 1" 1
check_err "no board configured: says how to add one" "has no project board: add board = github:ORG/projects/N"
