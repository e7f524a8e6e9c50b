/* search.c: see search.h. */
#define _GNU_SOURCE
#include "catchup/search.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/store_search.h"
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

/* A failed search: a query FTS5 cannot read says how to write one. */
static int query_failed(const char *query, bool bad, struct cu_err *e)
{
    if (!bad)
        return cu_err_prefix(e, "cannot search the cache");
    char *safe = text_sanitize(query, strlen(query), 0);
    cu_errf(e,
            "cannot read the query '%s': use words, \"a phrase\", prefix*, AND, OR, NOT; "
            "put other characters inside double quotes",
            safe);
    free(safe);
    return -1;
}

/* A post's hit, matches marked in the snippet. */
static void post_hit(struct search_row *r, const struct strv *terms, struct search_hit *h)
{
    h->kind = xstrdup(SEARCH_HIT_POST);
    h->key = r->key;
    h->title = r->title;
    h->date = r->date;
    h->url = r->url;
    r->key = r->title = r->date = r->url = NULL;
    char *snip = make_snippet(r->text, terms, 14);
    if (!strchr(snip, SEARCH_MARK_ON) && *r->description) {
        free(snip);
        snip = make_snippet(r->description, terms, 14);
    }
    h->snippet = snip;
}

/* A board item's hit: its title names it; the snippet is from its body,
 * else its status and title. */
static void board_hit(struct search_row *r, const struct strv *terms, struct search_hit *h)
{
    h->kind = xstrdup(SEARCH_HIT_BOARD);
    const char *title = r->title ? r->title : "";
    if (r->repo)
        h->title = xasprintf("%s#%d %s", r->repo, r->number, title);
    else
        h->title = xasprintf("draft: %s", title);
    h->key = r->key;
    h->date = r->date;
    h->url = r->url;
    r->key = r->date = r->url = NULL;
    char *snip = make_snippet(r->text, terms, 14);
    if (!strchr(snip, SEARCH_MARK_ON)) {
        free(snip);
        const char *status = r->status ? r->status : r->state;
        snip = xasprintf("%s%s%s", status ? status : "", status ? " · " : "", title);
        char *marked = make_snippet(snip, terms, 14);
        free(snip);
        snip = marked;
    }
    h->snippet = snip;
}

static int run_query(struct store *s, const char *grp, const char *query, size_t offset,
                     size_t limit, struct search_hit **hits, size_t *n, size_t *total,
                     bool *bad_query, struct cu_err *e)
{
    *hits = NULL;
    *n = 0;
    *total = 0;
    const char *q = query;
    while (*q == ' ')
        q++;
    if (!*q) {
        *bad_query = true;
        return cu_errf(e, "search for what? give some words");
    }
    struct search_row *rows;
    size_t nrows;
    if (store_search(s, grp, query, offset, limit, &rows, &nrows, total, bad_query, e) < 0)
        return query_failed(query, *bad_query, e);
    struct strv terms = {0};
    query_terms(query, &terms);
    *hits = xcalloc(nrows ? nrows : 1, sizeof(**hits));
    for (size_t i = 0; i < nrows; i++) {
        struct search_hit *h = &(*hits)[(*n)++];
        if (rows[i].board)
            board_hit(&rows[i], &terms, h);
        else
            post_hit(&rows[i], &terms, h);
        h->score = rows[i].score;
    }
    strv_free(&terms);
    search_rows_free(rows, nrows);
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
