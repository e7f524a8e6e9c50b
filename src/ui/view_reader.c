/* view_reader.c: the reader.  Shows a laid-out document (a post, an item's
 * details, a list of errors), scrolls by line and page, searches inside it,
 * and opens its numbered links. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/postview.h"
#include "catchup/text.h"
#include "uiint.h"

struct reader {
    char *title;
    char *post_id; /* or NULL */
    bool unread;   /* the post's state as u last left it */
    char *url;     /* what 'o' opens, or NULL */
    struct doc *doc;
    struct doc_layout *layout;
    int layout_width;
    long top;
    bool at_end;     /* scrolled to the end: it stays there across sizes */
    long match_line; /* line of the current search hit, -1 none */
    char *pattern;
    /* posts Enter opens (an item's "Mentioned in"): ids and picker labels */
    struct strv post_ids, post_labels;
};

static int text_width_for(void)
{
    int w = COLS - 2;
    return w > 100 ? 100 : w;
}

static void relayout(struct reader *r)
{
    int w = text_width_for();
    if (r->layout && r->layout_width == w)
        return;
    /* keep roughly the same place in the text across widths; a first
     * layout keeps the line it was given (reader_keep_place) */
    if (r->layout && r->layout->nlines) {
        double frac = (double)r->top / (double)r->layout->nlines;
        doc_layout_free(r->layout);
        r->layout = doc_layout(r->doc, w, DOC_LAYOUT_LINKS);
        r->top = (long)(frac * (double)r->layout->nlines);
    } else {
        doc_layout_free(r->layout);
        r->layout = doc_layout(r->doc, w, DOC_LAYOUT_LINKS);
    }
    r->layout_width = w;
    r->match_line = -1;
}

static long max_top(struct reader *r, int height)
{
    long m = (long)r->layout->nlines - height;
    return m < 0 ? 0 : m;
}

static void reader_draw(struct view *v, struct ui *ui, int top, int height)
{
    (void)ui;
    struct reader *r = v->data;
    relayout(r);
    if (r->at_end || r->top > max_top(r, height))
        r->top = max_top(r, height);
    int x = COLS >= r->layout_width + 2 ? (COLS - r->layout_width) / 2 : 1;
    for (int i = 0; i < height && r->top + i < (long)r->layout->nlines; i++) {
        long ln = r->top + i;
        attr_t base = ln == r->match_line ? A_BOLD : 0;
        draw_doc_line(top + i, x, r->layout_width, &r->layout->lines[ln], r->pattern, base);
    }
}

static void reader_position(struct view *v, char *out, size_t n)
{
    struct reader *r = v->data;
    long total = r->layout ? (long)r->layout->nlines : 0;
    long h = v->height > 0 ? v->height : 1;
    if (total <= h)
        snprintf(out, n, "all");
    else if (r->top == 0)
        snprintf(out, n, "top");
    else if (r->top + h >= total)
        snprintf(out, n, "end");
    else
        snprintf(out, n, "%ld%%", (r->top + h) * 100 / total);
}

static void open_link(struct ui *ui, struct reader *r, int n)
{
    if (n < 1 || (size_t)n > doc_nlinks(r->doc)) {
        ui_message(ui, true, "there is no link %d here (l lists them)", n);
        return;
    }
    ui_open_url(ui, doc_link_at(r->doc, (size_t)n - 1)->url);
}

static void link_chosen(struct ui *ui, size_t index, void *arg)
{
    /* arg: the link numbers offered, as an int array */
    int *numbers = arg;
    struct view *v = ui_front(ui);
    /* the picker has been popped; the reader is in front again */
    if (v->ops->name && !strcmp(v->ops->name, "reader"))
        open_link(ui, v->data, numbers[index]);
}

static void pick_links(struct ui *ui, struct reader *r, int kind, const char *what)
{
    struct strv items = {0};
    int *numbers = xcalloc(doc_nlinks(r->doc) + 1, sizeof(int));
    size_t n = 0;
    for (size_t i = 0; i < doc_nlinks(r->doc); i++) {
        const struct doc_link *l = doc_link_at(r->doc, i);
        if (kind >= 0 && (int)l->kind != kind && !(kind == LINK_ISSUE && l->kind == LINK_PR))
            continue;
        const char *text = l->text && *l->text && strcmp(l->text, l->url) ? l->text : "";
        strv_push_take(&items, xasprintf("%s%s%s", text, *text ? " — " : "", l->url));
        numbers[n++] = l->n;
    }
    if (n == 0) {
        if (kind == LINK_SLACK && ui->group->slack.n) {
            ui_open_group_slack(ui);
        } else if (r->post_id) {
            ui_message(ui, true, "this post mentions no %s", what);
        } else {
            ui_message(ui, true, "no %s here", what);
        }
        free(numbers);
    } else if (n == 1 && kind >= 0) {
        open_link(ui, r, numbers[0]);
        free(numbers);
    } else {
        char title[64];
        snprintf(title, sizeof(title), kind >= 0 ? "Which %s?" : "Links", what);
        struct view *picker = picker_new(title, &items, link_chosen, numbers, free);
        picker_set_numbers(picker, numbers);
        ui_push(ui, picker);
    }
    strv_free(&items);
}

static bool reader_find(struct view *v, struct ui *ui, const char *pattern, int dir);

static void post_chosen(struct ui *ui, size_t index, void *arg)
{
    struct strv *ids = arg;
    if (index < ids->n)
        reader_open_post(ui, ids->v[index]);
}

static void free_ids(void *arg)
{
    strv_free(arg);
    free(arg);
}

/* Enter: the post, or a picker when several mention what is shown. */
static void open_posts(struct ui *ui, struct reader *r)
{
    if (r->post_ids.n == 1) {
        reader_open_post(ui, r->post_ids.v[0]);
    } else if (r->post_ids.n > 1) {
        struct strv *ids = xcalloc(1, sizeof(*ids));
        for (size_t i = 0; i < r->post_ids.n; i++)
            strv_push(ids, r->post_ids.v[i]);
        ui_push(ui, picker_new("Which post?", &r->post_labels, post_chosen, ids, free_ids));
    }
}

static bool reader_action(struct view *v, struct ui *ui, enum action a)
{
    struct reader *r = v->data;
    relayout(r);
    int h = v->height > 0 ? v->height : 10;
    switch (a) {
    case ACT_MOVE_DOWN: r->top++; break;
    case ACT_MOVE_UP: r->top--; break;
    case ACT_PAGE_DOWN: r->top += h > 2 ? h - 2 : 1; break;
    case ACT_PAGE_UP: r->top -= h > 2 ? h - 2 : 1; break;
    case ACT_MOVE_FIRST: r->top = 0; break;
    case ACT_MOVE_LAST: r->top = max_top(r, h); break;
    case ACT_OPEN_RECORDING: pick_links(ui, r, LINK_RECORDING, "recording"); return true;
    case ACT_OPEN_ISSUE: pick_links(ui, r, LINK_ISSUE, "issue"); return true;
    case ACT_OPEN_SLACK: pick_links(ui, r, LINK_SLACK, "Slack channel"); return true;
    case ACT_LINKS: pick_links(ui, r, -1, "links"); return true;
    case ACT_LINK_1:
    case ACT_LINK_2:
    case ACT_LINK_3:
    case ACT_LINK_4:
    case ACT_LINK_5:
    case ACT_LINK_6:
    case ACT_LINK_7:
    case ACT_LINK_8:
    case ACT_LINK_9: open_link(ui, r, a - ACT_LINK_1 + 1); return true;
    case ACT_OPEN:
        if (r->url)
            ui_open_url(ui, r->url);
        else if (doc_nlinks(r->doc))
            ui_message(ui, true, "this has no web address; %s lists its links",
                       keymap_first(ACT_LINKS));
        else
            ui_message(ui, true, "this has no web address and no links");
        return true;
    case ACT_MARK_UNREAD: {
        /* only a post is read or unread: elsewhere the key is "not here" */
        if (!r->post_id)
            return false;
        struct cu_err e;
        if (store_post_set_unread(ui->store, ui->group->key, r->post_id, !r->unread, &e) < 0) {
            ui_message(ui, true, "%s", e.msg);
        } else {
            r->unread = !r->unread;
            ui_message(ui, false, "marked %s", r->unread ? "unread" : "read");
        }
        ui_pane(ui, PANE_POSTS)->ops->reload(ui_pane(ui, PANE_POSTS), ui);
        return true;
    }
    case ACT_ENTER:
        /* Enter opens the posts that mention what is shown, if any */
        if (!r->post_ids.n)
            return false;
        open_posts(ui, r);
        return true;
    default: return false;
    }
    if (r->top > max_top(r, h))
        r->top = max_top(r, h);
    if (r->top < 0)
        r->top = 0;
    /* at the end is a place of its own, not a fraction of the text */
    r->at_end = r->top > 0 && r->top == max_top(r, h);
    return true;
}

static bool reader_find(struct view *v, struct ui *ui, const char *pattern, int dir)
{
    (void)ui;
    struct reader *r = v->data;
    relayout(r);
    free(r->pattern);
    r->pattern = xstrdup(pattern);
    long n = (long)r->layout->nlines;
    long from = r->match_line >= 0 ? r->match_line : r->top - (dir > 0 ? 1 : 0);
    for (long k = 1; k <= n; k++) {
        long i = ((from + dir * k) % n + n) % n;
        char *t = doc_line_text(&r->layout->lines[i]);
        bool hit = text_find(t, pattern) >= 0;
        free(t);
        if (hit) {
            r->match_line = i;
            int h = v->height > 0 ? v->height : 10;
            if (i < r->top || i >= r->top + h)
                r->top = i - h / 3 < 0 ? 0 : i - h / 3;
            if (r->top > max_top(r, h))
                r->top = max_top(r, h);
            r->at_end = false;
            return true;
        }
    }
    return false;
}

static const char *reader_title(struct view *v)
{
    return ((struct reader *)v->data)->title;
}

static void reader_free(struct view *v)
{
    struct reader *r = v->data;
    free(r->title);
    free(r->post_id);
    free(r->url);
    free(r->pattern);
    strv_free(&r->post_ids);
    strv_free(&r->post_labels);
    doc_layout_free(r->layout);
    doc_free(r->doc);
    free(r);
}

static const struct view_ops reader_ops = {
    .name = "reader",
    .scope = SCOPE_READER,
    .draw = reader_draw,
    .action = reader_action,
    .find = reader_find,
    .title = reader_title,
    .position = reader_position,
    .free = reader_free,
};

struct view *reader_new(struct ui *ui, const char *title, struct doc *d, const char *post_id,
                        const char *url)
{
    (void)ui;
    struct view *v = xcalloc(1, sizeof(*v));
    struct reader *r = xcalloc(1, sizeof(*r));
    r->title = xstrdup(title);
    r->post_id = xstrdup(post_id);
    r->url = xstrdup(url);
    r->doc = d;
    r->match_line = -1;
    v->ops = &reader_ops;
    v->data = r;
    return v;
}

void reader_keep_place(struct view *v, const struct view *old)
{
    struct reader *r = v->data;
    const struct reader *o = old->data;
    r->top = o->top; /* the draw clamps it to the new text */
    r->at_end = o->at_end;
}

void reader_set_posts(struct view *v, struct strv *ids, struct strv *labels)
{
    struct reader *r = v->data;
    strv_free(&r->post_ids);
    strv_free(&r->post_labels);
    r->post_ids = *ids;
    r->post_labels = *labels;
    *ids = (struct strv){0};
    *labels = (struct strv){0};
}

void reader_open_post(struct ui *ui, const char *post_id)
{
    struct post p;
    struct cu_err e;
    int found = store_post_get(ui->store, ui->group->key, post_id, &p, &e);
    if (found <= 0) {
        ui_message(ui, true, "%s", found < 0 ? e.msg : "that post is no longer cached");
        return;
    }
    struct doc *d;
    if (postview_doc(&p, &d, &e) < 0) {
        ui_message(ui, true, "%s: %s", p.id, e.msg);
        post_free(&p);
        return;
    }
    postview_badge_issues(d, ui->store, ui->group->key);
    struct view *v = reader_new(ui, p.title, d, p.id, p.url);
    /* opening it marks it read, unless the cache is read-only */
    ((struct reader *)v->data)->unread = p.unread && store_readonly(ui->store);
    ui_push(ui, v);
    if (p.fm_error)
        ui_message(ui, true, "%s: its front matter is broken; shown without it", p.id);
    else if (postview_upcoming(&p, cu_now()))
        ui_message(ui, false, "%s: " POSTVIEW_UPCOMING_HINT, p.id);
    if (p.unread && !store_readonly(ui->store)) {
        store_post_set_unread(ui->store, ui->group->key, p.id, false, NULL);
        ui_pane(ui, PANE_POSTS)->ops->reload(ui_pane(ui, PANE_POSTS), ui);
    }
    post_free(&p);
}
