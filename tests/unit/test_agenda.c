/* test_agenda.c: the agenda's read model and words (agenda.c) and the
 * events' tables (store_events.c): local days, times, countdowns and ISO
 * offsets in two zones; places and links; the reader's document; storing an
 * expansion twice (first_seen kept, a moved occurrence remembers where it
 * was); all-day events on the same days in every zone; post entries. */
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
#include "catchup/markdown.h"
#include "catchup/util.h"

#include "store_fixture.h"

#define G "cnai"
#define CAL "https://calendar.example/cnai.ics"

static void zone(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

static time_t T(const char *iso)
{
    time_t t = iso8601_parse(iso);
    assert_true(t != -1);
    return t;
}

static void test_day_labels(void **state)
{
    (void)state;
    char out[48];
    zone("Europe/Berlin");
    time_t now = T("2027-03-10T22:30:00Z"); /* 23:30 in Berlin */
    agenda_day_label(T("2027-03-10T22:45:00Z"), now, out, sizeof(out));
    assert_string_equal(out, "Today");
    agenda_day_label(T("2027-03-10T23:15:00Z"), now, out, sizeof(out)); /* 00:15 Berlin */
    assert_string_equal(out, "Tomorrow");
    agenda_day_label(T("2027-03-12T16:00:00Z"), now, out, sizeof(out));
    assert_string_equal(out, "Fri 12 Mar");
    agenda_day_label(T("2028-01-07T16:00:00Z"), now, out, sizeof(out));
    assert_string_equal(out, "Fri 7 Jan 2028");
    zone("America/Los_Angeles"); /* 14:30 on the 10th there */
    agenda_day_label(T("2027-03-10T23:15:00Z"), now, out, sizeof(out));
    assert_string_equal(out, "Today");
    agenda_date(T("2027-03-12T16:00:00Z"), out, sizeof(out));
    assert_string_equal(out, "Fri 2027-03-12");
}

static void test_times_and_iso(void **state)
{
    (void)state;
    struct agenda_item it = {0};
    char out[64];
    it.start = T("2027-03-26T15:00:00Z");
    it.end = T("2027-03-26T16:00:00Z");
    zone("Europe/Berlin");
    agenda_times(&it, "-", out, sizeof(out));
    assert_string_equal(out, "16:00-17:00");
    agenda_iso(it.start, out, sizeof(out));
    assert_string_equal(out, "2027-03-26T16:00:00+01:00");
    agenda_iso(T("2027-04-09T15:00:00Z"), out, sizeof(out));
    assert_string_equal(out, "2027-04-09T17:00:00+02:00");
    zone("America/Los_Angeles");
    agenda_times(&it, "-", out, sizeof(out));
    assert_string_equal(out, "08:00-09:00");
    agenda_iso(it.start, out, sizeof(out));
    assert_string_equal(out, "2027-03-26T08:00:00-07:00");
    it.end = it.start;
    agenda_times(&it, "-", out, sizeof(out));
    assert_string_equal(out, "08:00");
    it.end = T("2027-03-27T17:00:00Z");
    agenda_times(&it, "-", out, sizeof(out));
    assert_string_equal(out, "08:00-Sat 27 Mar 10:00");
    /* all-day spans are local midnights */
    it.all_day = true;
    it.start = agenda_local_midnight("2027-03-22");
    it.end = agenda_local_midnight("2027-03-26");
    agenda_times(&it, "-", out, sizeof(out));
    assert_string_equal(out, "all day, until Thu 25 Mar");
    it.end = agenda_add_days(it.start, 1);
    agenda_times(&it, "-", out, sizeof(out));
    assert_string_equal(out, "all day");
    /* a local day is 23 hours long when the clocks change */
    zone("Europe/Berlin");
    time_t d = agenda_local_midnight("2027-03-28");
    assert_int_equal(agenda_add_days(d, 1) - d, 23 * 3600);
    assert_int_equal(agenda_local_midnight("2027-02-30x"), -1);
}

static void test_countdown(void **state)
{
    (void)state;
    char out[32];
    time_t now = T("2027-03-10T12:00:00Z");
    agenda_countdown(now + 2 * 86400 + 3 * 3600 + 20, now + 3 * 86400, now, out, sizeof(out));
    assert_string_equal(out, "in 2 d 3 h");
    agenda_countdown(now + 2 * 86400, now + 3 * 86400, now, out, sizeof(out));
    assert_string_equal(out, "in 2 d");
    agenda_countdown(now + 3 * 3600 + 20 * 60, now + 4 * 3600, now, out, sizeof(out));
    assert_string_equal(out, "in 3 h 20 min");
    agenda_countdown(now + 299, now + 3600, now, out, sizeof(out));
    assert_string_equal(out, "in 5 min");
    agenda_countdown(now - 60, now + 60, now, out, sizeof(out));
    assert_string_equal(out, "now");
    agenda_countdown(now - 120, now - 60, now, out, sizeof(out));
    assert_string_equal(out, "");
}

static void test_places_and_links(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } places[] = {
        {"Zoom, https://zoom.us/j/91234567890", "Zoom"},
        {"https://zoom.us/j/1?pwd=x", "Zoom"},
        {"https://cncf.zoom.us/j/1", "Zoom"},
        {"https://meet.google.com/abc-defg-hij", "Google Meet"},
        {"https://example.org/room", "example.org"},
        {"Amsterdam, NL", "Amsterdam, NL"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
        char *got = agenda_place(places[i].in);
        assert_string_equal(got, places[i].want);
        free(got);
    }
    char *l = agenda_first_link("Agenda: https://docs.google.com/document/d/x/edit, then "
                                "https://zoom.us/j/1.");
    assert_string_equal(l, "https://docs.google.com/document/d/x/edit");
    free(l);
    l = agenda_first_link("<p>Register <a href=\"https://ev.example/r\">here</a></p>");
    assert_string_equal(l, "https://ev.example/r");
    free(l);
    l = agenda_first_link("(see https://en.wikipedia.org/wiki/Foo_(bar))");
    assert_string_equal(l, "https://en.wikipedia.org/wiki/Foo_(bar)");
    free(l);
    assert_null(agenda_first_link("javascript:alert(1) ftp://x"));
}

/* The reader's document: the description reads as written, its URLs
 * numbered as links, nothing in it taken for Markdown. */
static void test_markdown_document(void **state)
{
    (void)state;
    zone("Europe/Berlin");
    struct agenda_item it = {0};
    it.title = "CNAI *WG* [meeting]";
    it.location = "Zoom, https://zoom.us/j/91234567890";
    it.link = "https://zoom.us/j/91234567890";
    it.calendar = CAL;
    it.calendar_name = "CNCF";
    it.description = "# not a heading\n- not a list\n1. nor this\nAgenda: "
                     "https://docs.google.com/document/d/1_a_b/edit\n\nC:\\temp\\x_y.txt *kept*";
    it.start = T("2027-03-26T15:00:00Z");
    it.end = T("2027-03-26T16:00:00Z");
    it.moved = true;
    it.rule_start = T("2027-03-27T15:00:00Z");
    char *md = agenda_item_markdown(&it);
    struct doc *d;
    struct cu_err e;
    assert_int_equal(doc_parse(md, strlen(md), NULL, &d, &e), 0);
    struct doc_layout *l = doc_layout(d, 100, DOC_LAYOUT_LINKS);
    struct buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < l->nlines; i++) {
        char *t = doc_line_text(&l->lines[i]);
        buf_addf(&b, "%s\n", t);
        free(t);
    }
    const char *text = b.data;
    assert_non_null(strstr(text, "CNAI *WG* [meeting]"));
    assert_non_null(strstr(text, "When: Fri 26 Mar 2027, 16:00\u201317:00 (CET)"));
    assert_non_null(strstr(text, "Moved from Sat 27 Mar 16:00"));
    assert_non_null(strstr(text, "Calendar: CNCF"));
    assert_non_null(strstr(text, "# not a heading"));
    assert_non_null(strstr(text, "- not a list"));
    assert_non_null(strstr(text, "1. nor this"));
    assert_non_null(strstr(text, "C:\\temp\\x_y.txt *kept*"));
    /* zoom (location and link are one), the agenda document */
    assert_int_equal(doc_nlinks(d), 2);
    assert_string_equal(doc_link_at(d, 0)->url, "https://zoom.us/j/91234567890");
    assert_string_equal(doc_link_at(d, 1)->url, "https://docs.google.com/document/d/1_a_b/edit");
    buf_free(&b);
    doc_layout_free(l);
    doc_free(d);
    free(md);
    /* HTML descriptions (Google's rich editor) become text with their links */
    it.description = "<p>Panel with the <b>CNAI</b> WG.</p><p>Register: <a "
                     "href=\"https://ev.example/register\">here</a><br>Slides &amp; notes.</p>";
    it.link = NULL;
    it.location = "";
    it.moved = false;
    md = agenda_item_markdown(&it);
    assert_int_equal(doc_parse(md, strlen(md), NULL, &d, &e), 0);
    assert_int_equal(doc_nlinks(d), 1);
    assert_string_equal(doc_link_at(d, 0)->url, "https://ev.example/register");
    assert_null(strstr(md, "<b>"));
    l = doc_layout(d, 100, 0);
    bool found = false;
    for (size_t i = 0; i < l->nlines; i++) {
        char *t = doc_line_text(&l->lines[i]);
        found |= strstr(t, "Slides & notes.") != NULL;
        free(t);
    }
    assert_true(found);
    doc_layout_free(l);
    doc_free(d);
    free(md);
}

/* ---- the store ----------------------------------------------------------- */

static void put_feed(struct store *s, const char *text, time_t now)
{
    struct ical_result r;
    struct cu_err e;
    if (ical_expand(text, strlen(text), NULL, now - 86400, now + 400 * 86400L, &r, &e) < 0)
        fail_msg("%s", e.msg);
    assert_int_equal(store_begin(s, &e), 0);
    if (store_calendar_put(s, G, CAL, &r, now - 86400, now + 400 * 86400L, now, &e) < 0)
        fail_msg("%s", e.msg);
    assert_int_equal(store_commit(s, &e), 0);
    ical_result_free(&r);
}

static const char FEED1[] =
    "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Test\r\n"
    "BEGIN:VEVENT\r\nUID:wg\r\nSUMMARY:CNAI "
    "WG\r\nDTSTART;TZID=America/Los_Angeles:20270312T080000\r\n"
    "DTEND;TZID=America/Los_Angeles:20270312T090000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
    "LOCATION:Zoom\\, https://zoom.us/j/1\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:conf\r\nSUMMARY:Conference\r\nDTSTART;VALUE=DATE:20270322\r\n"
    "DTEND;VALUE=DATE:20270324\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
/* the same, with 19 March moved to Thursday */
static const char FEED2[] =
    "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Test\r\n"
    "BEGIN:VEVENT\r\nUID:wg\r\nSUMMARY:CNAI "
    "WG\r\nDTSTART;TZID=America/Los_Angeles:20270312T080000\r\n"
    "DTEND;TZID=America/Los_Angeles:20270312T090000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
    "LOCATION:Zoom\\, https://zoom.us/j/1\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:wg\r\nRECURRENCE-ID;TZID=America/Los_Angeles:20270319T080000\r\n"
    "SUMMARY:CNAI WG (moved)\r\nDTSTART;TZID=America/Los_Angeles:20270318T080000\r\n"
    "DTEND;TZID=America/Los_Angeles:20270318T090000\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:conf\r\nSUMMARY:Conference\r\nDTSTART;VALUE=DATE:20270322\r\n"
    "DTEND;VALUE=DATE:20270324\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

static void test_store_round_trip(void **state)
{
    struct fixture *f = *state;
    zone("Europe/Berlin");
    time_t t1 = T("2027-03-10T12:00:00Z"), t2 = T("2027-03-11T12:00:00Z");
    put_feed(f->s, FEED1, t1);
    /* 12 and 19 March, and the conference */
    assert_int_equal(store_occurrences_count(f->s, G, t1, t1 + 14 * 86400), 3);
    put_feed(f->s, FEED2, t2);
    struct agenda a;
    struct cu_err e;
    assert_int_equal(agenda_load(f->s, G, t2, agenda_add_days(t2, 30), &a, &e), 0);
    assert_int_equal(a.ncals, 1);
    assert_string_equal(a.cals[0].name, "Test");
    assert_int_equal(a.cals[0].win_to, t2 + 400 * 86400L);
    assert_int_equal(a.n, 5);
    /* 12 Mar 16:00Z (PST), 18 Mar moved, conference, 26 Mar, 2 Apr */
    assert_int_equal(a.v[0].start, T("2027-03-12T16:00:00Z"));
    assert_string_equal(a.v[0].link, "https://zoom.us/j/1");
    assert_string_equal(a.v[0].rid, "20270312T160000Z");
    const struct agenda_item *m = &a.v[1];
    assert_string_equal(m->title, "CNAI WG (moved)");
    assert_int_equal(m->start, T("2027-03-18T15:00:00Z"));
    assert_true(m->moved);
    assert_int_equal(m->rule_start, T("2027-03-19T15:00:00Z"));
    /* it was on the 19th before this refresh */
    assert_int_equal(m->prev_start, T("2027-03-19T15:00:00Z"));
    assert_true(a.v[2].all_day);
    assert_string_equal(a.v[2].title, "Conference");
    assert_int_equal(a.v[2].start, agenda_local_midnight("2027-03-22"));
    agenda_free(&a);
    /* first_seen kept from the first refresh, also for the moved one */
    struct occ_row *rows;
    size_t n;
    assert_int_equal(store_occurrences(f->s, G, t1, t1 + 30 * 86400, &rows, &n, &e), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(rows[i].first_seen, t1);
    occ_rows_free(rows, n);
    /* an all-day event is on its own days in any zone */
    zone("Pacific/Kiritimati");                        /* UTC+14 */
    time_t from = agenda_local_midnight("2027-03-24"); /* the day after it ends */
    assert_int_equal(agenda_load(f->s, G, from, agenda_add_days(from, 1), &a, &e), 0);
    for (size_t i = 0; i < a.n; i++)
        assert_false(a.v[i].all_day);
    agenda_free(&a);
    from = agenda_local_midnight("2027-03-23");
    assert_int_equal(agenda_load(f->s, G, from, agenda_add_days(from, 1), &a, &e), 0);
    assert_int_equal(a.n, 1);
    assert_string_equal(a.v[0].title, "Conference");
    agenda_free(&a);
    zone("Pacific/Pago_Pago"); /* UTC-11 */
    from = agenda_local_midnight("2027-03-22");
    assert_int_equal(agenda_load(f->s, G, from, agenda_add_days(from, 1), &a, &e), 0);
    assert_int_equal(a.n, 1);
    assert_string_equal(a.v[0].title, "Conference");
    agenda_free(&a);
    /* forgetting the calendar */
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(store_calendar_delete(f->s, G, CAL, &e), 0);
    assert_int_equal(store_commit(f->s, &e), 0);
    assert_int_equal(store_occurrences_count(f->s, G, 0, INT32_MAX), 0);
}

static void test_post_entries(void **state)
{
    struct fixture *f = *state;
    zone("Europe/Berlin");
    struct post_event_row rows[2] = {{0}, {0}};
    rows[0].post_id = "13_17_May_2024";
    rows[0].n = 1;
    rows[0].title = "KubeCon China 2024";
    rows[0].text = "KubeCon China 2024: on August 21.";
    snprintf(rows[0].date, sizeof(rows[0].date), "2024-08-21");
    rows[0].week = "13-17 May 2024";
    rows[0].post_title = "This Week in CN AI (13-17 May 2024)";
    rows[0].post_url = "https://github.com/x";
    rows[1] = rows[0];
    rows[1].n = 2;
    rows[1].title = "Book launch meetup"; /* an event, though without a date */
    rows[1].date[0] = '\0';
    rows[1].url = "https://book.example/";
    struct cu_err e;
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(store_post_events_put(f->s, G, rows, 2, 1000, &e), 0);
    assert_int_equal(store_commit(f->s, &e), 0);
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(store_post_events_put(f->s, G, rows, 2, 2000, &e), 0);
    assert_int_equal(store_commit(f->s, &e), 0);
    struct agenda a;
    time_t from = agenda_local_midnight("2024-08-20");
    assert_int_equal(agenda_load(f->s, G, from, agenda_add_days(from, 7), &a, &e), 0);
    assert_int_equal(a.nmentions, 2);
    assert_int_equal(a.mentions[0].first_seen, 1000);
    assert_string_equal(a.mentions[1].url, "https://book.example/");
    /* the dated one is in the window, as an all-day item from its post */
    assert_int_equal(a.n, 1);
    assert_true(a.v[0].from_post && a.v[0].all_day);
    assert_string_equal(a.v[0].start_date, "2024-08-21");
    assert_string_equal(a.v[0].end_date, "2024-08-22");
    assert_string_equal(a.v[0].link, "https://github.com/x");
    char *md = agenda_item_markdown(&a.v[0]);
    assert_non_null(strstr(md, "**Mentioned in:** This Week in CN AI"));
    free(md);
    agenda_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_labels),
        cmocka_unit_test(test_times_and_iso),
        cmocka_unit_test(test_countdown),
        cmocka_unit_test(test_places_and_links),
        cmocka_unit_test(test_markdown_document),
        cmocka_unit_test_setup_teardown(test_store_round_trip, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_post_entries, store_setup, store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
