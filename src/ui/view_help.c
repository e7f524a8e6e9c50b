/* view_help.c: the '?' screen, built from the action table with the keys in
 * effect (after [keys] rebinding), so it cannot drift from the dispatch. */
#define _GNU_SOURCE
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"
#include "uiint.h"

struct help_line {
    enum action action; /* ACT_NONE for a heading */
    const char *text;
};

struct help {
    struct help_line *lines;
    size_t n;
    long top;       /* in screen rows */
    long rows;      /* screen rows at the last draw */
    char head[128]; /* names the back key in effect */
};

static const char *scope_heading(enum scope s)
{
    switch (s) {
    case SCOPE_READER: return "In the reader";
    case SCOPE_LIST: return "In lists";
    default: return "Everywhere";
    }
}

/* Draws text from column x to the right margin, wrapped at spaces, on the
 * rows it needs from row *row on (counted from the help's first row; only
 * those from top to top + height are on screen); advances *row. */
static void draw_wrapped(const struct help *h, long *row, int top, int height, int x,
                         const char *text, attr_t attr)
{
    int w = COLS - 1 - x;
    const char *p = text;
    do {
        const char *next;
        size_t n = text_wrap_line(p, w, &next);
        long y = *row - h->top;
        if (y >= 0 && y < height) {
            char *part = xstrndup(p, n);
            draw_text(top + (int)y, x, w, part, attr);
            free(part);
        }
        (*row)++;
        p = next;
    } while (*p);
}

/* Keys, action name and help text in columns; a help text too long for its
 * column goes on under itself, so every line is whole at any width.  Below
 * 60 columns the action names (for [keys]) are left out. */
static long help_layout(struct help *h, int top, int height)
{
    bool names = COLS >= 60;
    int help_x = names ? 39 : 21;
    long row = 0;
    for (size_t i = 0; i < h->n; i++) {
        const struct help_line *l = &h->lines[i];
        if (l->action == ACT_NONE) {
            draw_wrapped(h, &row, top, height, 1, l->text,
                         theme_attr(l->text[0] ? TH_H2 : TH_NORMAL) | A_BOLD);
            continue;
        }
        const struct action_info *info = action_info(l->action);
        const char *keys = keymap_keys(l->action);
        long y = row - h->top;
        if (y >= 0 && y < height) {
            draw_text(top + (int)y, 2, 18, keys[0] ? keys : "(unbound)", theme_attr(TH_HELP_KEY));
            if (names)
                draw_text(top + (int)y, 21, 17, info->name, theme_attr(TH_DIM));
        }
        draw_wrapped(h, &row, top, height, help_x, info->help, theme_attr(TH_NORMAL));
    }
    return row;
}

static void help_draw(struct view *v, struct ui *ui, int top, int height)
{
    (void)ui;
    struct help *h = v->data;
    /* measure first (nothing is on screen at a top past every row) */
    long saved = h->top;
    h->top = LONG_MAX / 2;
    h->rows = help_layout(h, top, height);
    h->top = saved;
    if (h->top > h->rows - height)
        h->top = h->rows - height;
    if (h->top < 0)
        h->top = 0;
    help_layout(h, top, height);
}

static bool help_action(struct view *v, struct ui *ui, enum action a)
{
    (void)ui;
    struct help *h = v->data;
    int height = v->height > 0 ? v->height : 10;
    switch (a) {
    case ACT_MOVE_DOWN: h->top++; return true;
    case ACT_MOVE_UP: h->top--; return true;
    case ACT_PAGE_DOWN: h->top += height - 1; return true;
    case ACT_PAGE_UP: h->top -= height - 1; return true;
    case ACT_MOVE_FIRST: h->top = 0; return true;
    case ACT_MOVE_LAST: h->top = h->rows; return true;
    case ACT_HELP: ui_pop(ui); return true;
    default: return false;
    }
}

static const char *help_title(struct view *v)
{
    (void)v;
    return "Keys";
}

static void help_free(struct view *v)
{
    struct help *h = v->data;
    free(h->lines);
    free(h);
}

static const struct view_ops help_ops = {
    .name = "help",
    .scope = SCOPE_GLOBAL,
    .draw = help_draw,
    .action = help_action,
    .title = help_title,
    .free = help_free,
};

struct view *help_new(struct ui *ui)
{
    (void)ui;
    struct help *h = xcalloc(1, sizeof(*h));
    h->lines = xcalloc(ACT_COUNT + 3 * SCOPE_COUNT + 6, sizeof(*h->lines));
    snprintf(h->head, sizeof(h->head),
             "catchup " CATCHUP_VERSION " keys (%s goes back; rebind in [keys] of the config)",
             keymap_first(ACT_BACK));
    h->lines[h->n++] = (struct help_line){ACT_NONE, h->head};
    for (int s = 0; s < SCOPE_COUNT; s++) {
        bool any = false;
        for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
            if (action_info((enum action)a)->scope != (enum scope)s)
                continue;
            if (!any) {
                h->lines[h->n++] = (struct help_line){ACT_NONE, ""};
                h->lines[h->n++] = (struct help_line){ACT_NONE, scope_heading((enum scope)s)};
                any = true;
            }
            h->lines[h->n++] = (struct help_line){(enum action)a, NULL};
        }
    }
    h->lines[h->n++] = (struct help_line){ACT_NONE, ""};
    h->lines[h->n++] = (struct help_line){
        ACT_NONE, "Mouse: click selects, double-click opens, the wheel scrolls."};
    h->lines[h->n++] = (struct help_line){
        ACT_NONE, "In a list of choices ([1], [2] ...), typing a number picks that entry."};
    h->lines[h->n++] =
        (struct help_line){ACT_NONE, "Ctrl-C cancels the / prompt; anywhere else it quits."};
    struct view *v = xcalloc(1, sizeof(*v));
    v->ops = &help_ops;
    v->data = h;
    return v;
}
