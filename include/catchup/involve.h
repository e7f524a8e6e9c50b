/* involve.h: the "How to Get Involved" sections of posts, as Markdown
 * bullets, de-duplicated across posts (the Start here pane shows them). */
#ifndef CATCHUP_INVOLVE_H
#define CATCHUP_INVOLVE_H

#include "catchup/util.h"

/* Appends to bullets (as Markdown, one item each, without the list marker)
 * the items under every heading of md whose text contains "get involved"
 * (any level, until the next heading of the same or a higher level), unless
 * an item with the same words is already there.  md is sanitized text. */
void involve_collect(const char *md, struct strv *bullets);

#endif
