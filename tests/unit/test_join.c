/* test_join.c: a meeting's join link and the posts' events in the Events
 * pane: which URLs join a video call (links.c), the join link found in an
 * event's location, URL, CONFERENCE or description and put first in its
 * document (agenda.c), CONFERENCE read from a feed and kept in the cache
 * (ical.c, store_events.c), places named by their service, and the
 * "Mentioned in posts" list: events only, one week format, newest week
 * first, the last AGENDA_MENTION_WEEKS weeks counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catchup/agenda.h"
#include "catchup/http.h"
#include "catchup/links.h"
#include "catchup/markdown.h"
#include "catchup/util.h"

#include "store_fixture.h"

#define G "cnai"
#define CAL "https://calendar.example/lfx.ics"
#define LFX "https://zoom-lfx.platform.linuxfoundation.org/meeting/96033536484?password=4b1c"

static void test_video_calls(void **state)
{
    (void)state;
    static const struct {
        const char *url, *want;
    } cases[] = {
        {"https://zoom.us/j/91234567890?pwd=x", "Zoom"},
        {"https://cncf.zoom.us/j/1", "Zoom"},
        {"https://zoom.us/my/cnai", "Zoom"},
        {LFX, "Zoom"},
        {"https://ZOOM-LFX.platform.linuxfoundation.org/meeting/1", "Zoom"},
        {"https://meet.google.com/abc-defg-hij", "Google Meet"},
        {"https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", "Teams"},
        {"https://teams.live.com/meet/9876", "Teams"},
        {"https://meet.jit.si/CatchupRoom", "Jitsi"},
        {"https://cncf.webex.com/cncf/j.php?MTID=m1", "Webex"},
        {"https://cncf.webex.com/meet/someone", "Webex"},
        /* not join links */
        {"https://zoom.us/rec/share/abc", NULL},
        {"https://zoom.us/", NULL},
        {"https://zoom-lfx.platform.linuxfoundation.org/meeting/9-17/summaries?password=x", NULL},
        {"https://zoom-lfx.platform.linuxfoundation.org/", NULL},
        {"https://meet.google.com/", NULL},
        {"https://teams.microsoft.com/", NULL},
        {"https://docs.google.com/document/d/x/edit", NULL},
        {"https://zoom.us.evil.example/j/1", NULL},
        {"https://meet.google.com@evil.example/abc", NULL},
        {"ftp://meet.google.com/abc", NULL},
        {NULL, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = link_video_call(cases[i].url);
        if (cases[i].want)
            assert_string_equal(got ? got : "(null)", cases[i].want);
        else if (got)
            fail_msg("%s: %s, expected none", cases[i].url, got);
    }
}

static void test_places(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } places[] = {
        {LFX, "Zoom"},
        {"https://cncf.webex.com/cncf/j.php?MTID=m1", "Webex"},
        {"https://teams.microsoft.com/l/meetup-join/x/0", "Teams"},
        {"https://meet.jit.si/Room", "Jitsi"},
        {"Zoom, https://zoom.us/j/1", "Zoom"},
        {"https://example.org/room", "example.org"},
    };
    for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
        char *got = agenda_place(places[i].in);
        assert_string_equal(got, places[i].want);
        free(got);
    }
    /* an item without a location is where its join link is */
    struct agenda_item it = {0};
    it.location = "";
    it.join_url = "https://meet.google.com/abc-defg-hij";
    char *p = agenda_item_place(&it);
    assert_string_equal(p, "Google Meet");
    free(p);
    it.join_url = NULL;
    p = agenda_item_place(&it);
    assert_string_equal(p, "");
    free(p);
}

static void test_join_link(void **state)
{
    (void)state;
    /* the agenda document comes first in the description: the join link
     * is the call, wherever it is */
    char *j = agenda_join_link(
        "", "", "",
        "Agenda: https://docs.google.com/document/d/x/edit\nJoin: https://zoom.us/j/1?pwd=y.");
    assert_string_equal(j, "https://zoom.us/j/1?pwd=y");
    free(j);
    /* location before URL before CONFERENCE before description */
    j = agenda_join_link(LFX, "https://meet.jit.si/b", "https://meet.google.com/c",
                         "https://zoom.us/j/d");
    assert_string_equal(j, LFX);
    free(j);
    j = agenda_join_link("Room 3B", "https://meet.jit.si/b", "https://meet.google.com/c", NULL);
    assert_string_equal(j, "https://meet.jit.si/b");
    free(j);
    j = agenda_join_link(NULL, "https://events.example/x", "https://meet.google.com/c", NULL);
    assert_string_equal(j, "https://meet.google.com/c");
    free(j);
    /* HTML descriptions: the href of the call */
    j = agenda_join_link("", "", "",
                         "<p>Agenda: <a href=\"https://docs.google.com/document/d/s/edit\">doc"
                         "</a></p><a href=\"https://teams.microsoft.com/l/meetup-join/19%3am/0\">"
                         "Join the meeting now</a>");
    assert_string_equal(j, "https://teams.microsoft.com/l/meetup-join/19%3am/0");
    free(j);
    /* a recording, a summary page and a document join nothing */
    assert_null(agenda_join_link("", "https://zoom.us/rec/share/abc", "",
                                 "Summary: https://zoom-lfx.platform.linuxfoundation.org/meeting/"
                                 "1-2/summaries?password=x and https://docs.google.com/d/x"));
    assert_null(agenda_join_link(NULL, NULL, NULL, NULL));
}

/* The document's first link is the join link; 'o' opens it. */
static void test_document_starts_with_join(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    struct agenda_item it = {0};
    it.title = "AI Sandbox office hours";
    it.location = "";
    it.link = "https://docs.google.com/document/d/sandbox-notes/edit";
    it.join_url = "https://meet.google.com/cat-chup-tst";
    it.description = "Notes: https://docs.google.com/document/d/sandbox-notes/edit";
    it.start = iso8601_parse("2027-03-12T17:00:00Z");
    it.end = it.start + 1800;
    assert_string_equal(agenda_item_open_url(&it), "https://meet.google.com/cat-chup-tst");
    char *md = agenda_item_markdown(&it);
    struct doc *d;
    struct cu_err e;
    assert_int_equal(doc_parse(md, strlen(md), NULL, &d, &e), 0);
    assert_int_equal(doc_nlinks(d), 2);
    assert_string_equal(doc_link_at(d, 0)->url, "https://meet.google.com/cat-chup-tst");
    assert_string_equal(doc_link_at(d, 1)->url,
                        "https://docs.google.com/document/d/sandbox-notes/edit");
    assert_non_null(strstr(md, "**Join:** https://meet.google.com/cat-chup-tst"));
    doc_free(d);
    free(md);
    /* a location that is the join link already comes first: no Join line */
    it.location = LFX;
    it.join_url = LFX;
    md = agenda_item_markdown(&it);
    assert_null(strstr(md, "**Join:**"));
    assert_int_equal(doc_parse(md, strlen(md), NULL, &d, &e), 0);
    assert_string_equal(doc_link_at(d, 0)->url, LFX);
    doc_free(d);
    free(md);
    /* no join link: 'o' opens the event's link */
    it.join_url = NULL;
    assert_string_equal(agenda_item_open_url(&it),
                        "https://docs.google.com/document/d/sandbox-notes/edit");
}

static const char FEED[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nUID:wg\r\nSUMMARY:TAG Runtime WG\r\n"
    "DTSTART:20270311T160000Z\r\nDTEND:20270311T170000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
    "LOCATION:" LFX "\r\n"
    "DESCRIPTION:Agenda: https://docs.google.com/document/d/rt/edit\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:sandbox\r\nSUMMARY:Sandbox\r\n"
    "DTSTART:20270312T170000Z\r\nDTEND:20270312T173000Z\r\n"
    "CONFERENCE;VALUE=URI;FEATURE=PHONE:tel:+1-555-0100\r\n"
    "CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Google Meet:https://meet.google.com/cat-chup-tst\r\n"
    "DESCRIPTION:Notes: https://docs.google.com/document/d/sandbox/edit\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:sprint\r\nSUMMARY:Docs sprint\r\n"
    "DTSTART:20270319T090000Z\r\nDTEND:20270319T100000Z\r\n"
    "X-GOOGLE-CONFERENCE:https://meet.google.com/doc-spri-nta\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:conf\r\nSUMMARY:KubeCon Japan\r\nDTSTART;VALUE=DATE:20270322\r\n"
    "DTEND;VALUE=DATE:20270325\r\nLOCATION:Yokohama\\, JP\r\n"
    "URL:https://events.example/kubecon-japan\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static void test_conference_stored(void **state)
{
    struct fixture *f = *state;
    setenv("TZ", "UTC", 1);
    tzset();
    time_t now = iso8601_parse("2027-03-10T12:00:00Z");
    struct ical_result r;
    struct cu_err e;
    if (ical_expand(FEED, strlen(FEED), NULL, now - 86400, now + 400 * 86400L, &r, &e) < 0)
        fail_msg("%s", e.msg);
    bool saw = false;
    for (size_t i = 0; i < r.nev; i++)
        if (!strcmp(r.ev[i].uid, "sandbox")) {
            /* the first http(s) one: not the phone number */
            assert_string_equal(r.ev[i].conference, "https://meet.google.com/cat-chup-tst");
            saw = true;
        } else if (!strcmp(r.ev[i].uid, "wg")) {
            assert_string_equal(r.ev[i].conference, "");
        }
    assert_true(saw);
    assert_int_equal(store_begin(f->s, &e), 0);
    if (store_calendar_put(f->s, G, CAL, &r, now - 86400, now + 400 * 86400L, now, &e) < 0)
        fail_msg("%s", e.msg);
    assert_int_equal(store_commit(f->s, &e), 0);
    ical_result_free(&r);
    struct agenda a;
    assert_int_equal(agenda_load(f->s, G, now, now + 14 * 86400, &a, &e), 0);
    /* 11, 12, 18, 19 and 22-24 March */
    assert_int_equal(a.n, 5);
    /* 11 Mar: the link is still the agenda document; the join link is LFX */
    assert_string_equal(a.v[0].title, "TAG Runtime WG");
    assert_string_equal(a.v[0].link, "https://docs.google.com/document/d/rt/edit");
    assert_string_equal(a.v[0].join_url, LFX);
    assert_string_equal(agenda_item_open_url(&a.v[0]), LFX);
    assert_string_equal(a.v[1].title, "Sandbox");
    assert_string_equal(a.v[1].join_url, "https://meet.google.com/cat-chup-tst");
    assert_string_equal(a.v[3].title, "Docs sprint");
    assert_string_equal(a.v[3].join_url, "https://meet.google.com/doc-spri-nta");
    assert_string_equal(a.v[4].title, "KubeCon Japan");
    assert_null(a.v[4].join_url);
    assert_string_equal(agenda_item_open_url(&a.v[4]), "https://events.example/kubecon-japan");
    agenda_free(&a);
}

static void test_is_event(void **state)
{
    (void)state;
    static const char *const events[] = {
        "AI_Dev Summit",        "Secure AI Summit",       "OPEA Community Days",
        "KubeCon China 2024",   "The RSA conference",     "Kubernetes Bangalore Meetup",
        "Meta LLaMa Hackathon", "Community Days by OPEA", "Open Source Summit NA",
        "KCD Munich",           "Webinars on inference",  "Panel: inference at the edge",
    };
    for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
        if (!post_event_is_event(events[i], ""))
            fail_msg("'%s' is an event", events[i]);
    static const char *const others[] = {
        "Check upcoming events here",
        "Working Group Meetings",
        "Discussions around building a book on AI and ML on Kubernetes",
        "Conflicts of interest",
        "Panelists wanted",
        "",
    };
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
        if (post_event_is_event(others[i], NULL))
            fail_msg("'%s' is no event", others[i]);
    /* a date makes anything an event */
    assert_true(post_event_is_event("Working Group Meetings", "2024-07-19"));
    assert_false(post_event_is_event(NULL, NULL));
}

static void test_week_format(void **state)
{
    (void)state;
    static const struct {
        const char *title, *date, *want;
    } cases[] = {
        {"This Week in CN AI (20-25 May 2024)", "2024-05-27T13:32:41Z", "week of 20 May 2024"},
        {"This Week in CN AI (13-17 May 2024)", "2024-05-20T18:57:12Z", "week of 13 May 2024"},
        {"This Week in CN AI (05-10 May 2024)", NULL, "week of 6 May 2024"},
        {"This Week in CN AI (03 May 2024)", NULL, "week of 29 Apr 2024"},
        {"This Week in CN AI (22-26th April 2024)", NULL, "week of 22 Apr 2024"},
        {"This Week in CN AI (29 April - 03 May 2024)", NULL, "week of 29 Apr 2024"},
        {"This Week in CN AI (30 Dec 2024 - 3 Jan 2025)", NULL, "week of 30 Dec 2024"},
        {"[July] Cloud Native AI Working Group: Latest Developments", "2024-07-19T09:48:01Z",
         "week of 15 Jul 2024"},
        {"Notes (draft)", "2024-07-21", "week of 15 Jul 2024"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = post_week_label(cases[i].title, cases[i].date, NULL);
        if (strcmp(got, cases[i].want))
            fail_msg("'%s': '%s', expected '%s'", cases[i].title, got, cases[i].want);
        free(got);
    }
    char monday[11];
    assert_true(post_week_start("This Week in CN AI (13-17 May 2024)", NULL, monday));
    assert_string_equal(monday, "2024-05-13");
    assert_false(post_week_start("Notes", NULL, monday));
    assert_string_equal(monday, "");
}

/* 12 weeks of posts, each with an event and a line that is none, stored in
 * the order of an earlier version (labels in other formats). */
static void test_mentions(void **state)
{
    struct fixture *f = *state;
    setenv("TZ", "UTC", 1);
    tzset();
    enum { WEEKS = 12 };
    struct post_event_row rows[2 * WEEKS];
    char ids[WEEKS][16], titles[WEEKS][64], dates[WEEKS][32], etitles[WEEKS][32];
    memset(rows, 0, sizeof(rows));
    for (int w = 0; w < WEEKS; w++) {
        /* newest first; week w begins on Monday 2025-03-31 minus w weeks */
        time_t mon = iso8601_parse("2025-03-31T00:00:00Z") - (time_t)w * 7 * 86400;
        struct tm tm;
        gmtime_r(&mon, &tm);
        snprintf(ids[w], sizeof(ids[w]), "post_%02d", w);
        snprintf(dates[w], sizeof(dates[w]), "%04d-%02d-%02dT10:00:00Z", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday);
        /* every other post names its week (its Wednesday) in its title */
        static const char *const mon_names[] = {"Jan", "Feb", "Mar", "Apr"};
        time_t wed = mon + 2 * 86400;
        struct tm tw;
        gmtime_r(&wed, &tw);
        if (w % 2)
            snprintf(titles[w], sizeof(titles[w]), "This Week in CN AI (%d %s %d)", tw.tm_mday,
                     mon_names[tw.tm_mon], tw.tm_year + 1900);
        else
            snprintf(titles[w], sizeof(titles[w]), "Weekly notes %d", w);
        snprintf(etitles[w], sizeof(etitles[w]), "Meetup %d", w);
        for (int k = 0; k < 2; k++) {
            struct post_event_row *r = &rows[2 * w + k];
            r->post_id = ids[w];
            r->n = k + 1;
            r->title = k ? "Check upcoming events here" : etitles[w];
            r->text = r->title;
            r->week = "20-25 May 2024";
            r->post_title = titles[w];
            r->post_date = dates[w];
        }
    }
    struct cu_err e;
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(store_post_events_put(f->s, G, rows, 2 * WEEKS, 1000, &e), 0);
    assert_int_equal(store_commit(f->s, &e), 0);
    struct agenda a;
    time_t now = iso8601_parse("2025-04-02T12:00:00Z");
    assert_int_equal(agenda_load(f->s, G, now, now + 14 * 86400, &a, &e), 0);
    /* events only */
    assert_int_equal(a.nmentions, WEEKS);
    /* newest week first, labels in one format */
    assert_string_equal(a.mentions[0].title, "Meetup 0");
    assert_string_equal(a.mentions[0].week, "week of 31 Mar 2025");
    assert_string_equal(a.mentions[1].title, "Meetup 1");
    assert_string_equal(a.mentions[1].week, "week of 24 Mar 2025");
    assert_string_equal(a.mentions[WEEKS - 1].title, "Meetup 11");
    for (size_t i = 0; i < a.nmentions; i++)
        assert_true(str_starts(a.mentions[i].week, "week of "));
    /* the last 8 weeks' */
    assert_int_equal(a.nmentions_recent, AGENDA_MENTION_WEEKS);
    assert_string_equal(a.mentions[AGENDA_MENTION_WEEKS - 1].title, "Meetup 7");
    agenda_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_video_calls),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_join_link),
        cmocka_unit_test(test_document_starts_with_join),
        cmocka_unit_test_setup_teardown(test_conference_stored, store_setup, store_teardown),
        cmocka_unit_test(test_is_event),
        cmocka_unit_test(test_week_format),
        cmocka_unit_test_setup_teardown(test_mentions, store_setup, store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
