/* whatsnew.c: see whatsnew.h. */
#define _GNU_SOURCE
#include "catchup/whatsnew.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/store_board.h"
#include "catchup/store_events.h"
#include "catchup/text.h"

static char *clean(const char *t)
{
    return t ? text_sanitize(t, strlen(t), 0) : NULL;
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

/* A growing list of changes. */
struct wn_list {
    struct wn_item *v;
    size_t n, cap;
};

/* A post's change, for the list (arg) with its since. */
struct posts_walk {
    struct wn_list *list;
    time_t since;
};

static int add_post(const struct post *p, void *arg)
{
    struct posts_walk *w = arg;
    struct wn_item *it = push(&w->list->v, &w->list->n, &w->list->cap);
    bool added = p->first_seen > w->since;
    it->kind = added ? WN_POST_NEW : WN_POST_UPDATED;
    it->key = clean(p->id);
    it->title = clean(p->title);
    it->when = added ? p->first_seen : p->updated_at;
    return 0;
}

static int add_posts(struct store *s, const char *grp, time_t since, struct wn_list *l,
                     struct cu_err *e)
{
    struct posts_walk w = {l, since};
    return store_posts_changed(s, grp, since, add_post, &w, e);
}

/* What changed about a known item ("In Progress -> Done, open -> closed"), or ""
 * when nothing a reader would call a change. */
static void board_change(const struct board_item *b, char *detail, size_t len)
{
    detail[0] = '\0';
    if (!same(b->prev_status, b->status) && (b->prev_status || b->status))
        snprintf(detail, len, "%s -> %s", b->prev_status ? b->prev_status : "no status",
                 b->status ? b->status : "no status");
    if (!same(b->prev_state, b->state) && b->prev_state && b->state) {
        size_t k = strlen(detail);
        snprintf(detail + k, len - k, "%s%s -> %s", k ? ", " : "", b->prev_state, b->state);
    }
}

static int add_board(struct store *s, const char *grp, time_t since, struct wn_list *l,
                     struct cu_err *e)
{
    struct board_item *rows;
    size_t n;
    if (store_board_changed(s, grp, since, &rows, &n, e) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const struct board_item *b = &rows[i];
        bool added = b->first_seen > since;
        char detail[160];
        if (added)
            snprintf(detail, sizeof(detail), "%s", b->status ? b->status : b->state);
        else
            board_change(b, detail, sizeof(detail));
        if (!added && !detail[0])
            continue; /* touched, but nothing a reader would call a change */
        struct wn_item *it = push(&l->v, &l->n, &l->cap);
        it->kind = added ? WN_BOARD_NEW : WN_BOARD_CHANGED;
        it->key = clean(b->key);
        char *repo = clean(b->repo), *title = clean(b->title);
        it->title =
            repo ? xasprintf("%s#%d %s", repo, b->number, title) : xasprintf("draft: %s", title);
        free(repo);
        free(title);
        it->detail = detail[0] ? clean(detail) : NULL;
        it->when = b->changed_at;
    }
    board_items_free(rows, n);
    return 0;
}

/* Events: series new since then (their next occurrence), and moves. */
static int add_events(struct store *s, const char *grp, time_t since, time_t now, struct wn_list *l,
                      struct cu_err *e)
{
    struct event_change *rows;
    size_t n;
    if (store_events_added(s, grp, since, now, &rows, &n, e) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        struct wn_item *it = push(&l->v, &l->n, &l->cap);
        it->kind = WN_EVENT_ADDED;
        it->key = clean(rows[i].uid);
        it->rid = clean(rows[i].rid);
        it->title = clean(rows[i].summary);
        it->when = rows[i].stored_at;
        it->start = rows[i].start;
        char when[64];
        local_when(it->start, rows[i].all_day, when, sizeof(when));
        it->detail = rows[i].occurrences > 1 ? xasprintf("next %s, and it repeats", when)
                                             : xasprintf("%s", when);
    }
    event_changes_free(rows, n);
    if (store_events_moved(s, grp, since, now, &rows, &n, e) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        struct wn_item *it = push(&l->v, &l->n, &l->cap);
        it->kind = WN_EVENT_MOVED;
        it->key = clean(rows[i].uid);
        it->rid = clean(rows[i].rid);
        it->title = clean(rows[i].summary);
        it->start = rows[i].start;
        it->when = rows[i].stored_at;
        char now_s[64], was[64];
        local_when(it->start, rows[i].all_day, now_s, sizeof(now_s));
        local_when(rows[i].prev_start, rows[i].all_day, was, sizeof(was));
        it->detail = xasprintf("%s, was %s", now_s, was);
    }
    event_changes_free(rows, n);
    return 0;
}

/* since[] per table: posts, board, events. */
enum { SINCE_POSTS, SINCE_BOARD, SINCE_EVENTS, NSINCE };

static int collect(struct store *s, const char *grp, const time_t since_of[NSINCE], time_t now,
                   struct wn_item **v, size_t *n, struct cu_err *e)
{
    struct wn_list l = {0};
    *v = NULL;
    *n = 0;
    if (add_posts(s, grp, since_of[SINCE_POSTS], &l, e) < 0 ||
        add_board(s, grp, since_of[SINCE_BOARD], &l, e) < 0 ||
        add_events(s, grp, since_of[SINCE_EVENTS], now, &l, e) < 0) {
        whatsnew_free(l.v, l.n);
        return cu_err_prefix(e, "cannot read what changed");
    }
    *v = l.v;
    *n = l.n;
    return 0;
}

int whatsnew_collect(struct store *s, const char *grp, time_t since, time_t now, struct wn_item **v,
                     size_t *n, struct cu_err *e)
{
    const time_t since_of[NSINCE] = {since, since, since};
    return collect(s, grp, since_of, now, v, n, e);
}

static const char *const source_of[NSINCE] = {SOURCE_POSTS, SOURCE_BOARD, SOURCE_EVENTS};

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
    case WN_BOARD_CHANGED: return SOURCE_BOARD;
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
