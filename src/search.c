/* search.c: see search.h. */
#define _GNU_SOURCE
#include "search.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

static void hit_clear(struct search_hit *h)
{
    free(h->kind);
    free(h->key);
    free(h->title);
    free(h->snippet);
    free(h->date);
    free(h->url);
    memset(h, 0, sizeof(*h));
}

void search_hits_free(struct search_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++)
        hit_clear(&hits[i]);
    free(hits);
}

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

/* Ranking weighs every match, so it is done on the index alone; rows and
 * snippets are then read for the hits shown only.  A query that matches
 * more than RANK_MAX weeks is listed newest first instead: bm25 over nearly
 * every week costs tens of milliseconds and orders them by noise. */
#define RANK_MAX 1000

/* Newest first: every match's rowid (FTS5 gives them in order), then the
 * group's posts in display order until enough of them are matches. */
static const char sql_matches[] = "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1";
static const char sql_in_order[] =
    "SELECT rowid FROM posts WHERE grp = ?1 ORDER BY sort_day DESC, sort_weight, id";
static const char sql_board_ranked[] =
    "SELECT rowid, bm25(board_fts, 10.0, 4.0, 1.0) FROM board_fts WHERE board_fts MATCH ?1"
    " ORDER BY 2 LIMIT ?2";
static const char sql_board_row[] =
    "SELECT key, title, updated, url, grp, coalesce(body, ''), repo, number, state, status"
    " FROM board_items WHERE rowid = ?1";
static const char sql_posts_scores[] =
    "SELECT rowid, bm25(posts_fts, 10.0, 4.0, 1.0) FROM posts_fts WHERE posts_fts MATCH ?1"
    " ORDER BY 2 LIMIT ?2";
static const char sql_row[] =
    "SELECT id, title, date, url, grp, coalesce(text, ''), coalesce(description, '')"
    " FROM posts WHERE rowid = ?1";

/* The plain words of a query, lower case ("sched*" -> "sched"), to mark
 * in snippets. */
static void query_terms(const char *q, struct strv *terms)
{
    const char *p = q;
    while (*p) {
        while (*p && !((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') ||
                       (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            p++;
        const char *s = p;
        while ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
               (*p >= 'A' && *p <= 'Z') || *p == '_')
            p++;
        size_t n = (size_t)(p - s);
        if (!n)
            continue;
        if ((n == 3 && (!strncmp(s, "AND", 3) || !strncmp(s, "NOT", 3))) ||
            (n == 2 && !strncmp(s, "OR", 2)) || (n == 4 && !strncmp(s, "NEAR", 4)))
            continue;
        if (*p == ':' && (n == 5 || n == 4 || n == 11))
            continue; /* a column filter: title: text: description: */
        char *t = xstrndup(s, n);
        for (char *c = t; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c += 32;
        if (!strv_contains(terms, t))
            strv_push_take(terms, t);
        else
            free(t);
    }
}

/* Where a term starts at p (case-insensitive, at a word start): its length. */
static size_t term_at(const char *text, const char *p, const struct strv *terms)
{
    if (p > text) {
        unsigned char b = (unsigned char)p[-1];
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))
            return 0;
    }
    for (size_t i = 0; i < terms->n; i++) {
        size_t n = strlen(terms->v[i]);
        if (!strncasecmp(p, terms->v[i], n)) {
            /* extend to the end of the word: a prefix marks the whole word */
            while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
                   (p[n] >= '0' && p[n] <= '9'))
                n++;
            return n;
        }
    }
    return 0;
}

/* About `words` words of text around the first term, terms marked. */
static char *make_snippet(const char *text, const struct strv *terms, int words)
{
    const char *hit = NULL;
    for (const char *p = text; *p && !hit; p++)
        if (term_at(text, p, terms))
            hit = p;
    const char *from = text;
    if (hit) {
        /* a few words of context before the hit */
        int back = words / 3;
        from = hit;
        while (from > text && back > 0) {
            from--;
            if (*from == ' ' || *from == '\n')
                back--;
        }
        if (from > text)
            from++;
    }
    struct buf b;
    buf_init(&b, 0);
    if (from > text)
        buf_adds(&b, "…");
    int count = 0;
    const char *p = from;
    while (*p && count < words) {
        size_t n = term_at(text, p, terms);
        if (n) {
            char on = SEARCH_MARK_ON, off = SEARCH_MARK_OFF;
            buf_add(&b, &on, 1);
            buf_add(&b, p, n);
            buf_add(&b, &off, 1);
            p += n;
            continue;
        }
        char c = *p == '\n' ? ' ' : *p;
        if (c == ' ' && (!b.len || b.data[b.len - 1] == ' ')) {
            p++;
            continue;
        }
        if (c == ' ')
            count++;
        buf_add(&b, &c, 1);
        p++;
    }
    if (*p)
        buf_adds(&b, "…");
    return buf_take(&b);
}

static int rowid_cmp(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return x < y ? -1 : x > y;
}

/* Every match's rowid, sorted (FTS5 returns them in order).  -1 when the
 * query fails (the caller reads the error). */
static int all_matches(sqlite3 *db, const char *query, sqlite3_int64 **out, size_t *nout)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql_matches, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    sqlite3_int64 *all = NULL;
    size_t nall = 0, cap = 0;
    int rc;
    bool sorted = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        all = xgrow(all, nall, &cap, sizeof(*all), 1024);
        all[nall] = sqlite3_column_int64(st, 0);
        sorted &= !nall || all[nall - 1] <= all[nall];
        nall++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(all);
        return -1;
    }
    if (!sorted)
        qsort(all, nall, sizeof(*all), rowid_cmp);
    *out = all;
    *nout = nall;
    return 0;
}

/* The group's posts in display order that are among the matches, up to limit. */
static int newest_rowids(sqlite3 *db, const char *grp, const sqlite3_int64 *all, size_t nall,
                         int limit, sqlite3_int64 **ids, double **scores, size_t *n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql_in_order, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, grp, -1, SQLITE_TRANSIENT);
    size_t have = 0;
    while ((int)*n < limit && sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (!nall || !bsearch(&id, all, nall, sizeof(*all), rowid_cmp))
            continue;
        if (*n == have) {
            have = have ? have * 2 : 64;
            *ids = xrealloc(*ids, have * sizeof(**ids));
            *scores = xrealloc(*scores, have * sizeof(**scores));
        }
        (*scores)[*n] = 0;
        (*ids)[(*n)++] = id;
    }
    sqlite3_finalize(st);
    return 0;
}

static int step_rowids(sqlite3 *db, const char *sql, const char *query, const char *grp, int limit,
                       sqlite3_int64 **ids, double **scores, size_t *n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    (void)grp;
    sqlite3_bind_int(st, 2, limit);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *ids = xrealloc(*ids, cap * sizeof(**ids));
            *scores = xrealloc(*scores, cap * sizeof(**scores));
        }
        (*scores)[*n] = sqlite3_column_double(st, 1);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Whether the user wrote FTS5 syntax: quotes, prefix stars, parentheses,
 * column filters or the operators in capitals. */
static bool has_syntax(const char *q)
{
    if (strpbrk(q, "\"*():^"))
        return true;
    static const char *const ops[] = {"AND", "OR", "NOT", "NEAR"};
    const char *p = q;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *s = p;
        while (*p && *p != ' ')
            p++;
        for (size_t i = 0; i < CU_ARRAY_LEN(ops); i++)
            if ((size_t)(p - s) == strlen(ops[i]) && !strncmp(s, ops[i], strlen(ops[i])))
                return true;
    }
    return false;
}

/* Each word as a quoted phrase: "20-25 May" -> "\"20-25\" \"May\"". */
static char *literal_query(const char *q)
{
    struct buf b;
    buf_init(&b, 0);
    const char *p = q;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        buf_adds(&b, b.len ? " \"" : "\"");
        while (*p && *p != ' ') {
            if (*p == '"')
                buf_add(&b, "\"", 1);
            buf_add(&b, p, 1);
            p++;
        }
        buf_add(&b, "\"", 1);
    }
    return buf_take(&b);
}

static int run_query(struct store *s, const char *grp, const char *query, int limit,
                     struct search_hit **hits, size_t *n, bool *bad_query, struct cu_err *e);

int search_run(struct store *s, const char *grp, const char *query, int limit,
               struct search_hit **hits, size_t *n, bool *bad_query, struct cu_err *e)
{
    bool bad = false;
    int rc = run_query(s, grp, query, limit, hits, n, &bad, e);
    if (rc < 0 && bad && !has_syntax(query)) {
        /* Plain words FTS5 cannot read (20-25, C++): search them literally. */
        char *lit = literal_query(query);
        rc = run_query(s, grp, lit, limit, hits, n, &bad, e);
        free(lit);
    }
    if (bad_query)
        *bad_query = bad;
    return rc;
}

static int by_score(const void *a, const void *b)
{
    const struct search_hit *x = a, *y = b;
    return x->score < y->score ? -1 : x->score > y->score;
}

/* Board items matching the query: ranked with the posts by bm25 (the same
 * weights: title, then labels or description, then text), or after them
 * when the posts are listed newest first.  A board without matches, or a
 * cache without a board, adds nothing. */
static void add_board_hits(sqlite3 *db, const char *grp, const char *query, int limit,
                           const struct strv *terms, bool ranked, struct search_hit **hits,
                           size_t *n, size_t *cap)
{
    sqlite3_stmt *st, *row;
    if (sqlite3_prepare_v2(db, sql_board_ranked, -1, &st, NULL) != SQLITE_OK)
        return;
    if (sqlite3_prepare_v2(db, sql_board_row, -1, &row, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return;
    }
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, limit);
    size_t first_board = *n;
    while (sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_reset(row);
        sqlite3_bind_int64(row, 1, sqlite3_column_int64(st, 0));
        if (sqlite3_step(row) != SQLITE_ROW)
            continue;
        const char *row_grp = (const char *)sqlite3_column_text(row, 4);
        if (!row_grp || strcmp(row_grp, grp))
            continue;
        *hits = xgrow(*hits, *n, cap, sizeof(**hits), 16);
        struct search_hit *h = &(*hits)[(*n)++];
        memset(h, 0, sizeof(*h));
        h->kind = xstrdup("board");
        h->key = col(row, 0);
        const char *repo = (const char *)sqlite3_column_text(row, 6);
        const char *title = (const char *)sqlite3_column_text(row, 1);
        const char *status = (const char *)sqlite3_column_text(row, 9);
        const char *state = (const char *)sqlite3_column_text(row, 8);
        if (repo)
            h->title = xasprintf("%s#%d %s", repo, sqlite3_column_int(row, 7), title ? title : "");
        else
            h->title = xasprintf("draft: %s", title ? title : "");
        h->date = col(row, 2);
        h->url = col(row, 3);
        const char *body = (const char *)sqlite3_column_text(row, 5);
        char *snip = make_snippet(body ? body : "", terms, 14);
        if (!strchr(snip, SEARCH_MARK_ON)) {
            free(snip);
            snip = xasprintf("%s%s%s", status ? status : (state ? state : ""),
                             status || state ? " · " : "", title ? title : "");
            char *marked = make_snippet(snip, terms, 14);
            free(snip);
            snip = marked;
        }
        h->snippet = snip;
        h->score = sqlite3_column_double(st, 1);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(row);
    if (ranked && *n > first_board)
        qsort(*hits, *n, sizeof(**hits), by_score);
    while (*n > (size_t)limit)
        hit_clear(&(*hits)[--*n]);
}

static int query_failed(sqlite3 *db, const char *query, bool *bad_query, struct cu_err *e)
{
    /* The statements prepare, so a plain error here is the query's. */
    if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_ERROR) {
        if (bad_query)
            *bad_query = true;
        char *safe = text_sanitize(query, strlen(query), 0);
        cu_errf(e,
                "cannot read the query '%s': use words, \"a phrase\", prefix*, AND, OR, NOT; "
                "put other characters inside double quotes",
                safe);
        free(safe);
        return -1;
    }
    return cu_errf(e, "cannot search the cache: %s", sqlite3_errmsg(db));
}

static int run_query(struct store *s, const char *grp, const char *query, int limit,
                     struct search_hit **hits, size_t *n, bool *bad_query, struct cu_err *e)
{
    sqlite3 *db = store_db(s);
    *hits = NULL;
    *n = 0;
    if (bad_query)
        *bad_query = false;
    if (limit <= 0)
        limit = 50;
    const char *q = query;
    while (*q == ' ')
        q++;
    if (!*q) {
        if (bad_query)
            *bad_query = true;
        return cu_errf(e, "search for what? give some words");
    }
    sqlite3_stmt *st;
    /* One pass over the matches decides: few are ranked, many listed newest first. */
    sqlite3_int64 *all = NULL;
    size_t nall = 0;
    if (all_matches(db, query, &all, &nall) < 0)
        return query_failed(db, query, bad_query, e);
    sqlite3_int64 *ids = NULL;
    double *scores = NULL;
    size_t nids = 0;
    bool ranked = nall <= RANK_MAX;
    /* rank on the index, over-asking in case other groups share the cache */
    int rc_ids = ranked ? step_rowids(db, sql_posts_scores, query, grp,
                                      (int)(nall < (size_t)limit * 4 ? nall : (size_t)limit * 4),
                                      &ids, &scores, &nids)
                        : newest_rowids(db, grp, all, nall, limit, &ids, &scores, &nids);
    free(all);
    if (rc_ids < 0) {
        free(ids);
        free(scores);
        return query_failed(db, query, bad_query, e);
    }
    struct strv terms = {0};
    query_terms(query, &terms);
    if (sqlite3_prepare_v2(db, sql_row, -1, &st, NULL) != SQLITE_OK) {
        free(ids);
        free(scores);
        strv_free(&terms);
        return cu_errf(e, "cannot search the cache: %s", sqlite3_errmsg(db));
    }
    size_t cap = 0;
    for (size_t i = 0; i < nids && (int)*n < limit; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, ids[i]);
        if (sqlite3_step(st) != SQLITE_ROW)
            continue;
        const char *row_grp = (const char *)sqlite3_column_text(st, 4);
        if (!row_grp || strcmp(row_grp, grp))
            continue;
        *hits = xgrow(*hits, *n, &cap, sizeof(**hits), 16);
        struct search_hit *h = &(*hits)[(*n)++];
        memset(h, 0, sizeof(*h));
        h->kind = xstrdup("post");
        h->key = col(st, 0);
        h->title = col(st, 1);
        h->date = col(st, 2);
        h->url = col(st, 3);
        const char *text = (const char *)sqlite3_column_text(st, 5);
        const char *desc = (const char *)sqlite3_column_text(st, 6);
        char *snip = make_snippet(text ? text : "", &terms, 14);
        if (!strchr(snip, SEARCH_MARK_ON) && desc && *desc) {
            free(snip);
            snip = make_snippet(desc, &terms, 14);
        }
        h->snippet = snip;
        h->score = scores[i];
    }
    sqlite3_finalize(st);
    free(ids);
    free(scores);
    add_board_hits(db, grp, query, limit, &terms, ranked, hits, n, &cap);
    strv_free(&terms);
    return 0;
}

char *search_plain_snippet(const char *snippet)
{
    char *out = xstrdup(snippet);
    char *w = out;
    for (const char *r = snippet; *r; r++)
        if (*r != SEARCH_MARK_ON && *r != SEARCH_MARK_OFF)
            *w++ = *r;
    *w = '\0';
    return out;
}

char *search_first_term(const char *query)
{
    const char *p = query;
    while (*p) {
        while (*p == ' ' || *p == '(' || *p == ')' || *p == '+' || *p == '-' || *p == '^')
            p++;
        if (!*p)
            break;
        if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
            if (n)
                return xstrndup(p + 1, n);
            p = end ? end + 1 : p + 1 + n;
            continue;
        }
        const char *s = p;
        while (*p && *p != ' ' && *p != '(' && *p != ')' && *p != '"')
            p++;
        size_t n = (size_t)(p - s);
        while (n && s[n - 1] == '*')
            n--;
        if ((n == 3 && (!strncmp(s, "AND", 3) || !strncmp(s, "NOT", 3))) ||
            (n == 2 && !strncmp(s, "OR", 2)) || (n == 4 && !strncmp(s, "NEAR", 4)) || !n)
            continue;
        /* "title:word" searches a column: highlight the word */
        const char *colon = memchr(s, ':', n);
        if (colon && colon + 1 < s + n)
            return xstrndup(colon + 1, (size_t)(s + n - colon - 1));
        return xstrndup(s, n);
    }
    return xstrdup("");
}
