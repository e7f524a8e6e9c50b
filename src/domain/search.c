/* search.c: see search.h. */
#define _GNU_SOURCE
#include "catchup/search.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/text.h"

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
 * every week costs tens of milliseconds and orders them by noise.  Every
 * match is counted: the total is one pass over the index's rowids.  Ties
 * are broken by rowid, so pages of the list (offset, limit) never overlap. */
#define RANK_MAX 1000

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
    "SELECT key, title, updated, url, grp, coalesce(body, ''), repo, number, state, status"
    " FROM board_items WHERE rowid = ?1";
static const char sql_posts_scores[] =
    "SELECT rowid, bm25(posts_fts, 10.0, 4.0, 1.0) FROM posts_fts WHERE posts_fts MATCH ?1"
    " ORDER BY 2, 1 LIMIT ?2";
static const char sql_row[] =
    "SELECT id, title, date, url, grp, coalesce(text, ''), coalesce(description, '')"
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

static bool ids_has(const struct ids *l, sqlite3_int64 id)
{
    return l->n && bsearch(&id, l->v, l->n, sizeof(*l->v), rowid_cmp);
}

/* Every rowid the statement gives (its first column), bound to text arg,
 * sorted.  -1 when it fails (the caller reads the error). */
static int collect_sorted(sqlite3 *db, const char *sql, const char *arg, struct ids *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
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
 * filtered by group; most caches hold one). */
static bool other_groups(sqlite3 *db, const char *grp)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql_other_groups, -1, &st, NULL) != SQLITE_OK)
        return true;
    sqlite3_bind_text(st, 1, grp, -1, SQLITE_TRANSIENT);
    bool any = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return any;
}

/* The group's post matches (sorted rowids).  -1 when the query fails. */
static int group_matches(sqlite3 *db, const char *grp, const char *query, struct ids *out,
                         bool *filtered)
{
    if (collect_sorted(db, sql_matches, query, out) < 0)
        return -1;
    *filtered = out->n && other_groups(db, grp);
    if (!*filtered)
        return 0;
    struct ids mine = {0};
    if (collect_sorted(db, sql_group_rowids, grp, &mine) < 0) {
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

/* The first `want` matches in display order (newest first). */
static int newest_posts(sqlite3 *db, const char *grp, const struct ids *matches, size_t want,
                        struct cand *out, size_t *n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql_in_order, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, grp, -1, SQLITE_TRANSIENT);
    while (*n < want && sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (ids_has(matches, id))
            out[(*n)++] = (struct cand){.rowid = id};
    }
    sqlite3_finalize(st);
    return 0;
}

/* The best `want` matches by bm25 (ranked on the index alone). */
static int ranked_posts(sqlite3 *db, const char *query, const struct ids *matches, bool filtered,
                        size_t want, struct cand *out, size_t *n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql_posts_scores, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    /* other groups' matches are skipped, so then every score is read */
    sqlite3_bind_int64(st, 2, filtered ? -1 : (sqlite3_int64)want);
    while (*n < want && sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (!filtered || ids_has(matches, id))
            out[(*n)++] = (struct cand){.rowid = id, .score = sqlite3_column_double(st, 1)};
    }
    sqlite3_finalize(st);
    return 0;
}

/* The group's board items that match, best first.  A cache without a board
 * has none. */
static void board_matches(sqlite3 *db, const char *grp, const char *query, struct cand **out,
                          size_t *n)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    if (sqlite3_prepare_v2(db, sql_board_ranked, -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, grp, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) {
        *out = xgrow(*out, *n, &cap, sizeof(**out), 16);
        (*out)[(*n)++] = (struct cand){.rowid = sqlite3_column_int64(st, 0),
                                       .score = sqlite3_column_double(st, 1),
                                       .board = true};
    }
    sqlite3_finalize(st);
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

static int run_query(struct store *s, const char *grp, const char *query, size_t offset,
                     size_t limit, struct search_hit **hits, size_t *n, size_t *total,
                     bool *bad_query, struct cu_err *e);

int search_run(struct store *s, const char *grp, const char *query, size_t offset, size_t limit,
               struct search_hit **hits, size_t *n, size_t *total, bool *bad_query,
               struct cu_err *e)
{
    bool bad = false;
    size_t all = 0;
    int rc = run_query(s, grp, query, offset, limit, hits, n, &all, &bad, e);
    if (rc < 0 && bad && !has_syntax(query)) {
        /* Plain words FTS5 cannot read (20-25, C++): search them literally. */
        char *lit = literal_query(query);
        rc = run_query(s, grp, lit, offset, limit, hits, n, &all, &bad, e);
        free(lit);
    }
    if (bad_query)
        *bad_query = bad;
    if (total)
        *total = all;
    return rc;
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

/* A post's hit from its row (sql_row), matches marked in the snippet. */
static void post_hit(sqlite3_stmt *row, const struct strv *terms, struct search_hit *h)
{
    h->kind = xstrdup("post");
    h->key = col(row, 0);
    h->title = col(row, 1);
    h->date = col(row, 2);
    h->url = col(row, 3);
    const char *text = (const char *)sqlite3_column_text(row, 5);
    const char *desc = (const char *)sqlite3_column_text(row, 6);
    char *snip = make_snippet(text ? text : "", terms, 14);
    if (!strchr(snip, SEARCH_MARK_ON) && desc && *desc) {
        free(snip);
        snip = make_snippet(desc, terms, 14);
    }
    h->snippet = snip;
}

/* A board item's hit from its row (sql_board_row): its title names it; the
 * snippet is from its body, else its status and title. */
static void board_hit(sqlite3_stmt *row, const struct strv *terms, struct search_hit *h)
{
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
}

/* Reads the rows of cands[from..to) into hits. */
static int read_hits(sqlite3 *db, const char *query, const struct cand *cands, size_t from,
                     size_t to, struct search_hit **hits, size_t *n, struct cu_err *e)
{
    sqlite3_stmt *post_row, *board_row;
    if (sqlite3_prepare_v2(db, sql_row, -1, &post_row, NULL) != SQLITE_OK)
        return cu_errf(e, "cannot search the cache: %s", sqlite3_errmsg(db));
    if (sqlite3_prepare_v2(db, sql_board_row, -1, &board_row, NULL) != SQLITE_OK)
        board_row = NULL; /* a cache without a board lists no board hit */
    struct strv terms = {0};
    query_terms(query, &terms);
    *hits = xcalloc(to > from ? to - from : 1, sizeof(**hits));
    for (size_t i = from; i < to; i++) {
        sqlite3_stmt *row = cands[i].board ? board_row : post_row;
        if (!row)
            continue;
        sqlite3_reset(row);
        sqlite3_bind_int64(row, 1, cands[i].rowid);
        if (sqlite3_step(row) != SQLITE_ROW)
            continue;
        struct search_hit *h = &(*hits)[(*n)++];
        if (cands[i].board)
            board_hit(row, &terms, h);
        else
            post_hit(row, &terms, h);
        h->score = cands[i].score;
    }
    sqlite3_finalize(post_row);
    sqlite3_finalize(board_row);
    strv_free(&terms);
    return 0;
}

static int run_query(struct store *s, const char *grp, const char *query, size_t offset,
                     size_t limit, struct search_hit **hits, size_t *n, size_t *total,
                     bool *bad_query, struct cu_err *e)
{
    sqlite3 *db = store_db(s);
    *hits = NULL;
    *n = 0;
    *total = 0;
    if (bad_query)
        *bad_query = false;
    const char *q = query;
    while (*q == ' ')
        q++;
    if (!*q) {
        if (bad_query)
            *bad_query = true;
        return cu_errf(e, "search for what? give some words");
    }
    /* One pass over the matches counts them and decides: few are ranked,
     * many listed newest first. */
    struct ids matches = {0};
    bool filtered = false;
    if (group_matches(db, grp, query, &matches, &filtered) < 0) {
        free(matches.v);
        return query_failed(db, query, bad_query, e);
    }
    struct cand *board = NULL;
    size_t nboard = 0;
    board_matches(db, grp, query, &board, &nboard);
    *total = matches.n + nboard;
    size_t end = limit && offset + limit < *total ? offset + limit : *total;
    if (offset >= end) {
        free(matches.v);
        free(board);
        return 0;
    }
    /* The list up to the window's end: posts, then board items, merged by
     * score when ranked. */
    bool ranked = matches.n <= RANK_MAX;
    size_t want_posts = end < matches.n ? end : matches.n;
    struct cand *cands = xcalloc(want_posts + nboard + 1, sizeof(*cands));
    size_t nposts = 0;
    int rc = ranked ? ranked_posts(db, query, &matches, filtered, want_posts, cands, &nposts)
                    : newest_posts(db, grp, &matches, want_posts, cands, &nposts);
    free(matches.v);
    if (rc < 0) {
        free(cands);
        free(board);
        return query_failed(db, query, bad_query, e);
    }
    if (ranked) {
        /* merge the two lists, each best first */
        struct cand *merged = xcalloc(nposts + nboard + 1, sizeof(*merged));
        size_t i = 0, j = 0, k = 0;
        while (k < end && (i < nposts || j < nboard))
            merged[k++] = j >= nboard || (i < nposts && cands[i].score <= board[j].score)
                              ? cands[i++]
                              : board[j++];
        free(cands);
        cands = merged;
        nposts = k;
    } else {
        for (size_t j = 0; j < nboard && nposts < end; j++)
            cands[nposts++] = board[j];
    }
    free(board);
    rc = read_hits(db, query, cands, offset, nposts < end ? nposts : end, hits, n, e);
    free(cands);
    return rc;
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
