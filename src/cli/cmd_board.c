/* cmd_board.c: catchup board [--all] [--json]: the open initiatives from the
 * cache, one per line (status, repo#number, title), or a JSON array.  The
 * whole board when a token ever read it, else the issues and pull requests
 * the posts link to. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catchup/board.h"
#include "cli_int.h"
#include "catchup/store_board.h"
#include "catchup/text.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *strv_json(const struct strv *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->n; i++)
        json_array_append_new(a, json_string(s->v[i]));
    return a;
}

static json_t *item_json(struct app *a, const struct board_item *it)
{
    json_t *o = json_object();
    json_object_set_new(o, "repo", str_or_null(it->repo));
    json_object_set_new(o, "number",
                        it->kind == BOARD_DRAFT ? json_null() : json_integer(it->number));
    json_object_set_new(o, "title", json_string(it->title));
    json_object_set_new(o, "state", json_string(it->state));
    json_object_set_new(o, "status", str_or_null(it->status));
    json_object_set_new(o, "url", str_or_null(it->url));
    json_object_set_new(o, "labels", strv_json(&it->labels));
    json_object_set_new(o, "assignees", strv_json(&it->assignees));
    json_object_set_new(o, "updated", str_or_null(it->updated));
    json_object_set_new(o, "kind", json_string(board_kind_name(it->kind)));
    json_object_set_new(o, "open", json_boolean(board_item_open(it)));
    json_object_set_new(o, "on_board", json_boolean(it->on_board));
    json_object_set_new(o, "body", str_or_null(it->body));
    json_t *ids = json_array();
    struct board_mention *m;
    size_t n;
    if (store_board_mentions(a->store, a->group->key, it->key, &m, &n, NULL) == 0) {
        for (size_t i = 0; i < n; i++)
            json_array_append_new(ids, json_string(m[i].post_id));
        board_mentions_free(m, n);
    }
    json_object_set_new(o, "mentioned_in", ids);
    return o;
}

/* "cncf/tag-runtime#126", or "draft"; caller frees. */
static char *item_ref(const struct board_item *it)
{
    return it->kind == BOARD_DRAFT ? xstrdup("draft") : xasprintf("%s#%d", it->repo, it->number);
}

/* The first column: the board's Status, else the item's state. */
static const char *item_column(const struct board_item *it)
{
    return it->status ? it->status : it->state;
}

static void print_text(const struct board_item *v, size_t n)
{
    int sw = 0, rw = 0;
    for (size_t i = 0; i < n; i++) {
        char *ref = item_ref(&v[i]);
        int w = text_width(item_column(&v[i]));
        if (w > sw)
            sw = w;
        if ((w = text_width(ref)) > rw)
            rw = w;
        free(ref);
    }
    sw = sw > 16 ? 16 : sw;
    rw = rw > 40 ? 40 : rw;
    int cols = isatty(STDOUT_FILENO) ? cli_columns() : 0;
    for (size_t i = 0; i < n; i++) {
        const struct board_item *it = &v[i];
        char *status = text_pad(item_column(it), sw);
        char *ref = item_ref(it);
        char *ref_pad = text_pad(ref, rw);
        /* a closed item whose Status is not Done says so; without a Status
         * the first column already does */
        bool closed = it->status && !board_item_open(it) && !board_status_done(it->status);
        char *title = closed ? xasprintf("%s (%s)", it->title, it->state) : xstrdup(it->title);
        if (cols) {
            int room = cols - sw - rw - 4;
            char *t = text_truncate(title, room < 10 ? 10 : room);
            free(title);
            title = t;
        }
        printf("%s  %s  %s\n", status, ref_pad, title);
        free(status);
        free(ref);
        free(ref_pad);
        free(title);
    }
}

int cli_board(struct app *a)
{
    const struct group *g = a->group;
    if (!g->board_org) {
        /* still JSON for a script: an empty list, and why on stderr */
        if (a->opts->json)
            puts("[]");
        fprintf(stderr,
                "catchup: %s has no project board: add board = github:ORG/projects/N to "
                "[group \"%s\"] of %s\n",
                g->name, g->key, a->cfg.file ? a->cfg.file : "~/.config/catchup/config");
        return CU_EXIT_FAIL;
    }
    struct cu_err e;
    if (store_open(a->cache_path, STORE_RW_OR_RO, &a->store, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    long on_board = 0;
    struct board_item *v = NULL;
    size_t n = 0;
    if (store_board_count(a->store, g->key, BOARD_LIST_BOARD, &on_board, &e) < 0 ||
        store_board_items(a->store, g->key, on_board ? BOARD_LIST_BOARD : BOARD_LIST_LINKED, &v, &n,
                          &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    size_t shown = 0, hidden = 0;
    for (size_t i = 0; i < n; i++) {
        if (a->opts->all || board_item_open(&v[i])) {
            if (shown != i) {
                struct board_item tmp = v[shown];
                v[shown] = v[i];
                v[i] = tmp;
            }
            shown++;
        } else {
            hidden++;
        }
    }
    board_sort(v, shown);
    if (a->opts->json) {
        struct cli_json_array ja;
        cli_json_begin(&ja);
        for (size_t i = 0; i < shown; i++)
            cli_json_add(&ja, item_json(a, &v[i]));
        cli_json_end(&ja);
    } else {
        print_text(v, shown);
    }
    /* What the list is, when it is not the whole board, and why. */
    struct source_status st;
    bool known = store_source_get(a->store, g->key, SOURCE_BOARD, &st) == 1;
    if (on_board && g->board_labels.n && !a->opts->json) {
        char *labels = board_labels_text(&g->board_labels);
        fprintf(stderr, "catchup: github:%s/projects/%d, only items with the %s\n", g->board_org,
                g->board_number, labels);
        free(labels);
    }
    if (!on_board && n)
        fprintf(stderr, "catchup: issues the posts link to; %s\n",
                a->token ? "the board itself has not been read yet"
                         : "set GITHUB_TOKEN to see the whole board");
    /* without a token the list is what the posts link to: none fetched yet
     * is not "they link to none" */
    long nposts = 1;
    struct cu_err pe;
    if (!n && known && !a->token && store_posts_count(a->store, g->key, &nposts, &pe) < 0)
        nposts = 1;
    if (!n)
        fprintf(stderr, "catchup: %s\n",
                !known     ? "no board cached yet: run 'catchup refresh'"
                : a->token ? "the board is empty and the posts link to no GitHub issues"
                : !nposts  ? "no posts are cached yet, so no issues they link to: run 'catchup "
                             "refresh'; set GITHUB_TOKEN to see the whole board"
                           : "the cached posts link to no GitHub issues; set GITHUB_TOKEN to see "
                             "the whole board");
    else if (hidden && !a->opts->all && !a->opts->json)
        fprintf(stderr, "catchup: %zu closed or Done not shown (--all shows them)\n", hidden);
    if (known && st.error) {
        char *why = text_sanitize(st.error, strlen(st.error), 0);
        fprintf(stderr, "catchup: the last board refresh failed: %s\n", why);
        free(why);
    }
    if (known)
        source_status_free(&st);
    board_items_free(v, n);
    return CU_EXIT_OK;
}
