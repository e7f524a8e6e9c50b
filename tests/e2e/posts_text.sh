# Posts as written by hand (issue 13): a post without front matter is
# called by its first H1, an empty post says so, and Japanese text follows
# the basic line-breaking rules in `catchup show`.
. tests/lib.sh

mkdir -p "$TMP/clone"
printf '# Notes from the Tokyo meetup\n\nWe met.\n' >"$TMP/clone/tokyo.md"
printf -- '---\nweight: 3\n---\nIntro line.\n\nSetext title\n============\n\nText.\n' >"$TMP/clone/setext.md"
printf -- '---\ntitle: "Has a title"\n---\n# Another heading\n\nText.\n' >"$TMP/clone/titled.md"
printf 'No heading at all, just text.\n' >"$TMP/clone/plain.md"
printf -- '---\ntitle: "Nothing here yet"\n---\n\n  \n' >"$TMP/clone/empty.md"
printf '' >"$TMP/clone/zero.md"
# a 40-column line ends right inside レビュー ("...最終レビ / ューと" before)
printf -- '---\ntitle: "日本語"\n---\nこのワーキンググループでは、ホワイトペーパーの最終レビューとフィードバックを募集しています。「クラウドネイティブ」（AI）について、ちょっとしたキャッシュの話もします。\n' >"$TMP/clone/jp.md"
cat >"$CONFIG" <<CFG
[group "local"]
name = Local
posts = $TMP/clone
CFG
run refresh
check_rc "setup: a local folder refreshes" 0

run posts --json
check_rc "posts --json exits 0" 0
title() { json "[p['title'] for p in j if p['id'] == '$1'][0]" "$OUT_FILE"; }
check_eq "no front matter: the title is the first H1" "Notes from the Tokyo meetup" "$(title tokyo)"
check_eq "no title in the front matter: a setext H1" "Setext title" "$(title setext)"
check_eq "a front matter title wins over the H1" "Has a title" "$(title titled)"
check_eq "no title and no H1: the file name" "plain" "$(title plain)"
check_eq "an empty file: the file name" "zero" "$(title zero)"

run show tokyo
check_out "show: the H1 is the title" "Notes from the Tokyo meetup"
run show empty
check_rc "show of an empty post exits 0" 0
check_out "an empty post says so" "(this post is empty)"
run show zero
check_out "an empty file says so too" "(this post is empty)"
run show tokyo
check_file_lacks "a post with a body does not say it is empty" "$OUT_FILE" "this post is empty"

# kinsoku: no line starts with a small kana, ー, a closing bracket or 、。
for cols in 30 36 40 44 50 60; do
    COLUMNS=$cols run show jp
    bad=$(grep -nE '^(ュ|ー|ッ|ャ|ョ|っ|ょ|、|。|」|）)' "$OUT_FILE")
    ends=$(grep -nE '(「|（)$' "$OUT_FILE")
    if [ -z "$bad$ends" ]; then ok "Japanese at $cols columns follows kinsoku"; else
        not_ok "Japanese at $cols columns follows kinsoku" "$bad$ends" "$(cat "$OUT_FILE")"
    fi
done
COLUMNS=40 run show jp
check_out "at 40 columns レビュー stays whole" "レビュー"
