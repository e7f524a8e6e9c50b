/* startdoc.c: see startdoc.h. */
#define _GNU_SOURCE
#include "startdoc.h"

#include <stdlib.h>
#include <string.h>

#include "involve.h"

/* How many of the latest posts give their "How to Get Involved" bullets. */
#define INVOLVE_POSTS 4

/* Markdown-escapes text from the config or the network for inline use. */
static void add_text(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|", *s))
            buf_add(b, "\\", 1);
        buf_add(b, s, 1);
    }
}

/* Sections from the events and the board (filled by their modules). */
static void next_meeting(struct store *s, const struct group *g, time_t now, struct buf *b)
{
    (void)s;
    (void)g;
    (void)now;
    (void)b;
}

static void help_wanted(struct store *s, const struct group *g, struct buf *b)
{
    (void)s;
    (void)g;
    (void)b;
}

void startdoc_compose(struct store *s, const struct group *g, time_t now, unsigned flags,
                      struct buf *md, char **onboarding_url)
{
    struct buf *b = md;
    buf_adds(b, "# Get involved with the ");
    add_text(b, g->name);
    buf_adds(b, "\n\n");

    buf_adds(b, "## Talk to the group\n\n");
    for (size_t i = 0; i < g->slack.n; i++)
        buf_addf(b, "- **Slack**: <%s>%s\n", g->slack.v[i], flags & STARTDOC_KEYS ? " (press s)" : "");
    if (g->mailing_list)
        buf_addf(b, "- **Mailing list**: <%s>\n", g->mailing_list);
    if (g->meeting)
        buf_addf(b, "- **Meeting link**: <%s>\n", g->meeting);
    if (!g->slack.n && !g->mailing_list && !g->meeting)
        buf_adds(b, "- No Slack channel or mailing list configured (keys slack, mailing_list).\n");
    buf_adds(b, "\n");

    next_meeting(s, g, now, b);
    help_wanted(s, g, b);

    /* the bullets of the latest posts' "How to Get Involved" sections */
    struct post *rows = NULL;
    size_t n = 0;
    struct cu_err e;
    struct strv bullets = {0};
    if (store_posts_page(s, g->key, 0, INVOLVE_POSTS, &rows, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++) {
            struct post p;
            if (store_post_get(s, g->key, rows[i].id, &p, &e) == 1) {
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
    if (store_page_get(s, g->key, "onboarding", &pg)) {
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
        *onboarding_url = xstrdup(pg.url);
        page_free(&pg);
    } else if (g->onboarding.kind != SRC_NONE) {
        buf_adds(b, (flags & STARTDOC_REFRESHING) ? "*The onboarding page arrives with the refresh that is running.*\n"
                                : "*The onboarding page is not cached yet: press r to fetch it.*\n");
    }
}

