# A board shared by many groups, filtered to one group's label(s):
# board = github:ORG/projects/N?label=NAME (repeatable, any of them; drafts
# never match); the refresh, `catchup board` and its header say the filter.
. tests/lib.sh

start_server
refs() { json "' '.join(sorted('%s#%s' % (i['repo'].split('/')[1], i['number']) for i in j))" "$OUT_FILE"; }

# -- unfiltered: the whole board (10 issues, 2 drafts)
write_config "board = github:cncf/projects/38"
GITHUB_TOKEN=test-token run refresh
check_rc "whole board: refresh exits 0" 0
check_out "whole board: 12 items" "board: 12 items"

# -- one label
write_config "board = github:cncf/projects/38?label=kind/initiative"
GITHUB_TOKEN=test-token run refresh
check_rc "label: refresh exits 0 (the drafts that leave the board are pruned without an API URL)" 0
check_out "label: 3 items kept, the other 9 (drafts too) left out" \
    "board: 3 items (3 open), 9 without the label left out"
GITHUB_TOKEN=test-token run board --json
check_eq "label: only the issues carrying it" "toc#1641 toc#1675 toc#1918" "$(refs)"
GITHUB_TOKEN=test-token run board
check_eq "label: three rows" 3 "$(grep -c . "$OUT_FILE")"
check_err "label: the board's header says the filter" \
    "catchup: github:cncf/projects/38, only items with the label kind/initiative"

# -- repeatable, any of them, any case, percent-decoded
write_config "board = github:cncf/projects/38?label=KIND/initiative&label=help%20wanted"
GITHUB_TOKEN=test-token run refresh
GITHUB_TOKEN=test-token run board --json
check_eq "labels: any of them (case aside), a %20 is a space" \
    "tag-runtime#162 toc#1641 toc#1675 toc#1918" "$(refs)"
GITHUB_TOKEN=test-token run board
check_err "labels: the header names both" "only items with the label KIND/initiative or help wanted"

# -- a label no item has: an empty board, not the whole one
write_config "board = github:cncf/projects/38?label=nothing-has-this"
GITHUB_TOKEN=test-token run refresh
check_out "no match: nothing kept" "board: 0 items (0 open), 12 without the label left out"

# -- bad filters are config errors naming the line
for v in "?lable=x" "?label=" "?label=%20" "x"; do
    write_config "board = github:cncf/projects/38$v"
    run board
    check_rc "board '...$v': exit 2" 2
done
write_config "board = github:cncf/projects/38?lable=x"
run board
check_err "an unknown key says what is allowed" "after '?' only label=NAME"

