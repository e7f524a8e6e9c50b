/* store_search.c: see store_search.h.
 *
 * Ranking weighs every match, so it is done on the index alone; rows are
 * then read for the window shown only.  Every match is counted: the total
 * is one pass over the index's rowids. */
#define _GNU_SOURCE
#include "catchup/store_search.h"

#include "store_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Every match's rowid (FTS5 gives them in order); the group's posts in
 * display order, to list the matches newest first; the group's rowids, when
 * other groups share the cache. */
static const char sql_matches[] = "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1";
static const char sql_in_order[] =
    "SELECT rowid FROM posts WHERE grp = ?1 ORDER BY sort_day DESC, sort_weight, id";
static const char sql_other_groups[] =
    "SELECT 1 FROM post_counts WHERE grp <> ?1 AND n > 0 LIMIT 1";
static const char sql_group_rowids[] = "SELECT rowid FROM posts WHERE grp = ?1";
static const char sql_board_ranked[] =
    "SELECT f.rowid, bm25(board_fts, 10.0, 4.0, 1.0) FROM board_fts f"
    " JOIN board_items b ON b.rowid = f.rowid WHERE board_fts MATCH ?1 AND b.grp = ?2"
    " ORDER BY 2, 1";
static const char sql_board_row[] =
    "SELECT key, title, updated, url, coalesce(body, ''), repo, number, state, status"
    " FROM board_items WHERE rowid = ?1";
static const char sql_posts_scores[] =
    "SELECT rowid, bm25(posts_fts, 10.0, 4.0, 1.0) FROM posts_fts WHERE posts_fts MATCH ?1"
    " ORDER BY 2, 1 LIMIT ?2";
static const char sql_post_row[] =
    "SELECT id, title, date, url, coalesce(text, ''), coalesce(description, '')"
    " FROM posts WHERE rowid = ?1";

/* A match in list order: a post's or a board item's rowid, with its bm25. */
struct cand {
    sqlite3_int64 rowid;
    double score;
    bool board;
};

/* A growing list of rowids. */
struct ids {
    sqlite3_int64 *v;
    size_t n, cap;
};

static void ids_push(struct ids *l, sqlite3_int64 id)
{
    l->v = xgrow(l->v, l->n, &l->cap, sizeof(*l->v), 1024);
    l->v[l->n++] = id;
}

static int rowid_cmp(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return x < y ? -1 : x > y;
}

static bool ids_has(const struct ids *l, sqlite3_int64 id)
{
    return l->n && bsearch(&id, l->v, l->n, sizeof(*l->v), rowid_cmp);
}

void search_rows_free(struct search_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].key);
        free(v[i].title);
        free(v[i].date);
        free(v[i].url);
        free(v[i].text);
        free(v[i].description);
        free(v[i].repo);
        free(v[i].state);
        free(v[i].status);
    }
    free(v);
}

/* sql with text arg bound as ?1, or NULL (the handle holds the error). */
static sqlite3_stmt *prepare_text(struct store *s, const char *sql, const char *arg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_handle(s), sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    return st;
}

/* Every rowid the statement gives (its first column), bound to text arg,
 * sorted.  -1 when it fails (the caller reads the error). */
static int collect_sorted(struct store *s, const char *sql, const char *arg, struct ids *out)
{
    sqlite3_stmt *st = prepare_text(s, sql, arg);
    if (!st)
        return -1;
    int rc;
    bool sorted = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ids_push(out, sqlite3_column_int64(st, 0));
        sorted &= out->n < 2 || out->v[out->n - 2] <= out->v[out->n - 1];
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    if (!sorted)
        qsort(out->v, out->n, sizeof(*out->v), rowid_cmp);
    return 0;
}

/* Whether posts of another group share the cache (then matches are
 * filtered by group; most caches hold one): 1 or 0, -1 on failure. */
static int other_groups(struct store *s, const char *grp)
{
    sqlite3_stmt *st = prepare_text(s, sql_other_groups, grp);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The group's post matches (sorted rowids).  -1 when the query fails. */
static int group_matches(struct store *s, const char *grp, const char *query, struct ids *out,
                         bool *filtered)
{
    if (collect_sorted(s, sql_matches, query, out) < 0)
        return -1;
    int others = out->n ? other_groups(s, grp) : 0;
    if (others < 0)
        return -1;
    *filtered = others;
    if (!*filtered)
        return 0;
    struct ids mine = {0};
    if (collect_sorted(s, sql_group_rowids, grp, &mine) < 0) {
        free(mine.v);
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++)
        if (ids_has(&mine, out->v[i]))
            out->v[k++] = out->v[i];
    out->n = k;
    free(mine.v);
    return 0;
}

/* Finalizes st after its last step rc: 0, or -1 when that step failed. */
static int finish(sqlite3_stmt *st, int rc)
{
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* The first `want` matches in display order (newest first). */
static int newest_posts(struct store *s, const char *grp, const struct ids *matches, size_t want,
                        struct cand *out, size_t *n)
{
    sqlite3_stmt *st = prepare_text(s, sql_in_order, grp);
    if (!st)
        return -1;
    int rc = SQLITE_DONE;
    while (*n < want && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (ids_has(matches, id))
            out[(*n)++] = (struct cand){.rowid = id};
    }
    return finish(st, rc);
}

/* The best `want` matches by bm25 (ranked on the index alone). */
static int ranked_posts(struct store *s, const char *query, const struct ids *matches,
                        bool filtered, size_t want, struct cand *out, size_t *n)
{
    sqlite3_stmt *st = prepare_text(s, sql_posts_scores, query);
    if (!st)
        return -1;
    /* other groups' matches are skipped, so then every score is read */
    sqlite3_bind_int64(st, 2, filtered ? -1 : (sqlite3_int64)want);
    int rc = SQLITE_DONE;
    while (*n < want && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (!filtered || ids_has(matches, id))
            out[(*n)++] = (struct cand){.rowid = id, .score = sqlite3_column_double(st, 1)};
    }
    return finish(st, rc);
}

/* The group's board items that match, best first.  A query the board's
 * index cannot read (a column only posts have: description:) matches
 * none of them. */
static int board_matches(struct store *s, const char *grp, const char *query, struct cand **out,
                         size_t *n)
{
    sqlite3_stmt *st = prepare_text(s, sql_board_ranked, query);
    if (!st)
        return 0;
    sqlite3_bind_text(st, 2, grp, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = xgrow(*out, *n, &cap, sizeof(**out), 16);
        (*out)[(*n)++] = (struct cand){.rowid = sqlite3_column_int64(st, 0),
                                       .score = sqlite3_column_double(st, 1),
                                       .board = true};
    }
    if ((rc & 0xff) == SQLITE_ERROR) {
        sqlite3_finalize(st);
        *n = 0;
        return 0;
    }
    return finish(st, rc);
}

static void post_row(sqlite3_stmt *st, struct search_row *r)
{
    r->key = store_col_text(st, 0);
    r->title = store_col_text(st, 1);
    r->date = store_col_text(st, 2);
    r->url = store_col_text(st, 3);
    r->text = store_col_text(st, 4);
    r->description = store_col_text(st, 5);
}

static void board_row(sqlite3_stmt *st, struct search_row *r)
{
    r->board = true;
    r->key = store_col_text(st, 0);
    r->title = store_col_text(st, 1);
    r->date = store_col_text(st, 2);
    r->url = store_col_text(st, 3);
    r->text = store_col_text(st, 4);
    r->description = xstrdup("");
    r->repo = store_col_text(st, 5);
    r->number = sqlite3_column_int(st, 6);
    r->state = store_col_text(st, 7);
    r->status = store_col_text(st, 8);
}

/* Reads the rows of cands[from..to) (a row deleted meanwhile is left
 * out).  -1 when a statement fails. */
static int read_rows(struct store *s, const struct cand *cands, size_t from, size_t to,
                     struct search_row **rows, size_t *n)
{
    sqlite3 *db = store_handle(s);
    sqlite3_stmt *posts = NULL, *board = NULL;
    int ret = -1;
    if (sqlite3_prepare_v2(db, sql_post_row, -1, &posts, NULL) != SQLITE_OK)
        goto done;
    if (sqlite3_prepare_v2(db, sql_board_row, -1, &board, NULL) != SQLITE_OK)
        board = NULL; /* a cache without a board lists no board hit */
    *rows = xcalloc(to > from ? to - from : 1, sizeof(**rows));
    for (size_t i = from; i < to; i++) {
        sqlite3_stmt *st = cands[i].board ? board : posts;
        if (!st)
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, cands[i].rowid);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            continue;
        if (rc != SQLITE_ROW)
            goto done;
        struct search_row *r = &(*rows)[(*n)++];
        if (cands[i].board)
            board_row(st, r);
        else
            post_row(st, r);
        r->score = cands[i].score;
    }
    ret = 0;
done:
    /* finalizing keeps the handle's error for the caller */
    sqlite3_finalize(posts);
    sqlite3_finalize(board);
    return ret;
}

/* The failure of the last statement: the query's when SQLite calls it a
 * plain error (the statements are known to be right), else the cache's. */
static int search_failed(struct store *s, bool *bad_query, struct cu_err *e)
{
    sqlite3 *db = store_handle(s);
    if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_ERROR) {
        if (bad_query)
            *bad_query = true;
        return cu_errf(e, "%s", sqlite3_errmsg(db));
    }
    return store_fail(s, e, "search");
}

/* Posts, then board items, merged by score when ranked: the list up to end
 * in *cands (replaced), its length in *len. */
static void merge(struct cand **cands, size_t *len, const struct cand *board, size_t nboard,
                  size_t end, bool ranked)
{
    if (!ranked) {
        for (size_t j = 0; j < nboard && *len < end; j++)
            (*cands)[(*len)++] = board[j];
        return;
    }
    /* merge the two lists, each best first */
    const struct cand *posts = *cands;
    size_t nposts = *len;
    struct cand *merged = xcalloc(nposts + nboard + 1, sizeof(*merged));
    size_t i = 0, j = 0, k = 0;
    while (k < end && (i < nposts || j < nboard))
        merged[k++] = j >= nboard || (i < nposts && posts[i].score <= board[j].score) ? posts[i++]
                                                                                      : board[j++];
    free(*cands);
    *cands = merged;
    *len = k;
}

int store_search(struct store *s, const char *grp, const char *query, size_t offset, size_t limit,
                 struct search_row **rows, size_t *n, size_t *total, bool *bad_query,
                 struct cu_err *e)
{
    *rows = NULL;
    *n = 0;
    *total = 0;
    if (bad_query)
        *bad_query = false;
    /* One pass over the matches counts them and decides: few are ranked,
     * many listed newest first. */
    struct ids matches = {0};
    bool filtered = false;
    struct cand *board = NULL, *cands = NULL;
    size_t nboard = 0;
    int rc = -1;
    if (group_matches(s, grp, query, &matches, &filtered) < 0 ||
        board_matches(s, grp, query, &board, &nboard) < 0)
        goto done;
    *total = matches.n + nboard;
    size_t end = limit && offset + limit < *total ? offset + limit : *total;
    if (offset >= end) {
        rc = 0;
        goto done;
    }
    bool ranked = matches.n <= STORE_SEARCH_RANK_MAX;
    size_t want_posts = end < matches.n ? end : matches.n;
    cands = xcalloc(want_posts + nboard + 1, sizeof(*cands));
    size_t len = 0;
    if ((ranked ? ranked_posts(s, query, &matches, filtered, want_posts, cands, &len)
                : newest_posts(s, grp, &matches, want_posts, cands, &len)) < 0)
        goto done;
    merge(&cands, &len, board, nboard, end, ranked);
    if (read_rows(s, cands, offset, len < end ? len : end, rows, n) < 0)
        goto done;
    rc = 0;
done:
    free(matches.v);
    free(board);
    free(cands);
    if (rc < 0) {
        search_rows_free(*rows, *n);
        *rows = NULL;
        *n = 0;
        return search_failed(s, bad_query, e);
    }
    return 0;
}
