/* view_start.c: the Start here pane: the document startdoc.c composes,
 * shown through a reader, so its links are numbered and 'l' lists them; the
 * pane keeps the list scope, so 1-4 still switch panes. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/startdoc.h"
#include "catchup/whatsnew.h"
#include "uiint.h"

struct start {
    struct view *inner; /* the reader over the composed document */
    char *onboarding_url;
};

static void start_reload(struct view *v, struct ui *ui)
{
    struct start *st = v->data;
    struct buf b;
    buf_init(&b, 0);
    free(st->onboarding_url);
    st->onboarding_url = NULL;
    startdoc_compose(ui->store, ui->group, cu_now(),
                     STARTDOC_KEYS | (ui->refresh ? STARTDOC_REFRESHING : 0) |
                         (ui->app->offline ? STARTDOC_OFFLINE : 0),
                     &b, &st->onboarding_url);
    if (ui->app->cfg.ngroups > 1) {
        buf_adds(&b, "\n---\n\n");
        whatsnew_groups_md(ui->store, &ui->app->cfg, ui->group, cu_now(), &b);
    }
    struct doc *d;
    struct cu_err e;
    if (doc_parse(b.data, b.len, NULL, &d, &e) == 0) {
        struct view *inner = reader_new(ui, "Start here", d, NULL, st->onboarding_url);
        if (st->inner) {
            /* a refresh rewrites the page: stay where the reader was */
            reader_keep_place(inner, st->inner);
            st->inner->ops->free(st->inner);
            free(st->inner);
        }
        st->inner = inner;
    }
    buf_free(&b);
}

static void start_draw(struct view *v, struct ui *ui, int top, int height)
{
    struct start *st = v->data;
    if (!st->inner)
        start_reload(v, ui);
    st->inner->height = height;
    st->inner->ops->draw(st->inner, ui, top, height);
}

static bool start_action(struct view *v, struct ui *ui, enum action a)
{
    struct start *st = v->data;
    if (!st->inner)
        return false;
    switch (a) {
    case ACT_OPEN_SLACK: ui_open_group_slack(ui); return true;
    case ACT_OPEN:
        if (st->onboarding_url)
            ui_open_url(ui, st->onboarding_url);
        else
            ui_message(ui, true, "no onboarding page to open; l lists the links here");
        return true;
    case ACT_MARK_UNREAD: return false;
    default: st->inner->height = v->height; return st->inner->ops->action(st->inner, ui, a);
    }
}

static bool start_find(struct view *v, struct ui *ui, const char *pattern, int dir)
{
    struct start *st = v->data;
    return st->inner && st->inner->ops->find(st->inner, ui, pattern, dir);
}

static void start_position(struct view *v, char *out, size_t n)
{
    struct start *st = v->data;
    if (st->inner && st->inner->ops->position)
        st->inner->ops->position(st->inner, out, n);
}

static void start_free(struct view *v)
{
    struct start *st = v->data;
    if (st->inner) {
        st->inner->ops->free(st->inner);
        free(st->inner);
    }
    free(st->onboarding_url);
    free(st);
}

static const struct view_ops start_ops = {
    .name = "start",
    .scope = SCOPE_LIST,
    .draw = start_draw,
    .action = start_action,
    .reload = start_reload,
    .find = start_find,
    .position = start_position,
    .free = start_free,
};

struct view *start_pane_new(struct ui *ui)
{
    (void)ui;
    struct view *v = xcalloc(1, sizeof(*v));
    v->ops = &start_ops;
    v->data = xcalloc(1, sizeof(struct start));
    return v;
}
