/* feed_posts.c: a posts source of kind feed:URL (timeline.c runs it).
 *
 * One conditional GET (If-None-Match and If-Modified-Since with what the
 * last good read stored); a 304 costs nothing else.  The body is parsed on
 * the refresh's worker (feed.c) and each entry's HTML laid out once for the
 * search index.  An entry is stored when it is new or its title, date,
 * link or body changed.  A feed is a window, not an archive: entries that
 * leave it stay cached.
 *
 * Order: dated entries by date (the store's order); entries without a date
 * (or with one before 1900, which stands for none) after them, in the feed's order,
 * which the weight carries: a refresh's new entries get weights below every
 * cached one, so they come first as they do in the feed. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/feed.h"
#include "catchup/feedhtml.h"
#include "catchup/source.h"
#include "timeline_int.h"

struct feed_run {
    struct source_run *run;
    const struct posts_src *src; /* borrowed from the group */
    const char *url;             /* src->url */
    const struct post_key *keys; /* this source's cached posts, by id (borrowed) */
    size_t nkeys;
    bool not_modified, parsed;
    bool html; /* served as text/html */
    char *etag, *last_modified;
    /* handed to the job, then its results */
    char *body;
    size_t len;
    struct feed feed;
    char **texts; /* each entry's plain text */
    char **shas;
    bool *stored; /* each entry: stored by this refresh */
    char *error;
};

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const struct post_key *)a)->id, ((const struct post_key *)b)->id);
}

static const struct post_key *cached(const struct feed_run *fr, const char *id)
{
    struct post_key probe = {.id = (char *)id};
    return fr->nkeys ? bsearch(&probe, fr->keys, fr->nkeys, sizeof(*fr->keys), key_cmp) : NULL;
}

/* What decides whether a cached entry changed; FNV-1a over its fields. */
static char *entry_sha(const struct feed_entry *en)
{
    const char *parts[] = {en->title, en->date, en->link, en->summary, en->body};
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < CU_ARRAY_LEN(parts); i++) {
        for (const char *p = parts[i] ? parts[i] : ""; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h = (h ^ 0xffu) * 1099511628211ull;
    }
    return xasprintf("feed:%016llx", (unsigned long long)h);
}

static void parse_work(void *arg)
{
    struct feed_run *fr = arg;
    struct cu_err e;
    if (feed_parse(fr->body, fr->len, fr->url, &fr->feed, &e) < 0) {
        fr->error = xstrdup(e.msg);
        return;
    }
    fr->texts = xcalloc(fr->feed.n + 1, sizeof(*fr->texts));
    fr->shas = xcalloc(fr->feed.n + 1, sizeof(*fr->shas));
    fr->stored = xcalloc(fr->feed.n + 1, sizeof(*fr->stored));
    for (size_t i = 0; i < fr->feed.n && !cu_cancelled(); i++) {
        const struct feed_entry *en = &fr->feed.entries[i];
        fr->shas[i] = entry_sha(en);
        const struct post_key *k = cached(fr, en->id);
        if (k && k->sha && !strcmp(k->sha, fr->shas[i]))
            continue; /* unchanged: not stored, so no text needed */
        struct doc *d;
        doc_parse_html(en->body, strlen(en->body), en->base, &d, &e);
        fr->texts[i] = doc_plain_text(d);
        doc_free(d);
    }
}

static void parse_done(void *arg)
{
    struct feed_run *fr = arg;
    free(fr->body);
    fr->body = NULL;
    if (fr->error) {
        /* text/html: a site's error or landing page, answered with 200 */
        source_fail(fr->run, "the feed %s %s; what was stored before stays", fr->url,
                    fr->html ? "is a web page (text/html), not a feed: check the URL" : fr->error);
        return;
    }
    fr->parsed = true;
}

static void on_feed(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct feed_run *fr = arg;
    struct cu_err e;
    if (http_check(r, &e) < 0) {
        source_fail(fr->run, "the feed %s: %s", fr->url, e.msg);
        return;
    }
    if (r->status == 304) {
        fr->not_modified = true;
        return;
    }
    fr->html = r->content_type && !strncasecmp(r->content_type, "text/html", 9);
    fr->etag = xstrdup(r->etag);
    fr->last_modified = xstrdup(r->last_modified);
    fr->body = xmalloc(r->len + 1);
    memcpy(fr->body, r->body, r->len + 1);
    fr->len = r->len;
    source_job(fr->run, parse_work, parse_done, fr);
}

static void *feed_start(struct source_run *run, const struct posts_src *src,
                        const struct post_key *keys, size_t nkeys)
{
    struct feed_run *fr = xcalloc(1, sizeof(*fr));
    fr->run = run;
    fr->src = src;
    fr->url = src->url;
    fr->keys = keys;
    fr->nkeys = nkeys;
    struct cu_err e;
    char *etag = NULL, *lm = NULL;
    /* Without cached posts a 304 would leave us with nothing to show. */
    if (fr->nkeys)
        store_validators_get(run->store, fr->url, &etag, &lm);
    if (source_get_cond(run, fr->url, etag, lm, HTTP_MAX_JSON, on_feed, fr, &e) < 0)
        source_fail(run, "the feed %s: %s", fr->url, e.msg);
    free(etag);
    free(lm);
    return fr;
}

static int weight_cb(const struct post *p, void *arg)
{
    long *min = arg;
    if (p->has_weight && p->weight < *min)
        *min = p->weight;
    return 0;
}

/* The weight the first new entry gets: below every cached post's. */
static int first_new_weight(struct feed_run *fr, size_t n_new, long *out, struct cu_err *e)
{
    long min = 0;
    if (fr->nkeys && store_posts_each(fr->run->store, fr->run->group->key, weight_cb, &min, e) < 0)
        return -1;
    *out = fr->nkeys ? min - (long)n_new : 0;
    return 0;
}

static int put_entry(struct feed_run *fr, size_t i, long weight, bool has_weight, struct cu_err *e)
{
    struct source_run *run = fr->run;
    const struct feed_entry *en = &fr->feed.entries[i];
    struct post p = {0};
    p.grp = run->group->key;
    p.id = en->id;
    p.path = (char *)fr->url;
    p.sha = fr->shas[i];
    p.title = en->title ? en->title : en->id;
    p.description = en->summary;
    p.date = en->date;
    p.date_source = en->date ? "feed" : NULL;
    p.body = en->body;
    p.text = fr->texts[i];
    p.url = en->link;
    p.base_url = en->base;
    p.format = "html";
    p.src = fr->src->spec;
    p.badge = fr->src->badge;
    p.weight = weight;
    p.has_weight = has_weight;
    return store_post_put(run->store, &p, run->now, e);
}

static int feed_commit(void *state, struct source_run *run, struct posts_tally *t, struct cu_err *e)
{
    struct feed_run *fr = state;
    if (fr->not_modified) {
        t->total += (unsigned)fr->nkeys;
        t->same += (unsigned)fr->nkeys;
        return 0;
    }
    if (!fr->parsed) {
        t->failed++; /* why is in the report */
        t->kept += (unsigned)fr->nkeys;
        return 0;
    }
    size_t n_new_all = 0;
    for (size_t i = 0; i < fr->feed.n; i++)
        n_new_all += cached(fr, fr->feed.entries[i].id) == NULL;
    long next_weight = 0;
    if (n_new_all && first_new_weight(fr, n_new_all, &next_weight, e) < 0)
        return -1;
    unsigned n_seen = 0;
    t->total += (unsigned)fr->feed.n;
    for (size_t i = 0; i < fr->feed.n; i++) {
        const struct feed_entry *en = &fr->feed.entries[i];
        const struct post_key *k = cached(fr, en->id);
        t->undated += en->old_date;
        n_seen += k != NULL;
        if (k && k->sha && !strcmp(k->sha, fr->shas[i])) {
            t->same++;
            continue;
        }
        struct post prev = {0};
        int found = k ? store_post_get(run->store, run->group->key, en->id, &prev, e) : 0;
        if (found < 0)
            return -1;
        /* A changed entry keeps its place; a new one takes the next. */
        long w = found ? prev.weight : next_weight++;
        bool has_w = found ? prev.has_weight : true;
        post_free(&prev);
        int put = put_entry(fr, i, w, has_w, e);
        if (put < 0)
            return -1;
        fr->stored[i] = put == 0;
        if (put > 0)
            t->taken++;
        else if (k)
            t->updated++;
        else
            t->added++;
    }
    t->kept += (unsigned)fr->nkeys - n_seen;
    return store_validators_put(run->store, fr->url, fr->etag, fr->last_modified, e);
}

/* The entries this refresh stored, for the board's linked issues. */
static void feed_each(void *state, void (*cb)(const char *id, const char *body, void *arg),
                      void *arg)
{
    struct feed_run *fr = state;
    for (size_t i = 0; fr->stored && i < fr->feed.n; i++)
        if (fr->stored[i])
            cb(fr->feed.entries[i].id, fr->feed.entries[i].body, arg);
}

static void feed_free_state(void *state)
{
    struct feed_run *fr = state;
    for (size_t i = 0; fr->texts && i < fr->feed.n; i++) {
        free(fr->texts[i]);
        free(fr->shas[i]);
    }
    free(fr->texts);
    free(fr->shas);
    free(fr->stored);
    feed_free(&fr->feed);
    free(fr->etag);
    free(fr->last_modified);
    free(fr->body);
    free(fr->error);
    free(fr);
}

const struct posts_kind posts_feed = {
    .kinds = 1u << SRC_FEED,
    .start = feed_start,
    .commit = feed_commit,
    .each_read = feed_each,
    .free_state = feed_free_state,
};
