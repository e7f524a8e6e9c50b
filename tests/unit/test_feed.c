/* test_feed.c: feed.c (RSS, Atom, JSON Feed), feeddate.c (RFC 822 and
 * RFC 3339 dates) and feedhtml.c (HTML into the reader's document), on
 * small synthetic feeds and the group website's real feed (built by Hugo:
 * tests/data/server/feeds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/feed.h"
#include "catchup/feedhtml.h"
#include "catchup/text.h"
#include "catchup/util.h"

static void check_date(const char *in, int rc, const char *out)
{
    char d[32];
    int got = feed_date(in, d);
    if (got != rc || strcmp(d, out) != 0)
        fail_msg("feed_date(\"%s\") = %d \"%s\", expected %d \"%s\"", in, got, d, rc, out);
}

static void test_dates(void **state)
{
    (void)state;
    check_date("Mon, 27 May 2024 10:00:00 +0200", 0, "2024-05-27T10:00:00+02:00");
    check_date("27 May 2024 10:00 GMT", 0, "2024-05-27T10:00:00Z");
    check_date("Tue, 04 Jun 2024 09:00:00 EST", 0, "2024-06-04T09:00:00-05:00");
    check_date("Tue, 04 Jun 2024 09:00:00 PDT", 0, "2024-06-04T09:00:00-07:00");
    check_date("Tue, 04 Jun 24 09:00:00 UT", 0, "2024-06-04T09:00:00Z");
    check_date("4 June 1999 23:59:60 -0330", 0, "1999-06-04T23:59:59-03:30");
    check_date("Sat, 01 Jun 2024 12:00:00 Z", 0, "2024-06-01T12:00:00Z");
    check_date("Sat, 01 Jun 2024 12:00:00 +0000 (UTC)", 0, "2024-06-01T12:00:00Z");
    check_date("Mon, 01 Jan 0001 00:00:00 +0000", 1, "");
    check_date("2024-05-27T10:00:00.123+05:30", 0, "2024-05-27T10:00:00+05:30");
    check_date("2024-05-27t10:00:00z", 0, "2024-05-27T10:00:00Z");
    check_date("2024-05-27 10:00:00-0700", 0, "2024-05-27T10:00:00-07:00");
    check_date("2024-05-27", 0, "2024-05-27");
    check_date("0001-01-01T00:00:00Z", 1, "");
    check_date("1899-12-31T23:59:59Z", 1, "");
    check_date("2024-02-30T10:00:00Z", -1, "");
    check_date("2024-13-01", -1, "");
    check_date("yesterday", -1, "");
    check_date("Mon, 27 Foo 2024 10:00:00 +0200", -1, "");
    check_date("Mon, 27 May 2024 10:00:00 +0200 garbage", -1, "");
    check_date("", -1, "");
}

static struct feed parse_ok(const char *xml)
{
    struct feed f;
    struct cu_err e = {{0}};
    if (feed_parse(xml, strlen(xml), "https://x.example/feed.xml", &f, &e) < 0)
        fail_msg("feed_parse: %s", e.msg);
    return f;
}

static void test_rss(void **state)
{
    (void)state;
    struct feed f = parse_ok(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" "
        "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
        "<title>T &amp; co</title><link>https://site.example/blog/</link>"
        "<item><title>A &amp;amp; B &#8217;s</title><link>/a/</link>"
        "<guid isPermaLink=\"false\">urn:x:post-42</guid>"
        "<pubDate>Fri, 31 May 2024 23:30:00 -0700</pubDate>"
        "<description>short</description>"
        "<content:encoded><![CDATA[<p>full <a href=\"rel/x\">x</a></p>]]></content:encoded></item>"
        "<item><title>same id</title><guid>urn:x:post-42</guid></item>"
        "<item><title>no date</title><link>https://site.example/n</link></item>"
        "</channel></rss>");
    assert_int_equal(f.kind, FEED_RSS);
    assert_string_equal(f.title, "T & co");
    assert_int_equal(f.n, 2); /* the second urn:x:post-42 is dropped */
    /* RSS titles are plain text: decoded once, as XML says */
    assert_string_equal(f.entries[0].title, "A &amp; B \u2019s");
    assert_string_equal(f.entries[0].link, "https://site.example/a/");
    assert_string_equal(f.entries[0].date, "2024-05-31T23:30:00-07:00");
    assert_true(str_starts(f.entries[0].id, "post-42-"));
    assert_string_equal(f.entries[0].body, "<p>full <a href=\"rel/x\">x</a></p>");
    assert_string_equal(f.entries[0].summary, "short");
    assert_string_equal(f.entries[0].base, "https://site.example/blog/");
    assert_null(f.entries[1].date);
    assert_true(str_starts(f.entries[1].id, "n-"));
    /* the same guid gives the same id, whatever else changed */
    struct feed g = parse_ok("<rss><channel><item><guid>urn:x:post-42</guid></item>"
                             "</channel></rss>");
    assert_string_equal(g.entries[0].id, f.entries[0].id);
    feed_free(&g);
    feed_free(&f);
}

static void test_atom(void **state)
{
    (void)state;
    struct feed f = parse_ok(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://b.example/\">"
        "<title type=\"html\">&lt;b&gt;Blog&lt;/b&gt;</title>"
        "<link href=\"/\"/><link rel=\"self\" href=\"/feed.xml\"/>"
        "<entry><title type=\"text\">x &lt; y</title><id>tag:b.example,2024:/p/7</id>"
        "<link rel=\"alternate\" href=\"p/7.html\"/><updated>2024-06-02T00:00:00Z</updated>"
        "<published>2024-06-01T08:15:00-04:00</published>"
        "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>hi "
        "<em>there</em></p></div></content><summary>s</summary></entry>"
        "<entry><title>updated only</title><id>u</id><updated>2024-06-03T00:00:00+01:00</updated>"
        "<summary type=\"html\">&lt;p&gt;only a summary&lt;/p&gt;</summary></entry></feed>");
    assert_int_equal(f.kind, FEED_ATOM);
    assert_string_equal(f.title, "Blog");
    assert_string_equal(f.link, "https://b.example/");
    assert_string_equal(f.entries[0].title, "x < y");
    assert_string_equal(f.entries[0].link, "https://b.example/p/7.html");
    assert_string_equal(f.entries[0].date, "2024-06-01T08:15:00-04:00");
    assert_non_null(strstr(f.entries[0].body, "<em>there</em>"));
    assert_string_equal(f.entries[0].summary, "s");
    assert_string_equal(f.entries[0].base, "https://b.example/");
    assert_true(str_starts(f.entries[0].id, "7-"));
    assert_string_equal(f.entries[1].date, "2024-06-03T00:00:00+01:00");
    assert_string_equal(f.entries[1].body, "<p>only a summary</p>");
    feed_free(&f);
}

static void test_json(void **state)
{
    (void)state;
    struct feed f =
        parse_ok("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\","
                 "\"home_page_url\":\"https://j.example/\",\"items\":[{\"id\":\"a\",\"url\":\"/p\","
                 "\"title\":\"One\",\"content_text\":\"x < y\\n\\nz\",\"summary\":\"S\","
                 "\"date_published\":\"2024-06-02T10:00:00+02:00\"},{\"id\":7},\"junk\"]}");
    assert_int_equal(f.kind, FEED_JSON);
    assert_int_equal(f.n, 2);
    assert_string_equal(f.entries[0].link, "https://j.example/p");
    assert_string_equal(f.entries[0].body, "<p>x &lt; y</p>\n<p>z</p>");
    assert_string_equal(f.entries[0].summary, "S");
    assert_string_equal(f.entries[1].guid, "7");
    feed_free(&f);
}

static void refused(const char *doc, const char *why)
{
    struct feed f;
    struct cu_err e = {{0}};
    assert_int_equal(feed_parse(doc, strlen(doc), "https://x.example/f", &f, &e), -1);
    if (!strstr(e.msg, why))
        fail_msg("'%s' does not say '%s'", e.msg, why);
    assert_int_equal(f.n, 0);
}

static void test_hostile(void **state)
{
    (void)state;
    refused("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            "<rss><channel><item><title>&x;</title></item></channel></rss>",
            "declares XML entities");
    refused("<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]><rss/>",
            "declares XML entities");
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "<!DOCTYPE r [<!ENTITY a \"lol\">");
    for (int i = 1; i < 10; i++) {
        buf_addf(&b, "<!ENTITY a%d \"", i);
        for (int k = 0; k < 10; k++)
            buf_addf(&b, i == 1 ? "&a;" : "&a%d;", i - 1);
        buf_adds(&b, "\">");
    }
    buf_adds(&b, "]><rss><channel><title>&a9;</title></channel></rss>");
    refused(b.data, "declares XML entities");
    buf_free(&b);
    refused("<html><body>no</body></html>", "is a web page (HTML), not a feed");
    refused("<?xml version=\"1.0\"?>\n<!-- x -->\n<!DOCTYPE html><p>a < b</p>",
            "is a web page (HTML), not a feed");
    refused("<opml version=\"2.0\"><body/></opml>",
            "is not RSS, Atom or JSON Feed (its root element is <opml>)");
    refused("<rss><channel", "is not");
    refused("{\"items\": []}", "not a JSON Feed");
    refused("{\"items\": [", "is not valid JSON");
    refused("  \n", "is empty");
}

static void test_docsy(void **state)
{
    (void)state;
    const char *dir = getenv("CATCHUP_TEST_DATA");
    char *path =
        xasprintf("%s/server/feeds/tag-runtime_wgs_cnaiwg_news_index.xml.BUILT-LOCALLY.xml",
                  dir && *dir ? dir : "tests/data");
    char *data;
    size_t len;
    struct cu_err e;
    if (read_file(path, 1 << 20, &data, &len, &e) < 0)
        fail_msg("%s", e.msg);
    struct feed f;
    assert_int_equal(
        feed_parse(data, len, "https://tag-runtime.cncf.io/wgs/cnaiwg/news/index.xml", &f, &e), 0);
    assert_int_equal(f.n, 7);
    for (size_t i = 0; i < f.n; i++) {
        assert_null(f.entries[i].date);
        assert_true(f.entries[i].old_date);
    }
    assert_string_equal(f.entries[0].title,
                        "Wgs: [July] Cloud Native AI Working Group: Latest Developments");
    assert_true(str_starts(f.entries[0].id, "july_latest_in_cnai-"));
    struct doc *d;
    doc_parse_html(f.entries[0].body, strlen(f.entries[0].body), f.entries[0].base, &d, &e);
    assert_int_equal(doc_link_at(d, 0)->kind, LINK_RECORDING);
    assert_string_equal(doc_link_at(d, 0)->text, "here");
    doc_free(d);
    feed_free(&f);
    free(data);
    free(path);
}

static char *laid_out(const char *html, const char *base, struct doc **dout)
{
    struct doc *d;
    struct cu_err e;
    assert_int_equal(doc_parse_html(html, strlen(html), base, &d, &e), 0);
    struct doc_layout *l = doc_layout(d, 60, DOC_LAYOUT_LINKS);
    struct buf b;
    buf_init(&b, 0);
    buf_add(&b, "", 0);
    for (size_t i = 0; i < l->nlines; i++) {
        char *t = doc_line_text(&l->lines[i]);
        buf_addf(&b, "%s\n", t);
        free(t);
    }
    doc_layout_free(l);
    if (dout)
        *dout = d;
    else
        doc_free(d);
    return buf_take(&b);
}

static void test_html(void **state)
{
    (void)state;
    struct doc *d;
    char *t = laid_out("<h2>Title</h2><p onclick=\"evil()\">Hello <b>you</b>, see "
                       "<a href=\"../x\">this</a> and <a href=\"javascript:alert(1)\">that</a>"
                       "<script>alert(2)</script><style>p{}</style></p>"
                       "<ol start=\"3\"><li>three</li><li>four</li></ol>"
                       "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
                       "<pre>  code\n  kept</pre><img src=\"i.png\" alt=\"pic\">"
                       "<img src=\"t.gif\" width=\"1\" height=\"1\">",
                       "https://s.example/blog/post/", &d);
    assert_non_null(strstr(t, "Title\n"));
    assert_non_null(strstr(t, "Hello you, see this[1] and that\n"));
    assert_null(strstr(t, "alert"));
    assert_null(strstr(t, "evil"));
    assert_null(strstr(t, "p{}"));
    assert_non_null(strstr(t, "3. three\n4. four\n"));
    assert_non_null(strstr(t, "    code\n    kept\n"));
    assert_non_null(strstr(t, "image: pic[2]"));
    assert_null(strstr(t, "t.gif"));
    assert_int_equal(doc_nlinks(d), 2);
    assert_string_equal(doc_link_at(d, 0)->url, "https://s.example/blog/x");
    assert_string_equal(doc_link_at(d, 0)->text, "this");
    assert_string_equal(doc_link_at(d, 1)->url, "https://s.example/blog/post/i.png");
    doc_free(d);
    free(t);
    /* any bytes: nothing a terminal acts on gets through */
    t = laid_out("<p>a\x1b[31mb\x07c</p>\xff", NULL, NULL);
    assert_null(strchr(t, '\x1b'));
    assert_null(strchr(t, '\x07'));
    free(t);
    t = laid_out("", NULL, NULL);
    free(t);
    char *s = feedhtml_text("<p>a &amp; <b>b</b></p><script>x</script><p>c&nbsp;d</p>", 57);
    assert_string_equal(s, "a & b c d");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates), cmocka_unit_test(test_rss),     cmocka_unit_test(test_atom),
        cmocka_unit_test(test_json),  cmocka_unit_test(test_hostile), cmocka_unit_test(test_docsy),
        cmocka_unit_test(test_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
