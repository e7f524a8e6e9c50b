/* cmd_groups.c: catchup groups [--json]: every group catchup knows (built
 * in, shipped, the user's files, the config's sections), where each comes
 * from and what its cache holds. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "catchup/refresh.h"
#include "catchup/text.h"

/* What the cache holds for a group and what its refreshes did: the posts'
 * last success is "refreshed" (a board needing no request, or a source not
 * configured, working alone is no refresh), and the sources whose last
 * attempt failed are told, with why. */
struct cached {
    long posts;
    time_t refreshed; /* the posts' latest fetch that worked, 0 = never */
    time_t last_try;  /* the latest attempt of any source, 0 = never */
    struct {
        const char *source;
        time_t at;
        char *error;
    } failed[8]; /* in refresh order */
    size_t nfailed;
};

static struct cached cache_of(struct store *s, const char *grp)
{
    struct cached c = {0};
    struct cu_err e;
    if (store_posts_count(s, grp, &c.posts, &e) < 0)
        c.posts = 0;
    for (size_t i = 0; i < refresh_nsources(); i++) {
        const char *name = refresh_source_name(i);
        struct source_status st;
        if (store_source_get(s, grp, name, &st) != 1)
            continue;
        if (!strcmp(name, SOURCE_POSTS))
            c.refreshed = st.last_ok;
        if (st.last_try > c.last_try)
            c.last_try = st.last_try;
        bool failed = st.outcome == SOURCE_FAILED || st.outcome == SOURCE_UNREACHABLE;
        if (failed && c.nfailed < sizeof(c.failed) / sizeof(c.failed[0])) {
            c.failed[c.nfailed].source = name;
            c.failed[c.nfailed].at = st.last_try;
            c.failed[c.nfailed++].error = xstrdup(st.error ? st.error : "failed");
        }
        source_status_free(&st);
    }
    /* A refresh records every source it ran at its start time: a failure
     * older than the last refresh is of a source no longer configured. */
    size_t k = 0;
    for (size_t i = 0; i < c.nfailed; i++) {
        if (c.failed[i].at == c.last_try)
            c.failed[k++] = c.failed[i];
        else
            free(c.failed[i].error);
    }
    c.nfailed = k;
    return c;
}

static void cached_free(struct cached *c)
{
    for (size_t i = 0; i < c->nfailed; i++)
        free(c->failed[i].error);
}

/* "7 posts, refreshed 3 h ago; last refresh failed 2 min ago: posts: WHY" */
static char *state_text(const struct cached *c, time_t now)
{
    struct buf b;
    buf_init(&b, 0);
    char age[32];
    if (c->refreshed) {
        format_age(c->refreshed, now, age);
        buf_addf(&b, "%ld post%s, refreshed %s", c->posts, c->posts == 1 ? "" : "s", age);
    } else if (c->posts) {
        buf_addf(&b, "%ld post%s cached, never refreshed here", c->posts, c->posts == 1 ? "" : "s");
    } else {
        buf_adds(&b, c->last_try ? "never refreshed" : "not fetched yet");
    }
    if (c->nfailed) {
        /* in the refresh that fetched the posts, or a later one */
        if (strcmp(c->failed[0].source, SOURCE_POSTS) && c->failed[0].at == c->refreshed) {
            buf_addf(&b, "; %s failed: %s", c->failed[0].source, c->failed[0].error);
        } else {
            format_age(c->failed[0].at, now, age);
            buf_addf(&b, "; last refresh failed %s: %s: %s", age, c->failed[0].source,
                     c->failed[0].error);
        }
        for (size_t i = 1; i < c->nfailed; i++)
            buf_addf(&b, "%s%s", i == 1 ? " (also failed: " : ", ", c->failed[i].source);
        if (c->nfailed > 1)
            buf_adds(&b, ")");
    }
    return buf_take(&b);
}

static json_t *time_json(time_t t)
{
    if (!t)
        return json_null();
    char iso[32];
    iso8601_utc(t, iso);
    return json_string(iso);
}

/* "shipped", "config (over shipped)" */
static char *origin_text(const struct group *g)
{
    if (g->origin == GROUP_CONFIG && g->base != GROUP_CONFIG)
        return xasprintf("config (over %s)", group_origin_name(g->base));
    return xstrdup(group_origin_name(g->origin));
}

static const char *origin_id(enum group_origin o)
{
    switch (o) {
    case GROUP_BUILTIN: return "built-in";
    case GROUP_SHIPPED: return "shipped";
    case GROUP_USER: return "user";
    case GROUP_CONFIG: return "config";
    }
    return "config";
}

static json_t *group_json(const struct group *g, const struct group *cur, const struct cached *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(g->key));
    json_object_set_new(o, "title", json_string(g->name));
    json_object_set_new(o, "origin", json_string(origin_id(g->origin)));
    json_object_set_new(o, "based_on",
                        g->origin == GROUP_CONFIG && g->base != GROUP_CONFIG
                            ? json_string(origin_id(g->base))
                            : json_null());
    json_object_set_new(o, "file", g->where ? json_string(g->where) : json_null());
    json_object_set_new(o, "current", json_boolean(g == cur));
    json_object_set_new(o, "posts", json_integer(c->posts));
    json_object_set_new(o, "refreshed", time_json(c->refreshed));
    json_object_set_new(o, "last_try", time_json(c->last_try));
    json_t *failures = json_array();
    for (size_t i = 0; i < c->nfailed; i++) {
        json_t *f = json_object();
        json_object_set_new(f, "source", json_string(c->failed[i].source));
        json_object_set_new(f, "error", json_string(c->failed[i].error));
        json_object_set_new(f, "at", time_json(c->failed[i].at));
        json_array_append_new(failures, f);
    }
    json_object_set_new(o, "failures", failures);
    return o;
}

int cli_groups(struct app *a)
{
    struct cu_err e;
    if (store_open(a->cache_path, STORE_RW_OR_RO, &a->store, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    const struct config *cfg = &a->cfg;
    int keyw = 0, namew = 0, originw = 0;
    for (size_t i = 0; i < cfg->ngroups; i++) {
        const struct group *g = &cfg->groups[i];
        char *o = origin_text(g);
        int kw = text_width(g->key), nw = text_width(g->name), ow = text_width(o);
        keyw = kw > keyw ? kw : keyw;
        namew = nw > namew ? nw : namew;
        originw = ow > originw ? ow : originw;
        free(o);
    }
    namew = namew > 40 ? 40 : namew;
    struct cli_json_array ja;
    if (a->opts->json)
        cli_json_begin(&ja);
    time_t now = cu_now();
    for (size_t i = 0; i < cfg->ngroups; i++) {
        const struct group *g = &cfg->groups[i];
        struct cached c = cache_of(a->store, g->key);
        if (a->opts->json) {
            cli_json_add(&ja, group_json(g, a->group, &c));
            cached_free(&c);
            continue;
        }
        char *o = origin_text(g), *k = text_pad(g->key, keyw);
        char *n = text_pad(g->name, namew), *op = text_pad(o, originw);
        char *state = state_text(&c, now);
        printf("%s %s  %s  %s  %s\n", g == a->group ? "*" : " ", k, n, op, state);
        free(o), free(k), free(n), free(op), free(state);
        cached_free(&c);
    }
    if (a->opts->json)
        cli_json_end(&ja);
    return CU_EXIT_OK;
}
