/* postview.c: see postview.h. */
#define _GNU_SOURCE
#include "catchup/postview.h"

#include <stdlib.h>
#include <string.h>

#include "catchup/board.h"
#include "catchup/feedhtml.h"
#include "catchup/store_board.h"
#include "catchup/text.h"

/* Backslash-escapes Markdown punctuation so a title stays literal text. */
static void add_escaped(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_{}[]()#+-.!<>|~&", *s))
            buf_add(b, "\\", 1);
        buf_add(b, s, 1);
    }
}

static void add_html_escaped(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            buf_adds(b, "&lt;");
        else if (*s == '>')
            buf_adds(b, "&gt;");
        else if (*s == '&')
            buf_adds(b, "&amp;");
        else
            buf_add(b, s, 1);
    }
}

/* A feed's entry: its body is HTML, and so is the head put above it. */
static int html_doc(const struct post *p, struct doc **out, struct cu_err *e)
{
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "<h1>");
    add_html_escaped(&b, p->title ? p->title : p->id);
    buf_adds(&b, "</h1><p><em>");
    if (p->date && strlen(p->date) >= 10)
        buf_add(&b, p->date, 10);
    else
        buf_adds(&b, "no date");
    if (!postview_id_is_date(p)) {
        buf_adds(&b, " · ");
        add_html_escaped(&b, p->id);
    }
    buf_adds(&b, "</em></p>");
    if (p->description && *p->description) {
        buf_adds(&b, "<p>");
        add_html_escaped(&b, p->description);
        buf_adds(&b, "</p>");
    }
    buf_adds(&b, "<hr>");
    if (p->body && p->body[strspn(p->body, " \t\r\n")])
        buf_adds(&b, p->body);
    else
        buf_adds(&b, "<p><em>(this post is empty)</em></p>");
    int rc = doc_parse_html(b.data, b.len, p->base_url, out, e);
    buf_free(&b);
    return rc;
}

/* Whether line (n bytes) is a level-one heading saying title: a Markdown
 * post's first line often repeats what it is titled by. */
static bool heading_is_title(const char *line, size_t n, const char *title)
{
    if (!title || n < 2 || line[0] != '#' || (line[1] != ' ' && line[1] != '\t'))
        return false;
    char *text = text_one_line(xstrndup(line + 2, n - 2));
    bool same = text && !strcmp(text, title);
    free(text);
    return same;
}

/* A Markdown body without a first heading that repeats the post's title:
 * the reader and the preview already show the title above it. */
static const char *body_after_title(const struct post *p)
{
    const char *body = p->body ? p->body : "";
    const char *s = body + strspn(body, " \t\r\n");
    size_t n = strcspn(s, "\n");
    return heading_is_title(s, n && s[n - 1] == '\r' ? n - 1 : n, p->title) ? s + n : body;
}

int postview_opening_doc(const struct post *p, struct doc **out, struct cu_err *e)
{
    if (p->format && !strcmp(p->format, "html")) {
        const char *body = p->body ? p->body : "";
        return doc_parse_html(body, strlen(body), p->base_url, out, e);
    }
    const char *s = body_after_title(p);
    bool issue = p->type && !strcmp(p->type, "issue");
    return doc_parse_flags(s, strlen(s), p->base_url, issue ? DOC_HARD_BREAKS : 0, out, e);
}

bool postview_id_is_date(const struct post *p)
{
    return p->id && p->date && strlen(p->date) >= 10 && strlen(p->id) == 10 &&
           !strncmp(p->id, p->date, 10);
}

bool postview_upcoming(const struct post *p, time_t now)
{
    if (!p->type || strcmp(p->type, "issue") || !p->date || strlen(p->date) < 10)
        return false;
    struct tm tm;
    char today[11];
    localtime_r(&now, &tm);
    strftime(today, sizeof(today), "%Y-%m-%d", &tm);
    return strncmp(p->date, today, 10) >= 0;
}

int postview_doc(const struct post *p, struct doc **out, struct cu_err *e)
{
    if (p->format && !strcmp(p->format, "html"))
        return html_doc(p, out, e);
    struct buf b;
    buf_init(&b, 0);
    if (p->fm_error) {
        /* first: the reader opens at the top */
        buf_adds(&b, "> **The front matter of this post is broken:** ");
        add_escaped(&b, p->fm_error);
        buf_adds(&b, ". It is shown without it, titled by its first heading (else its file "
                     "name).\n\n");
    }
    if (p->date_note) {
        buf_adds(&b, "> **Date:** ");
        add_escaped(&b, p->date_note);
        buf_adds(&b, p->date_source && !strcmp(p->date_source, "file name")
                         ? "; dated by its file name"
                     : p->date_source && !strcmp(p->date_source, "commit")
                         ? "; dated by its first commit"
                         : "; it has no date");
        buf_adds(&b, ".\n\n");
    }
    buf_adds(&b, "# ");
    add_escaped(&b, p->title ? p->title : p->id);
    buf_adds(&b, "\n\n*");
    if (p->date && strlen(p->date) >= 10)
        buf_add(&b, p->date, 10);
    else
        buf_adds(&b, "no date");
    if (!postview_id_is_date(p)) {
        buf_adds(&b, " · ");
        add_escaped(&b, p->id);
    }
    if (postview_upcoming(p, cu_now()))
        buf_adds(&b, " · **upcoming**: the agenda is open; add an item on GitHub");
    buf_adds(&b, "*\n\n");
    if (p->description && *p->description) {
        buf_adds(&b, p->description);
        buf_adds(&b, "\n\n");
    }
    buf_adds(&b, "---\n\n");
    const char *body = body_after_title(p);
    if (body[strspn(body, " \t\r\n")])
        buf_adds(&b, body);
    else
        buf_adds(&b, "*(this post is empty)*\n");
    if (postview_upcoming(p, cu_now())) {
        /* the reader's footer: where the agenda is added to */
        buf_adds(&b, "\n\n---\n\n*Upcoming meeting: to add an agenda item, open its issue "
                     "(o in the reader, or catchup open ");
        add_escaped(&b, p->id);
        buf_adds(&b, ") and comment there.*\n");
    }
    /* an issue reads as GitHub shows it: each line break a break */
    bool issue = p->type && !strcmp(p->type, "issue");
    int rc = doc_parse_flags(b.data, b.len, p->base_url, issue ? DOC_HARD_BREAKS : 0, out, e);
    buf_free(&b);
    return rc;
}

int postview_first_link(const struct doc *d, enum link_kind k)
{
    for (size_t i = 0; i < doc_nlinks(d); i++) {
        const struct doc_link *l = doc_link_at(d, i);
        if (l->kind == k)
            return l->n;
    }
    return 0;
}

void postview_badge_issues(struct doc *d, struct store *s, const char *grp)
{
    for (size_t i = 0; i < doc_nlinks(d); i++) {
        const struct doc_link *l = doc_link_at(d, i);
        char repo[256];
        int number;
        if (!board_issue_ref(l->url, repo, sizeof(repo), &number))
            continue;
        char *key = board_key(repo, number);
        char *state = store_board_state(s, grp, key);
        if (state)
            doc_set_link_badge(d, l->n, state);
        free(state);
        free(key);
    }
}
