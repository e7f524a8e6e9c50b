/* source.h: the interface between refresh and each data source.
 *
 * A source queues requests in start(), collects what arrives in memory, and
 * writes it in commit(), inside the refresh's single transaction.  A failed
 * source sets its report's error and writes nothing else (the previous state
 * stays); sources never touch the terminal. */
#ifndef CATCHUP_SOURCE_H
#define CATCHUP_SOURCE_H

#include "catchup/refresh.h"

struct source_run;

struct source_ops {
    const char *name;
    /* Whether the group configures this source. */
    bool (*wanted)(const struct group *g);
    /* Queues the first requests (or does local work).  Returns the source's
     * state, freed with free_state. */
    void *(*start)(struct source_run *run);
    /* Writes results inside the open transaction; fills run->report.  Returns
     * -1 with e set only for a cache failure (the whole refresh rolls back). */
    int (*commit)(void *state, struct source_run *run, struct cu_err *e);
    /* Optional: called once, in source order, when every transfer and job
     * of the refresh has ended, before the commits; it may queue more
     * (the board asks for the issues that posts of this refresh link to). */
    void (*settled)(void *state, struct source_run *run);
    void (*free_state)(void *state);
};

struct source_run {
    const struct source_ops *ops;
    struct refresh *refresh;
    struct http *http;
    struct store *store;
    const struct config *config;
    const struct group *group;
    time_t now;
    struct refresh_report report;
    void *state;
};

/* Queues a GET for a source, counting it; cb runs when it ends.  Returns -1
 * with e set when the URL is refused. */
int source_get(struct source_run *run, const char *url, const char *etag, size_t max, http_cb cb,
               void *arg, struct cu_err *e);
/* The same with If-Modified-Since too (a feed). */
int source_get_cond(struct source_run *run, const char *url, const char *etag,
                    const char *last_modified, size_t max, http_cb cb, void *arg, struct cu_err *e);
int source_post_json(struct source_run *run, const char *url, const char *json, size_t max,
                     http_cb cb, void *arg, struct cu_err *e);
/* Runs work(arg) on a worker thread, then done(arg) on the loop's thread
 * (from refresh_busy()), so parsing a big body never holds the UI.  work
 * must touch nothing but arg, and should give up soon once cu_cancelled()
 * (the refresh is being dropped; done is then not called).  done may call
 * source_fail and queue requests.  Jobs run one at a time, in order
 * (libical's caches are global).  The refresh stays busy until every job
 * is done. */
void source_job(struct source_run *run, void (*work)(void *arg), void (*done)(void *arg),
                void *arg);
/* Records a failure (the first one wins as the report's error; later ones
 * are counted as "and N more"). */
void source_fail(struct source_run *run, const char *fmt, ...) CU_PRINTF(2, 3);
/* Records that something optional is missing: the source still counts as
 * working (the refresh does not fail); summary is short ("not found"), the
 * message says what and what to do.  A failure outranks it. */
void source_warn(struct source_run *run, const char *summary, const char *fmt, ...) CU_PRINTF(3, 4);
bool source_failed(const struct source_run *run);

/* Another source's state in this refresh (NULL when it did not run), for a
 * settled() that needs what an earlier source gathered. */
void *source_peer_state(struct source_run *run, const struct source_ops *ops);

#endif
