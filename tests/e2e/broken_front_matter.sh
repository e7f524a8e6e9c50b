# A post whose front matter cannot be read is listed and shown all the
# same: titled by its first heading (else its file name), its body whole,
# the error at the top of `show` (and the reader), `front_matter_error` in
# the JSON.  The refresh stores it and says so; it is not a failed source.
. tests/lib.sh

start_server
write_config
run refresh
check_rc "setup: refresh" 0
P="$SRV_ROOT/repos/cncf/tag-runtime/main/wgs/cnai/news"
printf -- '---\ntitle: "unclosed\nweight: [1\n---\nIntro line.\n\n## Zanzibar planning notes\n\nThe body talks of quokkas.\n' >"$P/broken.md"
printf -- '---\ntitle: x\nweight: abc\n---\nNo heading here, only text about wombats.\n' >"$P/no_heading.md"
printf -- '---\ntitle: "x\n\n# Never closed\n\nBody of the unclosed one.\n' >"$P/unclosed.md"

run refresh
check_rc "broken front matter: the refresh still succeeds" 0
check_out "the refresh says how many were shown without front matter" \
    "posts: 10 (3 new, 7 unchanged, 3 with broken front matter: shown without it)"
run posts
check_eq "posts lists all ten" 10 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
check_out "titled by its first heading" "Zanzibar planning notes"
check_out "without a heading: titled by its file name" "no_heading"
check_out "front matter no line closes: the heading after it" "Never closed"
run posts --json
check_eq "posts --json: the error of the broken one" "front matter line 2: found unexpected end of stream" \
    "$(json "[p['front_matter_error'] for p in j if p['id']=='broken'][0]" "$OUT_FILE")"
check_eq "posts --json: null for the others" "None" \
    "$(json "[p['front_matter_error'] for p in j if p['id']=='20_25_May_2024'][0]" "$OUT_FILE")"
check_eq "its date is that of its first commit" "commit" \
    "$(json "[p['date_source'] for p in j if p['id']=='broken'][0]" "$OUT_FILE")"

run show broken
check_rc "show broken exits 0" 0
check_eq "show: the error comes first" \
    "│ The front matter of this post is broken: front matter line 2: found unexpected" \
    "$(head -1 "$OUT_FILE")"
check_out "show: then the body, whole" "The body talks of quokkas."
check_out "show: the text before the heading too" "Intro line."
run show no_heading --json
check_eq "show --json: front_matter_error" "front matter line 3: weight 'abc' is not a whole number" \
    "$(json "j['front_matter_error']" "$OUT_FILE")"
check_eq "show --json: the body without the front matter" "No heading here, only text about wombats." \
    "$(json "j['body'].strip()" "$OUT_FILE")"
run search quokkas --json
check_eq "search finds words of its body" "broken" "$(json "j[0]['id'] if j else ''" "$OUT_FILE")"

# fixed upstream: the error is gone
printf -- '---\ntitle: "Fixed title"\nweight: 1\n---\nThe body talks of quokkas.\n' >"$P/broken.md"
run refresh
check_out "a fixed post is updated" "1 updated"
run show broken --json
check_eq "a fixed post has no error" "None" "$(json "j['front_matter_error']" "$OUT_FILE")"
check_eq "a fixed post has its front matter title" "Fixed title" "$(json "j['title']" "$OUT_FILE")"
run show broken
check_file_lacks "a fixed post: no error at the top" "$OUT_FILE" "front matter of this post is broken"

# a local folder of posts: the same
mkdir -p "$TMP/folder"
printf -- '---\ntitle: [a\n---\n# Local heading\n\nLocal body.\n' >"$TMP/folder/local.md"
write_config "posts = $TMP/folder"
run refresh
check_rc "a folder: refresh exits 0" 0
run posts
check_out "a folder: listed by its heading" "Local heading"
