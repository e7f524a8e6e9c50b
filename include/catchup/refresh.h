/* refresh.h: fetches every source of a group and stores what arrived.
 *
 * A refresh never blocks: refresh_start() queues the first requests, the
 * caller's loop runs http_wait() until refresh_busy() is false, then
 * refresh_finish() writes all results in one transaction.  A source that
 * fails writes nothing of its own except its error, so the previous state
 * stays; the others are stored as usual. */
#ifndef CATCHUP_REFRESH_H
#define CATCHUP_REFRESH_H

#include "catchup/config.h"
#include "catchup/http.h"
#include "catchup/store.h"

struct refresh_report {
    const char *name; /* "posts", "board", "events", "onboarding" */
    bool ok;
    bool ran;          /* false when the group does not configure it */
    bool warning;      /* ok, but error says what is missing ("not found") */
    bool unreachable;  /* !ok because no connection could be made (offline) */
    char summary[256]; /* "7 (2 new, 5 unchanged)"; "not found" with a warning */
    char error[512];   /* when !ok: what failed and what to do; the warning */
    char note[1024];   /* what was stored but cut or skipped, or "" */
    unsigned requests; /* requests started */
    unsigned done;     /* requests finished */
};

struct refresh;

/* Starts the refresh of group g.  The borrowed arguments must outlive it. */
struct refresh *refresh_start(struct http *h, struct store *s, const struct config *c,
                              const struct group *g);
/* True while transfers or jobs of this refresh are queued or running; it
 * also finishes jobs whose work is done (call it from the loop). */
bool refresh_busy(struct refresh *r);
/* Requests finished and started so far per source, into out (for
 * "refreshing posts 4/7, board 1/2, events 1/1").  A source's total grows as
 * it learns what to fetch; the sources' counts do not mix. */
void refresh_progress_text(const struct refresh *r, char *out, size_t n);
/* Stores the results in one transaction.  Returns 0 when every source
 * worked (some perhaps with a warning), 1 when some failed (their reports
 * say why; the rest is stored), -1 with e set when the cache could not be
 * written (nothing stored), -2 with e set when another process kept writing
 * the cache for longer than the store's busy wait (nothing stored; call it
 * again later). */
int refresh_finish(struct refresh *r, struct cu_err *e);
size_t refresh_nreports(const struct refresh *r);
/* The sources' names as the cache's source status knows them ("posts"),
 * in refresh order, each once: how many, and the i-th. */
size_t refresh_nsources(void);
const char *refresh_source_name(size_t i);
const struct refresh_report *refresh_report(const struct refresh *r, size_t i);
/* Frees a refresh.  One still busy is dropped: its running job is told to
 * stop (cu_cancelled() turns true on its thread) and joined, which is quick.
 * Free it before its HTTP handle, and call http_free() before http_wait()
 * runs again: the job wakes that handle as it ends, and the transfers still
 * queued would call back into the refresh. */
void refresh_free(struct refresh *r);

/* Runs a whole refresh, waiting for it (the command line's `refresh`). */
int refresh_run(struct http *h, struct store *s, const struct config *c, const struct group *g,
                struct refresh **out, struct cu_err *e);

#endif
