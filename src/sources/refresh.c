/* refresh.c: see refresh.h and source.h. */
#define _GNU_SOURCE
#include "catchup/refresh.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "catchup/source.h"
#include "catchup/url.h"
#include "posts.h"

/* Each source's table, in its own file. */
extern const struct source_ops source_board;      /* github_board.c */
extern const struct source_ops source_events;     /* calendar.c */
extern const struct source_ops source_onboarding; /* onboarding.c */

/* In this order: later sources may read what earlier ones stored in the
 * same transaction (the board reads the posts' links). */
static const struct source_ops *const all_sources[] = {
    &source_posts,
    &source_board,
    &source_events,
    &source_onboarding,
};

#define NSOURCES CU_ARRAY_LEN(all_sources)

struct refresh {
    struct http *http;
    struct store *store;
    const struct config *config;
    const struct group *group;
    struct source_run runs[NSOURCES];
    unsigned done, started;
    unsigned nfail[NSOURCES];
    bool cur_unreachable; /* the response being handed to a source */
    /* rate limit of the API, as the last response said */
    char *rl_key;
    long rl_remaining;
    time_t rl_reset;
    bool rl_seen;
    bool rl_blocked;
    bool finished;
    struct pending *pendings;
    struct job *jobs;   /* queued jobs; the first one runs */
    bool settled;       /* the sources' settled() hooks have run */
    atomic_bool cancel; /* set by refresh_free: running jobs stop soon */
};

struct job {
    struct refresh *r;
    void (*work)(void *);
    void (*done)(void *);
    void *arg;
    pthread_t thread;
    bool running;
    atomic_bool finished;
    struct job *next;
};

/* A request in flight; listed so refresh_free() can release those whose
 * transfers were aborted by http_free(). */
struct pending {
    struct source_run *run;
    http_cb cb;
    void *arg;
    struct pending *next, **prevp;
};

static struct refresh *refresh_of(struct source_run *run)
{
    return run->refresh;
}

static void on_done(struct http *h, const struct http_resp *resp, void *arg)
{
    struct pending *p = arg;
    struct refresh *r = refresh_of(p->run);
    r->done++;
    /* the search API counts apart (10 a minute): its limit is not the core's */
    if (http_is_api(h, resp->url) && resp->rl_remaining >= 0 && !strstr(resp->url, "/search/")) {
        r->rl_remaining = resp->rl_remaining;
        r->rl_reset = resp->rl_reset;
        r->rl_seen = true;
    }
    p->run->report.done++;
    *p->prevp = p->next;
    if (p->next)
        p->next->prevp = p->prevp;
    r->cur_unreachable = resp->status == 0 && resp->unreachable;
    p->cb(h, resp, p->arg);
    r->cur_unreachable = false;
    free(p);
}

static int queue(struct source_run *run, const char *url, const char *etag, const char *lm,
                 const char *json, size_t max, http_cb cb, void *arg, struct cu_err *e)
{
    struct refresh *r = refresh_of(run);
    if (r->rl_blocked && http_is_api(run->http, url)) {
        char when[16];
        struct tm tm;
        localtime_r(&r->rl_reset, &tm);
        strftime(when, sizeof(when), "%H:%M", &tm);
        return cu_errf(e, "rate limit exceeded; resets at %s (nothing was sent)%s", when,
                       http_has_token(run->http) ? "" : "; set GITHUB_TOKEN for a higher limit");
    }
    struct pending *p = xcalloc(1, sizeof(*p));
    *p = (struct pending){run, cb, arg, NULL, NULL};
    int rc = json ? http_post_json(run->http, url, json, max, on_done, p, e)
                  : http_get_cond(run->http, url, etag, lm, max, on_done, p, e);
    if (rc < 0) {
        free(p);
        return -1;
    }
    p->next = r->pendings;
    if (p->next)
        p->next->prevp = &p->next;
    p->prevp = &r->pendings;
    r->pendings = p;
    r->started++;
    run->report.requests++;
    return 0;
}

int source_get(struct source_run *run, const char *url, const char *etag, size_t max, http_cb cb,
               void *arg, struct cu_err *e)
{
    return queue(run, url, etag, NULL, NULL, max, cb, arg, e);
}

int source_get_cond(struct source_run *run, const char *url, const char *etag,
                    const char *last_modified, size_t max, http_cb cb, void *arg, struct cu_err *e)
{
    return queue(run, url, etag, last_modified, NULL, max, cb, arg, e);
}

int source_post_json(struct source_run *run, const char *url, const char *json, size_t max,
                     http_cb cb, void *arg, struct cu_err *e)
{
    return queue(run, url, NULL, NULL, json, max, cb, arg, e);
}

void source_fail(struct source_run *run, const char *fmt, ...)
{
    struct refresh *r = refresh_of(run);
    size_t i = (size_t)(run - r->runs);
    if (r->nfail[i]++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(run->report.error, sizeof(run->report.error), fmt, ap);
        va_end(ap);
        run->report.unreachable = r->cur_unreachable;
        if (run->report.warning) {
            run->report.warning = false;
            run->report.summary[0] = '\0';
        }
    }
    run->report.ok = false;
}

void source_warn(struct source_run *run, const char *summary, const char *fmt, ...)
{
    if (source_failed(run) || run->report.warning)
        return;
    run->report.warning = true;
    snprintf(run->report.summary, sizeof(run->report.summary), "%s", summary);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(run->report.error, sizeof(run->report.error), fmt, ap);
    va_end(ap);
}

/* CATCHUP_TEST_JOB_MS holds every job back that long (or until the refresh
 * is cancelled): the tests' way to quit while a job is surely running, now
 * that no calendar may take long to parse. */
static void test_job_delay(void)
{
    const char *v = getenv("CATCHUP_TEST_JOB_MS");
    long ms = v && *v ? strtol(v, NULL, 10) : 0;
    for (; ms > 0 && !cu_cancelled(); ms -= 10) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static void *job_main(void *p)
{
    struct job *j = p;
    cu_cancel_watch(&j->r->cancel);
    test_job_delay();
    j->work(j->arg);
    cu_cancel_watch(NULL);
    atomic_store(&j->finished, true);
    http_wakeup(j->r->http);
    return NULL;
}

static void job_start(struct job *j)
{
    if (pthread_create(&j->thread, NULL, job_main, j) == 0) {
        j->running = true;
    } else {
        /* no thread to be had: do the work here rather than not at all */
        j->work(j->arg);
        atomic_store(&j->finished, true);
    }
}

void source_job(struct source_run *run, void (*work)(void *arg), void (*done)(void *arg), void *arg)
{
    struct refresh *r = refresh_of(run);
    struct job *j = xcalloc(1, sizeof(*j));
    j->r = r;
    j->work = work;
    j->done = done;
    j->arg = arg;
    atomic_init(&j->finished, false);
    struct job **pp = &r->jobs;
    while (*pp)
        pp = &(*pp)->next;
    *pp = j;
    if (r->jobs == j)
        job_start(j);
}

/* Finishes the running job when its work is done and starts the next. */
static void jobs_reap(struct refresh *r)
{
    while (r->jobs && atomic_load(&r->jobs->finished)) {
        struct job *j = r->jobs;
        if (j->running)
            pthread_join(j->thread, NULL);
        r->jobs = j->next;
        j->done(j->arg);
        free(j);
        if (r->jobs)
            job_start(r->jobs);
    }
}

bool source_failed(const struct source_run *run)
{
    return !run->report.warning && run->report.error[0] != '\0';
}

struct refresh *refresh_start(struct http *h, struct store *s, const struct config *c,
                              const struct group *g)
{
    struct refresh *r = xcalloc(1, sizeof(*r));
    atomic_init(&r->cancel, false);
    r->http = h;
    r->store = s;
    r->config = c;
    r->group = g;
    char *host = url_host_dup(c->api);
    r->rl_key = xasprintf("%s%s", host ? host : c->api, http_has_token(h) ? " (token)" : "");
    free(host);
    long remaining;
    time_t reset;
    time_t now = cu_now();
    if (store_ratelimit_get(s, r->rl_key, &remaining, &reset) && remaining == 0 && reset > now) {
        r->rl_blocked = true;
        r->rl_reset = reset;
    }
    for (size_t i = 0; i < NSOURCES; i++) {
        struct source_run *run = &r->runs[i];
        run->ops = all_sources[i];
        run->refresh = r;
        run->http = h;
        run->store = s;
        run->config = c;
        run->group = g;
        run->now = now;
        run->report.name = run->ops->name;
        run->report.ok = true;
        if (!run->ops->wanted(g))
            continue;
        run->report.ran = true;
        run->state = run->ops->start(run);
    }
    return r;
}

bool refresh_busy(struct refresh *r)
{
    jobs_reap(r);
    if (r->done < r->started || r->jobs)
        return true;
    if (!r->settled) {
        /* Everything has arrived: sources that depend on others may ask more. */
        r->settled = true;
        for (size_t i = 0; i < NSOURCES; i++) {
            struct source_run *run = &r->runs[i];
            if (run->report.ran && run->state && run->ops->settled)
                run->ops->settled(run->state, run);
        }
        jobs_reap(r);
    }
    return r->done < r->started || r->jobs != NULL;
}

void *source_peer_state(struct source_run *run, const struct source_ops *ops)
{
    struct refresh *r = refresh_of(run);
    for (size_t i = 0; i < NSOURCES; i++)
        if (r->runs[i].ops == ops && r->runs[i].report.ran)
            return r->runs[i].state;
    return NULL;
}

void refresh_progress_text(const struct refresh *r, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < NSOURCES && used < n; i++) {
        const struct refresh_report *rep = &r->runs[i].report;
        if (!rep->ran || !rep->requests)
            continue;
        used += (size_t)snprintf(out + used, n - used, "%s%s %u/%u", used ? ", " : "", rep->name,
                                 rep->done, rep->requests);
    }
}

int refresh_finish(struct refresh *r, struct cu_err *e)
{
    if (r->finished)
        return cu_errf(e, "this refresh was already stored");
    int begun = store_begin(r->store, e);
    if (begun < 0)
        return begun;
    r->finished = true;
    int any_failed = 0;
    for (size_t i = 0; i < NSOURCES; i++) {
        struct source_run *run = &r->runs[i];
        if (!run->report.ran)
            continue;
        if (run->ops->commit(run->state, run, e) < 0)
            goto fail;
        if (source_failed(run)) {
            run->report.ok = false;
            any_failed = 1;
            if (r->nfail[i] > 1) {
                char more[48];
                snprintf(more, sizeof(more), " (and %u more failure%s)", r->nfail[i] - 1,
                         r->nfail[i] == 2 ? "" : "s");
                size_t n = strlen(run->report.error);
                snprintf(run->report.error + n, sizeof(run->report.error) - n, "%s", more);
            }
        }
        enum source_outcome outcome =
            !run->report.ok       ? (run->report.unreachable ? SOURCE_UNREACHABLE : SOURCE_FAILED)
            : run->report.warning ? SOURCE_WARNING
                                  : SOURCE_OK;
        if (store_source_put(r->store, r->group->key, run->ops->name, run->now, outcome,
                             run->report.error, e) < 0)
            goto fail;
    }
    if (r->rl_seen && store_ratelimit_put(r->store, r->rl_key, r->rl_remaining, r->rl_reset, e) < 0)
        goto fail;
    if (store_commit(r->store, e) < 0)
        return -1;
    return any_failed;
fail:
    store_rollback(r->store);
    return -1;
}

size_t refresh_nreports(const struct refresh *r)
{
    (void)r;
    return NSOURCES;
}

/* Whether source i is the first of its name (two sources, GitHub's posts
 * and a feed's, keep one status: "posts"). */
static bool first_of_name(size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (!strcmp(all_sources[k]->name, all_sources[i]->name))
            return false;
    return true;
}

size_t refresh_nsources(void)
{
    size_t n = 0;
    for (size_t i = 0; i < NSOURCES; i++)
        n += first_of_name(i);
    return n;
}

const char *refresh_source_name(size_t i)
{
    for (size_t k = 0; k < NSOURCES; k++)
        if (first_of_name(k) && i-- == 0)
            return all_sources[k]->name;
    return NULL;
}

const struct refresh_report *refresh_report(const struct refresh *r, size_t i)
{
    return i < NSOURCES ? &r->runs[i].report : NULL;
}

void refresh_free(struct refresh *r)
{
    if (!r)
        return;
    /* A job still working must end before its arguments go; told to stop,
     * it ends soon instead of finishing work nobody will store. */
    atomic_store(&r->cancel, true);
    while (r->jobs) {
        struct job *j = r->jobs;
        if (j->running)
            pthread_join(j->thread, NULL);
        r->jobs = j->next;
        free(j);
    }
    while (r->pendings) {
        struct pending *p = r->pendings;
        r->pendings = p->next;
        free(p);
    }
    for (size_t i = 0; i < NSOURCES; i++) {
        struct source_run *run = &r->runs[i];
        if (run->state && run->ops->free_state)
            run->ops->free_state(run->state);
    }
    free(r->rl_key);
    free(r);
}

int refresh_run(struct http *h, struct store *s, const struct config *c, const struct group *g,
                struct refresh **out, struct cu_err *e)
{
    struct refresh *r = refresh_start(h, s, c, g);
    while (refresh_busy(r)) {
        if (http_wait(h, NULL, 0, 1000, e) < 0) {
            refresh_free(r);
            return -1;
        }
    }
    int rc = refresh_finish(r, e);
    *out = r;
    return rc;
}
