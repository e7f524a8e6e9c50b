# posts = feed:URL on feeds as real sites serve them (gen_wild.py): Hugo's,
# WordPress's, Medium's and Substack's RSS, Atom with xhtml and text
# content and several links, odd RSS items, a JSON Feed of content_text,
# ISO-8859-1, windows-1252 and a BOM; and HTTP as sites answer: redirects,
# gzip, an HTML page with 200, a feed past the size cap, an empty body.
. tests/lib.sh

start_server
python3 "$ROOT/tests/data/feeds/gen_wild.py" "$SRV_ROOT/feeds"
# fields EXPR: one line per post of `posts --json`, EXPR of p, '|'-joined
fields() {
    run posts --json
    json "'|'.join(str($1) for p in j)" "$OUT_FILE"
}

# -- the Kubernetes blog (Hugo): "Tue, 1 Dec 2026 9:05:00 GMT", "+0000"
feed_config "$API/feed/k8s.xml"
run refresh
check_eq "k8s: two new" "posts: 2 (2 new) in 1 request" "$(cat "$OUT_FILE")"
check_eq "k8s: a one-digit day and hour, GMT and +0000 read" \
    "2026-12-01T09:05:00Z|2026-11-23T00:00:00Z" "$(fields "p['date']")"
run show kubernetes-v1-35-release
check_out "k8s: the escaped HTML description is the body, its link resolved" \
    "[1] docs — https://kubernetes.io/docs/"

# -- the CNCF blog (WordPress)
feed_config "$API/feed/wordpress.xml"
run refresh
check_eq "wordpress: two new" "posts: 2 (2 new) in 1 request" "$(cat "$OUT_FILE")"
check_eq "wordpress: numeric references decoded; a double-escaped title shows what the feed says" \
    "Why it’s time for “platform” teams|Q&amp;A with the TOC" "$(fields "p['title']")"
check_eq "wordpress: a guid that is no link (?p=N) leaves the id's slug to the link" \
    "platform|qa" "$(fields "p['id'].rsplit('-', 1)[0]")"
check_eq "wordpress: the excerpt is the description, the link the url" \
    "Member post by a member platform […] https://www.cncf.io/blog/2026/11/platform/" \
    "$(json "j[0]['description'] + ' ' + j[0]['url']" "$OUT_FILE")"
run show platform
check_out "wordpress: content:encoded is the body" "The full post platform, with an issue[2]."
check_out "wordpress: its links classified" "https://github.com/cncf/toc/issues/101  (issue)"

# -- Medium and Substack
feed_config "$API/feed/medium.xml"
run refresh
check_eq "medium: a CDATA title, a GMT date" \
    "Scaling inference on Kubernetes 2026-11-25T16:01:02Z" "$(fields "p['title'] + ' ' + p['date']")"
run show abc123def456
check_out "medium: content:encoded without a description" "GPUs are scarce."
check_file_lacks "medium: the tracking pixel is left out" "$OUT_FILE" "stat?event"
feed_config "$API/feed/substack.xml"
run refresh
check_eq "substack: the subtitle is the description" \
    "Issue #12: agents & schedulers|What changed in the scheduler this month" \
    "$(fields "p['title'] + '|' + p['description']")"
run show issue-12
check_out "substack: the body" "This month the scheduler grew queues."
check_file_lacks "substack: the subscribe form is dropped" "$OUT_FILE" "email"

# -- Atom: xhtml, text and html content; rel="alternate" among other links
feed_config "$API/feed/atom.xml"
run refresh
check_eq "atom: titles (xhtml, text, html)" \
    "Inline XHTML title|Plain <text> entry|Escaped HTML & more" "$(fields "p['title']")"
check_eq "atom: rel=alternate wins over edit, self, enclosure and replies" \
    "https://atom.example.org/posts/xhtml/|https://atom.example.org/posts/text/|https://atom.example.org/posts/html/" \
    "$(fields "p['url']")"
check_eq "atom: fractional seconds read" \
    "2026-11-30T08:00:00Z|2026-11-29T10:00:00+01:00|2026-11-28T07:00:00Z" "$(fields "p['date']")"
run show xhtml
check_out "atom xhtml: the inline div's markup is the body" "• two"
check_out "atom xhtml: its relative link resolved" "[1] the notes — https://atom.example.org/posts/xhtml/notes.html"
run show text
check_out "atom text: markup in text content is text" "Tags like <b>this</b> are text."
check_out "atom text: its paragraphs kept" "A second paragraph."

# -- odd RSS items
feed_config "$API/feed/odd.xml"
run refresh
check_eq "odd: five new" "posts: 5 (5 new) in 1 request" "$(cat "$OUT_FILE")"
check_eq "odd: named zones (PDT, EST) and -0000" \
    "2026-12-01T09:05:00Z|2026-11-30T10:00:00-07:00|2026-11-29T10:00:00-05:00|2026-11-28T10:00:00Z|2026-11-27T10:00:00Z" \
    "$(fields "p['date']")"
check_eq "odd: an item without a title is named by its text" \
    "Only a title|Only a description, in plain text: a < b and b > c. A second paragraph.|Permalink guid" \
    "$(fields "p['title']" | cut -d'|' -f1-3)"
check_eq "odd: ids from the title when there is neither guid nor link" "Only-a-title" \
    "$(json "j[0]['id'].rsplit('-', 1)[0]" "$OUT_FILE")"
check_eq "odd: a guid that is a permalink (said or by default) is the link; isPermaLink=false is not" \
    "None|None|https://odd.example.org/posts/permalink/|https://odd.example.org/posts/default/|None" \
    "$(fields "p['url']")"
run show Only-a-description
check_out "odd: a plain-text description keeps its paragraphs" "b > c."
check_eq "odd: ... as paragraphs of their own" "1" \
    "$(grep -c '^A second paragraph\.$' "$OUT_FILE")"
run show permalink
check_out "odd: an escaped HTML description is HTML, its entities decoded once" "HTML & escaped."

# -- JSON Feed with content_text only
feed_config "$API/feed/text.json"
run refresh
check_eq "json text: named by its text, dated with fractional seconds" \
    "A note with <b>angle</b> brackets & an ampersand. Second paragraph.|2026-11-30T10:15:30+01:00" \
    "$(fields "p['title'] + '|' + p['date']")"
run show note
check_out "json text: content_text is text" "A note with <b>angle</b> brackets & an ampersand."

# -- encodings: declared in the XML declaration, and a BOM
for f in latin1 cp1252 bom; do
    feed_config "$API/feed/$f.xml"
    run refresh
    check_rc "$f: refresh exits 0" 0
    run posts --json
    case $f in
    latin1) want='Café résumé "quoted" - EUR 5' ;;
    *) want='Café résumé “quoted” – €5' ;;
    esac
    check_eq "$f: the title comes out as UTF-8" "$want" "$(json "j[0]['title']" "$OUT_FILE")"
done

# -- HTTP: redirects (followed, bounded), gzip
for code in 301 302 308; do
    feed_config "$API/feed/moved$code"
    clear_faults
    fault "{\"match\": \"^/feed/moved$code\", \"redirect\": \"/feed/k8s.xml\", \"code\": $code}"
    run refresh
    check_eq "redirect $code: followed to the feed" "posts: 2 (2 new) in 1 request" "$(cat "$OUT_FILE")"
done
clear_faults
fault '{"match": "^/feed/loop", "redirect": "/feed/loop"}'
feed_config "$API/feed/loop"
run refresh
check_rc "redirect loop: refresh fails" 1
check_err "redirect loop: bounded, and said" "feed/loop: 127.0.0.1 redirected too many times"
clear_faults
gz=$(python3 -c 'import gzip,base64,sys; print(base64.b64encode(gzip.compress(open(sys.argv[1],"rb").read())).decode())' \
    "$SRV_ROOT/feeds/k8s.xml")
fault "{\"match\": \"^/feed/gz\", \"body_b64\": \"$gz\", \"headers\": {\"Content-Encoding\": \"gzip\"}, \"content_type\": \"application/rss+xml\"}"
feed_config "$API/feed/gz"
clear_log
run refresh
check_eq "gzip: the compressed feed read" "posts: 2 (2 new) in 1 request" "$(cat "$OUT_FILE")"
check_eq "gzip: asked for with Accept-Encoding" "1" "$(requests | grep -c '"accept-encoding": "[^"]*gzip')"

# -- HTTP: what is not a feed; the cache stays
clear_faults
feed_config "$API/feed/k8s.xml"
run refresh
snapshot before
page=$(base64 -w0 "$SRV_ROOT/feeds/page.html")
fault "{\"match\": \"^/feed/k8s\", \"body_b64\": \"$page\", \"content_type\": \"text/html; charset=utf-8\", \"times\": 1}"
run refresh
check_rc "html page: refresh fails" 1
check_err "html page: says it is a web page, naming the URL" \
    "the feed $API/feed/k8s.xml is a web page (text/html), not a feed: check the URL"
# an HTML page libxml2 cannot recover as XML, served as XML
printf '<!DOCTYPE html>\n<html><head><script>if (a < b && c) go();</script></head><body>x</body></html>\n' \
    >"$SRV_ROOT/feeds/page2.html"
page2=$(base64 -w0 "$SRV_ROOT/feeds/page2.html")
fault "{\"match\": \"^/feed/k8s\", \"body_b64\": \"$page2\", \"content_type\": \"application/xml\", \"times\": 1}"
run refresh
check_err "html page as xml: still a web page" "k8s.xml is a web page (HTML), not a feed: check the URL"
fault '{"match": "^/feed/k8s", "oversize": 9437184, "times": 1}'
run refresh
check_err "huge feed: the size limit, naming the URL" \
    "the feed $API/feed/k8s.xml: the response from 127.0.0.1 is larger than the 8 MiB limit"
fault '{"match": "^/feed/k8s", "body": "", "times": 1}'
run refresh
check_err "empty body: says so" "the feed $API/feed/k8s.xml is empty"
snapshot after
check_same_snapshot "html page, huge feed, empty body: the cache is intact" before after
