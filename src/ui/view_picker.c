/* view_picker.c: a small list of choices drawn over the view below it
 * (several recordings, the numbered links, the working groups).  Every
 * entry shows its number ("[3]"), and typing a number picks that entry, as
 * in mutt's and newsboat's lists: digits never switch panes here. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"
#include "uiint.h"

struct picker {
    char *title;
    struct strv items;
    int *numbers; /* shown before each entry; typing one picks it */
    int typed;    /* the number typed so far, while another could follow */
    struct listnav nav;
    void (*chosen)(struct ui *ui, size_t index, void *arg);
    void *arg;
    void (*free_arg)(void *arg);
    int box_top, box_h; /* where the list was drawn, for clicks */
};

static void picker_draw(struct view *v, struct ui *ui, int top, int height)
{
    struct picker *p = v->data;
    /* the view below stays visible around the box */
    if (v->below)
        v->below->ops->draw(v->below, ui, top, height);
    else
        ui_pane(ui, ui->pane)->ops->draw(ui_pane(ui, ui->pane), ui, top, height);
    int w = COLS - 8 > 100 ? 100 : COLS - 8;
    int rows = (int)p->items.n;
    int max_rows = height - 4;
    if (rows > max_rows)
        rows = max_rows;
    if (rows < 1)
        rows = 1;
    int h = rows + 2;
    int y0 = top + (height - h) / 2;
    int x0 = (COLS - w) / 2;
    attr_t box = theme_attr(TH_NORMAL);
    for (int y = y0; y < y0 + h; y++)
        draw_fill(y, x0, w, box);
    draw_box(y0, x0, h, w, theme_attr(TH_BORDER));
    char title[128];
    snprintf(title, sizeof(title), " %s ", p->title);
    draw_text(y0, x0 + 2, w - 4, title, theme_attr(TH_TITLE) | A_BOLD);
    listnav_clamp(&p->nav, rows);
    for (int r = 0; r < rows && p->nav.top + r < p->nav.count; r++) {
        long i = p->nav.top + r;
        attr_t a = i == p->nav.sel ? theme_attr(TH_SELECTION) : box;
        draw_fill(y0 + 1 + r, x0 + 1, w - 2, a);
        char *label = xasprintf("[%d] %s", p->numbers[i], p->items.v[i]);
        draw_text(y0 + 1 + r, x0 + 2, w - 4, label, a);
        free(label);
    }
    p->box_top = y0 + 1 - top;
    p->box_h = rows;
    v->height = rows;
}

static void choose(struct ui *ui, struct view *v)
{
    struct picker *p = v->data;
    size_t index = (size_t)p->nav.sel;
    void (*chosen)(struct ui *, size_t, void *) = p->chosen;
    void *arg = p->arg;
    void (*free_arg)(void *) = p->free_arg;
    p->arg = NULL; /* handed to the callback below */
    ui_pop(ui);
    if (chosen)
        chosen(ui, index, arg);
    if (free_arg)
        free_arg(arg);
}

static long entry_numbered(const struct picker *p, int n)
{
    for (long i = 0; i < p->nav.count; i++)
        if (p->numbers[i] == n)
            return i;
    return -1;
}

/* Whether an entry's number is longer than n and starts with its digits. */
static bool longer_number_follows(const struct picker *p, int n)
{
    for (long i = 0; i < p->nav.count; i++)
        for (int m = p->numbers[i]; m > n; m /= 10)
            if (m / 10 == n)
                return true;
    return false;
}

/* A digit: with what was typed before, the number of an entry.  The entry
 * is chosen at once unless a longer number could still follow ([1] when
 * there is a [12]): then it is selected, and Enter or the next digit
 * decides. */
static bool picker_key(struct view *v, struct ui *ui, int key)
{
    struct picker *p = v->data;
    if (key < '0' || key > '9') {
        p->typed = 0;
        return false;
    }
    int d = key - '0';
    int n = p->typed && p->typed < 100000 ? p->typed * 10 + d : d;
    long i = entry_numbered(p, n);
    if (i < 0 && n != d) {
        n = d;
        i = entry_numbered(p, n);
    }
    if (i < 0) {
        p->typed = 0;
        ui_message(ui, true, "no entry %d here", n);
        return true;
    }
    p->nav.sel = i;
    listnav_clamp(&p->nav, p->box_h > 0 ? p->box_h : 1);
    if (longer_number_follows(p, n)) {
        p->typed = n;
        return true;
    }
    p->typed = 0;
    choose(ui, v);
    return true;
}

static bool picker_action(struct view *v, struct ui *ui, enum action a)
{
    struct picker *p = v->data;
    if (listnav_action(&p->nav, a, p->box_h > 0 ? p->box_h : 5))
        return true;
    if (a == ACT_ENTER || a == ACT_OPEN) {
        if (p->nav.count)
            choose(ui, v);
        return true;
    }
    return false;
}

static void picker_click(struct view *v, struct ui *ui, int row, int col, bool twice)
{
    (void)col;
    (void)twice;
    struct picker *p = v->data;
    int r = row - p->box_top;
    if (r < 0 || r >= p->box_h) {
        ui_pop(ui);
        return;
    }
    long before = p->nav.sel;
    listnav_click(&p->nav, r, p->box_h);
    if (before == p->nav.sel || twice)
        choose(ui, v);
}

static bool picker_find(struct view *v, struct ui *ui, const char *pattern, int dir)
{
    (void)ui;
    struct picker *p = v->data;
    for (long k = 1; k <= p->nav.count; k++) {
        long i = ((p->nav.sel + dir * k) % p->nav.count + p->nav.count) % p->nav.count;
        if (text_find(p->items.v[i], pattern) >= 0) {
            p->nav.sel = i;
            return true;
        }
    }
    return false;
}

static const char *picker_title(struct view *v)
{
    return ((struct picker *)v->data)->title;
}

static void picker_free(struct view *v)
{
    struct picker *p = v->data;
    if (p->arg && p->free_arg)
        p->free_arg(p->arg);
    free(p->title);
    free(p->numbers);
    strv_free(&p->items);
    free(p);
}

static const struct view_ops picker_ops = {
    .name = "picker",
    .scope = SCOPE_LIST,
    .draw = picker_draw,
    .key = picker_key,
    .action = picker_action,
    .find = picker_find,
    .click = picker_click,
    .title = picker_title,
    .free = picker_free,
};

struct view *picker_new(const char *title, const struct strv *items,
                        void (*chosen)(struct ui *ui, size_t index, void *arg), void *arg,
                        void (*free_arg)(void *arg))
{
    struct view *v = xcalloc(1, sizeof(*v));
    struct picker *p = xcalloc(1, sizeof(*p));
    p->title = xstrdup(title);
    p->numbers = xcalloc(items->n + 1, sizeof(*p->numbers));
    for (size_t i = 0; i < items->n; i++) {
        strv_push(&p->items, items->v[i]);
        p->numbers[i] = (int)i + 1;
    }
    p->nav.count = (long)items->n;
    p->chosen = chosen;
    p->arg = arg;
    p->free_arg = free_arg;
    v->ops = &picker_ops;
    v->data = p;
    return v;
}

void picker_set_numbers(struct view *v, const int *numbers)
{
    struct picker *p = v->data;
    for (long i = 0; i < p->nav.count; i++)
        p->numbers[i] = numbers[i];
}

void picker_select(struct view *v, size_t index)
{
    struct picker *p = v->data;
    if ((long)index < p->nav.count)
        p->nav.sel = (long)index;
}
