/* timeline.c: the posts source of a refresh: every posts source of the
 * group (posts = ... may repeat) read by its kind, stored into one
 * timeline.  Each post records its source's spec; a post whose source is no
 * longer configured is removed at the next refresh, and the summary says
 * so.  Posts cached before sources were recorded belong to the first
 * source of a kind that existed then (a folder, github: or feed:), else to
 * nobody. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline_int.h"

static const struct posts_kind *const kinds[] = {&posts_files, &posts_issues, &posts_feed};

struct sub {
    const struct posts_src *src;
    const struct posts_kind *ops;
    struct post_key *keys; /* copies of the keys of this source (borrowed strings) */
    size_t nkeys;
    bool borrowed; /* keys is the timeline's own array: every key is this source's */
    void *state;
};

struct timeline {
    struct post_key *keys; /* the whole cache's, owned */
    size_t nkeys;
    struct sub *subs;
    size_t nsubs;
    ssize_t legacy;   /* the sub that owns posts of no recorded source, or -1 */
    bool unclaimed;   /* some cached post records no source (cached before sources were) */
    struct strv drop; /* ids of sources no longer configured */
    size_t changes;
};

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const struct post_key *)a)->id, ((const struct post_key *)b)->id);
}

static const struct posts_kind *kind_of(const struct posts_src *src)
{
    for (size_t i = 0; i < CU_ARRAY_LEN(kinds); i++)
        if (kinds[i]->kinds & (1u << src->kind))
            return kinds[i];
    return NULL;
}

static bool timeline_wanted(const struct group *g)
{
    return g->nposts > 0;
}

/* The sub a cached key belongs to, or -1: its source is no longer configured. */
static ssize_t key_owner(const struct timeline *tl, const struct post_key *k)
{
    for (size_t j = 0; j < tl->nsubs; j++)
        if (k->src ? !strcmp(k->src, tl->subs[j].src->spec) : (ssize_t)j == tl->legacy)
            return (ssize_t)j;
    return -1;
}

/* Hands each cached key to the source it names.  When they all belong to
 * one source (a group with one, the usual case) it reads the timeline's
 * array itself: a copy of 10,000 keys is 640 KB a refresh holds for nothing. */
static void split_keys(struct timeline *tl)
{
    for (size_t i = 0; i < tl->nkeys && !tl->unclaimed; i++)
        tl->unclaimed = !tl->keys[i].src;
    ssize_t only = tl->nkeys ? key_owner(tl, &tl->keys[0]) : -1;
    for (size_t i = 1; only >= 0 && i < tl->nkeys; i++)
        if (key_owner(tl, &tl->keys[i]) != only)
            only = -1;
    if (only >= 0) {
        tl->subs[only].keys = tl->keys;
        tl->subs[only].nkeys = tl->nkeys;
        tl->subs[only].borrowed = true;
        return;
    }
    for (size_t i = 0; i < tl->nkeys; i++) {
        const struct post_key *k = &tl->keys[i];
        ssize_t to = key_owner(tl, k);
        if (to < 0) {
            strv_push(&tl->drop, k->id);
            continue;
        }
        struct sub *sb = &tl->subs[to];
        sb->keys = xrealloc(sb->keys, (sb->nkeys + 1) * sizeof(*sb->keys));
        sb->keys[sb->nkeys++] = *k;
    }
}

static void *timeline_start(struct source_run *run)
{
    struct timeline *tl = xcalloc(1, sizeof(*tl));
    const struct group *g = run->group;
    tl->legacy = -1;
    tl->subs = xcalloc(g->nposts, sizeof(*tl->subs));
    for (size_t i = 0; i < g->nposts; i++) {
        struct sub *sb = &tl->subs[tl->nsubs++];
        sb->src = &g->posts[i];
        sb->ops = kind_of(sb->src);
        if (tl->legacy < 0 &&
            (sb->src->kind == SRC_GITHUB || sb->src->kind == SRC_DIR || sb->src->kind == SRC_FEED))
            tl->legacy = (ssize_t)i;
    }
    struct cu_err e;
    if (store_post_keys(run->store, g->key, &tl->keys, &tl->nkeys, &e) < 0) {
        source_fail(run, "%s", e.msg);
        tl->nsubs = 0; /* nothing is known: read nothing, remove nothing */
        return tl;
    }
    if (tl->nkeys)
        qsort(tl->keys, tl->nkeys, sizeof(*tl->keys), key_cmp);
    split_keys(tl);
    for (size_t i = 0; i < tl->nsubs; i++) {
        struct sub *sb = &tl->subs[i];
        if (sb->ops)
            sb->state = sb->ops->start(run, sb->src, sb->keys, sb->nkeys);
    }
    return tl;
}

/* Every posts source failed: "failed (7 kept from before)". */
static void say_failed(const struct posts_tally *t, struct buf *b)
{
    buf_adds(b, "failed");
    if (t->kept || t->dropped) {
        buf_addf(b, " (%u kept from before", t->kept);
        if (t->dropped)
            buf_addf(b, ", %u of a source no longer in the config removed", t->dropped);
        buf_adds(b, ")");
    }
}

/* The counts of the sources that worked; one that failed is "1 of 2 sources
 * failed", never a count that reads as success. */
static void say_counts(const struct posts_tally *t, unsigned nsrc, struct buf *b)
{
    buf_addf(b, "%u (%u new", t->total, t->added);
    if (t->updated)
        buf_addf(b, ", %u updated", t->updated);
    if (t->same)
        buf_addf(b, ", %u unchanged", t->same);
    if (t->gone)
        buf_addf(b, ", %u removed", t->gone);
    unsigned failed = t->total - t->added - t->updated - t->same - t->taken;
    if (failed)
        buf_addf(b, ", %u failed", failed);
    if (t->taken)
        buf_addf(b, ", %u skipped: another source has a post of that name", t->taken);
    if (t->broken)
        buf_addf(b, ", %u with broken front matter: shown without it", t->broken);
    if (t->failed)
        buf_addf(b, ", %u of %u sources failed", t->failed, nsrc);
    if (t->kept)
        buf_addf(b, ", %u more kept from before", t->kept);
    if (t->undated)
        buf_addf(b, ", %u dated before 1900: shown without a date", t->undated);
    if (t->dropped)
        buf_addf(b, ", %u of a source no longer in the config removed", t->dropped);
    buf_adds(b, ")");
}

static void summarize(const struct posts_tally *t, unsigned nsrc, struct source_run *run)
{
    struct buf b;
    buf_init(&b, 0);
    if (nsrc && t->failed == nsrc)
        say_failed(t, &b);
    else
        say_counts(t, nsrc, &b);
    snprintf(run->report.summary, sizeof(run->report.summary), "%s", b.data);
    buf_free(&b);
}

static int timeline_commit(void *state, struct source_run *run, struct cu_err *e)
{
    struct timeline *tl = state;
    const char *grp = run->group->key;
    struct posts_tally t = {0};
    if (!tl->nsubs && source_failed(run))
        return 0;
    /* only when there is something to claim: the UPDATE walks every post */
    if (tl->unclaimed && tl->legacy >= 0 &&
        store_posts_claim(run->store, grp, tl->subs[tl->legacy].src->spec, e))
        return -1;
    for (size_t i = 0; i < tl->drop.n; i++)
        if (store_post_delete(run->store, grp, tl->drop.v[i], e) < 0)
            return -1;
    t.dropped = (unsigned)tl->drop.n;
    unsigned nsrc = 0;
    for (size_t i = 0; i < tl->nsubs; i++) {
        struct sub *sb = &tl->subs[i];
        if (!sb->state)
            continue;
        nsrc++;
        if (sb->ops->commit(sb->state, run, &t, e) < 0)
            return -1;
    }
    tl->changes = t.added + t.updated + t.gone + t.dropped;
    summarize(&t, nsrc, run);
    return 0;
}

void posts_each_read(void *posts_state, void (*cb)(const char *id, const char *body, void *arg),
                     void *arg)
{
    struct timeline *tl = posts_state;
    for (size_t i = 0; tl && i < tl->nsubs; i++)
        if (tl->subs[i].state)
            tl->subs[i].ops->each_read(tl->subs[i].state, cb, arg);
}

bool posts_changed(void *posts_state)
{
    const struct timeline *tl = posts_state;
    return tl && tl->changes > 0;
}

static void timeline_free(void *state)
{
    struct timeline *tl = state;
    for (size_t i = 0; i < tl->nsubs; i++) {
        struct sub *sb = &tl->subs[i];
        if (sb->state)
            sb->ops->free_state(sb->state);
        if (!sb->borrowed)
            free(sb->keys);
    }
    free(tl->subs);
    strv_free(&tl->drop);
    post_keys_free(tl->keys, tl->nkeys);
    free(tl);
}

const struct source_ops source_posts = {
    .name = SOURCE_POSTS,
    .wanted = timeline_wanted,
    .start = timeline_start,
    .commit = timeline_commit,
    .free_state = timeline_free,
};
