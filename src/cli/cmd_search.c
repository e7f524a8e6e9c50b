/* cmd_search.c: catchup search QUERY [--limit N] [--json]. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"
#include "catchup/search.h"
#include "catchup/text.h"

int cli_search(struct app *a)
{
    struct cu_err e;
    if (store_open(a->cache_path, STORE_RW_OR_RO, &a->store, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    struct search_hit *hits;
    size_t n, total = 0;
    bool bad = false;
    size_t limit = a->opts->limit < 0 ? 50 : (size_t)a->opts->limit;
    if (search_run(a->store, a->group->key, a->opts->args.v[0], 0, limit, &hits, &n, &total, &bad,
                   &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return bad ? CU_EXIT_USAGE : CU_EXIT_FAIL;
    }
    if (a->opts->json) {
        struct cli_json_array ja;
        cli_json_begin(&ja);
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_object();
            char *snip = search_plain_snippet(hits[i].snippet);
            json_object_set_new(o, "id", json_string(hits[i].key));
            json_object_set_new(o, "title", json_string(hits[i].title ? hits[i].title : ""));
            json_object_set_new(o, "snippet", json_string(snip));
            json_object_set_new(o, "kind", json_string(hits[i].kind));
            json_object_set_new(o, "date", hits[i].date ? json_string(hits[i].date) : json_null());
            json_object_set_new(o, "url", hits[i].url ? json_string(hits[i].url) : json_null());
            cli_json_add(&ja, o);
            free(snip);
        }
        cli_json_end(&ja);
    } else {
        /* On a terminal, matches are bold (unless NO_COLOR); else plain. */
        bool tty = isatty(STDOUT_FILENO);
        const char *nc = getenv("NO_COLOR");
        bool bold = tty && !(nc && *nc);
        /* one hit a line: the post's id (or "board": a board hit's title
         * names it), date, title, then the snippet; cut to the terminal's
         * width on a terminal, whole in a pipe */
        int cols = tty ? cli_columns() : 0;
        for (size_t i = 0; i < n; i++) {
            char date[11] = "-";
            if (hits[i].date && strlen(hits[i].date) >= 10)
                snprintf(date, sizeof(date), "%.10s", hits[i].date);
            struct buf line;
            buf_init(&line, 0);
            const char *id = strcmp(hits[i].kind, SEARCH_HIT_BOARD) ? hits[i].key : "board";
            char *key = text_sanitize(id, strlen(id), 0);
            char *title = text_sanitize(hits[i].title ? hits[i].title : "",
                                        strlen(hits[i].title ? hits[i].title : ""), 0);
            buf_addf(&line, "%s  %s  %s  ", key, date, title);
            free(key);
            free(title);
            int used = text_width(line.data);
            const char *p = hits[i].snippet;
            while (*p && (!cols || used < cols)) {
                const char *m = p;
                while (*m && *m != SEARCH_MARK_ON && *m != SEARCH_MARK_OFF)
                    m++;
                char *part = text_sanitize(p, (size_t)(m - p), 0);
                if (cols && used + text_width(part) > cols) {
                    char *cut = text_truncate(part, cols - used);
                    free(part);
                    part = cut;
                }
                used += text_width(part);
                buf_adds(&line, part);
                free(part);
                if (*m == SEARCH_MARK_ON && bold)
                    buf_adds(&line, "\033[1m");
                else if (*m == SEARCH_MARK_OFF && bold)
                    buf_adds(&line, "\033[0m");
                p = *m ? m + 1 : m;
            }
            if (bold)
                buf_adds(&line, "\033[0m");
            puts(line.data);
            buf_free(&line);
        }
        if (!n)
            fprintf(stderr, "catchup: nothing matches '%s'\n", a->opts->args.v[0]);
    }
    /* The total, on standard error: the hits stay one a line on stdout. */
    char shown[32], all[32];
    format_count(n, shown);
    format_count(total, all);
    if (n < total)
        fprintf(stderr, "%s of %s matches; --limit N, or --limit 0 for all\n", shown, all);
    else if (n && !a->opts->json)
        fprintf(stderr, "%s %s\n", all, total == 1 ? "match" : "matches");
    search_hits_free(hits, n);
    return CU_EXIT_OK;
}
