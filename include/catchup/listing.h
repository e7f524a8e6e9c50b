/* listing.h: the JSON the posts source reads from GitHub, as pure functions
 * (no network, no cache), so they can be tested and fuzzed alone.
 *
 * Every string handed out is terminal-safe UTF-8 (text_sanitize) or an
 * http(s) URL checked with str_is_http_url and without a user name or
 * password (url_has_userinfo); anything else is dropped. */
#ifndef CATCHUP_LISTING_H
#define CATCHUP_LISTING_H

#include "catchup/util.h"

/* One Markdown post of a contents listing. */
struct listing_entry {
    char *id; /* file name without .md */
    char *name, *path, *sha;
    char *download_url; /* NULL when missing or not http(s) */
    char *html_url;     /* NULL when missing or not http(s) */
};

/* Reads a contents listing (a JSON array of entries): keeps files named
 * NAME.md other than _index.md (no '/', no leading '.', no controls), each
 * name once (the first entry of a name listed twice).
 * Returns 0, or -1 with e set when the body is not JSON or not an array
 * (with GitHub's "message" when it sent one).  Caller frees. */
int listing_parse(const char *body, size_t len, struct listing_entry **out, size_t *n,
                  struct cu_err *e);
void listing_free(struct listing_entry *v, size_t n);
/* Drops every entry whose id an earlier entry has (freeing it), keeping the
 * order of the rest; returns how many remain. */
size_t listing_dedup(struct listing_entry *v, size_t n);

/* The post id for a file name, or NULL when it is not a post (caller frees). */
char *listing_post_id(const char *name);

/* The date of the last commit in a commits page (the oldest, when the page
 * is GitHub's last), as "2024-05-27T13:32:41Z": the committer's date, else
 * the author's.  *date is NULL for an empty page.  -1 when not JSON. */
int listing_oldest_commit(const char *body, size_t len, char **date, struct cu_err *e);

#endif
