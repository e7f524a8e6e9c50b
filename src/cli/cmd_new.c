/* cmd_new.c: catchup new [--since YYYY-MM-DD] [--json]: what changed since
 * the last visit (the last time the TUI was opened), or since a date. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "catchup/text.h"
#include "catchup/whatsnew.h"

static const char *kind_id(enum wn_kind k)
{
    switch (k) {
    case WN_POST_NEW: return "post_new";
    case WN_POST_UPDATED: return "post_updated";
    case WN_BOARD_NEW: return "board_new";
    case WN_BOARD_CHANGED: return "board_changed";
    case WN_EVENT_ADDED: return "event_added";
    case WN_EVENT_MOVED: return "event_moved";
    }
    return "";
}

static json_t *item_json(const struct wn_item *it)
{
    json_t *o = json_object();
    char iso[32];
    json_object_set_new(o, "kind", json_string(kind_id(it->kind)));
    json_object_set_new(o, "key", json_string(it->key ? it->key : ""));
    json_object_set_new(o, "title", json_string(it->title ? it->title : ""));
    json_object_set_new(o, "detail", it->detail ? json_string(it->detail) : json_null());
    iso8601_utc(it->when, iso);
    json_object_set_new(o, "when", json_string(iso));
    if (it->start) {
        iso8601_utc(it->start, iso);
        json_object_set_new(o, "start", json_string(iso));
    } else {
        json_object_set_new(o, "start", json_null());
    }
    return o;
}

static void print_items(struct app *a, const struct group *g, time_t since, time_t now,
                        const struct wn_item *v, size_t n)
{
    char sum[256] = "", head[384];
    whatsnew_summary(v, n, sum, sizeof(sum));
    whatsnew_heading(since, now, a->opts->since_day, sum, false, head, sizeof(head));
    puts(head);
    time_t base = a->opts->since_day ? 0 : whatsnew_baseline(a->store, g->key);
    if (!n && base > since)
        puts("(the first refresh of this group since then is its baseline: what it stored is "
             "not counted as new)");
    for (size_t i = 0; i < n; i++) {
        printf("%-13s %s", whatsnew_kind_word(v[i].kind), v[i].title ? v[i].title : "");
        if (v[i].detail)
            printf("  (%s)", v[i].detail);
        if (v[i].kind == WN_POST_NEW || v[i].kind == WN_POST_UPDATED)
            printf("  [%s]", v[i].key);
        putchar('\n');
    }
}

/* --since as a time, or 0 with an error printed (exit 2). */
static int since_opt(struct app *a, time_t now, time_t *since)
{
    *since = iso8601_parse(a->opts->since_day);
    if (*since > now) {
        fprintf(stderr,
                "catchup: --since %s is in the future: nothing can have changed since; give "
                "a past date\n",
                a->opts->since_day);
        return -1;
    }
    return 0;
}

/* The posts were never fetched for g: "nothing new" would say too little
 * (a board needing no request may have "worked"). */
static void say_never_fetched(struct app *a, const struct group *g)
{
    struct source_status st;
    if (store_source_get(a->store, g->key, SOURCE_POSTS, &st) != 1) {
        fprintf(stderr, "catchup: nothing was fetched for %s yet: run 'catchup refresh'\n",
                g->name);
        return;
    }
    if (!st.last_ok) {
        fprintf(stderr, "catchup: nothing was fetched for %s yet: the last refresh failed: posts: ",
                g->name);
        cli_put_safe(stderr, st.error ? st.error : "no reason given");
        fputc('\n', stderr);
    }
    source_status_free(&st);
}

static int collect(struct app *a, const struct group *g, time_t since, time_t now,
                   struct wn_item **v, size_t *n)
{
    struct cu_err e;
    /* since the last visit, a group's first refresh is its baseline, not news */
    int rc = a->opts->since_day ? whatsnew_collect(a->store, g->key, since, now, v, n, &e)
                                : whatsnew_collect_visit(a->store, g->key, since, now, v, n, &e);
    if (rc < 0)
        fprintf(stderr, "catchup: %s: %s\n", g->key, e.msg);
    return rc;
}

/* --all: every group with a visit recorded, each since its own last visit
 * (or all since --since), a heading line per group. */
static int new_all(struct app *a, time_t now)
{
    time_t from = 0;
    if (a->opts->since_day && since_opt(a, now, &from) < 0)
        return CU_EXIT_USAGE;
    struct cli_json_array ja;
    if (a->opts->json)
        cli_json_begin(&ja);
    size_t shown = 0;
    int rc = CU_EXIT_OK;
    for (size_t gi = 0; gi < a->cfg.ngroups; gi++) {
        const struct group *g = &a->cfg.groups[gi];
        time_t since = whatsnew_last_visit(a->store, g->key);
        if (!since)
            continue; /* never opened: nothing is news to you there */
        if (a->opts->since_day)
            since = from;
        struct wn_item *v;
        size_t n;
        if (collect(a, g, since, now, &v, &n) < 0) {
            rc = CU_EXIT_FAIL;
            continue;
        }
        if (a->opts->json) {
            json_t *o = json_object(), *items = json_array();
            char iso[32];
            iso8601_utc(since, iso);
            json_object_set_new(o, "group", json_string(g->key));
            json_object_set_new(o, "title", json_string(g->name));
            json_object_set_new(o, "since", json_string(iso));
            for (size_t i = 0; i < n; i++)
                json_array_append_new(items, item_json(&v[i]));
            json_object_set_new(o, "items", items);
            cli_json_add(&ja, o);
        } else {
            printf("%s== %s (%s)\n", shown ? "\n" : "", g->name, g->key);
            print_items(a, g, since, now, v, n);
        }
        shown++;
        whatsnew_free(v, n);
    }
    if (a->opts->json)
        cli_json_end(&ja);
    else if (!shown)
        fprintf(stderr, "catchup: no visit recorded in any group yet: open catchup (the terminal "
                        "UI) once\n");
    return rc;
}

int cli_new(struct app *a)
{
    struct cu_err e;
    if (store_open(a->cache_path, STORE_RW_OR_RO, &a->store, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    time_t since;
    time_t now = cu_now();
    if (a->opts->all)
        return new_all(a, now);
    if (a->opts->since_day) {
        if (since_opt(a, now, &since) < 0)
            return CU_EXIT_USAGE;
    } else {
        since = whatsnew_last_visit(a->store, a->group->key);
        if (!since) {
            fprintf(stderr, "catchup: no visit recorded yet: open catchup (the terminal UI) once, "
                            "or give --since YYYY-MM-DD\n");
            if (a->opts->json)
                puts("[]");
            return CU_EXIT_OK;
        }
    }
    struct wn_item *v;
    size_t n;
    if (collect(a, a->group, since, now, &v, &n) < 0)
        return CU_EXIT_FAIL;
    if (a->opts->json) {
        struct cli_json_array ja;
        cli_json_begin(&ja);
        for (size_t i = 0; i < n; i++)
            cli_json_add(&ja, item_json(&v[i]));
        cli_json_end(&ja);
    } else {
        print_items(a, a->group, since, now, v, n);
    }
    if (!n)
        say_never_fetched(a, a->group);
    whatsnew_free(v, n);
    return CU_EXIT_OK;
}
