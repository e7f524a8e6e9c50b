/* whatsnew.c: see whatsnew.h. */
#define _GNU_SOURCE
#include "catchup/whatsnew.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? text_sanitize((const char *)t, strlen((const char *)t), 0) : NULL;
}

static struct wn_item *push(struct wn_item **v, size_t *n, size_t *cap)
{
    *v = xgrow(*v, *n, cap, sizeof(**v), 16);
    struct wn_item *it = &(*v)[(*n)++];
    memset(it, 0, sizeof(*it));
    return it;
}

void whatsnew_free(struct wn_item *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].key);
        free(v[i].rid);
        free(v[i].title);
        free(v[i].detail);
    }
    free(v);
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Runs sql with grp and since bound as ?1 and ?2 (and now as ?3). */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, const char *grp, time_t since,
                             time_t now)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, grp, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)since);
    if (sqlite3_bind_parameter_count(st) >= 3)
        sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
    return st;
}

/* An all-day occurrence starts at UTC midnight of its date and has no time. */
static void local_when(time_t t, bool all_day, char *out, size_t n)
{
    struct tm tm;
    if (all_day)
        gmtime_r(&t, &tm);
    else
        localtime_r(&t, &tm);
    strftime(out, n, all_day ? "%a %d %b" : "%a %d %b %H:%M", &tm);
}

/* since[] per table: posts, board, events. */
enum { SINCE_POSTS, SINCE_BOARD, SINCE_EVENTS, NSINCE };

static int collect(struct store *s, const char *grp, const time_t since_of[NSINCE], time_t now,
                   struct wn_item **v, size_t *n, struct cu_err *e)
{
    sqlite3 *db = store_db(s);
    time_t since = since_of[SINCE_POSTS];
    *v = NULL;
    *n = 0;
    size_t cap = 0;
    sqlite3_stmt *st;

    /* weeks */
    st = prepare(db,
                 /* updated_at >= first_seen, so one indexed range finds both */
                 "SELECT id, title, first_seen, updated_at FROM posts WHERE grp = ?1 AND "
                 "updated_at > ?2 ORDER BY sort_day DESC, sort_weight, id",
                 grp, since, now);
    if (!st)
        goto fail;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct wn_item *it = push(v, n, &cap);
        time_t first = (time_t)sqlite3_column_int64(st, 2);
        it->kind = first > since ? WN_POST_NEW : WN_POST_UPDATED;
        it->key = col(st, 0);
        it->title = col(st, 1);
        it->when = first > since ? first : (time_t)sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);

    /* the board (its table exists from migration 2 on) */
    since = since_of[SINCE_BOARD];
    st = prepare(db,
                 "SELECT key, repo, number, title, state, status, prev_state, prev_status, "
                 "first_seen, changed_at FROM board_items WHERE grp = ?1 AND "
                 "(first_seen > ?2 OR changed_at > ?2) ORDER BY changed_at DESC, key",
                 grp, since, now);
    if (!st)
        goto fail;
    while (sqlite3_step(st) == SQLITE_ROW) {
        time_t first = (time_t)sqlite3_column_int64(st, 8);
        const char *state = (const char *)sqlite3_column_text(st, 4);
        const char *status = (const char *)sqlite3_column_text(st, 5);
        const char *pstate = (const char *)sqlite3_column_text(st, 6);
        const char *pstatus = (const char *)sqlite3_column_text(st, 7);
        char detail[160] = "";
        if (first <= since) {
            /* a change of a known item: say what changed */
            if (!same(pstatus, status) && (pstatus || status))
                snprintf(detail, sizeof(detail), "%s -> %s", pstatus ? pstatus : "no status",
                         status ? status : "no status");
            if (!same(pstate, state) && pstate && state) {
                size_t k = strlen(detail);
                snprintf(detail + k, sizeof(detail) - k, "%s%s -> %s", k ? ", " : "", pstate,
                         state);
            }
            if (!detail[0])
                continue; /* touched, but nothing a reader would call a change */
        }
        struct wn_item *it = push(v, n, &cap);
        it->kind = first > since ? WN_BOARD_NEW : WN_BOARD_CHANGED;
        it->key = col(st, 0);
        char *repo = col(st, 1), *title = col(st, 3);
        it->title = repo
                        ? xasprintf("%s#%d %s", repo, sqlite3_column_int(st, 2), title ? title : "")
                        : xasprintf("draft: %s", title ? title : "");
        free(repo);
        free(title);
        if (first > since)
            snprintf(detail, sizeof(detail), "%s", status ? status : (state ? state : ""));
        it->detail = detail[0] ? text_sanitize(detail, strlen(detail), 0) : NULL;
        it->when = (time_t)sqlite3_column_int64(st, 9);
    }
    sqlite3_finalize(st);

    /* events: series new since then (their next occurrence), and moves;
     * a known series growing at the far end of the window is not news */
    since = since_of[SINCE_EVENTS];
    st = prepare(
        db,
        "SELECT uid, min(first_seen) AS fs, count(*), "
        "  (SELECT rid FROM occurrences p WHERE p.grp = o.grp AND p.calendar = o.calendar "
        "   AND p.uid = o.uid AND p.start >= ?3 ORDER BY p.start LIMIT 1), "
        "  (SELECT summary FROM occurrences p WHERE p.grp = o.grp AND p.calendar = o.calendar "
        "   AND p.uid = o.uid AND p.start >= ?3 ORDER BY p.start LIMIT 1), "
        "  (SELECT min(start) FROM occurrences p WHERE p.grp = o.grp AND p.calendar = o.calendar "
        "   AND p.uid = o.uid AND p.start >= ?3) AS next, "
        "  (SELECT all_day FROM occurrences p WHERE p.grp = o.grp AND p.calendar = o.calendar "
        "   AND p.uid = o.uid AND p.start >= ?3 ORDER BY p.start LIMIT 1) "
        "FROM occurrences o WHERE grp = ?1 GROUP BY calendar, uid "
        "HAVING fs > ?2 AND next IS NOT NULL ORDER BY next",
        grp, since, now);
    if (!st)
        goto fail;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct wn_item *it = push(v, n, &cap);
        it->kind = WN_EVENT_ADDED;
        it->key = col(st, 0);
        it->when = (time_t)sqlite3_column_int64(st, 1);
        it->rid = col(st, 3);
        it->title = col(st, 4);
        it->start = (time_t)sqlite3_column_int64(st, 5);
        char when[64];
        local_when(it->start, sqlite3_column_int(st, 6) != 0, when, sizeof(when));
        long more = (long)sqlite3_column_int64(st, 2) - 1;
        it->detail = more > 0 ? xasprintf("next %s, and it repeats", when) : xasprintf("%s", when);
    }
    sqlite3_finalize(st);
    st = prepare(db,
                 "SELECT uid, rid, summary, start, prev_start, moved_at, all_day FROM occurrences "
                 "WHERE grp = ?1 AND moved_at > ?2 AND prev_start IS NOT NULL AND start >= ?3 "
                 "AND first_seen <= ?2 ORDER BY start",
                 grp, since, now);
    if (!st)
        goto fail;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct wn_item *it = push(v, n, &cap);
        it->kind = WN_EVENT_MOVED;
        it->key = col(st, 0);
        it->rid = col(st, 1);
        it->title = col(st, 2);
        it->start = (time_t)sqlite3_column_int64(st, 3);
        it->when = (time_t)sqlite3_column_int64(st, 5);
        char now_s[64], was[64];
        bool all_day = sqlite3_column_int(st, 6) != 0;
        local_when(it->start, all_day, now_s, sizeof(now_s));
        local_when((time_t)sqlite3_column_int64(st, 4), all_day, was, sizeof(was));
        it->detail = xasprintf("%s, was %s", now_s, was);
    }
    sqlite3_finalize(st);
    return 0;
fail:
    cu_errf(e, "cannot read what changed: %s", sqlite3_errmsg(db));
    whatsnew_free(*v, *n);
    *v = NULL;
    *n = 0;
    return -1;
}

int whatsnew_collect(struct store *s, const char *grp, time_t since, time_t now, struct wn_item **v,
                     size_t *n, struct cu_err *e)
{
    const time_t since_of[NSINCE] = {since, since, since};
    return collect(s, grp, since_of, now, v, n, e);
}

static const char *const source_of[NSINCE] = {"posts", "board", "events"};

/* When the source first worked for grp (its baseline), or 0. */
static time_t first_ok(struct store *s, const char *grp, const char *source)
{
    struct source_status st;
    if (!store_source_get(s, grp, source, &st))
        return 0;
    time_t t = st.first_ok;
    source_status_free(&st);
    return t;
}

int whatsnew_collect_visit(struct store *s, const char *grp, time_t since, time_t now,
                           struct wn_item **v, size_t *n, struct cu_err *e)
{
    time_t since_of[NSINCE];
    for (size_t i = 0; i < NSINCE; i++) {
        time_t base = first_ok(s, grp, source_of[i]);
        since_of[i] = base > since ? base : since;
    }
    return collect(s, grp, since_of, now, v, n, e);
}

time_t whatsnew_baseline(struct store *s, const char *grp)
{
    time_t latest = 0;
    for (size_t i = 0; i < NSINCE; i++) {
        time_t base = first_ok(s, grp, source_of[i]);
        if (base > latest)
            latest = base;
    }
    return latest;
}

const char *whatsnew_kind_word(enum wn_kind k)
{
    switch (k) {
    case WN_POST_NEW: return "new week";
    case WN_POST_UPDATED: return "updated";
    case WN_BOARD_NEW: return "new on board";
    case WN_BOARD_CHANGED: return "board";
    case WN_EVENT_ADDED: return "new event";
    case WN_EVENT_MOVED: return "moved";
    }
    return "";
}

void whatsnew_summary(const struct wn_item *v, size_t n, char *out, size_t len)
{
    size_t weeks = 0, updated = 0, board = 0, added = 0, moved = 0;
    for (size_t i = 0; i < n; i++) {
        switch (v[i].kind) {
        case WN_POST_NEW: weeks++; break;
        case WN_POST_UPDATED: updated++; break;
        case WN_BOARD_NEW:
        case WN_BOARD_CHANGED: board++; break;
        case WN_EVENT_ADDED: added++; break;
        case WN_EVENT_MOVED: moved++; break;
        }
    }
    size_t used = 0;
    out[0] = '\0';
#define PART(count, one, many)                                                                \
    if (count && used < len)                                                                  \
        used += (size_t)snprintf(out + used, len - used, "%s%zu %s", used ? ", " : "", count, \
                                 count == 1 ? one : many);
    PART(weeks, "new week", "new weeks")
    PART(updated, "updated", "updated")
    PART(board, "board change", "board changes")
    PART(added, "new event", "new events")
    PART(moved, "moved event", "moved events")
#undef PART
}

void whatsnew_heading(time_t since, time_t now, const char *date, const char *summary, bool brief,
                      char *out, size_t len)
{
    char when[64] = "your last visit";
    if (date)
        snprintf(when, sizeof(when), "%s", date);
    else if (now - since >= 60) {
        char age[32];
        format_age(since, now, age);
        snprintf(when, sizeof(when), brief ? "%s" : "your last visit (%s)", age);
    } else if (brief) {
        snprintf(when, sizeof(when), "last visit");
    }
    if (summary && *summary)
        snprintf(out, len, "Since %s: %s", when, summary);
    else
        snprintf(out, len, "Nothing new since %s.", when);
}

time_t whatsnew_last_visit(struct store *s, const char *grp)
{
    char key[160];
    snprintf(key, sizeof(key), "last_visit:%s", grp);
    char *v = store_state_get(s, key);
    time_t t = v ? (time_t)strtoll(v, NULL, 10) : 0;
    free(v);
    return t;
}

int whatsnew_mark_visit(struct store *s, const char *grp, time_t now, struct cu_err *e)
{
    char key[160], val[32];
    snprintf(key, sizeof(key), "last_visit:%s", grp);
    snprintf(val, sizeof(val), "%lld", (long long)now);
    return store_state_set(s, key, val, e);
}

static void add_md_text(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_{}[]()#+-.!<>|~&", *s))
            buf_add(b, "\\", 1);
        buf_add(b, s, 1);
    }
}

void whatsnew_groups_md(struct store *s, const struct config *c, const struct group *cur,
                        time_t now, struct buf *md)
{
    buf_adds(md, "## Your groups\n\n");
    for (size_t i = 0; i < c->ngroups; i++) {
        const struct group *g = &c->groups[i];
        buf_adds(md, "- **");
        add_md_text(md, g->name);
        buf_adds(md, "** (");
        add_md_text(md, g->key);
        buf_adds(md, g == cur ? ", in use): " : "): ");
        time_t since = whatsnew_last_visit(s, g->key);
        struct wn_item *v;
        size_t n;
        char sum[256] = "", head[384];
        if (!since) {
            buf_adds(md, "not opened yet\n");
        } else if (whatsnew_collect_visit(s, g->key, since, now, &v, &n, NULL) < 0) {
            buf_adds(md, "the cache could not be read\n");
        } else {
            whatsnew_summary(v, n, sum, sizeof(sum));
            whatsnew_heading(since, now, NULL, sum, false, head, sizeof(head));
            add_md_text(md, head);
            buf_adds(md, "\n");
            whatsnew_free(v, n);
        }
    }
    buf_adds(md, "\nw switches to another group; catchup groups lists where each comes from.\n");
}
