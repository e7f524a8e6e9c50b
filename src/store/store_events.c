/* store_events.c: see store_events.h.  Statements are prepared per call:
 * the events are written once per refresh and read once per screen load. */
#define _GNU_SOURCE
#include "catchup/store_events.h"

#include "store_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *col_text_nn(sqlite3_stmt *st, int i)
{
    char *t = store_col_text(st, i);
    return t ? t : xstrdup("");
}

static void col_date(sqlite3_stmt *st, int i, char out[11])
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    size_t n = t ? strnlen(t, 10) : 0;
    memcpy(out, t ? t : "", n);
    out[n] = '\0';
}

/* ---- calendars ---------------------------------------------------------- */

void cal_infos_free(struct cal_info *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].url);
        free(v[i].name);
    }
    free(v);
}

int store_calendars(struct store *s, const char *grp, struct cal_info **v, size_t *n,
                    struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT url, name, fetched_at, win_from, win_to, nseries FROM calendars "
                      "WHERE grp = ? ORDER BY url",
                      "list calendars", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    struct cal_info *out = NULL;
    size_t len = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = xrealloc(out, (len + 1) * sizeof(*out));
        struct cal_info *c = &out[len++];
        c->url = col_text_nn(st, 0);
        c->name = store_col_text(st, 1);
        c->fetched_at = (time_t)sqlite3_column_int64(st, 2);
        c->win_from = (time_t)sqlite3_column_int64(st, 3);
        c->win_to = (time_t)sqlite3_column_int64(st, 4);
        c->nseries = (long)sqlite3_column_int64(st, 5);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        cal_infos_free(out, len);
        return store_fail(s, e, "list calendars");
    }
    *v = out;
    *n = len;
    return 0;
}

int store_calendar_delete(struct store *s, const char *grp, const char *url, struct cu_err *e)
{
    static const char *const sql[] = {
        "DELETE FROM occurrences WHERE grp = ? AND calendar = ?",
        "DELETE FROM cal_events WHERE grp = ? AND calendar = ?",
        "DELETE FROM calendars WHERE grp = ? AND url = ?",
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(sql); i++) {
        sqlite3_stmt *st = store_prepare(s, sql[i], "forget a calendar", e);
        if (!st)
            return -1;
        store_bind_text(st, 1, grp);
        store_bind_text(st, 2, url);
        if (store_run(s, st, "forget a calendar", e) < 0)
            return -1;
    }
    return 0;
}

/* What the cache knew of an occurrence before this refresh. */
struct known {
    char *key; /* "uid\x1Frid" (0x1F cannot occur in sanitized text) */
    time_t start, prev_start, first_seen, moved_at;
};

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct known *)a)->key, ((const struct known *)b)->key);
}

static int load_known(struct store *s, const char *grp, const char *url, struct known **out,
                      size_t *n, struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT uid, rid, start, prev_start, first_seen, moved_at FROM occurrences "
                      "WHERE grp = ? AND calendar = ?",
                      "read occurrences", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, url);
    struct known *v = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = xgrow(v, len, &cap, sizeof(*v), 64);
        v[len].key = xasprintf("%s\x1f%s", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
        v[len].start = (time_t)sqlite3_column_int64(st, 2);
        v[len].prev_start = (time_t)sqlite3_column_int64(st, 3);
        v[len].first_seen = (time_t)sqlite3_column_int64(st, 4);
        v[len].moved_at = (time_t)sqlite3_column_int64(st, 5);
        len++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < len; i++)
            free(v[i].key);
        free(v);
        return store_fail(s, e, "read occurrences");
    }
    if (len)
        qsort(v, len, sizeof(*v), by_key);
    *out = v;
    *n = len;
    return 0;
}

int store_calendar_put(struct store *s, const char *grp, const char *url,
                       const struct ical_result *r, time_t from, time_t to, time_t now,
                       struct cu_err *e)
{
    struct known *known = NULL;
    size_t nknown = 0;
    if (load_known(s, grp, url, &known, &nknown, e) < 0)
        return -1;
    int rc = -1;
    sqlite3_stmt *ev = NULL, *oc = NULL, *st;
    if (store_calendar_delete(s, grp, url, e) < 0)
        goto out;
    st = store_prepare(
        s,
        "INSERT INTO calendars (grp, url, name, fetched_at, win_from, win_to, nseries) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        "store a calendar", e);
    if (!st)
        goto out;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, url);
    store_bind_text(st, 3, r->name);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)from);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)to);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)r->nseries);
    if (store_run(s, st, "store a calendar", e) < 0)
        goto out;
    ev = store_prepare(
        s,
        "INSERT OR REPLACE INTO cal_events (grp, calendar, uid, variant, summary, location, "
        "description, url, conference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "store an event", e);
    oc = store_prepare(
        s,
        "INSERT OR REPLACE INTO occurrences (grp, calendar, uid, rid, variant, summary, "
        "start, end, all_day, start_date, end_date, rule_start, prev_start, first_seen, "
        "moved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "store an occurrence", e);
    if (!ev || !oc)
        goto out;
    for (size_t i = 0; i < r->nev; i++) {
        const struct ical_event *x = &r->ev[i];
        sqlite3_reset(ev);
        store_bind_text(ev, 1, grp);
        store_bind_text(ev, 2, url);
        store_bind_text(ev, 3, x->uid);
        store_bind_text(ev, 4, x->variant);
        store_bind_text(ev, 5, x->summary);
        store_bind_text(ev, 6, x->location);
        store_bind_text(ev, 7, x->description);
        store_bind_text(ev, 8, x->url);
        store_bind_text(ev, 9, x->conference);
        if (sqlite3_step(ev) != SQLITE_DONE) {
            store_fail(s, e, "store an event");
            goto out;
        }
    }
    for (size_t i = 0; i < r->n; i++) {
        const struct ical_occ *o = &r->v[i];
        const struct ical_event *x = ical_occ_event(r, o);
        char *key = xasprintf("%s\x1f%s", x->uid, o->rid);
        struct known probe = {.key = key};
        const struct known *k =
            nknown ? bsearch(&probe, known, nknown, sizeof(*known), by_key) : NULL;
        free(key);
        time_t prev = k ? (k->start != o->start ? k->start : k->prev_start) : 0;
        sqlite3_reset(oc);
        store_bind_text(oc, 1, grp);
        store_bind_text(oc, 2, url);
        store_bind_text(oc, 3, x->uid);
        store_bind_text(oc, 4, o->rid);
        store_bind_text(oc, 5, x->variant);
        store_bind_text(oc, 6, x->summary);
        sqlite3_bind_int64(oc, 7, (sqlite3_int64)o->start);
        sqlite3_bind_int64(oc, 8, (sqlite3_int64)o->end);
        sqlite3_bind_int(oc, 9, o->all_day);
        store_bind_text(oc, 10, o->all_day ? o->start_date : NULL);
        store_bind_text(oc, 11, o->all_day ? o->end_date : NULL);
        sqlite3_bind_int64(oc, 12, (sqlite3_int64)o->rule_start);
        if (prev)
            sqlite3_bind_int64(oc, 13, (sqlite3_int64)prev);
        else
            sqlite3_bind_null(oc, 13);
        sqlite3_bind_int64(oc, 14, (sqlite3_int64)(k ? k->first_seen : now));
        /* when this refresh saw it move, for "what's new since your last visit" */
        time_t moved = k ? (k->start != o->start ? now : k->moved_at) : 0;
        if (moved)
            sqlite3_bind_int64(oc, 15, (sqlite3_int64)moved);
        else
            sqlite3_bind_null(oc, 15);
        if (sqlite3_step(oc) != SQLITE_DONE) {
            store_fail(s, e, "store an occurrence");
            goto out;
        }
    }
    rc = 0;
out:
    sqlite3_finalize(ev);
    sqlite3_finalize(oc);
    for (size_t i = 0; i < nknown; i++)
        free(known[i].key);
    free(known);
    return rc;
}

/* ---- occurrences ----------------------------------------------------------- */

void occ_rows_free(struct occ_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].calendar);
        free(v[i].calendar_name);
        free(v[i].uid);
        free(v[i].rid);
        free(v[i].summary);
        free(v[i].location);
        free(v[i].description);
        free(v[i].url);
        free(v[i].conference);
    }
    free(v);
}

/* A column's text, borrowed ("" for NULL, or NULL with nullable). */
static char *col_borrow(sqlite3_stmt *st, int i, bool nullable)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (char *)t : nullable ? NULL : (char *)"";
}

/* What the rows of store_occurrences_each share, looked up once each. */
struct occ_lookup {
    sqlite3_stmt *text;    /* an event's rowid and text by its key */
    struct str_map events; /* calendar, uid, variant -> the event's rowid (0: none) */
    struct buf key;
    struct cal_info *cals; /* the calendars' names */
    size_t ncals, last;
};

static const char *calendar_name(struct occ_lookup *l, const char *url)
{
    for (size_t i = 0; i < l->ncals; i++) {
        size_t k = (l->last + i) % l->ncals;
        if (!strcmp(l->cals[k].url, url)) {
            l->last = k;
            return l->cals[k].name;
        }
    }
    return NULL;
}

/* Sets o's event and, on the first row of each, its text ("" on every row
 * of none); -1 on a failed read. */
static int occ_event(struct occ_lookup *l, const char *variant, struct occ_row *o)
{
    l->key.len = 0;
    buf_add(&l->key, o->calendar, strlen(o->calendar) + 1);
    buf_add(&l->key, o->uid, strlen(o->uid) + 1);
    buf_add(&l->key, variant, strlen(variant));
    bool added;
    size_t *event = str_map_at(&l->events, l->key.data, l->key.len, &added);
    o->event = (long long)*event;
    if (added) {
        /* the row's strings outlive this step: bound without copies */
        sqlite3_reset(l->text);
        sqlite3_bind_text(l->text, 2, o->calendar, -1, SQLITE_STATIC);
        sqlite3_bind_text(l->text, 3, o->uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(l->text, 4, variant, -1, SQLITE_STATIC);
        int rc = sqlite3_step(l->text);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return -1;
        if (rc == SQLITE_ROW) {
            o->event = (long long)sqlite3_column_int64(l->text, 0);
            *event = (size_t)o->event;
            o->location = col_borrow(l->text, 1, false);
            o->description = col_borrow(l->text, 2, false);
            o->url = col_borrow(l->text, 3, false);
            o->conference = col_borrow(l->text, 4, false);
            return 0;
        }
    }
    if (!o->event)
        o->location = o->description = o->url = o->conference = (char *)"";
    return 0;
}

int store_occurrences_each(struct store *s, const char *grp, time_t from, time_t to,
                           int (*fn)(const struct occ_row *o, void *arg), void *arg,
                           struct cu_err *e)
{
    /* Timed: overlapping (or starting at from when instantaneous); all-day:
     * a day of slack either side.  An event's text (a description may be
     * 16 KiB) is read once, by its own statement, not with every row; so
     * is a calendar's name.  No join and no sort beyond the index's order:
     * per row, they were most of an agenda's time. */
    struct occ_lookup l = {0};
    buf_init(&l.key, 0);
    if (store_calendars(s, grp, &l.cals, &l.ncals, e) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT calendar, uid, rid, variant, summary, start, end, all_day, start_date, "
        "end_date, rule_start, prev_start, first_seen FROM occurrences "
        "WHERE grp = ?1 AND start < ?3 + 86400 AND end > ?2 - 86400 "
        "  AND (all_day OR (start < ?3 AND (end > ?2 OR start >= ?2))) ORDER BY start",
        "read occurrences", e);
    l.text = store_prepare(s,
                           "SELECT rowid, location, description, url, conference FROM cal_events "
                           "WHERE grp = ?1 AND calendar = ?2 AND uid = ?3 AND variant = ?4",
                           "read occurrences", e);
    int rc = SQLITE_ERROR;
    if (st && l.text) {
        store_bind_text(st, 1, grp);
        store_bind_text(l.text, 1, grp);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)from);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)to);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            struct occ_row o = {0};
            o.calendar = col_borrow(st, 0, false);
            o.calendar_name = (char *)calendar_name(&l, o.calendar);
            o.uid = col_borrow(st, 1, false);
            o.rid = col_borrow(st, 2, false);
            o.summary = col_borrow(st, 4, false);
            o.start = (time_t)sqlite3_column_int64(st, 5);
            o.end = (time_t)sqlite3_column_int64(st, 6);
            o.all_day = sqlite3_column_int(st, 7) != 0;
            col_date(st, 8, o.start_date);
            col_date(st, 9, o.end_date);
            o.rule_start = (time_t)sqlite3_column_int64(st, 10);
            o.prev_start = (time_t)sqlite3_column_int64(st, 11);
            o.first_seen = (time_t)sqlite3_column_int64(st, 12);
            if (occ_event(&l, col_borrow(st, 3, false), &o) < 0) {
                rc = SQLITE_ERROR;
                break;
            }
            if (fn(&o, arg) != 0) {
                rc = SQLITE_DONE;
                break;
            }
        }
    }
    if (st && l.text && rc != SQLITE_DONE)
        store_fail(s, e, "read occurrences");
    str_map_free(&l.events);
    buf_free(&l.key);
    cal_infos_free(l.cals, l.ncals);
    sqlite3_finalize(st);
    sqlite3_finalize(l.text);
    return rc == SQLITE_DONE ? 0 : -1;
}

struct occ_copy {
    struct occ_row *v;
    size_t n, cap;
    struct id_map first; /* event -> the row that has its text */
};

static int copy_occ(const struct occ_row *src, void *arg)
{
    struct occ_copy *c = arg;
    c->v = xgrow(c->v, c->n, &c->cap, sizeof(*c->v), 32);
    struct occ_row *o = &c->v[c->n];
    *o = *src;
    const struct occ_row *text = src;
    if (src->event) {
        bool added;
        text = &c->v[id_map_put(&c->first, src->event, c->n, &added)];
        if (added)
            text = src;
    }
    c->n++;
    o->calendar = xstrdup(src->calendar);
    o->calendar_name = src->calendar_name ? xstrdup(src->calendar_name) : NULL;
    o->uid = xstrdup(src->uid);
    o->rid = xstrdup(src->rid);
    o->summary = xstrdup(src->summary);
    o->location = xstrdup(text->location);
    o->description = xstrdup(text->description);
    o->url = xstrdup(text->url);
    o->conference = xstrdup(text->conference);
    return 0;
}

int store_occurrences(struct store *s, const char *grp, time_t from, time_t to, struct occ_row **v,
                      size_t *n, struct cu_err *e)
{
    struct occ_copy c = {0};
    int rc = store_occurrences_each(s, grp, from, to, copy_occ, &c, e);
    id_map_free(&c.first);
    if (rc < 0) {
        occ_rows_free(c.v, c.n);
        return -1;
    }
    *v = c.v;
    *n = c.n;
    return 0;
}

void event_changes_free(struct event_change *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].uid);
        free(v[i].rid);
        free(v[i].summary);
    }
    free(v);
}

/* The rows of st (uid, rid, summary, start, all_day, prev_start, stored_at,
 * occurrences) bound to grp, since, now; then finalized. */
static int read_changes(struct store *s, sqlite3_stmt *st, const char *grp, time_t since,
                        time_t now, struct event_change **v, size_t *n, struct cu_err *e)
{
    store_bind_text(st, 1, grp);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)since);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
    struct event_change *out = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = xgrow(out, len, &cap, sizeof(*out), 16);
        struct event_change *c = &out[len++];
        c->uid = col_text_nn(st, 0);
        c->rid = col_text_nn(st, 1);
        c->summary = col_text_nn(st, 2);
        c->start = (time_t)sqlite3_column_int64(st, 3);
        c->all_day = sqlite3_column_int(st, 4) != 0;
        c->prev_start = (time_t)sqlite3_column_int64(st, 5);
        c->stored_at = (time_t)sqlite3_column_int64(st, 6);
        c->occurrences = (long)sqlite3_column_int64(st, 7);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        event_changes_free(out, len);
        return store_fail(s, e, "read what changed in the calendars");
    }
    *v = out;
    *n = len;
    return 0;
}

int store_events_added(struct store *s, const char *grp, time_t since, time_t now,
                       struct event_change **v, size_t *n, struct cu_err *e)
{
    /* each series' next occurrence: the first from now on */
    static const char sql[] =
        "SELECT uid, "
        "  (SELECT rid FROM occurrences p WHERE p.grp = o.grp AND p.calendar = o.calendar "
        "   AND p.uid = o.uid AND p.start >= ?3 ORDER BY p.start LIMIT 1), "
        "  (SELECT summary FROM occurrences p WHERE p.grp = o.grp AND p.calendar = o.calendar "
        "   AND p.uid = o.uid AND p.start >= ?3 ORDER BY p.start LIMIT 1), "
        "  (SELECT min(start) FROM occurrences p WHERE p.grp = o.grp AND p.calendar = o.calendar "
        "   AND p.uid = o.uid AND p.start >= ?3) AS next, "
        "  (SELECT all_day FROM occurrences p WHERE p.grp = o.grp AND p.calendar = o.calendar "
        "   AND p.uid = o.uid AND p.start >= ?3 ORDER BY p.start LIMIT 1), "
        "  0, min(first_seen) AS fs, count(*) "
        "FROM occurrences o WHERE grp = ?1 GROUP BY calendar, uid "
        "HAVING fs > ?2 AND next IS NOT NULL ORDER BY next";
    sqlite3_stmt *st = store_prepare(s, sql, "read what changed in the calendars", e);
    return st ? read_changes(s, st, grp, since, now, v, n, e) : -1;
}

int store_events_moved(struct store *s, const char *grp, time_t since, time_t now,
                       struct event_change **v, size_t *n, struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT uid, rid, summary, start, all_day, prev_start, moved_at, 1 "
                      "FROM occurrences WHERE grp = ?1 AND moved_at > ?2 AND prev_start IS NOT "
                      "NULL AND start >= ?3 AND first_seen <= ?2 ORDER BY start",
                      "read what changed in the calendars", e);
    return st ? read_changes(s, st, grp, since, now, v, n, e) : -1;
}

long store_occurrences_count(struct store *s, const char *grp, time_t from, time_t to)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT count(*) FROM occurrences WHERE grp = ? AND start >= ? AND "
                      "start < ?",
                      "count occurrences", NULL);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)from);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)to);
    long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* ---- events named in posts ---------------------------------------------- */

void post_event_rows_free(struct post_event_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].post_id);
        free(v[i].title);
        free(v[i].url);
        free(v[i].text);
        free(v[i].week);
        free(v[i].post_title);
        free(v[i].post_date);
        free(v[i].post_url);
        free(v[i].post_sha);
    }
    free(v);
}

long store_post_events_count(struct store *s, const char *grp)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM post_events WHERE grp = ?",
                                     "count the posts' events", NULL);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

#define PEV_SELECT                                                                           \
    "SELECT pe.post_id, pe.n, pe.title, pe.url, pe.text, pe.date, pe.end_date, pe.week, "    \
    "pe.post_title, pe.post_date, pe.post_url, pe.first_seen, pe.post_sha FROM post_events " \
    "pe LEFT JOIN posts p ON p.grp = pe.grp AND p.id = pe.post_id WHERE pe.grp = ?1 "
#define PEV_ORDER " ORDER BY p.sort_day DESC, p.sort_weight, pe.post_id, pe.n"

/* The group's post events, all of them or (from_date set) those dated in
 * [from_date, to_date] or spanning into it. */
static int read_post_events(struct store *s, const char *grp, const char *from_date,
                            const char *to_date, struct post_event_row **v, size_t *n,
                            struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      from_date ? PEV_SELECT
                          "AND pe.date <= ?3 AND coalesce(pe.end_date, pe.date) >= ?2" PEV_ORDER
                                : PEV_SELECT PEV_ORDER,
                      "read the posts' events", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    if (from_date) {
        store_bind_text(st, 2, from_date);
        store_bind_text(st, 3, to_date);
    }
    struct post_event_row *out = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = xgrow(out, len, &cap, sizeof(*out), 64);
        struct post_event_row *r = &out[len++];
        memset(r, 0, sizeof(*r));
        r->post_id = col_text_nn(st, 0);
        r->n = sqlite3_column_int(st, 1);
        r->title = col_text_nn(st, 2);
        r->url = store_col_text(st, 3);
        r->text = col_text_nn(st, 4);
        col_date(st, 5, r->date);
        col_date(st, 6, r->end_date);
        r->week = col_text_nn(st, 7);
        r->post_title = col_text_nn(st, 8);
        r->post_date = store_col_text(st, 9);
        r->post_url = store_col_text(st, 10);
        r->first_seen = (time_t)sqlite3_column_int64(st, 11);
        r->post_sha = store_col_text(st, 12);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        post_event_rows_free(out, len);
        return store_fail(s, e, "read the posts' events");
    }
    *v = out;
    *n = len;
    return 0;
}

int store_post_events(struct store *s, const char *grp, struct post_event_row **v, size_t *n,
                      struct cu_err *e)
{
    return read_post_events(s, grp, NULL, NULL, v, n, e);
}

int store_post_events_between(struct store *s, const char *grp, const char *from_date,
                              const char *to_date, struct post_event_row **v, size_t *n,
                              struct cu_err *e)
{
    return read_post_events(s, grp, from_date, to_date, v, n, e);
}

static int post_event_key_cmp(const void *a, const void *b)
{
    const struct post_event_row *x = a, *y = b;
    int c = strcmp(x->post_id, y->post_id);
    return c ? c : strcmp(x->title, y->title);
}

int store_post_events_put(struct store *s, const char *grp, const struct post_event_row *v,
                          size_t n, time_t now, struct cu_err *e)
{
    /* first_seen survives by (post, title): an entry added above another
     * shifts the numbers, not what it is. */
    struct post_event_row *old = NULL;
    size_t nold = 0;
    if (store_post_events(s, grp, &old, &nold, e) < 0)
        return -1;
    if (nold)
        qsort(old, nold, sizeof(*old), post_event_key_cmp);
    int rc = -1;
    sqlite3_stmt *ins = NULL;
    sqlite3_stmt *del =
        store_prepare(s, "DELETE FROM post_events WHERE grp = ?", "store the posts' events", e);
    if (!del)
        goto out;
    store_bind_text(del, 1, grp);
    if (store_run(s, del, "store the posts' events", e) < 0)
        goto out;
    ins = store_prepare(
        s,
        "INSERT OR REPLACE INTO post_events (grp, post_id, n, title, url, text, date, "
        "end_date, week, post_title, post_date, post_url, first_seen, post_sha) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "store the posts' events", e);
    if (!ins)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const struct post_event_row *r = &v[i];
        time_t first = now;
        const struct post_event_row *was =
            nold ? bsearch(r, old, nold, sizeof(*old), post_event_key_cmp) : NULL;
        if (was)
            first = was->first_seen;
        sqlite3_reset(ins);
        store_bind_text(ins, 1, grp);
        store_bind_text(ins, 2, r->post_id);
        sqlite3_bind_int(ins, 3, r->n);
        store_bind_text(ins, 4, r->title);
        store_bind_text(ins, 5, r->url);
        store_bind_text(ins, 6, r->text);
        store_bind_text(ins, 7, r->date[0] ? r->date : NULL);
        store_bind_text(ins, 8, r->end_date[0] ? r->end_date : NULL);
        store_bind_text(ins, 9, r->week);
        store_bind_text(ins, 10, r->post_title);
        store_bind_text(ins, 11, r->post_date);
        store_bind_text(ins, 12, r->post_url);
        sqlite3_bind_int64(ins, 13, (sqlite3_int64)first);
        store_bind_text(ins, 14, r->post_sha);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            store_fail(s, e, "store the posts' events");
            goto out;
        }
    }
    rc = 0;
out:
    sqlite3_finalize(ins);
    post_event_rows_free(old, nold);
    return rc;
}
