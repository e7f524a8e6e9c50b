/* posts_int.h: what the posts source's files share (posts.c, the GitHub
 * side; posts_local.c, a local folder or clone). */
#ifndef CATCHUP_POSTS_INT_H
#define CATCHUP_POSTS_INT_H

#include "catchup/frontmatter.h"
#include "catchup/listing.h"
#include "catchup/source.h"

enum item_state {
    ITEM_PENDING,
    ITEM_UNCHANGED, /* cached as it is (perhaps its first-commit date is asked) */
    ITEM_READY,
    ITEM_FAILED,
    ITEM_DRAFT,
};

struct item {
    struct posts_run *pr;
    char *id, *name;
    char *path; /* in the repository (GitHub), or the file (local) */
    char *rel;  /* below the posts folder */
    char *sha, *download_url, *html_url;
    enum item_state state;
    int commit_pages; /* commit pages asked for its date */
    bool is_new;
    bool want_commit;  /* its first-commit date is to be asked */
    bool commit_asked; /* date_commit is an answer ("" = none) */
    char *body;        /* sanitized Markdown, front matter removed */
    struct frontmatter fm;
    char *fm_error; /* its front matter could not be read: why */
    char *date_name, *date_commit, *date_note;
};

struct posts_run {
    struct source_run *run;
    const struct posts_src *src; /* one of the group's posts sources */
    char *listing_url;           /* whose ETag says whether anything changed */
    char *new_etag;
    char *mode_key; /* state key: this source lists a big repository's subtree */
    bool not_modified;
    bool listed;         /* the listing arrived and was read */
    bool subtree_now;    /* this refresh lists the folder's subtree */
    bool subtree_learnt; /* and will from now on */
    struct item *items;
    size_t nitems;
    struct strv same;            /* a local folder's unchanged posts: only their ids */
    const struct post_key *keys; /* what the cache holds of this source (borrowed) */
    size_t nkeys;
    /* the folder-by-folder walk of a truncated tree */
    struct listing_entry *walked;
    size_t nwalked, walk_cap;
    unsigned walk_left, walk_folders;
    /* first-commit dates: asked in order, within a budget of requests */
    struct item **dateq;
    size_t ndateq, dateq_head;
    unsigned commit_used, commit_reserved, commit_budget;
    size_t dates_pending;
};

/* The cached key of a post, or NULL. */
const struct post_key *posts_cached(const struct posts_run *pr, const char *id);
/* Reads a file's bytes into the item (front matter, body, title, dates). */
void posts_item_parse(struct item *it, const char *raw, size_t raw_len);
/* Reads a local folder (recursively) into pr. */
void posts_scan_dir(struct posts_run *pr);

#endif
