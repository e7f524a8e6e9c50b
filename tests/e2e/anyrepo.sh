# Posts from any group's repository (issue 15): the git tree in one request,
# files from the raw host, posts anywhere below the folder, dates by front
# matter / file or folder name / first commit, titles, big repositories,
# the commits budget, and a local clone.  Each part checks ids, dates,
# titles, order and the API requests the fixture server logged.
. tests/lib.sh

start_server

api_count() { requests | grep -c '"port": "api"'; }
raw_count() { requests | grep -c '"port": "raw"'; }
# posts_json EXPR: the expression on `catchup posts --json` (as j)
posts_json() {
    catchup posts --json >"$TMP/posts.json" 2>"$ERR_FILE"
    json "$1" "$TMP/posts.json"
}
fresh() { # fresh CONFIG-LINES...: a new cache and an empty log
    rm -rf "$XDG_CACHE_HOME"
    write_config "$@"
    clear_log
}

# ---- the CNCF Batch subproject's meeting notes ------------------------------
serve_batch
R="$SRV_ROOT/repos/cncf/toc/main"
mkdir -p "$R/tags/other" "$R/.github"
printf '# TOC\n' >"$R/README.md"
printf '# Other\n' >"$R/tags/other/2026-01-01.md"
printf 'x\n' >"$R/.github/CODEOWNERS"

fresh "posts = github:cncf/toc/$BATCH@main"
run refresh
check_rc "batch: refresh exits 0" 0
check_eq "batch: 58 notes, the README is not one" "posts: 58 (58 new) in 59 requests" "$(cat "$OUT_FILE")"
check_eq "batch: one API request (the tree), 58 raw files, no commits asked" "1 58 0" \
    "$(api_count) $(raw_count) $(requests | grep -c /commits)"
check_eq "batch: the tree is asked once, recursively" 1 \
    "$(requests | grep -c '/repos/cncf/toc/git/trees/main?recursive=1')"
check_eq "batch: files come from the raw host under /raw" 58 \
    "$(requests | grep -c "\"path\": \"/raw/cncf/toc/main/$BATCH/20")"
run posts
check_eq "batch: catchup posts, newest first, titled by the first H1" \
    "2026-06-02  2026-06-02  Meeting Notes — Jun 2, 2026
2026-05-19  2026-05-19  📅 May 19, 2026: Topology-Awareness in Slurm Redux" "$(head -2 "$OUT_FILE")"
check_eq "batch: the oldest last" "2022-06-06  2022-06-06  📅 Jun 6, 2022" "$(tail -1 "$OUT_FILE")"
run show 2026-06-02
check_eq "batch: the reader shows the title once, not again as the body's first heading" \
    "1 📽️ Recording[1]" \
    "$(grep -c 'Meeting Notes — Jun 2, 2026' "$OUT_FILE") $(sed -n '/^──/,$p' "$OUT_FILE" | grep -m1 '[A-Za-z]' | sed 's/^ *//' | cut -d' ' -f1-2)"
check_eq "batch: dated by the file name; the rules' values" \
    "file name 2026-06-02 None None" \
    "$(posts_json "'%s %s %s %s' % (j[0]['date_source'], j[0]['date_file_name'], j[0]['date_front_matter'], j[0]['date_commit'])")"
check_eq "batch: no other folder's file" "False" "$(posts_json "any(p['title'] == 'Other' for p in j)")"
clear_log
run refresh
check_eq "batch: a refresh that changes nothing: 1 API request, answered 304" \
    "posts: 58 (0 new, 58 unchanged) in 1 request|1 1 0" \
    "$(cat "$OUT_FILE")|$(api_count) $(requests | grep -c '"status": 304') $(raw_count)"
printf '\nMore notes.\n' >>"$R/$BATCH/2025-01-13.md"
clear_log
run refresh
check_eq "batch: one post changed: 1 API request and 1 raw fetch" \
    "posts: 58 (0 new, 1 updated, 57 unchanged) in 2 requests|1 1" \
    "$(cat "$OUT_FILE")|$(api_count) $(raw_count)"

# ---- a big repository: the folder's subtree, then the walk -------------------
for i in $(seq 1 40); do printf 'x\n' >"$R/tags/other/f$i.txt"; done
ctl tree_limit '{"entries": 80}' >/dev/null
fresh "posts = github:cncf/toc/$BATCH@main"
run refresh
check_eq "big repo: the tree is truncated; the parent's listing and the subtree: 3 API requests" \
    "posts: 58 (58 new) in 61 requests|3" "$(cat "$OUT_FILE")|$(api_count)"
check_eq "big repo: the parent folder's contents, then git/trees/SHA" "1 1" \
    "$(requests | grep -c '/contents/tags/tag-workloads-foundation/subprojects/batch?ref=main') $(requests | grep -c '/git/trees/[0-9a-f]\{40\}?recursive=1')"
clear_log
run refresh
check_eq "big repo: nothing changed: 1 API request (the parent's listing, 304)" \
    "posts: 58 (0 new, 58 unchanged) in 1 request|1 1" \
    "$(cat "$OUT_FILE")|$(api_count) $(requests | grep -c '"status": 304')"
ctl tree_limit '{"entries": 20}' >/dev/null
fresh "posts = github:cncf/toc/$BATCH@main"
run refresh
check_eq "big repo, a subtree truncated too: listed with the contents API" \
    "posts: 58 (58 new) in 62 requests|4" "$(cat "$OUT_FILE")|$(api_count)"
run posts
check_eq "big repo: the same posts" "2026-06-02  2026-06-02  Meeting Notes — Jun 2, 2026" "$(head -1 "$OUT_FILE")"
ctl tree_limit '{"entries": 100000}' >/dev/null

# ---- a Jekyll series: every date form, and two broken ones -------------------
J="$SRV_ROOT/repos/weekly/site/main/_posts"
mkdir -p "$J"
jpost() { # jpost FILE DATE-LINE
    printf -- '---\nlayout: post\ntitle: "%s"\n%s\n---\nBody of %s.\n' "$1" "$2" "$1" >"$J/$1.md"
}
jpost 2026-08-20-plain 'date: 2026-08-20'
jpost 2026-08-13-zulu 'date: 2026-08-13T22:00:00Z'
jpost 2026-08-06-offset 'date: 2026-08-06T22:00:00+02:00'
jpost 2026-07-30-jekyll 'date: 2026-07-30 22:00:00 -0000'
jpost 2026-07-23-jekyll-plus 'date: 2026-07-23 22:00:00 +0200'
jpost 2026-07-16-no-seconds 'date: 2026-07-16 22:00 +0200'
jpost 2026-07-09-zulu-minutes 'date: "2026-07-09T22:00Z"'
jpost 2026-07-02-publish 'publishDate: 2026-07-01'
jpost 2022-02-28-leap 'date: 2022-02-29'
jpost 2026-03-05-garbled 'date: 2026-03-05 25:99:00 +0000'
fresh "posts = github:weekly/site/_posts@main"
run refresh
check_rc "jekyll: refresh exits 0 (the broken dates are a warning)" 0
check_eq "jekyll: 10 posts, one API request" "posts: 10 (10 new) in 11 requests|1" "$(cat "$OUT_FILE")|$(api_count)"
check_err "jekyll: the warning names the post and says why" \
    "catchup: warning: posts: 2022-02-28-leap: its front matter date '2022-02-29' is not a real date or time; dated by its file name (and 1 more)"
check_eq "jekyll: every form read, newest first" \
    "2026-08-20 2026-08-13T22:00:00Z 2026-08-06T20:00:00Z 2026-07-30T22:00:00Z 2026-07-23T20:00:00Z 2026-07-16T20:00:00Z 2026-07-09T22:00:00Z 2026-07-01 2026-03-05 2022-02-28" \
    "$(posts_json "' '.join(p['date'] for p in j)")"
check_eq "jekyll: date sources" "front matter front matter file name" \
    "$(posts_json "' '.join([j[0]['date_source'], j[7]['date_source'], j[9]['date_source']])")"
check_eq "jekyll: the broken date is not used, and said" \
    "None 2022-02-28 its front matter date '2022-02-29' is not a real date or time" \
    "$(posts_json "'%s %s %s' % (j[9]['date_front_matter'], j[9]['date_file_name'], j[9]['date_problem'])")"
check_eq "jekyll: a garbled time neither" "2026-03-05-garbled None file name" \
    "$(posts_json "'%s %s %s' % (j[8]['id'], j[8]['date_front_matter'], j[8]['date_source'])")"
run show 2022-02-28-leap
check_out "jekyll: the reader says why too" "Date: its front matter date '2022-02-29' is not a real date or time; dated by"

# ---- a Hugo blog: year folders, bundles, section pages, drafts ---------------
H="$SRV_ROOT/repos/hugo/blog/main/content/blog"
mkdir -p "$H/2026/bundle-post" "$H/2025/05/old" "$H/.hidden" "$H/_drafts"
hpost() { # hpost PATH FRONT-MATTER-LINES...
    f="$H/$1"
    shift
    { echo ---; for l in "$@"; do echo "$l"; done; echo ---; echo "Text."; } >"$f"
}
hpost _index.md 'title: Blog'
hpost 2026/_index.md 'title: 2026'
hpost 2026/first-post.md 'title: First of 2026' 'date: 2026-03-01T10:00:00Z'
hpost 2025/first-post.md 'title: First of 2025' 'date: 2025-03-01'
hpost 2026/bundle-post/index.md 'title: A bundle' 'date: 2026-04-01'
hpost 2026/bundle-post/notes.md 'title: A resource of the bundle'
printf 'PNG' >"$H/2026/bundle-post/image.png"
hpost 2025/draft-post.md 'title: A draft' 'date: 2025-06-01' 'draft: true'
hpost 2025/05/old/index.md 'title: Old bundle'
hpost .hidden/secret.md 'title: Hidden' 'date: 2027-01-01'
hpost _drafts/soon.md 'title: Soon' 'date: 2027-01-01'
hpost README.md 'title: Read me'
printf 'No front matter, no date anywhere.\n' >"$H/undated_notes.md"
touch -d '2024-02-03 04:05:06 UTC' "$H/undated_notes.md"
fresh "posts = github:hugo/blog/content/blog@main"
run refresh
check_eq "hugo: 5 posts (the draft is read, not kept); the tree and one commits request" "posts: 5 (5 new) in 8 requests|2" \
    "$(cat "$OUT_FILE")|$(api_count)"
check_eq "hugo: ids, dates and titles, newest first" \
    '[["bundle-post", "2026-04-01", "A bundle"], ["2026/first-post", "2026-03-01T10:00:00Z", "First of 2026"], ["old", "2025-05-01", "Old bundle"], ["2025/first-post", "2025-03-01", "First of 2025"], ["undated_notes", "2024-02-03T04:05:06Z", "undated notes"]]' \
    "$(posts_json "[[p['id'], p['date'], p['title']] for p in j]")"
check_eq "hugo: year/month folders date a bundle; a file without any, its first commit" \
    "file name commit 2024-02-03T04:05:06Z" \
    "$(posts_json "'%s %s %s' % (j[2]['date_source'], j[4]['date_source'], j[4]['date_commit'])")"
run show 2025/first
check_out "hugo: show takes a prefix of a path id" "First of 2025"

# ---- more than 1,000 posts in one folder --------------------------------------
B="$SRV_ROOT/repos/big/weeks/main/weeks"
mkdir -p "$B"
python3 - "$B" <<'PY'
import datetime, os, sys
d0 = datetime.date(2000, 1, 3)
for i in range(1200):
    d = d0 + datetime.timedelta(weeks=i)
    with open(os.path.join(sys.argv[1], "week_%04d.md" % i), "w") as f:
        f.write("---\ntitle: Week %d\ndate: %s\n---\nNews.\n" % (i, d.isoformat()))
PY
fresh "posts = github:big/weeks/weeks@main"
run refresh
check_eq "1,200 posts in one folder (past the contents API's 1,000), one API request" \
    "posts: 1200 (1200 new) in 1201 requests|1" "$(cat "$OUT_FILE")|$(api_count)"
check_eq "1,200 posts: newest first" "week_1199 week_0000" "$(posts_json "j[0]['id'] + ' ' + j[-1]['id']")"

# ---- the commits budget without a token ---------------------------------------
U="$SRV_ROOT/repos/many/undated/main/notes"
mkdir -p "$U"
for i in $(seq 1 100); do
    printf '# Note %s\n' "$i" >"$U/note_$i.md"
    touch -d "2024-01-01 00:00:00 UTC + $i days" "$U/note_$i.md"
done
fresh "posts = github:many/undated/notes@main"
run refresh
check_eq "budget: at most 40 commits requests without a token" "yes" \
    "$(n=$(requests | grep -c /commits); [ "$n" -le 40 ] && [ "$n" -ge 30 ] && echo yes || echo "no: $n")"
pending1=$(sed -n 's/^posts: \([0-9]*\) dates pending: GitHub allows 60 requests an hour without a token$/\1/p' "$OUT_FILE")
check_eq "budget: the refresh line says how many dates wait" "yes" \
    "$([ -n "$pending1" ] && [ "$pending1" -ge 60 ] && echo yes || cat "$OUT_FILE")"
check_eq "budget: every post is stored, the pending ones undated" "100 $pending1" \
    "$(posts_json "'%d %d' % (len(j), sum(1 for p in j if p['date'] is None))")"
clear_log
run refresh
check_eq "budget: the next refresh asks for the rest (the tree answered 304)" "1 yes" \
    "$(requests | grep -c '"status": 304') $(n=$(requests | grep -c /commits); [ "$n" -le 40 ] && echo yes || echo "no: $n")"
run refresh
check_eq "budget: after three refreshes every post is dated by its first commit" "0 commit" \
    "$(posts_json "'%d %s' % (sum(1 for p in j if p['date'] is None), j[0]['date_source'])")"
check_file_lacks "budget: nothing pending any more" "$OUT_FILE" "pending"
check_eq "budget: newest first commit first" "note_100 2024-04-10T00:00:00Z" \
    "$(posts_json "j[0]['id'] + ' ' + j[0]['date']")"
fresh "posts = github:many/undated/notes@main"
GITHUB_TOKEN=test-token run refresh
check_eq "budget: with a token every date at once" "100 0" \
    "$(requests | grep -c /commits) $(grep -c pending "$OUT_FILE")"

# ---- a local clone: dates from its history --------------------------------------
C="$TMP/clone"
mkdir -p "$C/notes/sub"
(
    cd "$C" || exit 1
    export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t \
        GIT_COMMITTER_EMAIL=t@example.invalid
    git init -q .
    commit() { # commit DATE MESSAGE
        GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git commit -q -m "$2"
    }
    printf '# Alpha\n' >notes/alpha.md && git add notes && commit '2024-01-02T03:04:05Z' one
    printf '# Beta\n' >notes/beta.md && git add notes && commit '2024-03-04T05:06:07Z' two
    printf '# Alpha, edited\n' >notes/alpha.md && git add notes && commit '2024-06-01T00:00:00Z' three
    printf '# Gamma\n' >notes/sub/gamma.md && printf '# Named\n' >notes/2024-05-06-named.md &&
        git add notes && commit '2024-07-08T09:10:11Z' four
    printf -- '---\ntitle: Dated\ndate: 2023-01-01\n---\n' >notes/dated.md && git add notes &&
        commit '2024-08-01T00:00:00Z' five
) >/dev/null 2>&1
printf '# Not committed\n' >"$C/notes/loose.md"
fresh "posts = $C/notes"
run refresh
check_eq "clone: 6 posts, no request" "posts: 6 (6 new) in 0 requests" "$(cat "$OUT_FILE")"
check_eq "clone: dates from the history, the name, the front matter; the loose file has none" \
    '[["gamma", "2024-07-08T09:10:11Z", "commit"], ["2024-05-06-named", "2024-05-06", "file name"], ["beta", "2024-03-04T05:06:07Z", "commit"], ["alpha", "2024-01-02T03:04:05Z", "commit"], ["dated", "2023-01-01", "front matter"], ["loose", null, null]]' \
    "$(posts_json "[[p['id'], p['date'], p['date_source']] for p in j]")"
check_eq "clone: the title of a file without one is its first H1" "Alpha, edited" \
    "$(posts_json "[p['title'] for p in j if p['id'] == 'alpha'][0]")"
