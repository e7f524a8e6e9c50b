# posts = feed:URL: RSS as Hugo writes it, Atom as jekyll-feed writes it,
# JSON Feed, the group website's feed (every date 0001), hostile XML
# (external entities, an entity bomb), conditional GET and entries that
# leave the feed.
. tests/lib.sh

start_server
python3 "$ROOT/tests/data/feeds/gen_feeds.py" "$SRV_ROOT/feeds"

# -- Hugo's RSS
feed_config "$API/feed/hugo.xml"
run refresh
check_rc "hugo rss: refresh exits 0" 0
check_eq "hugo rss: one request, four new" "posts: 4 (4 new) in 1 request" "$(cat "$OUT_FILE")"
run posts --json
check_eq "hugo rss: newest first, the undated entry last" \
    "June update|Scheduling <AI> workloads & more|Kickoff — welcome|Undated notes" \
    "$(json "'|'.join(p['title'] for p in j)" "$OUT_FILE")"
check_eq "hugo rss: dates keep their zones (EST, -0700, +0200), none for the undated" \
    "2024-06-04T09:00:00-05:00 2024-05-31T23:30:00-07:00 2024-05-27T10:00:00+02:00 None" \
    "$(json "' '.join(str(p['date']) for p in j)" "$OUT_FILE")"
check_eq "hugo rss: ids are the guid's slug and a hash" "june scheduling kickoff undated" \
    "$(json "' '.join(p['id'].rsplit('-', 1)[0] for p in j)" "$OUT_FILE")"
check_eq "hugo rss: url is the item's link" "https://wg.example.org/news/scheduling/" \
    "$(json "j[1]['url']" "$OUT_FILE")"
run posts
check_file_has "hugo rss: an undated entry shows '-'" "$OUT_FILE" "  -  "
run show scheduling
check_rc "hugo rss: show exits 0" 0
check_out "hugo rss: the body is laid out as the reader shows it" "The white paper on scheduling[1] is in review."
check_file_lacks "hugo rss: no script" "$OUT_FILE" "alert"
check_file_lacks "hugo rss: no event attribute" "$OUT_FILE" "steal"
check_out "hugo rss: a relative link resolved against the feed's link" "https://wg.example.org/wgs/notes/"
run show scheduling --json
check_eq "hugo rss: links numbered and classified" "issue other recording" \
    "$(json "' '.join(l['kind'] for l in j['links'])" "$OUT_FILE")"
check_eq "hugo rss: show --json says the body is HTML" "html" "$(json "j['format']" "$OUT_FILE")"
run show kickoff
check_out "hugo rss: CDATA, a heading and a list" "• Roadmap"
check_file_lacks "hugo rss: a javascript: link is no link" "$OUT_FILE" "javascript"
check_file_lacks "hugo rss: a 1x1 image is left out" "$OUT_FILE" "pixel"
run search "white paper"
check_out "hugo rss: entries are searchable" "Scheduling <AI> workloads & more"

# -- a 304 refresh, and a changed feed where an entry leaves
clear_log
run refresh
check_eq "hugo rss: a second refresh is one conditional request answered 304" \
    "posts: 4 (0 new, 4 unchanged) in 1 request|1|1" \
    "$(cat "$OUT_FILE")|$(requests | grep -c '"if-none-match"')|$(requests | grep -c '"status": 304')"
python3 - "$SRV_ROOT/feeds/hugo.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
items = re.findall(r"    <item>.*?</item>\n", s, re.S)
s = s.replace(items[3], "").replace("Meeting moved", "Meeting moved again")
s = s.replace("<item>", "<item>\n      <title>Brand new</title>\n      <pubDate>Mon, 10 Jun 2024 08:00:00 +0000</pubDate>\n      <guid>https://wg.example.org/news/new/</guid>\n      <description>&lt;p&gt;new&lt;/p&gt;</description>\n    </item>\n    <item>", 1)
open(p, "w", encoding="utf-8").write(s)
PY
run refresh
check_eq "hugo rss: a new entry, and one gone from the feed is kept" \
    "posts: 4 (1 new, 3 unchanged, 1 more kept from before) in 1 request" "$(cat "$OUT_FILE")"
run posts --json
check_eq "hugo rss: the entry that left the feed is still listed" \
    "Brand new|June update|Scheduling <AI> workloads & more|Kickoff — welcome|Undated notes" \
    "$(json "'|'.join(p['title'] for p in j)" "$OUT_FILE")"

# -- Last-Modified alone: If-Modified-Since, 304
feed_config "$API/feed/hugo.xml?validators=lm"
run refresh
clear_log
run refresh
check_eq "last-modified only: If-Modified-Since answered 304" \
    "posts: 4 (0 new, 4 unchanged) in 1 request|1|1" \
    "$(cat "$OUT_FILE")|$(requests | grep -c '"if-modified-since"')|$(requests | grep -c '"status": 304')"

# -- jekyll-feed's Atom
feed_config "$API/feed/jekyll.xml"
run refresh
check_eq "jekyll atom: two new" "posts: 2 (2 new) in 1 request" "$(cat "$OUT_FILE")"
run posts --json
check_eq "jekyll atom: titles with entities decoded, dates with offsets" \
    "Notes & news 2024-06-10T12:00:00+09:00|First post 2024-06-01T08:15:00-04:00" \
    "$(json "'|'.join(p['title'] + ' ' + p['date'] for p in j)" "$OUT_FILE")"
check_eq "jekyll atom: ids from the entry id" "notes first" \
    "$(json "' '.join(p['id'].rsplit('-', 1)[0] for p in j)" "$OUT_FILE")"
run show notes --json
check_eq "jekyll atom: a relative link resolved against xml:base" \
    "https://blog.example.org/assets/slides.pdf" "$(json "j['links'][0]['url']" "$OUT_FILE")"
run show first
check_out "jekyll atom: a quote is a quote" "│ Quoted."

# -- JSON Feed
feed_config "$API/feed/json.json"
run refresh
check_eq "json feed: two new" "posts: 2 (2 new) in 1 request" "$(cat "$OUT_FILE")"
run posts --json
check_eq "json feed: dated first, the item without a title is named by its text" \
    "One https://j.example.org/p/1|Plain text second para" \
    "$(json "j[0]['title'] + ' ' + j[0]['url'] + '|' + j[1]['title']" "$OUT_FILE")"

# -- the group website's own feed: every date is 0001-01-01
feed_config "$API/feed/tag-runtime_wgs_cnaiwg_news_index.xml.BUILT-LOCALLY.xml"
run refresh
check_eq "docsy: the year-1 dates are no dates" \
    "posts: 7 (7 new, 7 dated before 1900: shown without a date) in 1 request" "$(cat "$OUT_FILE")"
run posts
check_file_lacks "docsy: never a post in the year 1" "$OUT_FILE" "0001"
check_eq "docsy: in the feed's order, each without a date" \
    "july_latest_in_cnai - 05_10_may_2024 - 20_25_may_2024 - 13_17_may_2024 - 29_april_03_may_2024 - 26_april_2024 - 12_19_april_2024 -" \
    "$(awk '{sub(/-[0-9a-f]+$/, "", $1); printf "%s%s %s", (NR > 1 ? " " : ""), $1, $2}' "$OUT_FILE")"

# -- hostile XML: refused, what was stored stays
feed_config "$API/feed/xxe.xml"
run refresh
check_rc "xxe: refresh fails" 1
check_err "xxe: a clear message" "declares XML entities in its DOCTYPE (external entities or an entity bomb); refused"
feed_config "$API/feed/hugo.xml"
run refresh
# the same feed turns hostile (a URL of its own would be another source,
# and the posts of a source taken out of the config go)
cp "$SRV_ROOT/feeds/bomb.xml" "$SRV_ROOT/feeds/hugo.xml"
touch -d '2030-01-01' "$SRV_ROOT/feeds/hugo.xml"
run refresh
check_rc "billion laughs: refresh fails" 1
check_err "billion laughs: a clear message" "hugo.xml declares XML entities"
run posts
check_eq "billion laughs: the cached posts stay" 4 "$(wc -l <"$OUT_FILE" | tr -d ' ')"
printf 'not a feed' >"$SRV_ROOT/feeds/bad.xml"
sed -i "s|feed/hugo.xml|feed/bad.xml|" "$CONFIG"
run refresh
check_err "not xml: says so, naming the feed" "bad.xml is not"

# -- config: a feed must be an http(s) URL
printf '[group "x"]\nposts = feed:ftp://example.org/x.xml\n' >"$CONFIG"
run posts
check_rc "feed:ftp:// is a config error" 2
check_err "feed:ftp:// names the rule" "is not feed:URL with an http(s) URL"
