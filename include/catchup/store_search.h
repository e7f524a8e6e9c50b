/* store_search.h: the cache's full-text indexes (schema_search.h): which
 * posts and board items match an FTS5 query, in list order.  Turning rows
 * into hits with snippets is search.h's. */
#ifndef CATCHUP_STORE_SEARCH_H
#define CATCHUP_STORE_SEARCH_H

#include "catchup/store.h"

/* A query matching more posts than this lists them newest first instead of
 * ranking them: bm25 over nearly every week costs tens of milliseconds and
 * orders them by noise. */
#define STORE_SEARCH_RANK_MAX 1000

/* A match as the cache holds it: a post or a board item. */
struct search_row {
    bool board;
    double score;         /* bm25, lower is better; 0 when listed newest first */
    char *key;            /* the post's id, or the board item's key */
    char *title;          /* or NULL */
    char *date;           /* the post's date, the item's last update; or NULL */
    char *url;            /* or NULL */
    char *text;           /* the post's plain text, the item's body; never NULL */
    char *description;    /* the post's, never NULL ("" for a board item) */
    char *repo;           /* board: "owner/repo", NULL for a draft */
    int number;           /* board: the issue or pull request number */
    char *state, *status; /* board: or NULL */
};
void search_rows_free(struct search_row *v, size_t n);

/* The matches of query (FTS5 syntax) among group grp's posts and board
 * items: in *total how many, in rows those at offset..offset+limit-1 of the
 * list (limit 0: all from offset).  The list is ranked by bm25 (posts and
 * items merged; ties by rowid, so pages never overlap), or, when more than
 * STORE_SEARCH_RANK_MAX posts match, the posts newest first and then the
 * items.  Returns -1 with e set on failure; *bad_query (unless NULL) is
 * then true when FTS5 could not read the query. */
int store_search(struct store *s, const char *grp, const char *query, size_t offset, size_t limit,
                 struct search_row **rows, size_t *n, size_t *total, bool *bad_query,
                 struct cu_err *e);

#endif
