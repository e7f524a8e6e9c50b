# The posts spine end to end against the fixture server: refresh, list,
# show, open, conditional requests, headers, token handling, offline.
. tests/lib.sh

start_server
write_config

# -- first refresh: listing + 7 files + 7 first-commit pages + 6 last pages
run refresh
check_rc "first refresh exits 0" 0
check_eq "first refresh reports 7 new in 21 requests" "posts: 7 (7 new) in 21 requests" "$(cat "$OUT_FILE")"
check_eq "first refresh sent 21 requests" 21 "$(request_count)"

run posts --json
check_rc "posts --json exits 0" 0
check_eq "posts newest first by first-commit date, ties by weight" \
    "July_latest_in_CNAI 20_25_May_2024 13_17_May_2024 05_10_May_2024 29_April_03_May_2024 26_April_2024 12_19_April_2024" \
    "$(json "' '.join(p['id'] for p in j)" "$OUT_FILE")"
check_eq "dates come from the first commit" \
    "2024-07-19T09:48:01Z 2024-05-27T13:32:41Z 2024-04-30T23:58:14Z" \
    "$(json "' '.join([j[0]['date'], j[1]['date'], j[6]['date']])" "$OUT_FILE")"
check_eq "date_source is commit" "commit" "$(json "j[1]['date_source']" "$OUT_FILE")"
check_eq "weights and unread flags" "9994 True" "$(json "'%s %s' % (j[0]['weight'], j[0]['unread'])" "$OUT_FILE")"
check_eq "titles from front matter" "This Week in CN AI (20-25 May 2024)" "$(json "j[1]['title']" "$OUT_FILE")"
check_eq "url is the file on GitHub" \
    "https://github.com/cncf/tag-runtime/blob/main/wgs/cnai/news/20_25_May_2024.md" "$(json "j[1]['url']" "$OUT_FILE")"
check_eq "_index.md is not a post" "False" "$(json "any(p['id'] == '_index' for p in j)" "$OUT_FILE")"
check_eq "description is the block scalar" "True" \
    "$(json "j[1]['description'].startswith('This week, the Cloud Native AI (CNAI) Working Group has made progress')" "$OUT_FILE")"

run posts
check_eq "posts text output, first line" \
    "July_latest_in_CNAI   2024-07-19  [July] Cloud Native AI Working Group: Latest Developments" \
    "$(head -1 "$OUT_FILE")"
check_eq "posts text output, seven lines" 7 "$(wc -l <"$OUT_FILE" | tr -d ' ')"

# -- headers the API and raw hosts saw
requests >"$TMP/first.log"
check_eq "every request sends User-Agent catchup/VERSION" 0 \
    "$(grep -vc '"user-agent": "catchup/0.1.0"' "$TMP/first.log")"
check_eq "API requests send the GitHub Accept header" 14 \
    "$(grep '"port": "api"' "$TMP/first.log" | grep -c '"accept": "application/vnd.github+json"')"
check_eq "API requests send X-GitHub-Api-Version" 14 \
    "$(grep '"port": "api"' "$TMP/first.log" | grep -c '"x-github-api-version": "2022-11-28"')"
check_eq "raw downloads: 7, without GitHub API headers" "7 0" \
    "$(grep -c '"port": "raw"' "$TMP/first.log") $(grep '"port": "raw"' "$TMP/first.log" | grep -c 'x-github-api-version')"
check_eq "first commit found through Link rel=last" 1 \
    "$(grep -c 'commits?path=wgs/cnai/news/12_19_April_2024.md&sha=main&per_page=1&page=3' "$TMP/first.log")"

# -- second refresh: one conditional request answered 304
clear_log
run refresh
check_rc "second refresh exits 0" 0
check_eq "second refresh: 1 request, nothing new" "posts: 7 (0 new, 7 unchanged) in 1 request" "$(cat "$OUT_FILE")"
check_eq "the one request is conditional and got 304" "1 1" \
    "$(requests | grep -c 'if-none-match') $(requests | grep -c '"status": 304')"

# -- a changed file and a new file upstream
sed -i 's/^title:.*/title: "Changed title (20-25 May 2024)"/' "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/20_25_May_2024.md"
cat >"$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/new_week.md" <<'MD'
---
title: "A new week"
date: 2024-08-02
weight: 1
---
Hello [recording](https://youtu.be/abc).
MD
clear_log
run refresh
check_eq "changed + new: only those are downloaded" "posts: 8 (1 new, 1 updated, 6 unchanged) in 3 requests" "$(cat "$OUT_FILE")"
check_eq "front matter date means no commit request" 0 "$(requests | grep -c commits)"
run posts --json
check_eq "the new post (front matter date) is first" "new_week 2024-08-02 front matter" \
    "$(json "'%s %s %s' % (j[0]['id'], j[0]['date'], j[0]['date_source'])" "$OUT_FILE")"
check_eq "an updated post keeps its first-commit date" "Changed title (20-25 May 2024) 2024-05-27T13:32:41Z" \
    "$(json "[p['title'] + ' ' + p['date'] for p in j if p['id'] == '20_25_May_2024'][0]" "$OUT_FILE")"
rm "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/new_week.md"
run refresh
check_eq "a post removed upstream is removed" "posts: 7 (0 new, 7 unchanged, 1 removed) in 1 request" "$(cat "$OUT_FILE")"

# -- show
run show 20_25
check_rc "show by unique prefix exits 0" 0
check_eq "show starts with the title" "Changed title (20-25 May 2024)" "$(head -1 "$OUT_FILE")"
check_out "show renders headings" "Key Developments"
check_out "show numbers links in the text" "which you can watch here[1]."
check_out "show lists the links at the end" "[1] here — https://youtu.be/ldAvmboR8fI  (recording)"
check_eq "show wraps at COLUMNS" 0 "$(python3 -c "import sys; print(sum(1 for l in open(sys.argv[1], encoding='utf-8') if len(l.rstrip(chr(10))) > 80))" "$OUT_FILE")"
COLUMNS=40 run show 20_25_May_2024
check_eq "show wraps at COLUMNS=40" 0 "$(python3 -c "import sys; print(sum(1 for l in open(sys.argv[1], encoding='utf-8') if len(l.rstrip(chr(10))) > 40))" "$OUT_FILE")"
run show 20_25 --json
check_eq "show --json: first link is the recording" "1 https://youtu.be/ldAvmboR8fI recording" \
    "$(json "'%d %s %s' % (j['links'][0]['n'], j['links'][0]['url'], j['links'][0]['kind'])" "$OUT_FILE")"
check_eq "show --json: kinds" "recording issue issue board doc slack slack other" \
    "$(json "' '.join(l['kind'] for l in j['links'])" "$OUT_FILE")"
check_eq "show --json: body is the Markdown" "True" "$(json "j['body'].lstrip().startswith('## Key Developments')" "$OUT_FILE")"
run posts --json
check_eq "show marks the post read" "False" "$(json "[p['unread'] for p in j if p['id'] == '20_25_May_2024'][0]" "$OUT_FILE")"
run show 2
check_rc "an ambiguous prefix exits 1" 1
check_err "an ambiguous prefix names the candidates" "'2' matches several posts (20_25_May_2024, 29_April_03_May_2024, 26_April_2024)"
run show nosuchpost
check_rc "an unknown id exits 1" 1
check_err "an unknown id says how to list" "no post 'nosuchpost'; 'catchup posts' lists them"

# -- open: the browser runs without a shell, the URL as one argument
fake_browser
run open 20_25 --recording
check_rc "open --recording exits 0" 0
sleep 0.2
check_eq "open --recording opens the week's recording" "https://youtu.be/ldAvmboR8fI" "$(cat "$BROWSER_LOG")"
: >"$BROWSER_LOG"
run open 20_25 --issue
sleep 0.2
check_eq "open --issue opens the first issue" "https://github.com/cncf/tag-runtime/issues/126" "$(cat "$BROWSER_LOG")"
: >"$BROWSER_LOG"
run open 20_25 --link 5
sleep 0.2
check_eq "open --link 5" "https://docs.google.com/document/d/1tS6gL5qjGLaHDtAChssqJhBVm8BIpopUA3Ddzm9LHwg/edit#bookmark=id.l7cysm8ez6sz" "$(cat "$BROWSER_LOG")"
run open 20_25 --link 99
check_rc "open --link past the end exits 1" 1
check_err "open --link past the end says how many" "has 8 links"
: >"$BROWSER_LOG"
run open 13_17 --recording
check_rc "open --recording with none exits 1" 1
check_err "open --recording with none says so" "13_17_May_2024 mentions no recording"
BROWSER=/nonexistent/browser run open 20_25 --recording
check_rc "a missing browser exits 1" 1
check_err "a missing browser is a clear message" "no browser found"

# -- token: only to the API host, never stored
clear_log
rm -f "$CACHE" "$CACHE-wal" "$CACHE-shm"
GITHUB_TOKEN=sekrit-token-123 run refresh
check_rc "refresh with a token exits 0" 0
check_eq "the token goes to every API request" 14 "$(requests | grep '"port": "api"' | grep -c 'Bearer sekrit-token-123')"
check_eq "the token never goes to the raw host" 0 "$(requests | grep '"port": "raw"' | grep -c 'sekrit')"
check_eq "the token is not in the cache" 0 "$(cat "$CACHE"* | grep -c 'sekrit' )"
GH_TOKEN=other-token run refresh
check_eq "GH_TOKEN is used when GITHUB_TOKEN is unset" 1 "$(requests | grep -c 'Bearer other-token')"

# -- the server goes away: exit 1, clear message, offline reading works
stop_server
run refresh
check_rc "refresh without a server exits 1" 1
check_err "refresh without a server names the host" "catchup: posts: cannot connect to 127.0.0.1"
run --offline posts
check_rc "offline posts exits 0" 0
check_eq "offline posts lists all seven" 7 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
run --offline refresh
check_rc "--offline refresh is a usage error" 2

# -- a local directory works as a posts source with no network
mkdir -p "$TMP/clone"
cp "$ROOT"/tests/data/posts/*.md "$TMP/clone/"
cat >"$CONFIG" <<CFG
[group "local"]
name = Local clone
posts = $TMP/clone
CFG
run refresh
check_rc "a local posts folder refreshes without network" 0
check_eq "local folder: 7 posts" "posts: 7 (7 new) in 0 requests" "$(cat "$OUT_FILE")"
run posts --json
check_eq "local posts without dates follow the website's weight order" \
    "July_latest_in_CNAI 05_10_May_2024 20_25_May_2024 13_17_May_2024 29_April_03_May_2024 26_April_2024 12_19_April_2024" \
    "$(json "' '.join(p['id'] for p in j)" "$OUT_FILE")"
check_eq "local posts have no url and no date" "None None" "$(json "'%s %s' % (j[0]['url'], j[0]['date'])" "$OUT_FILE")"
run refresh
check_eq "local folder unchanged" "posts: 7 (0 new, 7 unchanged) in 0 requests" "$(cat "$OUT_FILE")"
