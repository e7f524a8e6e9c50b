/* search.c: see search.h. */
#define _GNU_SOURCE
#include "search.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void search_hits_free(struct search_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(hits[i].kind);
        free(hits[i].key);
        free(hits[i].title);
        free(hits[i].snippet);
        free(hits[i].date);
        free(hits[i].url);
    }
    free(hits);
}

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

/* One snippet of the text column, else of the description, else none. */
static const char sql_posts[] =
    "SELECT p.id, p.title, p.date, p.url,"
    "  snippet(posts_fts, -1, char(1), char(2), '…', 14),"
    "  bm25(posts_fts, 10.0, 4.0, 1.0) AS score"
    " FROM posts_fts JOIN posts p ON p.rowid = posts_fts.rowid"
    " WHERE posts_fts MATCH ?1 AND p.grp = ?2"
    " ORDER BY score LIMIT ?3";

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

static int run_query(struct store *s, const char *grp, const char *query, int limit,
                     struct search_hit **hits, size_t *n, bool *bad_query, struct cu_err *e)
{
    sqlite3 *db = store_db(s);
    *hits = NULL;
    *n = 0;
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
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql_posts, -1, &st, NULL) != SQLITE_OK)
        return cu_errf(e, "cannot search the cache: %s", sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, grp, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, limit > 0 ? limit : 50);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *hits = xrealloc(*hits, cap * sizeof(**hits));
        }
        struct search_hit *h = &(*hits)[(*n)++];
        h->kind = xstrdup("post");
        h->key = col(st, 0);
        h->title = col(st, 1);
        h->date = col(st, 2);
        h->url = col(st, 3);
        h->snippet = col(st, 4);
        if (!h->snippet)
            h->snippet = xstrdup("");
        h->score = sqlite3_column_double(st, 5);
    }
    if (rc != SQLITE_DONE) {
        const char *msg = sqlite3_errmsg(db);
        /* The statement prepared, so a plain error here is the query's. */
        bool syntax = (sqlite3_extended_errcode(db) & 0xff) == SQLITE_ERROR;
        if (syntax) {
            if (bad_query)
                *bad_query = true;
            char *safe = text_sanitize(query, strlen(query), 0);
            cu_errf(e,
                    "cannot read the query '%s': use words, \"a phrase\", prefix*, AND, OR, NOT; "
                    "put other characters inside double quotes",
                    safe);
            free(safe);
        } else {
            cu_errf(e, "cannot search the cache: %s", msg);
        }
        sqlite3_finalize(st);
        search_hits_free(*hits, *n);
        *hits = NULL;
        *n = 0;
        return -1;
    }
    sqlite3_finalize(st);
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
