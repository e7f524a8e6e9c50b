/* test_postevents.c: the events named in the posts' "Events" sections
 * (postevents.c): the real posts in tests/data/posts, the shapes they take
 * (bold leads, colons, sub-headings, a lone paragraph with a link), dates
 * written every way the posts write them, and the week labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/frontmatter.h"
#include "catchup/postevents.h"
#include "catchup/util.h"

/* The entries of a real post as "title|url|date" lines. */
static char *entries_of(const char *file, const char *post_date)
{
    char *path = xasprintf("tests/data/posts/%s", file);
    char *data;
    size_t len;
    struct cu_err e;
    if (read_file(path, 1 << 20, &data, &len, &e) < 0)
        fail_msg("%s", e.msg);
    struct frontmatter fm;
    if (fm_parse(data, len, &fm, &e) < 0)
        fail_msg("%s", e.msg);
    struct post_event *v;
    size_t n = post_events_extract(data + fm.body_offset, post_date, &v);
    struct buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < n; i++)
        buf_addf(&b, "%s|%s|%s%s%s\n", v[i].title, v[i].url ? v[i].url : "-",
                 v[i].date[0] ? v[i].date : "-", v[i].end_date[0] ? ".." : "", v[i].end_date);
    post_events_free(v, n);
    fm_free(&fm);
    free(data);
    free(path);
    return b.data ? buf_take(&b) : xstrdup("");
}

static void check(const char *file, const char *date, const char *want)
{
    char *got = entries_of(file, date);
    if (strcmp(got, want))
        fail_msg("%s:\n--- got\n%s--- want\n%s", file, got, want);
    free(got);
}

static void test_real_posts(void **state)
{
    (void)state;
    check("05_10_May_2024.md", "2024-05-13",
          "Kubernetes Bangalore Meetup|https://www.meetup.com/kubernetes-india-meetup/events/"
          "300323857/|2024-05-11\n"
          "Meta LLaMa Hackathon|-|-\n"
          "Community Days by OPEA|https://opea.dev/|-\n");
    check("13_17_May_2024.md", "2024-05-20",
          "KubeCon China 2024|-|2024-08-21\n"
          "Discussions around building a book on AI and ML on Kubernetes|-|-\n");
    /* no list: the one paragraph with a link is the entry */
    check("20_25_May_2024.md", "2024-05-27",
          "Check upcoming events here|https://docs.google.com/document/d/"
          "1tS6gL5qjGLaHDtAChssqJhBVm8BIpopUA3Ddzm9LHwg/edit#bookmark=id.l7cysm8ez6sz|-\n");
    /* "Upcoming Events and Participation"; the prose around the list is not an entry */
    check("29_April_03_May_2024.md", "2024-05-03",
          "The RSA conference|-|-\n"
          "The community is also looking forward to the Meta Llama 3 Hackathon|-|-\n");
    /* sub-headings are the entries */
    check("July_latest_in_CNAI.md", "2024-07-19",
          "AI_Dev Summit|-|-\n"
          "Secure AI Summit|https://www.youtube.com/watch?v=dx9dy9qX-L4&list="
          "PLj6h78yzYM2MB58cx3ybnv-iydyeqn-EV&index=6|-\n"
          "OPEA Community Days|https://opea.dev/community-days/|-\n"
          "Working Group Meetings|https://tag-runtime.cncf.io/wgs/cnaiwg/onboarding/"
          "#step-6-join-the-twice-monthly-online-meetings|-\n");
    check("12_19_April_2024.md", "2024-04-30", "");
    check("26_April_2024.md", "2024-04-30", "");
    check("_index.md", NULL, "");
    /* without the post's date, "May 11" has no year */
    check("05_10_May_2024.md", NULL,
          "Kubernetes Bangalore Meetup|https://www.meetup.com/kubernetes-india-meetup/events/"
          "300323857/|-\n"
          "Meta LLaMa Hackathon|-|-\n"
          "Community Days by OPEA|https://opea.dev/|-\n");
}

static void test_entry_text_kept(void **state)
{
    (void)state;
    struct post_event *v;
    size_t n = post_events_extract("## Events and Participation\n\n"
                                   "* **Meetup**: talk on\n  two lines, and\n"
                                   "  - a nested point\n\n"
                                   "* Second\n",
                                   "2024-05-13", &v);
    assert_int_equal(n, 2);
    assert_string_equal(v[0].title, "Meetup");
    assert_string_equal(v[0].text, "**Meetup**: talk on\ntwo lines, and\n- a nested point");
    assert_string_equal(v[1].title, "Second");
    post_events_free(v, n);
}

static char *one(const char *md, const char *post_date)
{
    struct post_event *v;
    size_t n = post_events_extract(md, post_date, &v);
    struct buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < n; i++)
        buf_addf(&b, "%s%s|%s|%s%s%s", i ? ";" : "", v[i].title, v[i].url ? v[i].url : "-",
                 v[i].date[0] ? v[i].date : "-", v[i].end_date[0] ? ".." : "", v[i].end_date);
    post_events_free(v, n);
    return b.data ? buf_take(&b) : xstrdup("");
}

static void expect(const char *md, const char *post_date, const char *want)
{
    char *got = one(md, post_date);
    if (strcmp(got, want))
        fail_msg("for:\n%s\n got  %s\n want %s", md, got, want);
    free(got);
}

static void test_dates(void **state)
{
    (void)state;
    const char *d = "2024-05-20";
    expect("## Events\n- KubeCon on 28 May 2024 in Paris\n", d,
           "KubeCon on 28 May 2024 in Paris|-|2024-05-28");
    expect("## Events\n- Summit: June 12-13\n", d, "Summit|-|2024-06-12..2024-06-13");
    expect("## Events\n- Summit: June 12 \u2013 14, 2025\n", d, "Summit|-|2025-06-12..2025-06-14");
    expect("## Events\n- Summit: 12-13 June\n", d, "Summit|-|2024-06-12..2024-06-13");
    expect("## Events\n- Call: 2024-06-12\n", d, "Call|-|2024-06-12");
    expect("## Events\n- Talk: May 28th\n", d, "Talk|-|2024-05-28");
    expect("## Events\n- Talk: Sept. 3\n", d, "Talk|-|2024-09-03");
    /* a year-less date half a year before the post is next year's */
    expect("## Events\n- Meetup: Jan 15\n", "2024-12-20", "Meetup|-|2025-01-15");
    expect("## Events\n- Meetup: Dec 10\n", "2024-12-20", "Meetup|-|2024-12-10");
    /* not dates */
    expect("## Events\n- Meetup: February 30\n", d, "Meetup|-|-");
    expect("## Events\n- Plans for May 2024\n", d, "Plans for May 2024|-|-");
    expect("## Events\n- We may 5 times meet\n", d, "We may 5 times meet|-|-");
    expect("## Events\n- KubeCon China 2024: CFP\n", d, "KubeCon China 2024|-|-");
}

static void test_structure(void **state)
{
    (void)state;
    /* the section ends at a heading of the same level; a deeper one with
     * bullets lends them; code blocks are skipped */
    expect("# Week\n\n## Events and Participation\n\n### Conferences\nWe go to:\n"
           "- [KubeCon](https://kubecon.example/) Nov 12\n- OSS Summit\n\n"
           "```\n## Events\n- not this\n```\n\n## How to Get Involved\n- not an event\n",
           "2024-05-20", "KubeCon Nov 12|https://kubecon.example/|2024-11-12;OSS Summit|-|-");
    /* setext headings, numbered lists, bare URLs and autolinks */
    expect("Events\n======\n\n1. Webinar https://example.org/w. Register\n"
           "2. Panel <https://example.org/p>\n\nOther\n=====\n- no\n",
           "2024-05-20",
           "Webinar https://example.org/w|https://example.org/w|-;Panel https://example.org/p|"
           "https://example.org/p|-");
    /* a heading that is not about events, and no section at all */
    expect("## Prevention\n- no\n", "2024-05-20", "");
    expect("no headings at all\n- x\n", "2024-05-20", "");
    /* links that are not http(s) are not links */
    expect("## Events\n- [Call](javascript:alert(1)) on May 30\n", "2024-05-20",
           "Call on May 30|-|2024-05-30");
    /* terminal escapes never survive */
    char *got = one("## Events\n- \x1b[31mRed\x1b[0m meetup\n", "2024-05-20");
    assert_null(strchr(got, '\x1b'));
    free(got);
}

static void test_week_labels(void **state)
{
    (void)state;
    static const struct {
        const char *title, *date, *want;
    } cases[] = {
        {"This Week in CN AI (13-17 May 2024)", "2024-05-20", "week of 13 May 2024"},
        {"This Week in CN AI (19th April 2024)", NULL, "week of 15 Apr 2024"},
        {"[July] Cloud Native AI Working Group: Latest Developments", "2024-07-19T09:48:01Z",
         "week of 15 Jul 2024"},
        {"Notes (draft)", "2024-07-21", "week of 15 Jul 2024"},
        {"Notes", NULL, "Notes"},
        {NULL, NULL, "an earlier post"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = post_week_label(cases[i].title, cases[i].date, NULL);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

/* Whatever bytes a post holds: entries or none, never a crash. */
static void test_hostile(void **state)
{
    (void)state;
    uint32_t seed = 99;
    char buf[512];
    static const char alphabet[] =
        "## Events\n-*+[]()<>`~_:.,0123456789 May June http://x \xff\xc3";
    for (int round = 0; round < 3000; round++) {
        size_t n = 20 + round % 400;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            buf[i] = alphabet[(seed >> 10) % (sizeof(alphabet) - 1)];
        }
        buf[n] = '\0';
        struct post_event *v;
        size_t k = post_events_extract(buf, round % 2 ? "2024-05-20" : NULL, &v);
        for (size_t i = 0; i < k; i++)
            assert_true(v[i].title[0] != '\0');
        post_events_free(v, k);
    }
    struct post_event *v;
    assert_int_equal(post_events_extract(NULL, NULL, &v), 0);
    assert_null(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_posts),  cmocka_unit_test(test_entry_text_kept),
        cmocka_unit_test(test_dates),       cmocka_unit_test(test_structure),
        cmocka_unit_test(test_week_labels), cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
