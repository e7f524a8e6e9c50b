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

struct cached {
    long posts;
    time_t refreshed; /* the latest refresh that worked, 0 = never */
};

static struct cached cache_of(struct store *s, const char *grp)
{
    struct cached c = {0, 0};
    struct cu_err e;
    if (store_posts_count(s, grp, &c.posts, &e) < 0)
        c.posts = 0;
    for (size_t i = 0; i < refresh_nsources(); i++) {
        struct source_status st;
        if (store_source_get(s, grp, refresh_source_name(i), &st) == 1) {
            if (st.last_ok > c.refreshed)
                c.refreshed = st.last_ok;
            source_status_free(&st);
        }
    }
    return c;
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
    if (c->refreshed) {
        char iso[32];
        iso8601_utc(c->refreshed, iso);
        json_object_set_new(o, "refreshed", json_string(iso));
    } else {
        json_object_set_new(o, "refreshed", json_null());
    }
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
            continue;
        }
        char *o = origin_text(g), *k = text_pad(g->key, keyw);
        char *n = text_pad(g->name, namew), *op = text_pad(o, originw);
        char state[96], age[32];
        if (c.refreshed) {
            format_age(c.refreshed, now, age);
            snprintf(state, sizeof(state), "%ld post%s, refreshed %s", c.posts,
                     c.posts == 1 ? "" : "s", age);
        } else {
            snprintf(state, sizeof(state), "%s",
                     c.posts ? "cached, never refreshed here" : "not fetched yet");
        }
        printf("%s %s  %s  %s  %s\n", g == a->group ? "*" : " ", k, n, op, state);
        free(o), free(k), free(n), free(op);
    }
    if (a->opts->json)
        cli_json_end(&ja);
    return CU_EXIT_OK;
}
