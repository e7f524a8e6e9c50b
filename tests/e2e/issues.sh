# Posts from GitHub issues (github-issues:OWNER/REPO?title=ERE&labels=...):
# the cncf/toc AI meetings of the corpus among 20 other issues, dates from
# titles, comments in order, the request budgets from the server's log, a new
# comment, a second repository, several posts sources in one timeline.
. tests/lib.sh

start_server
MEET='github-issues:cncf/toc?title=%5E%5C%5BTOC%20Artificial%20Intelligence%20Initiatives%20Meeting%5C%5D'
write_config "posts = $MEET"
api_requests() { requests | grep -c '"port": "api"'; }
paths() { requests | python3 -c 'import sys, json; [print(json.loads(l)["path"]) for l in sys.stdin]'; }

# -- cold: one search, one comments request per meeting that has comments (9)
run refresh
check_rc "cold refresh exits 0" 0
check_eq "cold refresh: 16 meetings" "posts: 16 (16 new) in 10 requests" "$(cat "$OUT_FILE")"
check_eq "cold refresh budget: 1 search + 9 comments requests" "1 9 10" \
    "$(paths | grep -c '^/search/issues') $(paths | grep -c '/comments') $(api_requests)"
check_file_has "the search asks for the title's words" "$TMP/requests.log" \
    'in%3Atitle%20%22TOC%20Artificial%20Intelligence%20Initiatives%20Meeting%22'
check_eq "no comments asked for meetings without any" 0 "$(paths | grep -c 'issues/1676/comments')"

run posts --json
check_eq "the 16 meetings, none of the other 20 issues, newest first" \
    "toc#1900 toc#1899 toc#1898 toc#1897 toc#1896 toc#1895 toc#1690 toc#1689 toc#1688 toc#1687 toc#1686 toc#1685 toc#1684 toc#1683 toc#1682 toc#1676" \
    "$(json "' '.join(p['id'] for p in j)" "$OUT_FILE")"
check_eq "dates from the titles, not the creation dates" "2025-12-19 title 2025-05-23" \
    "$(json "'%s %s %s' % (j[0]['date'], j[0]['date_source'], j[15]['date'])" "$OUT_FILE")"
check_eq "a title that is only the series and the date reads as the series, no description" \
    "TOC Artificial Intelligence Initiatives Meeting|None" \
    "$(json "j[0]['title'] + '|' + str(j[0]['description'])" "$OUT_FILE")"
check_eq "url is the issue" "https://github.com/cncf/toc/issues/1900" "$(json "j[0]['url']" "$OUT_FILE")"

run show toc#1900 --json
check_eq "body: the agenda, then the comments in order with author and date" "True" \
    "$(json "j['body'].index('## Agenda') < j['body'].index('#### julioc-p, 2025-11-27') < j['body'].index('#### joshhalley, 2025-12-18')" "$OUT_FILE")"
run show cncf/toc#1900
check_rc "show takes OWNER/REPO#N" 0
check_out "show renders the notes" "December 19th, 2025"
check_file_lacks "a past meeting has no upcoming footer" "$OUT_FILE" "Upcoming meeting"
# GitHub shows a line break in an issue or comment as one ("**Host:**\n**Note
# Taker:**"), unlike a Markdown file's, which joins the lines
check_eq "an issue's line breaks are kept, as GitHub shows them" "Host:|Note Taker:" \
    "$(grep -E '^(Host|Note Taker):' "$OUT_FILE" | tr '\n' '|' | sed 's/|$//')"
run show toc#1685
check_eq "a comment's too (one host a line)" "@raravena80|@joshhalley|@zanetworker" \
    "$(grep -E '^@(raravena80|joshhalley|zanetworker)$' "$OUT_FILE" | head -3 | tr '\n' '|' | sed 's/|$//')"
run show cncf/toc#1900
# 2025-12-10 12:00 UTC: the meeting of 19 Dec is ahead
CATCHUP_NOW=1765368000 COLUMNS=200 run show toc#1900
check_out "an upcoming meeting says so under its date" "upcoming: the agenda is open; add an item on GitHub"
check_out "... and its footer says how to add an agenda item" \
    "Upcoming meeting: to add an agenda item, open its issue (o in the reader, or catchup open toc#1900) and comment there."
run show toc#167
check_rc "show takes a unique prefix" 0
check_out "the prefix found #1676" "2025-05-23"

# -- nothing changed: one request
clear_log
run refresh
check_eq "no-change refresh" "posts: 16 (0 new, 16 unchanged) in 1 request" "$(cat "$OUT_FILE")"
check_eq "no-change budget: 1 search asking only for updates" "1 1" \
    "$(api_requests) $(paths | grep -c 'updated%3A%3E%3D2025-12-18T00%3A00%3A00Z')"

# -- a new comment on one meeting
python3 - "$SRV_ROOT/issues/cncf_toc.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i in d:
    if i["number"] == 1899:
        i["comments_list"].append({"id": 1, "user": {"login": "newcomer"}, "body": "Notes: the zebrafish benchmark was discussed.",
                                   "created_at": "2025-12-06T00:00:00Z", "updated_at": "2025-12-06T00:00:00Z",
                                   "html_url": "https://github.com/cncf/toc/issues/1899#issuecomment-1"})
        i["updated_at"] = "2025-12-20T00:00:00Z"
json.dump(d, open(sys.argv[1], "w"))
PY
run show toc#1899 # read it: the comment must make it unread again
T=$(($(date +%s) + 10))
python3 - "$CACHE" "$T" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('last_visit:cnai', ?)", (sys.argv[2],))
db.commit()
PY
clear_log
CATCHUP_NOW=$((T + 60)) run refresh
check_eq "new comment refresh" "posts: 16 (0 new, 1 updated, 15 unchanged) in 2 requests" "$(cat "$OUT_FILE")"
check_eq "new comment budget: at most 3 (search + its comments)" "2 1" \
    "$(api_requests) $(paths | grep -c 'issues/1899/comments')"
run posts --json
check_eq "the meeting is unread again" "True" "$(json "[p for p in j if p['id'] == 'toc#1899'][0]['unread']" "$OUT_FILE")"
CATCHUP_NOW=$((T + 120)) run new --json
check_eq "catchup new: the meeting is updated" "toc#1899" \
    "$(json "' '.join(i['key'] for i in j if i['kind'] == 'post_updated')" "$OUT_FILE")"
run search zebrafish
check_out "comments are searchable" "toc#1899"

# -- a second repository: another title pattern, a label with a '+'
cat >"$SRV_ROOT/issues/example.json" <<'JSON'
[{"repo": "example/community", "number": 7, "title": "Community Call (2026-01-08)", "state": "closed",
  "labels": [{"name": "meeting+"}], "user": {"login": "a"}, "body": "Agenda: [zoom](https://zoom.us/j/123)",
  "created_at": "2025-12-20T00:00:00Z", "updated_at": "2026-01-08T00:00:00Z", "closed_at": null,
  "html_url": "https://github.com/example/community/issues/7", "comments_list": []},
 {"repo": "example/community", "number": 9, "title": "Community Call (2026-01-22)", "state": "open",
  "labels": [{"name": "meeting+"}], "user": {"login": "a"}, "body": "Agenda",
  "created_at": "2026-01-09T00:00:00Z", "updated_at": "2026-01-09T00:00:00Z", "closed_at": null,
  "html_url": "https://github.com/example/community/issues/9", "comments_list": []},
 {"repo": "example/community", "number": 10, "title": "Community Call (2026-02-05)", "state": "open",
  "labels": [], "user": {"login": "a"}, "body": "not labelled",
  "created_at": "2026-01-10T00:00:00Z", "updated_at": "2026-01-10T00:00:00Z", "closed_at": null,
  "html_url": "https://github.com/example/community/issues/10", "comments_list": []},
 {"repo": "example/community", "number": 11, "title": "Bug: the call link is wrong", "state": "open",
  "labels": [{"name": "meeting+"}], "user": {"login": "a"}, "body": "a bug",
  "created_at": "2026-01-11T00:00:00Z", "updated_at": "2026-01-11T00:00:00Z", "closed_at": null,
  "html_url": "https://github.com/example/community/issues/11", "comments_list": []},
 {"repo": "example/community", "number": 12, "title": "Community Call (2026-03-05)", "state": "open",
  "labels": [{"name": "meeting+"}], "user": {"login": "a"}, "body": "a pull request", "pull_request": {},
  "created_at": "2026-01-12T00:00:00Z", "updated_at": "2026-01-12T00:00:00Z", "closed_at": null,
  "html_url": "https://github.com/example/community/pull/12", "comments_list": []}]
JSON
write_config "posts = github-issues:example/community?title=%5ECommunity%20Call%20%5C(&labels=meeting%2B"
clear_log
run refresh
check_eq "second repo: title ERE and the label with a '+'" "posts: 2 (2 new, 16 of a source no longer in the config removed) in 1 request" "$(cat "$OUT_FILE")"
check_file_has "the search names the label" "$TMP/requests.log" 'label%3A%22meeting%2B%22'
run posts
check_eq "second repo: its two calls, dated from their titles" \
    "community#9  2026-01-22  Community Call (2026-01-22)|community#7  2026-01-08  Community Call (2026-01-08)" \
    "$(paste -sd'|' "$OUT_FILE")"

write_config "posts = github-issues:example/community?labels=meeting%2B&state=all"
clear_log
run refresh
check_eq "labels only: the issues list, pull requests left out; the other spec's posts go" \
    "posts: 3 (3 new, 2 of a source no longer in the config removed) in 1 request" "$(cat "$OUT_FILE")"
check_eq "labels only: GET /repos/O/R/issues with labels and state" 1 \
    "$(paths | grep -c '^/repos/example/community/issues?state=all&labels=meeting%2B&sort=updated')"
clear_log
run refresh
check_eq "labels only, nothing changed: one request, since the newest update" "1 1" \
    "$(api_requests) $(paths | grep -c 'since=2026-01-11T00%3A00%3A00Z')"
clear_log
run refresh
check_eq "labels only, again: that stable URL's ETag answers 304" "1 1" \
    "$(api_requests) $(requests | grep -c '"status": 304')"

# -- bad specs
write_config "posts = github-issues:cncf/toc?title=%5B"
run posts
check_rc "a bad ERE is a config error" 2
check_err "it names the key" "title '[' is not a regular expression"
write_config "posts = github-issues:cncf/toc?tilte=x"
run posts
check_err "an unknown key is named" "unknown key 'tilte'"
write_config "posts = github-issues:cncf/toc?state=shut"
run posts
check_err "state is checked" "state must be open, closed or all"

# -- two posts sources, one timeline: the meetings above the 2024 weeks
write_config "posts = github:cncf/tag-runtime/wgs/cnai/news@main" "posts = $MEET"
run refresh
check_eq "two sources: both stored, the old spec's posts removed" \
    "posts: 23 (23 new, 3 of a source no longer in the config removed) in 32 requests" "$(cat "$OUT_FILE")"
run posts
check_eq "one timeline, newest first, each row with its source's badge" \
    "toc#1900              2025-12-19  toc         TOC Artificial Intelligence Initiatives Meeting" \
    "$(head -1 "$OUT_FILE")"
check_eq "the 2024 weeks follow the 2025 meetings" \
    "July_latest_in_CNAI   2024-07-19  tag-runtime [July] Cloud Native AI Working Group: Latest Developments" \
    "$(sed -n 17p "$OUT_FILE")"
run posts --json
check_eq "posts --json names each post's source" "$MEET tag-runtime" \
    "$(json "j[0]['source'] + ' ' + j[16]['badge']" "$OUT_FILE")"

write_config "posts = $MEET"
run refresh
check_eq "a source taken out of the config: its posts go, and the refresh says so" \
    "posts: 16 (0 new, 16 unchanged, 7 of a source no longer in the config removed) in 1 request" \
    "$(cat "$OUT_FILE")"
run posts
check_eq "one source again: no badges" \
    "toc#1900  2025-12-19  TOC Artificial Intelligence Initiatives Meeting" "$(head -1 "$OUT_FILE")"
