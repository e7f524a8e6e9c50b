/* listing.h: the JSON the posts source reads from GitHub, as pure functions
 * (no network, no cache), so they can be tested and fuzzed alone.
 *
 * Every string handed out is terminal-safe UTF-8 (text_sanitize) or an
 * http(s) URL checked with str_is_http_url and without a user name or
 * password (url_has_userinfo); anything else is dropped. */
#ifndef CATCHUP_LISTING_H
#define CATCHUP_LISTING_H

#include "catchup/util.h"

/* One Markdown post of a contents listing, or of a git tree (there: path
 * is relative to the posts folder, the URLs are NULL). */
struct listing_entry {
    char *id; /* file name without .md */
    char *name, *path, *sha;
    char *download_url; /* NULL when missing or not http(s) */
    char *html_url;     /* NULL when missing or not http(s) */
    bool dir;           /* a folder (listing_contents only) */
};

void listing_free(struct listing_entry *v, size_t n);
/* Drops every entry whose id an earlier entry has (freeing it), keeping the
 * order of the rest; returns how many remain. */
size_t listing_dedup(struct listing_entry *v, size_t n);

/* A contents listing as it is: every file and folder (dir set; folders
 * have no id), names checked as for posts but any extension.  For the
 * walk folder by folder when a tree is truncated, and for a folder's tree
 * sha (the subtree of a big repository).  Caller frees. */
int listing_contents(const char *body, size_t len, struct listing_entry **out, size_t *n,
                     struct cu_err *e);

/* Reads GET /repos/{o}/{r}/git/trees/{ref}?recursive=1: the Markdown blobs
 * (.md, .markdown) below prefix ("" = the whole tree), path relative to it,
 * id not set yet (listing_posts).  *truncated is GitHub's flag: the tree is
 * cut and some files are missing.  Caller frees. */
int listing_tree(const char *body, size_t len, const char *prefix, struct listing_entry **out,
                 size_t *n, bool *truncated, struct cu_err *e);

/* Keeps the posts among entries whose path is relative to the posts folder
 * (freeing the rest, keeping their order) and gives each its id:
 * - Markdown files anywhere below, but not _index.md or README.md (section
 *   and index pages), nor in a folder starting with '.' or named _drafts;
 * - a folder's index.md is that folder's post (a page bundle: the other
 *   Markdown files in and below it are its resources, not posts); index.md
 *   at the top is the folder's own page;
 * - the id is the file name without its extension (a bundle's: the folder's
 *   name); ids that repeat are the path below the folder instead
 *   ("2025/notes"), except for files directly in it.
 * Returns how many remain. */
size_t listing_posts(struct listing_entry *v, size_t n);

/* The date in a post's path below the posts folder (its file or a folder
 * name starting with YYYY-MM-DD, else year/month[/day] folders, a month
 * alone meaning its first day), "YYYY-MM-DD", or NULL.  Caller frees. */
char *listing_path_date(const char *rel);

/* A title made of a post's file (or bundle folder) name: '_' and '-' as
 * spaces, a leading date kept as it is.  Caller frees. */
char *listing_name_title(const char *rel);

/* The date of the last commit in a commits page (the oldest, when the page
 * is GitHub's last), as "2024-05-27T13:32:41Z": the committer's date, else
 * the author's.  *date is NULL for an empty page.  -1 when not JSON. */
int listing_oldest_commit(const char *body, size_t len, char **date, struct cu_err *e);

#endif
