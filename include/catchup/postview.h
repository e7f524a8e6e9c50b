/* postview.h: a post as the reader shows it: a title heading, the date and
 * id, the description, a rule, then the body; one document, so `catchup show`
 * and the TUI number the same links the same way.  A post whose front matter
 * could not be read starts with a quote saying why; an upcoming meeting
 * says so under its date and, in a footer, how to add to its agenda. */
#ifndef CATCHUP_POSTVIEW_H
#define CATCHUP_POSTVIEW_H

#include "catchup/markdown.h"
#include "catchup/store.h"

/* Parses the post (with its body) into a document; caller frees with
 * doc_free.  Returns -1 with e set only when the Markdown parser fails. */
int postview_doc(const struct post *p, struct doc **out, struct cu_err *e);

/* The start of the post for a preview, when it has no description: its
 * body alone (a first heading repeating the title left out); caller frees
 * with doc_free.  Returns -1 with e set only when the parser fails. */
int postview_opening_doc(const struct post *p, struct doc **out, struct cu_err *e);

/* Whether p's id is its date's text (notes named 2026-06-02.md): the date
 * line then shows the date once, not "2026-06-02 · 2026-06-02". */
bool postview_id_is_date(const struct post *p);

/* Whether p is a meeting issue (a github-issues post) dated today or
 * later, in local time: its body is an agenda one can still add to. */
bool postview_upcoming(const struct post *p, time_t now);
/* What to do about an upcoming meeting, for a footer or status line. */
#define POSTVIEW_UPCOMING_HINT "upcoming: o opens the issue to add an agenda item"

/* The first link of kind k (1-based number), or 0. */
int postview_first_link(const struct doc *d, enum link_kind k);

/* Badges every GitHub issue or pull request link of d with its state as the
 * cache knows it ("[3 open]", "[5 closed]"); links the cache knows nothing
 * about stay as they are.  Reads only; never fails. */
void postview_badge_issues(struct doc *d, struct store *s, const char *grp);

#endif
