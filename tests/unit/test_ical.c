/* test_ical.c: iCalendar expansion (ical.c) against hand-computed
 * occurrences: real Google exports (tests/data/server/calendars, copied from
 * ../shared/fixtures/icalendar) and the project's own feeds (tests/data/ical):
 * EXDATE, a moved and renamed occurrence, UNTIL, COUNT, BYDAY=2FR,4FR,
 * all-day spans, a VTIMEZONE in the feed and a TZID only the system knows,
 * the weeks between the US and the EU clock changes seen from two zones,
 * the filter, malformed feeds, and libical keeping quiet on stderr. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catchup/http.h"
#include "catchup/ical.h"
#include "catchup/util.h"

#define SERVER_CALS "tests/data/server/calendars/"
#define OWN "tests/data/ical/"
#define SYNTH SERVER_CALS "SYNTHESIZED_google-style_LA_biweekly_2FR4FR.ics"

static time_t T(const char *iso)
{
    time_t t = iso8601_parse(iso);
    assert_true(t != -1);
    return t;
}

static char *slurp(const char *path, size_t *len)
{
    char *data;
    struct cu_err e;
    if (read_file(path, HTTP_MAX_CALENDAR, &data, len, &e) < 0)
        fail_msg("%s", e.msg);
    return data;
}

static regex_t *filter(regex_t *re, const char *pattern)
{
    /* as config.c compiles calendar_match */
    assert_int_equal(regcomp(re, pattern, REG_EXTENDED | REG_NOSUB | REG_ICASE), 0);
    return re;
}

static void expand_ok(const char *path, const regex_t *match, const char *from, const char *to,
                      struct ical_result *r)
{
    size_t len;
    char *text = slurp(path, &len);
    struct cu_err e;
    if (ical_expand(text, len, match, T(from), T(to), r, &e) < 0)
        fail_msg("%s: %s", path, e.msg);
    free(text);
}

static void expand_text_fails(const char *text, const char *want, struct ical_result *r)
{
    struct cu_err e = {{0}};
    struct ical_result before = *r;
    assert_int_equal(ical_expand(text, strlen(text), NULL, T("2027-01-01"), T("2028-01-01"), r, &e),
                     -1);
    if (!strstr(e.msg, want))
        fail_msg("error '%s' lacks '%s'", e.msg, want);
    assert_memory_equal(&before, r, sizeof(before)); /* untouched */
}

/* Occurrences whose summary contains s, as "START|rid" lines in UTC. */
static char *starts_of(const struct ical_result *r, const char *s)
{
    struct buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < r->n; i++) {
        const struct ical_occ *o = &r->v[i];
        if (!strstr(ical_occ_event(r, o)->summary, s))
            continue;
        char t[32];
        if (o->all_day)
            snprintf(t, sizeof(t), "%s..%s", o->start_date, o->end_date);
        else
            iso8601_utc(o->start, t);
        buf_addf(&b, "%s%s%s%s", b.len ? " " : "", t, o->moved ? "(moved)" : "",
                 o->rid[0] ? "" : "(single)");
    }
    return b.data ? buf_take(&b) : xstrdup("");
}

static void check_starts(const struct ical_result *r, const char *summary, const char *want)
{
    char *got = starts_of(r, summary);
    if (strcmp(got, want))
        fail_msg("%s:\n  got  %s\n  want %s", summary, got, want);
    free(got);
}

static const struct ical_occ *find_occ(const struct ical_result *r, const char *summary,
                                       const char *start_utc)
{
    for (size_t i = 0; i < r->n; i++) {
        char t[32];
        iso8601_utc(r->v[i].start, t);
        if (strstr(ical_occ_event(r, &r->v[i])->summary, summary) && !strcmp(t, start_utc))
            return &r->v[i];
    }
    fail_msg("no occurrence of %s at %s", summary, start_utc);
    return NULL;
}

/* Local wall time of t in zone tz ("Fri 17:00"). */
static char *local(time_t t, const char *tz)
{
    char *old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
    setenv("TZ", tz, 1);
    tzset();
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[32];
    strftime(buf, sizeof(buf), "%a %d %H:%M", &tm);
    if (old) {
        setenv("TZ", old, 1);
        free(old);
    } else {
        unsetenv("TZ");
    }
    tzset();
    return xstrdup(buf);
}

static void check_local(time_t t, const char *tz, const char *want)
{
    char *got = local(t, tz);
    if (strcmp(got, want))
        fail_msg("in %s: got %s, want %s", tz, got, want);
    free(got);
}

/* ---- the real Google exports --------------------------------------------- */

static void test_biweekly_exdate_and_moved(void **state)
{
    (void)state;
    struct ical_result r;
    expand_ok(SYNTH, NULL, "2025-01-01", "2025-05-01", &r);
    /* Tuesdays 09:00 Los Angeles every other week from 14 Jan; 11 Feb and
     * 8 Apr excluded; 11 Mar moved to Wed 12 Mar (and renamed); 09:00 is
     * 17:00Z in winter, 16:00Z from 9 Mar (US daylight time). */
    check_starts(&r, "Example WG Meeting",
                 "2025-01-14T17:00:00Z 2025-01-28T17:00:00Z 2025-02-25T17:00:00Z "
                 "2025-03-12T16:00:00Z(moved) 2025-03-25T16:00:00Z 2025-04-22T16:00:00Z");
    const struct ical_occ *m = find_occ(&r, "Example WG Meeting", "2025-03-12T16:00:00Z");
    const struct ical_event *ev = ical_occ_event(&r, m);
    assert_string_equal(ev->summary, "Example WG Meeting (bi-weekly, Tuesdays) - MOVED");
    assert_string_equal(ev->description, "Moved to Wednesday this week (KubeCon travel).");
    assert_string_equal(m->rid, "20250311T160000Z");
    assert_int_equal(m->rule_start, T("2025-03-11T16:00:00Z"));
    assert_int_equal(m->end - m->start, 3600);
    const struct ical_occ *first = find_occ(&r, "Example WG Meeting", "2025-01-14T17:00:00Z");
    ev = ical_occ_event(&r, first);
    assert_string_equal(first->rid, "20250114T170000Z");
    assert_false(first->moved);
    /* folded lines and escapes, unfolded and unescaped by libical */
    assert_string_equal(ev->location, "Zoom, https://zoom.us/j/0000000000");
    assert_non_null(strstr(ev->description, "Agenda & notes: https://docs.google.com/document/d/"
                                            "EXAMPLE/edit\nJoin Zoom Meeting: "
                                            "https://zoom.us/j/0000000000?pwd=EXAMPLE, passcode: "
                                            "123456; dial-in"));
    assert_string_equal(r.name, "CNCF Example Public Calendar (synthesized)");
    ical_result_free(&r);
}

static void test_monthly_2fr_4fr(void **state)
{
    (void)state;
    struct ical_result r;
    expand_ok(SYNTH, NULL, "2025-01-01", "2025-05-01", &r);
    /* 2nd and 4th Fridays, 08:00 Los Angeles */
    check_starts(&r, "Office hours",
                 "2025-01-10T16:00:00Z 2025-01-24T16:00:00Z 2025-02-14T16:00:00Z "
                 "2025-02-28T16:00:00Z 2025-03-14T15:00:00Z 2025-03-28T15:00:00Z "
                 "2025-04-11T15:00:00Z 2025-04-25T15:00:00Z");
    const struct ical_occ *o = find_occ(&r, "Office hours", "2025-03-14T15:00:00Z");
    const struct ical_event *ev = ical_occ_event(&r, o);
    assert_string_equal(ev->url, "https://example.org/wgs/examplewg/office-hours/");
    assert_string_equal(ev->description,
                        "2nd and 4th Friday office hours, Room 3B, Building 7; "
                        "bring questions.\nC:\\temp\\notes.txt is NOT a real path.");
    ical_result_free(&r);
}

static void test_until_all_day_utc(void **state)
{
    (void)state;
    struct ical_result r;
    expand_ok(SYNTH, NULL, "2025-01-01", "2025-05-01", &r);
    /* Tue+Thu 16:00 LA every other week until 31 Mar 23:59:59Z: the last is
     * Thu 20 Mar (1 Apr 16:00 PDT is past UNTIL) */
    check_starts(&r, "Every other week Tue+Thu",
                 "2025-01-08T00:00:00Z 2025-01-10T00:00:00Z 2025-01-22T00:00:00Z "
                 "2025-01-24T00:00:00Z 2025-02-05T00:00:00Z 2025-02-07T00:00:00Z "
                 "2025-02-19T00:00:00Z 2025-02-21T00:00:00Z 2025-03-05T00:00:00Z "
                 "2025-03-07T00:00:00Z 2025-03-18T23:00:00Z 2025-03-20T23:00:00Z");
    /* DTEND is exclusive: 1, 2 and 3 April */
    check_starts(&r, "Conference", "2025-04-01..2025-04-04(single)");
    check_starts(&r, "Guest talk", "2025-03-20T17:00:00Z(single)");
    assert_int_equal(r.nseries, 5);
    ical_result_free(&r);
}

static void test_count_across_dst(void **state)
{
    (void)state;
    struct ical_result r;
    expand_ok(SERVER_CALS "google_2024_icalevents.ics", NULL, "2024-03-01", "2024-06-01", &r);
    size_t n = 0;
    for (size_t i = 0; i < r.n; i++)
        n += strstr(ical_occ_event(&r, &r.v[i])->summary, "daily-30x") != NULL;
    assert_int_equal(n, 30);
    /* 07:00 Zurich: 06:00Z before 31 March, 05:00Z after */
    find_occ(&r, "daily-30x", "2024-03-30T06:00:00Z");
    find_occ(&r, "daily-30x", "2024-03-31T05:00:00Z");
    find_occ(&r, "daily-30x", "2024-04-23T05:00:00Z"); /* the 30th */
    check_starts(&r, "all day", "2024-03-25..2024-03-26(single)");
    check_starts(&r, "all 2 days", "2024-03-27..2024-03-29(single)");
    ical_result_free(&r);
}

static void test_yearly_exdate_override(void **state)
{
    (void)state;
    struct ical_result r;
    expand_ok(SERVER_CALS "google-public_saint-marina_LA_exdate_recurrence-id.ics", NULL,
              "2014-01-01", "2019-01-01", &r);
    /* 1 Aug 19:00 Los Angeles yearly; 2014 moved to 18:30; 2016 excluded */
    check_starts(&r, "Vespers",
                 "2014-08-02T01:30:00Z(moved) 2015-08-02T02:00:00Z 2017-08-02T02:00:00Z "
                 "2018-08-02T02:00:00Z");
    ical_result_free(&r);
}

static void test_overrides_without_series(void **state)
{
    (void)state;
    struct ical_result r;
    expand_ok(SERVER_CALS "google_recurrenceid_icalevents.ics", NULL, "2021-03-01", "2021-04-01",
              &r);
    check_starts(&r, "Busy",
                 "2021-03-24T11:00:00Z 2021-03-25T11:00:00Z 2021-03-26T11:00:00Z "
                 "2021-03-27T11:00:00Z");
    assert_string_equal(r.v[0].rid, "20210324T110000Z");
    ical_result_free(&r);
}

static void test_rfc5545_examples(void **state)
{
    (void)state;
    struct ical_result r;
    regex_t re;
    /* America/New_York, which the feed does not define: the system's zone */
    expand_ok(SERVER_CALS "calcurse-test_rfc5545-rrule-examples.ical",
              filter(&re, "first Friday for 10|WKST|Friday the 13th|February 30"), "1997-01-01",
              "2008-01-01", &r);
    check_starts(&r, "Monthly on the first Friday for 10",
                 "1997-09-05T13:00:00Z 1997-10-03T13:00:00Z 1997-11-07T14:00:00Z "
                 "1997-12-05T14:00:00Z 1998-01-02T14:00:00Z 1998-02-06T14:00:00Z "
                 "1998-03-06T14:00:00Z 1998-04-03T14:00:00Z 1998-05-01T13:00:00Z "
                 "1998-06-05T13:00:00Z");
    check_starts(&r, "An example where the days generated",
                 "1997-08-05T13:00:00Z 1997-08-10T13:00:00Z 1997-08-19T13:00:00Z "
                 "1997-08-24T13:00:00Z");
    check_starts(&r, "changing only WKST",
                 "1997-08-05T13:00:00Z 1997-08-17T13:00:00Z 1997-08-19T13:00:00Z "
                 "1997-08-31T13:00:00Z");
    check_starts(&r, "February 30",
                 "2007-01-15T14:00:00Z 2007-01-30T14:00:00Z 2007-02-15T14:00:00Z "
                 "2007-03-15T13:00:00Z 2007-03-30T13:00:00Z");
    char *f13 = starts_of(&r, "Friday the 13th");
    assert_true(str_starts(f13, "1998-02-13T14:00:00Z 1998-03-13T14:00:00Z 1998-11-13T14:00:00Z"));
    free(f13);
    regfree(&re);
    ical_result_free(&r);
}

/* ---- the project's own feed: the US/EU daylight-saving gap ---------------- */

static void test_dst_gap_two_zones(void **state)
{
    (void)state;
    struct ical_result r;
    regex_t re;
    expand_ok(OWN "cnai.ics", filter(&re, "(AI|Artificial Intelligence)"), "2027-03-09",
              "2027-05-01", &r);
    /* 2nd and 4th Fridays 08:00 Los Angeles.  The US changes clocks on 14
     * March 2027, the EU on 28 March: on 26 March the meeting is an hour
     * earlier in Berlin; 9 April moved to Thu 8 April 09:00; 23 April
     * excluded. */
    check_starts(&r, "Cloud Native AI WG meeting",
                 "2027-03-12T16:00:00Z 2027-03-26T15:00:00Z 2027-04-08T16:00:00Z(moved)");
    const struct ical_occ *a = find_occ(&r, "Cloud Native AI WG meeting", "2027-03-12T16:00:00Z");
    const struct ical_occ *b = find_occ(&r, "Cloud Native AI WG meeting", "2027-03-26T15:00:00Z");
    const struct ical_occ *c = find_occ(&r, "Cloud Native AI WG meeting", "2027-04-08T16:00:00Z");
    check_local(a->start, "Europe/Berlin", "Fri 12 17:00");
    check_local(b->start, "Europe/Berlin", "Fri 26 16:00");
    check_local(c->start, "Europe/Berlin", "Thu 08 18:00");
    check_local(a->start, "America/Los_Angeles", "Fri 12 08:00");
    check_local(b->start, "America/Los_Angeles", "Fri 26 08:00");
    check_local(c->start, "America/Los_Angeles", "Thu 08 09:00");
    assert_string_equal(ical_occ_event(&r, c)->summary,
                        "Cloud Native AI WG meeting (moved for KubeCon)");
    check_local(c->rule_start, "America/Los_Angeles", "Fri 09 08:00");
    /* Europe/Berlin without a VTIMEZONE in the feed: the system's zone.
     * COUNT=6 from 23 Feb: the last is 30 March, after the EU change. */
    check_starts(&r, "Sustainability",
                 "2027-03-09T09:00:00Z 2027-03-16T09:00:00Z 2027-03-23T09:00:00Z "
                 "2027-03-30T08:00:00Z");
    const struct ical_occ *s = find_occ(&r, "Sustainability", "2027-03-30T08:00:00Z");
    check_local(s->start, "Europe/Berlin", "Tue 30 10:00");
    check_local(s->start, "America/Los_Angeles", "Tue 30 01:00");
    /* UNTIL=20270317T235959Z includes 17 March, every other Wednesday */
    check_starts(&r, "AI Security office hours", "2027-03-17T17:00:00Z");
    check_starts(&r, "KubeCon +", "2027-03-22..2027-03-26(single)");
    check_starts(&r, "Artificial Intelligence panel", "2027-03-11T18:00:00Z(single)");
    regfree(&re);
    ical_result_free(&r);
}

static void test_filter(void **state)
{
    (void)state;
    struct ical_result r;
    regex_t re;
    expand_ok(OWN "cnai.ics", filter(&re, "(AI|Artificial Intelligence)"), "2027-03-09",
              "2027-03-24", &r);
    check_starts(&r, "TAG Security", "");
    assert_int_equal(r.nseries, 5);
    regfree(&re);
    ical_result_free(&r);
    /* "TAG Security" only: the broken SIG Node event is filtered out, never
     * checked */
    expand_ok(OWN "cnai.ics", filter(&re, "^TAG Security"), "2027-03-09", "2027-03-24", &r);
    /* 09:00 Los Angeles: 17:00Z before the US change on 14 March */
    check_starts(&r, "TAG Security", "2027-03-10T17:00:00Z 2027-03-17T16:00:00Z");
    assert_int_equal(r.n, 2);
    assert_int_equal(r.nseries, 1);
    regfree(&re);
    ical_result_free(&r);
    /* without a filter, the broken event is kept, and refuses the feed */
    size_t len;
    char *text = slurp(OWN "cnai.ics", &len);
    struct cu_err e;
    assert_int_equal(ical_expand(text, len, NULL, T("2027-03-09"), T("2027-03-24"), &r, &e), -1);
    assert_non_null(strstr(e.msg, "Kubernetes SIG Node"));
    assert_non_null(strstr(e.msg, "DTSTART"));
    free(text);
}

/* ---- malformed feeds -------------------------------------------------------- */

static void test_malformed_files(void **state)
{
    (void)state;
    static const struct {
        const char *file, *want;
    } cases[] = {
        {OWN "truncated.ics", "cut short"},
        {OWN "bad_date.ics", "its start (DTSTART) '20271345T250000Z' is not a valid date"},
        {OWN "unknown_tz.ics", "unknown time zone 'Mars/Olympus_Mons'"},
        {OWN "bad_rrule.ics", "its RRULE 'FREQ=FORTNIGHTLY;BYDAY=FR' cannot be read"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t len;
        char *text = slurp(cases[i].file, &len);
        struct ical_result r = {0};
        struct cu_err e = {{0}};
        assert_int_equal(ical_expand(text, len, NULL, T("2027-01-01"), T("2028-01-01"), &r, &e),
                         -1);
        if (!strstr(e.msg, cases[i].want))
            fail_msg("%s: '%s' lacks '%s'", cases[i].file, e.msg, cases[i].want);
        assert_null(r.v);
        free(text);
    }
}

static void test_malformed_text(void **state)
{
    (void)state;
    struct ical_result r = {0};
    expand_text_fails("", "not an iCalendar feed", &r);
    expand_text_fails("<!DOCTYPE html><html>Sign in</html>", "it starts with '<!DOCTYPE html>", &r);
    expand_text_fails("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "cut short", &r);
    expand_text_fails("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:y\r\nDTSTART:2027\r\n"
                      "END:VEVENT\r\nEND:VCALENDAR\r\n",
                      "its DTSTART '2027' cannot be read", &r);
    expand_text_fails("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:y\r\n"
                      "END:VEVENT\r\nEND:VCALENDAR\r\n",
                      "it has no start (DTSTART)", &r);
    expand_text_fails("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:y\r\n"
                      "DTSTART;VALUE=DATE:20270230\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                      "'20270230' is not a valid date", &r);
    expand_text_fails("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:y\r\n"
                      "DTSTART;TZID=../../../etc/passwd:20270301T100000\r\nEND:VEVENT\r\n"
                      "END:VCALENDAR\r\n",
                      "unknown time zone", &r);
    expand_text_fails("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:y\r\n"
                      "DTSTART:20270301T100000Z\r\nEXDATE:20271399T100000Z\r\nRRULE:FREQ=DAILY\r\n"
                      "END:VEVENT\r\nEND:VCALENDAR\r\n",
                      "EXDATE", &r);
    static const char nul[] = "BEGIN:VCALENDAR\r\nX\0Y\r\nEND:VCALENDAR\r\n";
    struct cu_err e;
    assert_int_equal(ical_expand(nul, sizeof(nul) - 1, NULL, 0, 1, &r, &e), -1);
    assert_non_null(strstr(e.msg, "NUL"));
}

/* Nothing libical prints reaches stderr (it warns with fprintf, e.g.
 * "Encountered END before BEGIN"), also on the worst input; checked with
 * stderr pointing at a file. */
static void test_libical_quiet(void **state)
{
    (void)state;
    char path[] = "/tmp/catchup-ical-stderr-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    static const char *const files[] = {OWN "truncated.ics",  OWN "bad_date.ics",
                                        OWN "unknown_tz.ics", OWN "bad_rrule.ics",
                                        OWN "cnai.ics",       SYNTH};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t len;
        char *text = slurp(files[i], &len);
        struct ical_result r = {0};
        struct cu_err e;
        if (ical_expand(text, len, NULL, T("2020-01-01"), T("2030-01-01"), &r, &e) == 0)
            ical_result_free(&r);
        free(text);
    }
    static const char warns[] = "BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VEVENT\r\n"
                                "END:VCALENDAR\r\n";
    struct ical_result r = {0};
    struct cu_err e;
    if (ical_expand(warns, strlen(warns), NULL, 0, 1, &r, &e) == 0)
        ical_result_free(&r);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    close(fd);
    unlink(path);
    assert_int_equal(st.st_size, 0);
}

/* ---- bounds, odd rules, safety ------------------------------------------ */

static const char *cal_with(const char *events, char *out, size_t n)
{
    snprintf(out, n, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n%sEND:VCALENDAR\r\n", events);
    return out;
}

static void test_bounded_rules(void **state)
{
    (void)state;
    char text[1024];
    struct ical_result r;
    struct cu_err e;
    /* hourly since 2000: capped per series, and the window is reached
     * without walking 27 years hour by hour */
    cal_with("BEGIN:VEVENT\r\nUID:h\r\nSUMMARY:hourly\r\nDTSTART:20000101T000000Z\r\n"
             "RRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:s\r\nSUMMARY:secondly\r\nDTSTART:19900101T000000Z\r\n"
             "RRULE:FREQ=SECONDLY;INTERVAL=7\r\nEND:VEVENT\r\n",
             text, sizeof(text));
    assert_int_equal(
        ical_expand(text, strlen(text), NULL, T("2027-03-01"), T("2028-04-01"), &r, &e), 0);
    size_t hourly = 0, secondly = 0;
    for (size_t i = 0; i < r.n; i++) {
        hourly += !strcmp(ical_occ_event(&r, &r.v[i])->summary, "hourly");
        secondly += !strcmp(ical_occ_event(&r, &r.v[i])->summary, "secondly");
    }
    assert_int_equal(hourly, ICAL_MAX_PER_EVENT);
    assert_int_equal(secondly, ICAL_MAX_PER_EVENT);
    assert_int_equal(r.v[0].start, T("2027-03-01T00:00:00Z"));
    ical_result_free(&r);
}

static void test_cancelled_floating_sanitized(void **state)
{
    (void)state;
    char text[2048];
    struct ical_result r;
    struct cu_err e;
    cal_with("X-WR-TIMEZONE:Asia/Kolkata\r\n"
             "BEGIN:VEVENT\r\nUID:w\r\nSUMMARY:weekly \x1b[31mred\x1b[0m\r\n"
             "DTSTART:20270301T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID:20270308T100000\r\nSTATUS:CANCELLED\r\n"
             "DTSTART:20270308T100000\r\nSUMMARY:weekly\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:gone\r\nSUMMARY:cancelled\r\nSTATUS:CANCELLED\r\n"
             "DTSTART:20270302T100000Z\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:dup\r\nSUMMARY:listed twice\r\nDTSTART:20270303T100000Z\r\n"
             "END:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:dup\r\nSUMMARY:listed twice\r\nDTSTART:20270303T100000Z\r\n"
             "END:VEVENT\r\n",
             text, sizeof(text));
    assert_int_equal(
        ical_expand(text, strlen(text), NULL, T("2027-02-01"), T("2027-04-01"), &r, &e), 0);
    /* floating 10:00 in the feed's X-WR-TIMEZONE (UTC+5:30); 8 March
     * cancelled by its override */
    check_starts(&r, "weekly", "2027-03-01T04:30:00Z 2027-03-15T04:30:00Z");
    check_starts(&r, "cancelled", "");
    check_starts(&r, "listed twice", "2027-03-03T10:00:00Z(single)");
    assert_string_equal(ical_occ_event(&r, &r.v[0])->summary, "weekly red");
    ical_result_free(&r);
}

/* A window that starts long after a series began (where the expansion
 * jumps ahead instead of walking from DTSTART) gives exactly the
 * occurrences a window from before DTSTART gives there. */
static void test_late_window_same_occurrences(void **state)
{
    (void)state;
    static const struct {
        const char *file, *early, *late, *end;
    } cases[] = {
        {SERVER_CALS "calcurse-test_rfc5545-rrule-examples.ical", "1996-01-01", "1999-02-17",
         "2001-01-01"},
        {SYNTH, "2025-01-01", "2025-03-12T17:30:00Z", "2025-12-31"},
        {OWN "cnai.ics", "2027-01-01", "2027-11-05", "2028-06-01"},
    };
    regex_t re;
    filter(&re, "AI|Every|Monthly|Weekly|Daily|Yearly|Office|Example");
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        struct ical_result a, b;
        expand_ok(cases[c].file, &re, cases[c].early, cases[c].end, &a);
        expand_ok(cases[c].file, &re, cases[c].late, cases[c].end, &b);
        time_t late = T(cases[c].late);
        size_t k = 0, compared = 0;
        for (size_t i = 0; i < a.n; i++) {
            const struct ical_occ *o = &a.v[i];
            if (o->all_day || o->start < late)
                continue;
            while (k < b.n && (b.v[k].all_day || b.v[k].start < late))
                k++;
            assert_true(k < b.n);
            assert_int_equal(b.v[k].start, o->start);
            assert_string_equal(b.v[k].rid, o->rid);
            assert_string_equal(ical_occ_event(&b, &b.v[k])->uid, ical_occ_event(&a, o)->uid);
            k++;
            compared++;
        }
        assert_true(compared > 5);
        ical_result_free(&a);
        ical_result_free(&b);
    }
    regfree(&re);
}

/* Mutated real feeds: whatever the bytes, an error or occurrences, never a
 * crash (the sanitizer builds check the memory). */
static void test_mutations(void **state)
{
    (void)state;
    static const char *const files[] = {SYNTH, OWN "cnai.ics",
                                        SERVER_CALS "google-public_saint-marina_LA_exdate_"
                                                    "recurrence-id.ics"};
    uint32_t seed = 12345;
    for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        size_t len;
        char *orig = slurp(files[f], &len);
        char *text = xmalloc(len + 1);
        for (int round = 0; round < 150; round++) {
            memcpy(text, orig, len);
            size_t cut = len;
            for (int k = 0; k < 1 + round % 8; k++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = (seed >> 8) % len;
                static const char junk[] = ":;=,\\\r\n TZ0129-+\xff\xc3";
                text[at] = junk[(seed >> 3) % (sizeof(junk) - 1)];
                if (round % 17 == 0)
                    cut = at;
            }
            struct ical_result r = {0};
            struct cu_err e;
            if (ical_expand(text, cut, NULL, T("2014-01-01"), T("2030-01-01"), &r, &e) == 0) {
                for (size_t i = 0; i < r.n; i++)
                    assert_true(r.v[i].end >= r.v[i].start);
                ical_result_free(&r);
            }
        }
        free(text);
        free(orig);
    }
}

/* ---- hostile and unlucky feeds (issue 12) --------------------------------- */

/* RFC 5545 3.3.5: a wall time a clock change skips is read with the offset
 * before the change, one it repeats is its first occurrence; the same for
 * a single event and for an instance of a series. */
static void test_clock_change_wall_times(void **state)
{
    (void)state;
    struct ical_result r;
    expand_ok(OWN "dst.ics", NULL, "2027-03-01", "2028-01-01", &r);
    check_starts(&r, "NY gap", "2027-03-14T07:30:00Z(single)");
    check_starts(&r, "NY twice", "2027-11-07T05:30:00Z(single)");
    check_starts(&r, "Berlin gap", "2027-03-28T01:30:00Z(single)");
    check_starts(&r, "LA gap single", "2027-03-14T10:30:00Z(single)");
    check_starts(&r, "LA gap series",
                 "2027-03-07T10:30:00Z 2027-03-14T10:30:00Z 2027-03-21T09:30:00Z");
    ical_result_free(&r);
}

/* An event outside the years 1800-2500 is skipped, and said; the rest stays. */
static void test_far_years_skipped(void **state)
{
    (void)state;
    struct ical_result r;
    expand_ok(OWN "far_year.ics", NULL, "2027-03-01", "2027-04-01", &r);
    check_starts(&r, "Meeting", "2027-03-11T09:00:00Z(single)");
    assert_int_equal(r.nskipped, 2);
    char *cuts = ical_cuts(&r);
    assert_non_null(cuts);
    assert_string_equal(cuts, "2 events skipped, the first: event 'Weekly since 1700': its start "
                              "(DTSTART) '17000310T090000Z' is outside the years 1800-2500");
    free(cuts);
    ical_result_free(&r);
    /* an impossible date still refuses the feed */
    expand_text_fails("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:y\r\n"
                      "DTSTART:20271345T250000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                      "is not a valid date", &r);
}

/* A VTIMEZONE that would expand into billions of offset changes is refused
 * (the e2e suite ical_hostile.sh runs it under a wall-clock guard). */
static void test_zone_changing_every_second_refused(void **state)
{
    (void)state;
    size_t len;
    char *text = slurp(OWN "tz_secondly.ics", &len);
    struct ical_result r;
    struct cu_err e = {{0}};
    assert_int_equal(ical_expand(text, len, NULL, T("2027-03-01"), T("2028-01-01"), &r, &e), -1);
    if (!strstr(e.msg, "uses the time zone 'Fast/Zone', which the feed defines so that it changes "
                       "its offset too often (its DAYLIGHT RRULE:FREQ=SECONDLY)"))
        fail_msg("%s", e.msg);
    free(text);
}

static char *gen(const char *kind, int n)
{
    char path[] = "/tmp/catchup-ical-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "python3 " OWN "gen_amplify.py %s %s %d", kind, path, n);
    assert_int_equal(system(cmd), 0);
    size_t len;
    char *text = slurp(path, &len);
    unlink(path);
    return text;
}

/* 2,000 MINUTELY series: every one keeps the same first few, the feed at
 * most ICAL_MAX_OCCURRENCES, and the cut is said. */
static void test_feed_bounds(void **state)
{
    (void)state;
    char *text = gen("minutely", 2000);
    struct ical_result r;
    struct cu_err e;
    assert_int_equal(
        ical_expand(text, strlen(text), NULL, T("2027-03-09"), T("2028-04-01"), &r, &e), 0);
    assert_int_equal(r.n, ICAL_MAX_OCCURRENCES);
    assert_int_equal(r.ncut, 2000);
    assert_int_equal(r.cut_each, ICAL_MAX_OCCURRENCES / 2000);
    char *cuts = ical_cuts(&r);
    assert_string_equal(cuts, "2,000 recurring series cut to 10 occurrences each");
    free(cuts);
    /* each series keeps its first ten minutes */
    check_starts(&r, "Every minute 1999",
                 "2027-03-10T09:19:00Z 2027-03-10T09:20:00Z 2027-03-10T09:21:00Z "
                 "2027-03-10T09:22:00Z 2027-03-10T09:23:00Z 2027-03-10T09:24:00Z "
                 "2027-03-10T09:25:00Z 2027-03-10T09:26:00Z 2027-03-10T09:27:00Z "
                 "2027-03-10T09:28:00Z");
    ical_result_free(&r);
    free(text);
    /* 100 SECONDLY series with a COUNT from before the window: the steps
     * run out, and that is said */
    text = gen("secondly", 100);
    assert_int_equal(
        ical_expand(text, strlen(text), NULL, T("2027-03-09"), T("2028-04-01"), &r, &e), 0);
    assert_int_equal(r.nunexpanded, 100);
    cuts = ical_cuts(&r);
    assert_non_null(strstr(cuts, "100 recurring series not expanded, or only in part"));
    free(cuts);
    ical_result_free(&r);
    free(text);
}

/* Once the feed's rule steps are spent, the series left are counted as not
 * expanded without being parsed: the filter still sees their SUMMARY as
 * libical would (unfolded, unescaped), and a cancelled one is not counted. */
static void test_spent_steps_count_series(void **state)
{
    (void)state;
    char text[4096];
    cal_with("BEGIN:VEVENT\r\nUID:burner\r\nSUMMARY:Team, sync burner\r\n"
             "DTSTART:20270101T000000Z\r\nRRULE:FREQ=SECONDLY;COUNT=10000000\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:folded\r\nSUMMARY;LANGUAGE=en:Team\\, s\r\n ync\r\n"
             "DTSTART:20270311T090000Z\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:gone\r\nSUMMARY:Team, sync\r\nSTATUS:CANCELLED\r\n"
             "DTSTART:20270311T090000Z\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:other\r\nSUMMARY:Other\r\n"
             "DTSTART:20270311T090000Z\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:single\r\nSUMMARY:Team, sync once\r\n"
             "DTSTART:20270312T090000Z\r\nEND:VEVENT\r\n",
             text, sizeof(text));
    regex_t re;
    filter(&re, "team, sync");
    struct ical_result r;
    struct cu_err e;
    assert_int_equal(ical_expand(text, strlen(text), &re, T("2027-03-09"), T("2028-04-01"), &r, &e),
                     0);
    assert_int_equal(r.nunexpanded, 2);
    assert_int_equal(r.nseries, 3);
    /* an event without a rule is still read */
    check_starts(&r, "Team, sync once", "2027-03-12T09:00:00Z(single)");
    ical_result_free(&r);
    regfree(&re);
}

/* Series without UID each keep their own made-up UID (the vinfos holding
 * them move when sorted). */
static void test_events_without_uid(void **state)
{
    (void)state;
    char text[2048];
    cal_with("BEGIN:VEVENT\r\nUID:\r\nSUMMARY:first\r\nDTSTART:20270311T090000Z\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nSUMMARY:second\r\nDTSTART:20270312T090000Z\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:\r\nSUMMARY:third\r\nDTSTART:20270313T090000Z\r\n"
             "RRULE:FREQ=DAILY;COUNT=2\r\nEND:VEVENT\r\n",
             text, sizeof(text));
    struct ical_result r;
    struct cu_err e;
    assert_int_equal(
        ical_expand(text, strlen(text), NULL, T("2027-03-01"), T("2027-04-01"), &r, &e), 0);
    check_starts(&r, "first", "2027-03-11T09:00:00Z(single)");
    check_starts(&r, "second", "2027-03-12T09:00:00Z(single)");
    check_starts(&r, "third", "2027-03-13T09:00:00Z 2027-03-14T09:00:00Z");
    ical_result_free(&r);
}

/* The feed is split before libical parses it: a byte-order mark, lower-case
 * and folded BEGIN lines, a folded UID, two VCALENDARs each with its own
 * VTIMEZONE of the same name, an event nested component (VALARM). */
static void test_split_edge_cases(void **state)
{
    (void)state;
    const char *text =
        "\xEF\xBB\xBF"
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:X/Y\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "begin:vevent\r\nUID:long-\r\n uid\r\nSUMMARY:one\r\n"
        "DTSTART;TZID=X/Y:20270311T090000\r\nRRULE:FREQ=DAILY;COUNT=2\r\n"
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nend:vevent\r\n"
        "BEGIN:VEV\r\n ENT\r\nUID:long-uid\r\nRECURRENCE-ID;TZID=X/Y:20270312T090000\r\n"
        "SUMMARY:one moved\r\nDTSTART;TZID=X/Y:20270312T100000\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:X/Y\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0200\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:two\r\nSUMMARY:two\r\n"
        "DTSTART;TZID=X/Y:20270311T090000\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    struct ical_result r;
    struct cu_err e;
    assert_int_equal(
        ical_expand(text, strlen(text), NULL, T("2027-03-01"), T("2027-04-01"), &r, &e), 0);
    check_starts(&r, "one", "2027-03-11T08:00:00Z 2027-03-12T09:00:00Z(moved)");
    check_starts(&r, "two", "2027-03-11T07:00:00Z(single)");
    ical_result_free(&r);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_biweekly_exdate_and_moved),
        cmocka_unit_test(test_monthly_2fr_4fr),
        cmocka_unit_test(test_until_all_day_utc),
        cmocka_unit_test(test_count_across_dst),
        cmocka_unit_test(test_yearly_exdate_override),
        cmocka_unit_test(test_overrides_without_series),
        cmocka_unit_test(test_rfc5545_examples),
        cmocka_unit_test(test_dst_gap_two_zones),
        cmocka_unit_test(test_filter),
        cmocka_unit_test(test_malformed_files),
        cmocka_unit_test(test_malformed_text),
        cmocka_unit_test(test_libical_quiet),
        cmocka_unit_test(test_bounded_rules),
        cmocka_unit_test(test_cancelled_floating_sanitized),
        cmocka_unit_test(test_late_window_same_occurrences),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_clock_change_wall_times),
        cmocka_unit_test(test_far_years_skipped),
        cmocka_unit_test(test_zone_changing_every_second_refused),
        cmocka_unit_test(test_feed_bounds),
        cmocka_unit_test(test_spent_steps_count_series),
        cmocka_unit_test(test_events_without_uid),
        cmocka_unit_test(test_split_edge_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
