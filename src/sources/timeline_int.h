/* timeline_int.h: one posts source of a group.  A group may name several
 * (posts = ... repeated); timeline.c runs each through its kind's table
 * entry and feeds them into one timeline, the "posts" source of a refresh. */
#ifndef CATCHUP_TIMELINE_INT_H
#define CATCHUP_TIMELINE_INT_H

#include "catchup/source.h"

/* What a refresh of the posts did, summed over the sources. */
struct posts_tally {
    unsigned total;   /* posts the sources hold now */
    unsigned added;   /* new in the cache */
    unsigned updated; /* changed */
    unsigned same;    /* unchanged */
    unsigned gone;    /* gone upstream, removed */
    unsigned dropped; /* of sources no longer configured, removed */
    unsigned taken;   /* skipped: another source has a post of that id */
    unsigned broken;  /* stored without their front matter */
    unsigned kept;    /* cached, no longer in a feed's window: kept */
    unsigned undated; /* a feed's entries dated before 1900: shown undated */
    unsigned failed;  /* sources that read nothing: their cached posts are in kept */
};

struct posts_kind {
    unsigned kinds; /* the SRC_* of struct posts_src it reads, as 1u << SRC_* */
    /* Starts reading src.  keys: what the cache holds of this source, sorted
     * by id (borrowed; they outlive the state).  Returns the state. */
    void *(*start)(struct source_run *run, const struct posts_src *src, const struct post_key *keys,
                   size_t nkeys);
    /* Stores what arrived and adds to t; -1 with e set on a cache failure. */
    int (*commit)(void *state, struct source_run *run, struct posts_tally *t, struct cu_err *e);
    /* Calls cb for each post read in this refresh (new or changed). */
    void (*each_read)(void *state, void (*cb)(const char *id, const char *body, void *arg),
                      void *arg);
    void (*free_state)(void *state);
};

extern const struct posts_kind posts_files;  /* posts.c: github: and folders */
extern const struct posts_kind posts_issues; /* github_issues.c */
extern const struct posts_kind posts_feed;   /* feed_posts.c */

/* The words a reader sees, for the search index: the body rendered without
 * Markdown syntax, link markers, rules or URLs.  Caller frees. */
char *posts_plain_text(const char *md, const char *base_url);

#endif
