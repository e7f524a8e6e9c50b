/* cli_new.c: catchup new [--since YYYY-MM-DD] [--json]: what changed since
 * the last visit (the last time the TUI was opened), or since a date. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/cli.h"
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

int cli_new(struct app *a)
{
    struct cu_err e;
    if (store_open(a->cache_path, STORE_RW_OR_RO, &a->store, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    time_t since;
    time_t now = cu_now();
    if (a->opts->from) {
        since = iso8601_parse(a->opts->from);
        if (since > now) {
            fprintf(stderr,
                    "catchup: --since %s is in the future: nothing can have changed since; give "
                    "a past date\n",
                    a->opts->from);
            return CU_EXIT_USAGE;
        }
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
    /* since the last visit, a group's first refresh is its baseline, not news */
    int rc = a->opts->from
                 ? whatsnew_collect(a->store, a->group->key, since, now, &v, &n, &e)
                 : whatsnew_collect_visit(a->store, a->group->key, since, now, &v, &n, &e);
    if (rc < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    if (a->opts->json) {
        struct cli_json_array ja;
        cli_json_begin(&ja);
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_object();
            char iso[32];
            json_object_set_new(o, "kind", json_string(kind_id(v[i].kind)));
            json_object_set_new(o, "key", json_string(v[i].key ? v[i].key : ""));
            json_object_set_new(o, "title", json_string(v[i].title ? v[i].title : ""));
            json_object_set_new(o, "detail", v[i].detail ? json_string(v[i].detail) : json_null());
            iso8601_utc(v[i].when, iso);
            json_object_set_new(o, "when", json_string(iso));
            if (v[i].start) {
                iso8601_utc(v[i].start, iso);
                json_object_set_new(o, "start", json_string(iso));
            } else {
                json_object_set_new(o, "start", json_null());
            }
            cli_json_add(&ja, o);
        }
        cli_json_end(&ja);
    } else {
        char sum[256] = "", head[384];
        whatsnew_summary(v, n, sum, sizeof(sum));
        whatsnew_heading(since, now, a->opts->from, sum, false, head, sizeof(head));
        puts(head);
        time_t base = a->opts->from ? 0 : whatsnew_baseline(a->store, a->group->key);
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
    whatsnew_free(v, n);
    return CU_EXIT_OK;
}
