/* view_start.c: the Start here pane: how to get involved, from the group's
 * own material.  The pane composes one Markdown document (Slack, mailing
 * list, the next meeting, issues that want help, the "How to Get Involved"
 * bullets of the latest posts, the onboarding page) and shows it through a
 * reader, so its links are numbered and 'l' lists them; it keeps the list
 * scope, so 1-4 still switch panes. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "involve.h"
#include "text.h"
#include "ui/uiint.h"
#include "ui/start.h"

/* How many of the latest posts give their "How to Get Involved" bullets. */
#define INVOLVE_POSTS 4

struct start {
    struct view *inner; /* the reader over the composed document */
    char *onboarding_url;
};

/* Markdown-escapes text from the config or the network for inline use. */
static void add_text(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|", *s))
            buf_add(b, "\\", 1);
        buf_add(b, s, 1);
    }
}

static void compose(struct ui *ui, struct buf *b, struct start *st)
{
    const struct group *g = ui->group;
    buf_adds(b, "# Get involved with the ");
    add_text(b, g->name);
    buf_adds(b, "\n\n");

    buf_adds(b, "## Talk to the group\n\n");
    for (size_t i = 0; i < g->slack.n; i++)
        buf_addf(b, "- **Slack**: <%s> (press s)\n", g->slack.v[i]);
    if (g->mailing_list)
        buf_addf(b, "- **Mailing list**: <%s>\n", g->mailing_list);
    if (g->meeting)
        buf_addf(b, "- **Meeting link**: <%s>\n", g->meeting);
    if (!g->slack.n && !g->mailing_list && !g->meeting)
        buf_adds(b, "- No Slack channel or mailing list configured (keys slack, mailing_list).\n");
    buf_adds(b, "\n");

    start_next_meeting(ui, b);
    start_help_wanted(ui, b);

    /* the bullets of the latest posts' "How to Get Involved" sections */
    struct post *rows = NULL;
    size_t n = 0;
    struct cu_err e;
    struct strv bullets = {0};
    if (store_posts_page(ui->store, g->key, 0, INVOLVE_POSTS, &rows, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++) {
            struct post p;
            if (store_post_get(ui->store, g->key, rows[i].id, &p, &e) == 1) {
                involve_collect(p.body, &bullets);
                post_free(&p);
            }
        }
    }
    if (bullets.n) {
        buf_adds(b, "## From the latest posts\n\n");
        for (size_t i = 0; i < bullets.n; i++)
            buf_addf(b, "- %s\n", bullets.v[i]);
        buf_adds(b, "\n");
    }
    strv_free(&bullets);
    posts_free(rows, n);

    struct page pg;
    free(st->onboarding_url);
    st->onboarding_url = NULL;
    if (store_page_get(ui->store, g->key, "onboarding", &pg)) {
        buf_adds(b, "---\n\n");
        /* the page's own headings, one level down, under its title */
        buf_adds(b, "## ");
        add_text(b, pg.title ? pg.title : "Onboarding");
        buf_adds(b, "\n\n");
        for (const char *p = pg.body ? pg.body : ""; *p;) {
            const char *eol = strchr(p, '\n');
            size_t len = eol ? (size_t)(eol - p + 1) : strlen(p);
            if (*p == '#' && len > 1 && (p[1] == '#' || p[1] == ' '))
                buf_add(b, "##", 2);
            buf_add(b, p, len);
            p += len;
        }
        buf_adds(b, "\n");
        st->onboarding_url = xstrdup(pg.url);
        page_free(&pg);
    } else if (g->onboarding.kind != SRC_NONE) {
        buf_adds(b, ui->refresh ? "*The onboarding page arrives with the refresh that is running.*\n"
                                : "*The onboarding page is not cached yet: press r to fetch it.*\n");
    }
}

static void start_reload(struct view *v, struct ui *ui)
{
    struct start *st = v->data;
    struct buf b;
    buf_init(&b, 0);
    compose(ui, &b, st);
    struct doc *d;
    struct cu_err e;
    if (doc_parse(b.data, b.len, NULL, &d, &e) == 0) {
        if (st->inner) {
            st->inner->ops->free(st->inner);
            free(st->inner);
        }
        st->inner = reader_new(ui, "Start here", d, NULL, st->onboarding_url);
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
    case ACT_OPEN_SLACK:
        ui_open_group_slack(ui);
        return true;
    case ACT_OPEN:
        if (st->onboarding_url)
            ui_open_url(ui, st->onboarding_url);
        else
            ui_message(ui, true, "no onboarding page to open; l lists the links here");
        return true;
    case ACT_MARK_UNREAD:
        return false;
    default:
        st->inner->height = v->height;
        return st->inner->ops->action(st->inner, ui, a);
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
