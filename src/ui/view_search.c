/* view_search.c: full-text search results for the Posts pane's '/': hits
 * ranked by bm25, each with its snippet and the matches highlighted; Enter
 * opens the post at the first match, where n/N move between matches.  The
 * head counts every match; the list pages through all of them. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/search.h"
#include "catchup/text.h"
#include "uiint.h"

/* Hits are read a window at a time: the list holds every match (the true
 * count), and the window follows what is on screen. */
#define WINDOW 200

struct search_view {
    char *query;
    char *title;
    struct search_hit *hits; /* the window: hits off..off+n-1 of the list */
    size_t off, n;
    size_t total; /* matches in all */
    char *error;
    struct listnav nav;
    int rows; /* hits visible at the last draw */
};

/* Reads the window that starts at offset (a little before it, so moving
 * back a few lines reads nothing). */
static void fetch(struct ui *ui, struct search_view *sv, size_t offset)
{
    search_hits_free(sv->hits, sv->n);
    sv->hits = NULL;
    sv->n = 0;
    free(sv->error);
    sv->error = NULL;
    sv->off = offset > WINDOW / 4 ? offset - WINDOW / 4 : 0;
    struct cu_err e;
    if (search_run(ui->store, ui->group->key, sv->query, sv->off, WINDOW, &sv->hits, &sv->n,
                   &sv->total, NULL, &e) < 0) {
        /* a query FTS5 cannot read says how to write one */
        sv->error = xstrdup(e.msg);
        sv->total = 0;
    }
    sv->nav.count = (long)sv->total;
}

/* Makes hits from..from+count-1 readable (as far as the list goes). */
static void ensure(struct ui *ui, struct search_view *sv, long from, long count)
{
    if (sv->error || from < 0 || (size_t)from >= sv->total)
        return;
    size_t last = (size_t)(from + (count > 0 ? count : 1));
    if (last > sv->total)
        last = sv->total;
    if ((size_t)from < sv->off || last > sv->off + sv->n)
        fetch(ui, sv, (size_t)from);
}

/* Hit i of the list, or NULL when it is not in the window. */
static const struct search_hit *hit_at(const struct search_view *sv, long i)
{
    if (i < 0 || (size_t)i < sv->off || (size_t)i >= sv->off + sv->n)
        return NULL;
    return &sv->hits[(size_t)i - sv->off];
}

static void run(struct ui *ui, struct search_view *sv)
{
    fetch(ui, sv, (size_t)(sv->nav.top > 0 ? sv->nav.top : 0));
    listnav_clamp(&sv->nav, sv->rows > 0 ? sv->rows : 1);
}

/* Draws a snippet, its marked parts in the match style. */
static void draw_snippet(int y, int x, int w, const char *snip, attr_t base)
{
    int used = 0;
    bool on = false;
    const char *p = snip;
    while (*p && used < w) {
        const char *m = p;
        while (*m && *m != SEARCH_MARK_ON && *m != SEARCH_MARK_OFF)
            m++;
        char *part = xstrndup(p, (size_t)(m - p));
        used += draw_text(y, x + used, w - used, part, on ? theme_attr(TH_MATCH) : base);
        free(part);
        if (*m == SEARCH_MARK_ON)
            on = true;
        else if (*m == SEARCH_MARK_OFF)
            on = false;
        p = *m ? m + 1 : m;
    }
}

static void search_draw(struct view *v, struct ui *ui, int top, int height)
{
    struct search_view *sv = v->data;
    char head[320];
    char count[32];
    format_count(sv->total, count);
    if (sv->error)
        snprintf(head, sizeof(head), "%s", sv->error);
    else
        snprintf(
            head, sizeof(head), "%s %s for %s   (%s opens, %s/%s move in the post, %s goes back)",
            count, sv->total == 1 ? "match" : "matches", sv->query, keymap_first(ACT_ENTER),
            keymap_first(ACT_SEARCH_NEXT), keymap_first(ACT_SEARCH_PREV), keymap_first(ACT_BACK));
    draw_text(top, 1, COLS - 2, head, sv->error ? theme_attr(TH_STATUS_ERROR) : theme_attr(TH_DIM));
    sv->rows = (height - 2) / 3;
    if (sv->rows < 1)
        sv->rows = 1;
    listnav_clamp(&sv->nav, sv->rows);
    ensure(ui, sv, sv->nav.top, sv->rows);
    for (int r = 0; r < sv->rows && sv->nav.top + r < sv->nav.count; r++) {
        long i = sv->nav.top + r;
        const struct search_hit *h = hit_at(sv, i);
        if (!h)
            break;
        int y = top + 2 + r * 3;
        bool sel = i == sv->nav.sel;
        attr_t base = sel ? theme_attr(TH_SELECTION) : theme_attr(TH_NORMAL);
        draw_fill(y, 0, COLS, base);
        draw_fill(y + 1, 0, COLS, base);
        char date[11] = "no date";
        if (!strcmp(h->kind, SEARCH_HIT_BOARD))
            snprintf(date, sizeof(date), "board");
        else if (h->date && strlen(h->date) >= 10)
            snprintf(date, sizeof(date), "%.10s", h->date);
        int x = 1 + draw_text(y, 1, 11, date, sel ? base : theme_attr(TH_DATE));
        draw_text(y, x + 1, COLS - x - 2, h->title ? h->title : h->key,
                  sel ? base | A_BOLD : theme_attr(TH_TITLE) | A_BOLD);
        draw_snippet(y + 1, 3, COLS - 4, h->snippet, sel ? base : theme_attr(TH_DESCRIPTION));
    }
    if (!sv->error && !sv->total)
        draw_text_wrapped(top + 2, 3, COLS - 4, height - 2,
                          "Nothing matches. Try fewer words, or a prefix like sched*.",
                          theme_attr(TH_NORMAL));
}

/* The selected hit, read if it is outside the window; NULL when none. */
static const struct search_hit *selected(struct ui *ui, struct search_view *sv)
{
    ensure(ui, sv, sv->nav.sel, 1);
    return hit_at(sv, sv->nav.sel);
}

static void open_hit(struct ui *ui, struct search_view *sv)
{
    const struct search_hit *h = selected(ui, sv);
    if (!h)
        return;
    if (!strcmp(h->kind, SEARCH_HIT_BOARD)) {
        board_open_item(ui, h->key);
        return;
    }
    char *term = search_first_term(sv->query);
    reader_open_post(ui, h->key);
    struct view *r = ui_front(ui);
    if (*term && r->ops->find && !strcmp(r->ops->name, "reader")) {
        snprintf(ui->search, sizeof(ui->search), "%s", term);
        if (!r->ops->find(r, ui, term, 1))
            ui_message(ui, false, "the match is in the title or description");
    }
    free(term);
}

static bool search_action(struct view *v, struct ui *ui, enum action a)
{
    struct search_view *sv = v->data;
    if (listnav_action(&sv->nav, a, sv->rows > 0 ? sv->rows : 1))
        return true;
    switch (a) {
    case ACT_ENTER: open_hit(ui, sv); return true;
    case ACT_SEARCH_NEXT: listnav_action(&sv->nav, ACT_MOVE_DOWN, sv->rows); return true;
    case ACT_SEARCH_PREV: listnav_action(&sv->nav, ACT_MOVE_UP, sv->rows); return true;
    case ACT_OPEN: {
        const struct search_hit *h = selected(ui, sv);
        if (h && h->url)
            ui_open_url(ui, h->url);
        return true;
    }
    default: return false;
    }
}

static void search_click(struct view *v, struct ui *ui, int row, int col, bool twice)
{
    (void)col;
    struct search_view *sv = v->data;
    if (row < 2)
        return;
    long before = sv->nav.sel;
    listnav_click(&sv->nav, (row - 2) / 3, sv->rows);
    if (twice || before == sv->nav.sel)
        open_hit(ui, sv);
}

static void search_reload(struct view *v, struct ui *ui)
{
    run(ui, v->data);
}

static const char *search_title(struct view *v)
{
    return ((struct search_view *)v->data)->title;
}

static void search_position(struct view *v, char *out, size_t n)
{
    struct search_view *sv = v->data;
    if (sv->total)
        snprintf(out, n, "%ld/%zu", sv->nav.sel + 1, sv->total);
}

static void search_free(struct view *v)
{
    struct search_view *sv = v->data;
    search_hits_free(sv->hits, sv->n);
    free(sv->query);
    free(sv->title);
    free(sv->error);
    free(sv);
}

static const struct view_ops search_ops = {
    .name = "search",
    .scope = SCOPE_LIST,
    .draw = search_draw,
    .action = search_action,
    .reload = search_reload,
    .click = search_click,
    .title = search_title,
    .position = search_position,
    .free = search_free,
};

struct view *search_view_new(struct ui *ui, const char *query)
{
    struct view *v = xcalloc(1, sizeof(*v));
    struct search_view *sv = xcalloc(1, sizeof(*sv));
    sv->query = xstrdup(query);
    sv->title = xasprintf("Search: %s", query);
    v->ops = &search_ops;
    v->data = sv;
    run(ui, sv);
    return v;
}
