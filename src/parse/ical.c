/* ical.c: see ical.h.
 *
 * The feed is parsed once with icalparser; every VEVENT is read in one pass
 * over its properties (libical keeps one property iterator per component, so
 * reading two kinds of property at once would reset it), grouped by UID into
 * a series and its RECURRENCE-ID overrides, and each series the filter keeps
 * is expanded with icalrecur_iterator in its own zone's wall time, then
 * turned into UTC instants: a 09:00 Los Angeles meeting stays 09:00 there
 * across daylight-saving changes, wherever the reader is. */
#define _GNU_SOURCE
#include "catchup/ical.h"
#include "ical_int.h"

#include <fcntl.h>
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catchup/text.h"

/* Rule instances looked at per RRULE before giving up on reaching the window
 * (a daily rule from 1990 needs about 14,000); the whole feed has
 * ICAL_MAX_STEPS. */
#define MAX_STEPS 400000
/* While expanding, the occurrences held reach twice the feed's cap before
 * they are cut back to it (between two UIDs). */
#define HELD_MAX (2 * ICAL_MAX_OCCURRENCES)
/* What starting a rule's iterator costs, in steps (libical sets up ICU
 * calendars for it). */
#define ITERATOR_STEPS 20

long ical_step_budget = ICAL_MAX_STEPS;

/* ---- libical's manners --------------------------------------------------- */

static void lib_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    /* Errors must come back as values: a "fatal" libical error prints and
     * calls assert(). */
    icalerror_set_errors_are_fatal(0);
    for (int x = ICAL_BADARG_ERROR; x <= ICAL_UNKNOWN_ERROR; x++)
        icalerror_set_error_state((icalerrorenum)x, ICAL_ERROR_NONFATAL);
}

/* libical prints some warnings with fprintf(stderr) ("Encountered END
 * before BEGIN"): on the TUI's screen or among catchup's own messages they
 * would only confuse, and the feed's problems are reported as errors
 * anyway.  While libical runs, stderr points at /dev/null. */
static int quiet_begin(void)
{
    fflush(stderr);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null < 0)
        return -1;
    int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (saved >= 0)
        dup2(null, STDERR_FILENO);
    close(null);
    return saved;
}

static void quiet_end(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
}

/* ---- small helpers -------------------------------------------------------- */

int ical_fail(struct feed *f, const struct vinfo *v, const char *fmt, ...)
{
    char why[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    char *title = text_truncate(v->summary ? v->summary : v->uid, 60);
    cu_errf(f->e, "event '%s': %s", title, why);
    free(title);
    return -1;
}

char *ical_clean(const char *s, unsigned flags, size_t max)
{
    if (!s)
        return xstrdup("");
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    char *t = text_sanitize(s, n, flags);
    /* trim, keeping inner line breaks */
    size_t len = strlen(t);
    while (len && (t[len - 1] == ' ' || t[len - 1] == '\n'))
        t[--len] = '\0';
    size_t lead = strspn(t, " \n");
    if (lead)
        memmove(t, t + lead, len - lead + 1);
    return t;
}

static bool matches(const struct feed *f, const char *summary)
{
    return !f->match || regexec(f->match, summary ? summary : "", 0, NULL, 0) == 0;
}

time_t ical_date_instant(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return timegm(&tm);
}

static void date_str(time_t t, char out[11])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void key_utc(time_t t, char out[24])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, 24, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void key_date(struct icaltimetype t, char out[24])
{
    snprintf(out, 24, "%04d%02d%02d", t.year, t.month, t.day);
}

int ical_check_time(struct icaltimetype t)
{
    if (t.year < 0 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 ||
        t.day > icaltime_days_in_month(t.month, t.year))
        return -1;
    if (!t.is_date && !(t.hour >= 0 && t.hour < 24 && t.minute >= 0 && t.minute < 60 &&
                        t.second >= 0 && t.second <= 60))
        return -1;
    return t.year < 1800 || t.year > 2500;
}

static bool valid_time(struct icaltimetype t)
{
    return ical_check_time(t) == 0;
}

/* ---- gathering ------------------------------------------------------------- */

static void push_prop(icalproperty ***v, size_t *n, icalproperty *p)
{
    /* doubling at each power of two: 100,000 EXDATEs are not 100,000 copies */
    if (*n >= 4 && !(*n & (*n - 1)))
        *v = xrealloc(*v, 2 * *n * sizeof(**v));
    else if (*n < 4)
        *v = xrealloc(*v, 4 * sizeof(**v));
    (*v)[(*n)++] = p;
}

/* Which date or rule property libical's X-LIC-ERROR text complains about
 * ("Can't parse as RECUR value in RRULE property. Removing entire property:
 * FREQ=..."), or NULL for complaints about anything else or about an empty
 * value (Google writes "LOCATION:" for none). */
static const char *time_complaint(const char *m)
{
    static const char *const names[] = {"RECURRENCE-ID", "DTSTART", "DTEND", "DURATION",
                                        "RRULE",         "RDATE",   "EXDATE"};
    if (!m || str_starts(m, "No value for"))
        return NULL;
    for (size_t i = 0; i < CU_ARRAY_LEN(names); i++) {
        char word[32];
        snprintf(word, sizeof(word), " %s property", names[i]);
        if (strstr(m, word))
            return names[i];
    }
    return NULL;
}

/* One pass over the component's properties. */
static void gather(icalcomponent *vcal, icalcomponent *c, struct vinfo *v)
{
    memset(v, 0, sizeof(*v));
    v->vcal = vcal;
    const char *summary = NULL;
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
        switch (icalproperty_isa(p)) {
        case ICAL_UID_PROPERTY: v->uid = icalproperty_get_uid(p); break;
        case ICAL_SUMMARY_PROPERTY: summary = icalproperty_get_summary(p); break;
        case ICAL_LOCATION_PROPERTY: v->location = icalproperty_get_location(p); break;
        case ICAL_DESCRIPTION_PROPERTY: v->description = icalproperty_get_description(p); break;
        case ICAL_URL_PROPERTY: v->url = icalproperty_get_url(p); break;
        case ICAL_CONFERENCE_PROPERTY:
            if (!v->conference && str_is_http_url(icalproperty_get_conference(p)))
                v->conference = icalproperty_get_conference(p);
            break;
        case ICAL_X_PROPERTY:
            if (!v->conference && icalproperty_get_x_name(p) &&
                !strcasecmp(icalproperty_get_x_name(p), "X-GOOGLE-CONFERENCE") &&
                str_is_http_url(icalproperty_get_x(p)))
                v->conference = icalproperty_get_x(p);
            break;
        case ICAL_STATUS_PROPERTY:
            v->cancelled = icalproperty_get_status(p) == ICAL_STATUS_CANCELLED;
            break;
        case ICAL_DTSTART_PROPERTY: v->dtstart = p; break;
        case ICAL_DTEND_PROPERTY: v->dtend = p; break;
        case ICAL_DURATION_PROPERTY: v->duration = p; break;
        case ICAL_RECURRENCEID_PROPERTY: v->rid = p; break;
        case ICAL_RRULE_PROPERTY: push_prop(&v->rrules, &v->nrrules, p); break;
        case ICAL_RDATE_PROPERTY: push_prop(&v->rdates, &v->nrdates, p); break;
        case ICAL_EXDATE_PROPERTY: push_prop(&v->exdates, &v->nexdates, p); break;
        case ICAL_XLICERROR_PROPERTY:
            if (!v->time_error && (v->time_error = time_complaint(icalproperty_get_xlicerror(p))))
                v->time_error_value = icalproperty_get_xlicerror(p);
            break;
        default: break;
        }
    }
    if (summary)
        v->summary = ical_clean(summary, 0, 1000);
    if (!v->uid || !*v->uid) {
        /* Identity for an event without UID: what it is and when. */
        uint64_t h = 1469598103934665603ull;
        const char *parts[] = {summary ? summary : "",
                               v->dtstart ? icalproperty_get_value_as_string(v->dtstart) : ""};
        for (size_t i = 0; i < 2; i++)
            for (const unsigned char *s = (const unsigned char *)parts[i]; s && *s; s++)
                h = (h ^ *s) * 1099511628211ull;
        v->uid = v->uid_made = xasprintf("nouid-%016llx", (unsigned long long)h);
    }
}

static void vinfo_free(struct vinfo *v)
{
    free(v->uid_made);
    free(v->summary);
    free(v->rrules);
    free(v->rdates);
    free(v->exdates);
}

static int by_uid(const void *a, const void *b)
{
    const struct vinfo *x = a, *y = b;
    int c = strcmp(x->uid, y->uid);
    if (c)
        return c;
    /* the series before its overrides */
    return (x->rid != NULL) - (y->rid != NULL);
}

/* ---- emitting -------------------------------------------------------------- */

static void event_free(struct ical_event *ev)
{
    free(ev->uid);
    free(ev->variant);
    free(ev->summary);
    free(ev->location);
    free(ev->description);
    free(ev->url);
    free(ev->conference);
}

struct span {
    time_t start, end;
    bool all_day;
};

static bool in_window(const struct feed *f, const struct span *s)
{
    if (s->all_day)
        return s->start < f->to + DAY && s->end > f->from - DAY;
    return s->start < f->to && (s->end > f->from || s->start >= f->from);
}

/* The event record of v with this summary (created on first use and
 * cached in *idx; SIZE_MAX: not yet). */
static size_t event_of(struct feed *f, const struct vinfo *v, const char *summary,
                       const char *variant, size_t *idx)
{
    if (*idx != SIZE_MAX)
        return *idx;
    struct ical_result *r = f->res;
    r->ev = xgrow(r->ev, r->nev, &r->capev, sizeof(*r->ev), 32);
    struct ical_event *ev = &r->ev[r->nev];
    ev->uid = ical_clean(v->uid, 0, 500);
    ev->variant = xstrdup(variant);
    ev->cut = false;
    ev->summary = xstrdup(summary && *summary ? summary : "(no title)");
    ev->location = ical_clean(v->location, 0, 1000);
    ev->description = ical_clean(v->description, TEXT_KEEP_NEWLINES, ICAL_MAX_DESCRIPTION);
    ev->url = v->url && str_is_http_url(v->url) ? ical_clean(v->url, 0, 2000) : xstrdup("");
    ev->conference = v->conference ? ical_clean(v->conference, 0, 2000) : xstrdup("");
    *idx = r->nev++;
    return *idx;
}

/* Frees the events no occurrence uses any more (counting the cut ones). */
/* Drops the events no occurrence uses any more, renumbering the rest;
 * count_cut adds what the dropped ones had cut to r->ncut. */
static void prune_events(struct ical_result *r, bool count_cut)
{
    size_t *map = xcalloc(r->nev + 1, sizeof(*map));
    for (size_t i = 0; i < r->n; i++)
        map[r->v[i].event] = 1;
    size_t w = 0;
    for (size_t i = 0; i < r->nev; i++) {
        if (!map[i]) {
            if (count_cut)
                r->ncut += r->ev[i].cut;
            event_free(&r->ev[i]);
            continue;
        }
        r->ev[w] = r->ev[i];
        map[i] = w++;
    }
    r->nev = w;
    for (size_t i = 0; i < r->n; i++)
        r->v[i].event = map[r->v[i].event];
    free(map);
}

static int by_event_start(const void *a, const void *b)
{
    const struct ical_occ *x = a, *y = b;
    if (x->event != y->event)
        return x->event < y->event ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return strcmp(x->rid, y->rid);
}

static int by_start_only(const void *a, const void *b)
{
    const struct ical_occ *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->event < y->event ? -1 : x->event > y->event;
}

/* Occurrences kept when each event keeps at most each of its first. */
static size_t kept_with(const size_t *runs, size_t nruns, size_t each)
{
    size_t total = 0;
    for (size_t i = 0; i < nruns; i++)
        total += runs[i] < each ? runs[i] : each;
    return total;
}

/* Cuts the occurrences held to at most limit: every event keeps its first
 * N, the largest N that fits (so 2,000 minutely series each keep the same
 * few), and later events may keep no more than N either; when even one
 * each is too many, the latest are dropped and nothing after them is taken
 * from then on. */
static void compact(struct feed *f, size_t limit)
{
    struct ical_result *r = f->res;
    if (r->n <= limit)
        return;
    qsort(r->v, r->n, sizeof(*r->v), by_event_start);
    size_t *runs = xcalloc(r->n, sizeof(*runs)), nruns = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (i == 0 || r->v[i].event != r->v[i - 1].event)
            nruns++;
        runs[nruns - 1]++;
    }
    size_t lo = 1, hi = f->cap_each;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (kept_with(runs, nruns, mid) <= limit)
            lo = mid;
        else
            hi = mid - 1;
    }
    free(runs);
    size_t w = 0, rank = 0;
    for (size_t i = 0; i < r->n; i++) {
        rank = i && r->v[i].event == r->v[i - 1].event ? rank + 1 : 0;
        if (rank < lo)
            r->v[w++] = r->v[i];
        else
            r->ev[r->v[i].event].cut = true;
    }
    r->n = w;
    if (lo < f->cap_each)
        f->cap_each = lo;
    if (r->n > limit) {
        qsort(r->v, r->n, sizeof(*r->v), by_start_only);
        r->n = limit;
        f->horizon = r->v[limit - 1].start + 1;
        if (!r->late_from || f->horizon < r->late_from)
            r->late_from = f->horizon;
    }
    prune_events(r, true);
}

static void emit(struct feed *f, size_t event, const char *rid, const struct span *s, bool moved,
                 time_t rule_start)
{
    struct ical_result *r = f->res;
    r->v = xgrow(r->v, r->n, &r->cap, sizeof(*r->v), 64);
    struct ical_occ *o = &r->v[r->n++];
    memset(o, 0, sizeof(*o));
    o->event = event;
    snprintf(o->rid, sizeof(o->rid), "%s", rid);
    o->start = s->start;
    o->end = s->end;
    o->all_day = s->all_day;
    if (s->all_day) {
        date_str(s->start, o->start_date);
        date_str(s->end, o->end_date);
    }
    o->moved = moved;
    o->rule_start = moved ? rule_start : s->start;
}

/* How long the event lasts: seconds for a timed one, whole days (in
 * seconds) for an all-day one; missing or backwards ends make an instant
 * (or one day). */
static int duration_of(struct feed *f, const struct vinfo *v, const struct when *ds, time_t start,
                       time_t fallback, time_t *dur)
{
    *dur = fallback;
    if (v->dtend) {
        struct when de;
        int rc = ical_read_when(f, v, v->dtend, "end (DTEND)", &de);
        if (rc < 0)
            return rc;
        time_t end = ds->t.is_date ? ical_date_instant(de.t.year, de.t.month, de.t.day)
                                   : ical_instant(de.t, de.zone);
        *dur = end > start ? end - start : (ds->t.is_date ? DAY : 0);
    } else if (v->duration) {
        struct icaldurationtype d = icalproperty_get_duration(v->duration);
        long secs = (long)icaldurationtype_as_int(d);
        *dur = secs > 0 ? secs : (ds->t.is_date ? DAY : 0);
    }
    if (ds->t.is_date)
        *dur = (*dur + DAY - 1) / DAY * DAY;
    return 0;
}

/* ---- expansion --------------------------------------------------------- */

/* An EXDATE, a RECURRENCE-ID: "20250311T170000Z" (UTC) or "20250401". */
struct override_key {
    char key[24];
};

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct override_key *)a)->key, ((const struct override_key *)b)->key);
}

/* Whether key is in v[0..n), sorted by by_key. */
static bool has_key(const struct override_key *v, size_t n, const char *key)
{
    struct override_key probe;
    snprintf(probe.key, sizeof(probe.key), "%s", key);
    return n && bsearch(&probe, v, n, sizeof(*v), by_key);
}

struct expansion {
    const struct vinfo *v;
    struct when ds;
    time_t dur;
    /* sorted: date-time EXDATEs as UTC keys, date EXDATEs as wall dates,
     * the overrides' recurrence ids */
    struct override_key *ex_keys, *ex_dates, *ov;
    size_t nex_keys, nex_dates, nov;
    size_t emitted;
    bool full;    /* the event has all the occurrences it may keep */
    bool starved; /* the feed's rule steps ran out in it */
    size_t event; /* SIZE_MAX until the first occurrence */
};

static time_t wall_instant(const struct expansion *x, struct icaltimetype o)
{
    return x->ds.t.is_date ? ical_date_instant(o.year, o.month, o.day)
                           : ical_instant(o, x->ds.zone);
}

/* One instance the rule (or an RDATE) gave, in the series' wall time, and
 * its instant. */
static void candidate(struct feed *f, struct expansion *x, struct icaltimetype o, time_t start)
{
    struct span s = {.start = start, .end = start + x->dur, .all_day = x->ds.t.is_date};
    char key[24], wall[24];
    key_date(o, wall);
    if (s.all_day)
        memcpy(key, wall, sizeof(key));
    else
        key_utc(s.start, key);
    if (!in_window(f, &s) || has_key(x->ex_keys, x->nex_keys, key) ||
        has_key(x->ex_dates, x->nex_dates, wall) || has_key(x->ov, x->nov, key))
        return;
    if (x->emitted >= f->cap_each || s.start >= f->horizon) {
        /* cut: per event, or past the feed's cap */
        if (x->emitted >= f->cap_each) {
            x->full = true;
            if (x->event != SIZE_MAX)
                f->res->ev[x->event].cut = true;
        }
        return;
    }
    emit(f, event_of(f, x->v, x->v->summary, "", &x->event), key, &s, false, s.start);
    x->emitted++;
}

static int expand_rule(struct feed *f, struct expansion *x, icalproperty *p)
{
    struct icalrecurrencetype rule = icalproperty_get_rrule(p);
    if (rule.freq == ICAL_NO_RECURRENCE)
        return ical_fail(f, x->v, "its RRULE cannot be read");
    /* The rule runs in wall time, without the zone: libical would move a
     * DTSTART in a clock change's gap to the hour after it, and every
     * later instance with it. */
    struct icaltimetype wall_start = x->ds.t;
    wall_start.zone = NULL;
    if (f->steps_left <= 0) {
        x->starved = true;
        return 0;
    }
    f->steps_left -= ITERATOR_STEPS;
    icalrecur_iterator *it = icalrecur_iterator_new(rule, wall_start);
    if (!it)
        return ical_fail(f, x->v, "libical cannot iterate its RRULE %s",
                         icalrecurrencetype_as_string(&rule));
    /* UNTIL is checked here too: libical 3.0 compares a UTC UNTIL with
     * wall times in some paths. */
    bool until_set = !icaltime_is_null_time(rule.until);
    time_t until = 0;
    if (until_set)
        until = rule.until.is_date
                    ? ical_date_instant(rule.until.year, rule.until.month, rule.until.day) + DAY - 1
                : icaltime_is_utc(rule.until) ? icaltime_as_timet(rule.until)
                                              : ical_instant(rule.until, x->ds.zone);
    /* A series that began years ago starts near the window instead of
     * walking every instance since (a daily meeting since 2019 is thousands
     * of steps; a SECONDLY rule would never arrive).  libical cannot do this
     * with COUNT, which counts from DTSTART.  Two days of slack cover any
     * zone offset; a floating series jumps in UTC, which the slack covers. */
    if (rule.count == 0) {
        time_t jump = f->from - x->dur - 2 * DAY;
        struct icaltimetype j =
            icaltime_from_timet_with_zone(jump, x->ds.t.is_date, x->ds.zone ? x->ds.zone : f->utc);
        j.zone = NULL;
        if (icaltime_compare(j, wall_start) > 0)
            icalrecur_iterator_set_start(it, j);
    }
    for (long step = 0; step < MAX_STEPS && !x->full && !cu_cancelled(); step++) {
        if (f->steps_left <= 0) {
            x->starved = true;
            break;
        }
        f->steps_left--;
        struct icaltimetype o = icalrecur_iterator_next(it);
        if (icaltime_is_null_time(o) || !valid_time(o))
            break;
        /* The wall time read as UTC is within a day of the instant: far
         * from the window, the exact conversion is not needed. */
        time_t w =
            ical_date_instant(o.year, o.month, o.day) + (time_t)o.hour * 3600 + o.minute * 60;
        if (w - 2 * DAY >= f->to + DAY || w - 2 * DAY >= f->horizon ||
            (until_set && w - 2 * DAY > until))
            break;
        if (w + x->dur + 2 * DAY < f->from - DAY)
            continue;
        time_t s = wall_instant(x, o);
        if ((until_set && s > until) || s >= f->to + DAY)
            break;
        candidate(f, x, o, s);
    }
    icalrecur_iterator_free(it);
    return 0;
}

static int expand_series(struct feed *f, const struct vinfo *v, const struct override_key *ov,
                         size_t nov)
{
    struct expansion x = {.v = v, .event = SIZE_MAX};
    int rc = ical_read_when(f, v, v->dtstart, "start (DTSTART)", &x.ds);
    if (rc < 0)
        return rc;
    time_t start = x.ds.t.is_date ? ical_date_instant(x.ds.t.year, x.ds.t.month, x.ds.t.day)
                                  : ical_instant(x.ds.t, x.ds.zone);
    if ((rc = duration_of(f, v, &x.ds, start, x.ds.t.is_date ? DAY : 0, &x.dur)) < 0)
        return rc;
    if (!v->nrrules && !v->nrdates) {
        struct span s = {start, start + x.dur, x.ds.t.is_date};
        char key[24];
        if (s.all_day)
            key_date(x.ds.t, key);
        else
            key_utc(start, key);
        /* An override of a single event replaces it. */
        bool replaced = false;
        for (size_t i = 0; i < nov && !replaced; i++)
            replaced = !strcmp(ov[i].key, key);
        if (in_window(f, &s) && !replaced && s.start < f->horizon)
            emit(f, event_of(f, v, v->summary, "", &x.event), "", &s, false, start);
        return 0;
    }
    /* sorted once, looked up per instance: n log n for 100,000 EXDATEs */
    x.ex_keys = xcalloc(v->nexdates + 1, sizeof(*x.ex_keys));
    x.ex_dates = xcalloc(v->nexdates + 1, sizeof(*x.ex_dates));
    x.ov = xcalloc(nov + 1, sizeof(*x.ov));
    if (nov)
        memcpy(x.ov, ov, nov * sizeof(*ov));
    x.nov = nov;
    qsort(x.ov, x.nov, sizeof(*x.ov), by_key);
    for (size_t i = 0; i < v->nexdates; i++) {
        struct when w;
        if ((rc = ical_read_when(f, v, v->exdates[i], "EXDATE", &w)) < 0)
            goto out;
        if (w.t.is_date)
            key_date(w.t, x.ex_dates[x.nex_dates++].key);
        else
            key_utc(ical_instant(w.t, w.zone), x.ex_keys[x.nex_keys++].key);
    }
    qsort(x.ex_keys, x.nex_keys, sizeof(*x.ex_keys), by_key);
    qsort(x.ex_dates, x.nex_dates, sizeof(*x.ex_dates), by_key);
    for (size_t i = 0; i < v->nrrules && rc == 0; i++)
        rc = expand_rule(f, &x, v->rrules[i]);
    if (x.starved)
        f->res->nunexpanded++;
    /* RFC 5545: DTSTART is always the first instance, also when the rule
     * would not produce it; RDATEs add instances. */
    if (rc == 0)
        candidate(f, &x, x.ds.t, wall_instant(&x, x.ds.t));
    for (size_t i = 0; i < v->nrdates && rc == 0; i++) {
        struct when w;
        if ((rc = ical_read_when(f, v, v->rdates[i], "RDATE", &w)) < 0)
            break;
        struct icaltimetype o = w.t;
        if (!o.is_date && x.ds.t.is_date)
            o.is_date = 1;
        else if (!o.is_date && w.zone != x.ds.zone && x.ds.zone)
            o = icaltime_convert_to_zone(w.t, x.ds.zone);
        candidate(f, &x, o, wall_instant(&x, o));
    }
out:
    free(x.ex_keys);
    free(x.ex_dates);
    free(x.ov);
    return rc;
}

/* Emits an override (a moved, renamed or extra occurrence) on its own: rid
 * is the occurrence's id, variant the override's recurrence id. */
static int emit_override(struct feed *f, const struct vinfo *o, const struct vinfo *series,
                         const char *rid, const char *variant, time_t rule_start)
{
    if (!o->dtstart)
        return ical_fail(f, o, "it has no start (DTSTART)");
    struct when ds;
    int rc = ical_read_when(f, o, o->dtstart, "start (DTSTART)", &ds);
    if (rc < 0)
        return rc;
    time_t start = ds.t.is_date ? ical_date_instant(ds.t.year, ds.t.month, ds.t.day)
                                : ical_instant(ds.t, ds.zone);
    time_t fallback = ds.t.is_date ? DAY : 0;
    if (series && series->dtstart && !o->dtend && !o->duration) {
        /* the series' length (a series the filter dropped may be unreadable:
         * then the override is an instant) */
        struct when sds;
        struct cu_err ignored;
        struct cu_err *saved = f->e;
        f->e = &ignored;
        if (ical_read_when(f, series, series->dtstart, "start (DTSTART)", &sds) == 0 &&
            sds.t.is_date == ds.t.is_date)
            duration_of(f, series, &sds, ical_instant(sds.t, sds.zone), fallback, &fallback);
        f->e = saved;
    }
    time_t dur;
    if ((rc = duration_of(f, o, &ds, start, fallback, &dur)) < 0)
        return rc;
    struct span s = {start, start + dur, ds.t.is_date};
    if (!in_window(f, &s) || s.start >= f->horizon)
        return 0;
    const char *summary = o->summary ? o->summary : series ? series->summary : NULL;
    size_t event = SIZE_MAX;
    emit(f, event_of(f, o, summary, variant, &event), rid, &s, start != rule_start, rule_start);
    return 0;
}

static int unreadable(struct feed *f, const struct vinfo *v)
{
    /* libical's text ends with the value it dropped: "...property: VALUE" */
    const char *m = v->time_error_value;
    const char *val = strrchr(m, ':');
    char *shown = text_sanitize(val ? val + 1 : "", val ? strnlen(val + 1, 60) : 0, 0);
    int rc = ical_fail(f, v, "its %s '%s' cannot be read", v->time_error, str_trim(shown));
    free(shown);
    return rc;
}

/* A series (may be NULL when the feed has only its overrides) and its
 * overrides v[0..n). */
static int do_group(struct feed *f, struct vinfo *series, struct vinfo *ov, size_t n)
{
    bool keep_series = series && !series->cancelled && matches(f, series->summary);
    bool kept_any = false;
    if (keep_series) {
        if (series->time_error)
            return unreadable(f, series);
        if (!series->dtstart)
            return ical_fail(f, series, "it has no start (DTSTART)");
    }
    struct override_key *keys = xcalloc(n + 1, sizeof(*keys));
    time_t *rule_starts = xcalloc(n + 1, sizeof(*rule_starts));
    bool *keep = xcalloc(n + 1, sizeof(*keep));
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const char *summary = ov[i].summary ? ov[i].summary : series ? series->summary : NULL;
        keep[i] = !ov[i].cancelled && matches(f, summary);
        if (!keep_series && !keep[i])
            continue;
        if (ov[i].time_error) {
            rc = unreadable(f, &ov[i]);
            goto out;
        }
        struct when w;
        if ((rc = ical_read_when(f, &ov[i], ov[i].rid, "RECURRENCE-ID", &w)) < 0)
            goto out;
        if (w.t.is_date) {
            key_date(w.t, keys[i].key);
            rule_starts[i] = ical_date_instant(w.t.year, w.t.month, w.t.day);
        } else {
            rule_starts[i] = ical_instant(w.t, w.zone);
            key_utc(rule_starts[i], keys[i].key);
        }
    }
    if (keep_series) {
        if ((rc = expand_series(f, series, keys, n)) < 0)
            goto out;
        kept_any = true;
    }
    for (size_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        /* An override of a series that does not recur keeps the series' id. */
        bool recurs = series && (series->nrrules || series->nrdates);
        if ((rc = emit_override(f, &ov[i], series, recurs || !series ? keys[i].key : "",
                                keys[i].key, rule_starts[i])) < 0)
            goto out;
        kept_any = true;
    }
    if (kept_any)
        f->res->nseries++;
out:
    free(keys);
    free(rule_starts);
    free(keep);
    return rc;
}

static void read_calendar_props(struct feed *f, icalcomponent *vcal)
{
    f->default_zone = NULL;
    for (icalproperty *p = icalcomponent_get_first_property(vcal, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(vcal, ICAL_X_PROPERTY)) {
        const char *name = icalproperty_get_x_name(p);
        const char *val = icalproperty_get_x(p);
        if (!name || !val)
            continue;
        if (!str_casecmp(name, "X-WR-CALNAME") && !f->res->name)
            f->res->name = ical_clean(val, 0, 200);
        else if (!str_casecmp(name, "X-WR-TIMEZONE") && !f->default_zone) {
            const char *refused;
            f->default_zone = ical_zone_lookup(f, vcal, val, &refused);
        }
    }
}

/* Expands the events v[0..n) (gathered), grouped by UID: a series and its
 * overrides.  An event with a date outside 1800-2500 is skipped with what
 * it gave so far. */
static int read_events(struct feed *f, struct vinfo *v, size_t n)
{
    if (n)
        qsort(v, n, sizeof(*v), by_uid);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0 && !cu_cancelled();) {
        size_t j = i;
        while (j < n && !strcmp(v[j].uid, v[i].uid))
            j++;
        struct vinfo *series = v[i].rid ? NULL : &v[i];
        /* A second series with the same UID is a broken feed's duplicate. */
        size_t first_ov = i;
        while (first_ov < j && !v[first_ov].rid)
            first_ov++;
        struct ical_result *r = f->res;
        size_t n0 = r->n, nev0 = r->nev, nseries0 = r->nseries;
        rc = do_group(f, series, &v[first_ov], j - first_ov);
        if (rc == SKIP_EVENT) {
            /* what the event already gave goes with it */
            r->n = n0;
            while (r->nev > nev0)
                event_free(&r->ev[--r->nev]);
            r->nseries = nseries0;
            if (!r->nskipped++)
                r->skipped = xstrdup(f->e->msg);
            rc = 0;
        }
        if (r->n >= HELD_MAX)
            compact(f, ICAL_MAX_OCCURRENCES);
        i = j;
    }
    return rc;
}

static icalcomponent *parse_block(const char *text, const struct block *b, icalcomponent **root)
{
    char *t = block_text(text, b);
    *root = icalparser_parse_string(t);
    free(t);
    if (!*root)
        return NULL;
    if (icalcomponent_isa(*root) == ICAL_VEVENT_COMPONENT)
        return *root;
    return icalcomponent_get_first_component(*root, ICAL_VEVENT_COMPONENT);
}

/* Whether the events of one UID, ct->ev[i..j), are series with a rule and no
 * overrides: once the feed's rule steps are spent, all such a group gives is
 * its count among the series not expanded, so it is not even parsed. */
static bool only_rules(const struct cal_text *ct, size_t i, size_t j)
{
    for (size_t k = i; k < j; k++)
        if (ct->ev[k].rid || !ct->ev[k].rrule)
            return false;
    return true;
}

static int read_calendar(struct feed *f, const char *text, struct cal_text *ct)
{
    buf_adds(&ct->skel, "END:VCALENDAR\r\n"); /* the cap leaves room for it */
    buf_add(&ct->skel, "", 1);
    icalcomponent *vcal = icalparser_parse_string(ct->skel.data);
    if (!vcal)
        return cu_errf(f->e, "the feed is cut short or malformed: its VCALENDAR is never closed "
                             "(no END:VCALENDAR)");
    if (icalcomponent_isa(vcal) != ICAL_VCALENDAR_COMPONENT) {
        int rc = cu_errf(f->e, "not an iCalendar feed (its first component is %s)",
                         icalcomponent_kind_to_string(icalcomponent_isa(vcal)));
        icalcomponent_free(vcal);
        return rc;
    }
    read_calendar_props(f, vcal);
    if (ct->nev)
        qsort(ct->ev, ct->nev, sizeof(*ct->ev), by_block_key);
    int rc = 0;
    struct vinfo *v = NULL;
    icalcomponent **roots = NULL;
    size_t cap = 0, caproots = 0;
    /* a refresh being dropped (cu_cancelled) ends it at the next UID */
    for (size_t i = 0; i < ct->nev && rc == 0 && !cu_cancelled();) {
        size_t j = i + 1;
        while (j < ct->nev && ct->ev[i].key && ct->ev[j].key &&
               !strcmp(ct->ev[i].key, ct->ev[j].key))
            j++;
        size_t n = 0, nroots = 0, bytes = 0;
        for (size_t k = i; k < j; k++)
            bytes += ct->ev[k].len;
        if (bytes > GROUP_MAX) {
            struct ical_result *r = f->res;
            if (!r->nskipped++) {
                char *uid = text_sanitize(ct->ev[i].key ? ct->ev[i].key : "",
                                          ct->ev[i].key ? strnlen(ct->ev[i].key, 60) : 0, 0);
                r->skipped = xasprintf("the event with UID '%s' takes %.1f MiB (%zu VEVENT%s); "
                                       "catchup reads at most %u MiB for one event",
                                       uid, bytes / 1048576.0, j - i, j - i == 1 ? "" : "s",
                                       GROUP_MAX >> 20);
                free(uid);
            }
            i = j;
            continue;
        }
        if (f->steps_left <= 0 && only_rules(ct, i, j)) {
            /* the rule steps are spent: it would not be expanded */
            char *summary = f->match ? block_summary(text, &ct->ev[i]) : NULL;
            if (!ct->ev[i].cancelled && matches(f, summary)) {
                f->res->nunexpanded++;
                f->res->nseries++;
            }
            free(summary);
            i = j;
            continue;
        }
        for (size_t k = i; k < j; k++) {
            icalcomponent *root;
            icalcomponent *c = parse_block(text, &ct->ev[k], &root);
            if (root) {
                roots = xgrow(roots, nroots, &caproots, sizeof(*roots), 4);
                roots[nroots++] = root;
            }
            if (!c)
                continue;
            v = xgrow(v, n, &cap, sizeof(*v), 4);
            gather(vcal, c, &v[n++]);
        }
        rc = read_events(f, v, n);
        for (size_t k = 0; k < n; k++)
            vinfo_free(&v[k]);
        for (size_t k = 0; k < nroots; k++)
            icalcomponent_free(roots[k]);
        i = j;
    }
    free(v);
    free(roots);
    icalcomponent_free(vcal);
    /* the verdicts name this calendar's zones, which are gone */
    for (size_t i = 0; i < f->nzones; i++)
        free(f->zones[i].why);
    f->nzones = 0;
    return rc;
}

/* ---- result ------------------------------------------------------------- */

void ical_result_free(struct ical_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nev; i++)
        event_free(&r->ev[i]);
    free(r->ev);
    free(r->v);
    free(r->name);
    free(r->skipped);
    memset(r, 0, sizeof(*r));
}

/* 2000 as "2,000" */
static void add_count(struct buf *b, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof(digits), "%zu", n);
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            buf_add(b, ",", 1);
        buf_add(b, &digits[i], 1);
    }
}

char *ical_cuts(const struct ical_result *r)
{
    struct buf b;
    buf_init(&b, 0);
    if (r->ncut) {
        add_count(&b, r->ncut);
        buf_addf(&b, " recurring series cut to ");
        add_count(&b, r->cut_each);
        buf_addf(&b, " occurrence%s each", r->cut_each == 1 ? "" : "s");
    }
    if (r->late_from) {
        char day[11];
        date_str(r->late_from, day);
        buf_addf(&b, "%soccurrences from %s on dropped (at most ", b.len ? "; " : "", day);
        add_count(&b, ICAL_MAX_OCCURRENCES);
        buf_adds(&b, " are kept per calendar)");
    }
    if (r->nunexpanded) {
        buf_adds(&b, b.len ? "; " : "");
        add_count(&b, r->nunexpanded);
        buf_addf(&b, " recurring series not expanded, or only in part (the calendar would need "
                     "more than ");
        add_count(&b, (size_t)ical_step_budget);
        buf_adds(&b, " rule steps)");
    }
    if (r->nskipped) {
        buf_adds(&b, b.len ? "; " : "");
        add_count(&b, r->nskipped);
        buf_addf(&b, " event%s skipped, the first: %s", r->nskipped == 1 ? "" : "s", r->skipped);
    }
    if (b.len)
        return buf_take(&b);
    buf_free(&b);
    return NULL;
}

const struct ical_event *ical_occ_event(const struct ical_result *r, const struct ical_occ *o)
{
    return &r->ev[o->event];
}

static int by_identity(const void *a, const void *b, void *arg)
{
    const struct ical_result *r = arg;
    const struct ical_occ *x = a, *y = b;
    int c = strcmp(r->ev[x->event].uid, r->ev[y->event].uid);
    return c ? c : strcmp(x->rid, y->rid);
}

static int by_start(const void *a, const void *b, void *arg)
{
    const struct ical_occ *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return by_identity(a, b, arg);
}

/* One occurrence per (uid, rid) (an RDATE equal to a rule instance, a feed
 * listing an event twice), then only the events still used. */
static void dedupe(struct ical_result *r)
{
    if (r->n > 1) {
        qsort_r(r->v, r->n, sizeof(*r->v), by_identity, r);
        size_t w = 1;
        for (size_t i = 1; i < r->n; i++)
            if (by_identity(&r->v[i], &r->v[w - 1], r))
                r->v[w++] = r->v[i];
        r->n = w;
    }
    prune_events(r, false);
}

static bool starts_like_ical(const char *s, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return len - i >= 15 && !strncasecmp(s + i, "BEGIN:VCALENDAR", 15);
}

int ical_expand(const char *text, size_t len, const regex_t *match, time_t from, time_t to,
                struct ical_result *out, struct cu_err *e)
{
    lib_init();
    if (!starts_like_ical(text, len)) {
        char *head = text_sanitize(text, len < 60 ? len : 60, 0);
        char *shown = text_truncate(str_trim(head), 40);
        int rc =
            cu_errf(e, "not an iCalendar feed (it starts with '%s', not BEGIN:VCALENDAR)", shown);
        free(shown);
        free(head);
        return rc;
    }
    if (memchr(text, '\0', len))
        return cu_errf(e, "not an iCalendar feed (it holds NUL bytes)");
    struct cal_text *cals;
    size_t ncals;
    if (split_feed(text, len, &cals, &ncals, e) < 0)
        return -1;
    int saved = quiet_begin();
    struct ical_result res = {0};
    struct feed f = {.match = match,
                     .from = from,
                     .to = to,
                     .res = &res,
                     .e = e,
                     .utc = icaltimezone_get_utc_timezone(),
                     .steps_left = ical_step_budget,
                     .cap_each = ICAL_MAX_PER_EVENT,
                     .horizon = (time_t)INT64_MAX};
    int rc = 0;
    for (size_t i = 0; i < ncals; i++) {
        if (rc == 0)
            rc = read_calendar(&f, text, &cals[i]);
        cal_text_free(&cals[i]);
    }
    free(cals);
    icalerror_clear_errno();
    quiet_end(saved);
    if (cu_cancelled())
        rc = cu_errf(e, "cancelled");
    for (size_t i = 0; i < f.nzones; i++)
        free(f.zones[i].why);
    free(f.zones);
    if (rc < 0) {
        ical_result_free(&res);
        return -1;
    }
    compact(&f, ICAL_MAX_OCCURRENCES);
    for (size_t i = 0; i < res.nev; i++)
        res.ncut += res.ev[i].cut;
    res.cut_each = f.cap_each;
    dedupe(&res);
    if (res.n)
        qsort_r(res.v, res.n, sizeof(*res.v), by_start, &res);
    *out = res;
    return 0;
}
