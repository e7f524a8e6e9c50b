/* view_soon.c: panes whose sources are not built yet say what will appear
 * there and which config key feeds them. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/uiint.h"

struct soon {
    const char *what;
    char *detail;
};

static void soon_draw(struct view *v, struct ui *ui, int top, int height)
{
    (void)ui;
    (void)height;
    struct soon *s = v->data;
    draw_text(top + 1, 2, COLS - 4, s->what, theme_attr(TH_NORMAL));
    draw_text(top + 2, 2, COLS - 4, s->detail, theme_attr(TH_DIM));
}

static void soon_free(struct view *v)
{
    struct soon *s = v->data;
    free(s->detail);
    free(s);
}

static const struct view_ops soon_ops = {
    .name = "soon",
    .scope = SCOPE_LIST,
    .draw = soon_draw,
    .free = soon_free,
};

struct view *soon_new(const char *what, char *detail)
{
    struct view *v = xcalloc(1, sizeof(*v));
    struct soon *s = xcalloc(1, sizeof(*s));
    s->what = what;
    s->detail = detail;
    v->ops = &soon_ops;
    v->data = s;
    return v;
}
