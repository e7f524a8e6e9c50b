/* store_board.c: see store_board.h. */
#define _GNU_SOURCE
#include "catchup/store_board.h"

#include "store_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading ---------------------------------------------------------------- */

#define ITEM_COLS                                                                            \
    "b.key, b.kind, b.repo, b.number, b.title, b.body, b.url, b.state, b.status, b.labels, " \
    "b.assignees, b.updated, b.on_board, b.position, b.prev_status, b.prev_state, "          \
    "b.first_seen, b.changed_at, "                                                           \
    "(SELECT count(*) FROM board_mentions m WHERE m.grp = b.grp AND m.key = b.key), "        \
    "b.checked_at"

static void item_from_row(sqlite3_stmt *st, struct board_item *it)
{
    memset(it, 0, sizeof(*it));
    it->key = store_col_text(st, 0);
    int kind = board_kind_parse((const char *)sqlite3_column_text(st, 1));
    it->kind = kind < 0 ? BOARD_ISSUE : (enum board_kind)kind;
    it->repo = store_col_text(st, 2);
    it->number = sqlite3_column_int(st, 3);
    it->title = store_col_text(st, 4);
    it->body = store_col_text(st, 5);
    it->url = store_col_text(st, 6);
    it->state = store_col_text(st, 7);
    it->status = store_col_text(st, 8);
    board_strv_from_json((const char *)sqlite3_column_text(st, 9), &it->labels);
    board_strv_from_json((const char *)sqlite3_column_text(st, 10), &it->assignees);
    it->updated = store_col_text(st, 11);
    it->on_board = sqlite3_column_int(st, 12) != 0;
    it->position = (long)sqlite3_column_int64(st, 13);
    it->prev_status = store_col_text(st, 14);
    it->prev_state = store_col_text(st, 15);
    it->first_seen = (time_t)sqlite3_column_int64(st, 16);
    it->changed_at = (time_t)sqlite3_column_int64(st, 17);
    it->mentions = (long)sqlite3_column_int64(st, 18);
    it->checked_at = (time_t)sqlite3_column_int64(st, 19);
    if (!it->key)
        it->key = xstrdup("");
    if (!it->title)
        it->title = xstrdup(it->key);
    if (!it->state)
        it->state = xstrdup("open");
}

static const char *list_where(enum board_list which)
{
    switch (which) {
    case BOARD_LIST_BOARD: return " AND b.on_board = 1";
    case BOARD_LIST_LINKED:
        return " AND b.key IN (SELECT m.key FROM board_mentions m WHERE m.grp = b.grp)";
    default: return "";
    }
}

int store_board_items(struct store *s, const char *grp, enum board_list which,
                      struct board_item **v, size_t *n, struct cu_err *e)
{
    char *sql = xasprintf("SELECT " ITEM_COLS " FROM board_items b WHERE b.grp = ?%s "
                          "ORDER BY b.on_board DESC, b.position, b.key",
                          list_where(which));
    sqlite3_stmt *st = store_prepare(s, sql, "prepare", e);
    free(sql);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    struct board_item *out = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = xgrow(out, len, &cap, sizeof(*out), 32);
        item_from_row(st, &out[len++]);
    }
    if (rc != SQLITE_DONE) {
        store_fail(s, e, "read the board");
        sqlite3_finalize(st);
        board_items_free(out, len);
        return -1;
    }
    sqlite3_finalize(st);
    *v = out;
    *n = len;
    return 0;
}

int store_board_changed(struct store *s, const char *grp, time_t since, struct board_item **v,
                        size_t *n, struct cu_err *e)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT key, repo, number, title, state, status, "
                                     "prev_status, prev_state, first_seen, changed_at "
                                     "FROM board_items WHERE grp = ?1 "
                                     "AND (first_seen > ?2 OR changed_at > ?2) "
                                     "ORDER BY changed_at DESC, key",
                                     "read what changed on the board", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)since);
    struct board_item *out = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = xgrow(out, len, &cap, sizeof(*out), 32);
        struct board_item *it = &out[len++];
        memset(it, 0, sizeof(*it));
        it->key = store_col_text(st, 0);
        it->repo = store_col_text(st, 1);
        it->number = sqlite3_column_int(st, 2);
        it->title = store_col_text(st, 3);
        it->state = store_col_text(st, 4);
        it->status = store_col_text(st, 5);
        it->prev_status = store_col_text(st, 6);
        it->prev_state = store_col_text(st, 7);
        it->first_seen = (time_t)sqlite3_column_int64(st, 8);
        it->changed_at = (time_t)sqlite3_column_int64(st, 9);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        board_items_free(out, len);
        return store_fail(s, e, "read what changed on the board");
    }
    *v = out;
    *n = len;
    return 0;
}

int store_board_count(struct store *s, const char *grp, enum board_list which, long *n,
                      struct cu_err *e)
{
    char *sql =
        xasprintf("SELECT count(*) FROM board_items b WHERE b.grp = ?%s", list_where(which));
    sqlite3_stmt *st = store_prepare(s, sql, "prepare", e);
    free(sql);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    if (sqlite3_step(st) != SQLITE_ROW) {
        store_fail(s, e, "count board items");
        sqlite3_finalize(st);
        return -1;
    }
    *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return 0;
}

int store_board_item(struct store *s, const char *grp, const char *key, struct board_item *out,
                     struct cu_err *e)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT " ITEM_COLS " FROM board_items b WHERE b.grp = ? AND b.key = ?", "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, key);
    int rc = sqlite3_step(st);
    int found = 0;
    if (rc == SQLITE_ROW) {
        item_from_row(st, out);
        found = 1;
    } else if (rc != SQLITE_DONE) {
        found = store_fail(s, e, "read a board item");
    }
    sqlite3_finalize(st);
    return found;
}

char *store_board_state(struct store *s, const char *grp, const char *key)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT state FROM board_items WHERE grp = ? AND key = lower(?)", "prepare", NULL);
    if (!st)
        return NULL;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, key);
    char *state = sqlite3_step(st) == SQLITE_ROW ? store_col_text(st, 0) : NULL;
    sqlite3_finalize(st);
    return state;
}

int store_board_mentions(struct store *s, const char *grp, const char *key,
                         struct board_mention **v, size_t *n, struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT m.post_id, p.title, p.date, m.url FROM board_mentions m "
                      "LEFT JOIN posts p ON p.grp = m.grp AND p.id = m.post_id "
                      "WHERE m.grp = ? AND m.key = ? "
                      "ORDER BY p.sort_day DESC, p.sort_weight, m.post_id",
                      "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, key);
    struct board_mention *out = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = xgrow(out, len, &cap, sizeof(*out), 8);
        out[len++] = (struct board_mention){store_col_text(st, 0), store_col_text(st, 1),
                                            store_col_text(st, 2), store_col_text(st, 3)};
    }
    if (rc != SQLITE_DONE) {
        store_fail(s, e, "read the mentions");
        sqlite3_finalize(st);
        board_mentions_free(out, len);
        return -1;
    }
    sqlite3_finalize(st);
    *v = out;
    *n = len;
    return 0;
}

void board_mentions_free(struct board_mention *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].post_id);
        free(v[i].title);
        free(v[i].date);
        free(v[i].url);
    }
    free(v);
}

int store_board_each_post(struct store *s, const char *grp, store_board_post_cb cb, void *arg,
                          struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT id, body FROM posts WHERE grp = ? ORDER BY id", "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const char *body = (const char *)sqlite3_column_text(st, 1);
        if (id)
            cb(id, body ? body : "", arg);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, e, "read the posts");
    sqlite3_finalize(st);
    return out;
}

/* ---- writing ---------------------------------------------------------------- */

/* Old values go to prev_* when Status or state changes. */
#define TRACK_CHANGE                                                                        \
    "prev_status = CASE WHEN status IS NOT excluded.status OR state IS NOT excluded.state " \
    "THEN status ELSE prev_status END, "                                                    \
    "prev_state = CASE WHEN status IS NOT excluded.status OR state IS NOT excluded.state "  \
    "THEN state ELSE prev_state END, "                                                      \
    "changed_at = CASE WHEN status IS NOT excluded.status OR state IS NOT excluded.state "  \
    "THEN excluded.changed_at ELSE changed_at END, "

#define INSERT_ITEM                                                                             \
    "INSERT INTO board_items (grp, key, kind, repo, number, title, body, url, state, status, "  \
    "labels, assignees, updated, on_board, position, source, first_seen, changed_at, "          \
    "checked_at) "                                                                              \
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, " \
    "?18) "

static void bind_item(sqlite3_stmt *st, const char *grp, const struct board_item *it,
                      const char *source, time_t now)
{
    char *labels = board_strv_json(&it->labels);
    char *assignees = board_strv_json(&it->assignees);
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, it->key);
    store_bind_text(st, 3, board_kind_name(it->kind));
    store_bind_text(st, 4, it->repo);
    if (it->kind == BOARD_DRAFT)
        sqlite3_bind_null(st, 5);
    else
        sqlite3_bind_int(st, 5, it->number);
    store_bind_text(st, 6, it->title);
    store_bind_text(st, 7, it->body);
    store_bind_text(st, 8, it->url);
    store_bind_text(st, 9, it->state);
    store_bind_text(st, 10, it->status);
    store_bind_text(st, 11, labels);
    store_bind_text(st, 12, assignees);
    store_bind_text(st, 13, it->updated);
    sqlite3_bind_int(st, 14, it->on_board);
    if (it->on_board)
        sqlite3_bind_int64(st, 15, it->position);
    else
        sqlite3_bind_null(st, 15);
    store_bind_text(st, 16, source);
    sqlite3_bind_int64(st, 17, (sqlite3_int64)now);
    /* when the issues endpoint answered; the board's answers do not count */
    if (!strcmp(source, "rest"))
        sqlite3_bind_int64(st, 18, (sqlite3_int64)now);
    else
        sqlite3_bind_null(st, 18);
    free(labels);
    free(assignees);
}

int store_board_put_board(struct store *s, const char *grp, const struct board_item *it, time_t now,
                          struct cu_err *e)
{
    static const char sql[] = INSERT_ITEM
        "ON CONFLICT (grp, key) DO UPDATE SET " TRACK_CHANGE
        "kind = excluded.kind, repo = excluded.repo, number = excluded.number, "
        "title = excluded.title, body = excluded.body, url = excluded.url, "
        "state = excluded.state, status = excluded.status, labels = excluded.labels, "
        "assignees = excluded.assignees, updated = excluded.updated, on_board = 1, "
        "position = excluded.position, source = excluded.source "
        "WHERE kind IS NOT excluded.kind OR repo IS NOT excluded.repo OR "
        "number IS NOT excluded.number OR title IS NOT excluded.title OR "
        "body IS NOT excluded.body OR url IS NOT excluded.url OR state IS NOT excluded.state OR "
        "status IS NOT excluded.status OR labels IS NOT excluded.labels OR "
        "assignees IS NOT excluded.assignees OR updated IS NOT excluded.updated OR "
        "on_board IS NOT 1 OR position IS NOT excluded.position OR source IS NOT excluded.source";
    struct board_item b = *it;
    b.on_board = true;
    sqlite3_stmt *st = store_prepare(s, sql, "prepare", e);
    if (!st)
        return -1;
    bind_item(st, grp, &b, "graphql", now);
    return store_run(s, st, "store a board item", e);
}

int store_board_put_issue(struct store *s, const char *grp, const struct board_item *it, time_t now,
                          struct cu_err *e)
{
    /* excluded.status is NULL here: compare the state only. */
    static const char sql[] = INSERT_ITEM
        "ON CONFLICT (grp, key) DO UPDATE SET "
        "prev_status = CASE WHEN state IS NOT excluded.state THEN status ELSE prev_status END, "
        "prev_state = CASE WHEN state IS NOT excluded.state THEN state ELSE prev_state END, "
        "changed_at = CASE WHEN state IS NOT excluded.state THEN excluded.changed_at "
        "ELSE changed_at END, "
        "kind = excluded.kind, repo = excluded.repo, number = excluded.number, "
        "title = excluded.title, url = excluded.url, state = excluded.state, "
        "labels = excluded.labels, assignees = excluded.assignees, updated = excluded.updated, "
        "source = excluded.source, checked_at = excluded.checked_at";
    struct board_item b = *it;
    b.on_board = false;
    b.status = NULL;
    b.body = NULL;
    sqlite3_stmt *st = store_prepare(s, sql, "prepare", e);
    if (!st)
        return -1;
    bind_item(st, grp, &b, "rest", now);
    return store_run(s, st, "store an issue", e);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int store_board_unboard_except(struct store *s, const char *grp, const struct strv *keys,
                               time_t now, struct cu_err *e)
{
    /* A sorted copy: boards may have thousands of items. */
    char **sorted = xcalloc(keys->n ? keys->n : 1, sizeof(*sorted));
    if (keys->n) {
        memcpy(sorted, keys->v, keys->n * sizeof(*sorted));
        qsort(sorted, keys->n, sizeof(*sorted), cmp_str);
    }
    struct strv leaving = {0};
    int rc = -1;
    sqlite3_stmt *st = store_prepare(
        s, "SELECT key FROM board_items WHERE grp = ? AND on_board = 1", "prepare", e);
    if (!st)
        goto out;
    store_bind_text(st, 1, grp);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        if (k && !bsearch(&k, sorted, keys->n, sizeof(*sorted), cmp_str))
            strv_push(&leaving, k);
    }
    if (step != SQLITE_DONE) {
        store_fail(s, e, "read the board");
        sqlite3_finalize(st);
        goto out;
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < leaving.n; i++) {
        st = store_prepare(
            s,
            "UPDATE board_items SET on_board = 0, position = NULL, "
            "prev_status = CASE WHEN status IS NOT NULL THEN status ELSE prev_status END, "
            "prev_state = CASE WHEN status IS NOT NULL THEN state ELSE prev_state END, "
            "changed_at = CASE WHEN status IS NOT NULL THEN ?3 ELSE changed_at END, "
            "status = NULL WHERE grp = ?1 AND key = ?2",
            "prepare", e);
        if (!st)
            goto out;
        store_bind_text(st, 1, grp);
        store_bind_text(st, 2, leaving.v[i]);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
        if (store_run(s, st, "update the board", e) < 0)
            goto out;
    }
    rc = 0;
out:
    strv_free(&leaving);
    free(sorted);
    return rc;
}

int store_board_checked(struct store *s, const char *grp, const char *key, time_t now,
                        struct cu_err *e)
{
    sqlite3_stmt *st = store_prepare(
        s, "UPDATE board_items SET checked_at = ? WHERE grp = ? AND key = ?", "prepare", e);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
    store_bind_text(st, 2, grp);
    store_bind_text(st, 3, key);
    return store_run(s, st, "store an issue check", e);
}

int store_board_delete(struct store *s, const char *grp, const char *key, struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s, "DELETE FROM board_items WHERE grp = ? AND key = ?", "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, key);
    return store_run(s, st, "delete a board item", e);
}

int store_board_set_mentions(struct store *s, const char *grp, const struct board_link *links,
                             size_t n, struct cu_err *e)
{
    sqlite3_stmt *st = store_prepare(s, "DELETE FROM board_mentions WHERE grp = ?", "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    if (store_run(s, st, "store the mentions", e) < 0)
        return -1;
    if (!(st = store_prepare(s,
                             "INSERT OR IGNORE INTO board_mentions (grp, key, post_id, url) "
                             "VALUES (?, ?, ?, ?)",
                             "store the mentions", e)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(st);
        store_bind_text(st, 1, grp);
        store_bind_text(st, 2, links[i].key);
        store_bind_text(st, 3, links[i].post_id);
        store_bind_text(st, 4, links[i].url);
        if (sqlite3_step(st) != SQLITE_DONE) {
            store_fail(s, e, "store the mentions");
            sqlite3_finalize(st);
            return -1;
        }
    }
    sqlite3_finalize(st);
    return 0;
}

int store_board_prune(struct store *s, const char *grp, struct strv *gone, struct cu_err *e)
{
    static const char unlinked[] = "FROM board_items WHERE grp = ?1 AND on_board = 0 AND "
                                   "key NOT IN (SELECT key FROM board_mentions WHERE grp = ?1)";
    char *sql = xasprintf("SELECT key %s", unlinked);
    sqlite3_stmt *st = store_prepare(s, sql, "prepare", e);
    free(sql);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    struct strv keys = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        strv_push(&keys, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        strv_free(&keys);
        return store_fail(s, e, "read the board");
    }
    sql = xasprintf("DELETE %s", unlinked);
    st = store_prepare(s, sql, "prepare", e);
    free(sql);
    if (!st) {
        strv_free(&keys);
        return -1;
    }
    store_bind_text(st, 1, grp);
    if (store_run(s, st, "prune the board", e) < 0) {
        strv_free(&keys);
        return -1;
    }
    for (size_t i = 0; i < keys.n; i++)
        strv_push(gone, keys.v[i]);
    strv_free(&keys);
    return 0;
}

/* ---- sync state ----------------------------------------------------------- */

int store_board_sync_get(struct store *s, const char *grp, struct board_sync *out)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT board, title, url, pages, total, end_cursor, fetched_at "
                      "FROM board_sync WHERE grp = ?",
                      "prepare", NULL);
    if (!st)
        return 0;
    store_bind_text(st, 1, grp);
    int found = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        out->board = store_col_text(st, 0);
        out->title = store_col_text(st, 1);
        out->url = store_col_text(st, 2);
        out->pages = (long)sqlite3_column_int64(st, 3);
        out->total =
            sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 4);
        out->end_cursor = store_col_text(st, 5);
        out->fetched_at = (time_t)sqlite3_column_int64(st, 6);
        found = 1;
    }
    sqlite3_finalize(st);
    return found;
}

int store_board_sync_put(struct store *s, const char *grp, const struct board_sync *in,
                         struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT OR REPLACE INTO board_sync (grp, board, title, url, pages, "
                      "total, end_cursor, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, in->board);
    store_bind_text(st, 3, in->title);
    store_bind_text(st, 4, in->url);
    sqlite3_bind_int64(st, 5, in->pages);
    if (in->total >= 0)
        sqlite3_bind_int64(st, 6, in->total);
    else
        sqlite3_bind_null(st, 6);
    store_bind_text(st, 7, in->end_cursor);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)in->fetched_at);
    return store_run(s, st, "store the board's state", e);
}

void board_sync_free(struct board_sync *b)
{
    free(b->board);
    free(b->title);
    free(b->url);
    free(b->end_cursor);
    memset(b, 0, sizeof(*b));
}

/* ---- linked issues not found -------------------------------------------------- */

int store_board_gone(struct store *s, const char *grp, struct board_gone **v, size_t *n,
                     struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT key, checked_at, token FROM board_gone WHERE grp = ? ORDER BY key",
                      "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    struct board_gone *out = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = xgrow(out, len, &cap, sizeof(*out), 16);
        out[len].key = store_col_text(st, 0);
        out[len].checked_at = (time_t)sqlite3_column_int64(st, 1);
        out[len].token = sqlite3_column_int(st, 2) != 0;
        len++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        board_gone_free(out, len);
        return store_fail(s, e, "read the linked issues not found");
    }
    *v = out;
    *n = len;
    return 0;
}

void board_gone_free(struct board_gone *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
}

int store_board_gone_put(struct store *s, const char *grp, const char *key, time_t now, bool token,
                         struct cu_err *e)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT OR REPLACE INTO board_gone (grp, key, checked_at, "
                                     "token) VALUES (?, ?, ?, ?)",
                                     "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, key);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
    sqlite3_bind_int(st, 4, token ? 1 : 0);
    return store_run(s, st, "remember a linked issue not found", e);
}

int store_board_gone_delete(struct store *s, const char *grp, const char *key, struct cu_err *e)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      key ? "DELETE FROM board_gone WHERE grp = ?1 AND key = ?2"
                          : "DELETE FROM board_gone WHERE grp = ?1 AND "
                            "key NOT IN (SELECT key FROM board_mentions WHERE grp = ?1)",
                      "prepare", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    if (key)
        store_bind_text(st, 2, key);
    return store_run(s, st, "forget linked issues not found", e);
}
