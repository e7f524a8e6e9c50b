/* search.h: full-text search over the cache (SQLite FTS5).
 *
 * Queries use FTS5's syntax: words (all must occur), "a phrase", prefix*,
 * AND, OR, NOT and parentheses.  Results are ranked by bm25 with titles
 * weighing most; each carries a snippet whose matches are wrapped in
 * SEARCH_MARK_ON / SEARCH_MARK_OFF (control bytes the caller turns into
 * highlighting or drops; they never reach a terminal as such). */
#ifndef CATCHUP_SEARCH_H
#define CATCHUP_SEARCH_H

#include "catchup/store.h"

#define SEARCH_MARK_ON '\x01'
#define SEARCH_MARK_OFF '\x02'

/* What a hit is: a post, or a board item (whose title names it). */
#define SEARCH_HIT_POST "post"
#define SEARCH_HIT_BOARD "board"

struct search_hit {
    char *kind; /* SEARCH_HIT_POST or SEARCH_HIT_BOARD */
    char *key;  /* post id, or the board item's key */
    char *title;
    char *snippet; /* with marks */
    char *date;    /* or NULL */
    char *url;     /* or NULL */
    double score;  /* bm25: lower is better */
};

/* Searches group grp: the hits at offset..offset+limit-1 of the whole list
 * (limit 0: all from offset), best first, and in *total (unless NULL) how
 * many match in all.  A query FTS5 cannot read is an error (-1) whose
 * message says how to write one, with *bad_query set, so the command line
 * can exit 2. */
int search_run(struct store *s, const char *grp, const char *query, size_t offset, size_t limit,
               struct search_hit **hits, size_t *n, size_t *total, bool *bad_query,
               struct cu_err *e);
void search_hits_free(struct search_hit *hits, size_t n);

/* The snippet without marks (caller frees). */
char *search_plain_snippet(const char *snippet);
/* The first plain word or phrase of a query, for highlighting inside a
 * document ("sched*" -> "sched", "\"white paper\" OR x" -> "white paper").
 * Caller frees; "" when the query has none. */
char *search_first_term(const char *query);

#endif
