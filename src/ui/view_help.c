/* view_help.c: the '?' screen, built from the action table with the keys in
 * effect (after [keys] rebinding), so it cannot drift from the dispatch. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/uiint.h"

struct help_line {
    enum action action; /* ACT_NONE for a heading */
    const char *text;
};

struct help {
    struct help_line *lines;
    size_t n;
    long top;
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

static void help_draw(struct view *v, struct ui *ui, int top, int height)
{
    (void)ui;
    struct help *h = v->data;
    if (h->top > (long)h->n - height)
        h->top = (long)h->n - height;
    if (h->top < 0)
        h->top = 0;
    for (int r = 0; r < height && h->top + r < (long)h->n; r++) {
        const struct help_line *l = &h->lines[h->top + r];
        int y = top + r;
        if (l->action == ACT_NONE) {
            draw_text(y, 1, COLS - 2, l->text, theme_attr(l->text[0] ? TH_H2 : TH_NORMAL) | A_BOLD);
            continue;
        }
        const struct action_info *info = action_info(l->action);
        const char *keys = keymap_keys(l->action);
        draw_text(y, 2, 18, keys[0] ? keys : "(unbound)", theme_attr(TH_HELP_KEY));
        draw_text(y, 21, 17, info->name, theme_attr(TH_DIM));
        draw_text(y, 39, COLS - 40, info->help, theme_attr(TH_NORMAL));
    }
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
    case ACT_MOVE_LAST: h->top = (long)h->n; return true;
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
    h->lines = xcalloc(ACT_COUNT + 3 * SCOPE_COUNT + 4, sizeof(*h->lines));
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
    struct view *v = xcalloc(1, sizeof(*v));
    v->ops = &help_ops;
    v->data = h;
    return v;
}
