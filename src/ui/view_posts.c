/* view_posts.c: the Posts pane.  Only the rows on screen are read from the
 * cache (a window of rows refetched as the list scrolls), so opening with
 * years of weeks costs the same as opening with a few. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/postview.h"
#include "catchup/search.h"
#include "catchup/text.h"
#include "uiint.h"
#include "catchup/whatsnew.h"

struct posts_view {
    struct listnav nav;
    struct post *rows; /* window: rows for positions win_off .. win_off+nrows-1 */
    size_t nrows;
    long win_off;
    char *error;
    int list_height;
    int list_top; /* screen row of the first list row, for clicks */
    /* on a wide terminal the selected post itself, laid out once per
     * selection and width */
    char *shown_id;
    int shown_w;
    bool shown_opening; /* the body's opening alone, for a narrow preview */
    struct doc_layout *shown;
};

static void drop_shown(struct posts_view *pv)
{
    doc_layout_free(pv->shown);
    pv->shown = NULL;
    free(pv->shown_id);
    pv->shown_id = NULL;
}

static void drop_window(struct posts_view *pv)
{
    posts_free(pv->rows, pv->nrows);
    pv->rows = NULL;
    pv->nrows = 0;
}

/* The row at position i, fetching a window around it when needed. */
static const struct post *row_at(struct ui *ui, struct posts_view *pv, long i)
{
    if (i < 0 || i >= pv->nav.count)
        return NULL;
    if (i < pv->win_off || i >= pv->win_off + (long)pv->nrows) {
        drop_window(pv);
        long want = pv->list_height > 0 ? pv->list_height * 3 : 150;
        long off = i - want / 3;
        if (off < 0)
            off = 0;
        struct cu_err e;
        if (store_posts_page(ui->store, ui->group->key, off, want, &pv->rows, &pv->nrows, &e) < 0) {
            free(pv->error);
            pv->error = xstrdup(e.msg);
            return NULL;
        }
        pv->win_off = off;
        if (i >= pv->win_off + (long)pv->nrows)
            return NULL;
    }
    return &pv->rows[i - pv->win_off];
}

static void posts_reload(struct view *v, struct ui *ui)
{
    struct posts_view *pv = v->data;
    /* keep the selection on the same post when it moves */
    char *sel_id = NULL;
    const struct post *cur = pv->nav.count ? row_at(ui, pv, pv->nav.sel) : NULL;
    if (cur)
        sel_id = xstrdup(cur->id);
    drop_window(pv);
    drop_shown(pv);
    free(pv->error);
    pv->error = NULL;
    struct cu_err e;
    long n = 0;
    if (store_posts_count(ui->store, ui->group->key, &n, &e) < 0)
        pv->error = xstrdup(e.msg);
    pv->nav.count = n;
    if (sel_id) {
        long idx = store_post_index(ui->store, ui->group->key, sel_id);
        if (idx >= 0)
            pv->nav.sel = idx;
        free(sel_id);
    }
    listnav_clamp(&pv->nav, pv->list_height > 0 ? pv->list_height : 1);
}

static void draw_row(struct ui *ui, struct posts_view *pv, long i, int y, int x, int w)
{
    const struct post *p = row_at(ui, pv, i);
    if (!p)
        return;
    bool sel = i == pv->nav.sel;
    attr_t base = sel ? theme_attr(TH_SELECTION) : theme_attr(TH_NORMAL);
    draw_fill(y, x, w, base);
    int cx = x + 1;
    draw_text(y, cx, 1, p->unread ? "●" : " ", sel ? base : theme_attr(TH_UNREAD));
    cx += 2;
    char date[11] = "    -     ";
    if (p->date && strlen(p->date) >= 10)
        snprintf(date, sizeof(date), "%.10s", p->date);
    cx += draw_text(y, cx, x + w - cx, date, sel ? base : theme_attr(TH_DATE));
    cx += 2;
    int bw = posts_badge_width(ui->group);
    if (bw && w > 50) {
        /* several sources: whose post it is */
        char *pad = text_pad(p->badge ? p->badge : "", bw);
        cx += draw_text(y, cx, x + w - cx, pad, sel ? base : theme_attr(TH_DATE)) + 1;
        free(pad);
    }
    attr_t ta = sel ? base : theme_attr(p->unread ? TH_UNREAD : TH_TITLE);
    /* an upcoming meeting keeps room for its mark: the title is cut first */
    bool upcoming = postview_upcoming(p, cu_now());
    int mark = upcoming ? (int)strlen(" upcoming") : 0;
    cx += draw_text(y, cx, x + w - cx - 1 - mark, p->title, ta);
    if (upcoming)
        draw_text(y, cx + 1, x + w - cx - 2, "upcoming", sel ? base : theme_attr(TH_UNREAD));
}

/* The whole post, as the reader would start it (wide terminals), or the
 * opening of its body (opening: a narrow preview of a post without a
 * description, which would say nothing under its title). */
static void draw_post(struct ui *ui, struct posts_view *pv, const struct post *p, int top, int x,
                      int w, int h, bool opening)
{
    if (!pv->shown || pv->shown_w != w || pv->shown_opening != opening ||
        strcmp(pv->shown_id, p->id)) {
        drop_shown(pv);
        struct post full;
        struct doc *d;
        struct cu_err e;
        if (store_post_get(ui->store, ui->group->key, p->id, &full, &e) != 1)
            return;
        if ((opening ? postview_opening_doc : postview_doc)(&full, &d, &e) == 0) {
            postview_badge_issues(d, ui->store, ui->group->key);
            pv->shown = doc_layout(d, w - 2, 0);
            doc_free(d);
        }
        post_free(&full);
        if (!pv->shown)
            return;
        pv->shown_id = xstrdup(p->id);
        pv->shown_w = w;
        pv->shown_opening = opening;
    }
    attr_t base = opening ? theme_attr(TH_DESCRIPTION) : 0;
    for (int i = 0; i < h && (size_t)i < pv->shown->nlines; i++)
        draw_doc_line(top + i, x + 1, w - 2, &pv->shown->lines[i], NULL, base);
}

static void draw_preview(struct ui *ui, struct posts_view *pv, int top, int x, int w, int h)
{
    const struct post *p = row_at(ui, pv, pv->nav.sel);
    if (!p || h <= 0 || w <= 4)
        return;
    if (h >= 20) {
        draw_post(ui, pv, p, top, x, w, h, false);
        return;
    }
    int y = top;
    draw_text(y++, x + 1, w - 2, p->title, theme_attr(TH_TITLE) | A_BOLD);
    if (y >= top + h)
        return;
    char meta[160];
    if (postview_id_is_date(p)) /* notes named by their date: the date once */
        snprintf(meta, sizeof(meta), "%s", p->unread ? " · unread" : "");
    else
        snprintf(meta, sizeof(meta), "%s · %s%s", p->date && strlen(p->date) >= 10 ? "" : "no date",
                 p->id, p->unread ? " · unread" : "");
    if (p->date && strlen(p->date) >= 10) {
        char with_date[200];
        snprintf(with_date, sizeof(with_date), "%.10s%s", p->date, meta);
        draw_text(y++, x + 1, w - 2, with_date, theme_attr(TH_DATE));
    } else {
        draw_text(y++, x + 1, w - 2, meta, theme_attr(TH_DATE));
    }
    if (y + 1 >= top + h)
        return;
    y++;
    if (!p->description || !*p->description) {
        draw_post(ui, pv, p, y, x, w, top + h - y, true);
        return;
    }
    struct doc *d;
    struct cu_err e;
    if (doc_parse(p->description, strlen(p->description), p->base_url, &d, &e) < 0)
        return;
    struct doc_layout *l = doc_layout(d, w - 2, 0);
    for (size_t i = 0; i < l->nlines && y < top + h; i++)
        draw_doc_line(y++, x + 1, w - 2, &l->lines[i], NULL, theme_attr(TH_DESCRIPTION));
    doc_layout_free(l);
    doc_free(d);
}

static void posts_draw(struct view *v, struct ui *ui, int top, int height)
{
    struct posts_view *pv = v->data;
    if (pv->error) {
        draw_text_wrapped(top + 1, 2, COLS - 4, height - 1, pv->error, theme_attr(TH_STATUS_ERROR));
        return;
    }
    if (!pv->nav.count) {
        int y = top + 1;
        draw_text(y++, 2, COLS - 4, "No posts cached yet.", theme_attr(TH_TITLE) | A_BOLD);
        y++;
        char hint[256] = "A refresh is running; the weeks appear here when it ends.";
        if (!ui->refresh)
            ui_fetch_hint(ui, SOURCE_POSTS, "the group's weekly posts", hint, sizeof(hint));
        draw_text_wrapped(y, 2, COLS - 4, top + height - y, hint, theme_attr(TH_NORMAL));
        return;
    }
    /* the first screen says what changed since the last visit */
    if (ui->news_n && !ui->news_seen && height >= 8) {
        char head[256], banner[320];
        whatsnew_heading(ui->since, cu_now(), NULL, ui->news_summary, false, head, sizeof(head));
        snprintf(banner, sizeof(banner), " %s · W lists them", head);
        if (text_width(banner) > COLS) {
            whatsnew_heading(ui->since, cu_now(), NULL, ui->news_summary, true, head, sizeof(head));
            snprintf(banner, sizeof(banner), " %s (W)", head);
        }
        draw_fill(top, 0, COLS, theme_attr(TH_NEW));
        draw_text(top, 0, COLS, banner, theme_attr(TH_NEW));
        top++;
        height--;
    }
    pv->list_top = top;
    bool wide = COLS >= 120;
    int list_w = wide ? COLS * 45 / 100 : COLS;
    int list_h = height;
    int prev_h = 0;
    if (!wide && height >= 12) {
        prev_h = height / 3;
        if (prev_h > 10)
            prev_h = 10;
        list_h = height - prev_h - 1;
    }
    pv->list_height = list_h;
    listnav_clamp(&pv->nav, list_h);
    for (int r = 0; r < list_h && pv->nav.top + r < pv->nav.count; r++)
        draw_row(ui, pv, pv->nav.top + r, top + r, 0, list_w);
    if (wide) {
        draw_vline(top, list_w, height, theme_attr(TH_BORDER));
        draw_preview(ui, pv, top, list_w + 1, COLS - list_w - 1, height);
    } else if (prev_h) {
        draw_hline(top + list_h, 0, COLS, theme_attr(TH_BORDER));
        draw_preview(ui, pv, top + list_h + 1, 0, COLS, prev_h);
    }
}

static void search_done(struct ui *ui, const char *text)
{
    if (*text) {
        /* n/N in the list then step through posts naming the words */
        char *term = search_first_term(text);
        snprintf(ui->search, sizeof(ui->search), "%s", term);
        free(term);
        ui_push(ui, search_view_new(ui, text));
    }
}

static bool posts_action(struct view *v, struct ui *ui, enum action a)
{
    struct posts_view *pv = v->data;
    int h = pv->list_height > 0 ? pv->list_height : v->height;
    if (listnav_action(&pv->nav, a, h))
        return true;
    const struct post *p = row_at(ui, pv, pv->nav.sel);
    switch (a) {
    case ACT_SEARCH:
        /* every cached week, ranked, rather than the rows in this list */
        ui_prompt(ui, "search all weeks: ", search_done);
        return true;
    case ACT_ENTER:
        if (p)
            reader_open_post(ui, p->id);
        return true;
    case ACT_OPEN:
        if (p && p->url)
            ui_open_url(ui, p->url);
        else if (p)
            ui_message(ui, true, "this post has no web address");
        return true;
    case ACT_MARK_UNREAD:
        if (p) {
            struct cu_err e;
            bool unread = !p->unread;
            if (store_post_set_unread(ui->store, ui->group->key, p->id, unread, &e) < 0)
                ui_message(ui, true, "%s", e.msg);
            else
                ui_message(ui, false, "marked %s", unread ? "unread" : "read");
            posts_reload(v, ui);
        }
        return true;
    default: return false;
    }
}

static bool posts_find(struct view *v, struct ui *ui, const char *pattern, int dir)
{
    struct posts_view *pv = v->data;
    for (long k = 1; k <= pv->nav.count; k++) {
        long i = ((pv->nav.sel + dir * k) % pv->nav.count + pv->nav.count) % pv->nav.count;
        const struct post *p = row_at(ui, pv, i);
        if (p && (text_find(p->title, pattern) >= 0 || text_find(p->id, pattern) >= 0 ||
                  (p->description && text_find(p->description, pattern) >= 0))) {
            pv->nav.sel = i;
            listnav_clamp(&pv->nav, pv->list_height);
            return true;
        }
    }
    return false;
}

static void posts_click(struct view *v, struct ui *ui, int row, int col, bool twice)
{
    (void)col;
    struct posts_view *pv = v->data;
    row -= pv->list_top - 1; /* a banner may sit above the list */
    if (row < 0 || row >= pv->list_height)
        return;
    long before = pv->nav.sel;
    listnav_click(&pv->nav, row, pv->list_height);
    if (twice || (before == pv->nav.sel && pv->nav.top + row == pv->nav.sel)) {
        const struct post *p = row_at(ui, pv, pv->nav.sel);
        if (p && twice)
            reader_open_post(ui, p->id);
    }
}

static void posts_position(struct view *v, char *out, size_t n)
{
    struct posts_view *pv = v->data;
    if (pv->nav.count)
        snprintf(out, n, "%ld/%ld", pv->nav.sel + 1, pv->nav.count);
}

static void posts_free_view(struct view *v)
{
    struct posts_view *pv = v->data;
    drop_window(pv);
    drop_shown(pv);
    free(pv->error);
    free(pv);
}

static const struct view_ops posts_ops = {
    .name = "posts",
    .scope = SCOPE_LIST,
    .draw = posts_draw,
    .action = posts_action,
    .reload = posts_reload,
    .find = posts_find,
    .click = posts_click,
    .position = posts_position,
    .free = posts_free_view,
};

struct view *posts_pane_new(struct ui *ui)
{
    (void)ui;
    struct view *v = xcalloc(1, sizeof(*v));
    v->ops = &posts_ops;
    v->data = xcalloc(1, sizeof(struct posts_view));
    return v;
}
