# Hugo's own front matter: TOML between '+++' lines (what `hugo new` writes).
# Titles, dates in every TOML form, drafts left out, weights, the body shown
# without the block, a broken block shown all the same; from GitHub (one API
# request: the tree) and from a local folder.
. tests/lib.sh

start_server

api_count() { requests | grep -c '"port": "api"'; }
posts_json() {
    catchup posts --json >"$TMP/posts.json" 2>"$ERR_FILE"
    json "$1" "$TMP/posts.json"
}

H="$SRV_ROOT/repos/hugo/toml/main/content/posts"
mkdir -p "$H/2025/bundle"
cat >"$H/hello.md" <<'MD'
+++
title = "Hello TOML"
date = 2026-03-01T10:00:00Z
draft = false
+++

Body text.
MD
cat >"$H/offset.md" <<'MD'
+++
title = 'An offset, C:\literally'
date = 2026-02-01T09:00:00+02:00
tags = [
  "hugo",
  "toml", # title = "not this"
]
[params]
title = "Not the title"
+++
Offset body.
MD
cat >"$H/local-date.md" <<'MD'
+++
# a comment
title = "Local \u00e9t\u00e9 \"date\""
date = 2026-01-15
description = """
A summary
over two lines."""
+++
Local body.
MD
cat >"$H/2025/bundle/index.md" <<'MD'
+++
title = "A bundle"
date = 2025-12-24 18:00:00
+++
Bundle body.
MD
cat >"$H/draft.md" <<'MD'
+++
title = "A draft"
date = 2026-04-01
draft = true
+++
Draft body.
MD
# the same day: by weight, not by name
cat >"$H/same-day-a.md" <<'MD'
+++
title = "Second on the day"
date = 2025-11-01
weight = 2
+++
MD
cat >"$H/same-day-b.md" <<'MD'
+++
title = "First on the day"
date = 2025-11-01
weight = 1
+++
MD
cat >"$H/2025-10-01-leap.md" <<'MD'
+++
title = "Leap"
date = 2022-02-29
+++
MD
printf '+++\ntitle = "Broken\nweight = 3\n+++\n# Broken heading\n\nThe broken body.\n' \
    >"$H/2025-09-01-broken.md"
printf -- '---\ntitle: YAML post\ndate: 2025-08-01\n---\nText.\n\n+++\ntitle = "x"\n+++\n' \
    >"$H/yaml.md"

write_config "posts = github:hugo/toml/content/posts@main"
clear_log
run refresh
check_rc "refresh exits 0 (a broken block and a bad date are warnings)" 0
check_out "9 posts, the draft read and left out, one broken" \
    "posts: 9 (9 new, 1 with broken front matter: shown without it) in 11 requests"
check_eq "one API request: the tree (no commit asked: every post has a date)" "1 0" \
    "$(api_count) $(requests | grep -c /commits)"
check_err "the bad date is said, as for YAML" \
    "2025-10-01-leap: its front matter date '2022-02-29' is not a real date or time; dated by its file name"
check_eq "titles and dates from TOML, newest first, the same day by weight" \
    '[["hello", "2026-03-01T10:00:00Z", "Hello TOML"], ["offset", "2026-02-01T07:00:00Z", "An offset, C:\\literally"], ["local-date", "2026-01-15", "Local \u00e9t\u00e9 \"date\""], ["bundle", "2025-12-24T18:00:00Z", "A bundle"], ["same-day-b", "2025-11-01", "First on the day"], ["same-day-a", "2025-11-01", "Second on the day"], ["2025-10-01-leap", "2025-10-01", "Leap"], ["2025-09-01-broken", "2025-09-01", "Broken heading"], ["yaml", "2025-08-01", "YAML post"]]' \
    "$(posts_json "[[p['id'], p['date'], p['title']] for p in j]")"
check_eq "dated by the front matter; weights kept" "front matter front matter 1 2" \
    "$(posts_json "'%s %s %s %s' % (j[0]['date_source'], j[3]['date_source'], j[4]['weight'], j[5]['weight'])")"
check_eq "the description of a multi-line string" "A summary
over two lines." "$(posts_json "j[2]['description']")"
check_eq "the draft is left out" "False" "$(posts_json "any(p['id'] == 'draft' for p in j)")"
run posts
check_eq "catchup posts: id, date, the front matter title" "hello 2026-03-01 Hello TOML" \
    "$(head -1 "$OUT_FILE" | tr -s ' ')"

run show hello --json
check_eq "show --json: the body without the block" "Body text." "$(json "j['body'].strip()" "$OUT_FILE")"
run show hello
check_rc "show exits 0" 0
check_out "show: the title" "Hello TOML"
check_out "show: the body" "Body text."
check_file_lacks "show: not the block" "$OUT_FILE" "title ="
check_file_lacks "show: not its delimiter" "$OUT_FILE" "+++"
run show offset
check_file_lacks "show: a [params] table is not body text" "$OUT_FILE" "Not the title"
check_out "show: its body" "Offset body."

run show 2025-09-01-broken --json
check_eq "a broken block: the error names the line" \
    "front matter line 2: a string is not closed on its line" "$(json "j['front_matter_error']" "$OUT_FILE")"
check_eq "a broken block: the body after it" "# Broken heading

The broken body." "$(json "j['body'].strip()" "$OUT_FILE")"
run show 2025-09-01-broken
check_eq "a broken block: the reader says why first" \
    "│ The front matter of this post is broken: front matter line 2: a string is not" \
    "$(head -1 "$OUT_FILE")"
run show yaml --json
check_eq "a '+++' below a YAML block is body text" "True" \
    "$(json "'+++' in j['body'] and 'title = \"x\"' in j['body']" "$OUT_FILE")"

clear_log
run refresh
check_eq "a refresh that changes nothing: 1 API request, answered 304" "1 1" \
    "$(api_count) $(requests | grep -c '"status": 304')"

# ---- a local folder (no git history): undated posts ordered by weight ------
L="$TMP/site/content/posts"
mkdir -p "$L"
cp "$H/hello.md" "$H/draft.md" "$L/"
for w in alpha:3 beta:1 gamma:2; do
    printf '+++\ntitle = "Undated %s"\nweight = %s\n+++\nText.\n' "${w%:*}" "${w#*:}" >"$L/${w%:*}.md"
done
printf '+++\ntitle = "Undated, no weight"\n+++\nText.\n' >"$L/aaa.md"
write_config "posts = $L"
rm -rf "$XDG_CACHE_HOME"
run refresh
check_out "a folder: 5 posts, the draft left out" "posts: 5 (5 new) in 0 requests"
check_eq "a folder: the dated post first, then the undated by weight, the unweighted last" \
    '[["hello", "2026-03-01T10:00:00Z"], ["beta", null], ["gamma", null], ["alpha", null], ["aaa", null]]' \
    "$(posts_json "[[p['id'], p['date']] for p in j]")"
run show hello --json
check_eq "a folder: the body without the block" "Body text." "$(json "j['body'].strip()" "$OUT_FILE")"
