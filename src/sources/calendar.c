/* src_events.c: the events source.
 *
 * Each configured calendar (an http(s) URL, fetched with its ETag, or a local
 * file, read each time) is expanded at refresh over a fixed window, from a
 * day ago to EVENTS_AHEAD_DAYS (store_events.h) days ahead, filtered by calendar_match before
 * anything is kept, and stored as UTC instants (store_events.h): readers
 * only convert to the local zone.  A 304 keeps what is stored; since that
 * expansion ages, the ETag is not sent once it is older than a week, so the
 * window never runs out; nor once the group's calendar_match changed (the
 * stored ETag is tagged with it: etag_tag).  A failed feed (HTTP error, cut
 * short, malformed, too big) is reported with its URL and leaves its stored
 * occurrences and ETag alone; the ETag is stored only with the occurrences
 * it produced.
 *
 * The events named in the posts are derived in commit(), from the posts as
 * stored in this same transaction (posts commit first), so they exist with
 * or without a calendar. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/ical.h"
#include "catchup/postevents.h"
#include "catchup/source.h"
#include "posts.h"
#include "catchup/store_events.h"

#define DAY 86400
#define EVENTS_REVALIDATE (7 * DAY) /* re-expand at least this often */

enum cal_state { CAL_PENDING, CAL_READY, CAL_UNCHANGED, CAL_FAILED };

struct cal_fetch {
    struct events_run *er;
    const char *where; /* as configured (borrowed from the group) */
    bool is_url;
    enum cal_state state;
    struct ical_result res;
    char *new_etag;
    /* the parse job's input and output */
    char *body;
    size_t body_len;
    char *pending_etag;
    bool parse_failed;
    struct cu_err parse_err;
};

struct events_run {
    struct source_run *run;
    struct cal_fetch *cals;
    size_t ncals;
    time_t from, to;
};

static bool events_wanted(const struct group *g)
{
    return g->calendars.n > 0 || g->nposts > 0;
}

/* Parsing a big shared calendar takes long: it runs as a job on a worker
 * thread (expand_work touches only cf and the body it owns), and the
 * result is taken on the loop's thread (expand_done). */
static void expand_work(void *arg)
{
    struct cal_fetch *cf = arg;
    struct events_run *er = cf->er;
    const struct group *g = er->run->group;
    cf->parse_failed = ical_expand(cf->body, cf->body_len, g->has_match_re ? &g->match_re : NULL,
                                   er->from, er->to, &cf->res, &cf->parse_err) < 0;
}

static void expand_done(void *arg)
{
    struct cal_fetch *cf = arg;
    free(cf->body);
    cf->body = NULL;
    if (cf->parse_failed) {
        source_fail(cf->er->run, "calendar %s: %s; the events stored before are kept", cf->where,
                    cf->parse_err.msg);
        cf->state = CAL_FAILED;
        free(cf->pending_etag);
        cf->pending_etag = NULL;
        return;
    }
    cf->state = CAL_READY;
    cf->new_etag = cf->pending_etag;
    cf->pending_etag = NULL;
}

/* Takes body (malloc'd); the parse runs as a job. */
static void expand(struct cal_fetch *cf, char *body, size_t len, const char *etag)
{
    cf->body = body;
    cf->body_len = len;
    cf->pending_etag = etag ? xstrdup(etag) : NULL;
    source_job(cf->er->run, expand_work, expand_done, cf);
}

static void on_feed(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct cal_fetch *cf = arg;
    struct source_run *run = cf->er->run;
    struct cu_err e;
    if (r->status == 404) {
        source_fail(run, "calendar %s: 404 Not Found: check the calendar URL", cf->where);
        cf->state = CAL_FAILED;
        return;
    }
    if (http_check(r, &e) < 0) {
        source_fail(run, "calendar %s: %s", cf->where, e.msg);
        cf->state = CAL_FAILED;
        return;
    }
    if (r->status == 304) {
        cf->state = CAL_UNCHANGED;
        return;
    }
    /* the response's body is borrowed: the job gets its own copy */
    char *copy = xmalloc(r->len + 1);
    memcpy(copy, r->body, r->len);
    copy[r->len] = '\0';
    expand(cf, copy, r->len, r->etag);
}

static void read_local(struct cal_fetch *cf)
{
    char *data;
    size_t len;
    struct cu_err e;
    if (read_file(cf->where, HTTP_MAX_CALENDAR, &data, &len, &e) < 0) {
        source_fail(cf->er->run, "calendar %s: %s", cf->where, e.msg);
        cf->state = CAL_FAILED;
        return;
    }
    expand(cf, data, len, NULL);
}

/* What a stored ETag is kept with: the group and its calendar_match.  The
 * stored occurrences were filtered with that pattern, so a 304 may keep
 * them only while it is the same; another filter (or another group's
 * expansion of the same feed) fetches the feed whole. */
static char *etag_tag(const struct group *g)
{
    return xasprintf("%s\x1f%s\x1f", g->key, g->calendar_match ? g->calendar_match : "");
}

/* The ETag to send for a calendar, or NULL. */
static char *etag_for(struct source_run *run, const char *url)
{
    char *stored = store_etag_get(run->store, url);
    char *tag = etag_tag(run->group);
    char *etag = stored && str_starts(stored, tag) ? xstrdup(stored + strlen(tag)) : NULL;
    free(tag);
    free(stored);
    return etag;
}

static void *events_start(struct source_run *run)
{
    struct events_run *er = xcalloc(1, sizeof(*er));
    er->run = run;
    er->from = run->now - DAY;
    er->to = run->now + (time_t)EVENTS_AHEAD_DAYS * DAY;
    const struct group *g = run->group;
    er->ncals = g->calendars.n;
    er->cals = xcalloc(er->ncals + 1, sizeof(*er->cals));
    struct cal_info *known = NULL;
    size_t nknown = 0;
    struct cu_err e;
    if (store_calendars(run->store, g->key, &known, &nknown, &e) < 0) {
        source_fail(run, "%s", e.msg);
        er->ncals = 0;
        return er;
    }
    for (size_t i = 0; i < er->ncals; i++) {
        struct cal_fetch *cf = &er->cals[i];
        cf->er = er;
        cf->where = g->calendars.v[i];
        cf->is_url = str_is_http_url(cf->where);
        if (!cf->is_url) {
            read_local(cf);
            continue;
        }
        /* A 304 is only useful while the stored expansion is fresh. */
        char *etag = NULL;
        for (size_t k = 0; k < nknown; k++)
            if (!strcmp(known[k].url, cf->where) &&
                known[k].fetched_at > run->now - EVENTS_REVALIDATE)
                etag = etag_for(run, cf->where);
        if (source_get(run, cf->where, etag, HTTP_MAX_CALENDAR, on_feed, cf, &e) < 0) {
            source_fail(run, "calendar %s: %s", cf->where, e.msg);
            cf->state = CAL_FAILED;
        }
        free(etag);
    }
    cal_infos_free(known, nknown);
    return er;
}

static void post_event_copy(struct post_event_row *dst, const struct post_event_row *src)
{
    *dst = *src;
    dst->post_id = xstrdup(src->post_id);
    dst->title = xstrdup(src->title);
    dst->url = xstrdup(src->url);
    dst->text = xstrdup(src->text);
    dst->week = xstrdup(src->week);
    dst->post_title = xstrdup(src->post_title);
    dst->post_date = xstrdup(src->post_date);
    dst->post_url = xstrdup(src->post_url);
    dst->post_sha = xstrdup(src->post_sha);
}

/* Reads the entries of one post (its body from the cache) into rows. */
static int read_post(struct source_run *run, const struct post *listed,
                     struct post_event_row **rows, size_t *n, size_t *cap, struct cu_err *e)
{
    struct post p;
    int found = store_post_get(run->store, run->group->key, listed->id, &p, e);
    if (found <= 0)
        return found;
    struct post_event *ev = NULL;
    size_t k = post_events_extract(p.body, p.date, &ev);
    if (k) {
        if (*n + k > *cap) {
            while (*n + k > *cap)
                *cap = *cap ? *cap * 2 : 64;
            *rows = xrealloc(*rows, *cap * sizeof(**rows));
        }
        char *week = post_week_label(p.title, p.date, NULL);
        for (size_t j = 0; j < k; j++) {
            struct post_event_row *r = &(*rows)[(*n)++];
            memset(r, 0, sizeof(*r));
            r->post_id = xstrdup(p.id);
            r->n = (int)j + 1;
            r->title = ev[j].title;
            r->url = ev[j].url;
            r->text = ev[j].text;
            ev[j].title = ev[j].url = ev[j].text = NULL;
            memcpy(r->date, ev[j].date, sizeof(r->date));
            memcpy(r->end_date, ev[j].end_date, sizeof(r->end_date));
            r->week = xstrdup(week);
            r->post_title = xstrdup(p.title);
            r->post_date = xstrdup(p.date);
            r->post_url = xstrdup(p.url);
            r->post_sha = xstrdup(p.sha);
        }
        free(week);
    }
    post_events_free(ev, k);
    post_free(&p);
    return 0;
}

/* The posts' "Events" entries, from the posts stored so far (this
 * transaction included).  A post whose sha is the one its stored entries
 * were read from keeps them without reading its body again. */
static int post_event_post_cmp(const void *a, const void *b)
{
    return strcmp(((const struct post_event_row *)a)->post_id,
                  ((const struct post_event_row *)b)->post_id);
}

static int derive_post_events(struct source_run *run, size_t *count, struct cu_err *e)
{
    const char *grp = run->group->key;
    struct post *posts = NULL;
    size_t nposts = 0;
    struct post_event_row *old = NULL, *rows = NULL;
    size_t nold = 0, n = 0, cap = 0, kept_total = 0;
    bool changed = false;
    int rc = -1;
    if (store_posts_page(run->store, grp, 0, -1, &posts, &nposts, e) < 0 ||
        store_post_events(run->store, grp, &old, &nold, e) < 0)
        goto out;
    /* old's rows by post, found by binary search: years of weeks must not
     * cost posts x rows comparisons */
    struct post_event_row *sorted = nold ? xmalloc(nold * sizeof(*sorted)) : NULL;
    if (nold) {
        memcpy(sorted, old, nold * sizeof(*sorted));
        qsort(sorted, nold, sizeof(*sorted), post_event_post_cmp);
    }
    for (size_t i = 0; i < nposts; i++) {
        size_t kept = 0;
        struct post_event_row probe = {.post_id = posts[i].id};
        const struct post_event_row *hit =
            nold ? bsearch(&probe, sorted, nold, sizeof(*sorted), post_event_post_cmp) : NULL;
        if (hit) {
            /* back to the first row of this post, then every row of it */
            const struct post_event_row *r = hit;
            while (r > sorted && !strcmp(r[-1].post_id, posts[i].id))
                r--;
            for (; r < sorted + nold && !strcmp(r->post_id, posts[i].id); r++) {
                if (!r->post_sha || !posts[i].sha || strcmp(r->post_sha, posts[i].sha))
                    continue;
                rows = xgrow(rows, n, &cap, sizeof(*rows), 64);
                post_event_copy(&rows[n++], r);
                kept++;
            }
        }
        kept_total += kept;
        if (!kept) {
            size_t before = n;
            if (read_post(run, &posts[i], &rows, &n, &cap, e) < 0) {
                free(sorted);
                goto out;
            }
            /* a post without entries that had none before changes nothing */
            changed |= n > before || hit;
        }
    }
    free(sorted);
    /* Nothing to rewrite when every stored row was kept and none was added. */
    if (changed || kept_total != nold)
        rc = store_post_events_put(run->store, grp, rows, n, run->now, e);
    else
        rc = 0;
    *count = n;
out:
    post_event_rows_free(rows, n);
    post_event_rows_free(old, nold);
    posts_free(posts, nposts);
    return rc;
}

/* Calendars stored for the group but no longer configured are forgotten. */
static int forget_unconfigured(struct source_run *run, struct cu_err *e)
{
    struct cal_info *known = NULL;
    size_t nknown = 0;
    if (store_calendars(run->store, run->group->key, &known, &nknown, e) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < nknown && rc == 0; i++) {
        if (strv_contains(&run->group->calendars, known[i].url))
            continue;
        rc = store_calendar_delete(run->store, run->group->key, known[i].url, e);
        if (rc == 0)
            rc = store_etag_delete(run->store, known[i].url, e);
    }
    cal_infos_free(known, nknown);
    return rc;
}

static int events_commit(void *state, struct source_run *run, struct cu_err *e)
{
    struct events_run *er = state;
    const char *grp = run->group->key;
    size_t n_unchanged = 0, n_failed = 0;
    for (size_t i = 0; i < er->ncals; i++) {
        struct cal_fetch *cf = &er->cals[i];
        if (cf->state == CAL_UNCHANGED)
            n_unchanged++;
        if (cf->state == CAL_FAILED || cf->state == CAL_PENDING)
            n_failed++;
        if (cf->state != CAL_READY)
            continue;
        if (store_calendar_put(run->store, grp, cf->where, &cf->res, er->from, er->to, run->now,
                               e) < 0)
            return -1;
        char *cuts = ical_cuts(&cf->res);
        if (cuts) {
            size_t used = strlen(run->report.note);
            snprintf(run->report.note + used, sizeof(run->report.note) - used, "%scalendar %s: %s",
                     used ? "; " : "", cf->where, cuts);
            free(cuts);
        }
        if (cf->is_url) {
            char *tag = etag_tag(run->group);
            char *tagged = cf->new_etag ? xasprintf("%s%s", tag, cf->new_etag) : NULL;
            int rc = tagged ? store_etag_put(run->store, cf->where, tagged, e)
                            : store_etag_delete(run->store, cf->where, e);
            free(tagged);
            free(tag);
            if (rc < 0)
                return -1;
        }
    }
    if (forget_unconfigured(run, e) < 0)
        return -1;
    /* The posts' events change only with the posts: when the posts source
     * stored nothing (a 304, an unchanged folder), they stay as they are. */
    size_t n_posts = 0;
    void *posts = source_peer_state(run, &source_posts);
    long stored_rows = store_post_events_count(run->store, grp);
    if (posts && !posts_changed(posts) && stored_rows >= 0) {
        n_posts = (size_t)stored_rows;
    } else if (derive_post_events(run, &n_posts, e) < 0) {
        return -1;
    }
    /* "upcoming" is what the agenda shows by default: the next [ui] days. */
    long upcoming = store_occurrences_count(run->store, grp, run->now,
                                            run->now + (time_t)run->config->days * DAY);
    struct buf b;
    buf_init(&b, 0);
    if (er->ncals && n_failed == er->ncals) {
        /* nothing was read: what the cache holds stays, and the line says so */
        buf_addf(&b, "failed (%ld upcoming kept from before, %zu from posts)",
                 upcoming < 0 ? 0 : upcoming, n_posts);
        snprintf(run->report.summary, sizeof(run->report.summary), "%s", b.data);
    } else if (er->ncals) {
        buf_addf(&b, "%ld upcoming from %zu calendar%s", upcoming < 0 ? 0 : upcoming, er->ncals,
                 er->ncals == 1 ? "" : "s");
        buf_addf(&b, " (%zu from posts)", n_posts);
        if (n_unchanged == er->ncals)
            buf_adds(&b, ", unchanged");
        else if (n_unchanged)
            buf_addf(&b, ", %zu unchanged", n_unchanged);
        if (n_failed)
            buf_addf(&b, ", %zu failed", n_failed);
        snprintf(run->report.summary, sizeof(run->report.summary), "%s", b.data);
    } else {
        /* Without a calendar the group configures no events to fetch; the
         * posts' entries were derived quietly, and the refresh's report
         * lists no events line (as for any source a group does not use). */
        run->report.ran = false;
    }
    buf_free(&b);
    return 0;
}

static void events_free_state(void *state)
{
    struct events_run *er = state;
    for (size_t i = 0; i < er->ncals; i++) {
        ical_result_free(&er->cals[i].res);
        free(er->cals[i].new_etag);
        free(er->cals[i].body);
        free(er->cals[i].pending_etag);
    }
    free(er->cals);
    free(er);
}

const struct source_ops source_events = {
    .name = SOURCE_EVENTS,
    .wanted = events_wanted,
    .start = events_start,
    .commit = events_commit,
    .free_state = events_free_state,
};
