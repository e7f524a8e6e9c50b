/* view_whatsnew.c: what changed since the last visit ('W'): new and
 * updated weeks, board changes, events added or moved; Enter opens the
 * post, the board item or the event. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"
#include "uiint.h"
#include "catchup/whatsnew.h"

struct wn_view {
    struct wn_item *v;
    size_t n;
    char *error;
    char title[64];
    struct listnav nav;
    int rows;
};

static void wn_reload(struct view *view, struct ui *ui)
{
    struct wn_view *w = view->data;
    whatsnew_free(w->v, w->n);
    w->v = NULL;
    w->n = 0;
    free(w->error);
    w->error = NULL;
    struct cu_err e;
    if (whatsnew_collect_visit(ui->store, ui->group->key, ui->since, cu_now(), &w->v, &w->n, &e) <
        0)
        w->error = xstrdup(e.msg);
    w->nav.count = (long)w->n;
    listnav_clamp(&w->nav, w->rows > 0 ? w->rows : 1);
}

static enum theme_elem kind_style(enum wn_kind k)
{
    switch (k) {
    case WN_POST_NEW:
    case WN_BOARD_NEW:
    case WN_EVENT_ADDED: return TH_NEW;
    case WN_EVENT_MOVED: return TH_COUNTDOWN;
    default: return TH_BOARD_STATUS;
    }
}

static void wn_draw(struct view *view, struct ui *ui, int top, int height)
{
    struct wn_view *w = view->data;
    char head[256];
    time_t now = cu_now();
    const char *summary = w->n ? ui->news_summary : "";
    if (w->error)
        snprintf(head, sizeof(head), "%s", w->error);
    else
        whatsnew_heading(ui->since, now, NULL, summary, false, head, sizeof(head));
    if (!w->error && text_width(head) > COLS - 2)
        whatsnew_heading(ui->since, now, NULL, summary, true, head, sizeof(head));
    draw_text(top, 1, COLS - 2, head, w->error ? theme_attr(TH_STATUS_ERROR) : theme_attr(TH_DIM));
    /* an empty list after the group's first refresh: say why */
    if (!w->error && !w->n && whatsnew_baseline(ui->store, ui->group->key) > ui->since)
        draw_text(top + 2, 1, COLS - 2,
                  "This was the group's first refresh since then: what it stored is the "
                  "baseline, not news. From now on W lists what changes.",
                  theme_attr(TH_DIM));
    /* two rows an entry: what and its title, then the detail */
    w->rows = (height - 2) / 2;
    if (w->rows < 1)
        w->rows = 1;
    listnav_clamp(&w->nav, w->rows);
    for (int r = 0; r < w->rows && w->nav.top + r < w->nav.count; r++) {
        long i = w->nav.top + r;
        const struct wn_item *it = &w->v[i];
        int y = top + 2 + 2 * r;
        bool sel = i == w->nav.sel;
        attr_t base = sel ? theme_attr(TH_SELECTION) : theme_attr(TH_NORMAL);
        draw_fill(y, 0, COLS, base);
        draw_fill(y + 1, 0, COLS, base);
        char kind[20];
        snprintf(kind, sizeof(kind), "%-12s", whatsnew_kind_word(it->kind));
        draw_text(y, 1, 13, kind, sel ? base : theme_attr(kind_style(it->kind)));
        draw_text(y, 15, COLS - 16, it->title ? it->title : it->key,
                  sel ? base | A_BOLD : theme_attr(TH_TITLE));
        if (it->detail)
            draw_text(y + 1, 15, COLS - 16, it->detail, sel ? base : theme_attr(TH_DATE));
    }
}

static void wn_open(struct ui *ui, struct wn_view *w)
{
    if (!w->n)
        return;
    const struct wn_item *it = &w->v[w->nav.sel];
    switch (it->kind) {
    case WN_POST_NEW:
    case WN_POST_UPDATED: reader_open_post(ui, it->key); break;
    case WN_BOARD_NEW:
    case WN_BOARD_CHANGED: board_open_item(ui, it->key); break;
    case WN_EVENT_ADDED:
    case WN_EVENT_MOVED: events_open_occurrence(ui, it->key, it->rid, it->start); break;
    }
}

static bool wn_action(struct view *view, struct ui *ui, enum action a)
{
    struct wn_view *w = view->data;
    if (listnav_action(&w->nav, a, w->rows > 0 ? w->rows : 1))
        return true;
    if (a == ACT_ENTER) {
        wn_open(ui, w);
        return true;
    }
    if (a == ACT_WHATS_NEW) {
        ui_pop(ui);
        return true;
    }
    if (a == ACT_SEARCH_NEXT || a == ACT_SEARCH_PREV)
        return listnav_action(&w->nav, a == ACT_SEARCH_NEXT ? ACT_MOVE_DOWN : ACT_MOVE_UP,
                              w->rows > 0 ? w->rows : 1);
    return false;
}

static void wn_click(struct view *view, struct ui *ui, int row, int col, bool twice)
{
    (void)col;
    struct wn_view *w = view->data;
    if (row < 2)
        return;
    long before = w->nav.sel;
    listnav_click(&w->nav, (row - 2) / 2, w->rows);
    if (twice || before == w->nav.sel)
        wn_open(ui, w);
}

static const char *wn_title(struct view *view)
{
    return ((struct wn_view *)view->data)->title;
}

static void wn_position(struct view *view, char *out, size_t n)
{
    struct wn_view *w = view->data;
    if (w->n)
        snprintf(out, n, "%ld/%zu", w->nav.sel + 1, w->n);
}

static void wn_free(struct view *view)
{
    struct wn_view *w = view->data;
    whatsnew_free(w->v, w->n);
    free(w->error);
    free(w);
}

static const struct view_ops wn_ops = {
    .name = "whatsnew",
    .scope = SCOPE_LIST,
    .draw = wn_draw,
    .action = wn_action,
    .reload = wn_reload,
    .click = wn_click,
    .title = wn_title,
    .position = wn_position,
    .free = wn_free,
};

struct view *whatsnew_view_new(struct ui *ui)
{
    struct view *v = xcalloc(1, sizeof(*v));
    struct wn_view *w = xcalloc(1, sizeof(*w));
    snprintf(w->title, sizeof(w->title), "What's new");
    v->ops = &wn_ops;
    v->data = w;
    wn_reload(v, ui);
    ui->news_seen = true;
    return v;
}
