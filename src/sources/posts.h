/* posts.h: what the posts source (posts.c) offers the sources that run
 * after it in the same refresh (source_peer_state gives its state). */
#ifndef CATCHUP_SOURCES_POSTS_H
#define CATCHUP_SOURCES_POSTS_H

#include "catchup/source.h"

extern const struct source_ops source_posts;

/* Calls cb for each post the posts source read in this refresh (new or
 * changed), with its Markdown body, before it is stored. */
void posts_each_read(void *posts_state, void (*cb)(const char *id, const char *body, void *arg),
                     void *arg);
/* Whether the posts source stored or removed a post in this refresh (after
 * its commit; later sources commit after it). */
bool posts_changed(void *posts_state);

#endif
