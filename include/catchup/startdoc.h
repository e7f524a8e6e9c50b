/* startdoc.h: the Start here page ("how do I get involved?") as one
 * Markdown document, composed from the group's own material: its Slack
 * channels and mailing list, the next meeting from the agenda, open board
 * items labelled help wanted or good first issue, the "How to Get
 * Involved" bullets of the latest posts, and the onboarding page.  The TUI's
 * Start here pane and `catchup start` show the same document. */
#ifndef CATCHUP_STARTDOC_H
#define CATCHUP_STARTDOC_H

#include "catchup/config.h"
#include "catchup/store.h"

enum {
    STARTDOC_REFRESHING = 1, /* a refresh is running: what is missing arrives with it */
    STARTDOC_KEYS = 2,       /* mention the TUI's keys */
    STARTDOC_OFFLINE = 4     /* --offline: nothing can be fetched in this session */
};
/* Appends the document to md.  *onboarding_url (caller frees, may be NULL)
 * is the onboarding page on the web. */
void startdoc_compose(struct store *s, const struct group *g, time_t now, unsigned flags,
                      struct buf *md, char **onboarding_url);

#endif
