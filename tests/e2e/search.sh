# Full-text search and the Start here page from the command line.
. tests/lib.sh

start_server
write_config "onboarding = github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main"
run refresh
check_rc "setup: refresh" 0
check_out "the onboarding page is fetched" "onboarding: updated (Onboarding) in 1 request"

run search Kepler --json
check_rc "search Kepler exits 0" 0
check_eq "Kepler finds the 20-25 May week first" "20_25_May_2024" "$(json "j[0]['id']" "$OUT_FILE")"
check_eq "the snippet shows the match" "True" "$(json "'Kepler' in j[0]['snippet']" "$OUT_FILE")"
check_eq "JSON hits have id, title, snippet" "True" \
    "$(json "all(k in j[0] for k in ('id', 'title', 'snippet'))" "$OUT_FILE")"
run search sustainability --json
check_eq "sustainability finds the May and July weeks" "20_25_May_2024 July_latest_in_CNAI" \
    "$(json "' '.join(sorted(h['id'] for h in j))" "$OUT_FILE")"
run search '"white paper"' --json
check_eq "a phrase" "05_10_May_2024 13_17_May_2024 July_latest_in_CNAI" "$(json "' '.join(sorted(h['id'] for h in j))" "$OUT_FILE")"
check_eq "a phrase: the words together, not apart" "True" "$(json "all('white paper' in h['snippet'].lower() for h in j)" "$OUT_FILE")"
run search 'sched*' --json
check_eq "a prefix" "True" "$(json "len(j) >= 2 and all('ched' in h['snippet'].lower() for h in j)" "$OUT_FILE")"
run search 'Kepler OR KAITO' --json
check_eq "OR" "20_25_May_2024 July_latest_in_CNAI" "$(json "' '.join(sorted(h['id'] for h in j))" "$OUT_FILE")"
run search 'Kubeflow NOT blog' --json
check_rc "NOT works" 0
check_eq "NOT drops the weeks with the word" "False" "$(json "any('blog' in h['snippet'].lower() for h in j)" "$OUT_FILE")"
run search zzzzqqqx --json
check_rc "no hit: exit 0" 0
check_eq "no hit: an empty list" "[]" "$(tr -d ' \n' <"$OUT_FILE")"
run search zzzzqqqx
check_err "no hit: says so on the terminal" "nothing matches 'zzzzqqqx'"
run search '"unclosed'
check_rc "a malformed query: exit 2" 2
check_err "a malformed query: a message, not an SQL error" "cannot read the query '\"unclosed': use words, \"a phrase\", prefix*, AND, OR, NOT"
run search 'AND OR'
check_rc "operators alone: exit 2" 2
run search 20-25 --json
check_eq "plain words FTS5 cannot read are searched literally" "20_25_May_2024" "$(json "j[0]['id']" "$OUT_FILE")"
run search Kepler
check_out "text output: one hit a line: id, date, title, snippet" "20_25_May_2024  2024-05-27  This Week in CN AI (20-25 May 2024)  …metrics, tools like Kepler (in sandbox)"
# the index follows the cache: a changed post is found by its new words
sed -i 's/Kepler/Keplerian/' "$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news/20_25_May_2024.md"
run refresh
run search Keplerian --json
check_eq "the index is updated with the post" "20_25_May_2024" "$(json "j[0]['id'] if j else ''" "$OUT_FILE")"
run search Kepler --json
check_eq "the old word is gone from the index" "[]" "$(tr -d ' \n' <"$OUT_FILE")"
run --offline search Keplerian
check_rc "search works offline" 0

# -- Start here from the command line
run start
check_rc "start exits 0" 0
check_out "start names the group" "Get involved with the Cloud Native AI Working Group"
check_out "start lists the Slack channel" "Slack: https://cloud-native.slack.com/archives/C05TYJE81SR"
check_out "start has the latest posts' advice" "Join the conversation: Find the group on the #wg-artificial-intelligence"
check_out "start renders the onboarding page" "Step 1: Read the White Paper"
check_eq "the repeated Slack bullet appears once" 1 "$(grep -c 'Join the conversation' "$OUT_FILE")"
run start --json
check_eq "start --json has the body and links" "True" \
    "$(json "'Get involved' in j['body'] and len(j['links']) > 3" "$OUT_FILE")"

# -- board items are searched too (with a token the whole board is read)
write_config "board = github:cncf/projects/38"
GITHUB_TOKEN=test-token run refresh
check_rc "board refresh for search" 0
run search Radar --json
check_eq "a board item is found by its title" "board draft: CNAI Radar" \
    "$(json "' '.join([j[0]['kind'], j[0]['title']])" "$OUT_FILE")"
run search 'Sustainability' --json
check_eq "posts and board items come together, ranked" "True" \
    "$(json "any(h['kind'] == 'board' for h in j) and any(h['kind'] == 'post' for h in j)" "$OUT_FILE")"
check_eq "a board hit names its repo and number" "True" \
    "$(json "any(h['title'].startswith('cncf/toc#1675 ') for h in j)" "$OUT_FILE")"
run search Radar
check_out "board hits in the text output" "board  2024-06-01  draft: CNAI Radar  "
